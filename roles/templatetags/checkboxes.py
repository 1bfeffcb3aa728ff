"""Filters for our copy of crispy-forms-gds's checkboxes template (templates/gds/layout/checkboxes.html)."""

from django import template

register = template.Library()


@register.filter
def checkbox_items(field):
    """Each box of a checkboxes field as (id, value, label, hint, divider, checked), every lookup done once.

    The template engine pays for each attribute it looks up, and more for each one a choice lacks (a hint or a
    divider); on the compare picker that was most of the page's rendering time.
    """
    value = field.value()
    chosen = {str(item) for item in ([value] if isinstance(value, str) else value or [])}
    return [
        (
            f"id_{field.html_name}_{number}",
            str(choice[0]),
            choice[1],
            getattr(choice, "hint", ""),
            getattr(choice, "divider", ""),
            str(choice[0]) in chosen,
        )
        for number, choice in enumerate(field.field.choices, start=1)
    ]
