"""Download and write: exactly export_content's files, a patch git applies, only changed files touched,
the "Can publish content" permission, and a record of every publication."""

import os
import subprocess
from pathlib import Path

import pytest

from qualifications.models import KSB, OccupationalStandard
from roles.content.synthetic import clone
from roles.models import ContentVersion, Publication

from .conftest import make_publisher
from .helpers import NEW_SUMMARY, edit_role_in_admin, exported, zip_files

pytestmark = pytest.mark.django_db

CHANGES = "/admin/content/changes/"
DOWNLOAD = CHANGES + "download/"
WRITE = CHANGES + "write/"


@pytest.fixture
def edited(publisher_client, deputy_manager):
    """A role edited in the admin, a standard added with a KSB (a new file), and ST0510's KSBs gone (a deleted one)."""
    edit_role_in_admin(publisher_client, deputy_manager, summary=NEW_SUMMARY)
    seed = OccupationalStandard.objects.get(reference="ST0008")
    standard = clone(seed, reference="ST0999", title="A standard added in the admin")
    standard.save()
    clone(KSB.objects.filter(standard=seed).first(), standard=standard).save()
    KSB.objects.filter(standard__reference="ST0510").delete()
    return publisher_client


def git(*args, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, check=False)


def test_the_zip_holds_exactly_the_changed_files_as_export_content_writes_them(edited, fixtures_dir, tmp_path):
    response = edited.get(DOWNLOAD)

    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].startswith('attachment; filename="fixtures-changes-')
    files = zip_files(response.content)
    expected = exported(tmp_path)
    changed = ["ksbs-st0999.json", "roles.json", "standards.json"]
    assert sorted(files) == ["changes.patch", *(f"fixtures/{name}" for name in changed)]
    for name in changed:
        assert files[f"fixtures/{name}"] == expected[name], name
    # Every other file export_content writes is the same as on disk, which is why it is not in the zip.
    for name, data in expected.items():
        if f"fixtures/{name}" not in files:
            assert (fixtures_dir / name).read_bytes() == data, name


def test_the_patch_applies_with_git_and_gives_the_exported_files(edited, fixtures_dir, tmp_path):
    files = zip_files(edited.get(DOWNLOAD).content)
    checkout = tmp_path / "checkout"
    (checkout / "fixtures").mkdir(parents=True)
    for path in fixtures_dir.glob("*.json"):
        (checkout / "fixtures" / path.name).write_bytes(path.read_bytes())
    assert git("init", "-q", cwd=checkout).returncode == 0
    assert git("add", "fixtures", cwd=checkout).returncode == 0
    (tmp_path / "changes.patch").write_bytes(files["changes.patch"])
    patch = files["changes.patch"].decode()
    assert "diff --git a/fixtures/roles.json b/fixtures/roles.json" in patch
    assert "deleted file mode 100644" in patch and "new file mode 100644" in patch

    check = git("apply", "--check", str(tmp_path / "changes.patch"), cwd=checkout)
    assert check.returncode == 0, check.stderr
    applied = git("apply", str(tmp_path / "changes.patch"), cwd=checkout)
    assert applied.returncode == 0, applied.stderr

    result = {path.name: path.read_bytes() for path in (checkout / "fixtures").glob("*.json")}
    assert result == exported(tmp_path)
    assert not (checkout / "fixtures" / "ksbs-st0510.json").exists()


def test_a_download_is_recorded_with_who_when_which_files_and_the_content_version(edited, publisher):
    edited.get(DOWNLOAD)
    publication = Publication.objects.get()
    assert publication.user == publisher and publication.username == "publisher"
    assert publication.action == Publication.Action.DOWNLOAD
    assert publication.files == [
        {"file": "ksbs-st0510.json", "change": "removed"},
        {"file": "ksbs-st0999.json", "change": "added"},
        {"file": "roles.json", "change": "changed"},
        {"file": "standards.json", "change": "changed"},
    ]
    assert publication.content_version == ContentVersion.objects.current()[0]
    assert publication.created_at is not None


