"""The pathway picker and the pathway page, through the test client."""

import datetime
import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualifications.models import KSB
from roles.ksbs import fold
from roles.models import ProgressionLink, Role
from roles.pathways import pathway
from tests.conftest import error_summary_at, examples, helpful_404_at, page_at
from tests.roles.pathways.pages import PATHWAY, add_synthetic_roles

pytestmark = pytest.mark.django_db


# --- /pathway/ ----------------------------------------------------------------------------------------------------


def test_picker_offers_every_role_grouped_by_level(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        page = page_at(client, "/pathway/")
    assert '<select name="from"' in page and '<select name="to"' in page
    assert '<optgroup label="Level 5">' in page
    for role in Role.objects.all():
        assert f'value="{role.slug}"' in page


def test_picker_redirects_to_the_pathway(client, content):
    response = client.get("/pathway/?from=adult-care-worker&to=registered-manager")
    assert response.status_code == 302
    assert response["Location"] == PATHWAY


@pytest.mark.parametrize(
    "query, message",
    [
        ("from=adult-care-worker", "Choose the role you want to move to."),
        ("to=registered-manager", "Choose the role you have now."),
        ("from=astronaut&to=registered-manager", "Choose the role you have now from the list."),
        ("from=deputy-manager&to=deputy-manager", "You chose Deputy manager of a care home twice"),
    ],
)
def test_bad_picker_input_answers_400_with_an_error_summary(client, content, query, message):
    page = error_summary_at(client, f"/pathway/?{query}", message)
    assert page.count("govuk-error-summary__list") == 1


@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30), st.text(max_size=30))
def test_picker_never_fails_on_hostile_input(client, content, start, goal):
    response = client.get("/pathway/", {"from": start, "to": goal})
    assert response.status_code in {200, 302, 400}


# --- /pathway/<from>/<to>/ ----------------------------------------------------------------------------------------


PATHWAY_QUERIES = 7  # moves as values, roles named, route moves, their qualifications, role asks, older awards, KSBs


