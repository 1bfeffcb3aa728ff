"""The fixtures are the product's truth: KSBs word for word, the roles users ask for, every figure sourced."""

import json
import re
from pathlib import Path

import pytest

from qualifications.models import KSB, OccupationalStandard, Qualification
from roles.models import ProgressionLink, Role

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


@pytest.mark.parametrize(
    "filename", ["ST0005.json", "ST0006.json", "ST0007.json", "ST0008_crosscheck.json", "ST0510.json"]
)
def test_ksbs_match_the_official_standard_word_for_word(content, filename):
    official = json.loads((DATA / "standards" / filename).read_text(encoding="utf-8"))
    ours = {k.code: k.statement for k in KSB.objects.filter(standard__reference=official["reference"])}
    assert ours == {item["code"]: fold(item["statement"]) for item in official["ksbs"]}


def test_standards_carry_their_published_facts(leader_in_adult_care):
    assert leader_in_adult_care.occupation_code == "OCC0008"
    assert leader_in_adult_care.level == 5
    assert leader_in_adult_care.median_salary == 24072
    assert leader_in_adult_care.median_salary_source is not None
    assert "6136" in leader_in_adult_care.soc_codes
    assert "Deputy Manager" in leader_in_adult_care.job_titles


@pytest.mark.parametrize(
    "slug", ["adult-care-worker", "senior-social-worker", "deputy-manager", "registered-manager", "social-worker"]
)
def test_the_roles_users_ask_for_exist(content, slug):
    assert Role.objects.filter(slug=slug).exists()


def test_at_least_twelve_roles_all_on_the_map(content):
    roles = Role.objects.all()
    assert roles.count() >= 12
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
    }
