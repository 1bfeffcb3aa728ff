"""/data/datapackage.json: a Frictionless Data Package that the real `frictionless validate` passes,
with every CSV exactly as the site serves it."""

import json

import pytest
from frictionless import Package, validate

from qualifications.models import KSB, OccupationalStandard
from roles.models import ProgressionLink, Role
from roles.opendata.files import csv_columns
from roles.opendata.spec import DATASETS

SITE = "http://testserver"


@pytest.fixture
def package(client, content) -> dict:
    response = client.get("/data/datapackage.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    return json.loads(response.content)


@pytest.fixture
def served_copy(client, package, tmp_path):
    """The package and every CSV as the site serves them, in a folder, the paths pointing at the copies."""
    for item in package["resources"]:
        response = client.get(item["path"].removeprefix(SITE))
        assert response.status_code == 200
        (tmp_path / f"{item['name']}.csv").write_bytes(response.content)
        item["path"] = f"{item['name']}.csv"
    descriptor = tmp_path / "datapackage.json"
    descriptor.write_text(json.dumps(package))
    return descriptor


def test_frictionless_finds_no_error_in_the_package_or_any_csv(served_copy):
    report = validate(str(served_copy))
    errors = [error for task in report.tasks for error in task.errors] + list(report.errors)
    assert [f"{e.type}: {e.note}" for e in errors] == []
    assert report.valid
    assert {task.name for task in report.tasks} == set(DATASETS)
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows["roles"] == Role.objects.count()
    # one row per KSB, and one (KSB columns empty) for a standard we hold no KSBs for, e.g. ST0480 Senior leader
    without_ksbs = OccupationalStandard.objects.filter(ksbs__isnull=True).count()
    assert rows["standards"] == KSB.objects.count() + without_ksbs
    assert rows["progression-links"] == ProgressionLink.objects.count()


def test_every_csv_download_is_a_resource_at_its_absolute_address(package):
    assert [(item["name"], item["path"]) for item in package["resources"]] == [
        (name, f"{SITE}/data/{name}.csv") for name in DATASETS
    ]
    assert all(item["format"] == "csv" and item["mediatype"] == "text/csv" for item in package["resources"])


def test_each_schema_lists_the_csv_columns_in_order_with_their_descriptions(package):
    for item in package["resources"]:
        fields = item["schema"]["fields"]
        assert [field["name"] for field in fields] == csv_columns(DATASETS[item["name"]])
        assert all(field["description"] and field["type"] for field in fields)


def test_the_keys_identify_rows_and_link_the_files(package):
    schemas = {item["name"]: item["schema"] for item in package["resources"]}
    assert schemas["roles"]["primaryKey"] == ["slug"]
    assert schemas["standards"]["primaryKey"] == ["reference", "ksb_code"]
    assert schemas["progression-links"]["primaryKey"] == ["from_role", "to_role"]
    links = {
        (name, key["fields"], key["reference"]["resource"] or name, key["reference"]["fields"])
        for name, schema in schemas.items()
        for key in schema.get("foreignKeys", [])
    }
    assert links == {
        ("roles", "standard", "standards", "reference"),
        ("qualifications", "replaced_by", "qualifications", "slug"),
        ("qualifications", "apprenticeship", "standards", "reference"),
        ("progression-links", "from_role", "roles", "slug"),
        ("progression-links", "to_role", "roles", "slug"),
    }


def test_the_licences_are_the_ones_on_the_data_page(client, package):
    page = client.get("/data/").content.decode()
    assert [licence["name"] for licence in package["licenses"]] == ["CC-BY-4.0", "OGL-UK-3.0"]
    assert all(licence["path"] in page for licence in package["licenses"])


def test_a_foreign_key_that_points_nowhere_is_caught(served_copy):
    roles_csv = served_copy.parent / "progression-links.csv"
    text = roles_csv.read_text(encoding="utf-8-sig").splitlines(keepends=True)
    text[1] = "astronaut" + text[1][text[1].index(",") :]
    roles_csv.write_text("".join(text), encoding="utf-8-sig")
    report = validate(str(served_copy))
    assert not report.valid
    assert "foreign-key" in {error.type for task in report.tasks for error in task.errors}


def test_the_package_reads_as_a_package(served_copy):
    assert Package(str(served_copy)).resource_names == list(DATASETS)
