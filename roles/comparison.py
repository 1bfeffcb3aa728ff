"""Side-by-side comparison of 2 to 4 roles: the rows, where they differ, shared KSBs and what changes.

`compare_roles` reads everything in a fixed number of queries and turns the roles into plain `RoleFacts`;
every other function here is pure, works on that plain data and is unit-tested without the database.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from django.db.models import Prefetch, Q

from qualifications.models import KSB

from .models import ProgressionLink, Role, RoleQualification

MIN_ROLES, MAX_ROLES = 2, 4

SAME_STANDARD = "same standard"
SAME_WORDING = "same wording"

RELEVANCES = [(value, label) for value, label in RoleQualification.Relevance.choices]


@lru_cache(maxsize=16384)  # pure, and called for every statement of every compared standard on each page
def fold(text: str) -> str:
    """The form two statements are compared in: whitespace, case and final punctuation folded away."""
    return " ".join(text.split()).casefold().rstrip(".,;:!?… ")


# --- Plain data the page is built from -------------------------------------------------------------


@dataclass(frozen=True)
class QualificationFacts:
    slug: str
    name: str
    url: str
    relevance: str
    relevance_label: str
    note: str = ""
    is_legacy: bool = False
    still_recognised: bool = False
    replaced_by_slug: str = ""


@dataclass(frozen=True)
class StandardFacts:
    reference: str
    title: str
    level: int
    url: str


@dataclass(frozen=True)
class KSBFacts:
    code: str
    statement: str


@dataclass
class RoleFacts:
    """Everything the comparison shows about one role, read once from the database."""

    slug: str
    title: str
    url: str = ""
    level: int = 0
    sector: str = ""
    sector_label: str = ""
    setting: str = ""
    setting_label: str = ""
    setting_detail: str = ""
    manages: str = ""
    responsibilities: list[str] = field(default_factory=list)
    working_pattern: str = ""
    hours_label: str = ""
    hours_source: object = None
    employers: list[str] = field(default_factory=list)
    job_titles: list[str] = field(default_factory=list)
    # Pay keeps the attribute names of Role so includes/_pay.html shows it the same way everywhere.
    has_pay: bool = False
    pay_label: str = ""
    pay_year: int | None = None
    pay_note: str = ""
    pay_source: object = None
    pay_key: tuple = ()
    registration: str = ""
    qualifications: list[QualificationFacts] = field(default_factory=list)
    specialist: list[str] = field(default_factory=list)
    standard: StandardFacts | None = None
    ksbs: list[KSBFacts] = field(default_factory=list)


@dataclass(frozen=True)
class LinkFacts:
    """A direct move on the progression map between the two compared roles."""

    from_slug: str
    from_title: str
    to_slug: str
    to_title: str
    strength_label: str
    typical_time: str = ""
    time_source: object = None
    what_it_takes: str = ""

    @property
    def pathway_url(self) -> str:
        return f"/pathway/{self.from_slug}/{self.to_slug}/"


def role_facts(role: Role, ksbs: list[KSBFacts]) -> RoleFacts:
    """A loaded Role (with its qualifications prefetched) as plain data; runs no queries."""
    standard = role.standard
    return RoleFacts(
        slug=role.slug,
        title=role.title,
        url=role.get_absolute_url(),
        level=role.level,
        sector=role.sector,
        sector_label=role.get_sector_display(),
        setting=role.setting,
        setting_label=role.get_setting_display(),
        setting_detail=role.setting_detail,
        manages=role.manages,
        responsibilities=role.responsibility_list,
        working_pattern=role.working_pattern,
        hours_label=role.hours_label,
        hours_source=role.hours_source if role.hours_label else None,
        employers=role.employer_list,
        job_titles=role.job_title_list,
        has_pay=role.has_pay,
        pay_label=role.pay_label,
        pay_year=role.pay_year,
        pay_note=role.pay_note,
        pay_source=role.pay_source,
        pay_key=(role.pay_min, role.pay_max, role.pay_median, role.pay_unit, role.pay_year) if role.has_pay else (),
        registration=role.registration,
        qualifications=[
            QualificationFacts(
                slug=rq.qualification.slug,
                name=rq.qualification.name,
                url=rq.qualification.get_absolute_url(),
                relevance=rq.relevance,
                relevance_label=rq.get_relevance_display(),
                note=rq.note,
                is_legacy=rq.qualification.is_legacy,
                still_recognised=rq.qualification.still_recognised,
                replaced_by_slug=rq.qualification.replaced_by.slug if rq.qualification.replaced_by else "",
            )
            for rq in role.role_qualifications.all()
        ],
        specialist=role.specialist_list,
        standard=(
            StandardFacts(standard.reference, standard.title, standard.level, standard.get_absolute_url())
            if standard
            else None
        ),
        ksbs=ksbs,
    )


# --- KSB sharing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class KSBMatch:
    role_slug: str
    role_title: str
    rule: str  # SAME_STANDARD or SAME_WORDING


@dataclass(frozen=True)
class KSBLine:
    code: str
    statement: str
    matches: tuple[KSBMatch, ...] = ()


@dataclass(frozen=True)
class ShareCount:
    role_title: str
    count: int
    rule: str


@dataclass
class RoleKSBs:
    """One role's KSBs split into those it shares with the other compared roles and its own."""

    role_title: str
    standard: StandardFacts | None
    lines: list[KSBLine] = field(default_factory=list)
    shared: list[KSBLine] = field(default_factory=list)
    own: list[KSBLine] = field(default_factory=list)
    by_role: list[ShareCount] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.lines)

    @property
    def has_ksbs(self) -> bool:
        return self.total > 0


