"""Unit tests for roles.graph: pure functions on plain data, no database."""

import itertools
import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roles.pathways import graph
from roles.pathways import layout as map_layout
from roles.pathways import routes as routing
from roles.pathways.graph import Edge, Node

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def seed_graph() -> tuple[list[Node], list[Edge]]:
    """The real content's roles and links, read straight from the fixtures."""
    roles = json.loads((FIXTURES / "roles.json").read_text(encoding="utf-8"))
    links = json.loads((FIXTURES / "progression_links.json").read_text(encoding="utf-8"))
    return graph.from_fixture_records(roles, links)


def dense_graph(seed: int = 4, per_level: int = 6, edge_count: int = 160) -> tuple[list[Node], list[Edge]]:
    """Eight levels of roles with many links: forwards, backwards, within a level, and cycles."""
    rng = random.Random(seed)
    nodes = [
        Node(f"role-{level}-{n}", f"Synthetic role {level}.{n} with a longish title", level)
        for level in range(1, 9)
        for n in range(per_level)
    ]
    pairs = [(a.key, b.key) for a, b in itertools.permutations(nodes, 2)]
    chosen = rng.sample(pairs, edge_count)
    return nodes, [Edge(s, t, common=rng.random() < 0.5, label=rng.choice(["", "18 months"])) for s, t in chosen]


def segment_meets_box(p, q, box, *, touching: bool) -> bool:
    """Whether an axis-aligned segment enters a box (touching=False) or even touches its edge (True)."""
    x1, x2 = sorted((p[0], q[0]))
    y1, y2 = sorted((p[1], q[1]))
    if touching:
        return x1 <= box.right and x2 >= box.x and y1 <= box.bottom and y2 >= box.y
    return x1 < box.right and x2 > box.x and y1 < box.bottom and y2 > box.y


def on_border(point, box) -> bool:
    x, y = point
    return (x in (box.x, box.right) and box.y < y < box.bottom) or (y in (box.y, box.bottom) and box.x < x < box.right)


def routing_problems(layout: map_layout.MapLayout) -> list[str]:
    """Everything wrong with the routing: an empty list means every arrow is drawn as promised."""
    problems = []
    boxes = {box.key: box for box in layout.boxes}
    for edge in layout.edges:
        name = f"{edge.source} → {edge.target}"
        ends = {edge.source, edge.target}
        if not on_border(edge.points[0], boxes[edge.source]):
            problems.append(f"{name} does not start on its box's edge")
        if not on_border(edge.points[-1], boxes[edge.target]):
            problems.append(f"{name} does not end on its box's edge")
        for p, q in edge.segments():
            if p[0] != q[0] and p[1] != q[1]:
                problems.append(f"{name} has a diagonal segment {p}–{q}")
            for box in layout.boxes:
                if segment_meets_box(p, q, box, touching=box.key not in ends):
                    problems.append(f"{name} segment {p}–{q} crosses the box of {box.key}")
        last_p, last_q = edge.segments()[-1]
        if last_p[1] != last_q[1] or abs(last_p[0] - last_q[0]) < 9:
            problems.append(f"{name} has no room for its arrowhead")
    return problems


def overlapping_runs(layout: map_layout.MapLayout) -> list[str]:
    """Pairs of arrows that run along the same line, which would look like one arrow."""
    runs = []
    for edge in layout.edges:
        for p, q in edge.segments():
            runs.append((edge.source, edge.target, p, q))
    found = []
    for (s1, t1, p1, q1), (s2, t2, p2, q2) in itertools.combinations(runs, 2):
        if (s1, t1) == (s2, t2):
            continue
        if p1[1] == q1[1] == p2[1] == q2[1]:  # both horizontal on one line
            a1, b1 = sorted((p1[0], q1[0]))
            a2, b2 = sorted((p2[0], q2[0]))
        elif p1[0] == q1[0] == p2[0] == q2[0]:  # both vertical on one line
            a1, b1 = sorted((p1[1], q1[1]))
            a2, b2 = sorted((p2[1], q2[1]))
        else:
            continue
        if min(b1, b2) - max(a1, a2) > 0:
            found.append(f"{s1}→{t1} and {s2}→{t2} overlap")
    return found


# --- Layout -------------------------------------------------------------------------------------------------------


def test_titles_wrap_on_words_to_fit_the_box():
    assert map_layout.wrap("Registered manager of a care service", 17) == ["Registered", "manager of a care", "service"]
    assert map_layout.wrap("Antidisestablishmentarianism works", 10) == ["Antidisestablishmentarianism", "works"]
    assert map_layout.wrap("", 10) == [""]


