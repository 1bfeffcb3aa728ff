"""Security headers on every response: pages, errors, cached copies, 304s, static files, the admin."""

import re

import pytest

pytestmark = pytest.mark.django_db

# Pages still being built elsewhere are listed too: a 404 on this branch still has to carry the headers.
URLS = [
    "/",
    "/roles/",
    "/roles/?sector=social-work",
    "/roles/?level=99",
    "/roles/deputy-manager/",
    "/roles/astronaut/",
    "/qualifications/",
    "/qualifications/nvq-level-3-health-and-social-care/",
    "/standards/",
    "/standards/st0008/",
    "/standards/ST0008/",
    "/compare/?roles=senior-social-worker&roles=deputy-manager",
    "/progression/",
    "/roles/deputy-manager/progression/",
    "/pathway/adult-care-worker/registered-manager/",
    "/healthz",
    "/admin/login/",
    "/static/build/main.css",
]
HTML_PAGES = [url for url in URLS if not url.startswith(("/healthz", "/static/"))]


def assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]
    assert "microphone=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", URLS)
def test_every_response_carries_the_security_headers(client, content, url):
    assert_security_headers(client.get(url))


@pytest.mark.parametrize("url", ["/", "/roles/deputy-manager/"])
def test_cached_copies_and_304s_carry_them_too(client, content, settings, url):
    settings.PAGE_CACHE_ENABLED = True
    first = client.get(url)
    cached = client.get(url)
    not_modified = client.get(url, HTTP_IF_NONE_MATCH=first["ETag"])
    assert not_modified.status_code == 304
    for response in (first, cached, not_modified):
        assert_security_headers(response)


def test_server_errors_carry_them(client, content, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("roles.views.role_profile", broken)
    client.raise_request_exception = False
    response = client.get("/roles/deputy-manager/")
    assert response.status_code == 500
    assert_security_headers(response)


@pytest.mark.parametrize("url", HTML_PAGES)
def test_pages_use_no_inline_script_or_style(client, content, url):
    html = client.get(url).content.decode()
    # JSON-LD blocks are data, not scripts: browsers never run them, and CSP does not apply to them.
    inline = r"<script(?![^>]*\ssrc=)(?![^>]*\stype=\"application/ld\+json\")[^>]*>"
    assert not re.search(inline, html), "inline <script>: move it to a file"
    assert "<style" not in html, "inline <style>: move it to the Sass"
    assert not re.search(r"\sstyle=", html), "style attribute: use a class"


def test_http_is_redirected_to_https_when_https_is_on(client, content, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/roles/?sector=social-work")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/roles/?sector=social-work"


def test_health_checks_over_plain_http_are_not_redirected(client, db, settings):
    settings.SECURE_SSL_REDIRECT = True
    assert client.get("/healthz").status_code == 200


def test_https_responses_carry_hsts(client, content, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get("/", secure=True)
    assert response.status_code == 200
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"


def test_a_proxy_saying_https_is_believed_only_when_configured(client, content, settings):
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/", HTTP_X_FORWARDED_PROTO="https").status_code == 200
    assert client.get("/", HTTP_X_FORWARDED_PROTO="http").status_code == 301
