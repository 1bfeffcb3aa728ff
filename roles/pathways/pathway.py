"""The pathway page: the best route between two roles and its alternatives, every step's detail.

Routing itself (roles.pathways.routes) works on plain values; this module reads what the page shows.
"""

from dataclasses import dataclass, field

from django.core.validators import slug_re

from qualifications.models import OccupationalStandard, Qualification

from ..ksbs import KSBFacts, fold, ksb_facts_by_standard
from ..models import MOVE_ONLY_LABEL, ProgressionLink, Relevance, Role, RoleQualification, months_label, pathway_url
from ..qualification_groups import is_met, one_of_text, requirements
from . import graph
from .routes import Route, find_routes, roles_leading_to


@dataclass
class QualificationToGain:
    """One requirement to meet: a qualification, or one of a group of alternatives (any member meets it)."""

    qualification: Qualification
    relevance: str  # the target role's relevance: essential, typical, helpful, or "" when only the move names it
    relevance_label: str
    note: str
    older_awards: list[Qualification]  # legacy awards that still count in its (or an alternative's) place
    alternatives: list[Qualification] = field(default_factory=list)  # the group's other members

    @property
    def options(self) -> list[Qualification]:
        return [self.qualification, *self.alternatives]

    @property
    def name(self) -> str:
        return one_of_text([q.name for q in self.options])


@dataclass
class NewKsbs:
    status: str  # "new", "same-standard" or "not-loaded"
    message: str
    standard: OccupationalStandard | None = None
    compared_with: OccupationalStandard | None = None
    ksbs: list[KSBFacts] = field(default_factory=list)
    total: int = 0

    @property
    def codes(self) -> str:
        return ", ".join(ksb.code for ksb in self.ksbs)


@dataclass
class Step:
    number: int
    from_role: Role
    to_role: Role
    link: ProgressionLink
    qualifications: list[QualificationToGain]
    take_on: list[str]
    ksbs: NewKsbs

    @property
    def typical_time(self) -> str:
        return self.link.typical_time


@dataclass
class PathwayRoute:
    roles: list[Role]
    steps: list[Step]
    time_label: str
    unknown_time_steps: int
    qualifications: list[QualificationToGain]  # what the route gains, a group of alternatives once


@dataclass
class NearbyRole:
    role: Role
    steps: int
    pathway_url: str


def total_time(links: list[ProgressionLink]) -> tuple[str, int]:
    """'42 to 54 months, plus 1 step with no recorded typical time', and how many steps lack a time."""
    known = [link for link in links if link.months_min is not None or link.months_max is not None]
    unknown = len(links) - len(known)
    if not known:
        return "Not known: no step on this route has a recorded typical time", unknown
    low = sum(link.months_min if link.months_min is not None else link.months_max for link in known)
    # A step with only a shortest time has no upper bound, so neither has the route.
    open_ended = any(link.months_max is None for link in known)
    high = None if open_ended else sum(link.months_max for link in known)
    label = months_label(low, high)
    if unknown:
        label += f", plus {unknown} step{'s' if unknown != 1 else ''} with no recorded typical time"
    return label, unknown


def new_ksbs(from_role: Role, to_role: Role, ksbs_by_standard: dict[int, list[KSBFacts]]) -> NewKsbs:
    """KSBs of the target's standard that do not read the same as any in the source's standard."""
    target = to_role.standard
    if target is None or not ksbs_by_standard.get(target.pk):
        return NewKsbs(
            "not-loaded",
            f"{to_role.title} has no apprenticeship standard with its KSBs on this site, so we cannot list them.",
        )
    source = from_role.standard
    if source is None or not ksbs_by_standard.get(source.pk):
        return NewKsbs(
            "not-loaded",
            f"{from_role.title} has no apprenticeship standard with its KSBs on this site, so we cannot say which of "
            f"the {target.reference} {target.title} KSBs would be new.",
            standard=target,
        )
    if source.pk == target.pk:
        return NewKsbs(
            "same-standard",
            f"Both roles come under the same standard ({target.reference} {target.title}), so no KSBs are new.",
            standard=target,
            compared_with=source,
        )
    known = {fold(ksb.statement) for ksb in ksbs_by_standard[source.pk]}
    target_ksbs = ksbs_by_standard[target.pk]
    fresh = [ksb for ksb in target_ksbs if fold(ksb.statement) not in known]
    return NewKsbs(
        "new",
        f"{len(fresh)} of the {len(target_ksbs)} KSBs in {target.reference} {target.title} are new compared with "
        f"{source.reference} {source.title}; the other {len(target_ksbs) - len(fresh)} read the same.",
        standard=target,
        compared_with=source,
        ksbs=fresh,
        total=len(target_ksbs),
    )


