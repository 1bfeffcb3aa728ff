"""Graphs for the pathway tests: the seed content's, and dense random ones."""

import itertools
import json
import random
from pathlib import Path

from roles.pathways import graph
from roles.pathways.graph import Edge, Node

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures"
FROZEN_SEED = Path(__file__).resolve().parents[2] / "data" / "seed_map_39f20db.json"


def seed_graph() -> tuple[list[Node], list[Edge]]:
    """The real content's roles and links, read straight from the fixtures."""
    roles = json.loads((FIXTURES / "roles.json").read_text(encoding="utf-8"))
    links = json.loads((FIXTURES / "progression_links.json").read_text(encoding="utf-8"))
    return graph.from_fixture_records(roles, links)


def frozen_seed_graph() -> tuple[list[Node], list[Edge]]:
    """The 16-role seed content of commit 39f20db, frozen in tests/data: the graph the map's "before" bend and
    crossing counts were measured on, so comparisons with them stay like for like whatever the content becomes."""
    frozen = json.loads(FROZEN_SEED.read_text(encoding="utf-8"))
    nodes = [Node(role["slug"], role["title"], role["level"]) for role in frozen["roles"]]
    edges = [
        Edge(link["from"], link["to"], link["strength"] == "common", link["months_min"], link["months_max"])
        for link in frozen["links"]
    ]
    return nodes, edges


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
