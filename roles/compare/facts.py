"""The plain data a comparison is built from: roles, qualifications, standards and moves, read once."""

from dataclasses import dataclass

from qualifications.figures import FigureAge

from ..ksbs import KSBFacts
from ..models import ProgressionLink, Role, pathway_url
from ..workforce import category_url


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
    time_age: FigureAge = FigureAge("")
    what_it_takes: str = ""

    @property
    def pathway_url(self) -> str:
        return pathway_url(self.from_slug, self.to_slug)


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
    alternatives: str = ""  # the group name: the role asks for one of the qualifications that share it
    funding_label: str = ""  # the funding of the apprenticeship it is or sits inside


@dataclass(frozen=True)
class StandardFacts:
    reference: str
    title: str
    level: int
    url: str
    funding_label: str = ""


@dataclass(frozen=True)
class RoleFacts:
    """Everything the comparison shows about one role, read once from the database."""

    slug: str
    title: str
    url: str = ""
    level: int = 0
    level_label: str = ""  # the level and where it comes from
    sector: str = ""
    sector_label: str = ""
    setting: str = ""
    setting_label: str = ""
    setting_detail: str = ""
    manages: str = ""
    working_pattern: str = ""
    hours_label: str = ""
    hours_source: object = None
    hours_age: FigureAge = FigureAge("")
    registration: str = ""
    pathway_category: str = ""
    pathway_label: str = ""
    pathway_url: str = ""
    pathway_reason: str = ""
    standard: StandardFacts | None = None
    # Pay keeps the attribute names of Role so includes/_pay.html shows it the same way everywhere.
    has_pay: bool = False
    pay_label: str = ""
    pay_year: int | None = None
    pay_note: str = ""
    pay_source: object = None
    pay_age: FigureAge = FigureAge("")
    wage: object = None  # the National Living Wage comparison, for hourly pay (roles.pay)
    pay_key: tuple = ()
    # The lists, each a row or part of one.
    responsibilities: tuple[str, ...] = ()
    employers: tuple[str, ...] = ()
    job_titles: tuple[str, ...] = ()
    qualifications: tuple[QualificationFacts, ...] = ()
    specialist: tuple[str, ...] = ()
    ksbs: tuple[KSBFacts, ...] = ()


def same_named(record, *names: str) -> dict:
    """The attributes the facts copy from a record as they are, by their shared names."""
    return {name: getattr(record, name) for name in names}


def qualification_facts(rq) -> QualificationFacts:
    """A role's qualification (its RoleQualification, with the qualification selected) as plain data."""
    qualification = rq.qualification
    return QualificationFacts(
        **same_named(qualification, "slug", "name", "is_legacy", "still_recognised", "funding_label"),
        **same_named(rq, "relevance", "note", "alternatives"),
        url=qualification.get_absolute_url(),
        relevance_label=rq.get_relevance_display(),
        replaced_by_slug=qualification.replaced_by.slug if qualification.replaced_by else "",
    )


ROLE_FIELDS_AS_THEY_ARE = (
    "slug",
    "title",
    "level",
    "sector",
    "setting",
    "setting_detail",
    "manages",
    "working_pattern",
    "hours_label",
    "has_pay",
    "pay_label",
    "pay_year",
    "pay_note",
    "pay_source",
    "pay_age",
    "registration",
    "pathway_category",
    "pathway_reason",
)


def role_facts(role: Role, ksbs: list[KSBFacts], wage=None) -> RoleFacts:
    """A loaded Role (with its qualifications and their apprenticeships prefetched) as plain data; no queries."""
    standard = role.standard
    return RoleFacts(
        **same_named(role, *ROLE_FIELDS_AS_THEY_ARE),
        url=role.get_absolute_url(),
        level_label=role.level_basis_label,
        sector_label=role.get_sector_display(),
        setting_label=role.get_setting_display(),
        responsibilities=tuple(role.responsibility_list),
        hours_source=role.hours_source if role.hours_label else None,
        hours_age=role.hours_age if role.hours_label else FigureAge(""),
        employers=tuple(role.employer_list),
        job_titles=tuple(role.job_title_list),
        wage=wage,
        pay_key=(role.pay_min, role.pay_max, role.pay_median, role.pay_unit, role.pay_year) if role.has_pay else (),
        pathway_label=role.get_pathway_category_display() if role.pathway_category else "",
        pathway_url=category_url(role.pathway_category) if role.pathway_category else "",
        qualifications=tuple(qualification_facts(rq) for rq in role.role_qualifications.all()),
        specialist=tuple(role.specialist_list),
        standard=(
            StandardFacts(
                standard.reference, standard.title, standard.level, standard.get_absolute_url(), standard.funding_label
            )
            if standard
            else None
        ),
        ksbs=tuple(ksbs),
    )


def link_facts(link: ProgressionLink) -> LinkFacts:
    return LinkFacts(
        from_slug=link.from_role.slug,
        from_title=link.from_role.title,
        to_slug=link.to_role.slug,
        to_title=link.to_role.title,
        strength_label=link.get_strength_display(),
        typical_time=link.typical_time,
        time_source=link.time_source if link.typical_time else None,
        time_age=link.time_age if link.typical_time else FigureAge(""),
        what_it_takes=link.what_it_takes,
    )