def test_roles_sit_in_one_column_per_level_lowest_on_the_left():
    nodes, edges = seed_graph()
    layout = map_layout.layout_map(nodes, edges)
    levels_by_column = {}
    for box in layout.boxes:
        levels_by_column.setdefault(box.column, set()).add(box.level)
    assert all(len(levels) == 1 for levels in levels_by_column.values())
    ordered = [levels_by_column[c].pop() for c in sorted(levels_by_column)]
    assert ordered == sorted(ordered) == [2, 3, 4, 5, 6, 7]
    assert len(layout.boxes) == len(nodes)


def test_columns_have_level_and_band_headings_as_on_the_ifate_map():
    nodes, edges = seed_graph()
    layout = map_layout.layout_map(nodes, edges)
    level_text = [h.lines[0].text for h in layout.headings if h.kind == "level"]
    band_text = [" ".join(line.text for line in h.lines) for h in layout.headings if h.kind == "band"]
    assert level_text == [f"Level {n}" for n in range(2, 8)]
    assert band_text == [
        "Technical occupations, levels 2–3",
        "Higher technical occupations, levels 4–5",
        "Professional occupations, levels 6–7",
    ]


def test_crossing_reduction_untangles_a_simple_cross():
    nodes = [Node("a1", "A1", 2), Node("a2", "A2", 2), Node("b1", "B1", 3), Node("b2", "B2", 3)]
    edges = [Edge("a1", "b2"), Edge("a2", "b1")]
    assert map_layout.count_crossings(map_layout.initial_columns(nodes), edges) == 1
    assert map_layout.count_crossings(map_layout.order_columns(nodes, edges), edges) == 0


def test_crossing_reduction_never_makes_the_seed_map_worse():
    nodes, edges = seed_graph()
    before = map_layout.count_crossings(map_layout.initial_columns(nodes), edges)
    after = map_layout.count_crossings(map_layout.order_columns(nodes, edges), edges)
    assert after < before


def test_same_data_in_any_order_gives_the_same_layout():
    nodes, edges = seed_graph()
    expected = map_layout.layout_map(nodes, edges, focus="deputy-manager")
    rng = random.Random(7)
    for _ in range(5):
        shuffled_nodes, shuffled_edges = nodes[:], edges[:]
        rng.shuffle(shuffled_nodes)
        rng.shuffle(shuffled_edges)
        assert map_layout.layout_map(shuffled_nodes, shuffled_edges, focus="deputy-manager") == expected


def test_no_arrow_crosses_a_role_box_on_the_seed_map():
    nodes, edges = seed_graph()
    layout = map_layout.layout_map(nodes, edges)
    assert len(layout.edges) == len(edges)
    assert routing_problems(layout) == []
    assert overlapping_runs(layout) == []


def test_no_arrow_crosses_a_role_box_on_a_dense_synthetic_map():
    nodes, edges = dense_graph()
    layout = map_layout.layout_map(nodes, edges)
    assert len(layout.edges) == len(edges)
    assert routing_problems(layout) == []
    assert overlapping_runs(layout) == []


def label_box(edge: map_layout.RoutedEdge) -> tuple[int, int, int, int]:
    width = round(len(edge.label) * map_layout.LABEL_CHAR_WIDTH)
    left = edge.label_x - width if edge.label_anchor == "end" else edge.label_x
    return left, edge.label_y - 12, left + width, edge.label_y + 3


def apart(a, b) -> bool:
    return a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


@pytest.mark.parametrize("focus", sorted(node.key for node in seed_graph()[0]))
def test_focused_maps_mark_the_focus_and_labels_clear_boxes_and_each_other(focus):
    nodes, edges = seed_graph()
    near = [e for e in edges if focus in (e.source, e.target)]
    keys = {focus} | {e.source for e in near} | {e.target for e in near}
    labelled = [Edge(e.source, e.target, e.common, label="time not recorded") for e in near]
    layout = map_layout.layout_map([n for n in nodes if n.key in keys], labelled, focus=focus)
    assert [box.key for box in layout.boxes if box.focus] == [focus]
    assert routing_problems(layout) == []
    labels = [label_box(edge) for edge in layout.edges]
    for edge, label in zip(layout.edges, labels, strict=True):
        for box in layout.boxes:
            assert apart(label, (box.x, box.y, box.right, box.bottom)), f"{edge.source}→{edge.target} on {box.key}"
    for a, b in itertools.combinations(labels, 2):
        assert apart(a, b), "two labels overlap"


