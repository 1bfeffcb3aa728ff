"""Publishing tests work on a copy of the fixtures folder, so nothing here can touch the real one."""

import pytest
from django.contrib.auth.models import Group, User

from tests.admin_helpers import make_editor


@pytest.fixture(autouse=True)
def fixtures_dir(fixtures_copy, settings):
    settings.CONTENT_FIXTURES_DIR = fixtures_copy
    settings.CONTENT_FIXTURES_WRITABLE = False
    return fixtures_copy


def make_publisher(username: str = "publisher", password: str | None = None) -> User:
    """A content editor who is also in the Content publishers group."""
    user = make_editor(username, password=password)
    user.groups.add(Group.objects.get(name="Content publishers"))
    return user


@pytest.fixture
def publisher(content):
    return make_publisher()


@pytest.fixture
def publisher_client(client, publisher):
    client.force_login(publisher)
    return client


@pytest.fixture
def writable(settings):
    settings.CONTENT_FIXTURES_WRITABLE = True
