"""Sources, occupational standards with their KSBs, and qualifications.

This app knows nothing of roles: roles depend on it, never the other way round.
"""

from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.db.models.functions import StrIndex
from django.urls import reverse

from .figures import check_figure_sourced, figure_age_of, money  # noqa: F401 (money: imported from here)
from .records import ExplainedConstraintsModel, SluggedPageModel, SlugQuerySet, lines_of

LEVEL_MIN, LEVEL_MAX = 1, 8


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, key):
        return self.get(key=key)


class Source(ExplainedConstraintsModel):
    """A publication that figures and statements cite; one source serves many facts."""

    key = models.SlugField(
        max_length=80, unique=True, help_text="Short stable name used in fixtures, e.g. 'ncs-care-worker'."
    )
    title = models.CharField(max_length=300)
    publisher = models.CharField(max_length=200)
    url = models.URLField(max_length=500, blank=True)
    year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="The year the source itself gives; leave empty for an undated page."
    )
    checked = models.DateField(
        null=True,
        blank=True,
        help_text="When we last checked the page. An undated page needs it: its figures show 'undated page, checked'.",
    )
    note = models.TextField(blank=True, help_text="Anything a reader should know, e.g. 'one council, illustrative'.")

    objects = SourceQuerySet.as_manager()

    class Meta:
        ordering = ["publisher", "title"]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__isnull=True) | Q(year__gte=1990, year__lte=2100),
                name="source_year_plausible",
            ),
        ]

    def __str__(self):
        year = f", {self.year}" if self.year else ""
        return f"{self.publisher}: {self.title}{year}"

    def natural_key(self):
        return (self.key,)

    @property
    def date_label(self) -> str:
        """How a figure from this source says how old it is: the source's year, or when we checked an undated page."""
        if self.year:
            return str(self.year)
        if self.checked:
            return f"undated page, checked {self.checked:%B %Y}"
        return "undated page"

    @property
    def as_of_year(self) -> int | None:
        """The year a figure from this source describes, at the latest: its year, or the year we checked it."""
        return self.year or (self.checked.year if self.checked else None)

    def explain_checks(self, errors):
        if self.year is not None and not 1990 <= self.year <= 2100:
            errors["year"] = ["Enter a year between 1990 and 2100."]


class StandardQuerySet(models.QuerySet):
    def with_ksbs(self):
        return self.prefetch_related(models.Prefetch("ksbs", queryset=KSB.objects.ordered()))

    def get_by_natural_key(self, reference):
        return self.get(reference=reference)


reference_validator = RegexValidator(r"^ST\d{4}$", "A standard's reference looks like ST0008: ST and four digits.")


class Funding(models.TextChoices):
    FUNDED = "funded", "Funded for new starts"
    WITHDRAWN = "withdrawn", "Funding withdrawn for new starts"
    UNDER_22 = "under_22", "Publicly funded only for apprentices under 22"
    NEW_VERSION = "new_version", "A new version is due"


def funding_sentence(status: str, since) -> str:
    """The plain words every page shows beside an apprenticeship: one wording, kept here."""
    when = f"{since:%B %Y}" if since else ""
    if status == Funding.WITHDRAWN:
        return f"Not funded for new starts since {when}: your employer may still pay for it."
    if status == Funding.UNDER_22:
        return f"Publicly funded only for apprentices under 22 since {when}: older apprentices' employers pay."
    if status == Funding.NEW_VERSION:
        return f"A new version is due from {when}: check which version a provider offers."
    if status == Funding.FUNDED:
        return "Funded for new starts."
    return ""


