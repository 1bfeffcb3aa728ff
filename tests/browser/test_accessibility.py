import pytest

PAGES = [
    "/",
    "/roles/",
    "/roles/?sector=social-work",
    "/roles/?level=99",
    "/roles/deputy-manager/",
    "/roles/senior-social-worker/",
    "/qualifications/",
    "/qualifications/nvq-level-3-health-and-social-care/",
    "/standards/",
    "/standards/st0008/",
    "/standards/st0006/",
    "/roles/astronaut/",
    "/care-workforce-pathway/",
]


@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_violations(page, site, axe, path):
    page.goto(site + path)
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


TRUTH_PAGES = [
    "/roles/lead-practitioner/",
    "/roles/social-worker/",
    "/roles/adult-care-worker/",
    "/roles/principal-social-worker/",
    "/compare/?roles=senior-care-worker&roles=lead-practitioner",
    "/compare/?roles=social-work-assistant&roles=social-worker",
    "/pathway/social-work-assistant/social-worker/",
    "/pathway/senior-care-worker/lead-practitioner/",
    "/skills-check/plan/?target=lead-practitioner&current=senior-care-worker&have=K1",
    "/skills-check/check/?target=senior-social-worker&current=principal-social-worker",
    "/standards/st0007/",
    "/qualifications/l4-diploma-adult-care/",
]


def test_pages_showing_funding_groups_level_basis_and_top_roles_have_no_violations(page, site, axe):
    from roles.models import LevelBasis
    from tests.truth import group_social_work_routes, set_role, withdraw_st0007

    withdraw_st0007()
    group_social_work_routes("social-worker", "senior-social-worker")
    set_role("social-worker", level_basis=LevelBasis.STANDARD)
    set_role("principal-social-worker", top_role=True, top_role_reason="Few roles sit above it in practice.")
    for path in TRUTH_PAGES:
        page.goto(site + path)
        results = axe.run(page)
        assert results.violations_count == 0, path + "\n" + results.generate_report()


def test_skip_link_is_the_first_thing_the_keyboard_reaches(page, site):
    page.goto(site + "/roles/deputy-manager/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Skip to main content"
    page.keyboard.press("Enter")
    # Playwright learns of the fragment change asynchronously, so wait for it.
    page.wait_for_url("**/roles/deputy-manager/#main-content")


NARROW_PAGES = [
    "/",
    "/roles/",
    "/roles/deputy-manager/",
    "/standards/",
    "/standards/st0008/",
    "/qualifications/",
    "/care-workforce-pathway/",
]


@pytest.mark.parametrize("path", NARROW_PAGES)
def test_no_sideways_scrolling_on_a_320px_phone(page, site, path):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(site + path)
    overflow = page.evaluate("document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 320px"


def test_site_uses_our_brand_not_govuk(page, site):
    page.goto(site + "/")
    assert page.locator("header").inner_text().strip().startswith("Care Career Paths")
    assert page.locator("svg.govuk-header__logotype, .govuk-footer__crown").count() == 0
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "GDS Transport" not in font


def test_a_paged_role_list_has_no_violations_and_its_pages_work_by_keyboard(page, site, axe):
    from tests.roles.test_role_list_pages import add_roles

    add_roles(120)
    page.goto(site + "/roles/?page=2")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    page.locator("a[rel=next]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(site + "/roles/?page=3")
    assert page.locator("[aria-current=page]").inner_text() == "3"


def test_a_paged_qualification_list_has_no_violations(page, site, axe):
    from tests.qualifications.test_list_pages import add_qualifications

    add_qualifications(120)
    page.goto(site + "/qualifications/?page=3")
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()
    assert page.locator("[aria-current=page]").inner_text() == "3"
