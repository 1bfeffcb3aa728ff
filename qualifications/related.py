"""What other apps add to the qualification and standard pages, without this app knowing those apps.

An app registers a provider in its AppConfig.ready() (the roles app adds the roles that ask for a
qualification and the roles under a standard). A provider takes the page's object and returns plain data
for the page, in one query whatever the content's size.
"""

from collections.abc import Callable

QUALIFICATION, STANDARD = "qualification", "standard"
_providers: dict[str, list[Callable]] = {QUALIFICATION: [], STANDARD: []}


def register(page: str, provider: Callable) -> None:
    if provider not in _providers[page]:
        _providers[page].append(provider)


def sections(page: str, obj) -> list[dict]:
    """Each registered provider's section for `obj`: {"heading", "items": [{"title", "url", "detail"}], "empty"}."""
    return [provider(obj) for provider in _providers[page]]
