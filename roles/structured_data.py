"""schema.org descriptions of roles, as plain dicts for JSON-LD (careerpaths.seo renders them).

A role is an `Occupation`. Its pay goes in `estimatedSalary` only when the profile has a sourced figure
(the database insists every figure has a source and a year). schema.org gives a MonetaryAmount
`validFrom`/`validThrough` dates, not a year, so the year the figures describe is given as that whole
calendar year (1 January to 31 December); every amount (the median's MonetaryAmountDistribution has no
validity dates) also says the year and the source in words in its `description`.
"""

from qualifications.structured_data import SCHEMA, credential

from .models import Relevance, Role

ENGLAND = {"@type": "Country", "name": "England"}
PAY_UNITS = {Role.PayUnit.YEAR: "YEAR", Role.PayUnit.HOUR: "HOUR"}


def soc_category(line: str) -> dict:
    """'6136 Senior care workers' as a CategoryCode in the SOC 2020 code set."""
    code, _, name = line.partition(" ")
    category = {"@type": "CategoryCode", "codeValue": code, "inCodeSet": "SOC 2020"}
    if name:
        category["name"] = name.strip()
    return category


def estimated_salary(role: Role) -> list[dict]:
    """The role's pay in pounds, per year or hour: its range as a MonetaryAmount and its median as a
    MonetaryAmountDistribution. Empty without a sourced figure."""
    if not role.has_pay or role.pay_year is None:
        return []
    source = f" from {role.pay_source}" if role.pay_source_id else ""
    about = {"currency": "GBP", "description": f"{role.pay_label}, in {role.pay_year}{source}."}
    amounts = []
    if role.pay_min is not None or role.pay_max is not None:
        value = {"@type": "QuantitativeValue", "unitText": PAY_UNITS[role.pay_unit]}
        value |= {"minValue": role.pay_min} if role.pay_min is not None else {}
        value |= {"maxValue": role.pay_max} if role.pay_max is not None else {}
        year = {"validFrom": f"{role.pay_year}-01-01", "validThrough": f"{role.pay_year}-12-31"}
        amounts.append({"@type": "MonetaryAmount", **about, "value": value, **year})
    if role.pay_median is not None:
        duration = "P1Y" if role.pay_unit == Role.PayUnit.YEAR else "PT1H"
        median = {"@type": "MonetaryAmountDistribution", "name": "median", "median": float(role.pay_median)}
        amounts.append({**median, **about, "duration": duration})
    return amounts


def occupation(role: Role, *, absolute=str) -> dict:
    """The role as a schema.org Occupation (load it with Role.objects.for_profile()).

    `absolute` turns a path into a full URL (request.build_absolute_uri).
    """
    document = {
        "@context": SCHEMA,
        "@type": "Occupation",
        "name": role.title,
        "description": role.summary,
        "url": absolute(role.get_absolute_url()),
        "occupationLocation": [ENGLAND],
    }
    if role.standard_id and role.standard.soc_code_list:
        document["occupationalCategory"] = [soc_category(line) for line in role.standard.soc_code_list]
    qualifications = [
        credential(rq.qualification, url=absolute(rq.qualification.get_absolute_url()), context=False)
        for rq in role.role_qualifications.all()
        if rq.relevance != Relevance.HELPFUL  # schema.org: qualifications *required*; "helpful" ones are not
    ]
    if qualifications:
        document["qualifications"] = qualifications
    if role.responsibility_list:
        document["responsibilities"] = role.responsibility_list
    if role.job_title_list:
        document["alternateName"] = role.job_title_list
    if salary := estimated_salary(role):
        document["estimatedSalary"] = salary
    return document
