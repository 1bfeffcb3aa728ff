"""The Care Workforce Pathway's eight role categories, in our own words, and the roles we place in each.

The pathway (Department of Health and Social Care with Skills for Care, England) launched on 10 January
2024 with four role categories and gained four more on 9 April 2025. What each category covers is
written here as plain data beside its official page, not in the database: the eight categories are the
government's, they change only when the pathway does (and then the choices in Role.PathwayCategory must
change too, with a migration), and keeping them in code means the page costs no query for them and a
test can check that every category has its words and its link. Which roles sit in which category is
content, on each Role (pathway_category, pathway_source, pathway_reason), so editors change that.
"""

from dataclasses import dataclass

from django.urls import reverse

from .models import Role

PUBLISHER = "Department of Health and Social Care and Skills for Care"
COLLECTION_URL = "https://www.gov.uk/government/publications/care-workforce-pathway-for-adult-social-care"
OVERVIEW = {
    "title": "Care workforce pathway for adult social care: overview",
    "publisher": PUBLISHER,
    "url": f"{COLLECTION_URL}/care-workforce-pathway-for-adult-social-care-overview",
    "updated": "9 April 2025",
}


@dataclass(frozen=True)
class Category:
    value: str  # a Role.PathwayCategory value; also the category's anchor on the page
    covers: str  # what the category covers, in our own words
    page: str  # the category's official page, under the collection
    year: int  # when the category was added to the pathway

    @property
    def name(self) -> str:
        return Role.PathwayCategory(self.value).label

    @property
    def url(self) -> str:
        return f"{COLLECTION_URL}/{self.page}"


C = Role.PathwayCategory
CATEGORIES = (
    Category(
        C.NEW_TO_CARE,
        "People starting out in care: giving personal care and everyday support at home, in care homes or in "
        "supported living while they complete their induction.",
        "new-to-care-role-category-a",
        2024,
    ),
    Category(
        C.CARE_OR_SUPPORT_WORKER,
        "Established care staff who give direct, person-centred care and support in the same settings, "
        "without leading others.",
        "care-or-support-worker-role-category",
        2024,
    ),
    Category(
        C.ENHANCED_CARE_WORKER,
        "Care staff with extra, recorded training who carry out healthcare tasks delegated by a nurse, nursing "
        "associate or therapist, or who give support for a particular condition, with their competence checked "
        "regularly and no supervisory duties.",
        "enhanced-care-worker-role-category",
        2025,
    ),
    Category(
        C.PERSONAL_ASSISTANT,
        "People employed directly by the person they support, often paid through a direct payment, rather than "
        "by a care provider or agency.",
        "personal-assistant-role-category",
        2025,
    ),
    Category(
        C.SUPERVISOR_OR_LEADER,
        "Staff who still give care but also lead a shift or a team: they guide other workers and check their work.",
        "supervisor-or-leader-role-category-c",
        2024,
    ),
    Category(
        C.PRACTICE_LEADER,
        "Experienced practitioners who lead on a specialist area of care and coach and mentor other people's practice.",
        "practice-leader-role-category-d",
        2024,
    ),
    Category(
        C.DEPUTY_MANAGER,
        "People who manage staff, help run the service and stand in for the registered manager.",
        "deputy-manager-role-category",
        2025,
    ),
    Category(
        C.REGISTERED_MANAGER,
        "The person who runs a service registered with the Care Quality Commission and carries its legal duties "
        "under the Health and Social Care Act 2008, holding or working towards the Level 5 diploma.",
        "registered-manager-role-category",
        2025,
    ),
)

OUTSIDE_REASON = (
    "The pathway describes care and support roles up to the registered manager. Social work roles, registered "
    "health professions such as nursing and occupational therapy, and provider roles above the registered "
    "manager are in none of its categories."
)


def category_url(value: str) -> str:
    """Where a category is described on our page: the one place the link is built."""
    return f"{reverse('roles:care-workforce-pathway')}#{value}"


def role_category(role: Role) -> dict | None:
    """What a role's profile says about its category; None when the role has none."""
    if not role.pathway_category:
        return None
    return {
        "name": role.get_pathway_category_display(),
        "url": category_url(role.pathway_category),
        "reason": role.pathway_reason,
    }


def care_workforce_pathway() -> dict:
    """The eight categories with the roles we place in each, and the roles in none: one query."""
    rows = Role.objects.order_by("level", "title").values_list(
        "slug", "title", "level", "pathway_category", "pathway_reason"
    )
    placed: dict[str, list[dict]] = {category.value: [] for category in CATEGORIES}
    outside = []
    for slug, title, level, value, reason in rows:
        role = {"title": title, "level": level, "url": reverse("roles:detail", args=[slug]), "reason": reason}
        placed.get(value, outside).append(role)
    categories = [
        {
            "anchor": category.value,
            "name": category.name,
            "covers": category.covers,
            "source_url": category.url,
            "source_title": f"{category.name} role category",
            "year": category.year,
            "roles": placed[category.value],
        }
        for category in CATEGORIES
    ]
    return {"categories": categories, "outside": outside, "overview": OVERVIEW, "outside_reason": OUTSIDE_REASON}
