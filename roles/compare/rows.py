"""The comparison's rows, where the roles differ, and what changes between two roles: pure functions."""

from dataclasses import dataclass, field

from ..ksbs import KSBLine, RoleKSBs, fold
from ..models import RoleQualification
from ..qualification_groups import Requirement, by_relevance, is_met, requirements
from .facts import LinkFacts, QualificationFacts, RoleFacts

MIN_ROLES, MAX_ROLES = 2, 4

RELEVANCES = [(value, label) for value, label in RoleQualification.Relevance.choices]


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
    kind: str  # text, list, pay, hours, pathway, qualifications, standard, ksbs
    cells: tuple[Cell, ...]
    differs: bool

    @property
    def template(self) -> str:
        """Each kind of cell has its own partial."""
        return f"roles/compare/cells/_{self.kind}.html"


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
    """The role's requirements under a heading per relevance; a group of alternatives is one requirement."""
    return tuple(by_relevance(requirements(role.qualifications)))


def requirement_keys(role: RoleFacts) -> frozenset:
    return frozenset(requirement.key for requirement in requirements(role.qualifications))


def level_sentence(levels: list[int]) -> str:
    """Typical levels side by side, never as a step up or down: levels describe qualifications, not status."""
    if len(set(levels)) == 1:
        return f"Both are typically level {levels[0]}." if len(levels) == 2 else f"All are typically level {levels[0]}."
    shown = ", ".join(str(level) for level in levels[:-1]) + f" and {levels[-1]}"
    return f"Typical level: {shown} (levels describe the qualifications usually held, not status)."


def role_row(key, label, kind, roles, differs_on, empty="") -> Row:
    """A row whose cells show the role through the kind's own partial."""
    return Row(key, label, kind, tuple(Cell(role=r, empty=empty) for r in roles), differ(differs_on(r) for r in roles))


def build_rows(roles: list[RoleFacts], ksbs: list[RoleKSBs]) -> list[Row]:
    """The comparison rows, in the page's order, each knowing whether the roles differ on it."""
    return [
        Row(
            "level",
            "Level",
            "text",
            tuple(Cell(text=r.level_label or f"Level {r.level}", role=r) for r in roles),
            differ(r.level for r in roles),
        ),
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
    ] + requirement_rows(roles, ksbs)


def requirement_rows(roles: list[RoleFacts], ksbs: list[RoleKSBs]) -> list[Row]:
    """Pay, the pathway category, registration, qualifications, the standard and its KSBs."""
    return [
        role_row("pay", "Pay", "pay", roles, lambda r: r.pay_key),
        role_row(
            "pathway-category",
            "Care Workforce Pathway category",
            "pathway",
            roles,
            lambda r: r.pathway_category,
            empty="Not in one of the pathway's categories.",
        ),
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
            differ(requirement_keys(r) for r in roles),
        ),
        list_row("specialist", "Specialist knowledge", roles, lambda r: r.specialist, "None recorded."),
        role_row(
            "standard",
            "Occupational standard",
            "standard",
            roles,
            lambda r: r.standard.reference if r.standard else None,
            empty="No apprenticeship standard covers this role.",
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
    qualifications_to_add: list[dict] = field(default_factory=list)  # requirements under relevance headings
    qualifications_in_common: list[Requirement] = field(default_factory=list)
    new_ksbs: list[KSBLine] = field(default_factory=list)
    target_ksb_count: int = 0
    ksbs_unknown_reason: str = ""
    link: LinkFacts | None = None

    @property
    def level_sentence(self) -> str:
        return level_sentence([self.current.level, self.target.level])

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
    held = set().union(*(related_qualifications(q) for q in current.qualifications))
    held |= {q.slug for q in target.qualifications if q.replaced_by_slug in held}  # an older award still counts
    to_add, in_common = [], []
    for requirement in requirements(target.qualifications):
        (in_common if is_met(requirement, held) else to_add).append(requirement)
    change = WhatChanges(
        current=current,
        target=target,
        setting_changes=current.setting != target.setting,
        sector_changes=current.sector != target.sector,
        take_on=[item for item in target.responsibilities if fold(item) not in current_responsibilities],
        manages=target.manages if fold(target.manages) != fold(current.manages) else "",
        working_pattern=target.working_pattern if fold(target.working_pattern) != fold(current.working_pattern) else "",
        registration_changes=fold(target.registration) != fold(current.registration),
        qualifications_to_add=by_relevance(to_add),
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
