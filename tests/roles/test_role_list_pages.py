"""/roles/ in pages of 50 at scale, with GOV.UK pagination that keeps the filters."""

import re

import pytest

from careerpaths.paging import PageLink, page_of, pagination
from roles.models import Role
from roles.selectors import ROLES_PER_PAGE

pytestmark = pytest.mark.django_db


def add_roles(count: int) -> None:
    Role.objects.bulk_create(
        Role(
            slug=f"extra-{n:03}",
            title=f"Extra role {n:03}",
            summary="A role made up for a test.",
            sector="social-work" if n % 2 else "adult-social-care",
            setting="community",
            level=4,
        )
        for n in range(count)
    )


def role_links(page: str) -> list[str]:
    return re.findall(r'<li class="ccp-role-card">.*?href="/roles/([^/"]+)/"', page, re.S)


def test_the_seed_list_fits_one_page_and_shows_no_pagination(client, content):
    page = client.get("/roles/").content.decode()
    assert len(role_links(page)) == Role.objects.count() < ROLES_PER_PAGE
    assert "govuk-pagination" not in page and "Showing" not in page


def test_a_long_list_comes_in_pages_of_fifty_in_level_then_title_order(client, content, django_assert_max_num_queries):
    add_roles(3 * ROLES_PER_PAGE - Role.objects.count() - 10)  # three pages, the last one not full
    everyone = list(Role.objects.order_by("level", "title").values_list("slug", flat=True))
    seen = []
    for number in (1, 2, 3):
        with django_assert_max_num_queries(2):
            response = client.get(f"/roles/?page={number}" if number > 1 else "/roles/")
        page = response.content.decode()
        assert response.status_code == 200
        assert f"{len(everyone)} roles" in page
        assert f"page {number} of 3." in page
        assert '<nav class="govuk-pagination ccp-no-print" aria-label="Pages of roles">' in page
        assert f'aria-label="Page {number}" aria-current="page"' in page
        assert ('rel="prev"' in page) == (number > 1) and ('rel="next"' in page) == (number < 3)
        seen += role_links(page)
    assert seen == everyone
    assert 'href="/roles/?page=2" rel="next"' in client.get("/roles/").content.decode()
    assert 'href="/roles/" rel="prev"' in client.get("/roles/?page=2").content.decode()


def test_page_links_keep_the_filters(client, content):
    add_roles(120)
    matching = Role.objects.filtered(sector="social-work", keyword="extra").count()  # 60 added, and any real ones
    page = client.get("/roles/?sector=social-work&keyword=extra").content.decode()
    assert f"{matching} roles" in page and "page 1 of 2." in page
    assert 'href="/roles/?keyword=extra&amp;sector=social-work&amp;page=2" rel="next"' in page
    second = client.get("/roles/?keyword=extra&sector=social-work&page=2").content.decode()
    in_order = Role.objects.filtered(sector="social-work", keyword="extra").order_by("level", "title")
    assert role_links(second) == list(in_order.values_list("slug", flat=True))[ROLES_PER_PAGE:]


@pytest.mark.parametrize("number", ["4", "0", "-1", "abc", "2.5", "9" * 30])
def test_a_page_that_is_not_there_is_a_helpful_404(client, content, number):
    add_roles(120)
    response = client.get(f"/roles/?sector=social-work&page={number}")
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page" in page and "of this list of roles." in page
    assert 'href="/roles/?sector=social-work"' in page


def test_links_show_the_first_last_and_neighbouring_pages_with_gaps_between():
    current = page_of(list(range(1000)), "6", per_page=50)
    links = pagination(current, "/roles/", {"level": 4, "keyword": ""}).links
    assert [link.number for link in links] == [1, None, 5, 6, 7, None, 20]
    assert links[0] == PageLink(1, "/roles/?level=4") and links[3] == PageLink(6, "/roles/?level=4&page=6", True)
    assert pagination(page_of([1, 2], "1", per_page=50), "/roles/", {}) is None
    assert [link.number for link in pagination(page_of(list(range(120)), "2", per_page=50), "/x/", {}).links] == [
        1,
        2,
        3,
    ]


def test_an_empty_page_number_is_the_first_page(client, content):
    response = client.get("/roles/?page=&sector=social-work")
    assert response.status_code == 200
    assert role_links(response.content.decode()) == role_links(
        client.get("/roles/?sector=social-work").content.decode()
    )


def test_a_search_that_matches_nothing_is_an_empty_first_page(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/roles/?keyword=astronaut")
    assert response.status_code == 200 and "0 roles" in response.content.decode()
    assert client.get("/roles/?keyword=astronaut&page=2").status_code == 404
