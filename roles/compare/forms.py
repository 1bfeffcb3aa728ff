import re

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.layout import HTML, Div, Field
from django import forms
from django.urls import reverse
from django.utils.html import format_html

from careerpaths.forms import get_form_helper
from careerpaths.text import shown

from .rows import MAX_ROLES, MIN_ROLES

ROLE_SLUG = re.compile(r"[-a-z0-9_]{1,100}")
SHOW_DIFFERENCES = "differences"


class QueryValuesField(forms.MultipleChoiceField):
    """Ticked values from the query string, checked by the form's clean_<field> so it can say what is wrong."""

    def validate(self, value):
        pass


class CompareForm(forms.Form):
    """The compare picker: a GET form that builds /compare/?roles=a&roles=b, used on several pages.

    `roles` are the roles to offer (slug, title, level, sector), loaded by the caller. On a role's own
    page that role is fixed: it goes first as a hidden value and the checkboxes offer the others.
    """

    roles = QueryValuesField(
        label="Choose 2 to 4 roles to compare",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick the roles you want to see side by side.",
    )
    show = QueryValuesField(
        label="What to show",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(SHOW_DIFFERENCES, "Show only the rows where the roles differ")],
    )

    def __init__(self, *args, roles=(), fixed_role=None, **kwargs):
        super().__init__(*args, **kwargs)
        roles = list(roles)
        self.known_slugs = {role.slug for role in roles}
        self.fields["roles"].choices = [
            Choice(role.slug, role.title, hint=f"Level {role.level} · {role.get_sector_display()}")
            for role in roles
            if fixed_role is None or role.slug != fixed_role.slug
        ]
        fixed, legend = HTML(""), {"legend_size": "s"}
        if fixed_role is not None:
            legend = {"legend_size": "m", "legend_tag": "h2"}
            self.fields["roles"].label = f"Compare {fixed_role.title} with…"
            self.fields["roles"].help_text = f"Choose 1 to {MAX_ROLES - 1} other roles."
            fixed = HTML(format_html('<input type="hidden" name="roles" value="{}">', fixed_role.slug))
        self.helper = get_form_helper(
            fixed,
            # The error summary links to #id_<field>; the checkboxes themselves are numbered id_<field>_1…
            Div(Field.checkboxes("roles", small=True, **legend), css_id="id_roles"),
            Div(Field.checkboxes("show", legend_size="s", small=True), css_id="id_show"),
            HTML('<button type="submit" class="govuk-button" data-module="govuk-button">Compare roles</button>'),
            action=reverse("roles:compare"),
            css_class="ccp-compare-picker",
        )

    def clean_roles(self):
        """The chosen slugs in the order given, duplicates dropped; every problem named in plain English."""
        values = [value.strip().lower() for value in self.cleaned_data["roles"]]
        unique = list(dict.fromkeys(value for value in values if value))
        errors = []
        if unique and "" in values:
            errors.append("The web address has an empty role in it: choose roles from the list.")
        for value in unique[: MAX_ROLES + 1]:
            if not ROLE_SLUG.fullmatch(value):
                errors.append(f"'{shown(value)}' is not a role name: role names use only letters, numbers and hyphens.")
            elif value not in self.known_slugs:
                errors.append(f"We do not have a role called '{shown(value)}'.")
        if len(unique) < MIN_ROLES:
            chose = f" You chose {len(unique)}." if unique else ""
            errors.append(f"Choose at least {MIN_ROLES} roles to compare.{chose}")
        elif len(unique) > MAX_ROLES:
            errors.append(f"Choose no more than {MAX_ROLES} roles to compare. You chose {len(unique)}.")
        if errors:
            raise forms.ValidationError(errors)
        return unique

    def clean_show(self):
        unknown = [value for value in self.cleaned_data["show"] if value != SHOW_DIFFERENCES]
        if unknown:
            raise forms.ValidationError(
                f"We cannot show '{shown(unknown[0])}': tick 'Show only the rows where the roles differ', "
                "or leave it unticked to see every row."
            )
        return SHOW_DIFFERENCES in self.cleaned_data["show"]
