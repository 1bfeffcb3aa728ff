"""When the changes cannot be worked out, every publishing page says why in plain words: never a 500."""

import shutil

import pytest

from roles.content import synthetic
from roles.models import Publication

from .helpers import NEW_SUMMARY, edit_role_in_admin

pytestmark = pytest.mark.django_db

PAGES = ["/admin/content/changes/", "/admin/content/changes/download/", "/admin/content/changes/write/"]


@pytest.fixture
def edited_publisher(publisher_client, deputy_manager, writable):
    edit_role_in_admin(publisher_client, deputy_manager, summary=NEW_SUMMARY)
    return publisher_client


def problem_text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.parametrize("path", PAGES)
def test_a_missing_fixtures_folder_gets_a_clear_page(edited_publisher, fixtures_dir, path):
    shutil.rmtree(fixtures_dir)
    response = edited_publisher.get(path)
    assert response.status_code == 503
    assert f"There is no fixtures folder at {fixtures_dir}" in problem_text(response)
    assert "<h1>Changes cannot be shown</h1>" in problem_text(response)
    assert not Publication.objects.exists()


@pytest.mark.parametrize("path", PAGES)
def test_an_unreadable_fixture_file_gets_a_clear_page_naming_it(edited_publisher, fixtures_dir, path):
    (fixtures_dir / "roles.json").unlink()
    (fixtures_dir / "roles.json").mkdir()  # read as a file, it fails as an unreadable one does
    response = edited_publisher.get(path)
    assert response.status_code == 503
    assert "cannot be read: roles.json: Is a directory." in problem_text(response)


@pytest.mark.parametrize("path", PAGES)
def test_a_fixture_file_that_no_longer_parses_is_named(edited_publisher, fixtures_dir, path):
    (fixtures_dir / "sources.json").write_text('[{"model": "qualifications.source",', encoding="utf-8")
    response = edited_publisher.get(path)
    assert response.status_code == 409
    text = problem_text(response)
    assert "The fixture file sources.json no longer reads as content" in text
    assert "not valid JSON at line 1" in text


def test_a_fixture_record_of_an_unknown_model_is_named(edited_publisher, fixtures_dir):
    (fixtures_dir / "roles.json").write_text('[{"model": "roles.astronaut", "fields": {}}]\n', encoding="utf-8")
    response = edited_publisher.get("/admin/content/changes/")
    assert response.status_code == 409
    assert "roles.json, record 1" in problem_text(response) and "unknown model" in problem_text(response)


@pytest.mark.parametrize("path", PAGES)
def test_synthetic_content_is_refused_as_export_content_refuses_it(edited_publisher, fixtures_dir, path):
    synthetic.generate(scale=1)
    before = (fixtures_dir / "roles.json").read_bytes()
    response = edited_publisher.get(path)
    assert response.status_code == 409
    assert "synthetic content" in problem_text(response)
    assert (fixtures_dir / "roles.json").read_bytes() == before


def test_a_write_post_in_a_bad_state_writes_nothing(edited_publisher, fixtures_dir):
    synthetic.generate(scale=1)
    before = (fixtures_dir / "roles.json").read_bytes()
    assert edited_publisher.post(PAGES[2], {"fingerprint": "0" * 64}).status_code == 409
    assert (fixtures_dir / "roles.json").read_bytes() == before
