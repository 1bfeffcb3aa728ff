"""Helpers for the admin tests: a content editor, and a form submitted the way a browser submits it."""

from html.parser import HTMLParser
from io import StringIO

from django.contrib.auth.models import Group, User
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

PASSWORD = "correct-horse-battery-staple-42"


def make_editor(username: str = "editor", password: str | None = None) -> User:
    """A staff user in the Content editors group, as the README tells an admin to set one up.

    Without a password the account can only be used with force_login (and no slow hashing is done).
    """
    call_command("setup_editors", stdout=StringIO())
    user = User.objects.create_user(username, password=password, is_staff=True)
    user.groups.add(Group.objects.get(name="Content editors"))
    return user


def group_permissions(name: str) -> list[str]:
    """The permissions of the group with this name, as sorted "app_label.codename" strings."""
    group = Group.objects.get(name=name)
    return sorted(f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.select_related("content_type"))


class BrowserForm(HTMLParser):
    """Reads one <form> from a page and gives the fields a browser would send when it is submitted.

    Like a browser: unchecked boxes are left out, a single select with nothing selected sends its first
    option, and textarea lines are sent with CRLF endings (the HTML form-submission rule).
    """

    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.in_form = False
        self.data: dict[str, list[str]] = {}
        self.select = None
        self.option = None
        self.textarea = None

    def add(self, name, value):
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("id") == self.form_id:
            self.in_form = True
        if not self.in_form or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name:
            kind = (attrs.get("type") or "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.add(name, attrs.get("value") or "on")
                return
            self.add(name, attrs.get("value") or "")
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "options": []}
        elif tag == "option" and self.select is not None:
            self.option = {"value": attrs.get("value"), "text": "", "selected": "selected" in attrs}
            self.select["options"].append(self.option)
        elif tag == "textarea" and name:
            self.textarea = {"name": name, "text": []}

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea["text"].append(data)
        elif self.option is not None:
            self.option["text"] += data

    def handle_endtag(self, tag):
        if tag == "form" and self.in_form:
            self.in_form = False
        elif tag == "option":
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = [o for o in options if o["selected"]]
            if not chosen and options and not self.select["multiple"]:
                chosen = options[:1]
            for option in chosen:
                value = option["value"] if option["value"] is not None else option["text"].strip()
                self.add(self.select["name"], value)
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = "".join(self.textarea["text"])
            text = text.removeprefix("\n")  # the parser drops one newline right after <textarea>
            self.add(self.textarea["name"], text.replace("\r\n", "\n").replace("\n", "\r\n"))
            self.textarea = None


def browser_form_data(response, form_id: str) -> dict[str, list[str]]:
    """What a browser would post back from the form with this id on the page, unchanged."""
    parser = BrowserForm(form_id)
    parser.feed(response.content.decode())
    assert parser.data, f"no form with id {form_id!r} on the page"
    return parser.data


def search_adds_at_most_one_query(client, path: str, search: str) -> None:
    """An admin list runs the same queries whatever it shows: a search for fewer rows adds one count at most
    (of the unfiltered total); nothing grows with the rows shown."""
    with CaptureQueriesContext(connection) as all_rows:
        assert client.get(path).status_code == 200
    with CaptureQueriesContext(connection) as fewer_rows:
        client.get(path, {"q": search})
    assert len(all_rows) <= len(fewer_rows) <= len(all_rows) + 1


def change_form_data(client, url: str, model_name: str) -> dict[str, list[str]]:
    response = client.get(url)
    assert response.status_code == 200
    data = browser_form_data(response, f"{model_name}_form")
    data["_save"] = ["Save"]
    return data
