"""The open data page and its downloads: ordinary, deterministic GET responses that caches can keep."""

import hashlib

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import get_conditional_response
from django.utils.http import quote_etag
from django.views.decorators.http import require_safe

from careerpaths.breadcrumbs import breadcrumbs
from careerpaths.errors import found

from . import datapackage
from .files import CONTENT_TYPES, data_page, download
from .spec import DATASETS


@require_safe
def data(request):
    return render(request, "roles/opendata/data.html", {**data_page(), "breadcrumbs": breadcrumbs(current="Open data")})


@require_safe
def data_download(request, dataset, fmt):
    spec = found(
        DATASETS.get(dataset),
        f"We do not have a data set called '{dataset}'.",
        reverse("roles:data"),
        "See the data sets you can download",
    )
    body = download(spec, fmt, site=request.build_absolute_uri("/"))
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{spec.filename(fmt)}"'
    return deterministic(request, response)


@require_safe
def data_package(request):
    """The Frictionless Data Package describing the CSV downloads (not an attachment: tools read it in place)."""
    body = datapackage.as_json(site=request.build_absolute_uri("/"))
    return deterministic(request, HttpResponse(body, content_type=CONTENT_TYPES["json"]))


def deterministic(request, response):
    """The body is the same for the same content, so its hash is a strong validator."""
    response["ETag"] = quote_etag(hashlib.sha256(response.content).hexdigest())
    return get_conditional_response(request, etag=response["ETag"], response=response)
