"""Edits made in the admin flow back into fixtures/ as a diff of exactly the lines they touched."""

import pytest
from django.apps import apps
from django.core.management import call_command

from qualifications.models import OccupationalStandard, Qualification, Source
from roles.content.registry import CONTENT_MODELS
from roles.models import Role
from tests.admin_helpers import change_form_data
from tests.conftest import FIXTURES_DIR

pytestmark = pytest.mark.django_db


def export(tmp_path):
    call_command("export_content", output=tmp_path, verbosity=0)
    return tmp_path


def changed_files(exported):
    names = sorted(p.name for p in FIXTURES_DIR.glob("*.json"))
    assert sorted(p.name for p in exported.glob("*.json")) == names
    return [name for name in names if (exported / name).read_bytes() != (FIXTURES_DIR / name).read_bytes()]


def changed_lines(exported, name):
    """(line number, fixture line, exported line) for each line that differs; the files keep their length."""
    before = (FIXTURES_DIR / name).read_text(encoding="utf-8").splitlines()
    after = (exported / name).read_text(encoding="utf-8").splitlines()
    assert len(after) == len(before), "an edit of one value must not add or remove lines"
    return [(n, old, new) for n, (old, new) in enumerate(zip(before, after, strict=True), start=1) if old != new]


def save_through_admin(client, url, model_name, **changes):
    data = change_form_data(client, url, model_name)
    data.update({name: [value] for name, value in changes.items()})
    response = client.post(url, data)
    assert response.status_code == 302, response.context and response.context["errors"]


def test_editing_one_role_field_changes_exactly_that_line(editor_client, deputy_manager, tmp_path):
    new_summary = "You run a care home day to day with the registered manager, and lead it when they are away."
    save_through_admin(editor_client, f"/admin/roles/role/{deputy_manager.pk}/change/", "role", summary=new_summary)

    exported = export(tmp_path)

    assert changed_files(exported) == ["roles.json"]
    ((_, old, new),) = changed_lines(exported, "roles.json")
    assert old.startswith('      "summary": "You help the registered manager')
    assert new == f'      "summary": "{new_summary}",'


def test_editing_one_inline_link_changes_exactly_that_line(editor_client, deputy_manager, tmp_path):
    url = f"/admin/roles/role/{deputy_manager.pk}/change/"
    data = change_form_data(editor_client, url, "role")
    current = data["links_out-0-strength"][0]
    other = "possible" if current == "common" else "common"
    save_through_admin(editor_client, url, "role", **{"links_out-0-strength": other})

    exported = export(tmp_path)

    assert changed_files(exported) == ["progression_links.json"]
    ((_, old, new),) = changed_lines(exported, "progression_links.json")
    assert (old, new) == (f'      "strength": "{current}",', f'      "strength": "{other}",')


def test_editing_one_multi_line_field_changes_only_its_line(editor_client, deputy_manager, tmp_path):
    """Browsers send textareas with CRLF; only the line the editor touched may change in the fixture."""
    responsibilities = deputy_manager.responsibilities + "\nCover the registered manager's on-call rota"
    url = f"/admin/roles/role/{deputy_manager.pk}/change/"
    save_through_admin(editor_client, url, "role", responsibilities=responsibilities.replace("\n", "\r\n"))

    exported = export(tmp_path)

    assert changed_files(exported) == ["roles.json"]
    ((_, old, new),) = changed_lines(exported, "roles.json")
    assert old.startswith('      "responsibilities": ')
    assert new.endswith("\\nCover the registered manager's on-call rota\",")


def test_editing_one_ksb_statement_changes_exactly_that_line(editor_client, leader_in_adult_care, tmp_path):
    url = f"/admin/qualifications/occupationalstandard/{leader_in_adult_care.pk}/change/"
    data = change_form_data(editor_client, url, "occupationalstandard")
    assert (data["ksbs-0-kind"], data["ksbs-0-number"]) == (["K"], ["1"])
    statement = data["ksbs-0-statement"][0] + " (corrected)"
    save_through_admin(editor_client, url, "occupationalstandard", **{"ksbs-0-statement": statement})

    exported = export(tmp_path)

    assert changed_files(exported) == ["ksbs-st0008.json"]
    ((_, old, new),) = changed_lines(exported, "ksbs-st0008.json")
    assert old.startswith('      "statement": ') and new.endswith(' (corrected)",')


def test_setting_last_reviewed_changes_exactly_that_line(editor_client, registered_manager, tmp_path):
    url = f"/admin/roles/role/{registered_manager.pk}/change/"
    save_through_admin(editor_client, url, "role", last_reviewed="02/12/2026")  # the fixtures say 1 December

    exported = export(tmp_path)

    assert changed_files(exported) == ["roles.json"]
    ((_, old, new),) = changed_lines(exported, "roles.json")
    assert old.startswith('      "last_reviewed": ') and new == '      "last_reviewed": "2026-12-02",'


@pytest.mark.parametrize(
    ("model", "path"),
    [
        (Role, "roles/role"),
        (OccupationalStandard, "qualifications/occupationalstandard"),
        (Qualification, "qualifications/qualification"),
        (Source, "qualifications/source"),
    ],
)
def test_saving_every_record_unchanged_leaves_the_fixtures_byte_identical(editor_client, tmp_path, model, path):
    """Every value survives the form: text, line breaks, decimals, dates, URLs, inline rows and links."""
    for pk in model.objects.values_list("pk", flat=True):
        save_through_admin(editor_client, f"/admin/{path}/{pk}/change/", model._meta.model_name)

    assert changed_files(export(tmp_path)) == []


def test_an_exported_admin_edit_loads_into_a_fresh_database_and_exports_identically(
    editor_client, deputy_manager, tmp_path
):
    save_through_admin(
        editor_client, f"/admin/roles/role/{deputy_manager.pk}/change/", "role", registration="None needed."
    )
    first = export(tmp_path / "first")
    for label in reversed(CONTENT_MODELS):  # an empty content database, as on a fresh install
        apps.get_model(label).objects.all().delete()
    assert not Source.objects.exists()
    call_command("load_content", fixtures=first, verbosity=0)
    second = export(tmp_path / "second")
    for path in sorted(first.glob("*.json")):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name
    assert Role.objects.get(slug="deputy-manager").registration == "None needed."
