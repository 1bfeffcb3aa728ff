"""Hostile addresses against every public URL pattern: never a 5xx, and every refusal is readable.

The patterns come from the URL resolver, so pages added later are covered without editing this file.
Hypothesis builds slugs and query strings from unicode, very long values, null bytes, broken percent
escapes, repeated and missing parameters and wrong types; at least 5,000 requests (in CI; 500 locally) go through the
Django test client with the page cache on, as in production.
"""

import re
from collections import Counter
from urllib.parse import quote

from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roles.models import Role
from tests.conftest import examples

REQUESTS = examples(5000)  # 5,000 in CI
PLACEHOLDER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")
# Parameters our pages read (or are likely to), plus junk names.
PARAMETER_NAMES = ["roles", "level", "sector", "setting", "keyword", "differences", "only", "from", "to", "role", "ksb"]
NASTY = [
    "",
    " ",
    "\x00",
    "%00",
    "\t\r\n",
    "../../etc/passwd",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "%",
    "%zz",
    "%E2%82",
    "%C0%AF",
    "\u202e",
    "\ufeff",
    "İ",
    "ß",
    "🙂" * 30,
    "-1",
    "0",
    "3.5",
    "1e309",
    "NaN",
    "99999999999999999999999",
    "[]",
    "{}",
    "null",
    "true",
]


def public_routes(patterns=None, prefix: str = "") -> list[str]:
    """Every route outside the admin, as a string with <converter:name> placeholders."""
    routes = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            if not route.startswith("admin/"):  # the admin, and our publishing pages inside it
                routes += public_routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            assert not route.startswith("^"), f"{route}: a regex route; teach this test to fill it in"
            routes.append(route)
    return routes


ROUTES = public_routes()


def real_slugs() -> list[str]:
    return ["deputy-manager", "senior-social-worker", "adult-care-worker", "st0008", "ST0008"]


text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
long_text = st.builds(lambda piece, times: piece * times, st.text(min_size=1, max_size=4), st.integers(300, 3000))
values = st.one_of(text, long_text, st.sampled_from(NASTY), st.sampled_from(real_slugs()), st.integers().map(str))


def encode(value: str) -> str:
    """Percent-encode, except that broken escapes from NASTY are sent as they are."""
    return value if value in NASTY and "%" in value else quote(value, safe="")


@st.composite
def query_strings(draw) -> str:
    pairs = draw(
        st.lists(
            st.tuples(st.one_of(st.sampled_from(PARAMETER_NAMES), text), values, st.sampled_from(["=", "", "=="])),
            max_size=8,
        )
    )
    separator = draw(st.sampled_from(["&", ";", "&&"]))
    return separator.join(f"{encode(key)}{equals}{encode(value) if equals else ''}" for key, value, equals in pairs)


@st.composite
def hostile_requests(draw) -> tuple[str, str]:
    route = draw(st.sampled_from(ROUTES))
    path = "/" + PLACEHOLDER.sub(lambda match: encode(draw(values)) or "x", route)
    query = draw(st.one_of(st.just(""), query_strings()))
    return route, path + (f"?{query}" if query else "")


def assert_readable_refusal(url: str, response) -> None:
    body = response.content.decode("utf-8", errors="replace")
    assert response.status_code in (400, 404), f"{url} answered {response.status_code}"
    assert response["Content-Type"].startswith("text/html"), url
    assert "<h1" in body and ("govuk-heading-xl" in body or "govuk-error-summary" in body), url
    assert "Traceback" not in body, url


def test_every_route_is_found_and_covered():
    assert "roles/<str:slug>/" in ROUTES
    assert "healthz" in ROUTES
    assert not any(route.startswith("admin/") for route in ROUTES)


def test_hostile_requests_never_get_a_5xx_and_refusals_are_readable(client, content):
    assert Role.objects.exists()
    sent = Counter()

    @settings(
        max_examples=REQUESTS,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(hostile_requests())
    def send(request):
        route, url = request
        response = client.get(url)
        sent[route] += 1
        assert response.status_code < 500, f"{url} answered {response.status_code}"
        if response.status_code >= 400:
            assert_readable_refusal(url, response)
        elif 300 <= response.status_code < 400:
            location = response["Location"]
            assert location.startswith("/") and not location.startswith("//"), f"{url} redirects off-site"

    with override_settings(PAGE_CACHE_ENABLED=True):
        send()
    assert sum(sent.values()) >= REQUESTS
    assert set(sent) == set(ROUTES), f"never tried: {set(ROUTES) - set(sent)}"
