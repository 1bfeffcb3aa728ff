"""KSB list items built in one pass: pages list up to a few hundred, and a template loop costs several times more."""

from django import template
from django.utils.html import format_html_join

register = template.Library()

ITEM = '<li><span class="ccp-ksb-code">{}</span> {}</li>'


@register.filter
def ksb_items(ksbs):
    """`<li>` items for a list of KSBs (or comparison lines): the code, then the statement word for word."""
    return format_html_join("", ITEM, ((ksb.code, ksb.statement) for ksb in ksbs))


@register.filter
def shared_ksb_items(lines):
    """`<li>` items for shared comparison lines, each saying which roles share it and by which rule."""
    return format_html_join(
        "",
        '<li><span class="ccp-ksb-code">{}</span> {} <span class="ccp-source">Shared with {}.</span></li>',
        (
            (
                line.code,
                line.statement,
                format_html_join("; ", "{} ({})", ((m.role_title, m.rule) for m in line.matches)),
            )
            for line in lines
        ),
    )
