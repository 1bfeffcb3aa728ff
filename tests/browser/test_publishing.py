"""An editor publishes from the admin in Chromium: edit a role, see the change, download the zip.
The publishing pages and the admin sign-in page have no axe violations, and the browser refuses nothing."""

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import Group

from tests.admin_helpers import PASSWORD, make_editor
from tests.roles.content.helpers import exported, zip_files

NEW_SUMMARY = "You run the home day to day with the registered manager and lead the care team on every shift."


@pytest.fixture(scope="module")
def axe():
    return Axe()


@pytest.fixture
def publisher_page(page, site, settings, fixtures_copy):
    settings.CONTENT_FIXTURES_DIR = fixtures_copy
    make_editor(password=PASSWORD).groups.add(Group.objects.get(name="Content publishers"))
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    page.problems = problems
    return page


def assert_no_violations(page, axe):
    results = axe.run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_sign_in_page_has_a_heading_and_no_violations(page, site, axe):
    page.goto(site + "/admin/login/")
    assert page.locator("h1").inner_text() == "Log in"
    assert_no_violations(page, axe)


def test_an_editor_edits_a_role_sees_the_change_and_downloads_it(publisher_page, site, axe, tmp_path):
    page = publisher_page
    page.click("text=Changes to publish")
    page.wait_for_url(site + "/admin/content/changes/")
    assert "Nothing differs" in page.locator("#content-main").inner_text()

    page.goto(site + "/admin/roles/role/?q=deputy")
    page.click("text=Deputy manager of a care home")
    page.fill("#id_summary", NEW_SUMMARY)
    page.click("input[name=_save]")
    page.wait_for_url(re.compile(r".*/admin/roles/role/(\?.*)?$"))

    page.goto(site + "/admin/content/changes/")
    main = page.locator("#content-main")
    assert "roles.json (changed)" in main.inner_text()
    assert "every shift." in main.locator(".content-diff ins").last.inner_text()
    assert_no_violations(page, axe)

    with page.expect_download() as download_info:
        page.click("#download-changes")
    download = download_info.value
    assert download.suggested_filename.startswith("fixtures-changes-")
    target = tmp_path / "changes.zip"
    download.save_as(target)
    files = zip_files(target.read_bytes())
    assert sorted(files) == ["changes.patch", "fixtures/roles.json"]
    assert files["fixtures/roles.json"] == exported(tmp_path)["roles.json"]
    assert page.problems == []


def test_the_review_page_has_no_violations(publisher_page, site, axe):
    page = publisher_page
    page.click("text=Needs review")
    page.wait_for_url(site + "/admin/content/review/")
    assert page.locator("h1").inner_text() == "Needs review"
    assert_no_violations(page, axe)
    assert page.problems == []
