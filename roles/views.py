import logging
import sys

from django.conf import settings
from django.core.exceptions import DisallowedHost, RequestDataTooBig, TooManyFieldsSent
from django.db import connection
from django.db.utils import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from careerpaths.paging import page_url
from careerpaths.text import shown
from qualifications.errors import ContentNotFound

from . import progression
from .comparison import compare_roles, picker_roles
from .forms import CompareForm, MapFilterForm, PathwayForm, RoleFilterForm
from .middleware import UnreadableRequest
from .selectors import home_page, role_directory, role_profile


def home(request):
    page = home_page()
    roles = [role for group in page["level_groups"] for role in group["roles"]]
    return render(request, "roles/home.html", {**page, "compare_form": CompareForm(roles=roles)})


def role_list(request):
    form = RoleFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "roles/role_list.html", {"form": form, **role_directory()}, status=400)
    filters = {name: value for name, value in (form.cleaned_data if request.GET else {}).items() if value}
    page = request.GET.get("page") or "1"  # an empty page number means the first page
    directory = role_directory(**filters, page=page)
    if directory is None:
        raise ContentNotFound(
            f"There is no page '{shown(page)}' of this list of roles.",
            suggestion_url=page_url(reverse("roles:list"), filters, 1),
            suggestion_text="Go to the first page",
        )
    return render(request, "roles/role_list.html", {"form": form, "filters": filters, **directory})


def role_detail(request, slug):
    profile = role_profile(slug=slug)
    if profile is None:
        raise ContentNotFound(
            f"We do not have a role called '{slug}'.", suggestion_url="/roles/", suggestion_text="See all roles"
        )
    compare_form = CompareForm(roles=picker_roles(), fixed_role=profile["role"])
    return render(request, "roles/role_detail.html", {**profile, "compare_form": compare_form})


@never_cache
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "unavailable", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def page_not_found(request, exception):
    """Our 404: says what was not found when we know, and where to go next."""
    context = {
        "message": getattr(exception, "message", ""),
        "suggestion_url": getattr(exception, "suggestion_url", ""),
        "suggestion_text": getattr(exception, "suggestion_text", ""),
    }
    return HttpResponseNotFound(loader.render_to_string("404.html", context, request))


def compare(request):
    """/compare/?roles=a&roles=b[&show=differences]: the picker alone, the comparison, or 400 saying why."""
    asked = "roles" in request.GET or "show" in request.GET
    form = CompareForm(request.GET if asked else None, roles=picker_roles())
    if not asked:
        return render(request, "roles/compare.html", {"form": form})
    comparison = None
    if form.is_valid():
        comparison = compare_roles(slugs=form.cleaned_data["roles"], only_differences=form.cleaned_data["show"])
        if comparison is None:  # a role was removed while the page was being built
            form.add_error("roles", "One of those roles has just been removed: choose again.")
    if comparison is None:
        return render(request, "roles/compare.html", {"form": form}, status=400)
    context = {
        "form": form,
        "comparison": comparison,
        "printed_from": request.build_absolute_uri(),
        "printed_on": timezone.localdate(),
    }
    return render(request, "roles/compare.html", context)


def progression_map(request):
    form = MapFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        page = progression.progression_map()
        return render(request, "roles/progression_map.html", {"form": form, **page}, status=400)
    filters = form.cleaned_data if request.GET else {}
    context = {"form": form, "filtered": any(filters.values()), **progression.progression_map(**filters)}
    return render(request, "roles/progression_map.html", context)


def role_progression(request, slug):
    page = progression.role_progression(slug=slug)
    if page is None:
        raise ContentNotFound(
            f"We do not have a role called '{slug}'.", suggestion_url="/progression/", suggestion_text="See the map"
        )
    return render(request, "roles/role_progression.html", page)


def pathway_picker(request):
    form = PathwayForm(request.GET or None, role_choices=progression.role_choices())
    if not request.GET:
        return render(request, "roles/pathway_picker.html", {"form": form})
    if not form.is_valid():
        return render(request, "roles/pathway_picker.html", {"form": form}, status=400)
    return redirect(progression.pathway_url(form.cleaned_data["from"], form.cleaned_data["to"]))


def pathway(request, from_slug, to_slug):
    page = progression.pathway_page(from_slug=from_slug, to_slug=to_slug)
    if page["unknown"]:
        names = " or ".join(f"'{slug}'" for slug in page["unknown"])
        raise ContentNotFound(
            f"We do not have a role called {names}.",
            suggestion_url=reverse("roles:pathway-picker"),
            suggestion_text="Choose two roles from the list",
        )
    if from_slug == to_slug:
        form = PathwayForm({"from": from_slug, "to": to_slug}, role_choices=progression.role_choices())
        form.is_valid()
        return render(request, "roles/pathway_picker.html", {"form": form}, status=400)
    printed = {"printed_from": request.build_absolute_uri(), "printed_on": timezone.localdate()}
    return render(request, "roles/pathway.html", {**page, **printed})


logger = logging.getLogger(__name__)

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
