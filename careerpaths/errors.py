from django.http import Http404

from .text import shown


class ContentNotFound(Http404):
    """A 404 whose message is safe and helpful to show the user, e.g. "We do not have a role called 'x'"."""

    def __init__(self, message: str, *, suggestion_url: str = "", suggestion_text: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion_url = suggestion_url
        self.suggestion_text = suggestion_text


def found(value, message: str, suggestion_url: str, suggestion_text: str):
    """`value` when there is one; when it is None, the ContentNotFound 404 with this message and suggestion."""
    if value is None:
        raise ContentNotFound(message, suggestion_url=suggestion_url, suggestion_text=suggestion_text)
    return value


def page_found(value, page: str, listing: str, first_page_url: str):
    """`value`, the page of a paged list; None, a page past its end, is a 404 that points at the first page."""
    return found(value, f"There is no page '{shown(page)}' of {listing}.", first_page_url, "Go to the first page")
