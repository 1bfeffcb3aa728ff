"""The maps and the pathway in Chromium: accessibility, keyboard use, and the printed pathway."""

import re

import pytest

from roles.models import Role
from tests.browser.conftest import pdf_page_count

PATHWAY = "/pathway/adult-care-worker/registered-manager/"

PAGES = [
    "/progression/",
    "/roles/social-worker/progression/",
    "/progression/?sector=social-work",
    "/progression/?sector=space",
    "/roles/deputy-manager/progression/",
    PATHWAY,
    "/pathway/social-worker/deputy-manager/",
    "/pathway/",
    "/pathway/?from=deputy-manager&to=deputy-manager",
]


@pytest.mark.parametrize("width", [1280, 375])
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page, site, axe, path, width):
    page.set_viewport_size({"width": width, "height": 900})
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
    # The box, not the link's centre: the link also holds its (hidden) arrows, which widen its bounding box.
    page.locator('svg.ccp-map a[href="/roles/deputy-manager/"] .ccp-map__box').click()
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


# --- The map's look: type, fit, highlight, phone ladder and print (issue 15) ----------------------------------

MAP = "/progression/"
FOCUSED = "/roles/deputy-manager/progression/"

# For every role box: the shown size of its name (font size times the SVG's scale), its font, and whether each
# line of the name fits inside the box (measured by Chromium, not estimated).
BOX_REPORT = """() => {
  const svg = document.querySelector('svg.ccp-map');
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  return Array.from(svg.querySelectorAll('a.ccp-map__role')).map(a => {
    const box = a.querySelector('.ccp-map__box').getBBox();
    const strip = a.querySelector('.ccp-map__strip').getBBox();
    const text = a.querySelector('.ccp-map__name');
    const style = getComputedStyle(text);
    const lines = Array.from(text.querySelectorAll('tspan')).map(t => t.getComputedTextLength());
    const bbox = text.getBBox();
    return {
      href: a.getAttribute('href'), size: parseFloat(style.fontSize) * scale, family: style.fontFamily,
      fits: lines.every(w => w <= box.width - strip.width - 4)
        && bbox.x >= box.x + strip.width && bbox.x + bbox.width <= box.x + box.width
        && bbox.y >= box.y && bbox.y + bbox.height <= box.y + box.height,
    };
  });
}"""

NO_SIDEWAYS_SCROLL = "document.documentElement.scrollWidth <= document.documentElement.clientWidth"


@pytest.mark.parametrize(("path", "smallest"), [(MAP, 16), (FOCUSED, 19)])
def test_role_names_use_the_site_font_at_a_readable_size_and_fit_their_boxes(page, site, path, smallest):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site + path)
    boxes = page.evaluate(BOX_REPORT)
    assert boxes
    for box in boxes:
        assert box["family"].startswith("system-ui"), box
        assert box["size"] >= smallest - 0.01, box
        assert box["fits"], box
    assert page.evaluate(NO_SIDEWAYS_SCROLL)


@pytest.fixture
def big_site(site):
    """The real content and enough of a synthetic copy of it (longer titles, moves between copies) for 40 roles."""
    from roles.content import synthetic

    synthetic.generate(scale=1)
    copies = Role.objects.filter(slug__startswith=synthetic.PREFIX).order_by("level", "slug")
    keep = 40 - Role.objects.exclude(slug__startswith=synthetic.PREFIX).count()
    Role.objects.filter(pk__in=list(copies.values_list("pk", flat=True)[keep:])).delete()
    assert Role.objects.count() == 40
    return site


def test_a_map_of_forty_roles_fits_a_1280px_window_at_16px(page, big_site):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(big_site + MAP)
    boxes = page.evaluate(BOX_REPORT)
    assert len(boxes) == Role.objects.count()
    assert all(box["size"] >= 15.99 and box["fits"] for box in boxes), [b for b in boxes if not b["fits"]][:3]
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    frame = "document.querySelector('.ccp-map-frame')"
    assert page.evaluate(f"{frame}.scrollWidth <= {frame}.clientWidth")  # the whole map shows, no scrolling


@pytest.mark.parametrize("path", [MAP, FOCUSED])
def test_on_a_phone_the_map_is_a_ladder_by_level_without_sideways_scrolling(page, site, path):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(site + path)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    assert not page.locator("svg.ccp-map").is_visible()
    assert page.locator(".ccp-ladder").is_visible()
    assert page.locator(".ccp-ladder__level").first.inner_text().startswith("Level 2")
    assert not page.locator(".ccp-map-key").is_visible()  # the ladder names each role's sector in words
    page.set_viewport_size({"width": 1280, "height": 800})
    assert page.locator("svg.ccp-map").is_visible() and page.locator(".ccp-map-key").is_visible()


def test_focusing_a_role_highlights_its_moves_and_fades_the_rest(page, site):
    page.goto(site + MAP)
    base = "svg.ccp-map .ccp-map__edges"
    lit = 'svg.ccp-map a[href="/roles/adult-care-worker/"] .ccp-map__moves'
    assert page.evaluate(f"getComputedStyle(document.querySelector('{base}')).opacity") == "1"
    assert page.evaluate(f"getComputedStyle(document.querySelector('{lit}')).visibility") == "hidden"
    page.locator('svg.ccp-map a[href="/roles/adult-care-worker/"]').focus()
    page.wait_for_timeout(300)  # the fade's transition
    assert float(page.evaluate(f"getComputedStyle(document.querySelector('{base}')).opacity")) < 0.5
    assert page.evaluate(f"getComputedStyle(document.querySelector('{lit}')).visibility") == "visible"
    other = 'svg.ccp-map a[href="/roles/social-worker/"] .ccp-map__moves'
    assert page.evaluate(f"getComputedStyle(document.querySelector('{other}')).visibility") == "hidden"
    page.locator('svg.ccp-map a[href="/roles/adult-care-worker/"]').blur()
    page.locator('svg.ccp-map a[href="/roles/social-worker/"] .ccp-map__box').hover(force=True)
    assert page.evaluate(f"getComputedStyle(document.querySelector('{other}')).visibility") == "visible"


def pdf_page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    return [(float(w), float(h)) for w, h in re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf)]


@pytest.mark.parametrize(
    ("path", "landscape"),
    [(MAP, True), (MAP + "?sector=social-work", True), (FOCUSED, False), ("/roles/social-worker/progression/", False)],
)
def test_maps_print_on_one_a4_page(page, site, path, landscape):
    page.goto(site + path)
    pdf = page.pdf(prefer_css_page_size=True)
    assert pdf_page_count(pdf) == 1
    (width, height), *_ = pdf_page_sizes(pdf)
    assert (width > height) == landscape
    assert {round(width), round(height)} == {595, 842}  # A4 in points


def test_filtered_map_prints_only_the_chosen_sector(page, site):
    page.goto(site + MAP + "?sector=social-work")
    page.emulate_media(media="print")
    assert page.locator("svg.ccp-map").is_visible()
    assert page.locator('svg.ccp-map a[href="/roles/adult-care-worker/"]').count() == 0
    assert page.locator('svg.ccp-map a[href="/roles/social-worker/"]').count() == 1
