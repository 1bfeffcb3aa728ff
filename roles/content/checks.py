"""The content-truth rules, checked on the loaded content: every problem named by file, record, field and rule.

`check_content` prints them and `load_content` refuses content with errors, so what the site shows stays
something a careers adviser can print: figures with a source and the year the source gives, sources a
reader can follow, apprenticeships with their funding today, "one of" groups, levels with a basis, and a
map where every role leads somewhere unless it is the top of its ladder.
"""

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from django.utils import timezone

from qualifications.models import OccupationalStandard, Qualification, Source

from ..models import LevelBasis, ProgressionLink, Relevance, Role, RoleQualification
from .registry import BY_LABEL

ERROR, WARNING = "error", "warning"
# Sites that copy other publishers' pages: cite the original instead.
COPY_SITES = {"limitlesscommunitycare.org"}
OLD_FIGURE_YEARS = 3
REVIEW_DAYS = 365


@dataclass(frozen=True)
class Problem:
    level: str  # ERROR or WARNING
    file: str
    record: str
    field: str
    rule: str
    message: str

    def __str__(self) -> str:
        place = f"{self.file}, record {self.record}, field '{self.field}'"
        return f"{self.level.upper()}: {place}: {self.message} ({self.rule})"


def where(obj) -> tuple[str, str]:
    """The fixture file and the record's natural key, as load_content names them."""
    content = BY_LABEL[obj._meta.label_lower]
    key = obj.natural_key()
    file = content.file.format(standard=str(key[0]).lower()) if "{standard}" in content.file else content.file
    return file, "/".join(map(str, key))


def problem(level: str, obj, field: str, rule: str, message: str) -> Problem:
    return Problem(level, *where(obj), field, rule, message)


# --- Sources ------------------------------------------------------------------------------------------------


def source_problems(sources) -> list[Problem]:
    found = []
    for source in sources:
        parts = urlsplit(source.url)
        if not source.url:
            found.append(problem(ERROR, source, "url", "source-address", "Give the address of the page itself."))
        elif parts.path in ("", "/") and not parts.query:
            found.append(
                problem(ERROR, source, "url", "source-site-root", "This is a site's home page: give the page itself.")
            )
        host = parts.hostname or ""
        if any(host == site or host.endswith("." + site) for site in COPY_SITES):
            found.append(
                problem(
                    ERROR, source, "url", "source-copy-site", f"{host} copies other sites' pages: cite the original."
                )
            )
        if source.year is None and source.checked is None:
            found.append(
                problem(
                    ERROR,
                    source,
                    "checked",
                    "source-undated-unchecked",
                    "This page gives no year: record the date it was checked.",
                )
            )
    return found


# --- Figures --------------------------------------------------------------------------------------------------


def figure_problems(obj, field: str, *, figure, source, year=None, reviewed=None) -> list[Problem]:
    """A figure needs a source and a year (its own, or its source's); no later than its source; not too old."""
    if figure in (None, ""):
        return []
    if source is None:
        return [problem(ERROR, obj, field, "figure-unsourced", "This figure has no source: say where it comes from.")]
    as_of = source.as_of_year
    if year is None and as_of is None:
        return [problem(ERROR, obj, field, "figure-no-year", "This figure has no year and its source none either.")]
    if year is not None and as_of is not None and year > as_of:
        return [
            problem(
                ERROR,
                obj,
                field,
                "figure-year-after-source",
                f"The figure is dated {year}, later than its source ({source.date_label}).",
            )
        ]
    figure_year = year or as_of
    reference = reviewed or timezone.localdate()
    if figure_year < reference.year - OLD_FIGURE_YEARS:
        return [
            problem(
                WARNING,
                obj,
                field,
                "figure-old",
                f"A {figure_year} figure, over {OLD_FIGURE_YEARS} years older than the last review: find a newer one.",
            )
        ]
    return []


def role_figure_problems(role: Role) -> list[Problem]:
    pay = next((v for v in (role.pay_min, role.pay_max, role.pay_median) if v is not None), None)
    hours = role.hours_min if role.hours_min is not None else role.hours_max
    return [
        *figure_problems(
            role, "pay_year", figure=pay, source=role.pay_source, year=role.pay_year, reviewed=role.last_reviewed
        ),
        *figure_problems(role, "hours_source", figure=hours, source=role.hours_source, reviewed=role.last_reviewed),
    ]


# --- Roles ------------------------------------------------------------------------------------------------


def level_problems(role: Role) -> list[Problem]:
    standard = role.standard
    if role.level_basis == "":
        return [problem(ERROR, role, "level_basis", "level-basis", "Say where the level comes from.")]
    if role.level_basis == LevelBasis.STANDARD:
        if standard is None or standard.level != role.level:
            return [
                problem(
                    ERROR,
                    role,
                    "level_basis",
                    "level-basis",
                    "The level is said to be its standard's, but it has no standard at that level.",
                )
            ]
        return []
    found = []
    if not role.level_reason.strip():
        found.append(problem(ERROR, role, "level_reason", "level-basis", "A level by our judgement needs its reason."))
    if standard is not None and role.level > standard.level:
        found.append(
            problem(
                ERROR,
                role,
                "level",
                "level-above-standard",
                f"Level {role.level} is above its standard's ({standard.reference}, level {standard.level}).",
            )
        )
    return found


