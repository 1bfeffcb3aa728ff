"""Form pieces every app's forms share."""

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Layout


def get_form_helper(*layout, action: str = "", css_class: str = "") -> FormHelper:
    """A GET form laid out as given; novalidate so the GOV.UK error summary, not the browser, reports errors."""
    helper = FormHelper()
    helper.form_method = "get"
    helper.attrs = {"novalidate": ""}
    if action:
        helper.form_action = action
    if css_class:
        helper.form_class = css_class
    helper.layout = Layout(*layout)
    return helper
