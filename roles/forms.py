import re

from crispy_forms_gds.choices import Choice
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import HTML, Div, Field, Layout, Size
from django import forms
from django.urls import reverse, reverse_lazy
from django.utils.html import format_html

from careerpaths.text import shown
from qualifications.models import LEVEL_MAX, LEVEL_MIN

from .comparison import MAX_ROLES, MIN_ROLES
from .models import Sector, Setting
from .skills import premark_hint

LEVEL_CHOICES = [("", "Any level")] + [(str(n), f"Level {n}") for n in range(LEVEL_MIN, LEVEL_MAX + 1)]


def get_form_helper(*layout) -> FormHelper:
    """A GET form laid out as given; novalidate so the GOV.UK error summary, not the browser, reports errors."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.attrs = {"novalidate": ""}
    helper.layout = Layout(*layout)
    return helper


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
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("roles:compare")
        self.helper.form_class = "ccp-compare-picker"
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            fixed,
            # The error summary links to #id_<field>; the checkboxes themselves are numbered id_<field>_1…
            Div(Field.checkboxes("roles", small=True, **legend), css_id="id_roles"),
            Div(Field.checkboxes("show", legend_size="s", small=True), css_id="id_show"),
            HTML('<button type="submit" class="govuk-button" data-module="govuk-button">Compare roles</button>'),
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
            "from", "to", HTML('<button type="submit" class="govuk-button">Show the route</button>')
        )
        self.helper.form_action = reverse_lazy("roles:pathway-picker")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("from") and cleaned.get("from") == cleaned.get("to"):
            titles = {slug: title for _, group in self.fields["to"].choices[1:] for slug, title in group}
            self.add_error(
                "to",
                f"You chose {titles.get(cleaned['to'], 'the same role')} twice: choose a different role to move to.",
            )
        return cleaned


class SkillsRolesForm(forms.Form):
    """Step 1 of the skills check: the role you want and, if you like, the role you have now."""

    target = forms.ChoiceField(
        label="The role you want",
        error_messages={
            "required": "Choose the role you want",
            "invalid_choice": "Choose the role you want from the list",
        },
    )
    current = forms.ChoiceField(
        label="The role you have now (optional)",
        required=False,
        help_text="We use it to tick what you probably have already, for you to check, and to show your route.",
        error_messages={"invalid_choice": "Choose the role you have now from the list, or leave it empty"},
    )

    def __init__(self, *args, role_choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "Choose a role"), *role_choices]
        self.fields["current"].choices = [("", "None of these, or skip"), *role_choices]
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("roles:skills-checklist")
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            "target",
            "current",
            HTML('<button type="submit" class="govuk-button">Continue</button>'),
        )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target") and cleaned.get("target") == cleaned.get("current"):
            self.add_error("current", "Choose a role you have now that is different from the one you want")
        return cleaned


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
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.form_action = reverse("roles:skills-result")
        self.helper.attrs = {"novalidate": ""}
        self.helper.layout = Layout(
            *layout,
            "target",
            *(["current"] if current is not None else []),
            HTML('<button type="submit" class="govuk-button">See your results</button>'),
        )


def checklist_label(item) -> str:
    """The checkbox label: the code, then the statement word for word (or the responsibility or qualification)."""
    text = f"{item.text} ({item.note.lower()})" if item.note else item.text
    return format_html('<span class="ccp-ksb-code">{}</span> {}', item.code, text)
