"""Benchmark route finding on a synthetic graph a hundred times the size of the seed content.

    .venv/bin/python scripts/bench_routes.py [--copies 100] [--repeat 5]

The seed roles and links (read from fixtures/) are copied N times; each copy's top roles link into the next
copy's entry roles, so the longest routes cross every copy. Prints the best time of each measurement. A
benchmark to run by hand, never a timed test: timings depend on the machine.
"""

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from roles.pathways import graph  # noqa: E402  (needs the project folder on the path first)
from roles.pathways import layout as map_layout  # noqa: E402
from roles.pathways import routes as routing  # noqa: E402


def seed(fixtures: Path):
    roles = json.loads((fixtures / "roles.json").read_text(encoding="utf-8"))
    links = json.loads((fixtures / "progression_links.json").read_text(encoding="utf-8"))
    return graph.from_fixture_records(roles, links)


def synthetic(nodes, edges, copies: int, rng: random.Random):
    all_nodes, all_edges = [], []
    for n in range(copies):
        all_nodes += [graph.Node(f"{node.key}-{n}", node.title, node.level) for node in nodes]
        all_edges += [
            graph.Edge(f"{e.source}-{n}", f"{e.target}-{n}", e.common, e.months_min, e.months_max) for e in edges
        ]
    tops = [node.key for node in nodes if node.level >= 6]
    entries = [node.key for node in nodes if node.level <= 3]
    for n in range(copies - 1):
        for _ in range(3):
            months = rng.choice([None, 12, 18, 24])
            source, target = f"{rng.choice(tops)}-{n}", f"{rng.choice(entries)}-{n + 1}"
            all_edges.append(graph.Edge(source, target, rng.random() < 0.5, months, months))
    return all_nodes, all_edges


def best_of(repeat: int, work) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - start)
    return best, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    nodes, edges = seed(ROOT / "fixtures")
    big_nodes, big_edges = synthetic(nodes, edges, args.copies, random.Random(100))
    print(f"Seed: {len(nodes)} roles, {len(edges)} links.")
    print(f"Synthetic: {len(big_nodes)} roles, {len(big_edges)} links ({args.copies} copies).")
    levels = {node.key: node.level for node in big_nodes}
    last = args.copies - 1
    cases = [
        ("within one copy", "adult-care-worker-0", "registered-manager-0"),
        ("across half the copies", "adult-care-worker-0", f"social-work-team-manager-{last // 2}"),
        ("across every copy", "adult-care-worker-0", f"service-manager-{last}"),
        ("no route (goal reachable from few roles)", "social-worker-0", "deputy-manager-0"),
        ("no route (backwards across every copy)", f"adult-care-worker-{last}", "registered-manager-0"),
    ]
    for name, start, goal in cases:
        seconds, found = best_of(args.repeat, lambda s=start, g=goal: routing.find_routes(big_edges, s, g))
        shape = ", ".join(str(r.steps) for r in found) or "none"
        print(f"find_routes {name}: {seconds * 1000:.1f} ms (routes of {shape} steps)")
    rng = random.Random(1)
    timings, lengths = [], []
    for _ in range(200):
        start, goal = rng.choice(big_nodes).key, rng.choice(big_nodes).key
        began = time.perf_counter()
        routes = routing.find_routes(big_edges, start, goal)
        timings.append(time.perf_counter() - began)
        lengths.append(routes[0].steps if routes else 0)
    timings.sort()
    found = sum(1 for n in lengths if n)
    print(
        f"find_routes, 200 random pairs ({found} with a route, longest {max(lengths)} steps): "
        f"median {timings[100] * 1000:.1f} ms, slowest {timings[-1] * 1000:.1f} ms"
    )
    seconds, nearby = best_of(
        args.repeat,
        lambda: routing.roles_leading_to(big_edges, "deputy-manager-0", start="social-worker-0", levels=levels),
    )
    print(f"roles_leading_to: {seconds * 1000:.1f} ms ({len(nearby)} roles)")
    ten_nodes, ten_edges = synthetic(nodes, edges, 10, random.Random(10))
    seconds, layout = best_of(args.repeat, lambda: map_layout.layout_map(ten_nodes, ten_edges))
    print(f"layout_map at 10x ({len(ten_nodes)} roles, {len(ten_edges)} links): {seconds * 1000:.1f} ms")
    seconds, layout = best_of(args.repeat, lambda: map_layout.layout_map(nodes, edges))
    print(f"layout_map at 1x: {seconds * 1000:.1f} ms ({layout.width}×{layout.height})")


if __name__ == "__main__":
    main()
