"""Roles, the qualifications they ask for, and the progression links between them."""

from django.db import models
from django.db.models import Case, F, Q, Value, When
from django.urls import reverse
from django.utils.text import slugify

from qualifications.figures import check_figure_sourced, check_range, figure_age_of, first_given, money
from qualifications.models import LEVEL_MAX, LEVEL_MIN, OccupationalStandard, Qualification, Source
from qualifications.records import (
    ExplainedConstraintsModel,
    SluggedPageModel,
    SlugQuerySet,
    lines_of,
    min_not_above_max,
)

from .wording import level_basis_sentence, months_label, span_label  # noqa: F401 (imported from here)


def pathway_url(from_slug: str, to_slug: str) -> str:
    """The pathway page between two roles: the one place its address is built."""
    return reverse("roles:pathway", args=[from_slug, to_slug])


def named_choices(qualname: str, *labels: str) -> type[models.TextChoices]:
    """Choices whose values and member names come from their labels, written once: "New to care" is stored as
    "new-to-care", member NEW_TO_CARE."""
    members = [(slugify(label).replace("-", "_").upper(), (slugify(label), label)) for label in labels]
    return models.TextChoices(qualname.rpartition(".")[2], members, qualname=qualname)


class Sector(models.TextChoices):
    """Which workforce a role belongs to: the map colours and patterns each one."""

    ADULT_SOCIAL_CARE = "adult-social-care", "Adult social care"
    SOCIAL_WORK = "social-work", "Social work"


class LevelBasis(models.TextChoices):
    """Where a role's level comes from: pages say which, so a judgement is never read as official."""

    STANDARD = "standard", "The level of its apprenticeship standard"
    JUDGEMENT = "judgement", "Our judgement"


class Setting(models.TextChoices):
    """Where the work mostly happens."""

    RESIDENTIAL = "residential", "Residential (care homes)"
    DOMICILIARY = "domiciliary", "Domiciliary (care at home)"
    COMMUNITY = "community", "Community"
    MIXED = "mixed", "Several settings"


class RoleQuerySet(SlugQuerySet):
    def for_profile(self):
        """Everything a profile or comparison shows, in a fixed number of queries."""
        return self.select_related("standard", "pay_source", "hours_source", "pathway_source").prefetch_related(
            "sources",
            models.Prefetch(
                "role_qualifications",
                queryset=RoleQualification.objects.ordered().select_related(
                    "qualification__replaced_by", "qualification__apprenticeship"
                ),
            ),
        )

    def filtered(self, *, level=None, sector="", setting="", keyword=""):
        roles = self
        if level:
            roles = roles.filter(level=level)
        if sector:
            roles = roles.filter(sector=sector)
        if setting:
            roles = roles.filter(setting=setting)
        if keyword:
            roles = roles.filter(
                Q(title__icontains=keyword) | Q(summary__icontains=keyword) | Q(job_titles__icontains=keyword)
            )
        return roles


