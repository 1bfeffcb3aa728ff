"""An editor's save is all or nothing: a failure part-way leaves the database as it was.

(load_content's all-or-nothing is proved in tests/roles/content/test_loading.py; both run on SQLite and
PostgreSQL in CI.)
"""

from html.parser import HTMLParser

import pytest
from django.db import IntegrityError

from roles.admin import RoleAdmin
from roles.models import ContentVersion, Role

pytestmark = pytest.mark.django_db


class FormFields(HTMLParser):
    """The values a browser would submit from the admin's change form."""

    def __init__(self):
        super().__init__()
        self.data: dict[str, list[str]] = {}
        self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            ticked = attrs.get("type") in ("checkbox", "radio")
            if ticked and "checked" not in attrs:
                return
            self.data.setdefault(name, []).append(attrs.get("value") or ("on" if ticked else ""))
        elif tag == "select" and name:
            self._select = name
            self.data.setdefault(name, [])
        elif tag == "option" and self._select and "selected" in attrs:
            self.data[self._select].append(attrs.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea:
            value = self.data[self._textarea]
            value[0] += data if value[0] else data.removeprefix("\n")  # browsers drop that first newline


def change_form(admin_client, role) -> dict:
    url = f"/admin/roles/role/{role.pk}/change/"
    parser = FormFields()
    parser.feed(admin_client.get(url).content.decode())
    return parser.data


@pytest.fixture
def edit(admin_client, deputy_manager):
    """POST the deputy manager's change form with a new title, as an editor would."""

    def post(title):
        data = change_form(admin_client, deputy_manager)
        data["title"] = [title]
        return admin_client.post(f"/admin/roles/role/{deputy_manager.pk}/change/", data)

    return post


def test_an_editors_save_goes_through(edit, deputy_manager):
    response = edit("Deputy manager (edited)")
    assert response.status_code == 302, "the form did not save: " + response.content.decode()[:500]
    deputy_manager.refresh_from_db()
    assert deputy_manager.title == "Deputy manager (edited)"


def test_a_save_that_fails_part_way_changes_nothing(edit, deputy_manager, admin_client, monkeypatch):
    version = ContentVersion.objects.current()

    def fail_after_the_role_is_written(self, request, form, formsets, change):
        raise IntegrityError("the database refused an inline row")

    monkeypatch.setattr(RoleAdmin, "save_related", fail_after_the_role_is_written)
    admin_client.raise_request_exception = False
    response = edit("Deputy manager (half saved)")
    assert response.status_code == 500
    assert Role.objects.get(pk=deputy_manager.pk).title == deputy_manager.title
    assert ContentVersion.objects.current() == version
