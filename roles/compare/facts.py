"""The plain data a comparison is built from: roles, qualifications, standards and moves, read once."""

from dataclasses import dataclass, field

from qualifications.figures import FigureAge

from ..ksbs import KSBFacts
from ..models import ProgressionLink, Role, pathway_url
from ..workforce import category_url


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


@dataclass
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
    responsibilities: list[str] = field(default_factory=list)
    working_pattern: str = ""
    hours_label: str = ""
    hours_source: object = None
    hours_age: FigureAge = FigureAge("")
    employers: list[str] = field(default_factory=list)
    job_titles: list[str] = field(default_factory=list)
    # Pay keeps the attribute names of Role so includes/_pay.html shows it the same way everywhere.
    has_pay: bool = False
    pay_label: str = ""
    pay_year: int | None = None
    pay_note: str = ""
    pay_source: object = None
    pay_age: FigureAge = FigureAge("")
    wage: object = None  # the National Living Wage comparison, for hourly pay (roles.pay)
    pay_key: tuple = ()
    registration: str = ""
    pathway_category: str = ""
    pathway_label: str = ""
    pathway_url: str = ""
    pathway_reason: str = ""
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
    time_age: FigureAge = FigureAge("")
    what_it_takes: str = ""

    @property
    def pathway_url(self) -> str:
        return pathway_url(self.from_slug, self.to_slug)


def qualification_facts(rq) -> QualificationFacts:
    """A role's qualification (its RoleQualification, with the qualification selected) as plain data."""
    qualification = rq.qualification
    return QualificationFacts(
        slug=qualification.slug,
        name=qualification.name,
        url=qualification.get_absolute_url(),
        relevance=rq.relevance,
        relevance_label=rq.get_relevance_display(),
        note=rq.note,
        is_legacy=qualification.is_legacy,
        still_recognised=qualification.still_recognised,
        replaced_by_slug=qualification.replaced_by.slug if qualification.replaced_by else "",
        alternatives=rq.alternatives,
        funding_label=qualification.funding_label,
    )


def role_facts(role: Role, ksbs: list[KSBFacts], wage=None) -> RoleFacts:
    """A loaded Role (with its qualifications and their apprenticeships prefetched) as plain data; no queries."""
    standard = role.standard
    return RoleFacts(
        slug=role.slug,
        title=role.title,
        url=role.get_absolute_url(),
        level=role.level,
        level_label=role.level_basis_label,
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
        hours_age=role.hours_age if role.hours_label else FigureAge(""),
        employers=role.employer_list,
        job_titles=role.job_title_list,
        has_pay=role.has_pay,
        pay_label=role.pay_label,
        pay_year=role.pay_year,
        pay_note=role.pay_note,
        pay_source=role.pay_source,
        pay_age=role.pay_age,
        wage=wage,
        pay_key=(role.pay_min, role.pay_max, role.pay_median, role.pay_unit, role.pay_year) if role.has_pay else (),
        registration=role.registration,
        pathway_category=role.pathway_category,
        pathway_label=role.get_pathway_category_display() if role.pathway_category else "",
        pathway_url=category_url(role.pathway_category) if role.pathway_category else "",
        pathway_reason=role.pathway_reason,
        qualifications=[qualification_facts(rq) for rq in role.role_qualifications.all()],
        specialist=role.specialist_list,
        standard=(
            StandardFacts(
                standard.reference, standard.title, standard.level, standard.get_absolute_url(), standard.funding_label
            )
            if standard
            else None
        ),
        ksbs=ksbs,
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