def ladder_problems(role: Role, leads_somewhere: bool) -> list[Problem]:
    if role.top_role and not role.top_role_reason.strip():
        return [problem(ERROR, role, "top_role_reason", "top-role-reason", "Say why this is the top of its ladder.")]
    if not leads_somewhere and not role.top_role:
        return [
            problem(
                ERROR,
                role,
                "top_role",
                "dead-end",
                "No move leads out of this role: add one, or mark it as a top role with a reason.",
            )
        ]
    return []


def review_problems(obj, today: date) -> list[Problem]:
    if obj.last_reviewed is None or obj.last_reviewed < today - timedelta(days=REVIEW_DAYS):
        when = f"last reviewed {obj.last_reviewed:%-d %B %Y}" if obj.last_reviewed else "never reviewed"
        return [problem(WARNING, obj, "last_reviewed", "review-old", f"Over a year since a review ({when}).")]
    return []


# --- Apprenticeships and "one of" ----------------------------------------------------------------------------


def funding_problems(standards, suggested: set[int]) -> list[Problem]:
    found = []
    for standard in standards:
        if standard.pk in suggested and not standard.funding_status:
            found.append(
                problem(
                    ERROR,
                    standard,
                    "funding_status",
                    "apprenticeship-funding",
                    "This apprenticeship is suggested on the site: record its funding for new starts, with a source.",
                )
            )
        elif standard.funding_status and standard.funding_source_id is None:
            found.append(
                problem(ERROR, standard, "funding_source", "apprenticeship-funding", "Give the funding's source.")
            )
    return found


def unlinked_apprenticeship_problems(qualifications, suggested_qualifications: set[int]) -> list[Problem]:
    return [
        problem(
            ERROR,
            qualification,
            "apprenticeship",
            "apprenticeship-funding",
            "Named as an apprenticeship: link it to its standard so pages can show its funding.",
        )
        for qualification in qualifications
        if qualification.pk in suggested_qualifications
        and "apprenticeship" in qualification.name.lower()
        and qualification.apprenticeship_id is None
    ]


def alternatives_problems(role_qualifications) -> list[Problem]:
    return [
        problem(
            ERROR,
            rq,
            "relevance",
            "essential-in-alternatives",
            f"One of the '{rq.alternatives}' alternatives cannot be essential: the role asks for one of them.",
        )
        for rq in role_qualifications
        if rq.alternatives and rq.relevance == Relevance.ESSENTIAL
    ]


# --- All of it ---------------------------------------------------------------------------------------------


def problems() -> list[Problem]:
    """Every problem in the loaded content, errors first: seven queries whatever its size."""
    today = timezone.localdate()
    sources = list(Source.objects.order_by("key"))
    standards = list(OccupationalStandard.objects.select_related("median_salary_source").order_by("reference"))
    qualifications = list(Qualification.objects.select_related("source").order_by("slug"))
    roles = list(Role.objects.select_related("standard", "pay_source", "hours_source").order_by("slug"))
    role_quals = list(RoleQualification.objects.select_related("role", "qualification").order_by("role__slug"))
    links = list(ProgressionLink.objects.select_related("from_role", "to_role", "time_source").order_by("pk"))
    link_quals = set(ProgressionLink.qualifications.through.objects.values_list("qualification_id", flat=True))

    suggested_quals = {rq.qualification_id for rq in role_quals} | link_quals
    by_pk = {q.pk: q for q in qualifications}
    suggested_standards = {role.standard_id for role in roles} | {
        by_pk[pk].apprenticeship_id for pk in suggested_quals if pk in by_pk
    }
    leads = defaultdict(bool)
    for link in links:
        leads[link.from_role_id] = True

    found = source_problems(sources)
    found += funding_problems(standards, suggested_standards)
    found += unlinked_apprenticeship_problems(qualifications, suggested_quals)
    found += alternatives_problems(role_quals)
    for standard in standards:
        found += figure_problems(
            standard,
            "median_salary_year",
            figure=standard.median_salary,
            source=standard.median_salary_source,
            year=standard.median_salary_year,
            reviewed=standard.last_reviewed,
        )
    for qualification in qualifications:
        found += figure_problems(
            qualification, "typical_duration", figure=qualification.typical_duration, source=qualification.source
        )
    for link in links:
        months = link.months_min if link.months_min is not None else link.months_max
        found += figure_problems(link, "time_source", figure=months, source=link.time_source)
    for role in roles:
        found += role_figure_problems(role)
        found += level_problems(role)
        found += ladder_problems(role, leads[role.pk])
        found += review_problems(role, today)
    for standard in standards:
        if standard.pk in suggested_standards:
            found += review_problems(standard, today)
    return sorted(found, key=lambda p: (p.level != ERROR, p.file, p.record, p.field))


def errors(found: list[Problem]) -> list[Problem]:
    return [p for p in found if p.level == ERROR]
