import csv
import io
import json
from datetime import date

import pytest
from django.db.models import Max

from qualifications.models import KSB, OccupationalStandard, Qualification, Source
from roles.models import ProgressionLink, Role, RoleQualification
from roles.opendata.files import csv_columns
from roles.opendata.spec import DATASETS, ENVELOPE_FIELDS, SCHEMA_VERSION
from tests.conftest import helpful_404_at, make_role

pytestmark = pytest.mark.django_db

DOWNLOADS = [(name, fmt) for name in DATASETS for fmt in ("json", "csv")]

# Fixed query counts whatever the data size: the records with their relations, then the content date.
QUERIES = {"roles": 3, "qualifications": 1, "standards": 2, "progression-links": 2}
CONTENT_DATE_QUERIES = 2


def get_csv(client, name) -> tuple[list[str], list[dict]]:
    response = client.get(f"/data/{name}.csv")
    assert response.status_code == 200
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    reader = csv.reader(io.StringIO(text[1:], newline=""))
    header = next(reader)
    return header, [dict(zip(header, row, strict=True)) for row in reader]


def get_json(client, name) -> dict:
    response = client.get(f"/data/{name}.json")
    assert response.status_code == 200
    return json.loads(response.content.decode("utf-8"))


# The /data/ page


def test_data_page_offers_every_download_and_names_both_licences(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = client.get("/data/")
    assert response.status_code == 200
    page = response.content.decode()
    for name, fmt in DOWNLOADS:
        assert f'href="/data/{name}.{fmt}"' in page
    assert "Open Government Licence v3.0" in page
    assert "Creative Commons Attribution 4.0 International (CC BY 4.0)" in page
    assert "Skills England" in page
    assert f"{Role.objects.count()} roles" in page
    assert f"{KSB.objects.count()} KSBs" in page


def test_data_page_documents_every_field_of_every_download(client, content):
    page = client.get("/data/").content.decode()
    for name in DATASETS:
        document = get_json(client, name)
        for key in document:
            assert f">{key}</code>" in page
        for key in document["records"][0]:
            assert f">{key}</code>" in page
        for column in get_csv(client, name)[0]:
            assert f">{column}</code>" in page
    assert ">ksbs[].statement</code>" in page
    assert ">qualifications[].relevance</code>" in page


def test_data_page_is_linked_from_every_page_footer(client, content):
    assert 'href="/data/"' in client.get("/roles/").content.decode()


# Every download


@pytest.mark.parametrize("name, fmt", DOWNLOADS)
def test_download_is_an_attachment_with_a_stable_filename(client, content, name, fmt):
    response = client.get(f"/data/{name}.{fmt}")
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="care-career-paths-{name}.{fmt}"'
    expected = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}[fmt]
    assert response["Content-Type"] == expected


@pytest.mark.parametrize("name, fmt", DOWNLOADS)
def test_download_runs_a_fixed_number_of_queries(client, content, name, fmt, django_assert_num_queries):
    expected = QUERIES[name] + (CONTENT_DATE_QUERIES if fmt == "json" else 0)
    with django_assert_num_queries(expected):
        client.get(f"/data/{name}.{fmt}")


def test_query_count_does_not_grow_with_the_data(client, content, django_assert_num_queries, nvq_level_3):
    source = Source.objects.first()
    for n in range(20):
        role = make_role(save=True, slug=f"extra-{n}", pay_min=20000, pay_year=2025, pay_source=source)
        role.sources.add(source)
        RoleQualification.objects.create(role=role, qualification=nvq_level_3, relevance="typical")
    with django_assert_num_queries(QUERIES["roles"] + CONTENT_DATE_QUERIES):
        client.get("/data/roles.json")
    with django_assert_num_queries(QUERIES["roles"]):
        client.get("/data/roles.csv")


@pytest.mark.parametrize("name, fmt", DOWNLOADS)
def test_the_same_content_gives_the_same_bytes_and_etag(client, content, name, fmt):
    first, second = client.get(f"/data/{name}.{fmt}"), client.get(f"/data/{name}.{fmt}")
    assert first.content == second.content
    assert first["ETag"] == second["ETag"]


def test_a_matching_etag_gets_304_without_a_body(client, content):
    etag = client.get("/data/roles.csv")["ETag"]
    response = client.get("/data/roles.csv", HTTP_IF_NONE_MATCH=etag)
    assert response.status_code == 304
    assert response.content == b""


