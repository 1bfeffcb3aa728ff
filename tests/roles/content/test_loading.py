import json

import pytest
from django.core.management import CommandError, call_command

from qualifications.models import KSB, OccupationalStandard, Qualification, Source
from roles.content.exporting import export_querysets, export_records
from roles.content.registry import CONTENT_MODELS
from roles.models import ProgressionLink, Role, RoleQualification

pytestmark = pytest.mark.django_db


def database_state() -> dict:
    """Every content row, as export would write it: equal states mean nothing changed."""
    return {label: export_records(label, rows) for label, rows in export_querysets().items()}


def load(directory):
    call_command("load_content", fixtures=directory, verbosity=0)


def edit_record(directory, filename, match, **changes):
    path = directory / filename
    rows = json.loads(path.read_text())
    for row in rows:
        if all(row["fields"].get(k) == v for k, v in match.items()):
            row["fields"].update(changes)
            break
    else:
        raise AssertionError(f"no record matching {match} in {filename}")
    path.write_text(json.dumps(rows, indent=2, ensure_ascii=False))


def load_error(directory) -> str:
    with pytest.raises(CommandError) as error:
        load(directory)
    return str(error.value)


def test_real_content_loads_every_model(content):
    assert Source.objects.count() > 10
    assert OccupationalStandard.objects.count() == 14
    assert KSB.objects.filter(standard__reference="ST0008").count() == 45
    assert Qualification.objects.count() >= 20
    assert Role.objects.count() >= 12
    assert RoleQualification.objects.count() > Role.objects.count()
    assert ProgressionLink.objects.count() >= Role.objects.count() - 1


def test_loading_twice_changes_nothing(content, capsys):
    before = database_state()
    call_command("load_content")
    output = capsys.readouterr().out
    assert "0 created, 0 updated" in output
    assert "0 deleted" in output
    assert database_state() == before


def test_malformed_json_names_the_file_and_line_and_changes_nothing(content, fixtures_copy):
    before = database_state()
    (fixtures_copy / "roles.json").write_text('[{"model": "roles.role", "fields": {]')
    message = load_error(fixtures_copy)
    assert "roles.json: not valid JSON at line 1" in message
    assert database_state() == before


def test_missing_reference_names_the_record_and_field(content, fixtures_copy):
    edit_record(fixtures_copy, "roles.json", {"slug": "deputy-manager"}, standard=["ST9999"])
    message = load_error(fixtures_copy)
    assert "roles.json" in message
    assert "roles.role deputy-manager" in message
    assert "field 'standard'" in message
    assert "ST9999" in message


def test_broken_rule_rolls_back_records_already_saved(content, fixtures_copy):
    before = database_state()
    edit_record(fixtures_copy, "roles.json", {"slug": "adult-care-worker"}, title="Renamed before the failure")
    edit_record(fixtures_copy, "roles.json", {"slug": "registered-manager"}, level=12)
    message = load_error(fixtures_copy)
    assert "roles.role registered-manager" in message
    assert "field 'level'" in message
    assert "database is unchanged" in message
    assert database_state() == before
    assert Role.objects.get(slug="adult-care-worker").title != "Renamed before the failure"


def test_pay_minimum_above_maximum_is_refused(content, fixtures_copy):
    rows = json.loads((fixtures_copy / "roles.json").read_text())
    role = next(r for r in rows if r["fields"]["pay_min"] is not None and r["fields"]["pay_max"] is not None)
    edit_record(fixtures_copy, "roles.json", {"slug": role["fields"]["slug"]}, pay_min=role["fields"]["pay_max"] + 1)
    message = load_error(fixtures_copy)
    assert "field 'pay_min'" in message
    assert "lowest pay cannot be more than the highest pay" in message


def test_figure_without_source_is_refused(content, fixtures_copy):
    edit_record(fixtures_copy, "roles.json", {"slug": "deputy-manager"}, pay_min=30000, pay_source=None, pay_year=None)
    message = load_error(fixtures_copy)
    assert "field 'pay_source'" in message
    assert "needs a source" in message


def test_unknown_field_is_named(content, fixtures_copy):
    edit_record(fixtures_copy, "roles.json", {"slug": "deputy-manager"}, salary=1)
    assert "field 'salary': role has no such field" in load_error(fixtures_copy)


def test_primary_keys_are_refused(content, fixtures_copy):
    path = fixtures_copy / "sources.json"
    rows = json.loads(path.read_text())
    rows[0]["pk"] = 1
    path.write_text(json.dumps(rows))
    assert "sources.json, record 1" in load_error(fixtures_copy)


def test_duplicate_records_are_refused(content, fixtures_copy):
    path = fixtures_copy / "roles.json"
    rows = json.loads(path.read_text())
    path.write_text(json.dumps([*rows, rows[0]]))
    assert "appears twice" in load_error(fixtures_copy)


def test_records_removed_from_the_fixtures_are_removed_from_the_database(content, fixtures_copy):
    path = fixtures_copy / "progression_links.json"
    rows = json.loads(path.read_text())
    removed = rows.pop()
    path.write_text(json.dumps(rows))
    load(fixtures_copy)
    from_slug, to_slug = removed["fields"]["from_role"][0], removed["fields"]["to_role"][0]
    assert not ProgressionLink.objects.filter(from_role__slug=from_slug, to_role__slug=to_slug).exists()
    assert ProgressionLink.objects.count() == len(rows)


def test_fixture_files_are_loaded_in_dependency_order():
    assert CONTENT_MODELS.index("qualifications.source") < CONTENT_MODELS.index("roles.role")
    assert CONTENT_MODELS.index("roles.role") < CONTENT_MODELS.index("roles.progressionlink")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="No fixtures folder"):
        load(tmp_path / "nowhere")
