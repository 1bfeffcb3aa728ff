from crispy_forms_gds.layout import HTML
from django import forms

from careerpaths.forms import get_form_helper

from ..forms import RoleFilterForm, RolePairForm


class MapFilterForm(forms.Form):
    """The filters on /progression/, read from the query string: the same sector and setting as /roles/."""

    sector = RoleFilterForm.base_fields["sector"]
    setting = RoleFilterForm.base_fields["setting"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = get_form_helper(
            "sector", "setting", HTML('<button type="submit" class="govuk-button">Show the map</button>')
        )


class PathwayForm(RolePairForm):
    """The pathway picker: where you are and where you want to get to, as ?from=…&to=…"""

    # "from" is a Python keyword, so the fields are built in role_fields rather than declared on the class.
    pair = ("from", "to")
    button = "Show the route"
    action = "roles:pathway-picker"

    def role_fields(self, role_choices):
        choices = [("", "Choose a role"), *role_choices]

        def role_field(role: str) -> forms.ChoiceField:
            return forms.ChoiceField(
                label=f"The role {role}",
                choices=choices,
                error_messages={
                    "required": f"Choose the role {role}.",
                    "invalid_choice": f"Choose the role {role} from the list.",
                },
            )

        return {"from": role_field("you have now"), "to": role_field("you want to move to")}

    def same_role_error(self, slug):
        titles = {value: title for _, group in self.fields["to"].choices[1:] for value, title in group}
        return f"You chose {titles.get(slug, 'the same role')} twice: choose a different role to move to."
