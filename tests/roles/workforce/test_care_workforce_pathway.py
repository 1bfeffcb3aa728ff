import pytest
from django.urls import reverse
from django.utils.html import escape

from qualifications.models import Source
from roles.content.synthetic import generate
from roles.models import Role
from roles.workforce import CATEGORIES, COLLECTION_URL, category_url

pytestmark = pytest.mark.django_db

PAGE = "/care-workforce-pathway/"
# The official names in the official order, with the value each is stored as: the model derives the values from
# the names, and stored values are data, so both are pinned here.
OFFICIAL_CATEGORIES = {
    "new-to-care": "New to care",
    "care-or-support-worker": "Care or support worker",
    "enhanced-care-worker": "Enhanced care worker",
    "personal-assistant": "Personal assistant",
    "supervisor-or-leader": "Supervisor or leader",
    "practice-leader": "Practice leader",
    "deputy-manager": "Deputy manager",
    "registered-manager": "Registered manager",
}
PAGE_QUERIES = 1  # the roles, whatever their number


def section(page: str, anchor: str) -> str:
    """The part of the page describing one category (or the roles in none)."""
    start = page.index(f'id="{anchor}"')
    return page[start : page.index("</section>", start)]


def place(slug: str, category: str, reason: str = "") -> Role:
    role = Role.objects.get(slug=slug)
    role.pathway_category, role.pathway_reason = category, reason
    role.pathway_source = role.pathway_source or Source.objects.get(key="dhsc-cwp-role-categories")
    role.save()
    return role


def test_the_address_is_the_public_one():
    assert reverse("roles:care-workforce-pathway") == PAGE
    assert category_url("practice-leader") == "/care-workforce-pathway/#practice-leader"


def test_the_categories_are_the_eight_official_ones_in_the_official_order():
    assert Role.PathwayCategory.choices == list(OFFICIAL_CATEGORIES.items())
    assert [category.value for category in CATEGORIES] == Role.PathwayCategory.values
    for category in CATEGORIES:
        assert category.covers and category.url.startswith(COLLECTION_URL + "/")
        assert category.year in (2024, 2025)


def test_the_page_describes_all_eight_categories_with_their_official_source(client, content):
    response = client.get(PAGE)
    assert response.status_code == 200
    page = response.content.decode()
    for category in CATEGORIES:
        part = section(page, category.value)
        assert escape(category.name) in part
        assert escape(category.covers) in part
        assert f'href="{category.url}"' in part
        assert f'href="#{category.value}"' in page


def test_each_category_lists_the_roles_the_content_places_in_it(client, content):
    page = client.get(PAGE).content.decode()
    placed = Role.objects.exclude(pathway_category="")
    assert placed.exists()
    for role in placed:
        assert f'href="/roles/{role.slug}/"' in section(page, role.pathway_category)
    for role in Role.objects.filter(pathway_category=""):
        assert f'href="/roles/{role.slug}/"' in section(page, "outside")


def test_a_role_given_a_category_moves_to_that_category_only(client, content):
    place("assistant-manager", "deputy-manager")
    place("social-work-assistant", "new-to-care")
    page = client.get(PAGE).content.decode()
    assert 'href="/roles/assistant-manager/"' in section(page, "deputy-manager")
    assert 'href="/roles/social-work-assistant/"' in section(page, "new-to-care")
    for anchor in [category.value for category in CATEGORIES if category.value != "deputy-manager"] + ["outside"]:
        assert 'href="/roles/assistant-manager/"' not in section(page, anchor)


def test_every_category_can_hold_a_role(client, content):
    slugs = list(Role.objects.order_by("slug").values_list("slug", flat=True)[: len(CATEGORIES)])
    for slug, category in zip(slugs, CATEGORIES, strict=True):
        place(slug, category.value)
    page = client.get(PAGE).content.decode()
    for slug, category in zip(slugs, CATEGORIES, strict=True):
        assert f'href="/roles/{slug}/"' in section(page, category.value)
        assert "We have no role in this category yet." not in section(page, category.value)


def test_an_empty_category_says_so(client, content):
    Role.objects.filter(pathway_category="enhanced-care-worker").update(pathway_category="")
    page = client.get(PAGE).content.decode()
    assert "We have no role in this category yet." in section(page, "enhanced-care-worker")


def test_the_page_says_no_official_mapping_exists(client, content):
    page = client.get(PAGE).content.decode()
    assert "No official list says which job titles belong in which category" in page


def test_our_placement_is_marked_with_its_reason(client, content):
    reason = "It leads a shift while still giving care."
    place("senior-care-worker", "supervisor-or-leader", reason)
    part = section(client.get(PAGE).content.decode(), "supervisor-or-leader")
    assert f"<strong>Our placement:</strong> {escape(reason)}" in part


def test_an_official_placement_carries_no_our_placement_note(client, content):
    place("registered-manager", "registered-manager", "")
    part = section(client.get(PAGE).content.decode(), "registered-manager")
    assert 'href="/roles/registered-manager/"' in part
    assert "Our placement" not in part


def test_the_page_runs_a_fixed_number_of_queries(client, content, django_assert_num_queries):
    with django_assert_num_queries(PAGE_QUERIES):
        client.get(PAGE)


def test_the_query_count_holds_with_ten_times_the_content(client, content, django_assert_num_queries):
    generate(scale=10)
    assert Role.objects.count() >= 10 * 16
    with django_assert_num_queries(PAGE_QUERIES):
        response = client.get(PAGE)
    assert response.status_code == 200
    assert 'href="/roles/synthetic-010-' in response.content.decode()


def test_the_page_only_answers_get_and_head(client, content):
    assert client.post(PAGE).status_code == 405


# The role profile


def test_a_profile_names_its_category_and_links_to_it(client, content):
    place("lead-practitioner", "practice-leader")
    page = client.get("/roles/lead-practitioner/").content.decode()
    assert '<a class="govuk-link" href="/care-workforce-pathway/#practice-leader">Practice leader</a>' in page


def test_a_profile_says_when_the_placement_is_ours_and_why(client, content):
    reason = "Like ST0007's lead practitioner, it leads on a specialist area and mentors others."
    place("lead-practitioner", "practice-leader", reason)
    page = client.get("/roles/lead-practitioner/").content.decode()
    assert "<strong>Our placement:</strong> no official list maps this job to a category." in page
    assert escape(reason) in page


def test_an_official_placement_on_a_profile_has_no_our_placement_note(client, content):
    place("registered-manager", "registered-manager", "")
    page = client.get("/roles/registered-manager/").content.decode()
    assert 'href="/care-workforce-pathway/#registered-manager"' in page
    assert "Our placement" not in page


def test_a_profile_without_a_category_says_so_and_links_to_the_page(client, senior_social_worker):
    assert senior_social_worker.pathway_category == ""
    page = client.get("/roles/senior-social-worker/").content.decode()
    assert 'href="/care-workforce-pathway/#outside"' in page


# Ways in


@pytest.mark.parametrize("path", ["/", "/roles/", "/qualifications/"])
def test_the_page_is_linked_from_the_home_page_and_every_footer(client, content, path):
    assert f'href="{PAGE}"' in client.get(path).content.decode()