def ksb_match_rule(role: RoleFacts, other: RoleFacts, folded_other: set[str], ksb: KSBFacts) -> str:
    """Which rule makes `ksb` of `role` one that `other` also has, or '' when none does."""
    if role.standard and other.standard and role.standard.reference == other.standard.reference:
        return SAME_STANDARD
    if fold(ksb.statement) in folded_other:
        return SAME_WORDING
    return ""


def share_ksbs(roles: list[RoleFacts]) -> list[RoleKSBs]:
    """For each role, which of its KSBs another compared role also has, and by which rule.

    Roles under the same standard share all its KSBs; across standards a KSB is shared when its
    statement reads the same once whitespace, case and final punctuation are folded. No fuzzy matching.
    """
    folded = [{fold(ksb.statement) for ksb in role.ksbs} for role in roles]
    result = []
    for index, role in enumerate(roles):
        others = [(other, folded[n]) for n, other in enumerate(roles) if n != index]
        summary = RoleKSBs(role_title=role.title, standard=role.standard)
        counts = defaultdict(int)
        for ksb in role.ksbs:
            matches = []
            for other, folded_other in others:
                rule = ksb_match_rule(role, other, folded_other, ksb)
                if rule:
                    matches.append(KSBMatch(other.slug, other.title, rule))
                    counts[other.slug, rule] += 1
            line = KSBLine(ksb.code, ksb.statement, tuple(matches))
            summary.lines.append(line)
            (summary.shared if matches else summary.own).append(line)
        summary.by_role = [
            ShareCount(other.title, counts[other.slug, rule], rule)
            for other, _ in others
            for rule in (SAME_STANDARD, SAME_WORDING)
            if counts[other.slug, rule]
        ]
        result.append(summary)
    return result


def shared_ksb_count(first: list[KSBFacts], second: list[KSBFacts]) -> int:
    """How many KSBs of `first` read the same as one in `second` (the across-standards rule)."""
    folded_second = {fold(ksb.statement) for ksb in second}
    return sum(1 for ksb in first if fold(ksb.statement) in folded_second)


# --- Rows --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cell:
    """One role's value in a row. The template shows `text`, `items` or the row kind's own partial."""

    text: str = ""
    detail: str = ""
    items: tuple = ()
    empty: str = ""
    role: RoleFacts | None = None
    groups: tuple = ()
    ksbs: RoleKSBs | None = None


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    kind: str  # text, list, pay, hours, qualifications, standard, ksbs
    cells: tuple[Cell, ...]
    differs: bool


def differ(keys) -> bool:
    return len(set(keys)) > 1


def folded_set(items) -> frozenset:
    return frozenset(fold(item) for item in items)


def text_row(key, label, roles, value, empty="", detail=None) -> Row:
    cells = tuple(Cell(text=value(r), detail=detail(r) if detail else "", empty=empty, role=r) for r in roles)
    return Row(key, label, "text", cells, differ(fold(c.text) for c in cells))


def list_row(key, label, roles, items, empty) -> Row:
    cells = tuple(Cell(items=tuple(items(r)), empty=empty, role=r) for r in roles)
    return Row(key, label, "list", cells, differ(folded_set(c.items) for c in cells))


def qualification_groups(role: RoleFacts) -> tuple:
    groups = []
    for relevance, label in RELEVANCES:
        items = [q for q in role.qualifications if q.relevance == relevance]
        if items:
            groups.append({"relevance": relevance, "heading": label, "items": items})
    return tuple(groups)


