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


@register.simple_block_tag
def scroll_table(content, label, caption_class="govuk-table__caption--s"):
    """A GOV.UK table in a region that scrolls sideways on a narrow screen (focusable, so keyboards can scroll it),
    captioned with its label; the block holds its head and body."""
    return format_html(
        '<div class="ccp-table-scroll" role="region" aria-label="{}" tabindex="0">\n'
        '<table class="govuk-table ccp-data-table">\n'
        '  <caption class="govuk-table__caption {}">{}</caption>{}</table>\n</div>',
        label,
        caption_class,
        label,
        content,
    )
