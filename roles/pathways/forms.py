from crispy_forms_gds.layout import HTML
from django import forms
from django.urls import reverse_lazy

from careerpaths.forms import get_form_helper

from ..forms import RoleFilterForm


class MapFilterForm(forms.Form):
    """The filters on /progression/, read from the query string: the same sector and setting as /roles/."""

    sector = RoleFilterForm.base_fields["sector"]
    setting = RoleFilterForm.base_fields["setting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(
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
        self.helper = get_form_helper(
            "from",
            "to",
            HTML('<button type="submit" class="govuk-button">Show the route</button>'),
            action=reverse_lazy("roles:pathway-picker"),
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
