"""The compare page in Chromium: accessibility, a 320 px phone, keyboard only, and printing to A4 landscape."""

import re

import pytest
from django.utils import timezone

BENCHMARK = "/compare/?roles=senior-social-worker&roles=deputy-manager"
FOUR = "/compare/?roles=adult-care-worker&roles=senior-care-worker&roles=lead-practitioner&roles=deputy-manager"


@pytest.mark.parametrize(
    "path",
    [
        "/compare/",
        BENCHMARK,
        FOUR,
        FOUR + "&show=differences",
        "/compare/?roles=deputy-manager",
        "/compare/?roles=astronaut&roles=deputy-manager&show=everything",
    ],
)
def test_axe_finds_no_violations(page, site, axe, path):
    response = page.goto(site + path)
    assert response.status in (200, 400)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_axe_finds_no_violations_with_ksb_details_open(page, site, axe):
    page.goto(site + "/compare/?roles=senior-care-worker&roles=lead-practitioner")
    page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("width", [320, 640])  # 640 CSS pixels is a 1280 px screen at 200 % zoom
def test_page_does_not_scroll_sideways_but_the_table_does_with_row_headings_in_view(page, site, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(site + FOUR)
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    region = page.locator(".ccp-compare-scroll")
    assert region.get_attribute("role") == "region"
    assert region.get_attribute("tabindex") == "0"
    assert region.get_attribute("aria-label")
    assert region.evaluate("el => el.scrollWidth > el.clientWidth")
    heading = page.locator("#row-pay th")
    left_before = heading.bounding_box()["x"]
    region.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    assert region.evaluate("el => el.scrollLeft") > 100
    assert abs(heading.bounding_box()["x"] - left_before) < 1
    last_cell = page.locator('#row-pay td[data-role="deputy-manager"]').bounding_box()
    region_box = region.bounding_box()
    assert last_cell["x"] + last_cell["width"] <= region_box["x"] + region_box["width"] + 1


def test_the_table_region_scrolls_with_the_keyboard(page, site):
    page.set_viewport_size({"width": 320, "height": 800})
    page.goto(site + FOUR)
    region = page.locator(".ccp-compare-scroll")
    region.focus()
    for _ in range(10):
        page.keyboard.press("ArrowRight")
    assert region.evaluate("el => el.scrollLeft") > 0


def test_keyboard_alone_picks_roles_and_reaches_the_comparison(page, site):
    page.goto(site + "/compare/")
    for _ in range(40):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name") == "roles":
            break
    else:
        pytest.fail("Tab never reached the picker")
    ticked = []
    while len(ticked) < 2:
        value = page.evaluate("document.activeElement.value")
        if value in ("senior-social-worker", "deputy-manager"):
            page.keyboard.press("Space")
            ticked.append(value)
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") in ("roles", "show")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/compare/\?roles=deputy-manager&roles=senior-social-worker", page.url)
    assert page.locator("h1").inner_text() == "Deputy manager of a care home compared with Senior social worker"
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.classList.contains('ccp-compare-scroll')"):
            break
    else:
        pytest.fail("Tab never reached the comparison table")


def test_show_only_differences_works_without_javascript(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + "/compare/?roles=deputy-manager&roles=registered-manager")
    assert page.locator("#row-level").count() == 1
    page.get_by_role("link", name="Show only the rows where the roles differ").click()
    page.wait_for_url("**show=differences*")
    assert page.locator("#row-level").count() == 0
    assert page.locator("#row-responsibilities").count() == 1
    context.close()


def test_print_hides_the_chrome_and_shows_the_address_and_date(page, site):
    page.goto(site + BENCHMARK)
    page.emulate_media(media="print")
    today = timezone.localdate().strftime("%-d %B %Y")
    printed = page.locator(".ccp-compare-printed")
    assert printed.is_visible()
    assert printed.inner_text() == f"Printed from {page.url} on {today}"
    for chrome in (".govuk-service-navigation", ".govuk-footer", ".ccp-header", ".govuk-breadcrumbs", "form"):
        assert not page.locator(chrome).first.is_visible(), chrome
    table = page.locator(".ccp-compare-table")
    assert table.is_visible()
    assert "Deputise for the home manager" in table.inner_text()
    assert page.locator("#what-changes").is_visible()
    # In black and white the marking still reads: the word, not a colour.
    assert page.locator("#row-setting th").inner_text().endswith("Differs")
    # The whole table fits the page width, with nothing scrolled out of sight.
    assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
    region = page.locator(".ccp-compare-scroll")
    assert region.evaluate("el => el.scrollWidth <= el.clientWidth")


def test_print_to_pdf_gives_landscape_a4_pages(page, site):
    page.goto(site + BENCHMARK)
    pdf = page.pdf(prefer_css_page_size=True, print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = re.findall(rb"/Type\s*/Page(?!s)", pdf)
    assert 1 <= len(pages) <= 12
    boxes = [tuple(map(float, box)) for box in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]
    assert boxes, "no MediaBox in the PDF"
    for width, height in boxes:
        assert width > height
        assert abs(width - 841.89) < 2 and abs(height - 595.28) < 2  # A4 in points
