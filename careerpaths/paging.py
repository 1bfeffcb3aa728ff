"""Long lists in pages of a fixed size, with GOV.UK pagination links that keep the list's filters."""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.paginator import InvalidPage, Page, Paginator


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for the "…" between distant pages
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: Page
    links: list[PageLink]
    previous_url: str = ""
    next_url: str = ""


def page_of(items, number: str, *, per_page: int) -> Page | None:
    """Page `number` (as it came in the address) of `items`, or None when there is no such page."""
    try:
        return Paginator(items, per_page).page(number)
    except InvalidPage:
        return None


def page_url(path: str, query: dict, number: int) -> str:
    """The address of page `number` of the list at `path`: its filters in `query`, then the page (none for 1)."""
    params = {name: value for name, value in query.items() if value not in (None, "")}
    if number > 1:
        params["page"] = number
    return f"{path}?{urlencode(params)}" if params else path


def pagination(page: Page, path: str, query: dict) -> Pagination | None:
    """Links for a page of a list: the first, last, current and neighbouring pages, "…" for the rest."""
    last = page.paginator.num_pages
    if last == 1:
        return None
    shown = sorted({1, last, page.number - 1, page.number, page.number + 1} & set(range(1, last + 1)))
    links = []
    for number in shown:
        if links and number - links[-1].number > 1:
            links.append(PageLink(None))
        links.append(PageLink(number, page_url(path, query, number), number == page.number))
    return Pagination(
        page=page,
        links=links,
        previous_url=page_url(path, query, page.number - 1) if page.has_previous() else "",
        next_url=page_url(path, query, page.number + 1) if page.has_next() else "",
    )
