from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Field, Size
from django import forms
from django.urls import reverse
from django.utils.html import format_html

from careerpaths.forms import get_form_helper

from ..forms import RolePairForm
from .checklist import premark_hint


class SkillsRolesForm(RolePairForm):
    """Step 1 of the skills check: the role you want and, if you like, the role you have now."""

    pair = ("target", "current")
    button = "Continue"
    action = "roles:skills-checklist"

    def role_fields(self, role_choices):
        return {
            "target": forms.ChoiceField(
                label="The role you want",
                choices=[("", "Choose a role"), *role_choices],
                error_messages={
                    "required": "Choose the role you want",
                    "invalid_choice": "Choose the role you want from the list",
                },
            ),
            "current": forms.ChoiceField(
                label="The role you have now (optional)",
                choices=[("", "None of these, or skip"), *role_choices],
                required=False,
                help_text="We use it to tick what you probably have already, for you to check, and to show your route.",
                error_messages={"invalid_choice": "Choose the role you have now from the list, or leave it empty"},
            ),
        }

    def same_role_error(self, slug):
        return "Choose a role you have now that is different from the one you want"


class SkillsChecklistForm(forms.Form):
    """Step 2: one group of checkboxes per kind (knowledge, skills, behaviours; or responsibilities and
    qualifications), ticked from the URL or from what the current role suggests. It submits to the result,
    which turns the boxes into the compact `have` list."""

    def __init__(self, *args, page, **kwargs):
        super().__init__(*args, **kwargs)
        target, current, marks = page["target"], page["current"], page["premarks"]
        layout = []
        for group in page["groups"]:
            name = group["kind"].lower()
            self.fields[name] = forms.MultipleChoiceField(
                label=group["label"],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[
                    Choice(item.code, checklist_label(item), hint=premark_hint(item, marks.get(item.code), current))
                    for item in group["items"]
                ],
                initial=[item.code for item in group["items"] if item.code in page["ticked"]],
            )
            layout.append(Field.checkboxes(name, legend_size=Size.MEDIUM, legend_tag="h2", small=True))
        self.fields["target"] = forms.CharField(widget=forms.HiddenInput, initial=target.slug)
        if current is not None:
            self.fields["current"] = forms.CharField(widget=forms.HiddenInput, initial=current.slug)
        self.helper = get_form_helper(
            *layout,
            "target",
            *(["current"] if current is not None else []),
            HTML('<button type="submit" class="govuk-button">See your results</button>'),
            action=reverse("roles:skills-result"),
        )


def checklist_label(item) -> str:
    """The checkbox label: the code, then the statement word for word (or the responsibility or qualification)."""
    text = f"{item.text} ({item.note.lower()})" if item.note else item.text
    return format_html('<span class="ccp-ksb-code">{}</span> {}', item.code, text)
