"""/robots.txt and /sitemap.xml: what crawlers are told, complete at the real size and at 100x."""

import xml.etree.ElementTree as ET
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from qualifications.models import OccupationalStandard, Qualification
from roles.content import synthetic
from roles.models import Role
from roles.sitemaps import ContentSitemap
from tests import snapshot

NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
SITE = "http://testserver"


def xml(response) -> ET.Element:
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    return ET.fromstring(response.content)


def section_urls(client) -> list[str]:
    index = xml(client.get("/sitemap.xml"))
    return [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]


def entries(client) -> dict[str, str | None]:
    """Every URL the sitemap names, through the index, with its lastmod."""
    found = {}
    for url in section_urls(client):
        parts = urlsplit(url)
        page = xml(client.get(parts.path + (f"?{parts.query}" if parts.query else "")))
        for entry in page.findall("sm:url", NS):
            lastmod = entry.find("sm:lastmod", NS)
            found[entry.find("sm:loc", NS).text] = lastmod.text if lastmod is not None else None
    return found


def test_robots_allows_the_site_but_not_the_admin_and_names_the_sitemap(client, content):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    lines = response.content.decode().splitlines()
    assert lines[0] == "User-agent: *"
    assert "Allow: /" in lines
    assert "Disallow: /admin/" in lines
    assert f"Sitemap: {SITE}/sitemap.xml" in lines


def test_the_sitemap_names_every_role_its_map_every_qualification_and_standard(client, content):
    found = entries(client)
    for role in Role.objects.all():
        assert found[SITE + role.get_absolute_url()] == (role.last_reviewed.isoformat() if role.last_reviewed else None)
        assert f"{SITE}/roles/{role.slug}/progression/" in found
    for qualification in Qualification.objects.all():
        assert SITE + qualification.get_absolute_url() in found
    for standard in OccupationalStandard.objects.all():
        assert found[SITE + standard.get_absolute_url()] == standard.last_reviewed.isoformat()


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/roles/",
        "/compare/",
        "/progression/",
        "/pathway/",
        "/qualifications/",
        "/standards/",
        "/skills-check/",
        "/data/",
    ],
)
def test_the_sitemap_names_the_main_listing_pages(client, content, path):
    assert SITE + path in entries(client)


def test_a_qualification_takes_its_apprenticeship_review_date_or_the_contents(client, content):
    found = entries(client)
    latest = max(
        d
        for d in [
            *Role.objects.values_list("last_reviewed", flat=True),
            *OccupationalStandard.objects.values_list("last_reviewed", flat=True),
        ]
        if d
    )
    for qualification in Qualification.objects.select_related("apprenticeship"):
        reviewed = qualification.apprenticeship.last_reviewed if qualification.apprenticeship_id else None
        assert found[SITE + qualification.get_absolute_url()] == (reviewed or latest).isoformat()


@pytest.mark.usefixtures("page_cache")
def test_the_sitemap_follows_a_content_change(client, content):
    role = Role.objects.get(slug="deputy-manager")
    assert SITE + role.get_absolute_url() in entries(client)
    call_command("generate_synthetic", scale=1, yes=True, verbosity=0)  # bumps the content version
    assert SITE + "/roles/synthetic-001-deputy-manager/" in entries(client)


@pytest.mark.usefixtures("page_cache")
@pytest.mark.parametrize("page", ["abc", "0", "99", "-1", "1.5"])
def test_a_bad_sitemap_page_number_is_not_found(client, content, page):
    response = client.get(f"/sitemap-roles.xml?p={page}")
    assert response.status_code == 404


def test_an_unknown_sitemap_section_is_not_found(client, content):
    assert client.get("/sitemap-astronauts.xml").status_code == 404


@pytest.mark.usefixtures("page_cache")
def test_the_cached_sitemap_is_the_same_sitemap(client, content):
    first = client.get("/sitemap-roles.xml")
    second = client.get("/sitemap-roles.xml")
    assert first.content == second.content
    assert second["Content-Type"].startswith("application/xml")


def queries_for(url: str) -> tuple[int, bytes]:
    with CaptureQueriesContext(connection) as queries:
        response = Client().get(url)
    assert response.status_code == 200, url
    return len(queries), response.content


@pytest.fixture(scope="class")
def at_100x(django_db_setup, django_db_blocker):
    """The query count of each section at the real size, then 100x synthetic content (committed, removed after)."""
    with django_db_blocker.unblock():
        snapshot.ensure_content()  # browser tests before this one leave an empty database
        seed = {
            name: queries_for(f"/sitemap-{name}.xml")[0] for name in ("pages", "roles", "qualifications", "standards")
        }
        seed["index"] = queries_for("/sitemap.xml")[0]
        call_command("generate_synthetic", scale=100, yes=True, verbosity=0)
        yield seed
        synthetic.remove()


class TestAtAHundredTimesTheContent:
    def test_the_index_pages_every_long_section_and_names_every_role(self, at_100x):
        client = Client()
        pages = [url for url in section_urls(client) if "/sitemap-roles.xml" in url]
        assert Role.objects.count() > ContentSitemap.limit
        assert len(pages) == -(-Role.objects.count() // ContentSitemap.limit)
        found = entries(client)
        assert all(SITE + role.get_absolute_url() in found for role in Role.objects.only("slug"))
        assert len([url for url in found if url.endswith("/progression/") and "/roles/" in url]) == Role.objects.count()

    @pytest.mark.parametrize("name", ["pages", "roles", "qualifications", "standards"])
    def test_every_page_of_a_section_costs_the_same_queries_as_at_the_real_size(self, at_100x, name):
        client = Client()
        pages = [urlsplit(url) for url in section_urls(client) if f"/sitemap-{name}.xml" in url]
        for parts in pages:
            count, _ = queries_for(parts.path + (f"?{parts.query}" if parts.query else ""))
            assert count == at_100x[name], parts.query

    def test_the_index_costs_the_same_queries_as_at_the_real_size(self, at_100x):
        assert queries_for("/sitemap.xml")[0] == at_100x["index"]
