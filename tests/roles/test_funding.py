"""Apprenticeships as they can be started today: every page that suggests one shows its funding in plain words.

ST0007 (lead practitioner in adult care) is set withdrawn for new starts from September 2026, and the level 4
diploma is recorded as taken inside it; each page that suggests either says so beside it.
"""

import json

import pytest

from qualifications.models import OccupationalStandard
from roles.models import RoleQualification
from tests.truth import WITHDRAWN, page_text, withdraw_st0007

pytestmark = pytest.mark.django_db


@pytest.fixture
def withdrawn(content):
    return withdraw_st0007()


def test_profile_shows_funding_beside_its_standard_and_its_apprenticeship_qualification(client, withdrawn):
    response = client.get("/roles/lead-practitioner/")
    assert response.status_code == 200
    text = page_text(response)
    assert f"Lead practitioner in adult care (ST0007, level 4) {WITHDRAWN}" in text
    diploma = RoleQualification.objects.get(role__slug="lead-practitioner", qualification__slug="l4-diploma-adult-care")
    note = diploma.note
    assert f"Level 4 Diploma in Adult Care: {note} {WITHDRAWN}" in text


def test_compare_shows_funding_in_the_standard_row_the_qualifications_and_what_you_would_add(client, withdrawn):
    response = client.get("/compare/?roles=senior-care-worker&roles=lead-practitioner")
    assert response.status_code == 200
    page = response.content.decode()
    standard_row = page.split('id="row-standard"')[1].split("</tr>")[0]
    qualifications_row = page.split('id="row-qualifications"')[1].split("</tr>")[0]
    to_add = page.split('id="change-qualifications"')[1].split("</dd>")[0]
    for fragment in (standard_row, qualifications_row, to_add):
        assert WITHDRAWN in fragment


def test_pathway_step_shows_funding_beside_the_qualification_to_gain(client, withdrawn):
    response = client.get("/pathway/senior-care-worker/lead-practitioner/")
    assert response.status_code == 200
    step = response.content.decode().split("Qualifications to gain")[1].split("What you would take on")[0]
    assert WITHDRAWN in step


def test_skills_plan_shows_funding_beside_the_apprenticeship_and_the_qualifications(client, withdrawn):
    response = client.get("/skills-check/plan/?target=lead-practitioner&current=senior-care-worker&have=K1")
    assert response.status_code == 200
    learning = page_text(response).split("Learning that covers these")[1].split("Your route from here")[0]
    assert f"ST0007 Lead practitioner in adult care apprenticeship {WITHDRAWN}" in learning
    assert learning.count(WITHDRAWN) == 2  # the apprenticeship and the level 4 diploma inside it


def test_skills_result_for_a_checklist_of_qualifications_shows_funding(client, content):
    withdraw_st0007(apprenticeship_of="l5-diploma-leadership-management-adult-care")
    response = client.get("/skills-check/result/?target=service-manager&current=registered-manager&have=")
    assert response.status_code == 200
    assert WITHDRAWN in page_text(response).split("Learning that covers your gaps")[1]


def test_open_data_standards_carry_funding_status_date_and_source(client, withdrawn):
    OccupationalStandard.objects.filter(reference="ST0006").update(funding_status="", funding_source=None)
    records = {r["reference"]: r for r in json.loads(client.get("/data/standards.json").content)["records"]}
    st0007 = records["ST0007"]
    assert st0007["funding_status"] == "withdrawn"
    assert st0007["funding_from"] == "2026-09-01"
    assert st0007["funding_source"].startswith("Skills England")
    assert st0007["funding_source_url"]
    assert records["ST0006"]["funding_status"] == "" and records["ST0006"]["funding_from"] is None
    assert records["ST0006"]["funding_source"] is None
    assert records["ST0008"]["funding_status"] == "funded" and records["ST0008"]["funding_from"] is None


def test_open_data_qualifications_carry_their_apprenticeship_and_its_funding(client, withdrawn):
    response = client.get("/data/qualifications.json")
    records = {r["slug"]: r for r in json.loads(response.content)["records"]}
    assert records["l4-diploma-adult-care"]["apprenticeship"] == "ST0007"
    assert records["l4-diploma-adult-care"]["apprenticeship_funding"] == WITHDRAWN
    assert records["mba"]["apprenticeship"] is None and records["mba"]["apprenticeship_funding"] == ""


def test_the_data_page_documents_the_funding_fields_from_the_spec(client, content):
    text = page_text(client.get("/data/"))
    for name in ("funding_status", "funding_from", "funding_source", "apprenticeship_funding", "alternatives"):
        assert name in text
    assert "One of: funded, withdrawn, under_22, new_version." in text
