"""Shared fixtures named after the domain: the real content is loaded once per test session."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.core.cache import caches
from django.core.management import call_command
from django.db import IntegrityError, transaction
from hypothesis import settings as hypothesis_settings

from qualifications.models import OccupationalStandard, Qualification
from roles.models import Role
from tests import snapshot
from tests.admin_helpers import make_editor

FIXTURES_DIR = Path(settings.CONTENT_FIXTURES_DIR)

# Hypothesis: the full runs in CI, a tenth of the examples for `make test` on a developer's machine.
IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}
hypothesis_settings.register_profile("ci", max_examples=100, deadline=None)
hypothesis_settings.register_profile("dev", max_examples=10, deadline=None)
hypothesis_settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if IN_CI else "dev"))


def examples(full: int) -> int:
    """How many examples a property test tries: `full` in the CI profile, a tenth of it (at least 10) otherwise."""
    return full if hypothesis_settings.default.max_examples >= 100 else max(10, full // 10)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real fixtures once, and keep a copy for the tests that empty the database."""
    with django_db_blocker.unblock():
        call_command("load_content", verbosity=0)
        snapshot.take()


@pytest.fixture
def content(db):
    """The real content (reloaded if a transactional test flushed it)."""
    snapshot.ensure_content()


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


def content_record(model, **lookup):
    """A fixture giving one record of the real content: the one that matches `lookup`."""

    @pytest.fixture
    def record(content):
        return model.objects.get(**lookup)

    return record


deputy_manager = content_record(Role, slug="deputy-manager")
senior_social_worker = content_record(Role, slug="senior-social-worker")
registered_manager = content_record(Role, slug="registered-manager")
leader_in_adult_care = content_record(OccupationalStandard, reference="ST0008")
nvq_level_3 = content_record(Qualification, slug="nvq-level-3-health-and-social-care")


def make_role(*, save: bool = False, **fields) -> Role:
    """A minimal valid role; `save=True` stores it."""
    values = {"slug": "test-role", "title": "Test role", "summary": "A role.", "sector": "adult-social-care"}
    role = Role(**(values | {"setting": "residential", "level": 3} | fields))
    if save:
        role.save()
    return role


def refused_by_database(obj) -> None:
    """The database itself refuses the row (a constraint, not just the model's clean())."""
    with pytest.raises(IntegrityError), transaction.atomic():
        obj.save()


@pytest.fixture
def page_cache(settings):
    """The site-wide page cache on, and empty before and after."""
    settings.PAGE_CACHE_ENABLED = True
    caches[settings.PAGE_CACHE_ALIAS].clear()
    yield
    caches[settings.PAGE_CACHE_ALIAS].clear()


def page_at(client, url: str, status: int = 200) -> str:
    """The page at `url` as HTML, once it has answered with `status`."""
    response = client.get(url)
    assert response.status_code == status, url
    return response.content.decode()


def error_summary_at(client, url: str, message: str) -> str:
    """The page at `url`, refusing its input with a 400 and an error summary that says `message`."""
    page = page_at(client, url, status=400)
    assert "govuk-error-summary" in page
    assert message in page
    return page


def helpful_404_at(client, url: str, message: str, way_on: str) -> str:
    """The page at `url`: a 404 that says `message` and links on to the address `way_on`."""
    page = page_at(client, url, status=404)
    assert message in page
    assert f'href="{way_on}"' in page
    return page