def test_pathway_shows_the_best_route_with_totals(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(PATHWAY_QUERIES):
        page = page_at(client, PATHWAY)
    assert "From Adult care worker to Registered manager of a care service" in page
    assert "Step 1: Adult care worker to Senior care worker" in page
    assert "Step 2: Senior care worker to Deputy manager of a care home" in page
    assert "Step 3: Deputy manager of a care home to Registered manager of a care service" in page
    assert "Step 4:" not in page.split("Other routes")[0]
    assert "18 months, plus 2 steps with no recorded typical time" in page
    assert "4 to gain along the way" in page


def test_a_move_with_only_a_shortest_time_reads_at_least_in_the_step_and_the_total(client, content):
    page = client.get("/pathway/social-worker/practice-educator/").content.decode()
    assert "at least 3 years." in page.split("Step 1:")[1]
    assert "at least 3 years. Each step gives its source." in page.split("Step 1:")[0]
    link = ProgressionLink.objects.get(from_role__slug="social-worker", to_role__slug="practice-educator")
    assert pathway.total_time([link]) == ("at least 3 years", 0)
    assert pathway.total_time([link, ProgressionLink(months_min=12, months_max=24)]) == ("at least 4 years", 0)
    assert pathway.total_time([ProgressionLink(months_min=6, months_max=9)] * 2) == ("12 to 18 months", 0)


def test_route_without_recorded_times_or_qualifications_says_so(client, content):
    page = client.get("/pathway/senior-social-worker/principal-social-worker/").content.decode()
    assert "Not known: no step on this route has a recorded typical time" in page
    assert "None are named for the moves on this route." in page
    assert "None named for this move." in page


def test_pathway_steps_give_time_gate_and_their_sources(client, content):
    page = client.get(PATHWAY).content.decode()
    final = ProgressionLink.objects.select_related("time_source", "gate_source").get(
        from_role__slug="deputy-manager", to_role__slug="registered-manager"
    )
    step3 = page.split("Step 3:", 1)[1].split("Other routes", 1)[0]
    assert final.time_source is None  # the Level 5 diploma's 2 to 3 years is not a promotion time
    assert "finish it within 2 to 3 years" in step3
    assert "Not recorded: we have no sourced figure for this move." in step3
    assert "Regulatory step" in step3
    assert escape(final.gate) in step3
    assert escape(final.gate_source.title) in step3
    assert "Not recorded: we have no sourced figure for this move." in page.split("Step 2:", 1)[1]


def test_pathway_lists_essential_qualifications_first_and_older_awards_that_still_count(client, content):
    page = client.get(PATHWAY).content.decode()
    step1 = page.split("Step 1:", 1)[1].split("Step 2:", 1)[0]
    assert "Level 3 Diploma in Adult Care" in step1
    assert "(QCF)</a>: older award, still accepted." in step1
    step3 = page.split("Step 3:", 1)[1].split("Other routes", 1)[0]
    assert "<strong>essential for the new role</strong>" in step3
    assert escape("Registered Manager's Award (RMA)") in step3


def test_essential_qualifications_come_before_the_rest(client, content):
    page = client.get("/pathway/social-worker/practice-educator/").content.decode()
    listed = page.split("Qualifications to gain", 1)[1].split("What you would take on", 1)[0]
    names = re.findall(r'href="/qualifications/([a-z0-9-]+)/"', listed)
    relevance = re.findall(r"<strong>([a-z ]+)</strong>", listed)
    assert names[:2] == ["peps-stage-1", "peps-stage-2"]
    assert relevance == ["essential for the new role", "usually asked for in the new role"]


def test_pathway_says_what_you_would_take_on(client, content):
    page = client.get(PATHWAY).content.decode()
    step3 = page.split("Step 3:", 1)[1].split("Other routes", 1)[0]
    deputy = Role.objects.get(slug="deputy-manager").responsibility_list
    for line in Role.objects.get(slug="registered-manager").responsibility_list:
        if line not in deputy:
            assert escape(line) in step3


def test_pathway_lists_the_ksbs_new_at_each_step(client, content):
    page = client.get(PATHWAY).content.decode()
    source = {fold(k.statement) for k in KSB.objects.filter(standard__reference="ST0005")}
    target = list(KSB.objects.filter(standard__reference="ST0006").ordered())
    new = [k for k in target if fold(k.statement) not in source]
    assert 0 < len(new) < len(target)
    step1 = page.split("Step 1:", 1)[1].split("Step 2:", 1)[0]
    assert f"{len(new)} of the {len(target)} KSBs in ST0006" in step1
    assert f"Show the {len(new)} new KSBs" in step1
    assert escape(new[0].statement) in step1
    shared = next(k for k in target if k not in new)
    assert escape(shared.statement) not in step1
    step3 = page.split("Step 3:", 1)[1].split("Other routes", 1)[0]
    assert "Both roles come under the same standard" in step3


def test_roles_without_a_loaded_standard_say_ksbs_cannot_be_listed(client, content):
    page = client.get("/pathway/senior-social-worker/social-work-team-manager/").content.decode()
    assert "has no apprenticeship standard with its KSBs on this site" in page


def test_pathway_offers_up_to_two_alternative_routes(client, content):
    page = client.get(PATHWAY).content.decode()
    assert "Other routes" in page
    assert "Route 2: 3 steps" in page
    assert "Route 3: 3 steps" in page
    assert "Route 4" not in page


def test_pathway_prints_its_address_date_and_last_review(client, content):
    newest = datetime.date(2030, 1, 2)
    Role.objects.filter(slug="senior-care-worker").update(last_reviewed=newest)
    page = client.get(PATHWAY).content.decode()
    today = timezone.localdate()
    assert f"Printed from http://testserver{PATHWAY} on {today.day} {today:%B %Y}." in page
    assert "ccp-print-only" in page.split("Printed from", 1)[0].rsplit("<p", 1)[1]
    assert "Content last reviewed 2 January 2030." in page


def test_print_button_is_hidden_until_javascript_shows_it(client, content):
    page = client.get(PATHWAY).content.decode()
    assert re.search(r"<button[^>]*data-print-button[^>]*hidden>Print this page</button>", page)
    assert re.search(r'<script src="/static/js/print-button\.js" defer></script>', page)


def test_no_route_names_the_nearest_roles_that_lead_there(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(3):  # moves as values, the two roles, the nearest roles
        page = page_at(client, "/pathway/social-worker/deputy-manager/")
    assert "No route found" in page
    assert "None of the moves we record lead from Social worker to Deputy manager of a care home." in page
    assert 'href="/pathway/assistant-manager/deputy-manager/"' in page
    assert 'href="/pathway/nurse-in-social-care/deputy-manager/"' in page


def test_no_route_to_an_entry_role_says_people_start_there(client, content):
    page = client.get("/pathway/registered-manager/new-care-worker/").content.decode()
    assert "No recorded move leads to Care worker, new to care: people start in it directly." in page


def test_same_role_twice_is_explained_in_plain_english(client, content):
    twice = "You chose Deputy manager of a care home twice: choose a different role to move to."
    error_summary_at(client, "/pathway/deputy-manager/deputy-manager/", twice)


@pytest.mark.parametrize(
    "path, message",
    [
        ("/pathway/astronaut/deputy-manager/", "We do not have a role called &#x27;astronaut&#x27;."),
        ("/pathway/deputy-manager/astronaut/", "We do not have a role called &#x27;astronaut&#x27;."),
        ("/pathway/a/b/", "We do not have a role called &#x27;a&#x27; or &#x27;b&#x27;."),
        ("/pathway/%3Cscript%3E/deputy-manager/", "&lt;script&gt;"),
    ],
)
def test_unknown_roles_in_a_pathway_are_a_helpful_404(client, content, path, message):
    helpful_404_at(client, path, message, "/pathway/")


def test_pathway_query_count_does_not_grow_with_ten_times_the_roles(client, content, django_assert_max_num_queries):
    roles = add_synthetic_roles()
    with django_assert_max_num_queries(PATHWAY_QUERIES):
        assert client.get(PATHWAY).status_code == 200
    with django_assert_max_num_queries(PATHWAY_QUERIES):
        response = client.get(f"/pathway/{roles[0].slug}/{roles[30].slug}/")
    assert response.status_code == 200
    assert "Step 1:" in response.content.decode()


@pytest.mark.parametrize("removed", ["role", "move"])
def test_a_role_or_move_removed_while_a_pathway_is_built_drops_only_its_routes(client, content, monkeypatch, removed):
    stale = pathway.route_graph()  # the moves as they were when routing began
    monkeypatch.setattr(pathway, "route_graph", lambda: stale)
    before = pathway.pathway_page(from_slug="adult-care-worker", to_slug="registered-manager")["routes"]
    assert any("senior-care-worker" in [role.slug for role in route.roles] for route in before)
    if removed == "role":
        Role.objects.get(slug="senior-care-worker").delete()
    else:
        ProgressionLink.objects.filter(from_role__slug="adult-care-worker", to_role__slug="senior-care-worker").delete()
    routes = pathway.pathway_page(from_slug="adult-care-worker", to_slug="registered-manager")["routes"]
    assert all("senior-care-worker" not in [role.slug for role in route.roles] for route in routes)
    assert client.get(PATHWAY).status_code == 200
