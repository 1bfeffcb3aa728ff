"""Breadcrumbs: one trail per page, given by its view or selector.

templates/includes/_breadcrumbs.html shows the trail and the same object becomes the page's schema.org
BreadcrumbList, so what people see and what search engines read cannot disagree.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from django.urls import reverse


class Crumb(NamedTuple):
    """A link in the trail: the (label, url) pair a view passes to breadcrumbs(), with names."""

    label: str
    url: str


@dataclass(frozen=True)
class Breadcrumbs:
    """The links above the page (Home first) and the page itself.

    GOV.UK trails do not link the current page; the BreadcrumbList ends with it, at its canonical address.
    """

    trail: tuple[Crumb, ...]
    current: str


def breadcrumbs(*trail: tuple[str, str], current: str) -> Breadcrumbs:
    """E.g. breadcrumbs(("Roles", "/roles/"), current="Deputy manager"): Home is always first."""
    crumbs = (("Home", reverse("home")), *trail)
    return Breadcrumbs(tuple(Crumb(*crumb) for crumb in crumbs), current)


def breadcrumb_list(crumbs: Breadcrumbs, *, page_url: str, absolute: Callable[[str], str]) -> dict:
    """The schema.org BreadcrumbList of a trail; `absolute` turns a path into a full URL."""
    items = [*((crumb.label, absolute(crumb.url)) for crumb in crumbs.trail), (crumbs.current, page_url)]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": url}
            for position, (name, url) in enumerate(items, start=1)
        ],
    }
