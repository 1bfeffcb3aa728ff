"""The fixtures are the product's truth: KSBs word for word, the roles users ask for, every figure sourced."""

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import pytest

from qualifications.models import KSB, OccupationalStandard, Qualification, Source
from roles.models import ProgressionLink, Role, RoleQualification

pytestmark = pytest.mark.django_db

DATA = Path(__file__).resolve().parents[2] / "data"


def fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def test_st0008_ksbs_match_the_occupational_map_word_for_word(leader_in_adult_care):
    published = {}
    for line in (DATA / "occ0008_map_ksbs.txt").read_text(encoding="utf-8").splitlines():
        if line.strip():
            code, statement = line.split(": ", 1)
            published[code] = fold(statement)
    ours = {ksb.code: ksb.statement for ksb in KSB.objects.filter(standard=leader_in_adult_care)}
    assert len(published) == 45
    assert ours == published


OFFICIAL_FILES = [
    "ST0005.json",
    "ST0006.json",
    "ST0007.json",
    "ST0008_crosscheck.json",
    "ST0510.json",
    "ST0216.json",
    "ST0217.json",
    "ST0384.json",
    "ST0385.json",
    "ST0517.json",
    "ST0781.json",
    "ST0827.json",
    "ST1380.json",
]


@pytest.mark.parametrize("filename", OFFICIAL_FILES)
def test_ksbs_match_the_official_standard_word_for_word(content, filename):
    official = json.loads((DATA / "standards" / filename).read_text(encoding="utf-8"))
    ours = {k.code: k.statement for k in KSB.objects.filter(standard__reference=official["reference"])}
    assert ours == {item["code"]: fold(item["statement"]) for item in official["ksbs"]}


def official_options(official: dict) -> dict[str, str]:
    """Each KSB's option by the standard's duty mapping: 'core' if a core duty maps it, else its option numbers.

    The option duties come in option order (ST0217: D10 is option 1 ... D16 is option 7).
    """
    core, options = set(), {}
    option_duties = [duty for duty in official["duties"] if not duty["isThisACoreDuty"]]
    for duty in official["duties"]:
        if duty["isThisACoreDuty"]:
            core.update(duty["ksbs"])
    for number, duty in enumerate(option_duties, start=1):
        for code in duty["ksbs"]:
            options.setdefault(code, []).append(number)
    return {
        item["code"]: "core" if item["code"] in core else ",".join(str(n) for n in options.get(item["code"], []))
        for item in official["ksbs"]
    }


def test_st0217_core_and_options_follow_the_official_duty_mapping(content):
    official = json.loads((DATA / "standards" / "ST0217.json").read_text(encoding="utf-8"))
    standard = OccupationalStandard.objects.get(reference="ST0217")
    ours = {k.code: k.option for k in KSB.objects.filter(standard=standard)}
    assert ours == official_options(official)
    assert len(standard.option_list) == len([d for d in official["duties"] if not d["isThisACoreDuty"]]) == 7
    assert {code for code, option in ours.items() if option == "core"} >= {"K1", "K28", "S1", "S28", "B1", "B3"}


def test_standards_without_options_have_no_option_on_their_ksbs(content):
    assert not KSB.objects.exclude(standard__reference="ST0217").exclude(option="").exists()


def test_standards_carry_their_published_facts(leader_in_adult_care):
    assert leader_in_adult_care.occupation_code == "OCC0008"
    assert leader_in_adult_care.level == 5
    assert leader_in_adult_care.median_salary == 24072
    assert leader_in_adult_care.median_salary_source is not None
    assert "6136" in leader_in_adult_care.soc_codes
    assert "Deputy Manager" in leader_in_adult_care.job_titles


NEW_ROLES = [
    "enhanced-care-worker",
    "nursing-associate",
    "nurse-in-social-care",
    "occupational-therapist",
    "reablement-worker",
    "home-care-coordinator",
    "activities-coordinator",
    "care-trainer",
    "best-interests-assessor",
    "nominated-individual",
]


@pytest.mark.parametrize(
    "slug",
    ["adult-care-worker", "senior-social-worker", "deputy-manager", "registered-manager", "social-worker", *NEW_ROLES],
)
def test_the_roles_users_ask_for_exist(content, slug):
    assert Role.objects.filter(slug=slug).exists()


def test_every_care_workforce_pathway_category_has_a_role(content):
    placed = set(Role.objects.exclude(pathway_category="").values_list("pathway_category", flat=True))
    assert placed == set(Role.PathwayCategory.values)


