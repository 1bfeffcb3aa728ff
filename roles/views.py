from django.db import connection
from django.db.utils import DatabaseError
from django.http import HttpResponse, HttpResponseNotFound, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from qualifications.errors import ContentNotFound

from .forms import RoleFilterForm
from .selectors import home_page, role_directory, role_profile


def home(request):
    return render(request, "roles/home.html", home_page())


def role_list(request):
    form = RoleFilterForm(request.GET or None)
    if request.GET and not form.is_valid():
        return render(request, "roles/role_list.html", {"form": form, **role_directory()}, status=400)
    filters = form.cleaned_data if request.GET else {}
    return render(request, "roles/role_list.html", {"form": form, "filters": filters, **role_directory(**filters)})


def role_detail(request, slug):
    profile = role_profile(slug=slug)
    if profile is None:
        raise ContentNotFound(
            f"We do not have a role called '{slug}'.", suggestion_url="/roles/", suggestion_text="See all roles"
        )
    return render(request, "roles/role_detail.html", profile)


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


def bench_baseline(request):
    """The benchmark's yardstick: a constant answer through the same middleware, no database."""
    return HttpResponse(b"ok\n", content_type="text/plain")
