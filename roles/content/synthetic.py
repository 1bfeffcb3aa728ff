"""Synthetic content N times the size of the real content, for benchmarks and scale tests only.

Each copy k repeats the real content's shape: its standards (references ST8000 upwards) with their
KSBs, its qualifications, roles, the qualifications each role asks for and the links between roles,
and every third link also runs into copy k+1, so routes cross copies. Text and figures are the real
records' own, with their real sources: nothing is invented, and everything synthetic is marked (slugs
start "synthetic-", references are ST8xxx or ST9xxx, titles end "(synthetic k)"). Rows are written with
bulk_create, so a hundred copies take seconds; load_content removes them again, as does remove().
"""

import copy
from functools import reduce
from operator import or_

from django.db import transaction
from django.db.models import Q

from qualifications.models import KSB, OccupationalStandard, Qualification

from ..models import ProgressionLink, Role, RoleQualification
from .registry import BY_LABEL, CONTENT
from .signals import one_version_bump

# How copies are marked: the registry's `synthetic` markers (roles.content.registry) say the same.
PREFIX = BY_LABEL["roles.role"].synthetic[1][0]
# ST8000 to ST9999: room for a hundred copies of 14 real standards (real references are far below ST8000)
REFERENCE_PREFIXES = BY_LABEL["qualifications.occupationalstandard"].synthetic[1]
FIRST_REFERENCE = 8000
REFERENCES_AVAILABLE = 2000
BATCH = 500


class SyntheticError(Exception):
    """Why synthetic content cannot be generated, in plain English."""


def is_synthetic_standard(reference: str) -> bool:
    return reference.startswith(REFERENCE_PREFIXES)


def clone(obj, **changes):
    new = copy.copy(obj)
    new.pk = None
    new._state = copy.copy(obj._state)
    new._state.adding = True
    new._state.fields_cache = {}
    new._prefetched_objects_cache = {}
    for name, value in changes.items():
        setattr(new, name, value)
    return new


def real_content() -> dict:
    roles = list(Role.objects.exclude(slug__startswith=PREFIX).prefetch_related("sources"))
    standards = [s for s in OccupationalStandard.objects.all() if not is_synthetic_standard(s.reference)]
    return {
        "standards": standards,
        "ksbs": list(KSB.objects.filter(standard__in=standards)),
        "qualifications": list(Qualification.objects.exclude(slug__startswith=PREFIX)),
        "roles": roles,
        "role_qualifications": list(RoleQualification.objects.filter(role__in=roles)),
        "links": list(ProgressionLink.objects.filter(from_role__in=roles).prefetch_related("qualifications")),
    }


@transaction.atomic
def generate(*, scale: int) -> dict[str, int]:
    """Replace any synthetic content with `scale` copies of the real content's shape; counts per model."""
    seed = real_content()
    if not seed["roles"]:
        raise SyntheticError("There is no real content to copy: run `python manage.py load_content` first.")
    if scale < 1 or scale * len(seed["standards"]) > REFERENCES_AVAILABLE:
        most = REFERENCES_AVAILABLE // max(len(seed["standards"]), 1)
        raise SyntheticError(f"Choose a scale from 1 to {most} (references ST8000 to ST9999 run out after that).")
    with one_version_bump():
        remove_rows()
        return copy_content(seed, scale)


def marked(slug: str, k: int) -> str:
    return f"{PREFIX}{k:03d}-{slug}"


def copy_content(seed: dict, scale: int) -> dict[str, int]:
    copies = range(1, scale + 1)
    standards = copy_standards(seed, copies)
    qualifications = copy_qualifications(seed, copies, standards)
    roles = copy_roles(seed, copies, standards, qualifications)
    links = copy_links(seed, copies, roles, qualifications, scale)
    return {
        "standards": len(standards),
        "KSBs": len(seed["ksbs"]) * scale,
        "qualifications": len(qualifications),
        "roles": len(roles),
        "role qualifications": len(seed["role_qualifications"]) * scale,
        "progression links": len(links),
    }


