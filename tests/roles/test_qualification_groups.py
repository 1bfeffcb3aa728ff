""" "One of these", not "all of these": the grouping rule, and the profile, compare, pathway and skills check.

In the tests that load pages, the social work degree, the master's and the degree apprenticeship are made one
essential group for the roles named, or each essential on its own (tests/truth.py), whatever the content says.
"""

import re

import pytest

from qualifications.models import Qualification
from roles.compare.facts import QualificationFacts, RoleFacts
from roles.compare.rows import build_rows, what_changes
from roles.ksbs import share_ksbs
from roles.models import RoleQualification
from roles.qualification_groups import Requirement, by_relevance, is_met, one_of_text, requirements
from tests.conftest import page_at
from tests.truth import (
    SOCIAL_WORK_ROUTES,
    group_social_work_routes,
    page_text,
    separate_social_work_routes,
    text_of,
)


def facts(slug, relevance="essential", alternatives=""):
    return QualificationFacts(slug, slug, f"/q/{slug}/", relevance, relevance.capitalize(), alternatives=alternatives)


DEGREES = [facts("degree", alternatives="sw"), facts("masters", alternatives="sw"), facts("apprenticeship", "typical")]


def test_a_group_is_one_requirement_at_its_first_members_place():
    found = requirements([facts("asye", "typical"), *DEGREES])
    assert [sorted(r.slugs) for r in found] == [["asye"], ["degree", "masters"], ["apprenticeship"]]
    assert [r.one_of for r in found] == [False, True, False]
    assert found[1].relevance == "essential"


def test_holding_any_member_meets_the_group():
    group = requirements(DEGREES)[0]
    assert is_met(group, {"masters"})
    assert not is_met(group, {"apprenticeship"})


def test_requirements_come_under_their_relevance():
    assert [(g["heading"], len(g["items"])) for g in by_relevance(requirements(DEGREES))] == [
        ("Essential", 1),
        ("Typical", 1),
    ]


def test_one_of_reads_as_a_list_with_or():
    assert one_of_text(["A", "B", "C"]) == "One of: A, B or C"
    assert one_of_text(["A"]) == "A"


# --- Compare (pure rows) ----------------------------------------------------------------------------------


def role(slug, qualifications):
    return RoleFacts(slug=slug, title=slug.capitalize(), qualifications=qualifications)


def rows(roles):
    return {row.key: row for row in build_rows(roles, share_ksbs(roles))}


def test_compare_counts_a_group_as_one_requirement_met_by_any_member():
    current = role("a", [facts("masters", "typical")])
    target = role("b", DEGREES)
    change = what_changes(current, target, share_ksbs([current, target])[1], None)
    assert [sorted(r.slugs) for r in change.qualifications_in_common] == [["degree", "masters"]]
    assert [[sorted(r.slugs) for r in g["items"]] for g in change.qualifications_to_add] == [[["apprenticeship"]]]


def test_compare_does_not_count_a_group_as_met_by_a_qualification_outside_it():
    current = role("a", [facts("apprenticeship")])
    change = what_changes(current, role("b", DEGREES), share_ksbs([current, role("b", DEGREES)])[1], None)
    assert [sorted(r.slugs) for g in change.qualifications_to_add for r in g["items"]] == [["degree", "masters"]]


def test_compare_differs_when_the_same_qualifications_are_a_group_in_one_role_only():
    grouped = role("a", DEGREES)
    separate = role("b", [facts("degree"), facts("masters"), facts("apprenticeship", "typical")])
    assert rows([grouped, separate])["qualifications"].differs
    assert not rows([grouped, role("c", list(DEGREES))])["qualifications"].differs


def test_requirement_key_is_its_members_and_relevance():
    assert Requirement("essential", tuple(DEGREES[:2])).key == (frozenset({"degree", "masters"}), "essential")


