"""The progression graph on plain data: roles as nodes, moves as edges.

Nothing in graph.py, layout.py or routes.py touches Django or the database, so every rule is unit-tested with
small hand-made graphs.
"""

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Node:
    key: str
    title: str
    level: int
    href: str = ""
    group: int = 0  # which sector: the map gives each its own colour and pattern


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    common: bool = True
    months_min: int | None = None
    months_max: int | None = None
    label: str = ""


def from_fixture_records(roles: Iterable[dict], links: Iterable[dict]) -> tuple[list[Node], list[Edge]]:
    """Nodes and edges from the content fixtures' role and progression-link records (as JSON-decoded)."""
    nodes = [Node(r["fields"]["slug"], r["fields"]["title"], r["fields"]["level"]) for r in roles]
    edges = [
        Edge(
            source=link["fields"]["from_role"][0],
            target=link["fields"]["to_role"][0],
            common=link["fields"]["strength"] == "common",
            months_min=link["fields"]["months_min"],
            months_max=link["fields"]["months_max"],
        )
        for link in links
    ]
    return nodes, edges


def usable_edges(nodes: Iterable[Node], edges: Iterable[Edge]) -> list[Edge]:
    """Edges between known, different nodes, once per pair, in a stable order."""
    keys = {node.key for node in nodes}
    unique = {(e.source, e.target): e for e in edges if e.source in keys and e.target in keys and e.source != e.target}
    return [unique[pair] for pair in sorted(unique)]