def step_rank(relevance: str) -> float:
    """Essential, typical, then what only the move names, then helpful."""
    return Relevance(relevance).rank if relevance else Relevance.HELPFUL.rank - 0.5


def qualifications_to_gain(link, from_role, to_role, link_quals, role_quals, older) -> list[QualificationToGain]:
    """The move's own qualifications, plus the target role's essential requirements the source role does not
    meet. A group of alternatives is one requirement, met by any member or an older award that counts for one."""
    source_rqs = role_quals.get(from_role.pk, [])
    held = {rq.qualification.slug for rq in source_rqs}
    held |= {q.slug for rq in source_rqs for q in rq_replacements(rq, role_quals)}
    by_qualification, chosen = {}, {}
    for requirement in requirements(role_quals.get(to_role.pk, [])):
        for member in requirement.members:
            by_qualification[member.qualification_id] = requirement
        if requirement.relevance == Relevance.ESSENTIAL and not is_met(requirement, held):
            chosen.setdefault(requirement.members[0].qualification_id, requirement)
    for qualification in link_quals.get(link.pk, []):
        requirement = by_qualification.get(qualification.pk)
        key = requirement.members[0].qualification_id if requirement else qualification.pk
        chosen.setdefault(key, requirement or qualification)
    items = [to_gain(choice, older) for choice in chosen.values()]
    items.sort(key=lambda i: (step_rank(i.relevance), i.qualification.level or 99, i.qualification.name))
    return items


def rq_replacements(rq: RoleQualification, role_quals) -> list[Qualification]:
    """The newer award an older one still counts for: the qualification it was replaced by, when loaded."""
    old = rq.qualification
    if not (old.is_legacy and old.still_recognised and old.replaced_by_id):
        return []
    loaded = (other.qualification for rqs in role_quals.values() for other in rqs)
    return [q for q in loaded if q.pk == old.replaced_by_id][:1]


def to_gain(choice, older) -> QualificationToGain:
    """A requirement (or a qualification only the move names) as a step's item."""
    if isinstance(choice, Qualification):
        return QualificationToGain(choice, "", MOVE_ONLY_LABEL, "", older.get(choice.pk, []))
    first, *others = choice.members
    return QualificationToGain(
        qualification=first.qualification,
        relevance=choice.relevance,
        relevance_label=Relevance(choice.relevance).move_label,
        note=first.note,
        older_awards=[q for member in choice.members for q in older.get(member.qualification_id, [])],
        alternatives=[member.qualification for member in others],
    )


def responsibilities_taken_on(from_role: Role, to_role: Role) -> list[str]:
    held = {fold(line) for line in from_role.responsibility_list}
    return [line for line in to_role.responsibility_list if fold(line) not in held]


def route_graph() -> tuple[list[graph.Edge], dict[tuple[str, str], int], dict[str, int]]:
    """Every move as a graph edge, the move's id for each (from, to) pair, and the level of each role that has a
    move: one query of plain values, so routing stays cheap however many roles there are."""
    edges, link_ids, levels = [], {}, {}
    rows = ProgressionLink.objects.order_by().values_list(
        "pk",
        "from_role__slug",
        "to_role__slug",
        "from_role__level",
        "to_role__level",
        "strength",
        "months_min",
        "months_max",
    )
    for pk, source, target, source_level, target_level, strength, months_min, months_max in rows:
        common = strength == ProgressionLink.Strength.COMMON
        edges.append(graph.Edge(source, target, common=common, months_min=months_min, months_max=months_max))
        link_ids[source, target] = pk
        levels[source], levels[target] = source_level, target_level
    return edges, link_ids, levels


