"""The layout's speed-ups change nothing it draws: the kept layouts and the crossing count."""

from dataclasses import replace
from itertools import combinations

from hypothesis import given
from hypothesis import strategies as st

from roles.pathways import layout as map_layout
from roles.pathways.graph import Edge
from tests.roles.pathways.graphs import dense_graph, seed_graph


def test_the_same_roles_and_moves_reuse_the_layout_drawn_before():
    nodes, edges = seed_graph()
    map_layout._layout.cache_clear()
    first = map_layout.layout_map(nodes, edges)
    again = map_layout.layout_map(list(reversed(nodes)), list(reversed(edges)))
    assert again is first
    assert map_layout._layout.cache_info().hits == 1


def test_a_changed_title_move_or_focus_is_laid_out_afresh():
    nodes, edges = seed_graph()
    first = map_layout.layout_map(nodes, edges)
    retitled = [replace(nodes[0], title=nodes[0].title + " and lead")] + list(nodes[1:])
    assert map_layout.layout_map(retitled, edges) is not first
    assert nodes[0].title + " and lead" in {box.title for box in map_layout.layout_map(retitled, edges).boxes}
    fewer = map_layout.layout_map(nodes, edges[1:])
    assert len(fewer.edges) == len(first.edges) - 1
    focused = map_layout.layout_map(nodes, edges, focus=nodes[0].key)
    assert [box.key for box in focused.boxes if box.focus] == [nodes[0].key]


def test_layouts_kept_are_bounded():
    assert map_layout._layout.cache_info().maxsize == map_layout.LAYOUTS_KEPT


def naive_crossings(layout) -> int:
    """Every pair of segments of different arrows, tested one against the other; a pair of diagonals counts
    twice, once each way round, as the layout counts them."""
    segments = [(n, p, q) for n, edge in enumerate(layout.edges) for p, q in edge.segments()]
    count = 0
    for (n1, p1, q1), (n2, p2, q2) in combinations(segments, 2):
        diagonals = sum(1 for p, q in ((p1, q1), (p2, q2)) if p[0] != q[0] and p[1] != q[1])
        if n1 != n2 and map_layout._segments_cross(p1, q1, p2, q2):
            count += 2 if diagonals == 2 else 1
    return count


def test_the_crossing_count_agrees_with_testing_every_pair_on_the_seed_and_a_dense_map():
    for nodes, edges in (seed_graph(), dense_graph()):
        layout = map_layout.layout_map(nodes, edges)
        assert map_layout.drawn_crossing_count(layout) == naive_crossings(layout) > 0


@given(st.lists(st.tuples(st.integers(0, 7), st.integers(0, 7)), min_size=2, max_size=12))
def test_the_crossing_count_agrees_with_testing_every_pair_on_random_arrows(corners):
    nodes, _ = seed_graph()
    keys = [node.key for node in nodes]
    # Orthogonal polylines through the random corners, two or three segments each.
    edges = []
    for n, ((x1, y1), (x2, y2)) in enumerate(zip(corners, corners[1:], strict=False)):
        points = ((x1 * 10, y1 * 10), (x2 * 10, y1 * 10), (x2 * 10, y2 * 10 + n))
        edges.append(map_layout.RoutedEdge(source=keys[n], target=keys[n + 1], common=True, points=points))
    layout = map_layout.MapLayout(width=100, height=100, boxes=(), edges=tuple(edges), headings=(), bands=())
    assert map_layout.drawn_crossing_count(layout) == naive_crossings(layout)


def test_edges_are_keyed_by_their_content_not_their_order():
    a, b = Edge("x", "y"), Edge("x", "y")
    assert hash(a) == hash(b) and a == b
