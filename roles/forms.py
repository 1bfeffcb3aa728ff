from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Layout
from django import forms
from django.urls import reverse_lazy

from qualifications.models import LEVEL_MAX, LEVEL_MIN

from .models import Sector, Setting

LEVEL_CHOICES = [("", "Any level")] + [(str(n), f"Level {n}") for n in range(LEVEL_MIN, LEVEL_MAX + 1)]


class RoleFilterForm(forms.Form):
    """The filters on /roles/, read from the query string."""

    keyword = forms.CharField(
        label="Search roles",
        required=False,
        max_length=100,
        help_text="For example 'manager' or 'mental health'.",
        error_messages={"max_length": "Search for 100 characters or fewer."},
    )
    level = forms.TypedChoiceField(
        label="Level",
        choices=LEVEL_CHOICES,
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a level from 1 to 8, or any level."},
    )
    sector = forms.ChoiceField(
        label="Sector",
        choices=[("", "Any sector"), *Sector.choices],
        required=False,
        error_messages={"invalid_choice": "Choose adult social care, social work or any sector."},
    )
    setting = forms.ChoiceField(
        label="Setting",
        choices=[("", "Any setting"), *Setting.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a setting from the list, or any setting."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "keyword",
            "level",
            "sector",
            "setting",
            HTML('<button type="submit" class="govuk-button">Show roles</button>'),
        )
        self.fields["keyword"].widget.attrs["class"] = "govuk-input"

    def clean_keyword(self):
        keyword = self.cleaned_data["keyword"].strip()
        if "\x00" in keyword:
            raise forms.ValidationError("Search words cannot contain control characters.")
        return keyword


class MapFilterForm(forms.Form):
    """The filters on /progression/, read from the query string: the same sector and setting as /roles/."""

    sector = RoleFilterForm.base_fields["sector"]
    setting = RoleFilterForm.base_fields["setting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "sector", "setting", HTML('<button type="submit" class="govuk-button">Show the map</button>')
        )


class PathwayForm(forms.Form):
    """The pathway picker: where you are and where you want to get to, as ?from=…&to=…"""

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a role"), *role_choices]
        # "from" is a Python keyword, so the fields are added here rather than declared on the class.
        self.fields["from"] = forms.ChoiceField(
            label="The role you have now",
            choices=choices,
            error_messages={
                "required": "Choose the role you have now.",
                "invalid_choice": "Choose the role you have now from the list.",
            },
        )
        self.fields["to"] = forms.ChoiceField(
            label="The role you want to move to",
            choices=choices,
            error_messages={
                "required": "Choose the role you want to move to.",
                "invalid_choice": "Choose the role you want to move to from the list.",
            },
        )
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse_lazy("roles:pathway-picker")
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "from", "to", HTML('<button type="submit" class="govuk-button">Show the route</button>')
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from") and cleaned.get("from") == cleaned.get("to"):
            titles = {slug: title for _, group in self.fields["to"].choices[1:] for slug, title in group}
            self.add_error(
                "to",
                f"You chose {titles.get(cleaned['to'], 'the same role')} twice: choose a different role to move to.",
            )
        return cleaned