def test_the_etag_changes_when_the_content_does(client, deputy_manager):
    before = client.get("/data/roles.json")["ETag"]
    Role.objects.filter(pk=deputy_manager.pk).update(summary="Changed.")
    after = client.get("/data/roles.json")
    assert after["ETag"] != before
    assert client.get("/data/roles.json", HTTP_IF_NONE_MATCH=before).status_code == 200


def test_unknown_data_set_gets_a_helpful_404(client, content):
    helpful_404_at(client, "/data/salaries.csv", "We do not have a data set called &#x27;salaries&#x27;.", "/data/")


def test_unknown_format_is_not_found(client, content):
    assert client.get("/data/roles.xml").status_code == 404


def test_downloads_only_answer_get_and_head(client, content):
    assert client.post("/data/roles.csv").status_code == 405
    assert client.head("/data/roles.csv").status_code == 200


# JSON


@pytest.mark.parametrize("name", DATASETS)
def test_json_is_versioned_and_dated_by_the_content_not_the_clock(client, content, name):
    document = get_json(client, name)
    latest = max(
        Role.objects.aggregate(d=Max("last_reviewed"))["d"],
        OccupationalStandard.objects.aggregate(d=Max("last_reviewed"))["d"],
    )
    assert document["schema_version"] == SCHEMA_VERSION == "1.0"
    assert document["dataset"] == name
    assert document["generated_at"] == latest.isoformat()
    assert document["documentation"] == "http://testserver/data/"
    assert document["record_count"] == len(document["records"])
    assert list(document) == [field.name for field in ENVELOPE_FIELDS]


def test_generated_at_follows_the_latest_review(client, deputy_manager):
    Role.objects.filter(pk=deputy_manager.pk).update(last_reviewed=date(2030, 1, 2))
    assert get_json(client, "qualifications")["generated_at"] == "2030-01-02"


@pytest.mark.parametrize("name", DATASETS)
def test_json_describes_its_own_fields_in_the_order_the_records_use(client, content, name):
    document = get_json(client, name)
    names = [field["name"] for field in document["fields"]]
    assert names == [field.name for field in DATASETS[name].fields]
    assert all(list(record) == names for record in document["records"])
    assert {field["reuse"] for field in document["fields"]} <= {item["reuse"] for item in document["licences"]}


def test_roles_json_holds_every_role_with_its_qualifications(client, deputy_manager):
    records = {record["slug"]: record for record in get_json(client, "roles")["records"]}
    assert set(records) == set(Role.objects.values_list("slug", flat=True))
    record = records["deputy-manager"]
    assert record["title"] == deputy_manager.title
    assert record["page_url"] == "http://testserver/roles/deputy-manager/"
    assert record["responsibilities"] == deputy_manager.responsibility_list
    assert record["standard"] == "ST0008"
    expected = [
        {
            "qualification": rq.qualification.slug,
            "relevance": rq.relevance,
            "note": rq.note,
            "alternatives": rq.alternatives,
        }
        for rq in deputy_manager.role_qualifications.ordered().select_related("qualification")
    ]
    assert record["qualifications"] == expected
    # the deputy manager asks for one of the level 3 care qualifications: the group travels with each member
    assert {"level-3-care-qualification", ""} == {item["alternatives"] for item in record["qualifications"]}


ROLE_FIELDS_FROM_ISSUES = [
    "level_basis",
    "level_reason",
    "pathway_category",
    "pathway_category_label",
    "pathway_reason",
    "top_role",
    "top_role_reason",
]


def test_roles_data_documents_the_pathway_level_and_top_role_fields(client, content):
    page = client.get("/data/").content.decode()
    header, _ = get_csv(client, "roles")
    record = get_json(client, "roles")["records"][0]
    for name in ROLE_FIELDS_FROM_ISSUES:
        assert name in header and name in record
        assert f">{name}</code>" in page


