"""Routes between roles (roles.pathways.routes): pure functions on plain data, no database."""

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from roles.pathways import routes as routing
from roles.pathways.graph import Edge
from tests.conftest import examples
from tests.roles.pathways.graphs import seed_graph

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


@settings(max_examples=examples(150), deadline=None)
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
