"""The maps and the pathway in Chromium: accessibility, keyboard use, and the printed pathway."""

import pytest

from roles.models import Role
from tests.browser.conftest import pdf_page_count

PATHWAY = "/pathway/adult-care-worker/registered-manager/"

PAGES = [
    "/progression/",
    "/progression/?sector=social-work",
    "/progression/?sector=space",
    "/roles/deputy-manager/progression/",
    PATHWAY,
    "/pathway/social-worker/deputy-manager/",
    "/pathway/",
    "/pathway/?from=deputy-manager&to=deputy-manager",
]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page, site, axe, path):
    page.goto(site + path)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_keyboard_reaches_every_role_on_the_map(page, site):
    page.goto(site + "/progression/")
    roles = Role.objects.count()
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        href = page.evaluate(
            "() => { const el = document.activeElement;"
            " return el && el.closest('svg.ccp-map') ? el.getAttribute('href') : null; }"
        )
        if href:
            reached.add(href)
        elif reached:
            break
    assert len(reached) == roles


def test_focused_map_box_shows_the_focus_style(page, site):
    page.goto(site + "/roles/deputy-manager/progression/")
    page.locator('svg.ccp-map a[href="/roles/registered-manager/"]').focus()
    fill = page.evaluate(
        "getComputedStyle(document.querySelector('svg.ccp-map a[href=\"/roles/registered-manager/\"] rect')).fill"
    )
    assert fill == "rgb(255, 221, 0)"


def test_map_link_opens_the_role(page, site):
    page.goto(site + "/progression/")
    page.locator('svg.ccp-map a[href="/roles/deputy-manager/"]').click()
    page.wait_for_url(site + "/roles/deputy-manager/")


@pytest.mark.parametrize(
    "path",
    [
        PATHWAY,
        # Among the longest printouts of the seed routes of up to three steps.
        "/pathway/senior-care-worker/service-manager/",
        "/pathway/social-work-assistant/registered-manager/",
    ],
)
def test_pathway_prints_on_at_most_two_a4_pages(page, site, path):
    page.goto(site + path)
    assert "Step 3:" in page.content()
    pdf = page.pdf(format="A4", prefer_css_page_size=True)
    assert 1 <= pdf_page_count(pdf) <= 2


def test_printed_pathway_hides_navigation_and_shows_where_it_came_from(page, site):
    page.goto(site + PATHWAY)
    page.emulate_media(media="print")
    for chrome in [".govuk-service-navigation", ".ccp-header", ".govuk-footer", ".govuk-breadcrumbs", "nav"]:
        assert not page.locator(chrome).first.is_visible(), chrome
    assert not page.get_by_role("button", name="Print this page").is_visible()
    printed = page.locator(".ccp-printed-from")
    assert printed.is_visible()
    assert f"Printed from {site}{PATHWAY} on " in printed.inner_text()
    assert page.get_by_text("Content last reviewed").is_visible()
    assert page.locator("h1").inner_text().startswith("From Adult care worker to Registered manager")


def test_print_button_appears_only_with_javascript(page, site, browser):
    page.goto(site + PATHWAY)
    assert page.get_by_role("button", name="Print this page").is_visible()
    context = browser.new_context(java_script_enabled=False)
    try:
        without_js = context.new_page()
        without_js.goto(site + PATHWAY)
        assert without_js.locator("[data-print-button]").count() == 1
        assert not without_js.locator("[data-print-button]").is_visible()
    finally:
        context.close()


def test_print_button_opens_the_print_dialog(page, site):
    page.goto(site + PATHWAY)
    page.evaluate("window.print = () => { window.printed = true; }")
    page.get_by_role("button", name="Print this page").click()
    assert page.evaluate("window.printed === true")


@pytest.mark.parametrize("path", ["/progression/", "/roles/deputy-manager/progression/", PATHWAY])
def test_no_sideways_page_scrolling_on_a_320px_phone(page, site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + path)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