def test_roles_data_carries_the_pathway_category_its_label_and_our_reason(client, content):
    source = Source.objects.get(key="dhsc-cwp-role-categories")
    make_role(
        save=True,
        pathway_category="supervisor-or-leader",
        pathway_source=source,
        pathway_reason="It leads a shift while still giving care.",
        level_basis="judgement",
        level_reason="Leads others; below a manager.",
        top_role=True,
        top_role_reason="The top of the provider's care ladder.",
    )
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "test-role")
    row = next(r for r in get_csv(client, "roles")[1] if r["slug"] == "test-role")
    expected = {
        "pathway_category": "supervisor-or-leader",
        "pathway_category_label": "Supervisor or leader",
        "pathway_reason": "It leads a shift while still giving care.",
        "level_basis": "judgement",
        "level_reason": "Leads others; below a manager.",
        "top_role_reason": "The top of the provider's care ladder.",
    }
    assert {name: record[name] for name in expected} == expected
    assert {name: row[name] for name in expected} == expected
    assert record["top_role"] is True and row["top_role"] == "true"
    assert record["pathway_source"] == str(source)


def test_a_role_in_no_category_has_empty_pathway_fields(client, content):
    make_role(save=True)
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "test-role")
    assert record["pathway_category"] == record["pathway_category_label"] == record["pathway_reason"] == ""
    assert record["top_role"] is False and record["top_role_reason"] == ""


def test_role_figures_come_with_their_source(client, content):
    role = Role.objects.filter(pay_median__isnull=False).select_related("pay_source").first()
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == role.slug)
    assert record["pay_median"] == float(role.pay_median)
    assert record["pay_year"] == role.pay_year
    assert record["pay_source"] == str(role.pay_source)
    assert record["pay_source_url"] == (role.pay_source.url or None)


def test_missing_figures_are_null_in_json_and_empty_in_csv(client, content):
    make_role(save=True, pathway_category="")
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "test-role")
    assert record["pay_min"] is None and record["pay_source"] is None and record["standard"] is None
    row = next(r for r in get_csv(client, "roles")[1] if r["slug"] == "test-role")
    assert row["pay_min"] == row["pay_source"] == row["standard"] == row["last_reviewed"] == ""


def test_standards_json_quotes_every_ksb_in_order(client, leader_in_adult_care):
    records = {record["reference"]: record for record in get_json(client, "standards")["records"]}
    assert set(records) == set(OccupationalStandard.objects.values_list("reference", flat=True))
    expected = [
        {"code": ksb.code, "kind": ksb.kind, "number": ksb.number, "statement": ksb.statement}
        for ksb in KSB.objects.filter(standard=leader_in_adult_care).ordered()
    ]
    assert records["ST0008"]["ksbs"] == expected


def test_progression_links_json_holds_every_link(client, content):
    records = get_json(client, "progression-links")["records"]
    pairs = {(r["from_role"], r["to_role"]) for r in records}
    assert pairs == set(ProgressionLink.objects.values_list("from_role__slug", "to_role__slug"))
    link = ProgressionLink.objects.filter(qualifications__isnull=False).first()
    record = next(r for r in records if (r["from_role"], r["to_role"]) == (link.from_role.slug, link.to_role.slug))
    assert record["qualifications"] == sorted(link.qualifications.values_list("slug", flat=True))


def test_qualifications_json_holds_every_qualification(client, nvq_level_3):
    records = {record["slug"]: record for record in get_json(client, "qualifications")["records"]}
    assert set(records) == set(Qualification.objects.values_list("slug", flat=True))
    record = records[nvq_level_3.slug]
    assert record["is_legacy"] is nvq_level_3.is_legacy
    assert record["replaced_by"] == (nvq_level_3.replaced_by.slug if nvq_level_3.replaced_by else None)


# CSV


def test_roles_csv_columns_come_in_a_stable_order(client, content):
    header, _ = get_csv(client, "roles")
    assert header[:8] == ["slug", "title", "page_url", "summary", "sector", "setting", "setting_detail", "level"]
    assert header[-4:] == ["standard", "qualifications", "sources", "last_reviewed"]
    assert header == csv_columns(DATASETS["roles"])


def test_standards_csv_has_one_row_per_ksb_with_its_standard_columns(client, content):
    header, rows = get_csv(client, "standards")
    assert header[:3] == ["reference", "title", "page_url"]
    assert header[-4:] == ["ksb_code", "ksb_kind", "ksb_number", "ksb_statement"]
    without_ksbs = OccupationalStandard.objects.filter(ksbs__isnull=True).count()  # ST0480: a row of its own
    assert len(rows) == KSB.objects.count() + without_ksbs
    for ksb in KSB.objects.select_related("standard"):
        row = next(r for r in rows if r["reference"] == ksb.standard.reference and r["ksb_code"] == ksb.code)
        assert row["ksb_statement"] == ksb.statement
        assert row["title"] == ksb.standard.title


