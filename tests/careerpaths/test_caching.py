"""The page cache and conditional GET: fast for anonymous visitors, never stale, never personal."""

import os
from collections import Counter
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
import redis
from django.apps import apps
from django.core.management import call_command
from django.http import HttpResponse
from django.urls import path
from django.utils import timezone
from django.utils.autoreload import file_changed
from django.utils.html import escape

from careerpaths.caching import release
from qualifications.models import Source
from roles.content.registry import CONTENT_MODELS
from roles.models import ContentVersion, ProgressionLink, Role
from tests.roles.content.test_loading import edit_record

pytestmark = pytest.mark.django_db

PROFILE = "/roles/deputy-manager/"
renders = Counter()


# A small URLconf for behaviours no real page has yet (used with @pytest.mark.urls(__name__)).
def printed_page(request):
    renders[request.path] += 1
    return HttpResponse(f"Printed from {request.build_absolute_uri()} on {timezone.localdate():%-d %B %Y}")


def page_setting_a_cookie(request):
    renders[request.path] += 1
    response = HttpResponse("Welcome")
    response.set_cookie("seen-banner", "1")
    return response


def page_with_a_nonce(request):
    renders[request.path] += 1
    return HttpResponse(f'<script nonce="{request.csp_nonce}">/* inline */</script>')


urlpatterns = [
    path("printed/", printed_page),
    path("cookie/", page_setting_a_cookie),
    path("nonce/", page_with_a_nonce),
]


@pytest.fixture
def redis_db():
    """Redis database 5 (or TEST_REDIS_URL), emptied before and after; skipped without Redis outside CI."""
    url = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")
    client = redis.Redis.from_url(url)
    try:
        client.ping()
    except redis.ConnectionError:
        message = f"Redis is not answering at {url}."
        if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
            pytest.fail(message + " CI must test the shared cache.", pytrace=False)
        pytest.skip(message)
    client.flushdb()
    yield SimpleNamespace(url=url, client=client)
    client.flushdb()


def frozen_at(monkeypatch, moment: datetime):
    monkeypatch.setattr(timezone, "now", lambda: moment)


def test_a_repeat_anonymous_visit_comes_from_the_cache_in_one_query(
    client, deputy_manager, page_cache, django_assert_num_queries
):
    first = client.get(PROFILE)
    with django_assert_num_queries(1):  # the content version, nothing else
        second = client.get(PROFILE)
    assert second.status_code == 200
    assert second.content == first.content
    assert escape(deputy_manager.title) in second.content.decode()


def test_a_saved_edit_shows_on_the_very_next_request(client, deputy_manager, page_cache):
    client.get(PROFILE)
    deputy_manager.summary = "Runs the home day to day when the manager is away."
    deputy_manager.save()
    assert "Runs the home day to day when the manager is away." in client.get(PROFILE).content.decode()


def test_a_deleted_link_disappears_on_the_very_next_request(client, deputy_manager, page_cache):
    link = ProgressionLink.objects.filter(from_role=deputy_manager).select_related("to_role").first()
    target = f'href="/roles/{link.to_role.slug}/"'
    shown = client.get(PROFILE).content.decode().count(target)
    link.delete()
    assert client.get(PROFILE).content.decode().count(target) == shown - 1


def test_a_source_removed_from_a_role_disappears_on_the_very_next_request(client, deputy_manager, page_cache):
    cited_elsewhere = {deputy_manager.pay_source_id, deputy_manager.hours_source_id, deputy_manager.pathway_source_id}
    source = deputy_manager.sources.exclude(pk__in=[pk for pk in cited_elsewhere if pk]).first()
    assert escape(source.title) in client.get(PROFILE).content.decode()
    deputy_manager.sources.remove(source)
    assert escape(source.title) not in client.get(PROFILE).content.decode()


@pytest.mark.parametrize("label", CONTENT_MODELS)
def test_saving_any_content_record_gives_a_new_version(content, label):
    record = apps.get_model(label).objects.first()
    before = ContentVersion.objects.current()
    record.save()
    assert ContentVersion.objects.current()[0] != before[0]


@pytest.mark.parametrize(
    "label", ["qualifications.ksb", "roles.rolequalification", "roles.progressionlink", "roles.role"]
)
def test_deleting_content_gives_a_new_version(content, label):
    before = ContentVersion.objects.current()
    apps.get_model(label).objects.first().delete()
    assert ContentVersion.objects.current()[0] != before[0]


