"""Site-wide template context: the main navigation with the current section marked."""

from django.utils.functional import SimpleLazyObject

from .seo import SITE_NAME, canonical_url

NAVIGATION = [
    ("Roles", "/roles/"),
    ("Compare", "/compare/"),
    ("Progression", "/progression/"),
    ("Qualifications", "/qualifications/"),
]

# Pages that belong to a section without sharing its URL prefix.
SECTION_ALIASES = {"/standards/": "/qualifications/", "/pathway/": "/progression/"}


def navigation(request):
    path = getattr(request, "path", "") or ""
    section = next((target for prefix, target in SECTION_ALIASES.items() if path.startswith(prefix)), path)
    if path.startswith("/roles/") and path.endswith("/progression/"):
        section = "/progression/"
    return {
        "navigation": [{"label": label, "href": href, "active": section.startswith(href)} for label, href in NAVIGATION]
    }


def seo(request):
    """The page's canonical address, worked out only if the page uses it (error pages do not)."""
    return {"canonical_url": SimpleLazyObject(lambda: canonical_url(request)), "site_name": SITE_NAME}
