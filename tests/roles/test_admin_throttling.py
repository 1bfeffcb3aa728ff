"""Failed admin sign-ins are throttled per address and username (django-axes)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from axes.utils import reset
from django.conf import settings
from django.test import Client

from tests.admin_helpers import PASSWORD, make_editor

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Every attempt hashes a password; the fast test hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def fresh_attempts(db):
    """No failed attempts carried in from elsewhere (each test's rows also roll back with it)."""
    reset()
    yield
    reset()


@pytest.fixture
def editor(db):
    return make_editor("editor", PASSWORD)


def sign_in(client, username, password, address="10.0.0.1"):
    return client.post(LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address)


def fail(client, username, times, address="10.0.0.1"):
    return [sign_in(client, username, "wrong-password", address) for _ in range(times)]


def signed_in(client):
    return client.get("/admin/").status_code == 200


def test_five_failures_are_the_limit():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_LOCKOUT_PARAMETERS == [["ip_address", "username"]]


def test_four_failures_still_allow_the_right_password(client, editor):
    responses = fail(client, "editor", 4)
    assert [r.status_code for r in responses] == [200] * 4
    assert "Please enter the correct username and password" in responses[-1].content.decode()
    response = sign_in(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert signed_in(client)


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_message(client, editor):
    responses = fail(client, "editor", 5)
    assert responses[-1].status_code == 429

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 429
    page = response.content.decode()
    assert "Sign-in paused" in page
    assert "Too many failed sign-in attempts" in page
    assert "Try again in 30 minutes" in page
    assert not signed_in(client)


def test_another_username_from_the_same_address_is_unaffected(client, editor):
    make_editor("second-editor", PASSWORD)
    fail(client, "editor", 5)

    response = sign_in(client, "second-editor", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_the_same_username_from_another_address_is_unaffected(editor):
    fail(Client(), "editor", 5, address="10.0.0.1")
    elsewhere = Client()

    response = sign_in(elsewhere, "editor", PASSWORD, address="10.0.0.2")

    assert response.status_code == 302
    assert signed_in(elsewhere)


def test_sign_in_works_again_once_the_cool_off_has_passed(client, editor):
    fail(client, "editor", 5)
    assert sign_in(client, "editor", PASSWORD).status_code == 429
    attempt = AccessAttempt.objects.get(username="editor")
    attempt.attempt_time -= timedelta(minutes=31)
    attempt.save()

    response = sign_in(client, "editor", PASSWORD)

    assert response.status_code == 302
    assert signed_in(client)


def test_unknown_usernames_are_throttled_too(client, db):
    fail(client, "nobody", 5)
    assert sign_in(client, "nobody", "anything").status_code == 429


def test_behind_a_trusted_proxy_one_attacker_cannot_lock_out_the_editor(settings, client, editor):
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.2"

    def through_proxy(visitor, password):
        data = {"username": "editor", "password": password, "next": "/admin/"}
        return client.post(LOGIN, data, REMOTE_ADDR=proxy, HTTP_X_FORWARDED_FOR=visitor)

    for _ in range(settings.AXES_FAILURE_LIMIT):
        through_proxy("203.0.113.66", "wrong-password")
    assert through_proxy("203.0.113.66", PASSWORD).status_code == 429
    assert AccessAttempt.objects.get().ip_address == "203.0.113.66"
    response = through_proxy("198.51.100.7", PASSWORD)
    assert response.status_code == 302 and signed_in(client)