def copy_standards(seed: dict, copies: range) -> dict:
    standards = {}
    for k in copies:
        for n, standard in enumerate(seed["standards"]):
            reference = f"ST{FIRST_REFERENCE + (k - 1) * len(seed['standards']) + n:04d}"
            title = f"{standard.title} (synthetic {k})"
            standards[standard.pk, k] = clone(standard, reference=reference, title=title)
    OccupationalStandard.objects.bulk_create(standards.values(), batch_size=BATCH)
    KSB.objects.bulk_create(
        (clone(ksb, standard=standards[ksb.standard_id, k]) for k in copies for ksb in seed["ksbs"]),
        batch_size=BATCH,
    )
    return standards


def copy_qualifications(seed: dict, copies: range, standards: dict) -> dict:
    qualifications = {
        (q.pk, k): clone(
            q,
            slug=marked(q.slug, k),
            name=f"{q.name} (synthetic {k})",
            replaced_by=None,
            apprenticeship=standards.get((q.apprenticeship_id, k)),
        )
        for k in copies
        for q in seed["qualifications"]
    }
    Qualification.objects.bulk_create(qualifications.values(), batch_size=BATCH)
    replaced = []
    for q in seed["qualifications"]:
        if q.replaced_by_id:
            for k in copies:
                qualifications[q.pk, k].replaced_by = qualifications[q.replaced_by_id, k]
                replaced.append(qualifications[q.pk, k])
    Qualification.objects.bulk_update(replaced, ["replaced_by"], batch_size=BATCH)
    return qualifications


def copy_roles(seed: dict, copies: range, standards: dict, qualifications: dict) -> dict:
    roles = {
        (role.pk, k): clone(
            role,
            slug=marked(role.slug, k),
            title=f"{role.title} (synthetic {k})",
            standard=standards[role.standard_id, k] if role.standard_id else None,
        )
        for k in copies
        for role in seed["roles"]
    }
    Role.objects.bulk_create(roles.values(), batch_size=BATCH)
    Role.sources.through.objects.bulk_create(
        (
            Role.sources.through(role_id=roles[role.pk, k].pk, source_id=source.pk)
            for k in copies
            for role in seed["roles"]
            for source in role.sources.all()
        ),
        batch_size=BATCH,
    )
    RoleQualification.objects.bulk_create(
        (
            clone(rq, role=roles[rq.role_id, k], qualification=qualifications[rq.qualification_id, k])
            for k in copies
            for rq in seed["role_qualifications"]
        ),
        batch_size=BATCH,
    )
    return roles


def copy_links(seed: dict, copies: range, roles: dict, qualifications: dict, scale: int) -> list:
    links = []
    for k in copies:
        for n, link in enumerate(seed["links"]):
            same_copy = clone(link, from_role=roles[link.from_role_id, k], to_role=roles[link.to_role_id, k])
            links.append((link, same_copy, k))
            if n % 3 == 0 and k < scale:  # a bridge into the next copy
                bridge = clone(link, from_role=roles[link.from_role_id, k], to_role=roles[link.to_role_id, k + 1])
                links.append((link, bridge, k))
    ProgressionLink.objects.bulk_create((new for _, new, _ in links), batch_size=BATCH)
    ProgressionLink.qualifications.through.objects.bulk_create(
        (
            ProgressionLink.qualifications.through(
                progressionlink_id=new.pk, qualification_id=qualifications[q.pk, k].pk
            )
            for link, new, k in links
            for q in link.qualifications.all()
        ),
        batch_size=BATCH,
    )
    return links


def synthetic_rows() -> list:
    """Every synthetic record, as querysets in the order they can be deleted (the registry's, reversed:
    roles before the qualifications they ask for); KSBs, role qualifications and moves go with them."""
    rows = []
    for content in reversed(CONTENT):
        if content.synthetic:
            field, prefixes = content.synthetic
            marked = reduce(or_, (Q(**{f"{field}__startswith": prefix}) for prefix in prefixes))
            rows.append(content.model.objects.filter(marked))
    return rows


def present() -> bool:
    """Whether the database holds any synthetic record."""
    return any(queryset.exists() for queryset in synthetic_rows())


def remove_rows() -> int:
    """Delete every synthetic record."""
    return sum(queryset.delete()[0] for queryset in synthetic_rows())


@transaction.atomic
def remove() -> int:
    with one_version_bump():
        return remove_rows()
