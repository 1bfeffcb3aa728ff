"""The open data downloads at /data/: roles, qualifications, standards with KSBs and progression links.

Each data set is described once, as a list of fields, and everything else is generated from that one
description: the JSON records, the CSV columns, the field tables on the /data/ page and the Data Package
(datapackage.py). So the documentation and the files cannot drift apart. The words it is written in
(field types, Field with its constraints, Dataset with its keys, the licence terms) are in fields.py.

The files are deterministic: the same content gives the same bytes (no clock, no randomness), so caches
and ETags work. `generated_at` is the date of the latest editorial review in the data, not the time of
the download.
"""

from django.db.models import Prefetch

from qualifications.models import KSB, Funding, OccupationalStandard, Qualification

from ..models import LevelBasis, ProgressionLink, Role, RoleQualification, Sector, Setting
from .fields import (
    BOOLEAN,
    CITED,
    DATE,
    INTEGER,
    LEVELS,
    NUMBER,
    OBJECTS,
    REFERENCE,
    SLUG,
    STANDARD,
    STRING,
    STRINGS,
    URL,
    YEARS,
    Dataset,
    Field,
    ForeignKey,
    chosen,
)

SCHEMA_VERSION = "1.0"

# Spreadsheets run a cell that starts with one of these as a formula; an apostrophe makes it plain text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def citation(source) -> str | None:
    return str(source) if source is not None else None


def source_url(source) -> str | None:
    return (source.url or None) if source is not None else None


def standard_reference(relation: str, description: str) -> Field:
    """A column holding the reference of a related standard (or empty), which the standards data set keys."""
    return Field(
        relation,
        STRING,
        f"{description}; see the standards data set.",
        get=f"{relation}.reference",
        nullable=True,
        pattern=REFERENCE,
    )


def sourced(relation: str, what: str) -> tuple[Field, Field]:
    """The citation and link columns for a source relation, e.g. pay_source and pay_source_url."""
    return (
        Field(
            relation,
            STRING,
            f"The publication {what} come from: publisher, title and year.",
            get=lambda obj: citation(getattr(obj, relation)),
            nullable=True,
        ),
        Field(
            f"{relation}_url",
            URL,
            "Where to read that publication.",
            get=lambda obj: source_url(getattr(obj, relation)),
            nullable=True,
        ),
    )


# Roles

