"""/qualifications/ in pages of 50 at scale: current kinds first, older awards last, headings kept on every page."""

import re

import pytest

from qualifications.models import Qualification
from qualifications.selectors import QUALIFICATIONS_PER_PAGE

pytestmark = pytest.mark.django_db


def add_qualifications(count: int) -> None:
    kinds = Qualification.Kind.values
    Qualification.objects.bulk_create(
        Qualification(
            slug=f"extra-{n:03}",
            name=f"Extra award {n:03}",
            kind=kinds[n % len(kinds)],
            level=None if n % 7 == 0 else 2 + n % 5,
            is_legacy=n % 4 == 0,
        )
        for n in range(count)
    )


def listed(page: str) -> list[str]:
    return re.findall(
        r'<th scope="row" class="govuk-table__header"><a class="govuk-link" href="/qualifications/([^/"]+)/"', page
    )


def expected_order() -> list[str]:
    kinds = Qualification.Kind.values
    everything = Qualification.objects.all()
    key = lambda q: (q.is_legacy, kinds.index(q.kind), q.level is None, q.level or 0, q.name)  # noqa: E731
    return [q.slug for q in sorted(everything, key=key)]


def test_the_seed_list_comes_in_pages_in_order(client, content):
    total = Qualification.objects.count()
    pages = -(-total // QUALIFICATIONS_PER_PAGE)
    seen = []
    for number in range(1, pages + 1):
        page = client.get(f"/qualifications/?page={number}").content.decode()
        assert ("govuk-pagination" in page) == (pages > 1)
        seen += listed(page)
    assert seen == expected_order()


def test_a_long_list_comes_in_pages_of_fifty_current_kinds_first(client, content, django_assert_max_num_queries):
    add_qualifications(120)
    total = Qualification.objects.count()
    pages = -(-total // QUALIFICATIONS_PER_PAGE)
    seen = []
    for number in range(1, pages + 1):
        with django_assert_max_num_queries(2):
            response = client.get(f"/qualifications/?page={number}")
        page = response.content.decode()
        assert response.status_code == 200
        assert f"{total} qualifications" in page and f"page {number} of {pages}." in page
        assert '<nav class="govuk-pagination ccp-no-print" aria-label="Pages of qualifications">' in page
        assert f'aria-label="Page {number}" aria-current="page"' in page
        assert len(listed(page)) == min(QUALIFICATIONS_PER_PAGE, total - len(seen))
        seen += listed(page)
    assert seen == expected_order()
    last = client.get(f"/qualifications/?page={pages}").content.decode()
    assert "Older awards no longer offered" in last and 'rel="next"' not in last


def test_each_kind_has_one_heading_on_a_page_and_older_awards_say_what_replaced_them(client, content):
    add_qualifications(120)
    for number in (1, 2, 3):
        page = client.get(f"/qualifications/?page={number}").content.decode()
        headings = re.findall(r'<h2 class="govuk-heading-m">([^<]+)</h2>', page)
        assert headings and len(headings) == len(set(headings))
    assert "Replaced by" in client.get("/qualifications/?page=3").content.decode()


@pytest.mark.parametrize("number", ["9", "0", "abc", "2\u202e"])
def test_a_page_that_is_not_there_is_a_helpful_404(client, content, number):
    add_qualifications(120)
    response = client.get("/qualifications/", {"page": number})
    assert response.status_code == 404
    page = response.content.decode()
    assert "There is no page" in page and "of the list of qualifications." in page
    assert 'href="/qualifications/"' in page and "\u202e" not in page


def test_an_empty_page_number_is_the_first_page(client, content):
    response = client.get("/qualifications/?page=")
    first_page = expected_order()[:QUALIFICATIONS_PER_PAGE]
    assert response.status_code == 200 and listed(response.content.decode()) == first_page


def test_each_kind_finds_its_own_place_in_the_order_text():
    from qualifications.models import KIND_LIST_TEXT

    kinds = Qualification.Kind.values
    assert sorted(kinds, key=KIND_LIST_TEXT.index) == kinds
