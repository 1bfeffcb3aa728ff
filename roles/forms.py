from crispy_forms_gds.layout import HTML
from django import forms
from django.urls import reverse

from careerpaths.forms import get_form_helper
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
        self.helper = get_form_helper(
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


class RolePairForm(forms.Form):
    """Two roles picked from the grouped list of roles, which must not be the same role.

    A subclass builds the two fields (`role_fields`, in `pair` order), says what is wrong when both are the
    same role (`same_role_error`, shown on the second field), and names its button and the page it submits to.
    """

    pair: tuple[str, str]
    button: str
    action: str  # the URL name the form submits to

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(self.role_fields(role_choices))
        self.helper = get_form_helper(
            *self.pair,
            HTML(f'<button type="submit" class="govuk-button">{self.button}</button>'),
            action=reverse(self.action),
        )

    def role_fields(self, role_choices) -> dict[str, forms.ChoiceField]:
        raise NotImplementedError

    def same_role_error(self, slug: str) -> str:
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        first, second = self.pair
        if cleaned.get(first) and cleaned.get(first) == cleaned.get(second):
            self.add_error(second, self.same_role_error(cleaned[second]))
        return cleaned
