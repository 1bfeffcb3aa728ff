"""Every trail comes from one partial, fed by the view, and the page's BreadcrumbList says the same."""

import json
import re

import pytest

from careerpaths.breadcrumbs import breadcrumb_list, breadcrumbs

from .pages import PAGE_TYPES, WITH_BREADCRUMBS

TRAIL = re.compile(r'<a class="govuk-breadcrumbs__link" href="([^"]*)">([^<]*)</a>')
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def breadcrumb_documents(html: str) -> list[dict]:
    documents = [json.loads(block) for block in JSON_LD.findall(html)]
    return [document for document in documents if document["@type"] == "BreadcrumbList"]


def test_a_trail_starts_at_home_and_its_list_ends_with_the_page():
    crumbs = breadcrumbs(("Roles", "/roles/"), current="Deputy manager")
    document = breadcrumb_list(
        crumbs, page_url="https://x.test/roles/deputy-manager/", absolute=lambda p: "https://x.test" + p
    )
    assert [item["name"] for item in document["itemListElement"]] == ["Home", "Roles", "Deputy manager"]
    assert [item["position"] for item in document["itemListElement"]] == [1, 2, 3]
    assert document["itemListElement"][-1]["item"] == "https://x.test/roles/deputy-manager/"


@pytest.mark.parametrize("page_type", WITH_BREADCRUMBS)
def test_the_trail_and_the_breadcrumb_list_agree(client, content, page_type):
    html = client.get(PAGE_TYPES[page_type]).content.decode()
    shown = [(label, "http://testserver" + href) for href, label in TRAIL.findall(html)]
    (document,) = breadcrumb_documents(html)
    listed = [(item["name"], item["item"]) for item in document["itemListElement"]]
    assert shown and shown[0][0] == "Home"
    assert listed[:-1] == shown
    assert html.count('<nav class="govuk-breadcrumbs"') == 1


def test_the_role_profile_trail_names_the_role(client, deputy_manager):
    html = client.get(deputy_manager.get_absolute_url()).content.decode()
    (document,) = breadcrumb_documents(html)
    assert [item["name"] for item in document["itemListElement"]] == ["Home", "Roles", deputy_manager.title]


@pytest.mark.parametrize("page_type", sorted(set(PAGE_TYPES) - set(WITH_BREADCRUMBS)))
def test_top_level_pages_show_no_trail(client, content, page_type):
    html = client.get(PAGE_TYPES[page_type]).content.decode()
    assert "govuk-breadcrumbs" not in html
    assert breadcrumb_documents(html) == []
