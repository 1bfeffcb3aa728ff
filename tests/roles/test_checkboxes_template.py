"""Our copy of crispy-forms-gds's checkboxes template renders the same markup as the original."""

import re
from pathlib import Path

import crispy_forms_gds
import pytest
from crispy_forms_gds.choices import Choice
from django import forms
from django.template import Context, Template
from django.template.loader import get_template

from roles.compare.forms import CompareForm
from roles.compare.selectors import picker_roles
from roles.models import Role

ORIGINAL = Path(crispy_forms_gds.__file__).parent / "templates" / "gds" / "layout" / "checkboxes.html"


def normalised(html: str) -> str:
    html = re.sub(r"\s+", " ", html)
    return re.sub(r"\s*([<>])\s*", r"\1", html).strip()


def both(field, **options):
    context = {
        "field": field,
        "checkboxes_small": True,
        "legend_size": "govuk-fieldset__legend--s",
        "form_show_errors": True,
    }
    context |= options
    ours = get_template("gds/layout/checkboxes.html").template
    assert Path(ours.origin.name) != ORIGINAL  # ours is the one pages get
    original = Template(ORIGINAL.read_text())
    return normalised(ours.render(Context(context))), normalised(original.render(Context(context)))


class DividedForm(forms.Form):
    contact = forms.MultipleChoiceField(
        label="How can we contact you?",
        help_text="Tick all that apply.",
        widget=forms.CheckboxSelectMultiple,
        choices=[
            Choice("email", "Email", hint="We reply within a day"),
            Choice("post", "Post", divider="or"),
            (3, "3"),
        ],
    )


@pytest.mark.django_db
@pytest.mark.parametrize("query", [None, {"roles": ["deputy-manager", "no-such-role"], "show": ["differences"]}])
def test_the_compare_picker_renders_as_the_original_would(content, query):
    form = CompareForm(query, roles=picker_roles())
    if query:
        form.is_valid()
    for name in ("roles", "show"):
        ours, original = both(form[name], legend_tag="h2")
        assert ours == original
    ours, _ = both(form["roles"])
    assert ours.count('type="checkbox"') == Role.objects.count()
    assert 'id="id_roles_1" value="adult-care-worker" aria-describedby="id_roles_1_hint">' in ours
    assert ('value="deputy-manager" checked="checked"' in ours) == bool(query)


def test_hints_dividers_errors_and_numbers_render_as_the_original_would():
    for data in (None, {"contact": ["3", "post"]}, {"contact": []}):
        form = DividedForm(data)
        if data is not None:
            form.is_valid()
        ours, original = both(form["contact"])
        assert ours == original
    assert '<div class="govuk-checkboxes__divider">or</div>' in ours
    assert "This field is required." in ours