ROLE_FIELDS = (
    Field("slug", STRING, "The role's stable identifier.", required=True, pattern=SLUG),
    Field("title", STRING, "The role's name.", required=True),
    Field("page_url", URL, "The role's page on this site.", get=lambda role: role.get_absolute_url(), required=True),
    Field("summary", STRING, "What the job is, in a sentence or two.", required=True),
    chosen("sector", Sector.choices, required=True),
    chosen("setting", Setting.choices, required=True),
    Field("setting_detail", STRING, "Where the work happens."),
    Field(
        "level",
        INTEGER,
        "The role's typical level on the national qualification (RQF) scale, 1 to 8.",
        required=True,
        **LEVELS,
    ),
    chosen("level_basis", LevelBasis.choices, "Where the level comes from; empty when not recorded. "),
    Field("level_reason", STRING, "For a level that is our judgement: why, in one line."),
    Field("manages", STRING, "Who you lead or supervise, and who is in the team."),
    Field("responsibilities", STRINGS, "Main responsibilities.", get="responsibility_list"),
    Field("working_pattern", STRING, "Hours, shifts, on-call and lone working."),
    Field("hours_min", INTEGER, "Hours a week, lower end.", reuse=CITED, nullable=True, minimum=0, maximum=168),
    Field("hours_max", INTEGER, "Hours a week, upper end.", reuse=CITED, nullable=True, minimum=0, maximum=168),
    *sourced("hours_source", "the hours"),
    Field("typical_employers", STRINGS, "Who employs people in this role.", get="employer_list"),
    Field("job_titles", STRINGS, "Other titles for the same job.", get="job_title_list"),
    Field("registration", STRING, "Registration or regulator; empty when none applies."),
    Field("specialist_knowledge", STRINGS, "Specialist areas that help.", get="specialist_list"),
    Field("pay_min", INTEGER, "Lowest pay in pounds, per pay_unit.", reuse=CITED, nullable=True, minimum=0),
    Field("pay_max", INTEGER, "Highest pay in pounds, per pay_unit.", reuse=CITED, nullable=True, minimum=0),
    Field("pay_median", NUMBER, "Median pay in pounds, per pay_unit.", reuse=CITED, nullable=True, minimum=0),
    chosen("pay_unit", Role.PayUnit.choices, "What the pay figures are per. ", required=True),
    Field("pay_year", INTEGER, "The year the pay figures describe.", reuse=CITED, nullable=True, **YEARS),
    *sourced("pay_source", "the pay figures"),
    Field("pay_note", STRING, "What the pay figures cover, e.g. one employer's scale."),
    chosen(
        "pathway_category",
        Role.PathwayCategory.choices,
        "The role's category in the Care Workforce Pathway; empty when none. ",
        reuse=CITED,
    ),
    Field(
        "pathway_category_label",
        STRING,
        "The category's official name, e.g. Supervisor or leader; empty when none.",
        get=lambda role: role.get_pathway_category_display(),
        reuse=CITED,
    ),
    Field(
        "pathway_reason",
        STRING,
        "Why we place the role in its category, where no official list maps the job to one; empty when the "
        "category describes exactly this job, or the role has none.",
    ),
    *sourced("pathway_source", "the pathway category"),
    Field("top_role", BOOLEAN, "True when the role is the top of its ladder: no move out of it is expected."),
    Field("top_role_reason", STRING, "For a top role: why, in a line; empty otherwise."),
    standard_reference("standard", "Reference of the apprenticeship standard the role comes under, e.g. ST0008"),
    Field(
        "qualifications",
        OBJECTS,
        "The qualifications the role asks for, most important first.",
        get=lambda role: role.role_qualifications.all(),
        fields=(
            Field(
                "qualification",
                STRING,
                "The qualification's slug; see the qualifications data set.",
                get="qualification.slug",
            ),
            chosen("relevance", RoleQualification.Relevance.choices),
            Field("note", STRING, "What else to know, e.g. 'or working towards it'; empty when nothing."),
            Field(
                "alternatives",
                STRING,
                "A group name: the role asks for one of the qualifications that share it; empty when none.",
            ),
        ),
        csv_item=lambda rq: f"{rq.qualification.slug} ({rq.relevance})" + (f": {rq.note}" if rq.note else ""),
    ),
    Field(
        "sources",
        STRINGS,
        "The publications the profile draws on.",
        get=lambda role: [str(source) for source in role.sources.all()],
    ),
    Field("last_reviewed", DATE, "When an editor last checked the profile.", nullable=True),
)


def role_records():
    return (
        Role.objects.select_related("standard", "pay_source", "hours_source", "pathway_source")
        .prefetch_related(
            "sources",
            Prefetch(
                "role_qualifications", queryset=RoleQualification.objects.ordered().select_related("qualification")
            ),
        )
        .order_by("slug")
    )


# Qualifications

QUALIFICATION_FIELDS = (
    Field("slug", STRING, "The qualification's stable identifier.", required=True, pattern=SLUG),
    Field("name", STRING, "The qualification's name.", required=True),
    Field("page_url", URL, "The qualification's page on this site.", get=lambda q: q.get_absolute_url(), required=True),
    chosen("kind", Qualification.Kind.choices, required=True),
    Field("level", INTEGER, "Level 1 to 8 on the framework below.", nullable=True, **LEVELS),
    chosen("framework", Qualification.Framework.choices, "Empty when it has no level. "),
    Field("typical_duration", STRING, "How long it usually takes, in words; empty when unknown.", reuse=CITED),
    Field("awarding_body", STRING, "Who awards or approves it."),
    Field("summary", STRING, "What it is and who it is for."),
    Field("is_legacy", BOOLEAN, "True when it is no longer offered to new learners.", required=True),
    Field(
        "still_recognised",
        BOOLEAN,
        "For a legacy award: true when employers and regulators still accept it.",
        required=True,
    ),
    Field(
        "replaced_by",
        STRING,
        "For a legacy award: the slug of the qualification that replaced it.",
        get="replaced_by.slug",
        nullable=True,
        pattern=SLUG,
    ),
    standard_reference("apprenticeship", "The apprenticeship standard this is, or is taken inside, e.g. ST0006"),
    *sourced("source", "the facts about it"),
    Field(
        "apprenticeship_funding",
        STRING,
        "That apprenticeship's public funding for new starts, in plain words; empty when not recorded.",
        get=lambda q: q.funding_label,
        reuse=CITED,
    ),
)


