import pytest

from qualifications.models import KSB
from tests.browser.conftest import pdf_page_count

JOURNEY = "target=deputy-manager&current=senior-care-worker"

PAGES = [
    "/skills-check/",
    "/skills-check/check/?target=",
    f"/skills-check/check/?{JOURNEY}",
    "/skills-check/check/?target=case-manager&current=social-worker",
    f"/skills-check/result/?{JOURNEY}&have=K1-K5,S2,B1-B6",
    f"/skills-check/result/?{JOURNEY}&have=K1,S99,zz",
    "/skills-check/result/?target=case-manager&have=R1",
    f"/skills-check/plan/?{JOURNEY}&have=K1-K5,S2,B1-B6",
]

# The longest plans: nothing ticked on the largest standard, the most statements printed in full
# (14 gaps, the longest statements of ST0008), and a role checked on responsibilities and qualifications.
PLANS = [
    "target=social-worker&current=social-work-assistant&have=",
    f"{JOURNEY}&have=",
    "target=case-manager&current=social-worker&have=",
    "target=senior-care-worker&current=adult-care-worker&have=",
]


def tab_to(page, test: str, limit: int = 250) -> None:
    """Press Tab until `test` (JavaScript on `el`, the focused element) is true."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached an element where {test}")


def choose_with_arrows(page, value: str, limit: int = 40) -> None:
    """Move through a focused select with the arrow keys until it shows `value`."""
    for _ in range(limit):
        if page.evaluate("document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"the arrow keys never reached {value}")


@pytest.mark.parametrize("path", PAGES)
def test_every_step_has_no_axe_violations(page, site, axe, path):
    page.goto(site + path)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


@pytest.mark.parametrize("query", PLANS)
def test_the_plan_prints_on_at_most_two_a4_pages(page, site, query):
    page.goto(f"{site}/skills-check/plan/?{query}")
    assert pdf_page_count(page.pdf(prefer_css_page_size=True, print_background=False)) <= 2


def test_a_plan_with_the_most_statements_in_full_prints_on_two_pages(page, site):
    longest = sorted(KSB.objects.filter(standard__reference="ST0008"), key=lambda k: -len(k.statement))[:14]
    have = ",".join(k.code for k in KSB.objects.filter(standard__reference="ST0008") if k not in longest)
    page.goto(f"{site}/skills-check/plan/?{JOURNEY}&have={have}")
    assert page.locator(".ccp-ksb-list li").count() == 14
    assert pdf_page_count(page.pdf(prefer_css_page_size=True)) <= 2


def test_printing_shows_where_and_when_and_hides_the_site_chrome(page, site):
    page.goto(f"{site}/skills-check/plan/?{JOURNEY}&have=K1")
    assert not page.locator(".ccp-printed-from").is_visible()
    page.emulate_media(media="print")
    assert page.locator(".ccp-printed-from").is_visible()
    assert page.locator(".ccp-printed-from").inner_text().startswith(f"Printed from {site}/skills-check/plan/?")
    assert not page.locator("header").is_visible()
    assert not page.get_by_text("Back to your results").is_visible()


def test_no_sideways_scrolling_on_a_320px_phone(page, site):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in (f"/skills-check/check/?{JOURNEY}", f"/skills-check/result/?{JOURNEY}&have=K1", PAGES[-1]):
        page.goto(site + path)
        assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth"), path


def test_senior_care_worker_to_deputy_manager_to_a_printed_plan_by_keyboard_alone(page, site):
    page.goto(site + "/skills-check/")

    tab_to(page, "el.id === 'id_target'")
    choose_with_arrows(page, "deputy-manager")
    tab_to(page, "el.id === 'id_current'")
    choose_with_arrows(page, "senior-care-worker")
    tab_to(page, "el.textContent.trim() === 'Continue'")
    page.keyboard.press("Enter")

    page.wait_for_url("**/skills-check/check/?*")
    assert page.locator("h1").inner_text() == "What can you show for Deputy manager of a care home?"
    premarked = page.locator("input[type=checkbox]:checked").count()
    assert premarked > 0
    tab_to(page, "el.value === 'K1'")
    assert not page.evaluate("document.activeElement.checked")
    page.keyboard.press("Space")
    tab_to(page, "el.value === 'S2'")
    page.keyboard.press("Space")
    tab_to(page, "el.textContent.trim() === 'See your results'")
    page.keyboard.press("Enter")

    page.wait_for_url("**/skills-check/result/?*have=*")
    assert "K1" in page.url and "S2" in page.url
    assert f"You can show {premarked + 2} of the 45" in page.locator("#readiness").inner_text()
    tab_to(page, "el.textContent.trim() === 'Open your plan to print'")
    page.keyboard.press("Enter")

    page.wait_for_url("**/skills-check/plan/?*")
    assert page.locator("h1").inner_text() == "Personal development plan: Deputy manager of a care home"
    assert pdf_page_count(page.pdf(prefer_css_page_size=True)) <= 2