def test_at_least_thirty_roles_all_on_the_map(content):
    roles = Role.objects.all()
    assert roles.count() >= 30
    linked = set(ProgressionLink.objects.values_list("from_role__slug", flat=True))
    linked |= set(ProgressionLink.objects.values_list("to_role__slug", flat=True))
    assert {r.slug for r in roles} <= linked


def test_every_role_has_its_own_words_and_qualifications(content):
    for role in Role.objects.prefetch_related("role_qualifications"):
        assert role.summary and role.responsibility_list, role.slug
        assert role.role_qualifications.exists(), role.slug


def test_legacy_awards_point_to_their_successors(content):
    replaced = {q.slug: q.replaced_by for q in Qualification.objects.legacy().select_related("replaced_by")}
    assert any("TAQA" in (r.name if r else "") or "Assessing" in (r.name if r else "") for r in replaced.values())
    assert all(q.is_legacy for q in Qualification.objects.filter(replaced_by__isnull=False))


def test_standards_loaded(content):
    assert set(OccupationalStandard.objects.values_list("reference", flat=True)) == {
        "ST0005",
        "ST0006",
        "ST0007",
        "ST0008",
        "ST0510",
        "ST0216",
        "ST0217",
        "ST0384",
        "ST0385",
        "ST0480",
        "ST0517",
        "ST0781",
        "ST0827",
        "ST1380",
    }


# --- the content-truth rules (issue 13), on the real fixtures ------------------------------------------------------


def test_every_source_gives_the_page_itself_and_says_how_old_it_is(content):
    for source in Source.objects.all():
        address = urlparse(source.url)
        assert address.scheme in ("http", "https") and (address.path.strip("/") or address.query), source.key
        assert "limitlesscommunitycare" not in address.netloc, source.key
        assert source.year or source.checked, source.key


def test_no_figure_is_newer_than_its_source(content):
    for role in Role.objects.select_related("pay_source"):
        if role.has_pay:
            assert role.pay_year <= role.pay_source.as_of_year, role.slug
    for standard in OccupationalStandard.objects.select_related("median_salary_source"):
        if standard.median_salary is not None:
            assert standard.median_salary_year <= standard.median_salary_source.as_of_year, standard.reference


def test_every_standard_says_whether_new_starts_are_funded_with_its_source(content):
    standards = OccupationalStandard.objects.all()
    assert all(s.funding_status and s.funding_source_id for s in standards)
    withdrawn = {s.reference for s in standards if s.funding_status == "withdrawn"}
    assert withdrawn == {"ST0007", "ST0384", "ST0385", "ST1380"}
    assert standards.get(reference="ST0480").funding_status == "under_22"
    for qualification in Qualification.objects.filter(name__icontains="apprenticeship"):
        assert qualification.apprenticeship_id, qualification.slug


def test_one_of_groups_have_no_essential_member_and_asye_is_typical(content):
    assert not RoleQualification.objects.exclude(alternatives="").filter(relevance="essential").exists()
    group = RoleQualification.objects.filter(role__slug="social-worker", alternatives="social-work-qualification")
    assert set(group.values_list("qualification__slug", flat=True)) == {
        "social-work-degree",
        "social-work-masters-degree",
        "social-worker-degree-apprenticeship",
    }
    assert not RoleQualification.objects.filter(qualification__slug="asye", relevance="essential").exists()


def test_every_role_level_has_a_basis(content):
    for role in Role.objects.select_related("standard"):
        if role.level_basis == "standard":
            assert role.standard and role.level == role.standard.level, role.slug
        else:
            assert role.level_basis == "judgement" and role.level_reason, role.slug


def test_every_role_leads_somewhere_or_is_a_top_role_with_a_reason(content):
    leads = set(ProgressionLink.objects.values_list("from_role__slug", flat=True))
    for role in Role.objects.all():
        assert role.slug in leads or (role.top_role and role.top_role_reason), role.slug


def test_the_two_roles_the_product_grew_from_are_connected(client, content):
    response = client.get("/pathway/deputy-manager/senior-social-worker/")
    assert response.status_code == 200 and "No route found" not in response.content.decode()


def test_care_worker_registration_says_where_the_rest_of_the_uk_differs(content):
    england_only = Role.objects.filter(registration__icontains="no professional register for care workers in England")
    assert england_only.exists()
    for role in england_only:
        for body in ("Social Care Wales", "SSSC", "NISCC"):
            assert body in role.registration, role.slug


def test_no_internal_notes_in_product_copy(content):
    texts = [q.summary for q in Qualification.objects.all()]
    texts += [r.summary + r.manages + r.registration + r.pay_note for r in Role.objects.all()]
    for text in texts:
        assert "We have not been able" not in text and "not been able to confirm" not in text
