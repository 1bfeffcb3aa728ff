import importlib

import pytest
from django.test import override_settings
from django.urls import Resolver404, clear_url_caches, resolve

import careerpaths.urls


def reload_urls():
    clear_url_caches()
    return importlib.reload(careerpaths.urls)


def test_the_benchmark_baseline_is_not_routed_by_default(client, db):
    assert client.get("/bench/baseline").status_code == 404


def test_the_benchmark_baseline_is_routed_only_when_enabled():
    try:
        with override_settings(BENCH_BASELINE_ENABLED=True):
            urls = reload_urls()
            assert resolve("/bench/baseline", urlconf=urls).url_name == "bench-baseline"
    finally:
        urls = reload_urls()
    with pytest.raises(Resolver404):
        resolve("/bench/baseline", urlconf=urls)


def test_the_site_icon_is_named_by_every_page_and_found_at_favicon_ico(client, db):
    from django.contrib.staticfiles import finders

    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"] == "/static/images/favicon.svg"
    assert finders.find("images/favicon.svg")
    home = client.get("/").content.decode()
    assert '<link rel="icon" href="/static/images/favicon.svg" type="image/svg+xml">' in home