def build_rows(roles: list[RoleFacts], ksbs: list[RoleKSBs]) -> list[Row]:
    """The comparison rows, in the page's order, each knowing whether the roles differ on it."""
    return [
        text_row("level", "Level", roles, lambda r: f"Level {r.level}"),
        text_row("sector", "Sector", roles, lambda r: r.sector_label),
        text_row("setting", "Setting", roles, lambda r: r.setting_label, detail=lambda r: r.setting_detail),
        text_row("manages", "Who you manage", roles, lambda r: r.manages, empty="No one directly."),
        list_row("responsibilities", "Main responsibilities", roles, lambda r: r.responsibilities, "Not recorded yet."),
        Row(
            "working-pattern",
            "Working pattern",
            "hours",
            tuple(Cell(text=r.working_pattern, role=r, empty="Not recorded yet.") for r in roles),
            differ((fold(r.working_pattern), r.hours_label) for r in roles),
        ),
        list_row("employers", "Typical employers", roles, lambda r: r.employers, "Not recorded yet."),
        list_row("job-titles", "Typical job titles", roles, lambda r: r.job_titles, "Not recorded yet."),
        Row("pay", "Pay", "pay", tuple(Cell(role=r) for r in roles), differ(r.pay_key for r in roles)),
        text_row(
            "registration",
            "Registration and regulator",
            roles,
            lambda r: r.registration,
            empty="No professional registration is needed for this role.",
        ),
        Row(
            "qualifications",
            "Qualifications",
            "qualifications",
            tuple(
                Cell(groups=qualification_groups(r), empty="No qualifications are recorded yet.", role=r) for r in roles
            ),
            differ(frozenset((q.slug, q.relevance) for q in r.qualifications) for r in roles),
        ),
        list_row("specialist", "Specialist knowledge", roles, lambda r: r.specialist, "None recorded."),
        Row(
            "standard",
            "Occupational standard",
            "standard",
            tuple(Cell(role=r, empty="No apprenticeship standard covers this role.") for r in roles),
            differ(r.standard.reference if r.standard else None for r in roles),
        ),
        Row(
            "ksbs",
            "Knowledge, skills and behaviours (KSBs)",
            "ksbs",
            tuple(Cell(ksbs=k, role=r) for r, k in zip(roles, ksbs, strict=True)),
            any(k.own for k in ksbs) or differ(k.has_ksbs for k in ksbs),
        ),
    ]


# --- What changes (two roles) ------------------------------------------------------------------------


@dataclass
class WhatChanges:
    """Moving from `current` to `target`: what you would take on and what you would need."""

    current: RoleFacts
    target: RoleFacts
    setting_changes: bool = False
    sector_changes: bool = False
    take_on: list[str] = field(default_factory=list)
    manages: str = ""
    working_pattern: str = ""
    registration_changes: bool = False
    qualifications_to_add: list[dict] = field(default_factory=list)
    qualifications_in_common: list[QualificationFacts] = field(default_factory=list)
    new_ksbs: list[KSBLine] = field(default_factory=list)
    target_ksb_count: int = 0
    ksbs_unknown_reason: str = ""
    link: LinkFacts | None = None

    @property
    def link_is_forward(self) -> bool:
        return self.link is not None and self.link.from_slug == self.current.slug

    @property
    def swap_query(self) -> str:
        return f"roles={self.target.slug}&roles={self.current.slug}"


def related_qualifications(qualification: QualificationFacts) -> set[str]:
    """The slugs that count as this qualification: itself and the award it replaced or was replaced by."""
    return {qualification.slug, qualification.replaced_by_slug} - {""}


def what_changes(current: RoleFacts, target: RoleFacts, target_ksbs: RoleKSBs, link: LinkFacts | None) -> WhatChanges:
    current_responsibilities = folded_set(current.responsibilities)
    current_qualifications = set().union(*(related_qualifications(q) for q in current.qualifications))
    replaced_by_current = {q.slug for q in target.qualifications if q.replaced_by_slug in current_qualifications}
    to_add, in_common = [], []
    for q in target.qualifications:
        if q.slug in current_qualifications or q.slug in replaced_by_current:
            in_common.append(q)
        else:
            to_add.append(q)
    change = WhatChanges(
        current=current,
        target=target,
        setting_changes=current.setting != target.setting,
        sector_changes=current.sector != target.sector,
        take_on=[item for item in target.responsibilities if fold(item) not in current_responsibilities],
        manages=target.manages if fold(target.manages) != fold(current.manages) else "",
        working_pattern=target.working_pattern if fold(target.working_pattern) != fold(current.working_pattern) else "",
        registration_changes=fold(target.registration) != fold(current.registration),
        qualifications_to_add=[
            {"heading": label, "items": [q for q in to_add if q.relevance == relevance]}
            for relevance, label in RELEVANCES
            if any(q.relevance == relevance for q in to_add)
        ],
        qualifications_in_common=in_common,
        target_ksb_count=target_ksbs.total,
        link=link,
    )
    if target.standard is None:
        change.ksbs_unknown_reason = f"No apprenticeship standard covers {target.title}, so there are no KSBs to list."
    elif not target_ksbs.has_ksbs:
        change.ksbs_unknown_reason = f"The KSBs of {target.standard.reference} are not loaded yet."
    elif current.standard is None or not current.ksbs:
        change.ksbs_unknown_reason = (
            f"No apprenticeship standard is loaded for {current.title}, so we cannot tell which of the "
            f"{target_ksbs.total} KSBs of {target.title} you already have."
        )
    else:
        change.new_ksbs = [
            line for line in target_ksbs.lines if not any(m.role_slug == current.slug for m in line.matches)
        ]
    return change