def test_links_to_unknown_roles_and_to_itself_are_left_out():
    nodes = [Node("a", "A", 2), Node("b", "B", 3)]
    layout = map_layout.layout_map(nodes, [Edge("a", "b"), Edge("a", "ghost"), Edge("b", "b")])
    assert [(e.source, e.target) for e in layout.edges] == [("a", "b")]


def test_an_empty_map_has_no_size():
    assert map_layout.layout_map([], []) == map_layout.MapLayout(0, 0, (), (), (), ())


def test_path_data_is_compact_svg():
    edge = map_layout.RoutedEdge("a", "b", True, ((1, 2), (30, 2), (30, 40)))
    assert edge.path == "M1 2 L30 2 L30 40"


@st.composite
def small_graphs(draw):
    levels = draw(st.lists(st.integers(min_value=1, max_value=8), min_size=1, max_size=12))
    nodes = [Node(f"n{i}", f"Role number {i}", level) for i, level in enumerate(levels)]
    pairs = [(a.key, b.key) for a, b in itertools.permutations(nodes, 2)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=24, unique=True)) if pairs else []
    return nodes, [Edge(s, t, common=draw(st.booleans())) for s, t in chosen]


@settings(max_examples=60, deadline=None)
@given(small_graphs())
def test_any_graph_routes_without_crossing_boxes_or_sharing_lines(data):
    nodes, edges = data
    layout = map_layout.layout_map(nodes, edges)
    assert routing_problems(layout) == []
    assert overlapping_runs(layout) == []


# --- Routes -------------------------------------------------------------------------------------------------------


def edge(source, target, months=None, *, common=True, upper=None):
    return Edge(source, target, common=common, months_min=months, months_max=upper if upper is not None else months)


def test_fewest_steps_wins_over_a_shorter_time():
    edges = [edge("a", "b", 1), edge("b", "c", 1), edge("c", "d", 1), edge("a", "x", 100), edge("x", "d", 100)]
    assert routing.find_routes(edges, "a", "d")[0].nodes == ("a", "x", "d")


def test_equal_steps_then_least_typical_time():
    edges = [edge("a", "b", 12), edge("b", "d", 12), edge("a", "c", 6), edge("c", "d", 6)]
    routes = routing.find_routes(edges, "a", "d")
    assert [r.nodes for r in routes] == [("a", "c", "d"), ("a", "b", "d")]


def test_a_route_with_known_times_beats_one_with_unknown_times():
    edges = [edge("a", "b"), edge("b", "d"), edge("a", "c", 24), edge("c", "d", 24)]
    assert routing.find_routes(edges, "a", "d")[0].nodes == ("a", "c", "d")


def test_full_ties_break_on_common_moves_then_role_keys():
    edges = [edge("a", "c", 6, common=False), edge("c", "d", 6), edge("a", "b", 6), edge("b", "d", 6)]
    assert routing.find_routes(edges, "a", "d")[0].nodes == ("a", "b", "d")
    tied = [edge("a", "c", 6), edge("c", "d", 6), edge("a", "b", 6), edge("b", "d", 6)]
    assert [r.nodes for r in routing.find_routes(tied, "a", "d")] == [("a", "b", "d"), ("a", "c", "d")]


def test_cycles_do_not_trap_the_search_and_routes_never_revisit_a_role():
    edges = [edge("a", "b", 1), edge("b", "a", 1), edge("b", "c", 1), edge("c", "a", 1), edge("c", "d", 1)]
    routes = routing.find_routes(edges, "a", "d")
    assert routes[0].nodes == ("a", "b", "c", "d")
    assert all(len(set(r.nodes)) == len(r.nodes) for r in routes)


def test_unreachable_role_gives_no_route():
    edges = [edge("a", "b"), edge("c", "d")]
    assert routing.find_routes(edges, "a", "d") == []
    assert routing.find_routes(edges, "a", "nowhere") == []
    assert routing.find_routes(edges, "a", "a") == []


def test_up_to_two_alternatives_best_first_and_all_different():
    edges = [edge(s, t, 1) for s, t in [("a", "b"), ("b", "e"), ("a", "c"), ("c", "e"), ("a", "d"), ("d", "e")]]
    edges.append(edge("a", "e", 50))
    routes = routing.find_routes(edges, "a", "e")
    assert len(routes) == 3
    assert routes[0].nodes == ("a", "e")
    assert len({r.nodes for r in routes}) == 3
    assert [r.cost for r in routes] == sorted(r.cost for r in routes)


def ladder(rungs: int) -> list:
    """Two parallel moves at every rung, so a route of `rungs` steps has many alternatives."""
    edges = []
    for n in range(rungs):
        edges += [edge(f"r{n}", f"r{n + 1}", 6), edge(f"r{n}", f"x{n}", 3), edge(f"x{n}", f"r{n + 1}", 3)]
    return edges


