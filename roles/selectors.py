"""Reads across roles, qualifications and standards, shaped for the pages."""

from itertools import groupby

from django.db.models import Prefetch
from django.urls import reverse

from careerpaths.breadcrumbs import breadcrumbs
from careerpaths.paging import page_of, pagination

from .models import ProgressionLink, Role, RoleQualification
from .pay import nlw_comparison, nlw_source
from .qualification_groups import by_relevance, requirements
from .workforce import role_category


def role_choices(roles=None) -> list[tuple[str, list[tuple[str, str]]]]:
    """Roles for a picker's select, grouped by level, from (slug, title, level) rows: every role (one query)
    when none are given."""
    if roles is None:
        roles = Role.objects.order_by("level", "title").values_list("slug", "title", "level")
    groups: dict[int, list[tuple[str, str]]] = {}
    for slug, title, level in sorted(roles, key=lambda row: (row[2], row[1])):
        groups.setdefault(level, []).append((slug, title))
    return [(f"Level {level}", items) for level, items in groups.items()]


def roles_by_level(roles) -> list[dict]:
    """Roles under a heading per level, lowest first."""
    ordered = sorted(roles, key=lambda r: (r.level, r.title))
    return [{"level": level, "roles": list(items)} for level, items in groupby(ordered, key=lambda r: r.level)]


def home_page() -> dict:
    roles = list(Role.objects.only("slug", "title", "summary", "level", "sector", "setting"))
    return {"level_groups": roles_by_level(roles), "role_count": len(roles)}


ROLES_PER_PAGE = 50


def role_directory(*, level=None, sector="", setting="", keyword="", page="1") -> dict | None:
    """One page of the roles that match the filters, grouped by level: two queries (count, page).

    None when the list has no such page.
    """
    roles = Role.objects.filtered(level=level, sector=sector, setting=setting, keyword=keyword).order_by(
        "level", "title"
    )
    current = page_of(roles, page, per_page=ROLES_PER_PAGE)
    if current is None:
        return None
    query = {"keyword": keyword, "level": level, "sector": sector, "setting": setting}
    return {
        "level_groups": roles_by_level(current.object_list),
        "result_count": current.paginator.count,
        "pagination": pagination(current, reverse("roles:list"), query),
    }


def moves_listed(other: str):
    """A profile's moves out or in, with only what their lines show of the role at the other end (its full row
    is some forty columns)."""
    shown = ("strength", "months_min", "months_max", f"{other}__slug", f"{other}__title", f"{other}__level")
    return ProgressionLink.objects.select_related(other).only("from_role", "to_role", *shown).order_by()


def role_profile(*, slug: str) -> dict | None:
    """One role with everything its profile shows, in a fixed number of queries."""
    # No ORDER BY on these wide selects: Django 5.2 hashes every selected column to build one, a tenth of
    # this page's time. Slugs are unique, so get(); the moves are few, so they are sorted here.
    roles = Role.objects.for_profile().prefetch_related(
        Prefetch("links_out", queryset=moves_listed("to_role")),
        Prefetch("links_in", queryset=moves_listed("from_role")),
    )
    try:
        role = roles.get(slug=slug)
    except Role.DoesNotExist:
        return None
    return {
        "role": role,
        "qualification_groups": by_relevance(requirements(role.role_qualifications.all())),
        "wage": nlw_comparison(role, nlw_source([role])),
        "leads_to": sorted(role.links_out.all(), key=lambda link: (link.to_role.level, link.to_role.title)),
        "comes_from": sorted(role.links_in.all(), key=lambda link: (link.from_role.level, link.from_role.title)),
        "sources": list(role.sources.all()),
        "pathway": role_category(role),
        "breadcrumbs": breadcrumbs(("Roles", reverse("roles:list")), current=role.title),
    }


def roles_asking_for(qualification) -> dict:
    """The qualification page's "Roles that ask for it": one query."""
    asked = RoleQualification.objects.filter(qualification=qualification).ordered().select_related("role")
    return {
        "heading": "Roles that ask for it",
        "items": [
            {
                "title": rq.role.title,
                "url": rq.role.get_absolute_url(),
                "detail": rq.get_relevance_display().lower() + (f" ({rq.note})" if rq.note else ""),
            }
            for rq in asked
        ],
        "empty": "No role in our data asks for it directly.",
    }


def roles_under_standard(standard) -> dict:
    """The standard page's "Our roles under this standard": one query."""
    roles = Role.objects.filter(standard=standard).order_by("level", "title").only("slug", "title")
    return {
        "heading": "Our roles under this standard",
        "items": [{"title": role.title, "url": role.get_absolute_url(), "detail": ""} for role in roles],
        "empty": "",
    }