# --- The selector ------------------------------------------------------------------------------------


@dataclass
class Comparison:
    roles: list[RoleFacts]
    rows: list[Row]
    only_differences: bool = False
    changes: WhatChanges | None = None

    @property
    def shown_rows(self) -> list[Row]:
        return [row for row in self.rows if row.differs] if self.only_differences else self.rows

    @property
    def difference_count(self) -> int:
        return sum(1 for row in self.rows if row.differs)

    @property
    def heading(self) -> str:
        titles = [role.title for role in self.roles]
        if len(titles) == 2:
            return f"{titles[0]} compared with {titles[1]}"
        return ", ".join(titles[:-1]) + f" and {titles[-1]} compared"

    @property
    def query(self) -> str:
        """The query string for these roles in this order, without the differences switch."""
        return "&".join(f"roles={role.slug}" for role in self.roles)


def picker_roles():
    """The roles the picker offers, lowest level first: one query."""
    return Role.objects.only("slug", "title", "level", "sector").order_by("level", "title")


def link_facts(link: ProgressionLink) -> LinkFacts:
    return LinkFacts(
        from_slug=link.from_role.slug,
        from_title=link.from_role.title,
        to_slug=link.to_role.slug,
        to_title=link.to_role.title,
        strength_label=link.get_strength_display(),
        typical_time=link.typical_time,
        time_source=link.time_source if link.typical_time else None,
        what_it_takes=link.what_it_takes,
    )


def ksb_facts_by_standard(standard_ids) -> dict[int, list[KSBFacts]]:
    """The KSBs of these standards, in each standard's order, as plain facts: one query."""
    ksbs: dict[int, list[KSBFacts]] = defaultdict(list)
    for standard_id, code, statement in KSB.objects.filter(standard_id__in=standard_ids).statements():
        ksbs[standard_id].append(KSBFacts(code, statement))
    return ksbs


def compare_roles(*, slugs: list[str], only_differences: bool = False) -> Comparison | None:
    """The comparison of the roles named by `slugs`, in that order, or None if one is not there.

    Four queries whatever the number of roles, KSBs or qualifications: roles, their qualifications,
    the KSBs of their standards, and (for two roles) a direct progression link either way.
    """
    found = {
        role.slug: role
        for role in Role.objects.select_related("standard", "pay_source", "hours_source")
        .prefetch_related(
            Prefetch(
                "role_qualifications",
                queryset=RoleQualification.objects.ordered().select_related("qualification__replaced_by"),
            )
        )
        .filter(slug__in=slugs)
        .order_by()  # put in the asked-for order below; an ORDER BY over this wide a select is costly to build
    }
    if len(found) != len(set(slugs)):
        return None
    chosen = [found[slug] for slug in slugs]
    standard_ids = {role.standard_id for role in chosen if role.standard_id}
    ksbs_by_standard = ksb_facts_by_standard(standard_ids) if standard_ids else {}
    roles = [role_facts(role, ksbs_by_standard.get(role.standard_id, [])) for role in chosen]
    ksbs = share_ksbs(roles)
    comparison = Comparison(roles=roles, rows=build_rows(roles, ksbs), only_differences=only_differences)
    if len(chosen) == 2:
        first, second = chosen
        links = list(
            ProgressionLink.objects.select_related("from_role", "to_role", "time_source").filter(
                Q(from_role=first, to_role=second) | Q(from_role=second, to_role=first)
            )
        )
        # A move from the first role to the second is the one the summary is about; else the reverse.
        link = next((item for item in links if item.from_role_id == first.pk), links[0] if links else None)
        comparison.changes = what_changes(roles[0], roles[1], ksbs[1], link_facts(link) if link else None)
    return comparison
