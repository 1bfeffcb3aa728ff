"""The admin works for a signed-in editor in Chromium under our Content-Security-Policy: its scripts run and
the browser refuses nothing."""

import pytest

from roles.models import Role
from tests.admin_helpers import PASSWORD, make_editor


@pytest.fixture
def signed_in(page, site):
    make_editor(password=PASSWORD)
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("response", lambda reply: problems.append(f"{reply.status} {reply.url}") if reply.status >= 400 else None)
    page.goto(site + "/admin/login/")
    page.fill("#id_username", "editor")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(site + "/admin/")
    return problems


def test_an_editor_can_work_through_the_admin_with_nothing_refused(page, site, signed_in):
    deputy = Role.objects.get(slug="deputy-manager")
    for path in (
        "/admin/",
        "/admin/roles/role/",
        "/admin/qualifications/ksb/?q=safeguarding",
        "/admin/roles/progressionlink/add/",
        f"/admin/roles/role/{deputy.pk}/change/",
    ):
        response = page.goto(site + path)
        assert response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    # The admin's own scripts ran: autocomplete boxes are built and inline rows can be added.
    assert page.locator(".select2-container").count() > 0
    rows = page.locator("#role_qualifications-group tr.form-row:not(.empty-form)").count()
    page.locator("#role_qualifications-group .add-row a").click()
    assert page.locator("#role_qualifications-group tr.form-row:not(.empty-form)").count() == rows + 1
    assert signed_in == []
