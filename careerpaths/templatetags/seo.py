"""{% capture %} (one block's text used in several tags) and {% structured_data %} (the page's JSON-LD)."""

from django import template
from django.utils.safestring import mark_safe

from careerpaths.seo import json_ld, page_documents

register = template.Library()


class CaptureNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist  # Node.get_nodes_by_type looks here, so {% block %}s inside stay overridable
        self.name = name

    def render(self, context):
        # Whitespace collapsed: the text goes into attributes such as <meta content="...">.
        context[self.name] = mark_safe(" ".join(self.nodelist.render(context).split()))
        return ""


@register.tag
def capture(parser, token):
    """{% capture as name %}...{% endcapture %}: render once, keep the (already escaped) text as `name`."""
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Use {% capture as name %}...{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.simple_tag(takes_context=True)
def structured_data(context):
    """A JSON-LD block for each document the page has: its breadcrumbs, and its view's `structured_data`."""
    request = context.get("request")
    if request is None:
        return ""
    documents = page_documents(
        request, breadcrumbs=context.get("breadcrumbs"), structured_data=context.get("structured_data")
    )
    return mark_safe("\n".join(json_ld(document) for document in documents))
