import pytest

from qualifications.models import KSB, Qualification
from tests.conftest import page_at

pytestmark = pytest.mark.django_db


def test_qualifications_list_current_and_legacy(client, content, django_assert_max_num_queries):
    pages = []
    for number in (1, 2):
        with django_assert_max_num_queries(2):
            response = client.get(f"/qualifications/?page={number}")
        assert response.status_code == 200
        pages.append(response.content.decode())
    for qualification in Qualification.objects.all():
        assert any(qualification.get_absolute_url() in page for page in pages)
    assert "Older awards no longer offered" in pages[-1]


def test_legacy_qualification_says_what_replaced_it(client, nvq_level_3, django_assert_max_num_queries):
    with django_assert_max_num_queries(4):
        response = client.get(nvq_level_3.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200
    assert "no longer offered" in page
    assert nvq_level_3.replaced_by.get_absolute_url() in page


def test_successor_lists_what_it_replaces_and_roles_asking_for_it(client, nvq_level_3):
    successor = nvq_level_3.replaced_by
    page = client.get(successor.get_absolute_url()).content.decode()
    assert "Replaces" in page
    assert nvq_level_3.get_absolute_url() in page
    for link in successor.role_qualifications.select_related("role"):
        assert link.role.get_absolute_url() in page


def test_unknown_qualification_gets_a_helpful_404(client, content):
    response = client.get("/qualifications/phd-in-astrophysics/")
    assert response.status_code == 404
    assert "We do not have a qualification called" in response.content.decode()


def test_standard_page_groups_ksbs_word_for_word(client, leader_in_adult_care, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):
        page = page_at(client, "/standards/st0008/")
    assert "Knowledge (18)" in page
    assert "Skills (21)" in page
    assert "Behaviours (6)" in page
    b2 = KSB.objects.get(standard=leader_in_adult_care, kind="B", number=2)
    assert b2.statement in page.replace("&#x27;", "'")
    assert "Open Government Licence v3.0" in page
    assert "£24,072 a year" in page


def test_standard_reference_in_capitals_redirects_to_lower_case(client, content):
    response = client.get("/standards/ST0008/")
    assert response.status_code == 301
    assert response["Location"] == "/standards/st0008/"


def test_unknown_standard_gets_a_helpful_404(client, content):
    response = client.get("/standards/st9999/")
    assert response.status_code == 404
    assert "st9999" in response.content.decode()


def test_standards_list_links_every_standard(client, content):
    page = client.get("/standards/").content.decode()
    for reference in ["st0005", "st0006", "st0007", "st0008", "st0510"]:
        assert f"/standards/{reference}/" in page
