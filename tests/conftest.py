"""Shared fixtures named after the domain: the real content is loaded once per test session."""

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from qualifications.models import OccupationalStandard, Qualification
from roles.models import Role
from tests.admin_helpers import make_editor

FIXTURES_DIR = Path(settings.CONTENT_FIXTURES_DIR)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real fixtures once; each test runs in a transaction that rolls back."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)


@pytest.fixture
def content(db):
    """The real content (reloaded if a transactional test flushed it)."""
    if not Role.objects.exists():
        call_command("load_content", verbosity=0)


@pytest.fixture
def fixtures_copy(tmp_path):
    """A writable copy of the real fixtures folder."""
    target = tmp_path / "fixtures"
    shutil.copytree(FIXTURES_DIR, target)
    return target


@pytest.fixture
def editor_client(client, content):
    """The test client, signed in as a content editor (tests/admin_helpers.make_editor)."""
    client.force_login(make_editor())
    return client


@pytest.fixture
def deputy_manager(content):
    return Role.objects.get(slug="deputy-manager")


@pytest.fixture
def senior_social_worker(content):
    return Role.objects.get(slug="senior-social-worker")


@pytest.fixture
def registered_manager(content):
    return Role.objects.get(slug="registered-manager")


@pytest.fixture
def leader_in_adult_care(content):
    return OccupationalStandard.objects.get(reference="ST0008")


@pytest.fixture
def nvq_level_3(content):
    return Qualification.objects.get(slug="nvq-level-3-health-and-social-care")