def pathway_page(*, from_slug: str, to_slug: str) -> dict:
    """The best route between two roles and up to two alternatives, with every step's detail.

    At most seven queries: the moves (as plain values, for routing), the roles the page names, then (when there
    is a route) the moves on the routes, the qualifications they name, what the roles on the routes ask for,
    older awards that still count, and the KSBs of their standards. With no route, the nearest roles instead.
    """
    edges, link_ids, levels = route_graph()
    found = find_routes(edges, from_slug, to_slug, limit=3) if from_slug != to_slug else []
    named = {from_slug, to_slug} | {slug for route in found for slug in route.nodes}
    # Only slugs are looked up: anything else is no role of ours, and PostgreSQL refuses some of it (NUL bytes).
    named = {slug for slug in named if slug_re.match(slug)}
    # Unordered: these are looked up by slug, and an ORDER BY over a wide select is costly for Django to build.
    roles = {
        role.slug: role for role in Role.objects.select_related("standard__source").filter(slug__in=named).order_by()
    }
    unknown = [slug for slug in dict.fromkeys([from_slug, to_slug]) if slug not in roles]
    if unknown or from_slug == to_slug:
        return {"unknown": unknown, "from_role": roles.get(from_slug), "to_role": roles.get(to_slug)}
    from_role, to_role = roles[from_slug], roles[to_slug]
    # A role removed since the moves were read takes its routes with it.
    found = [route for route in found if all(slug in roles for slug in route.nodes)]
    page = {"unknown": [], "from_role": from_role, "to_role": to_role, "routes": [], "nearby": []}
    if not found:
        levels[from_slug] = from_role.level
        nearest = roles_leading_to(edges, to_slug, start=from_slug, levels=levels)
        nearby_roles = Role.objects.in_bulk([slug for slug, _ in nearest], field_name="slug") if nearest else {}
        page["nearby"] = [
            NearbyRole(role=nearby_roles[slug], steps=steps, pathway_url=pathway_url(slug, to_slug))
            for slug, steps in nearest
            if slug in nearby_roles
        ]
        return page
    page["routes"] = build_routes(found, roles, link_ids)
    if not page["routes"]:
        return page
    best = page["routes"][0]
    reviewed = [role.last_reviewed for role in best.roles if role.last_reviewed]
    page["last_reviewed"] = max(reviewed) if reviewed else None
    return page


def route_qualifications(link_ids, role_ids) -> tuple[dict, dict, dict]:
    """What the moves name, what the roles ask for, and older awards that still count: three queries."""
    link_quals: dict[int, list[Qualification]] = {}
    through = ProgressionLink.qualifications.through.objects.filter(progressionlink_id__in=link_ids)
    for row in through.select_related("qualification__source", "qualification__apprenticeship"):
        link_quals.setdefault(row.progressionlink_id, []).append(row.qualification)
    role_quals: dict[int, list[RoleQualification]] = {}
    chosen = RoleQualification.objects.filter(role_id__in=role_ids)
    for rq in chosen.select_related("qualification__source", "qualification__apprenticeship"):
        role_quals.setdefault(rq.role_id, []).append(rq)
    qualification_ids = {q.pk for quals in link_quals.values() for q in quals} | {
        rq.qualification_id for rqs in role_quals.values() for rq in rqs
    }
    older: dict[int, list[Qualification]] = {}
    legacy = Qualification.objects.legacy().filter(still_recognised=True, replaced_by_id__in=qualification_ids)
    for qualification in legacy.order_by("name"):
        older.setdefault(qualification.replaced_by_id, []).append(qualification)
    return link_quals, role_quals, older


def build_routes(found: list[Route], roles: dict[str, Role], link_ids: dict) -> list[PathwayRoute]:
    ids = [[link_ids[e.source, e.target] for e in route.edges] for route in found]
    links = (
        ProgressionLink.objects.select_related("time_source", "gate_source")
        .order_by()
        .in_bulk({i for r in ids for i in r})
    )
    # A move removed since the moves were read takes its routes with it.
    kept = [
        (route, [links[pk] for pk in route_ids])
        for route, route_ids in zip(found, ids, strict=True)
        if all(pk in links for pk in route_ids)
    ]
    role_ids = {roles[slug].pk for route in found for slug in route.nodes}
    link_quals, role_quals, older = route_qualifications(links.keys(), role_ids)
    standard_ids = {roles[slug].standard_id for route in found for slug in route.nodes} - {None}
    ksbs_by_standard = ksb_facts_by_standard(standard_ids)

    routes = []
    for route, route_links in kept:
        steps = []
        for number, link in enumerate(route_links, start=1):
            source, target = roles[route.nodes[number - 1]], roles[route.nodes[number]]
            steps.append(
                Step(
                    number=number,
                    from_role=source,
                    to_role=target,
                    link=link,
                    qualifications=qualifications_to_gain(link, source, target, link_quals, role_quals, older),
                    take_on=responsibilities_taken_on(source, target),
                    ksbs=new_ksbs(source, target, ksbs_by_standard),
                )
            )
        time_label, unknown = total_time(route_links)
        gained = {}  # a group of alternatives counts once
        for step in steps:
            for item in step.qualifications:
                gained.setdefault(item.qualification.pk, item)
        routes.append(
            PathwayRoute(
                roles=[roles[slug] for slug in route.nodes],
                steps=steps,
                time_label=time_label,
                unknown_time_steps=unknown,
                qualifications=list(gained.values()),
            )
        )
    return routes