@pytest.mark.parametrize("action", ["add", "remove", "clear"])
def test_changing_a_many_to_many_list_gives_a_new_version(deputy_manager, action):
    source = Source.objects.exclude(roles=deputy_manager).first()
    before = ContentVersion.objects.current()
    if action == "add":
        deputy_manager.sources.add(source)
    elif action == "remove":
        deputy_manager.sources.remove(deputy_manager.sources.first())
    else:
        deputy_manager.sources.clear()
    assert ContentVersion.objects.current()[0] != before[0]


def test_load_content_edit_shows_on_the_very_next_request(client, content, fixtures_copy, page_cache):
    client.get(PROFILE)
    renamed = "Deputy manager, renamed in the fixtures"
    edit_record(fixtures_copy, "roles.json", {"slug": "deputy-manager"}, title=renamed)
    call_command("load_content", fixtures=fixtures_copy, verbosity=0)
    assert renamed in client.get(PROFILE).content.decode()


def test_a_load_that_changes_nothing_leaves_pages_right_and_a_version_in_place(
    client, deputy_manager, page_cache, django_assert_num_queries
):
    before = client.get(PROFILE).content
    version = ContentVersion.objects.current()
    call_command("load_content", verbosity=0)
    assert ContentVersion.objects.current() == version  # a deploy that changes no content keeps every cached page
    assert client.get(PROFILE).content == before
    with django_assert_num_queries(1):
        assert client.get(PROFILE).content == before


def test_a_failed_edit_rolled_back_leaves_the_cached_page_as_it_was(client, deputy_manager, page_cache):
    from django.db import transaction

    before = client.get(PROFILE).content
    with pytest.raises(RuntimeError), transaction.atomic():
        deputy_manager.title = "Never committed"
        deputy_manager.save()
        raise RuntimeError("the editor's save failed")
    assert client.get(PROFILE).content == before


