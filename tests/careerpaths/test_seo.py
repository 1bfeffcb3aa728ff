"""What search engines and link previews read on every page: canonical address, description, Open Graph,
Twitter card and JSON-LD (parsed with extruct, a real structured-data extractor)."""

import extruct
import pytest
from lxml import html as lxml_html

from careerpaths.seo import json_ld
from roles.models import Role

from .pages import PAGE_TYPES, WITH_BREADCRUMBS

SITE = "http://testserver"


def head(client, path) -> dict:
    response = client.get(path)
    assert response.status_code == 200, path
    tree = lxml_html.fromstring(response.content)
    meta = {
        element.get("name") or element.get("property"): element.get("content")
        for element in tree.xpath("//head/meta[@name or @property]")
    }
    return {
        "canonical": tree.xpath("//head/link[@rel='canonical']/@href"),
        "title": tree.findtext(".//title"),
        "meta": meta,
        "html": response.content.decode(),
    }


def json_ld_of(client, path) -> list[dict]:
    response = client.get(path)
    return extruct.extract(response.content.decode(), base_url=SITE + path, syntaxes=["json-ld"])["json-ld"]


def of_type(documents, kind) -> list[dict]:
    return [document for document in documents if document.get("@type") == kind]


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_page_has_one_canonical_a_description_and_link_preview_tags(client, content, page_type):
    page = head(client, PAGE_TYPES[page_type])
    (canonical,) = page["canonical"]
    assert canonical.startswith(SITE + "/")
    meta = page["meta"]
    assert len(meta["description"]) > 40
    assert meta["og:url"] == canonical
    assert meta["og:title"] and meta["og:title"] in page["title"]
    assert meta["og:description"] == meta["twitter:description"] == meta["description"]
    assert meta["og:type"] == "website"
    assert meta["og:site_name"] == "Care Career Paths"
    assert meta["twitter:card"] == "summary"
    assert meta["twitter:title"] == meta["og:title"]


@pytest.mark.parametrize(
    "path, canonical",
    [
        ("/roles/deputy-manager/?utm_source=chat", "/roles/deputy-manager/"),
        (
            "/compare/?roles=senior-social-worker&roles=deputy-manager",
            "/compare/?roles=senior-social-worker&roles=deputy-manager",
        ),
        (
            "/compare/?roles=deputy-manager&roles=senior-social-worker&show=differences",
            "/compare/?roles=deputy-manager&roles=senior-social-worker",
        ),
        ("/roles/?sector=social-work&utm_medium=x&level=", "/roles/?sector=social-work"),
        ("/roles/?level=3&keyword=care", "/roles/?keyword=care&level=3"),
        ("/roles/?page=1", "/roles/"),
        ("/qualifications/?page=2&fbclid=1", "/qualifications/?page=2"),
        ("/progression/?sector=social-work", "/progression/?sector=social-work"),
        ("/data/?ref=home", "/data/"),
    ],
)
def test_the_canonical_keeps_only_what_changes_the_page(client, content, path, canonical):
    response = client.get(path)
    if response.status_code == 404:
        pytest.skip(f"{path}: no such page with this content")
    assert head(client, path)["canonical"] == [SITE + canonical]


def test_a_role_page_is_described_by_its_summary(client, deputy_manager):
    assert head(client, deputy_manager.get_absolute_url())["meta"]["description"] == " ".join(
        deputy_manager.summary.split()
    )


def test_a_qualification_page_is_described_by_its_summary(client, nvq_level_3):
    meta = head(client, nvq_level_3.get_absolute_url())["meta"]
    assert meta["description"] == " ".join(nvq_level_3.summary.split())


def test_error_pages_carry_no_canonical_and_ask_not_to_be_indexed(client, content):
    response = client.get("/roles/astronaut/")
    assert response.status_code == 404
    tree = lxml_html.fromstring(response.content)
    assert tree.xpath("//link[@rel='canonical']") == []
    assert tree.xpath("//meta[@name='robots']/@content") == ["noindex"]


