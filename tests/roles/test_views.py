import pytest
from django.db.utils import OperationalError
from django.utils.html import escape

from roles.models import ProgressionLink, Role
from tests.conftest import error_summary_at, helpful_404_at, page_at

pytestmark = pytest.mark.django_db


def test_home_explains_the_site_and_lists_roles_by_level(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        page = page_at(client, "/")
    assert "Find your next step in care and social work" in page
    assert "Level 5" in page
    assert "Deputy manager" in page or "Deputy Manager" in page
    assert 'href="/compare/"' in page


def test_every_role_is_listed(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/roles/")
    assert response.status_code == 200
    for role in Role.objects.all():
        assert f'href="/roles/{role.slug}/"' in response.content.decode()


@pytest.mark.parametrize(
    "query, included, excluded",
    [
        ("sector=social-work", "senior-social-worker", "deputy-manager"),
        ("setting=residential", "deputy-manager", "senior-social-worker"),
        ("level=5", "registered-manager", "adult-care-worker"),
        ("keyword=deputy", "deputy-manager", "social-worker"),
    ],
)
def test_roles_filter_by_get_parameters(client, content, query, included, excluded):
    response = client.get(f"/roles/?{query}")
    page = response.content.decode()
    assert response.status_code == 200
    assert f'href="/roles/{included}/"' in page
    assert f'href="/roles/{excluded}/"' not in page


@pytest.mark.parametrize(
    "query, message",
    [
        ("level=99", "Choose a level from 1 to 8, or any level."),
        ("level=abc", "Choose a level from 1 to 8, or any level."),
        ("sector=space", "Choose adult social care, social work or any sector."),
        ("keyword=" + "x" * 101, "Search for 100 characters or fewer."),
    ],
)
def test_bad_filters_answer_400_with_an_error_summary(client, content, query, message):
    error_summary_at(client, f"/roles/?{query}", message)


def test_role_profile_shows_everything_with_sources(client, deputy_manager, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = page_at(client, "/roles/deputy-manager/")
    assert escape(deputy_manager.title) in page
    assert escape(deputy_manager.summary) in page
    for line in deputy_manager.responsibility_list:
        assert escape(line) in page
    assert "/standards/st0008/" in page
    assert "Where this role can lead" in page
    for link in ProgressionLink.objects.filter(from_role=deputy_manager):
        assert f'href="/roles/{link.to_role.slug}/"' in page
    for source in deputy_manager.sources.all():
        assert escape(source.title) in page
    assert "Content last reviewed" in page


def test_role_with_pay_shows_figure_source_and_year(client, content):
    role = Role.objects.filter(pay_min__isnull=False).select_related("pay_source").first()
    page = client.get(role.get_absolute_url()).content.decode()
    assert escape(role.pay_label) in page
    assert str(role.pay_year) in page
    assert escape(role.pay_source.publisher) in page


def test_role_profile_query_count_does_not_grow_with_links(client, deputy_manager, django_assert_max_num_queries):
    for role in Role.objects.exclude(pk=deputy_manager.pk):
        ProgressionLink.objects.get_or_create(from_role=deputy_manager, to_role=role)
    with django_assert_max_num_queries(6):
        assert client.get("/roles/deputy-manager/").status_code == 200


def test_unknown_role_gets_a_helpful_404(client, content):
    helpful_404_at(client, "/roles/astronaut/", "We do not have a role called &#x27;astronaut&#x27;.", "/roles/")


def test_unknown_url_gets_our_404_page(client, content):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_healthz_answers_200_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client, db, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr("careerpaths.views.connection.cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"


def test_a_profile_lists_its_moves_by_level_then_title(client, content):
    checked = 0
    for role in Role.objects.all():
        page = client.get(role.get_absolute_url()).content.decode()
        leads, _, comes = page.partition("Where this role can lead")[2].partition("Roles that lead here")
        for direction, other, section in (("from_role", "to_role", leads), ("to_role", "from_role", comes)):
            links = ProgressionLink.objects.filter(**{direction: role}).select_related(other)
            expected = sorted((getattr(link, other) for link in links), key=lambda r: (r.level, r.title))
            shown = [section.index(f'<li><a class="govuk-link" href="{r.get_absolute_url()}">') for r in expected]
            assert shown == sorted(shown), (role.slug, direction)
            checked += len(shown) > 1
    assert checked >= 5  # enough roles with several moves for the order to mean something