def test_publications_show_in_the_admin_as_a_read_only_list(edited):
    edited.get(DOWNLOAD)
    page = edited.get("/admin/roles/publication/").content.decode()
    assert "roles.json (changed)" in page and "publisher" in page
    assert edited.get("/admin/roles/publication/add/").status_code == 403
    publication = Publication.objects.get()
    assert edited.post(f"/admin/roles/publication/{publication.pk}/delete/", {"post": "yes"}).status_code == 403


def test_an_editor_without_the_permission_gets_a_403_on_download_and_write(editor_client, deputy_manager, writable):
    edit_role_in_admin(editor_client, deputy_manager, summary=NEW_SUMMARY)
    assert editor_client.get(DOWNLOAD).status_code == 403
    assert editor_client.get(WRITE).status_code == 403
    assert editor_client.post(WRITE, {"fingerprint": "x"}).status_code == 403
    assert not Publication.objects.exists()


def test_a_download_with_nothing_to_publish_goes_back_to_the_page(publisher_client):
    response = publisher_client.get(DOWNLOAD, follow=True)
    assert response.redirect_chain == [(CHANGES, 302)]
    assert "nothing to download" in response.content.decode()
    assert not Publication.objects.exists()


@pytest.mark.parametrize("method", ["get", "post"])
def test_write_is_not_there_without_the_setting(edited, fixtures_dir, method):
    before = (fixtures_dir / "roles.json").read_bytes()
    assert getattr(edited, method)(WRITE).status_code == 404
    assert (fixtures_dir / "roles.json").read_bytes() == before


def write_confirmed(client):
    """Open the confirmation step and post its form, as the editor does."""
    confirm = client.get(WRITE)
    assert confirm.status_code == 200
    assert 'name="csrfmiddlewaretoken"' in confirm.content.decode()
    return client.post(WRITE, {"fingerprint": confirm.context["form"].initial["fingerprint"]})


def test_write_replaces_only_the_changed_files(edited, fixtures_dir, writable, tmp_path):
    old = 1_000_000_000
    for path in fixtures_dir.glob("*.json"):
        os.utime(path, (old, old))
    untouched = {p.name: p.read_bytes() for p in fixtures_dir.glob("*.json")}
    for name in ("roles.json", "standards.json", "ksbs-st0510.json"):
        del untouched[name]

    confirm = edited.get(WRITE).content.decode()
    assert (
        "<code>roles.json</code> (replaced)" in confirm and "<code>ksbs-st0510.json</code> (will be deleted)" in confirm
    )
    assert (fixtures_dir / "roles.json").stat().st_mtime == old  # the confirmation step writes nothing
    response = write_confirmed(edited)

    assert response.status_code == 302 and response["Location"] == CHANGES
    assert {p.name: p.read_bytes() for p in fixtures_dir.glob("*.json")} == exported(tmp_path)
    assert not (fixtures_dir / "ksbs-st0510.json").exists()
    for name, data in untouched.items():
        assert (fixtures_dir / name).stat().st_mtime == old, name
        assert (fixtures_dir / name).read_bytes() == data, name
    assert sorted(p.name for p in fixtures_dir.iterdir() if p.name.startswith(".")) == []  # no temporary files left
    assert "Nothing differs" in edited.get(CHANGES).content.decode()
    assert Publication.objects.get().action == Publication.Action.WRITE


def test_write_refuses_a_confirmation_for_changes_that_have_since_moved_on(edited, fixtures_dir, writable):
    fingerprint = edited.get(WRITE).context["form"].initial["fingerprint"]
    KSB.objects.filter(standard__reference="ST0008").first().delete()
    before = (fixtures_dir / "roles.json").read_bytes()

    response = edited.post(WRITE, {"fingerprint": fingerprint})

    assert response.status_code == 409
    assert "changed since you asked" in response.content.decode()
    assert (fixtures_dir / "roles.json").read_bytes() == before
    assert not Publication.objects.exists()


def test_write_needs_the_csrf_token(client, edited, fixtures_dir, writable):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(make_publisher("strict"))
    fingerprint = edited.get(WRITE).context["form"].initial["fingerprint"]
    before = (fixtures_dir / "roles.json").read_bytes()
    assert strict.post(WRITE, {"fingerprint": fingerprint}).status_code == 403
    assert (fixtures_dir / "roles.json").read_bytes() == before