class Role(SluggedPageModel):
    """A job in adult social care or social work, described in our own words."""

    page_url_name = "roles:detail"

    class PayUnit(models.TextChoices):
        YEAR = "year", "a year"
        HOUR = "hour", "an hour"

    # The Care Workforce Pathway's categories by their official names, e.g. NEW_TO_CARE, stored as "new-to-care".
    PathwayCategory = named_choices(
        "Role.PathwayCategory",
        "New to care",
        "Care or support worker",
        "Enhanced care worker",
        "Personal assistant",
        "Supervisor or leader",
        "Practice leader",
        "Deputy manager",
        "Registered manager",
    )

    slug = models.SlugField(max_length=100, unique=True)
    title = models.CharField(max_length=150)
    summary = models.TextField(help_text="One or two sentences in our own words.")
    sector = models.CharField(max_length=20, choices=Sector.choices)
    setting = models.CharField(max_length=20, choices=Setting.choices)
    setting_detail = models.TextField(blank=True, help_text="Where the work happens, in a sentence or two.")
    level = models.PositiveSmallIntegerField(help_text="Typical RQF level of the role, 1 to 8.")
    level_basis = models.CharField(
        max_length=10,
        choices=LevelBasis.choices,
        blank=True,
        help_text="Where the level comes from: the role's apprenticeship standard, or our judgement (give the reason).",
    )
    level_reason = models.CharField(max_length=300, blank=True, help_text="One line the page shows: why this level.")
    manages = models.TextField(blank=True, help_text="Who you lead or supervise, and who is in the team.")
    responsibilities = models.TextField(blank=True, help_text="Main responsibilities, one per line.")
    working_pattern = models.TextField(blank=True, help_text="Hours, shifts, on-call, lone working.")
    hours_min = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Hours a week, lower end.")
    hours_max = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Hours a week, upper end.")
    hours_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    typical_employers = models.TextField(blank=True, help_text="One per line.")
    job_titles = models.TextField(blank=True, help_text="Other titles for the same job, one per line.")
    registration = models.TextField(blank=True, help_text="Registration or regulator; empty when none applies.")
    specialist_knowledge = models.TextField(blank=True, help_text="Specialist areas that help, one per line.")
    pay_min = models.PositiveIntegerField(null=True, blank=True)
    pay_max = models.PositiveIntegerField(null=True, blank=True)
    pay_median = models.DecimalField(max_digits=9, decimal_places=2, null=True, blank=True)
    pay_unit = models.CharField(max_length=4, choices=PayUnit.choices, default=PayUnit.YEAR)
    pay_year = models.PositiveSmallIntegerField(null=True, blank=True, help_text="The year the pay figures describe.")
    pay_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pay_note = models.TextField(blank=True, help_text="What the figures cover, e.g. 'one council's scale'.")
    pathway_category = models.CharField(
        max_length=30, choices=PathwayCategory.choices, blank=True, help_text="Care Workforce Pathway role category."
    )
    pathway_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    pathway_reason = models.CharField(
        max_length=300, blank=True, help_text="Where no official mapping exists: why we place the role here."
    )
    top_role = models.BooleanField(default=False, help_text="The top of its ladder: no move out is expected.")
    top_role_reason = models.CharField(max_length=300, blank=True, help_text="One line the page shows: why.")
    standard = models.ForeignKey(
        OccupationalStandard, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles"
    )
    sources = models.ManyToManyField(Source, blank=True, related_name="roles", help_text="What the profile draws on.")
    last_reviewed = models.DateField(null=True, blank=True, help_text="When an editor last checked this profile.")

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["level", "title"]
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=LEVEL_MIN, level__lte=LEVEL_MAX), name="role_level_1_to_8"),
            min_not_above_max("pay_min", "pay_max", "role_pay_min_not_above_max"),
            min_not_above_max("hours_min", "hours_max", "role_hours_min_not_above_max"),
            models.CheckConstraint(
                condition=(Q(pay_min__isnull=True) & Q(pay_max__isnull=True) & Q(pay_median__isnull=True))
                | Q(pay_source__isnull=False, pay_year__isnull=False),
                name="role_pay_has_source_and_year",
            ),
            models.CheckConstraint(
                condition=(Q(hours_min__isnull=True) & Q(hours_max__isnull=True)) | Q(hours_source__isnull=False),
                name="role_hours_have_source",
            ),
            models.CheckConstraint(
                condition=Q(pathway_category="") | Q(pathway_source__isnull=False),
                name="role_pathway_category_has_source",
            ),
        ]

    def __str__(self):
        return self.title

    responsibility_list = lines_of("responsibilities")
    employer_list = lines_of("typical_employers")
    job_title_list = lines_of("job_titles")
    specialist_list = lines_of("specialist_knowledge")
    pay_age = figure_age_of("pay_source", "pay_year")
    hours_age = figure_age_of("hours_source")

    @property
    def level_basis_label(self) -> str:
        return level_basis_sentence(self.level, self.level_basis, self.level_reason, self.standard)

    @property
    def has_pay(self):
        return any(value is not None for value in (self.pay_min, self.pay_max, self.pay_median))

    @property
    def hours_label(self):
        if self.hours_min is None and self.hours_max is None:
            return ""
        if self.hours_min is not None and self.hours_max is not None and self.hours_min != self.hours_max:
            return f"{self.hours_min} to {self.hours_max} hours a week"
        return f"{self.hours_min if self.hours_min is not None else self.hours_max} hours a week"

    @property
    def pay_label(self):
        """E.g. '£32,000 to £48,000 a year; median £43,000 a year', or '' when unknown."""
        unit = self.get_pay_unit_display()
        parts = []
        if self.pay_min is not None and self.pay_max is not None:
            parts.append(f"{money(self.pay_min)} to {money(self.pay_max)} {unit}")
        elif self.pay_min is not None or self.pay_max is not None:
            parts.append(f"{money(self.pay_min if self.pay_min is not None else self.pay_max)} {unit}")
        if self.pay_median is not None:
            parts.append(f"median {money(self.pay_median)} {unit}")
        label = "; ".join(parts)
        return label[:1].upper() + label[1:]

    def explain_checks(self, errors):
        if self.level is not None and not LEVEL_MIN <= self.level <= LEVEL_MAX:
            errors["level"] = ["Levels run from 1 to 8."]
        check_range(errors, self, "pay_min", "pay_max", "The lowest pay cannot be more than the highest pay.")
        check_range(errors, self, "hours_min", "hours_max", "The fewest hours cannot be more than the most hours.")
        check_figure_sourced(
            errors,
            figure=first_given(self.pay_min, self.pay_max, self.pay_median),
            figure_field="pay_source",
            source=self.pay_source,
            year=self.pay_year,
            year_field="pay_year",
        )
        hours = first_given(self.hours_min, self.hours_max)
        check_figure_sourced(errors, figure=hours, figure_field="hours_source", source=self.hours_source)
        if self.pathway_category and self.pathway_source is None:
            errors["pathway_source"] = ["Say which source places this role in the Care Workforce Pathway."]