class OccupationalStandard(ExplainedConstraintsModel):
    """An apprenticeship occupational standard published by Skills England (formerly IfATE)."""

    reference = models.CharField(max_length=6, unique=True, validators=[reference_validator])
    occupation_code = models.CharField(max_length=8, blank=True, help_text="Occupational map code, e.g. OCC0008.")
    title = models.CharField(max_length=200)
    level = models.PositiveSmallIntegerField(help_text="RQF level, 2 to 7.")
    version = models.CharField(max_length=10, blank=True)
    route = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=100, blank=True)
    summary = models.TextField(blank=True, help_text="What the occupation is, in our own words.")
    overview = models.TextField(blank=True, help_text="The standard's own one-line overview, quoted word for word.")
    typical_job_titles = models.TextField(blank=True, help_text="One per line, as the standard lists them.")
    soc_codes = models.TextField(blank=True, help_text="SOC 2020 codes, one per line, e.g. '6136 Senior care workers'.")
    typical_duration_months = models.PositiveSmallIntegerField(null=True, blank=True)
    median_salary = models.PositiveIntegerField(null=True, blank=True, help_text="Pounds a year, as published.")
    median_salary_year = models.PositiveSmallIntegerField(null=True, blank=True)
    median_salary_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    source = models.ForeignKey(
        Source,
        on_delete=models.PROTECT,
        related_name="standards",
        help_text="Where the standard and its KSBs come from.",
    )
    standard_url = models.URLField(max_length=300, blank=True)
    options = models.TextField(blank=True, help_text="The standard's options, one per line as 'N Name' (e.g. ST0217).")
    funding_status = models.CharField(
        max_length=12,
        choices=Funding.choices,
        blank=True,
        help_text="Public funding for new apprentices today; needs its source (and a date unless funded).",
    )
    funding_from = models.DateField(
        null=True, blank=True, help_text="When the withdrawal, limit or new version starts."
    )
    funding_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    last_reviewed = models.DateField(
        null=True, blank=True, help_text="When an editor last checked this against the source."
    )

    objects = StandardQuerySet.as_manager()

    class Meta:
        ordering = ["level", "reference"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=2, level__lte=7), name="standard_level_2_to_7"),
            models.CheckConstraint(
                condition=Q(median_salary__isnull=True)
                | Q(median_salary_source__isnull=False, median_salary_year__isnull=False),
                name="standard_salary_has_source_and_year",
            ),
        ]

    def __str__(self):
        return f"{self.reference} {self.title} (level {self.level})"

    def get_absolute_url(self):
        return reverse("qualifications:standard", args=[self.reference.lower()])

    def natural_key(self):
        return (self.reference,)

    median_salary_age = figure_age_of("median_salary_source", "median_salary_year")
    duration_age = figure_age_of("source")
    option_list = lines_of("options")
    job_titles = lines_of("typical_job_titles")
    soc_code_list = lines_of("soc_codes")

    @property
    def funding_label(self) -> str:
        return funding_sentence(self.funding_status, self.funding_from)

    @property
    def median_salary_label(self):
        return f"{money(self.median_salary)} a year" if self.median_salary is not None else ""

    def explain_checks(self, errors):
        if self.level is not None and not 2 <= self.level <= 7:
            errors["level"] = ["Apprenticeship standards run from level 2 to level 7."]
        check_figure_sourced(
            errors,
            figure=self.median_salary,
            figure_field="median_salary_source",
            source=self.median_salary_source,
            year=self.median_salary_year,
            year_field="median_salary_year",
        )
        if self.funding_status and self.funding_source_id is None:
            errors["funding_source"] = ["A funding status needs the source that says so."]
        if self.funding_status not in ("", Funding.FUNDED) and self.funding_from is None:
            errors["funding_from"] = ["Give the date the withdrawal, limit or new version starts."]


# Knowledge, then skills, then behaviours: in SQL for the admin and open data, in Python for the pages.
KSB_KINDS = "KSB"
KIND_ORDER = Case(*(When(kind=kind, then=Value(n)) for n, kind in enumerate(KSB_KINDS)), default=Value(3))


def ksb_order(kind: str, number: int) -> tuple[int, int]:
    """A KSB's place within its standard, as KIND_ORDER and then its number put it."""
    return (KSB_KINDS.index(kind) if kind in KSB_KINDS else len(KSB_KINDS), number)


class KSBQuerySet(models.QuerySet):
    def ordered(self):
        """Knowledge, then skills, then behaviours, each by number (the standard's own order)."""
        return self.alias(kind_order=KIND_ORDER).order_by(
            "standard__level", "standard__reference", "kind_order", "number"
        )

    def rows(self) -> list[tuple[int, str, int, str]]:
        """(standard id, kind, number, statement), each standard's in its own order, without a model per KSB.

        Sorted here rather than by ordered(): the pages group them by standard anyway, and the CASE and the join
        to the standard cost more to build than sorting a few hundred rows (compare 2 roles: 4%)."""
        rows = self.order_by().values_list("standard_id", "kind", "number", "statement")
        return sorted(rows, key=lambda row: (row[0], ksb_order(row[1], row[2])))

    def statements(self) -> list[tuple[int, str, str]]:
        """(standard id, code, statement), each standard's in its own order."""
        return [(standard_id, f"{kind}{number}", statement) for standard_id, kind, number, statement in self.rows()]

    def get_by_natural_key(self, reference, kind, number):
        return self.get(standard__reference=reference, kind=kind, number=number)


class KSB(ExplainedConstraintsModel):
    """One knowledge, skill or behaviour statement, exactly as the standard publishes it."""

    class Kind(models.TextChoices):
        KNOWLEDGE = "K", "Knowledge"
        SKILL = "S", "Skill"
        BEHAVIOUR = "B", "Behaviour"

    standard = models.ForeignKey(OccupationalStandard, on_delete=models.CASCADE, related_name="ksbs")
    kind = models.CharField(max_length=1, choices=Kind.choices)
    number = models.PositiveSmallIntegerField()
    statement = models.TextField(help_text="Word for word as published; do not rephrase.")
    option = models.CharField(
        max_length=40, blank=True, help_text="For a standard with options: 'core', or the option numbers, e.g. '1,5'."
    )

    objects = KSBQuerySet.as_manager()

    class Meta:
        verbose_name = "KSB"
        verbose_name_plural = "KSBs"
        ordering = ["standard", KIND_ORDER.asc(), "number"]
        constraints = [
            models.UniqueConstraint(fields=["standard", "kind", "number"], name="ksb_code_unique_in_standard"),
            models.CheckConstraint(condition=Q(kind__in=["K", "S", "B"]), name="ksb_kind_valid"),
            models.CheckConstraint(condition=Q(number__gte=1), name="ksb_number_positive"),
        ]

    def __str__(self):
        return f"{self.standard.reference} {self.code}"

    @property
    def code(self):
        return f"{self.kind}{self.number}"

    def natural_key(self):
        return (self.standard.reference, self.kind, self.number)

    natural_key.dependencies = ["qualifications.occupationalstandard"]

    def unique_error(self, constraint_name):
        return "number", f"{self.code} already exists in this standard: each KSB code is used once."


