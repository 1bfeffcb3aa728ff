import re
from urllib.parse import parse_qs, urlencode, urlsplit

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone
from django.utils.html import escape

from qualifications.models import KSB
from roles.ksbs import fold
from roles.models import Role, RoleQualification
from tests.conftest import error_summary_at

pytestmark = pytest.mark.django_db

JOURNEY = "target=deputy-manager&current=senior-care-worker"
CHECK_QUERIES = 3  # roles with standards, KSBs, role qualifications
PATHWAY_QUERIES = 7  # roles/pathways/pathway.py pathway_page: at most seven, whatever the route
RESULT_QUERIES = CHECK_QUERIES + 1 + PATHWAY_QUERIES  # + qualifications named for moves into the target


def page_of(response) -> str:
    return response.content.decode()


def checked_codes(page: str) -> set[str]:
    return set(re.findall(r'value="([KSBRQ]\d+)"\s+checked', page))


def shared_wording(target_ref: str, current_ref: str) -> set[str]:
    held = {fold(k.statement) for k in KSB.objects.filter(standard__reference=current_ref)}
    return {k.code for k in KSB.objects.filter(standard__reference=target_ref) if fold(k.statement) in held}


# Step 1


def test_start_page_offers_every_role_for_both_questions(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(CHECK_QUERIES):
        response = client.get("/skills-check/")
    assert response.status_code == 200
    page = page_of(response)
    assert "Check your skills against a role" in page
    for slug in Role.objects.values_list("slug", flat=True):
        assert page.count(f'value="{slug}"') == 2
    assert 'action="/skills-check/check/"' in page
    assert 'method="get"' in page


def test_start_page_keeps_the_roles_from_a_change_link(client, content):
    page = page_of(client.get("/skills-check/?target=deputy-manager&current=senior-care-worker"))
    assert re.search(r'value="deputy-manager"\s+selected', page)
    assert re.search(r'value="senior-care-worker"\s+selected', page)


@pytest.mark.parametrize(
    "query, message",
    [
        ("", "Choose the role you want"),
        ("target=astronaut", "Choose the role you want from the list"),
        ("target=deputy-manager&current=astronaut", "Choose the role you have now from the list, or leave it empty"),
        ("target=deputy-manager&current=deputy-manager", "Choose a role you have now that is different"),
    ],
)
def test_bad_roles_answer_400_with_the_step_1_errors(client, content, query, message):
    error_summary_at(client, f"/skills-check/check/?{query}", message)


def test_a_bad_current_role_keeps_the_chosen_target(client, content):
    page = page_of(client.get("/skills-check/check/?target=deputy-manager&current=astronaut"))
    assert re.search(r'value="deputy-manager"\s+selected', page)


# Step 2


def test_checklist_quotes_every_ksb_of_the_target_standard_under_its_kind(
    client, deputy_manager, django_assert_max_num_queries
):
    with django_assert_max_num_queries(CHECK_QUERIES):
        response = client.get(f"/skills-check/check/?{JOURNEY}")
    assert response.status_code == 200
    page = page_of(response)
    for heading in ("Knowledge", "Skills", "Behaviours"):
        assert re.search(rf"<h2 class=\"govuk-fieldset__heading\">\s*{heading}\s*</h2>", page)
    for ksb in KSB.objects.filter(standard=deputy_manager.standard):
        assert escape(ksb.statement) in page
        assert f'value="{ksb.code}"' in page
    assert 'action="/skills-check/result/"' in page


def test_checklist_premarks_what_the_current_role_shares_for_you_to_confirm(client, content):
    page = page_of(client.get(f"/skills-check/check/?{JOURNEY}"))
    expected = shared_wording("ST0008", "ST0006")
    assert expected, "ST0006 and ST0008 share some wording"
    assert checked_codes(page) == expected
    assert page.count("Likely already covered") == len(expected)
    assert f"We have ticked {len(expected)} that your current role, Senior care worker" in page


def test_roles_under_the_same_standard_premark_the_whole_standard(client, content):
    page = page_of(client.get("/skills-check/check/?target=deputy-manager&current=registered-manager"))
    assert checked_codes(page) == {k.code for k in KSB.objects.filter(standard__reference="ST0008")}
    assert "comes under the same standard" in page


def test_checklist_ticks_from_the_url_when_coming_back_to_change(client, content):
    page = page_of(client.get(f"/skills-check/check/?{JOURNEY}&have=K1-K2,B3"))
    assert checked_codes(page) == {"K1", "K2", "B3"}


def test_a_role_without_a_standard_is_checked_on_responsibilities_and_qualifications(client, content):
    role = Role.objects.get(slug="case-manager")
    response = client.get("/skills-check/check/?target=case-manager")
    page = page_of(response)
    assert response.status_code == 200
    assert "has no apprenticeship standard with KSBs on this site" in page
    for n, line in enumerate(role.responsibility_list, start=1):
        assert escape(line) in page and f'value="R{n}"' in page
    for n, rq in enumerate(RoleQualification.objects.filter(role=role).ordered().select_related("qualification"), 1):
        assert escape(rq.qualification.name) in page and f'value="Q{n}"' in page


# Step 3


def test_the_checklist_form_lands_on_the_compact_url(client, content):
    response = client.get(f"/skills-check/result/?{JOURNEY}&k=K1&k=K2&k=K3&k=K5&s=S4&b=B1&b=B2")
    assert response.status_code == 302
    assert response["Location"] == f"/skills-check/result/?{JOURNEY}&have=K1-K3,K5,S4,B1-B2"


def test_nothing_ticked_is_a_result_too(client, content):
    response = client.get(f"/skills-check/result/?{JOURNEY}")
    assert response["Location"] == f"/skills-check/result/?{JOURNEY}&have="
    assert "You can show <strong>0 of the 45</strong>" in page_of(client.get(response["Location"]))


def test_result_counts_what_you_can_show_and_lists_every_gap(client, deputy_manager, django_assert_max_num_queries):
    with django_assert_max_num_queries(RESULT_QUERIES):
        response = client.get(f"/skills-check/result/?{JOURNEY}&have=K1-K3,S1,B1-B6")
    assert response.status_code == 200
    page = page_of(response)
    total = KSB.objects.filter(standard=deputy_manager.standard).count()
    assert f"You can show <strong>10 of the {total}</strong>" in page
    assert f"{(200 * 10 + total) // (2 * total)}%" in page
    for ksb in KSB.objects.filter(standard=deputy_manager.standard).exclude(kind="B").exclude(number__lte=3, kind="K"):
        if ksb.code != "S1":
            assert escape(ksb.statement) in page
    assert escape(KSB.objects.get(standard=deputy_manager.standard, kind="K", number=1).statement) not in page


def test_result_names_the_learning_and_the_rule_that_matched(client, deputy_manager):
    page = page_of(client.get(f"/skills-check/result/?{JOURNEY}&have=K1"))
    assert "ST0008 Leader in adult care apprenticeship" in page
    assert "teaches and assesses every KSB in this standard" in page
    for rq in RoleQualification.objects.filter(role=deputy_manager).select_related("qualification"):
        assert escape(rq.qualification.name) in page
        assert escape(f"The {deputy_manager.title} role lists it as {rq.get_relevance_display().lower()}.") in page
    assert escape(f"Named for the move to {deputy_manager.title} from ") in page


def test_result_ranks_other_roles_you_are_close_to(client, content):
    page = page_of(client.get(f"/skills-check/result/?{JOURNEY}&have=K1-K5"))
    close = page.split('id="close-roles"')[1]
    # Roles under the same standard as the target share every KSB you ticked.
    assert "Registered manager" in close
    assert "5 of 45" in close
    assert "Deputy manager" not in close.split("</table>")[0]


def test_result_shows_the_route_from_your_current_role(client, content):
    page = page_of(client.get(f"/skills-check/result/?{JOURNEY}&have=K1"))
    route = page.split('id="pathway"')[1].split('id="close-roles"')[0]
    assert 'href="/pathway/senior-care-worker/deputy-manager/"' in route
    assert "The best route we know takes" in route
    assert "Senior care worker" in route


def test_without_a_current_role_the_result_asks_for_it_to_show_a_route(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(RESULT_QUERIES - PATHWAY_QUERIES):
        page = page_of(client.get("/skills-check/result/?target=deputy-manager&have=K1"))
    route = page.split('id="pathway"')[1].split('id="close-roles"')[0]
    assert 'href="/skills-check/?target=deputy-manager"' in route
    assert "/pathway/" not in route


def test_result_query_count_does_not_grow_with_the_selection(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(RESULT_QUERIES):
        client.get("/skills-check/result/?target=social-worker&current=social-work-assistant&have=K1-K40,S1-S30,B1-B9")


def test_bad_codes_are_explained_and_the_valid_part_kept(client, content):
    response = client.get(f"/skills-check/result/?{JOURNEY}&have=K1-K3,S99,X3,K40-K41,<b>")
    assert response.status_code == 400
    page = page_of(response)
    assert "Some of this web address could not be used" in page
    assert "S99 is not in ST0008 Leader in adult care" in page
    assert "We did not recognise “&lt;b&gt;”" in page
    assert "<b>" not in page.split("govuk-error-summary")[1].split("</ul>")[0]
    assert "You can show <strong>3 of the 45</strong>" in page
    assert f'href="/skills-check/result/?{escape(JOURNEY)}&amp;have=K1-K3"' in page


@pytest.mark.parametrize(
    "query",
    [
        "target=deputy-manager&have=%00",
        "target=deputy-manager&have=" + "K1-K99999," * 50,
        "target=%2E%2E%2F&have=K1",
        "target=deputy-manager&current=&have=K-,-K1,,,K1--K2,KK1,K1-K,K0",
        "target=deputy-manager&have=S1&have=S2&s=S3&zzz=1",
        "target=social-worker&have=" + "B" * 5000,
    ],
)
def test_hostile_state_never_fails(client, content, query):
    response = client.get(f"/skills-check/result/?{query}", follow=True)
    assert response.status_code in {200, 400}


def test_the_longest_selection_fits_in_a_url(client, content):
    """Every KSB of the largest standard (ST0510, 90 KSBs), as the form submits it and as the result keeps it."""
    codes = [k.code for k in KSB.objects.filter(standard__reference="ST0510").ordered()]
    assert len(codes) == 90
    submitted = "/skills-check/result/?" + urlencode(
        [("target", "social-worker"), ("current", "social-work-assistant")] + [(c[0].lower(), c) for c in codes]
    )
    assert len(submitted) < 2000
    response = client.get(submitted)
    assert response.status_code == 302
    assert len(response["Location"]) < 2000
    assert "You can show <strong>90 of the 90</strong>" in page_of(client.get(response["Location"]))


def test_even_a_scattered_selection_of_the_largest_standard_stays_short(client, content):
    codes = [k.code for k in KSB.objects.filter(standard__reference="ST0510").ordered()][::2]
    response = client.get(
        "/skills-check/result/?" + urlencode([("target", "social-worker")] + [("have", c) for c in codes])
    )
    assert len(response["Location"]) < 2000
    assert parse_qs(urlsplit(response["Location"]).query)["have"][0].count(",") == len(codes) - 1


# The plan


def test_plan_has_space_for_notes_a_review_date_and_says_where_and_when_it_was_printed(client, content):
    query = f"{JOURNEY}&have=K1-K3"
    response = client.get(f"/skills-check/plan/?{query}")
    assert response.status_code == 200
    page = page_of(response)
    today = timezone.localdate()
    printed = f"Printed from http://testserver/skills-check/plan/?{escape(query)} on {today:%-d %B %Y}"
    assert printed in page
    assert 'ccp-print-only ccp-printed-from"' in page
    assert "Notes from your adviser or supervisor" in page
    assert "Review date" in page
    assert "Personal development plan: " in page


def test_a_long_plan_lists_gap_codes_by_topic_instead_of_every_statement(client, content):
    page = page_of(client.get("/skills-check/plan/?target=social-worker&have="))
    first = KSB.objects.filter(standard__reference="ST0510").ordered().first()
    assert escape(first.statement) not in page
    assert "K1, " in page or "K1<" in page


# Nothing stored


def test_the_skills_check_stores_nothing_and_sets_no_cookies(client, content):
    sessions = Session.objects.count()
    for path in ("/skills-check/", f"/skills-check/check/?{JOURNEY}", f"/skills-check/result/?{JOURNEY}&have=K1"):
        response = client.get(path)
        assert not response.cookies
    assert Session.objects.count() == sessions


def test_the_skills_check_only_answers_get(client, content):
    assert client.post(f"/skills-check/result/?{JOURNEY}&have=K1").status_code == 405