def test_a_standard_without_ksbs_still_has_a_row(client, leader_in_adult_care):
    standard = OccupationalStandard.objects.create(
        reference="ST9999", title="Test standard", level=3, source=leader_in_adult_care.source
    )
    rows = [r for r in get_csv(client, "standards")[1] if r["reference"] == standard.reference]
    assert len(rows) == 1
    assert rows[0]["ksb_code"] == rows[0]["ksb_statement"] == ""


@pytest.mark.parametrize("name, key", [("roles", "slug"), ("qualifications", "slug")])
def test_csv_has_a_row_for_every_record(client, content, name, key):
    _, rows = get_csv(client, name)
    model = {"roles": Role, "qualifications": Qualification}[name]
    assert [row[key] for row in rows] == sorted(model.objects.values_list(key, flat=True))


def test_progression_links_csv_has_a_row_for_every_link(client, content):
    _, rows = get_csv(client, "progression-links")
    assert len(rows) == ProgressionLink.objects.count()
    assert {(r["from_role"], r["to_role"]) for r in rows} == set(
        ProgressionLink.objects.values_list("from_role__slug", "to_role__slug")
    )


def test_commas_quotes_line_breaks_and_pound_signs_survive_the_round_trip(client, content):
    summary = 'Pays £12.50 an hour, "before tax";\nsee the note, then ask.'
    make_role(save=True, summary=summary, responsibilities="Lead the team, kindly\nKeep “records”")
    row = next(r for r in get_csv(client, "roles")[1] if r["slug"] == "test-role")
    assert row["summary"] == summary
    assert row["responsibilities"] == "Lead the team, kindly\nKeep “records”"
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "test-role")
    assert record["summary"] == summary
    assert record["responsibilities"] == ["Lead the team, kindly", "Keep “records”"]


def test_real_pound_signs_round_trip_as_utf8(client, content):
    role = Role.objects.filter(pay_note__contains="£").first() or Role.objects.filter(summary__contains="£").first()
    assert role is not None, "the content has a £ sign to check"
    raw = client.get("/data/roles.csv").content
    assert raw.startswith(b"\xef\xbb\xbf")
    assert "£".encode() in raw
    row = next(r for r in get_csv(client, "roles")[1] if r["slug"] == role.slug)
    assert "£" in row["pay_note"] + row["summary"]


def test_csv_rows_end_with_crlf_as_spreadsheets_expect(client, content):
    raw = client.get("/data/qualifications.csv").content.decode("utf-8")
    assert raw.split("\n", 1)[0].endswith("\r")


def test_a_cell_that_looks_like_a_formula_is_kept_as_text(client, content):
    make_role(save=True, title='=HYPERLINK("http://example.com")', responsibilities="+44 helpline\n@ home visits")
    row = next(r for r in get_csv(client, "roles")[1] if r["slug"] == "test-role")
    assert row["title"] == '\'=HYPERLINK("http://example.com")'
    assert row["responsibilities"] == "'+44 helpline\n@ home visits"
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "test-role")
    assert record["title"] == '=HYPERLINK("http://example.com")'


def test_booleans_read_true_or_false(client, content):
    _, rows = get_csv(client, "qualifications")
    assert {row["is_legacy"] for row in rows} == {"true", "false"}


# With the site-wide page cache on


def test_a_cached_download_keeps_its_attachment_headers(client, content, page_cache, django_assert_max_num_queries):
    first = client.get("/data/roles.csv")
    with django_assert_max_num_queries(1):
        second = client.get("/data/roles.csv")
    assert second.content == first.content
    assert second["Content-Disposition"] == 'attachment; filename="care-career-paths-roles.csv"'
    assert second["Content-Type"] == "text/csv; charset=utf-8"


def test_a_saved_edit_shows_in_the_next_download(client, deputy_manager, page_cache):
    client.get("/data/roles.json")
    deputy_manager.summary = "A new summary, with £ and a comma."
    deputy_manager.save()
    record = next(r for r in get_json(client, "roles")["records"] if r["slug"] == "deputy-manager")
    assert record["summary"] == "A new summary, with £ and a comma."