@pytest.mark.parametrize("page_type", WITH_BREADCRUMBS)
def test_every_page_with_breadcrumbs_has_a_breadcrumb_list(client, content, page_type):
    documents = json_ld_of(client, PAGE_TYPES[page_type])
    (crumbs,) = of_type(documents, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == list(range(1, len(items) + 1))
    assert all(item["@type"] == "ListItem" and item["name"] and item["item"].startswith(SITE) for item in items)
    assert items[0] == {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE + "/"}


def test_a_role_page_describes_an_occupation(client, deputy_manager):
    (occupation,) = of_type(json_ld_of(client, deputy_manager.get_absolute_url()), "Occupation")
    assert occupation["@context"] == "https://schema.org"
    assert occupation["name"] == deputy_manager.title
    assert occupation["description"] == deputy_manager.summary
    assert occupation["occupationLocation"] == [{"@type": "Country", "name": "England"}]
    assert occupation["responsibilities"] == deputy_manager.responsibility_list
    credentials = occupation["qualifications"]
    asked = deputy_manager.role_qualifications.exclude(relevance="helpful").select_related("qualification")
    assert [c["name"] for c in credentials] == [rq.qualification.name for rq in asked.ordered()]
    assert all(c["@type"] == "EducationalOccupationalCredential" and c["url"].startswith(SITE) for c in credentials)
    codes = deputy_manager.standard.soc_code_list
    assert [c["codeValue"] for c in occupation["occupationalCategory"]] == [line.split()[0] for line in codes]
    assert all(
        c["@type"] == "CategoryCode" and c["inCodeSet"] == "SOC 2020" for c in occupation["occupationalCategory"]
    )


def test_a_role_with_sourced_pay_gives_its_salary_in_pounds_with_its_year(client, content):
    role = Role.objects.filter(pay_min__isnull=False, pay_max__isnull=False).select_related("pay_source").first()
    (occupation,) = of_type(json_ld_of(client, role.get_absolute_url()), "Occupation")
    (amount, *rest) = occupation["estimatedSalary"]
    assert amount["@type"] == "MonetaryAmount"
    assert amount["currency"] == "GBP"
    assert amount["value"]["minValue"] == role.pay_min
    assert amount["value"]["maxValue"] == role.pay_max
    assert amount["value"]["unitText"] == role.pay_unit.upper()
    assert amount["validFrom"] == f"{role.pay_year}-01-01"
    assert amount["validThrough"] == f"{role.pay_year}-12-31"
    assert str(role.pay_year) in amount["description"]
    assert role.pay_source.publisher in amount["description"]
    for distribution in rest:
        assert distribution["@type"] == "MonetaryAmountDistribution"
        assert distribution["median"] == float(role.pay_median)


def test_a_role_without_pay_figures_claims_no_salary(client, content):
    role = Role.objects.filter(pay_min__isnull=True, pay_max__isnull=True, pay_median__isnull=True).first()
    if role is None:
        pytest.skip("every role has pay figures")
    (occupation,) = of_type(json_ld_of(client, role.get_absolute_url()), "Occupation")
    assert "estimatedSalary" not in occupation


def test_a_qualification_page_describes_a_credential(client, nvq_level_3):
    (credential,) = of_type(json_ld_of(client, nvq_level_3.get_absolute_url()), "EducationalOccupationalCredential")
    assert credential["name"] == nvq_level_3.name
    assert credential["description"] == nvq_level_3.summary
    assert credential["credentialCategory"] == nvq_level_3.get_kind_display()
    assert credential["educationalLevel"].startswith(f"Level {nvq_level_3.level}")
    if nvq_level_3.awarding_body:
        assert credential["recognizedBy"] == {"@type": "Organization", "name": nvq_level_3.awarding_body}


@pytest.mark.parametrize("page_type", PAGE_TYPES)
def test_every_json_ld_block_parses(client, content, page_type):
    page = head(client, PAGE_TYPES[page_type])
    documents = json_ld_of(client, PAGE_TYPES[page_type])
    assert len(documents) == page["html"].count('<script type="application/ld+json">')
    assert all(document["@context"] == "https://schema.org" for document in documents)


def test_json_ld_cannot_close_its_script_element():
    block = json_ld({"name": "</script><script>alert(1)</script> & <!--"})
    assert block.count("</script>") == 1
    assert "<!--" not in block
    (document,) = extruct.extract(str(block), syntaxes=["json-ld"])["json-ld"]
    assert document["name"] == "</script><script>alert(1)</script> & <!--"
