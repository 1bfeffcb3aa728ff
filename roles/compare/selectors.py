"""Reads for the compare page: a fixed number of queries, then plain data for the pure row builders."""

from django.db.models import Prefetch, Q

from ..ksbs import ksb_facts_by_standard, share_ksbs
from ..models import ProgressionLink, Role, RoleQualification
from ..pay import nlw_comparison, nlw_source
from .facts import link_facts, role_facts
from .rows import Comparison, build_rows, what_changes


def picker_roles():
    """The roles the picker offers, lowest level first: one query."""
    return Role.objects.only("slug", "title", "level", "sector").order_by("level", "title")


def compare_roles(*, slugs: list[str], only_differences: bool = False) -> Comparison | None:
    """The comparison of the roles named by `slugs`, in that order, or None if one is not there.

    Four queries whatever the number of roles, KSBs or qualifications: roles, their qualifications,
    the KSBs of their standards, and (for two roles) a direct progression link either way; one more, the
    National Living Wage's source, when a role is paid by the hour.
    """
    found = {
        role.slug: role
        for role in Role.objects.select_related("standard", "pay_source", "hours_source")
        .prefetch_related(
            Prefetch(
                "role_qualifications",
                queryset=RoleQualification.objects.ordered().select_related(
                    "qualification__replaced_by", "qualification__apprenticeship"
                ),
            )
        )
        .filter(slug__in=slugs)
        .order_by()  # put in the asked-for order below; an ORDER BY over this wide a select is costly to build
    }
    if len(found) != len(set(slugs)):
        return None
    chosen = [found[slug] for slug in slugs]
    standard_ids = {role.standard_id for role in chosen if role.standard_id}
    ksbs_by_standard = ksb_facts_by_standard(standard_ids) if standard_ids else {}
    wage_source = nlw_source(chosen)
    roles = [
        role_facts(role, ksbs_by_standard.get(role.standard_id, []), nlw_comparison(role, wage_source))
        for role in chosen
    ]
    ksbs = share_ksbs(roles)
    comparison = Comparison(roles=roles, rows=build_rows(roles, ksbs), only_differences=only_differences)
    if len(chosen) == 2:
        first, second = chosen
        links = list(
            ProgressionLink.objects.select_related("from_role", "to_role", "time_source").filter(
                Q(from_role=first, to_role=second) | Q(from_role=second, to_role=first)
            )
        )
        # A move from the first role to the second is the one the summary is about; else the reverse.
        link = next((item for item in links if item.from_role_id == first.pk), links[0] if links else None)
        comparison.changes = what_changes(roles[0], roles[1], ksbs[1], link_facts(link) if link else None)
    return comparison
