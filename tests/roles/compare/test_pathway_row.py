"""The compare page shows each role's Care Workforce Pathway category, linked to where the category is described."""

import pytest

from roles.models import Role

pytestmark = pytest.mark.django_db


def row_of(page: str, key: str) -> str:
    return page.split(f'id="row-{key}"', 1)[1].split("</tr>", 1)[0]


def test_the_category_row_links_each_role_to_its_category_and_says_when_the_placement_is_ours(client, content):
    Role.objects.filter(slug="senior-care-worker").update(pathway_reason="It leads a shift while giving care.")
    page = client.get("/compare/?roles=senior-care-worker&roles=social-worker").content.decode()
    row = row_of(page, "pathway-category")
    assert "Care Workforce Pathway category" in row
    assert 'href="/care-workforce-pathway/#supervisor-or-leader"' in row
    assert "Our placement: It leads a shift while giving care." in row
    assert "Not in one of the pathway&#x27;s categories." in row or "Not in one of the pathway's categories." in row


def test_the_category_row_is_marked_as_a_difference_only_when_categories_differ(client, content):
    same = client.get("/compare/?roles=senior-care-worker&roles=senior-care-worker&show=differences")
    assert same.status_code == 400  # the same role twice is not a comparison
    differ = client.get("/compare/?roles=senior-care-worker&roles=deputy-manager&show=differences").content.decode()
    assert "Care Workforce Pathway category" in differ