def qualification_records():
    return Qualification.objects.select_related("replaced_by", "apprenticeship", "source").order_by("slug")


# Standards with their KSBs

STANDARD_FIELDS = (
    Field(
        "reference", STRING, "The standard's reference, e.g. ST0008.", reuse=STANDARD, required=True, pattern=REFERENCE
    ),
    Field("title", STRING, "The occupation's name.", reuse=STANDARD, required=True),
    Field("page_url", URL, "The standard's page on this site.", get=lambda s: s.get_absolute_url(), required=True),
    Field("level", INTEGER, "The apprenticeship's level, 2 to 7.", reuse=STANDARD, required=True, minimum=2, maximum=7),
    Field("version", STRING, "The version we quote.", reuse=STANDARD),
    Field("occupation_code", STRING, "Occupational map code, e.g. OCC0008.", reuse=STANDARD),
    Field("route", STRING, "The occupational route it belongs to.", reuse=STANDARD),
    Field("status", STRING, "Its status, e.g. approved for delivery.", reuse=STANDARD),
    Field("summary", STRING, "What the occupation is."),
    Field("overview", STRING, "The standard's own one-line overview, word for word.", reuse=STANDARD),
    Field("typical_job_titles", STRINGS, "Job titles as the standard lists them.", get="job_titles", reuse=STANDARD),
    Field(
        "soc_codes", STRINGS, "SOC 2020 codes, e.g. '6136 Senior care workers'.", get="soc_code_list", reuse=STANDARD
    ),
    Field(
        "typical_duration_months",
        INTEGER,
        "Typical apprenticeship length in months.",
        reuse=STANDARD,
        nullable=True,
        minimum=1,
    ),
    Field(
        "median_salary", INTEGER, "Median salary in pounds a year, as published.", reuse=CITED, nullable=True, minimum=0
    ),
    Field("median_salary_year", INTEGER, "The year the median salary describes.", reuse=CITED, nullable=True, **YEARS),
    *sourced("median_salary_source", "the median salary"),
    *sourced("source", "the standard and its KSBs"),
    chosen(
        "funding_status",
        Funding.choices,
        "Public funding for new apprentices today; empty when not recorded. ",
        reuse=CITED,
    ),
    Field("funding_from", DATE, "When the withdrawal, limit or new version starts.", reuse=CITED, nullable=True),
    *sourced("funding_source", "the funding status"),
    Field("standard_url", URL, "The standard's page at Skills England.", reuse=STANDARD, nullable=True),
    Field("last_reviewed", DATE, "When an editor last checked it against the source.", nullable=True),
    Field(
        "ksbs",
        OBJECTS,
        "The knowledge, skills and behaviours: knowledge first, then skills, then behaviours, each by number.",
        get=lambda s: s.ksbs.all(),
        reuse=STANDARD,
        fields=(
            Field("code", STRING, "Kind and number, e.g. K1, S12, B3.", reuse=STANDARD, pattern=r"[KSB][1-9]\d*"),
            Field("kind", STRING, "K (knowledge), S (skill) or B (behaviour).", reuse=STANDARD, enum=("K", "S", "B")),
            Field("number", INTEGER, "The statement's number within its kind.", reuse=STANDARD, minimum=1),
            Field("statement", STRING, "The statement, word for word as the standard publishes it.", reuse=STANDARD),
        ),
    ),
)


def standard_records():
    return (
        OccupationalStandard.objects.select_related("source", "median_salary_source", "funding_source")
        .prefetch_related(Prefetch("ksbs", queryset=KSB.objects.ordered()))
        .order_by("reference")
    )


# Progression links