def test_a_repeat_visit_with_the_etag_gets_304_without_rendering(
    client, content, page_cache, django_assert_num_queries
):
    first = client.get(PROFILE)
    assert first["Cache-Control"] == "no-cache"
    assert "Cookie" in first["Vary"]
    with django_assert_num_queries(1):
        repeat = client.get(PROFILE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 304
    assert repeat.content == b""
    assert repeat["ETag"] == first["ETag"]


def test_a_repeat_visit_with_if_modified_since_gets_304(client, content, page_cache):
    first = client.get(PROFILE)
    repeat = client.get(PROFILE, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert repeat.status_code == 304


def test_after_an_edit_the_old_etag_gets_the_new_page(client, deputy_manager, page_cache):
    first = client.get(PROFILE)
    deputy_manager.title = "Deputy care home manager"
    deputy_manager.save()
    repeat = client.get(PROFILE, HTTP_IF_NONE_MATCH=first["ETag"])
    assert repeat.status_code == 200
    assert repeat["ETag"] != first["ETag"]
    assert "Deputy care home manager" in repeat.content.decode()


def test_a_signed_in_editor_never_gets_the_public_cached_copy(client, admin_client, deputy_manager, page_cache):
    client.get(PROFILE)
    # Change the row behind the cache's back (no signal), so the cached copy is knowingly out of date.
    Role.objects.filter(pk=deputy_manager.pk).update(title="Edited behind the cache")
    assert "Edited behind the cache" not in client.get(PROFILE).content.decode()  # anonymous: cached copy
    editor_page = admin_client.get(PROFILE)
    assert "Edited behind the cache" in editor_page.content.decode()
    assert "ETag" not in editor_page


def test_a_page_drawn_for_a_signed_in_editor_is_never_stored_for_the_public(
    client, admin_client, deputy_manager, page_cache
):
    admin_client.get(PROFILE)
    Role.objects.filter(pk=deputy_manager.pk).update(title="Edited behind the cache")
    assert "Edited behind the cache" in client.get(PROFILE).content.decode()


def test_admin_pages_are_never_cached(admin_client, content, page_cache, django_assert_max_num_queries):
    first = admin_client.get("/admin/")
    assert first.status_code == 200
    assert "ETag" not in first
    assert "no-store" in first["Cache-Control"] or "private" in first["Cache-Control"]


def test_errors_are_not_cached(client, content, page_cache, django_assert_num_queries):
    for url, queries in (("/roles/astronaut/", 2), ("/roles/?level=99", 3)):
        client.get(url)
        with django_assert_num_queries(queries):  # version, then the page's own queries again (count and page)
            response = client.get(url)
        assert response.status_code in (400, 404)
        assert "ETag" not in response


def test_the_order_of_query_parameters_does_not_split_the_cache(client, content, page_cache, django_assert_num_queries):
    client.get("/roles/?sector=social-work&level=6")
    with django_assert_num_queries(1):
        assert client.get("/roles/?level=6&sector=social-work").status_code == 200


def test_head_requests_are_answered_from_the_cache(client, content, page_cache, django_assert_num_queries):
    client.get(PROFILE)
    with django_assert_num_queries(1):
        assert client.head(PROFILE).status_code == 200


def test_turning_the_cache_off_renders_every_request(client, content, settings, django_assert_max_num_queries):
    settings.PAGE_CACHE_ENABLED = False
    client.get(PROFILE)
    response = client.get(PROFILE)
    assert "ETag" not in response
    with django_assert_max_num_queries(6) as queries:
        client.get(PROFILE)
    assert len(queries) > 1


@pytest.mark.urls(__name__)
def test_a_page_printed_tomorrow_shows_tomorrows_date(client, content, page_cache, monkeypatch):
    frozen_at(monkeypatch, datetime(2026, 3, 14, 23, 30, tzinfo=UTC))  # 23:30 GMT, 14 March in London
    drawn = renders["/printed/"]
    today = client.get("/printed/")
    assert "on 14 March 2026" in today.content.decode()
    assert client.get("/printed/").content == today.content
    assert renders["/printed/"] == drawn + 1  # the second came from the cache
    frozen_at(monkeypatch, datetime(2026, 3, 15, 0, 30, tzinfo=UTC))
    tomorrow = client.get("/printed/", HTTP_IF_NONE_MATCH=today["ETag"])
    assert tomorrow.status_code == 200
    assert "on 15 March 2026" in tomorrow.content.decode()
    assert tomorrow["ETag"] != today["ETag"]
    assert renders["/printed/"] == drawn + 2


@pytest.mark.urls(__name__)
def test_the_date_follows_london_time_not_utc(client, content, page_cache, monkeypatch):
    frozen_at(monkeypatch, datetime(2026, 7, 14, 23, 30, tzinfo=UTC))  # 00:30 BST on 15 July
    assert "on 15 July 2026" in client.get("/printed/").content.decode()


@pytest.mark.urls(__name__)
@pytest.mark.parametrize("url", ["/cookie/", "/nonce/"])
def test_responses_that_set_a_cookie_or_use_a_nonce_are_not_stored(client, content, page_cache, url):
    drawn = renders[url]
    client.get(url)
    response = client.get(url)
    assert renders[url] == drawn + 2
    assert "ETag" not in response


def test_a_template_edited_under_runserver_changes_the_release(settings, tmp_path):
    settings.APP_RELEASE = "before-the-edit"
    release.cache_clear()
    assert release()[0] == "before-the-edit"
    settings.APP_RELEASE = "after-the-edit"
    assert release()[0] == "before-the-edit"  # computed once per process...
    file_changed.send(sender=None, file_path=tmp_path / "roles" / "role_detail.html")
    assert release()[0] == "after-the-edit"  # ...until runserver sees a file change
    release.cache_clear()


def test_pages_are_shared_through_redis_when_configured(client, deputy_manager, settings, redis_db):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_db.url}}
    client.get(PROFILE)
    assert any(b"page:" in key for key in redis_db.client.keys("*"))
    deputy_manager.title = "Deputy manager (shared cache)"
    deputy_manager.save()
    assert "Deputy manager (shared cache)" in client.get(PROFILE).content.decode()


def test_pages_are_still_drawn_when_the_cache_server_is_down(client, deputy_manager, settings):
    settings.PAGE_CACHE_ENABLED = True
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
    for _ in range(2):
        response = client.get(PROFILE)
        assert response.status_code == 200
        assert escape(deputy_manager.title) in response.content.decode()