class QualificationQuerySet(SlugQuerySet):
    def current(self):
        return self.filter(is_legacy=False)

    def legacy(self):
        return self.filter(is_legacy=True)

    def in_list_order(self):
        """Current qualifications by kind, then older awards; within each, by level (none last) and name."""
        return self.order_by("is_legacy", KIND_LIST_ORDER, F("level").asc(nulls_last=True), "name")


class Framework(models.TextChoices):
    """The scale a qualification's level is on."""

    RQF = "RQF", "RQF (Regulated Qualifications Framework)"
    FHEQ = "FHEQ", "FHEQ (higher education)"
    NQF = "NQF", "NQF (older national framework)"


class Qualification(SluggedPageModel):
    """A qualification, award or programme of learning that roles ask for."""

    page_url_name = "qualifications:detail"
    Framework = Framework

    class Kind(models.TextChoices):
        CERTIFICATE = "certificate", "Induction certificate"
        DIPLOMA = "diploma", "Vocational diploma"
        NVQ = "nvq", "NVQ"
        DEGREE = "degree", "Degree"
        PROFESSIONAL = "professional", "Professional programme"
        POST_QUALIFYING = "post-qualifying", "Post-qualifying award"
        ASSESSOR = "assessor", "Assessor or quality-assurance award"
        MANAGEMENT = "management", "Management qualification"
        SHORT_COURSE = "short-course", "Short course or specialist learning"
        REGISTRATION = "registration", "Professional registration"

    slug = models.SlugField(max_length=100, unique=True)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    level = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Level 1 to 8 on the framework below; empty when it has no level."
    )
    framework = models.CharField(max_length=4, choices=Framework.choices, blank=True)
    typical_duration = models.CharField(max_length=100, blank=True, help_text="E.g. '18 to 24 months'. Needs a source.")
    awarding_body = models.CharField(max_length=300, blank=True, help_text="Who awards or approves it.")
    summary = models.TextField(blank=True, help_text="What it is and who it is for, in our own words.")
    is_legacy = models.BooleanField(default=False, help_text="No longer offered to new learners.")
    still_recognised = models.BooleanField(
        default=False, help_text="For a legacy award: employers and regulators still accept it."
    )
    replaced_by = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaces")
    apprenticeship = models.ForeignKey(
        OccupationalStandard,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="apprenticeship_qualifications",
        help_text="The apprenticeship standard this is, or is taken inside: pages show that standard's funding.",
    )
    source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="qualifications")

    objects = QualificationQuerySet.as_manager()

    class Meta:
        ordering = ["level", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(level__isnull=True) | Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX),
                name="qualification_level_1_to_8",
            ),
            models.CheckConstraint(
                condition=Q(replaced_by__isnull=True) | Q(is_legacy=True), name="qualification_only_legacy_replaced"
            ),
            models.CheckConstraint(
                condition=~Q(replaced_by=models.F("pk")), name="qualification_not_replaced_by_itself"
            ),
            models.CheckConstraint(
                condition=Q(typical_duration="") | Q(source__isnull=False), name="qualification_duration_has_source"
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def funding_label(self) -> str:
        """The funding of the apprenticeship this is or sits inside (select_related 'apprenticeship' first)."""
        return self.apprenticeship.funding_label if self.apprenticeship_id else ""

    duration_age = figure_age_of("source")

    @property
    def level_label(self):
        if self.level is None:
            return "No level"
        return f"Level {self.level}"

    def explain_checks(self, errors):
        if self.level is not None and not LEVEL_MIN <= self.level <= LEVEL_MAX:
            errors["level"] = ["Levels run from 1 to 8 on the RQF and FHEQ scales."]
        if self.replaced_by_id and not self.is_legacy:
            errors["replaced_by"] = ["Only a legacy qualification can be replaced: tick 'is legacy' or clear this."]
        if self.replaced_by_id and self.pk and self.replaced_by_id == self.pk:
            errors["replaced_by"] = ["A qualification cannot replace itself."]
        if self.typical_duration and self.source_id is None:
            errors["source"] = ["A typical duration is a figure: choose the source it comes from."]


# The list's order of kinds: a kind's place in this text (cheaper SQL to build than a CASE of nine branches).
KIND_LIST_TEXT = " ".join(Qualification.Kind.values)
KIND_LIST_ORDER = StrIndex(Value(KIND_LIST_TEXT), F("kind"))
