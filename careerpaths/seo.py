"""What search engines and link previews read about a page: its canonical address and its JSON-LD.

The canonical address is the page's own URL with only the query parameters that change what it shows,
named here per URL name, in ONE place. Everything else (tracking tags, `show=differences`, page 1) is
dropped. Repeated parameters keep their order: /compare/?roles=a&roles=b compares a with b, in that order.
"""

import json
from urllib.parse import urlencode

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from .breadcrumbs import Breadcrumbs, breadcrumb_list

SITE_NAME = "Care Career Paths"

# The query parameters that make a different page, by URL name; every other page's canonical has none.
CANONICAL_PARAMS = {
    "roles:list": ("keyword", "level", "sector", "setting", "page"),
    "roles:compare": ("roles",),
    "roles:progression": ("sector", "setting"),
    "qualifications:list": ("page",),
    "roles:skills-checklist": ("target", "current"),
    "roles:skills-result": ("target", "current", "have"),
    "roles:skills-plan": ("target", "current", "have"),
}


def canonical_url(request) -> str:
    """The page's absolute address with only its meaningful parameters (page 1 is the page itself)."""
    match = request.resolver_match
    kept = CANONICAL_PARAMS.get(match.view_name, ()) if match else ()
    query = [
        (name, value)
        for name in kept
        for value in request.GET.getlist(name)
        if value and not (name == "page" and value == "1")
    ]
    return request.build_absolute_uri(request.path) + (f"?{urlencode(query, safe=',')}" if query else "")


# As django.utils.html.json_script: no "</script>" or "<!--" can end the block early.
JSON_LD_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def json_ld(document: dict) -> SafeString:
    """One JSON-LD data block. A data block is not a script, so the Content-Security-Policy allows it."""
    text = json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False).translate(JSON_LD_ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def page_documents(request, *, breadcrumbs: Breadcrumbs | None, structured_data) -> list[dict]:
    """The page's JSON-LD: its BreadcrumbList (from the trail it shows) and what its view describes."""
    documents = []
    if breadcrumbs is not None:
        documents.append(
            breadcrumb_list(breadcrumbs, page_url=canonical_url(request), absolute=request.build_absolute_uri)
        )
    if isinstance(structured_data, dict):
        structured_data = [structured_data]
    return documents + list(structured_data or [])
