"""Whole-page caching and conditional GET for anonymous visitors, never stale.

A cached page and its ETag are keyed by:
- the content version (read by settings.PAGE_CACHE_VERSION), which every content change replaces;
- today's date in Europe/London, because pages print "Printed from <URL> on <date>";
- the release (a hash of our code and templates), so a deploy never serves pages rendered by old code;
- the full URL (scheme, host, path and the query string in a canonical order).

The middleware answers only anonymous GET and HEAD requests: a request carrying a session cookie (a
signed-in editor, or anyone the site has given a session) always gets a freshly rendered page, and so
does everything under PAGE_CACHE_SKIP_PREFIXES (the admin, /healthz). Only complete 200 responses that
set no cookie, are not private and do not use a CSP nonce are stored.
"""

import hashlib
import logging
from datetime import datetime, time
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils import timezone
from django.utils.autoreload import file_changed
from django.utils.cache import get_conditional_response, patch_vary_headers
from django.utils.http import http_date
from django.utils.module_loading import import_string

# What makes a page: our apps' code and every template. Static files do not change the HTML.
RELEASE_SOURCES = ["careerpaths/**/*.py", "roles/**/*.py", "qualifications/**/*.py", "templates/**/*.html"]
COOKIES_THAT_PERSONALISE = {settings.SESSION_COOKIE_NAME, "messages"}
logger = logging.getLogger(__name__)


def content_version():
    """The content's version token and when it changed, from the reader the settings name (the site knows no app)."""
    return import_string(settings.PAGE_CACHE_VERSION)()


@lru_cache(maxsize=1)
def release() -> tuple[str, float]:
    """A short hash of the code and templates this process runs, and when they last changed.

    Set APP_RELEASE (e.g. the git commit) to skip the hashing; computed once per process otherwise.
    """
    files = sorted(path for pattern in RELEASE_SOURCES for path in Path(settings.BASE_DIR).glob(pattern))
    newest = max((path.stat().st_mtime for path in files), default=0.0)
    if settings.APP_RELEASE:
        return settings.APP_RELEASE, newest
    digest = hashlib.sha256()
    for path in files:
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12], newest


@receiver(file_changed, dispatch_uid="page_cache_forget_release")
def forget_release(sender, file_path, **kwargs):
    """Under runserver a template edit reloads no process: hash the code again so no page goes stale."""
    release.cache_clear()


def canonical_url(request) -> str:
    """Scheme, host, path and query string, with parameters sorted by name (values keep their order)."""
    query = urlencode(sorted(request.GET.lists()), doseq=True)
    return f"{request.scheme}://{request.get_host()}{request.path}" + (f"?{query}" if query else "")


def applies_to(request) -> bool:
    return (
        settings.PAGE_CACHE_ENABLED
        and request.method in ("GET", "HEAD")
        and not request.path.startswith(tuple(settings.PAGE_CACHE_SKIP_PREFIXES))
        and not COOKIES_THAT_PERSONALISE.intersection(request.COOKIES)
    )


def storable(request, response) -> bool:
    cache_control = response.get("Cache-Control", "")
    vary = {part.strip().lower() for part in response.get("Vary", "").split(",") if part.strip()}
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and "private" not in cache_control
        and "no-store" not in cache_control
        and vary <= {"cookie"}
        # A nonce must be new on every response: a page that uses one cannot be replayed.
        and getattr(request, "_csp_nonce", None) is None
    )


class PageStamp:
    """The identity of one page at one content version, on one day, from one release."""

    def __init__(self, request, version: tuple[str, datetime]):
        token, changed_at = version
        code, code_changed = release()
        today = timezone.localdate()
        midnight = datetime.combine(today, time(), tzinfo=timezone.get_current_timezone())
        url = canonical_url(request)
        self.etag = f'W/"{code}.{token[:16]}.{today:%Y%m%d}"'
        self.last_modified = int(max(changed_at.timestamp(), midnight.timestamp(), code_changed))
        self.key = f"page:{code}:{token}:{today:%Y%m%d}:{hashlib.sha256(url.encode()).hexdigest()}"

    def apply(self, response):
        response["ETag"] = self.etag
        response["Last-Modified"] = http_date(self.last_modified)
        # Browsers may keep the page but must ask again each time; the answer is usually a 304.
        response["Cache-Control"] = "no-cache"
        patch_vary_headers(response, ["Cookie"])
        return response


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        release()  # hash the code once, at start-up, not on a visitor's request

    def __call__(self, request):
        if not applies_to(request):
            return self.get_response(request)
        try:
            version = content_version()
        except DatabaseError:
            version = None  # the view will meet the same outage and answer 503
        if version is None:
            return self.get_response(request)

        stamp = PageStamp(request, version)
        conditional = get_conditional_response(request, etag=stamp.etag, last_modified=stamp.last_modified)
        if conditional is not None:  # 304 Not Modified (or 412 for a failed If-Match)
            return stamp.apply(conditional) if conditional.status_code == 304 else conditional
        cache = caches[settings.PAGE_CACHE_ALIAS]
        try:
            cached = cache.get(stamp.key)
        except Exception as error:  # a cache outage must not take pages down: draw them instead
            logger.warning("Page cache unavailable, drawing the page: %s", error)
            return self.get_response(request)
        if cached is not None:
            content, headers = cached
            return HttpResponse(content, headers=headers)

        response = self.get_response(request)
        if storable(request, response):
            stamp.apply(response)
            try:
                cache.set(stamp.key, (response.content, dict(response.headers)), settings.PAGE_CACHE_SECONDS)
            except Exception as error:
                logger.warning("Page cache unavailable, page not stored: %s", error)
        return response