# --- Pages ------------------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_lists_a_group_under_one_of(client, content):
    group_social_work_routes("social-worker")
    text = text_of(page_at(client, "/roles/social-worker/"))
    essential = text.split("Qualifications Essential")[1].split("Typical")[0]
    assert essential.startswith(" One of:")
    for name in Qualification.objects.filter(slug__in=SOCIAL_WORK_ROUTES).values_list("name", flat=True):
        assert name in essential


@pytest.mark.django_db
def test_compare_summary_adds_a_group_once(client, content):
    group_social_work_routes("social-worker")
    response = client.get("/compare/?roles=social-work-assistant&roles=social-worker")
    page = response.content.decode()
    to_add = page.split('id="change-qualifications"')[1].split("</dd>")[0]
    assert to_add.count("One of:") == 1
    cell = page.split('id="row-qualifications"')[1].split("</tr>")[0]
    assert cell.count("One of:") == 1


@pytest.mark.django_db
def test_compare_summary_counts_a_group_met_when_the_current_role_holds_a_member(client, content):
    group_social_work_routes("senior-social-worker")
    response = client.get("/compare/?roles=case-manager&roles=senior-social-worker")
    to_add = response.content.decode().split('id="change-qualifications"')[1].split("</dd>")[0]
    assert "social-work-masters-degree" not in to_add  # case managers list the degree: the group is met
    assert "Listed for both roles" in to_add and "one of" in to_add


@pytest.mark.django_db
def test_pathway_counts_a_group_once_and_any_member_meets_it(client, content):
    group_social_work_routes("social-worker", "senior-social-worker")
    page = client.get("/pathway/social-work-assistant/social-worker/").content.decode()
    step = page.split("Qualifications to gain")[1].split("What you would take on")[0]
    assert step.count("One of:") == 1 and step.count("<li>") == 1
    assert "1 to gain along the way" in text_of(page)
    # Case managers list the degree, so the senior social worker's "one of" is met: not a qualification to gain.
    step = client.get("/pathway/case-manager/senior-social-worker/").content.decode().split("Qualifications to gain")[1]
    step = step.split("What you would take on")[0]
    assert "social-work-masters-degree" not in step and "One of:" not in step


@pytest.mark.django_db
def test_without_a_group_the_pathway_asks_for_each_essential_degree(client, content):
    separate_social_work_routes("senior-social-worker")
    step = client.get("/pathway/case-manager/senior-social-worker/").content.decode().split("Qualifications to gain")[1]
    assert "social-work-masters-degree" in step.split("What you would take on")[0]


@pytest.mark.django_db
def test_skills_check_has_one_item_for_a_group(client, content):
    group_social_work_routes("senior-social-worker")
    text = text_of(page_at(client, "/skills-check/check/?target=senior-social-worker"))
    listed = list(
        RoleQualification.objects.filter(role__slug="senior-social-worker", qualification__slug__in=SOCIAL_WORK_ROUTES)
        .ordered()
        .values_list("qualification__name", flat=True)
    )
    assert len(listed) > 1
    assert text.count("One of: ") == 1
    assert f"{one_of_text(listed)} (essential)" in text


@pytest.mark.django_db
def test_skills_check_treats_holding_a_member_as_meeting_the_group(client, content):
    group_social_work_routes("senior-social-worker")
    separate_social_work_routes("principal-social-worker")  # each route essential: they hold the group's members
    page = client.get("/skills-check/check/?target=senior-social-worker&current=principal-social-worker")
    code = re.search(r"(Q\d+) One of: ", page_text(page)).group(1)
    boxes = re.findall(r'<input[^>]*type="checkbox"[^>]*>', page.content.decode())
    group_box = next(box for box in boxes if f'value="{code}"' in box)
    assert "checked" in group_box


@pytest.mark.django_db
def test_skills_plan_lists_a_group_as_one_entry(client, content):
    group_social_work_routes("senior-social-worker")
    response = client.get("/skills-check/plan/?target=senior-social-worker&have=")
    learning = page_text(response).split("Learning that covers these")[1].split("Your route from here")[0]
    assert learning.count("One of:") == 1
