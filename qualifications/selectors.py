"""Reads across sources, standards, KSBs and qualifications, shaped for the pages."""

from itertools import groupby

from django.db.models import Prefetch

from .models import KSB, OccupationalStandard, Qualification


def group_ksbs(ksbs) -> list[dict]:
    """KSBs under Knowledge, Skills and Behaviours headings, in the standard's order."""
    headings = {"K": "Knowledge", "S": "Skills", "B": "Behaviours"}
    ordered = sorted(ksbs, key=lambda k: ("KSB".index(k.kind), k.number))
    return [
        {"kind": kind, "heading": headings[kind], "ksbs": list(items)}
        for kind, items in groupby(ordered, key=lambda k: k.kind)
    ]


def standard_profile(*, standard: OccupationalStandard) -> dict:
    ksbs = list(KSB.objects.filter(standard=standard).ordered())
    roles = standard.roles.all().order_by("level", "title")
    return {"standard": standard, "ksb_groups": group_ksbs(ksbs), "ksb_count": len(ksbs), "roles": roles}


def qualification_groups() -> list[dict]:
    """Current qualifications grouped by kind, then legacy ones with what replaced them."""
    qualifications = list(Qualification.objects.select_related("replaced_by"))
    kinds = list(Qualification.Kind)
    current = sorted((q for q in qualifications if not q.is_legacy), key=lambda q: kinds.index(q.kind))
    groups = [
        {"heading": Qualification.Kind(kind).label, "qualifications": list(items), "legacy": False}
        for kind, items in groupby(current, key=lambda q: q.kind)
    ]
    legacy = [q for q in qualifications if q.is_legacy]
    if legacy:
        groups.append({"heading": "Older awards no longer offered", "qualifications": legacy, "legacy": True})
    return groups


def qualification_profile(*, slug: str) -> dict | None:
    """A qualification, what it replaces or was replaced by, and the roles that ask for it.

    Roles are reached through the reverse relation so this app never imports the roles app.
    """
    qualification = (
        Qualification.objects.select_related("replaced_by", "source")
        .prefetch_related(
            Prefetch("replaces", queryset=Qualification.objects.order_by("name")),
            Prefetch(
                "role_qualifications",
                queryset=Qualification.role_qualifications.rel.related_model.objects.ordered().select_related("role"),
            ),
        )
        .filter(slug=slug)
        .first()
    )
    if qualification is None:
        return None
    return {
        "qualification": qualification,
        "replaces": list(qualification.replaces.all()),
        "role_links": list(qualification.role_qualifications.all()),
    }
