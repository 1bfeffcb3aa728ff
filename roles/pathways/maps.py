"""The whole progression map and a role's focused map: roles and moves in two or three queries, laid out."""

from dataclasses import dataclass

from django.core.validators import slug_re
from django.db.models import Q

from qualifications.figures import FigureAge
from qualifications.models import Source

from ..models import ProgressionLink, Role, Sector, pathway_url
from . import graph
from .layout import FOCUSED_MAP, band_for, layout_map

MAP_ROLE_FIELDS = ("slug", "title", "level", "sector", "setting", "top_role", "top_role_reason")


@dataclass
class Move:
    """One arrow, as the text version lists it."""

    role: Role
    url: str  # the role's page, worked out once per role: a map names each role many times
    common: bool
    strength: str
    typical_time: str
    time_source: Source | None
    pathway_url: str
    time_age: FigureAge = FigureAge("")


@dataclass
class MapEntry:
    role: Role
    url: str
    leads_to: list[Move]
    comes_from: list[Move]


SECTORS = list(Sector.values)


def sector_group(sector: str) -> int:
    """The sector's place in Role.sector's choices: the map's colour and pattern for it (any new sector gets the
    next one)."""
    return SECTORS.index(sector) if sector in SECTORS else len(SECTORS)


def sector_key(roles: list[Role]) -> list[dict]:
    """The legend's sectors: those on the map, in the choices' order."""
    present = {role.sector for role in roles}
    return [{"group": sector_group(value), "label": label} for value, label in Sector.choices if value in present]


def graph_node(role: Role, url: str) -> graph.Node:
    return graph.Node(
        key=role.slug,
        title=role.title,
        level=role.level,
        href=url,
        group=sector_group(role.sector),
    )


def graph_edge(link: ProgressionLink, roles_by_id: dict, *, label: str = "") -> graph.Edge:
    return graph.Edge(
        source=roles_by_id[link.from_role_id].slug,
        target=roles_by_id[link.to_role_id].slug,
        common=link.strength == ProgressionLink.Strength.COMMON,
        months_min=link.months_min,
        months_max=link.months_max,
        label=label,
    )


def move(link: ProgressionLink, other: Role, url: str, pathway: str) -> Move:
    return Move(
        role=other,
        url=url,
        common=link.strength == ProgressionLink.Strength.COMMON,
        strength=link.get_strength_display(),
        typical_time=link.typical_time,
        time_source=link.time_source,
        time_age=link.time_age,
        pathway_url=pathway,
    )


def map_entries(roles: list[Role], links: list[ProgressionLink], roles_by_id: dict) -> list[MapEntry]:
    """Per role, where it leads and where it comes from, ordered by level then title."""
    entries = {role.pk: MapEntry(role, role.get_absolute_url(), leads_to=[], comes_from=[]) for role in roles}
    for link in links:
        source, target = entries[link.from_role_id], entries[link.to_role_id]
        pathway = pathway_url(source.role.slug, target.role.slug)  # one move, listed under both its roles
        source.leads_to.append(move(link, target.role, target.url, pathway))
        target.comes_from.append(move(link, source.role, source.url, pathway))
    for entry in entries.values():
        entry.leads_to.sort(key=lambda m: (m.role.level, m.role.title))
        entry.comes_from.sort(key=lambda m: (m.role.level, m.role.title))
    return sorted(entries.values(), key=lambda e: (e.role.level, e.role.title))


def ladder(entries: list[MapEntry]) -> list[dict]:
    """The text version as rungs of a ladder, one per level (entries come ordered by level), each named with its
    band as the occupational maps group them."""
    rungs: list[dict] = []
    for entry in entries:
        if not rungs or rungs[-1]["level"] != entry.role.level:
            rungs.append({"level": entry.role.level, "band": band_for(entry.role.level)[2], "entries": []})
        rungs[-1]["entries"].append(entry)
    return rungs


