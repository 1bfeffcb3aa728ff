from django.http import Http404


class ContentNotFound(Http404):
    """A 404 whose message is safe and helpful to show the user, e.g. "We do not have a role called 'x'"."""

    def __init__(self, message: str, *, suggestion_url: str = "", suggestion_text: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion_url = suggestion_url
        self.suggestion_text = suggestion_text
