"""What an editor should look at next, as one list: profiles and standards not reviewed for over a year,
figures over three years old, sources a reader cannot follow or date, and every problem check_content
reports (roles.content.checks.problems(), when that module is there).

A fixed number of queries, whatever the amount of content: one per kind of record, plus check_content's own.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from fnmatch import fnmatch
from urllib.parse import urlencode

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst

from qualifications.models import OccupationalStandard, Source

from ..models import ProgressionLink, Role
from .registry import CONTENT

REVIEW_DAYS = 365
FIGURE_YEARS = 3
LEVELS = {"error": 0, "warning": 1}

try:  # check_content (issue 13) exposes its problems here; without it the page lists the rest.
    from .checks import problems as content_problems
except ImportError:  # pragma: no cover - depends on which branches are merged
    content_problems = None


@dataclass(frozen=True)
class ReviewItem:
    kind: str  # what sort of record, e.g. "Role"
    name: str
    url: str
    reason: str
    level: str = "warning"  # "error" or "warning"


@dataclass(frozen=True)
class Ages:
    """The dates before which a review or a figure counts as old."""

    today: date

    @property
    def reviewed_before(self) -> date:
        return self.today - timedelta(days=REVIEW_DAYS)

    @property
    def figure_year_before(self) -> int:
        return self.today.year - FIGURE_YEARS

    @property
    def checked_before(self) -> date:
        try:
            return self.today.replace(year=self.today.year - FIGURE_YEARS)
        except ValueError:  # 29 February
            return self.today.replace(year=self.today.year - FIGURE_YEARS, day=28)

    def old_year(self, year) -> bool:
        return year is not None and year < self.figure_year_before

    def old_source(self, source) -> bool:
        if source is None:
            return False
        if source.year:
            return self.old_year(source.year)
        return source.checked is not None and source.checked < self.checked_before

    def old_source_q(self, prefix: str) -> Q:
        return Q(**{f"{prefix}__year__lt": self.figure_year_before}) | Q(
            **{f"{prefix}__year__isnull": True, f"{prefix}__checked__lt": self.checked_before}
        )


def change_url(obj) -> str:
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


def item(obj, reason: str, level: str = "warning") -> ReviewItem:
    return ReviewItem(capfirst(obj._meta.verbose_name), str(obj), change_url(obj), reason, level)


def review_reason(last_reviewed: date | None, ages: Ages) -> str:
    if last_reviewed is None:
        return "Never reviewed."
    return f"Last reviewed {last_reviewed:%-d %B %Y}, over a year ago."


def stale_reviews(ages: Ages) -> list[ReviewItem]:
    old = Q(last_reviewed__isnull=True) | Q(last_reviewed__lt=ages.reviewed_before)
    found = []
    for model in (Role, OccupationalStandard):
        for obj in model.objects.filter(old).order_by("last_reviewed", "pk"):
            found.append(item(obj, review_reason(obj.last_reviewed, ages)))
    return found


def figure_reason(what: str, year, source, ages: Ages) -> str | None:
    if ages.old_year(year):
        return f"{what} figures are from {year}, over {FIGURE_YEARS} years ago."
    if ages.old_source(source):
        return f"{what} figures come from a source dated {source.date_label}, over {FIGURE_YEARS} years ago."
    return None


def old_figures(ages: Ages) -> list[ReviewItem]:
    found = []
    roles = Role.objects.filter(
        Q(pay_year__lt=ages.figure_year_before) | ages.old_source_q("pay_source") | ages.old_source_q("hours_source")
    ).select_related("pay_source", "hours_source")
    for role in roles:
        for reason in (
            figure_reason("Pay", role.pay_year, role.pay_source, ages),
            figure_reason("Hours", None, role.hours_source, ages),
        ):
            if reason:
                found.append(item(role, reason))
    standards = OccupationalStandard.objects.filter(
        Q(median_salary_year__lt=ages.figure_year_before) | ages.old_source_q("median_salary_source")
    ).select_related("median_salary_source")
    for standard in standards:
        reason = figure_reason("Median salary", standard.median_salary_year, standard.median_salary_source, ages)
        if reason:
            found.append(item(standard, reason))
    links = ProgressionLink.objects.filter(ages.old_source_q("time_source")).select_related(
        "from_role", "to_role", "time_source"
    )
    for link in links:
        found.append(item(link, figure_reason("Typical time", None, link.time_source, ages)))
    return found


def unfollowable_sources() -> list[ReviewItem]:
    found = []
    for source in Source.objects.filter(Q(url="") | Q(year__isnull=True, checked__isnull=True)):
        if not source.url:
            found.append(item(source, "No page address: a reader cannot follow it."))
        if source.year is None and source.checked is None:
            found.append(item(source, "Neither a year nor the date it was checked: its figures cannot say how old."))
    return found


def content_model_for(file_name: str):
    for content in CONTENT:
        if fnmatch(file_name, content.file.format(standard="*")):
            return content.model
    return None


def check_items() -> list[ReviewItem]:
    """check_content's problems; each links to its record's admin list, searched for the record."""
    if content_problems is None:
        return []
    found = []
    for problem in content_problems():
        model = content_model_for(str(problem.file))
        kind = capfirst(model._meta.verbose_name) if model else str(problem.file)
        url = ""
        if model is not None:
            changelist = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
            url = f"{changelist}?{urlencode({'q': str(problem.record)})}"
        field = f" ({problem.field})" if problem.field else ""
        reason = f"{problem.message}{field} [{problem.rule}]"
        found.append(ReviewItem(kind, str(problem.record), url, reason, problem.level))
    return found


def needs_review(today: date | None = None) -> list[ReviewItem]:
    """Everything to look at next, errors first."""
    ages = Ages(today or timezone.localdate())
    items = check_items() + stale_reviews(ages) + old_figures(ages) + unfollowable_sources()
    return sorted(items, key=lambda found: LEVELS.get(found.level, 1))
