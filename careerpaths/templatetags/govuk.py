"""{% summary_row %}: one row of a GOV.UK summary list, its key and the value written between the tags."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.simple_block_tag
def summary_row(content, key, row_id=""):
    """<div class="govuk-summary-list__row"> with the key in <dt> and the block's markup in <dd>."""
    anchor = format_html(' id="{}"', row_id) if row_id else ""
    return format_html(
        '<div class="govuk-summary-list__row"{}><dt class="govuk-summary-list__key">{}</dt>'
        '<dd class="govuk-summary-list__value">{}</dd></div>',
        anchor,
        key,
        content,
    )
