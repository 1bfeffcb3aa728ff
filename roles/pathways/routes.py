"""Routes between roles on plain data.

Fewest steps, then least typical time (steps with a recorded time beat steps without one, then the shortest
total), then fewer "possible" moves, then the role keys in order so ties always break the same way.
"""

import heapq
from collections import defaultdict, deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .graph import Edge


@dataclass(frozen=True)
class Route:
    nodes: tuple[str, ...]
    edges: tuple[Edge, ...]
    cost: tuple[int, ...]  # (steps, steps without a recorded time, months low, months high, possible moves)

    @property
    def steps(self) -> int:
        return len(self.edges)


def step_cost(edge: Edge) -> tuple[int, int, int, int, int]:
    low = edge.months_min if edge.months_min is not None else edge.months_max
    high = edge.months_max if edge.months_max is not None else edge.months_min
    unknown = low is None
    return (1, int(unknown), low or 0, high or 0, int(not edge.common))


def _add(a: tuple, b: tuple) -> tuple:
    # Spelled out: this runs for every arrow the search follows, and a generator is several times slower.
    return (a[0] + b[0], a[1] + b[1], a[2] + b[2], a[3] + b[3], a[4] + b[4])


ZERO_COST = (0, 0, 0, 0, 0)


def _adjacency(edges: Iterable[Edge]) -> dict[str, list[tuple[str, Edge, tuple]]]:
    """Per role, its moves out as (target, edge, cost), in target order."""
    out: dict[str, list[tuple[str, Edge, tuple]]] = defaultdict(list)
    for edge in edges:
        if edge.source != edge.target:
            out[edge.source].append((edge.target, edge, step_cost(edge)))
    for items in out.values():
        items.sort(key=lambda item: item[0])
    return out


def _reverse_distances(edges: Iterable[Edge], goal: str) -> dict[str, int]:
    """Fewest steps from every role that can reach the goal (the goal itself is 0)."""
    into: dict[str, list[str]] = defaultdict(list)
    for edge in edges:
        into[edge.target].append(edge.source)
    distance = {goal: 0}
    queue = deque([goal])
    while queue:
        key = queue.popleft()
        for source in sorted(into[key]):
            if source not in distance:
                distance[source] = distance[key] + 1
                queue.append(source)
    return distance


def _best_path(out, start, goal, *, distance: dict[str, int], banned_nodes: set[str], banned_edges: set):
    """A* on the cost tuple, guided by the fewest steps left to the goal; equal costs break on the role keys
    along the path. The guide never overestimates and never drops by more than a step's cost, so the first
    path to reach the goal is the best one."""

    queue = [((distance[start], 0, 0, 0, 0), ZERO_COST, (start,), ())]
    settled = set()
    while queue:
        _, cost, path, steps = heapq.heappop(queue)
        node = path[-1]
        if node in settled:
            continue
        settled.add(node)
        if node == goal:
            return cost, path, steps
        for target, edge, step in out.get(node, ()):
            # Every role on the path is settled, so skipping settled roles also keeps the path simple.
            if target in settled or target in banned_nodes or target not in distance or (node, target) in banned_edges:
                continue
            new_cost = _add(cost, step)
            guided = (new_cost[0] + distance[target], *new_cost[1:])
            heapq.heappush(queue, (guided, new_cost, (*path, target), (*steps, edge)))
    return None


# Alternatives cost a search from every role on the best route (at 100x content, 380 ms for a 313-step route);
# past this many steps nobody plans a career by them, so only the best route is given.
ALTERNATIVES_UP_TO_STEPS = 12


def find_routes(edges: Sequence[Edge], start: str, goal: str, *, limit: int = 3) -> list[Route]:
    """The best route from start to goal and the next best ones (Yen's algorithm), best first.

    Routes never visit a role twice, so cycles in the links are harmless. An empty list means no route; a best
    route longer than ALTERNATIVES_UP_TO_STEPS comes without alternatives.
    """
    if start == goal or limit < 1:
        return []
    edges = list({(e.source, e.target): e for e in edges}.values())
    out = _adjacency(edges)
    distance = _reverse_distances(edges, goal)
    if start not in distance:
        return []
    found = _best_path(out, start, goal, distance=distance, banned_nodes=set(), banned_edges=set())
    if found is None:
        return []
    routes = [Route(nodes=found[1], edges=found[2], cost=found[0])]
    if routes[0].steps > ALTERNATIVES_UP_TO_STEPS:
        return routes
    candidates: list = []
    seen = {found[1]}
    deviation = 0  # Lawler: spurs before where a route left its parent were already tried from the parent
    while len(routes) < limit:
        previous = routes[-1]
        for i in range(deviation, len(previous.nodes) - 1):
            root = previous.nodes[: i + 1]
            banned_edges = {(r.nodes[i], r.nodes[i + 1]) for r in routes if r.nodes[: i + 1] == root}
            spur = _best_path(
                out,
                root[-1],
                goal,
                distance=distance,
                banned_nodes=set(root[:-1]),
                banned_edges=banned_edges,
            )
            if spur is None:
                continue
            nodes = root[:-1] + spur[1]
            if nodes in seen:
                continue
            seen.add(nodes)
            steps = previous.edges[:i] + spur[2]
            cost = ZERO_COST
            for edge in steps:
                cost = _add(cost, step_cost(edge))
            heapq.heappush(candidates, (cost, nodes, i, steps))
        if not candidates:
            break
        cost, nodes, deviation, steps = heapq.heappop(candidates)
        routes.append(Route(nodes=nodes, edges=steps, cost=cost))
    return routes


def roles_leading_to(
    edges: Sequence[Edge], goal: str, *, start: str, levels: dict[str, int], limit: int = 5
) -> list[tuple[str, int]]:
    """The roles that do lead to the goal, nearest first: fewest steps to the goal, then closest in level to
    where the person starts, then by key. Returns (key, steps) pairs, without the start and the goal."""
    distance = _reverse_distances(edges, goal)
    start_level = levels.get(start, 0)
    ranked = sorted(
        (key for key in distance if key not in (goal, start)),
        key=lambda key: (distance[key], abs(levels.get(key, 0) - start_level), key),
    )
    return [(key, distance[key]) for key in ranked[:limit]]