PROGRESSION_LINK_FIELDS = (
    Field(
        "from_role", STRING, "The slug of the role you move from.", get="from_role.slug", required=True, pattern=SLUG
    ),
    Field("to_role", STRING, "The slug of the role you move to.", get="to_role.slug", required=True, pattern=SLUG),
    chosen("strength", ProgressionLink.Strength.choices, required=True),
    Field(
        "months_min",
        INTEGER,
        "Typical time the move takes, lower end, in months.",
        reuse=CITED,
        nullable=True,
        minimum=0,
    ),
    Field(
        "months_max",
        INTEGER,
        "Typical time the move takes, upper end, in months.",
        reuse=CITED,
        nullable=True,
        minimum=0,
    ),
    *sourced("time_source", "the typical time"),
    Field("what_it_takes", STRING, "What you would take on and need to show."),
    Field("gate", STRING, "Any regulatory step, e.g. registering with Social Work England; empty when none."),
    *sourced("gate_source", "the regulatory step"),
    Field(
        "qualifications",
        STRINGS,
        "Slugs of the qualifications that help with the move; see the qualifications data set.",
        get=lambda link: [q.slug for q in link.qualifications.all()],
    ),
)


def progression_link_records():
    return (
        ProgressionLink.objects.select_related("from_role", "to_role", "time_source", "gate_source")
        .prefetch_related(Prefetch("qualifications", queryset=Qualification.objects.order_by("slug")))
        .order_by("from_role__slug", "to_role__slug")
    )


DATASETS = {
    dataset.name: dataset
    for dataset in (
        Dataset(
            "roles",
            "Roles",
            "Every job in the guide: what it involves, its pay and hours with their sources, and the "
            "qualifications it asks for.",
            ROLE_FIELDS,
            role_records,
            csv_note="In the CSV, the qualifications column holds one qualification a line: slug (relevance): note.",
            primary_key=("slug",),
            foreign_keys=(ForeignKey("standard", "standards", "reference"),),
        ),
        Dataset(
            "qualifications",
            "Qualifications",
            "Current and older qualifications, with what replaced the older ones.",
            QUALIFICATION_FIELDS,
            qualification_records,
            primary_key=("slug",),
            foreign_keys=(
                ForeignKey("replaced_by", "qualifications", "slug"),
                ForeignKey("apprenticeship", "standards", "reference"),
            ),
        ),
        Dataset(
            "standards",
            "Standards and KSBs",
            "The apprenticeship occupational standards the roles come under, with every knowledge, skill and behaviour "
            "statement quoted word for word.",
            STANDARD_FIELDS,
            standard_records,
            csv_rows_per="ksbs",
            csv_item_prefix="ksb_",
            csv_note="The CSV has one row per KSB: each row repeats its standard's columns, then gives "
            "ksb_code, ksb_kind, ksb_number and ksb_statement.",
            primary_key=("reference", "ksb_code"),
        ),
        Dataset(
            "progression-links",
            "Progression links",
            "The moves between roles: how common each is, how long it typically takes and what it takes.",
            PROGRESSION_LINK_FIELDS,
            progression_link_records,
            primary_key=("from_role", "to_role"),
            foreign_keys=(ForeignKey("from_role", "roles", "slug"), ForeignKey("to_role", "roles", "slug")),
        ),
    )
}

# The JSON file's top level, around the records.
ENVELOPE_FIELDS = (
    Field(
        "schema_version",
        STRING,
        f"The version of this format, now {SCHEMA_VERSION}. New fields may appear "
        "within a version; a renamed or removed field changes the first number.",
    ),
    Field("dataset", STRING, "Which data set this is: " + ", ".join(DATASETS) + "."),
    Field("title", STRING, "The data set's name."),
    Field(
        "generated_at",
        DATE,
        "The date of the latest editorial review in the data, so the same content always gives the same file.",
    ),
    Field("documentation", URL, "This page."),
    Field(
        "licences", OBJECTS, "Who may reuse which fields, on what terms: reuse, applies_to, licence, url, attribution."
    ),
    Field("fields", OBJECTS, "The fields of the records, as in the tables below: name, type, reuse, description."),
    Field("record_count", INTEGER, "How many records follow."),
    Field("records", OBJECTS, "The records, in a stable order (by their identifiers), with the fields below."),
)
