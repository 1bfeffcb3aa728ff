"""Our copy of Django's select widget template renders exactly what Django's own does."""

from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.template.loader import get_template

from roles.forms import RoleFilterForm

# Django's stock renderer reads only Django's own widget templates, never templates/django/forms/.
STOCK = DjangoTemplates()


@pytest.mark.parametrize(
    "choices, value",
    [
        ([("", "Any level"), (1, "Level 1"), (2, "Level 2 & up")], "2"),
        ([("", "Any"), ("a", "A")], ""),
        ([("", "Any"), ("a", "<b>A</b>")], None),
        ([("Care", [("a", "A"), ("b", "B")]), ("Social work", [("c", "C")])], "c"),
    ],
)
def test_a_select_renders_the_same_as_djangos(choices, value):
    widget = forms.Select(choices=choices)
    attrs = {"id": "id_x", "class": "govuk-select", "aria-describedby": "x-hint"}
    ours = widget.render("x", value, attrs=attrs)
    assert "<select" in ours and ours == widget.render("x", value, attrs=attrs, renderer=STOCK)


def test_multiple_selects_render_the_same_as_djangos():
    widget = forms.SelectMultiple(choices=[("a", "A"), ("b", "B"), ("c", "C")])
    ours = widget.render("x", ["a", "c"], attrs={"id": "id_x"})
    assert ours.count(" selected") == 2 and ours == widget.render("x", ["a", "c"], attrs={"id": "id_x"}, renderer=STOCK)


def test_forms_render_selects_with_our_copy():
    origin = get_template("django/forms/widgets/select.html").origin.name
    assert Path(origin) == Path(settings.BASE_DIR) / "templates" / "django" / "forms" / "widgets" / "select.html"
    form = RoleFilterForm({"level": "3"})
    assert '<option value="3" selected>' in str(form["level"])
