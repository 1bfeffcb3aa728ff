"""Reads across sources, standards, KSBs and qualifications, shaped for the pages."""

from itertools import groupby

from django.db.models import Prefetch
from django.urls import reverse

from careerpaths.breadcrumbs import breadcrumbs
from careerpaths.paging import page_of, pagination

from .models import KSB, OccupationalStandard, Qualification, ksb_order
from .related import QUALIFICATION, STANDARD, sections
from .structured_data import credential


def group_ksbs(ksbs) -> list[dict]:
    """KSBs under Knowledge, Skills and Behaviours headings, in the standard's order."""
    headings = {"K": "Knowledge", "S": "Skills", "B": "Behaviours"}
    ordered = sorted(ksbs, key=lambda k: ksb_order(k.kind, k.number))
    return [
        {"kind": kind, "heading": headings[kind], "ksbs": list(items)}
        for kind, items in groupby(ordered, key=lambda k: k.kind)
    ]


def standard_profile(*, standard: OccupationalStandard) -> dict:
    # One standard's KSBs come few, and group_ksbs puts them in order, so the query needs no ORDER BY (the
    # shared one joins the standard and sorts on a CASE: a sixth of this page's cost).
    ksbs = list(KSB.objects.filter(standard=standard).order_by())
    return {
        "standard": standard,
        "ksb_groups": group_ksbs(ksbs),
        "ksb_count": len(ksbs),
        "related": sections(STANDARD, standard),
        "breadcrumbs": breadcrumbs(
            ("Occupational standards", reverse("qualifications:standards")), current=standard.title
        ),
    }


QUALIFICATIONS_PER_PAGE = 50


def qualification_groups(qualifications) -> list[dict]:
    """Qualifications (in list order) under a heading for each kind, legacy ones under one heading of their own."""
    groups = []
    for (legacy, kind), items in groupby(qualifications, key=lambda q: (q.is_legacy, q.kind)):
        heading = "Older awards no longer offered" if legacy else Qualification.Kind(kind).label
        if groups and groups[-1]["heading"] == heading:
            groups[-1]["qualifications"].extend(items)
        else:
            groups.append({"heading": heading, "qualifications": list(items), "legacy": legacy})
    return groups


def qualification_directory(*, page="1") -> dict | None:
    """One page of the qualification list, current kinds first, older awards last: two queries (count, page).

    None when the list has no such page.
    """
    current = page_of(
        Qualification.objects.in_list_order().select_related("replaced_by"), page, per_page=QUALIFICATIONS_PER_PAGE
    )
    if current is None:
        return None
    return {
        "groups": qualification_groups(current.object_list),
        "result_count": current.paginator.count,
        "pagination": pagination(current, reverse("qualifications:list"), {}),
    }


def qualification_profile(*, slug: str) -> dict | None:
    """A qualification, what it replaces or was replaced by, and what other apps add (qualifications.related)."""
    qualification = (
        Qualification.objects.select_related("replaced_by", "source", "apprenticeship__funding_source")
        .prefetch_related(
            Prefetch("replaces", queryset=Qualification.objects.order_by("name")),
        )
        .filter(slug=slug)
        .first()
    )
    if qualification is None:
        return None
    return {
        "qualification": qualification,
        "replaces": list(qualification.replaces.all()),
        "related": sections(QUALIFICATION, qualification),
        "breadcrumbs": breadcrumbs(("Qualifications", reverse("qualifications:list")), current=qualification.name),
        "structured_data": credential(qualification),
    }