def test_alternatives_are_offered_up_to_the_step_limit_and_only_the_best_route_beyond():
    limit = routing.ALTERNATIVES_UP_TO_STEPS
    short = routing.find_routes(ladder(limit), "r0", f"r{limit}")
    assert [r.steps for r in short] == [limit, limit + 1, limit + 1]
    long = routing.find_routes(ladder(limit + 1), "r0", f"r{limit + 1}")
    assert [r.steps for r in long] == [limit + 1]
    assert long[0].nodes == tuple(f"r{n}" for n in range(limit + 2))


def test_fewer_alternatives_when_fewer_routes_exist():
    assert len(routing.find_routes([edge("a", "b")], "a", "b")) == 1


def test_route_cost_counts_steps_unknown_times_and_months():
    edges = [edge("a", "b", 18), edge("b", "c"), edge("c", "d", 24, upper=36, common=False)]
    (route,) = routing.find_routes(edges, "a", "d")
    assert route.steps == 3
    assert route.cost == (3, 1, 42, 54, 1)


def test_a_lower_bound_alone_counts_as_the_time():
    assert routing.step_cost(Edge("a", "b", months_min=36)) == (1, 0, 36, 36, 0)


def test_seed_route_from_adult_care_worker_to_registered_manager():
    _, edges = seed_graph()
    routes = routing.find_routes(edges, "adult-care-worker", "registered-manager")
    assert routes[0].nodes == ("adult-care-worker", "senior-care-worker", "deputy-manager", "registered-manager")
    assert len(routes) == 3
    assert [route.steps for route in routes] == [3, 3, 3]


def test_routes_are_the_same_whatever_order_the_links_come_in():
    _, edges = seed_graph()
    expected = routing.find_routes(edges, "adult-care-worker", "service-manager")
    shuffled = edges[:]
    random.Random(3).shuffle(shuffled)
    assert routing.find_routes(shuffled, "adult-care-worker", "service-manager") == expected


def all_simple_routes(edges, start, goal):
    out = {}
    for e in edges:
        out.setdefault(e.source, []).append(e)
    found = []

    def walk(node, path, steps):
        if node == goal:
            cost = routing.ZERO_COST
            for step in steps:
                cost = tuple(a + b for a, b in zip(cost, routing.step_cost(step), strict=True))
            found.append((cost, path))
            return
        for e in out.get(node, []):
            if e.target not in path:
                walk(e.target, (*path, e.target), (*steps, e))

    walk(start, (start,), ())
    return sorted(found)


@st.composite
def routed_graphs(draw):
    count = draw(st.integers(min_value=2, max_value=7))
    keys = [f"r{i}" for i in range(count)]
    pairs = [(a, b) for a, b in itertools.permutations(keys, 2)]
    chosen = draw(st.lists(st.sampled_from(pairs), max_size=18, unique=True))
    months = st.one_of(st.none(), st.integers(min_value=0, max_value=48))
    edges = [Edge(s, t, common=draw(st.booleans()), months_min=draw(months)) for s, t in chosen]
    edges = [Edge(e.source, e.target, e.common, e.months_min, e.months_min) for e in edges]
    return edges, keys[0], keys[-1]


@settings(max_examples=150, deadline=None)
@given(routed_graphs())
def test_routes_match_an_exhaustive_search(data):
    edges, start, goal = data
    expected = all_simple_routes(edges, start, goal)[:3]
    found = routing.find_routes(edges, start, goal)
    assert [(r.cost, r.nodes) for r in found] == expected


def test_nearest_roles_that_lead_to_an_unreachable_goal():
    nodes, edges = seed_graph()
    levels = {n.key: n.level for n in nodes}
    assert routing.find_routes(edges, "social-worker", "deputy-manager") == []
    nearby = routing.roles_leading_to(edges, "deputy-manager", start="social-worker", levels=levels)
    assert nearby == [
        ("nurse-in-social-care", 1),
        ("assistant-manager", 1),
        ("lead-practitioner", 1),
        ("care-trainer", 1),
        ("home-care-coordinator", 1),
    ]


def test_no_role_leads_to_an_entry_role():
    _, edges = seed_graph()
    assert routing.roles_leading_to(edges, "new-care-worker", start="social-worker", levels={}) == []


@pytest.mark.parametrize("limit", [1, 2])
def test_route_limit_is_respected(limit):
    _, edges = seed_graph()
    assert len(routing.find_routes(edges, "adult-care-worker", "registered-manager", limit=limit)) == limit
