"""Our own 400, 403, 404, 500 and 503 pages: in the site's design, plain English, nothing internal."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.db.utils import OperationalError
from django.test import Client
from django.urls import path

from careerpaths import urls as site_urls

pytestmark = pytest.mark.django_db

INTERNALS = "secret-internal-detail"


def crashing_view(request):
    raise RuntimeError(f"{INTERNALS}: a bug")


def forbidden_view(request):
    raise PermissionDenied(INTERNALS)


def lost_database_view(request):
    raise OperationalError(f"could not connect to server at 10.0.0.5 ({INTERNALS})")


# The site's own URLs and error handlers, plus views that fail on purpose.
urlpatterns = [
    path("test/crash/", crashing_view),
    path("test/forbidden/", forbidden_view),
    path("test/lost-database/", lost_database_view),
    *site_urls.urlpatterns,
]
handler400, handler403 = site_urls.handler400, site_urls.handler403
handler404, handler500 = site_urls.handler404, site_urls.handler500


def page(response) -> str:
    html = response.content.decode()
    assert 'class="govuk-heading-xl"' in html, "not our error page"
    assert "Care Career Paths" in html and 'href="/"' in html, "no way back to the site"
    assert INTERNALS not in html and "Traceback" not in html, "internals leaked"
    return html


@pytest.fixture
def quiet_client():
    """A client that receives the error response instead of the exception."""
    return Client(raise_request_exception=False)


def test_too_many_query_parameters_get_a_friendly_400(client, content, settings):
    limit = settings.DATA_UPLOAD_MAX_NUMBER_FIELDS
    response = client.get("/roles/?" + "&".join(f"p{n}=1" for n in range(limit + 1)))
    assert response.status_code == 400
    assert f"more parts than we accept ({limit})" in page(response)


def test_a_body_larger_than_the_limit_gets_a_friendly_400(content, settings):
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    body = "keyword=" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)
    response = client.post("/roles/", body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 400
    assert "larger than we accept" in page(response)


def test_an_unknown_host_gets_a_friendly_400(client, content):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "does not answer to that address" in page(response)


def test_a_form_without_its_csrf_token_gets_our_403(content):
    response = Client(enforce_csrf_checks=True).post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    assert "The form had expired" in page(response)


UNREADABLE = "The web address contains a character we cannot read"
THROUGH_FAILING_VIEWS = pytest.mark.urls(__name__)


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        # The site-wide middleware refuses NUL bytes before any view runs (PostgreSQL cannot store them).
        ("/roles/dep%00uty/", 400, UNREADABLE),
        ("/roles/?keyword=a%00b", 400, UNREADABLE),
        ("/qualifications/%00/", 400, UNREADABLE),
        ("/roles/a%00b/progression/", 400, UNREADABLE),
        ("/pathway/a%00b/deputy-manager/", 400, UNREADABLE),
        ("/pathway/x/%00/", 400, UNREADABLE),
        ("/pathway/?from=adult-care-worker&to=%00", 400, UNREADABLE),
        pytest.param("/test/forbidden/", 403, "You cannot see this page", marks=THROUGH_FAILING_VIEWS),
        ("/no-such-page/", 404, "browse all roles"),
        ("/roles/astronaut/", 404, "We do not have a role called &#x27;astronaut&#x27;."),
        pytest.param("/test/crash/", 500, "Sorry, there is a problem with the service", marks=THROUGH_FAILING_VIEWS),
    ],
)
def test_each_error_gets_our_own_page_without_internals(quiet_client, content, url, status, message):
    response = quiet_client.get(url)
    assert response.status_code == status
    assert message in page(response)


@pytest.mark.urls(__name__)
def test_a_lost_database_gets_503_not_500(quiet_client, content):
    response = quiet_client.get("/test/lost-database/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "temporarily unavailable" in page(response)


@pytest.mark.parametrize("cache_on", [False, True])
def test_pages_answer_503_while_the_database_is_down_and_recover_after(
    quiet_client, content, settings, monkeypatch, cache_on
):
    settings.PAGE_CACHE_ENABLED = cache_on
    assert quiet_client.get("/roles/deputy-manager/").status_code == 200

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    for url in ("/", "/roles/", "/roles/deputy-manager/", "/qualifications/", "/standards/st0008/"):
        response = quiet_client.get(url)
        assert response.status_code == 503, url
        assert "temporarily unavailable" in page(response)
    health = quiet_client.get("/healthz")
    assert health.status_code == 503
    assert health.json()["status"] == "unavailable"

    monkeypatch.undo()
    assert quiet_client.get("/roles/deputy-manager/").status_code == 200
    assert quiet_client.get("/healthz").status_code == 200
