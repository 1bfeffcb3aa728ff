"""The site's own pages: error pages for every app, /healthz, and the benchmark's yardstick."""

import logging
import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.template import loader
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .middleware import UnreadableRequest

logger = logging.getLogger(__name__)

# Each error page's heading, which is also its title (templates/includes/error_base.html).
HEADINGS = {
    400: "Sorry, we could not understand that request",
    403: "You cannot see this page",
    404: "Page not found",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is temporarily unavailable",
}


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_safe
def robots_txt(request):
    """Crawlers may read every public page, not the admin; the sitemap index lists them all."""
    lines = [
        "User-agent: *",
        "Allow: /",
        "Disallow: /admin/",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def page_not_found(request, exception):
    """Our 404: says what was not found when we know, and where to go next."""
    context = {
        "message": getattr(exception, "message", ""),
        "suggestion_url": getattr(exception, "suggestion_url", ""),
        "suggestion_text": getattr(exception, "suggestion_text", ""),
        "heading": HEADINGS[404],
    }
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


# What a 400 page says for each kind of bad request; never the exception's own text.
BAD_REQUEST_MESSAGES = [
    (
        TooManyFieldsSent,
        "The web address or form had more parts than we accept ({limit}). Remove some and try again.",
    ),
    (RequestDataTooBig, "What you sent was larger than we accept. Send less at a time and try again."),
    (UnreadableRequest, "The web address contains a character we cannot read. Check it and try again."),
    (DisallowedHost, "This site does not answer to that address."),
]


def error_page(request, template_name: str, status: int, **context) -> HttpResponse:
    """Our page for an error, or a plain line if even that cannot be drawn."""
    try:
        context = {"heading": HEADINGS[status], **context}
        return HttpResponse(loader.render_to_string(template_name, context, request), status=status)
    except Exception:
        logger.exception("The %s page could not be rendered", status)
        return HttpResponse(
            f"Sorry, something went wrong ({status}).", status=status, content_type="text/plain; charset=utf-8"
        )


def bad_request(request, exception):
    default = "Something in the web address or form was not in a form we can use."
    message = next((text for kind, text in BAD_REQUEST_MESSAGES if isinstance(exception, kind)), default)
    return error_page(request, "400.html", 400, message=message.format(limit=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS))


def permission_denied(request, exception):
    return error_page(request, "403.html", 403)


def csrf_failure(request, reason=""):
    message = "The form had expired, or came from another site. Go back, reload the page and try again."
    return error_page(request, "403.html", 403, message=message)


def service_unavailable(request):
    response = error_page(request, "503.html", 503)
    response["Retry-After"] = "30"
    return response


def server_error(request):
    """A lost database is an outage (503, try again soon), not a fault in the page (500)."""
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        return service_unavailable(request)
    return error_page(request, "500.html", 500)


def bench_baseline(request):
    """The benchmark's yardstick: a constant answer through the same middleware, no database."""
    return HttpResponse(b"ok\n", content_type="text/plain")