# How a pathway step describes a qualification, by the target role's relevance ("" when only the move names it).
MOVE_LABELS = {
    "essential": "essential for the new role",
    "typical": "usually asked for in the new role",
    "helpful": "helps in the new role",
}
MOVE_ONLY_LABEL = "named for this move"


class Relevance(models.TextChoices):
    """In the order pages list them; `rank` and `move_label` are that order and wording, kept here once."""

    ESSENTIAL = "essential", "Essential"
    TYPICAL = "typical", "Typical"
    HELPFUL = "helpful", "Helpful"

    @property
    def rank(self) -> int:
        return list(type(self)).index(self)

    @property
    def move_label(self) -> str:
        return MOVE_LABELS[self.value]


# A relevance's place in the list above.
RELEVANCE_ORDER = Case(
    *(When(relevance=value, then=Value(n)) for n, value in enumerate(Relevance.values)), default=Value(len(Relevance))
)


class RoleQualificationQuerySet(models.QuerySet):
    def ordered(self):
        return self.alias(relevance_order=RELEVANCE_ORDER).order_by(
            "relevance_order", "qualification__level", "qualification__name"
        )

    def get_by_natural_key(self, role_slug, qualification_slug):
        return self.get(role__slug=role_slug, qualification__slug=qualification_slug)


class RoleQualification(ExplainedConstraintsModel):
    """How much a qualification matters for a role."""

    Relevance = Relevance

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="role_qualifications")
    qualification = models.ForeignKey(Qualification, on_delete=models.PROTECT, related_name="role_qualifications")
    relevance = models.CharField(max_length=10, choices=Relevance.choices)
    note = models.CharField(max_length=300, blank=True, help_text="E.g. 'or working towards it'.")
    alternatives = models.SlugField(
        max_length=50,
        blank=True,
        help_text="Qualifications of a role with the same group name are alternatives: it asks for one of them.",
    )

    objects = RoleQualificationQuerySet.as_manager()

    class Meta:
        ordering = [RELEVANCE_ORDER.asc(), "qualification__level", "qualification__name"]
        constraints = [
            models.UniqueConstraint(fields=["role", "qualification"], name="role_qualification_once"),
            models.CheckConstraint(
                condition=Q(relevance__in=Relevance.values),
                name="role_qualification_relevance_valid",
            ),
        ]

    def __str__(self):
        return f"{self.role}: {self.qualification} ({self.get_relevance_display().lower()})"

    def natural_key(self):
        return (self.role.slug, self.qualification.slug)

    natural_key.dependencies = ["roles.role", "qualifications.qualification"]

    def unique_error(self, constraint_name):
        return "qualification", "This qualification is already listed for this role."


