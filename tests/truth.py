"""Records the content-truth tests create on top of the real fixtures, and how they read a page.

The content carries funding statuses, groups of alternatives, level bases and top roles, but it changes as
the sources do; so each test sets the few records its rule needs here, inside its own rolled-back transaction,
rather than leaning on what the content happens to say today.
"""

import html
import re
from datetime import date

from qualifications.models import Funding, OccupationalStandard, Qualification, Source
from roles.models import Role, RoleQualification

WITHDRAWN = "Not funded for new starts since September 2026: your employer may still pay for it."
SOCIAL_WORK_GROUP = "qualifying-social-work"
SOCIAL_WORK_ROUTES = ["social-work-degree", "social-work-masters-degree", "social-worker-degree-apprenticeship"]


def page_text(response) -> str:
    """What a reader sees of the response's page (text_of)."""
    return text_of(response.content.decode())


def text_of(body: str) -> str:
    """What a reader sees of this HTML: tags dropped, entities decoded, spaces folded."""
    body = re.sub(r"<(script|style)\b.*?</\1>", " ", body, flags=re.S)
    inline_dropped = re.sub(r"</?(?:a|strong|span|em|abbr)\b[^>]*>", "", body)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_dropped)).split())


def withdraw_st0007(*, apprenticeship_of: str = "l4-diploma-adult-care") -> OccupationalStandard:
    """ST0007 loses its funding for new starts from September 2026; the qualification named sits inside it."""
    standard = OccupationalStandard.objects.get(reference="ST0007")
    standard.funding_status = Funding.WITHDRAWN
    standard.funding_from = date(2026, 9, 1)
    standard.funding_source = Source.objects.get(key="skills-england-st0007")
    standard.save()
    Qualification.objects.filter(slug=apprenticeship_of).update(apprenticeship=standard)
    return standard


def group_social_work_routes(*roles: str) -> None:
    """The roles ask (essential) for one of the social work degree, the master's or the degree apprenticeship."""
    RoleQualification.objects.filter(role__slug__in=roles, qualification__slug__in=SOCIAL_WORK_ROUTES).update(
        alternatives=SOCIAL_WORK_GROUP, relevance=RoleQualification.Relevance.ESSENTIAL
    )


def separate_social_work_routes(*roles: str) -> None:
    """The roles ask (essential) for each of the social work routes they list, no group: all of them."""
    RoleQualification.objects.filter(role__slug__in=roles, qualification__slug__in=SOCIAL_WORK_ROUTES).update(
        alternatives="", relevance=RoleQualification.Relevance.ESSENTIAL
    )


def set_role(slug: str, **fields) -> Role:
    Role.objects.filter(slug=slug).update(**fields)
    return Role.objects.get(slug=slug)
