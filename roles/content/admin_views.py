"""The admin's publishing pages: "Changes to publish" with its download and write, and "Needs review".

Thin views inside the admin's own sign-in and look: the work is in changes.py, publishing.py and review.py.
"""

from functools import wraps
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from ..models import Publication
from . import publishing
from .access import can_publish, can_see_content
from .changes import PublishError, current_changes
from .review import needs_review


class WriteForm(forms.Form):
    fingerprint = forms.CharField(widget=forms.HiddenInput, max_length=64)


def content_admin_view(view):
    """The admin's sign-in (anonymous visitors go to its login page), then view permission on the content."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if not can_see_content(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return admin.site.admin_view(checked)


def fixtures_dir() -> Path:
    return Path(settings.CONTENT_FIXTURES_DIR)


def page(request, template: str, title: str, status: int = 200, **context) -> HttpResponse:
    context = {**admin.site.each_context(request), "title": title, **context}
    return render(request, f"admin/content/{template}", context, status=status)


def problem(request, error: PublishError) -> HttpResponse:
    return page(request, "problem.html", "Changes cannot be shown", status=error.status, message=error.message)


@content_admin_view
@require_GET
def changes(request):
    try:
        found = current_changes(fixtures_dir())
    except PublishError as error:
        return problem(request, error)
    return page(
        request,
        "changes.html",
        "Changes to publish",
        changes=found,
        can_publish=can_publish(request.user),
        writable=settings.CONTENT_FIXTURES_WRITABLE,
    )


def publishing_view(nothing_to: str, *, writes: bool = False):
    """Download and write: for publishers, given the current changes; none, and it is back to the changes page.

    `writes`: the view writes to the fixtures folder, a 404 unless the site switches that on.
    """

    def decorate(view):
        @wraps(view)
        def with_changes(request):
            if writes and not settings.CONTENT_FIXTURES_WRITABLE:
                raise Http404("Writing to the fixtures folder is not switched on for this site.")
            if not can_publish(request.user):
                raise PermissionDenied
            try:
                found = current_changes(fixtures_dir())
            except PublishError as error:
                return problem(request, error)
            if found.empty:
                messages.info(request, f"Nothing differs from the fixture files, so there is nothing to {nothing_to}.")
                return redirect("admin-content:changes")
            return view(request, found)

        return with_changes

    return decorate


@content_admin_view
@require_GET
@publishing_view("download")
def download(request, found):
    data = publishing.build_zip(found)
    publishing.record(request.user, Publication.Action.DOWNLOAD, found)
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{publishing.zip_name()}"'
    return response


@content_admin_view
@require_http_methods(["GET", "POST"])
@publishing_view("write", writes=True)
def write(request, found):
    form = WriteForm(request.POST or None, initial={"fingerprint": found.fingerprint})
    stale = form.is_bound and (not form.is_valid() or form.cleaned_data["fingerprint"] != found.fingerprint)
    if form.is_bound and not stale:
        written = publishing.write_files(found.directory, found.files)
        publishing.record(request.user, Publication.Action.WRITE, found)
        messages.success(request, f"Wrote {len(written)} fixture files: {', '.join(written)}.")
        return redirect("admin-content:changes")
    form = WriteForm(initial={"fingerprint": found.fingerprint})
    return page(
        request,
        "write.html",
        "Write to fixtures",
        status=409 if stale else 200,
        changes=found,
        form=form,
        stale=stale,
        cancel_url=reverse("admin-content:changes"),
    )


@content_admin_view
@require_GET
def review(request):
    return page(request, "review.html", "Needs review", items=needs_review())