class ProgressionLinkQuerySet(models.QuerySet):
    def get_by_natural_key(self, from_slug, to_slug):
        return self.get(from_role__slug=from_slug, to_role__slug=to_slug)

    def for_graph(self):
        return self.select_related("from_role", "to_role")


class ProgressionLink(ExplainedConstraintsModel):
    """A move from one role to another, and what it takes."""

    class Strength(models.TextChoices):
        COMMON = "common", "Common move"
        POSSIBLE = "possible", "Possible move"

    from_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="links_out")
    to_role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="links_in")
    strength = models.CharField(max_length=10, choices=Strength.choices, default=Strength.COMMON)
    months_min = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Typical time, lower end, in months."
    )
    months_max = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Typical time, upper end, in months."
    )
    time_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    what_it_takes = models.TextField(blank=True, help_text="What you would take on and need to show.")
    gate = models.TextField(blank=True, help_text="Any regulatory step, e.g. registering with Social Work England.")
    gate_source = models.ForeignKey(Source, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    qualifications = models.ManyToManyField(Qualification, blank=True, related_name="progression_links")
    sources = models.ManyToManyField(
        Source, blank=True, related_name="progression_links", help_text="What the move rests on."
    )

    objects = ProgressionLinkQuerySet.as_manager()

    class Meta:
        ordering = ["from_role__level", "from_role__title", "to_role__level", "to_role__title"]
        constraints = [
            models.UniqueConstraint(fields=["from_role", "to_role"], name="progression_link_once_per_pair"),
            models.CheckConstraint(condition=~Q(from_role=F("to_role")), name="progression_link_not_to_itself"),
            min_not_above_max("months_min", "months_max", "progression_link_months_min_not_above_max"),
            models.CheckConstraint(
                condition=(Q(months_min__isnull=True) & Q(months_max__isnull=True)) | Q(time_source__isnull=False),
                name="progression_link_time_has_source",
            ),
            models.CheckConstraint(
                condition=Q(gate="") | Q(gate_source__isnull=False), name="progression_link_gate_has_source"
            ),
            models.CheckConstraint(
                condition=Q(strength__in=["common", "possible"]), name="progression_link_strength_valid"
            ),
        ]

    def __str__(self):
        return f"{self.from_role} → {self.to_role}"

    def natural_key(self):
        return (self.from_role.slug, self.to_role.slug)

    natural_key.dependencies = ["roles.role"]

    @property
    def typical_time(self):
        return months_label(self.months_min, self.months_max)

    time_age = figure_age_of("time_source")

    def explain_checks(self, errors):
        if self.from_role_id and self.from_role_id == self.to_role_id:
            errors["to_role"] = ["A role cannot lead to itself: choose a different role."]
        check_range(
            errors, self, "months_min", "months_max", "The shortest time cannot be longer than the longest time."
        )
        months = first_given(self.months_min, self.months_max)
        check_figure_sourced(errors, figure=months, figure_field="time_source", source=self.time_source)
        if self.gate and self.gate_source is None:
            errors["gate_source"] = ["Say which source sets out this regulatory step."]

    def unique_error(self, constraint_name):
        return "to_role", "There is already a link from this role to that role."


# Models kept beside the content code they serve; imported here so Django finds them.
from .content.publication import Publication  # noqa: E402, F401  (kept with the publishing code it records)
from .content.version import ContentVersion, content_version  # noqa: E402, F401