def map_description(role_count: int, link_count: int) -> str:
    return (
        f"{role_count} role{'s' if role_count != 1 else ''} in columns by level, lowest on the left, with "
        f"{link_count} move{'s' if link_count != 1 else ''} between them. Solid arrows are common moves; "
        "dashed arrows are possible moves. Each role links to its page. The same map is listed as text below."
    )


# The most roles drawn as one map: about 25 boxes a column, laid out in some 20 ms. Past it the boxes and arrows
# are too dense to follow (and at 100x content the layout alone took over a second), so the page asks for filters.
MAP_DRAW_LIMIT = 200


def progression_map(*, sector: str = "", setting: str = "") -> dict:
    """The whole map, or the part of it in one sector or setting: two queries whatever the size."""
    role_query = Role.objects.filtered(sector=sector, setting=setting)
    roles = list(role_query.only(*MAP_ROLE_FIELDS).order_by("level", "title")[: MAP_DRAW_LIMIT + 1])
    if len(roles) > MAP_DRAW_LIMIT:
        return {"too_many": True, "role_count": role_query.count(), "draw_limit": MAP_DRAW_LIMIT}
    links = ProgressionLink.objects.select_related("time_source").order_by()
    if sector or setting:
        links = links.filter(from_role__in=role_query.values("pk"), to_role__in=role_query.values("pk"))
    links = list(links)
    roles_by_id = {role.pk: role for role in roles}
    entries = map_entries(roles, links, roles_by_id)
    nodes = [graph_node(entry.role, entry.url) for entry in entries]
    layout = layout_map(nodes, [graph_edge(link, roles_by_id) for link in links])
    return {
        "layout": layout,
        "entries": entries,
        "ladder": ladder(entries),
        "role_count": len(roles),
        "link_count": len(links),
        "map_description": map_description(len(roles), len(links)),
        "sectors": sector_key(roles),
    }


def role_progression(*, slug: str) -> dict | None:
    """The focused map: the roles up to two moves before one role, the role, and the roles up to two moves after
    it. Two queries whatever the size: the role, then every link within two steps (one query with subqueries)."""
    # Not a slug means no such role; checking first also keeps NUL bytes away from PostgreSQL, which refuses them.
    role = Role.objects.filter(slug=slug).first() if slug_re.match(slug) else None
    if role is None:
        return None
    one_step_out = ProgressionLink.objects.filter(from_role=role).values("to_role")
    one_step_in = ProgressionLink.objects.filter(to_role=role).values("from_role")
    links = list(
        ProgressionLink.objects.filter(
            Q(from_role=role) | Q(to_role=role) | Q(from_role__in=one_step_out) | Q(to_role__in=one_step_in)
        )
        .select_related("from_role", "to_role", "time_source")
        .order_by()
    )
    roles_by_id = {role.pk: role}
    for link in links:
        roles_by_id.setdefault(link.from_role_id, link.from_role)
        roles_by_id.setdefault(link.to_role_id, link.to_role)
    roles = sorted(roles_by_id.values(), key=lambda r: (r.level, r.title))
    edges = [graph_edge(link, roles_by_id, label=link.typical_time) for link in links]
    entries = map_entries(roles, links, roles_by_id)
    nodes = [graph_node(entry.role, entry.url) for entry in entries]
    layout = layout_map(nodes, edges, focus=role.slug, style=FOCUSED_MAP)
    return {
        "role": role,
        "layout": layout,
        "entries": entries,
        "ladder": ladder(entries),
        "map_description": focused_description(role, len(roles) - 1),
        "sectors": sector_key(roles),
    }


def focused_description(role: Role, others: int) -> str:
    if not others:
        return f"{role.title} on its own: no moves into or out of it are recorded yet."
    return (
        f"{role.title}, highlighted, with the {others} role{'s' if others != 1 else ''} up to two moves before or "
        "after it, in columns by level. Solid arrows are common moves; dashed arrows are possible moves; an arrow "
        "is labelled with the typical time the move takes where one is known. The same map is listed as text below."
    )
