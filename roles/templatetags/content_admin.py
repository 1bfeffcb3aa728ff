"""The publishing pages' entry on the admin index, for staff who may see the content."""

from django import template

from roles.content.access import can_see_content

register = template.Library()


@register.inclusion_tag("admin/content/_index_module.html", takes_context=True)
def content_publishing_module(context):
    return {"show": can_see_content(context["request"].user)}
