"""The progression map, the focused map, the pathway picker and the pathway page, through the test client."""

import datetime
import random
import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from qualifications.models import KSB
from roles.ksbs import fold
from roles.models import ProgressionLink, Role
from roles.pathways import maps, pathway

pytestmark = pytest.mark.django_db

PATHWAY = "/pathway/adult-care-worker/registered-manager/"


def svg_of(response) -> str:
    page = response.content.decode()
    match = re.search(r"<svg class=\"ccp-map\".*?</svg>", page, re.S)
    assert match, "the page has no map"
    return match.group(0)


def add_synthetic_roles(count: int = 160, links: int = 280) -> list[Role]:
    """Ten times the seed content: more roles on every level, linked in chains and at random."""
    rng = random.Random(10)
    sectors = ["adult-social-care", "social-work"]
    settings_ = ["residential", "domiciliary", "community", "mixed"]
    roles = Role.objects.bulk_create(
        Role(
            slug=f"synthetic-{n}",
            title=f"Synthetic role {n}",
            summary="A role made up for a test.",
            sector=sectors[n % 2],
            setting=settings_[n % 4],
            level=1 + n % 8,
            responsibilities="Do one thing\nDo another thing",
        )
        for n in range(count)
    )
    pairs = {(roles[n], roles[n + 1]) for n in range(count - 1)}
    while len(pairs) < links:
        a, b = rng.sample(roles, 2)
        pairs.add((a, b))
    ProgressionLink.objects.bulk_create(
        ProgressionLink(from_role=a, to_role=b, strength=rng.choice(["common", "possible"])) for a, b in pairs
    )
    return roles


# --- /progression/ ------------------------------------------------------------------------------------------------


def test_whole_map_links_every_role_in_the_svg_and_the_text(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        response = client.get("/progression/")
    assert response.status_code == 200
    svg = svg_of(response)
    page = response.content.decode()
    text_version = page.split("The map as a list", 1)[1]
    for role in Role.objects.all():
        assert f'href="/roles/{role.slug}/" aria-label="{escape(role.title)}, level {role.level}"' in svg
        assert f'href="/roles/{role.slug}/"' in text_version
    assert svg.count("<a ") == Role.objects.count()


def test_map_svg_is_a_labelled_group_not_an_image(client, content):
    svg = svg_of(client.get("/progression/"))
    assert 'role="group"' in svg and 'role="img"' not in svg
    assert 'aria-labelledby="ccp-map-title"' in svg
    assert '<title id="ccp-map-title">Progression map of care and social work roles</title>' in svg
    assert f"{Role.objects.count()} roles in columns by level" in svg
    for level in range(2, 8):
        assert f">Level {level}<" in svg
    assert "Technical occupations, levels" in svg


def test_common_moves_are_solid_and_possible_moves_dashed_with_a_key(client, content):
    response = client.get("/progression/")
    svg = svg_of(response)
    possible = ProgressionLink.objects.filter(strength="possible").count()
    common = ProgressionLink.objects.filter(strength="common").count()
    assert svg.count('class="ccp-map__edge ccp-map__edge--possible"') == possible
    assert svg.count('class="ccp-map__edge"') == common
    page = response.content.decode()
    assert "Common move: solid line" in page
    assert "Possible move: dashed line" in page


def test_text_version_says_where_each_role_leads_and_comes_from(client, content):
    page = client.get("/progression/").content.decode()
    entry = page.split('href="/roles/adult-care-worker/">Adult care worker</a> <span', 1)[1].split("</div>", 1)[0]
    assert "Leads to:" in entry and "Comes from:" in entry
    assert 'href="/roles/senior-care-worker/"' in entry
    assert "common move, typically 18 months" in entry
    assert 'href="/roles/new-care-worker/"' in entry.split("Comes from:", 1)[1]


def test_same_content_gives_the_same_svg_bytes(client, content):
    first = svg_of(client.get("/progression/"))
    # Recreate a link so the rows come back from the database in a different order.
    link = ProgressionLink.objects.get(from_role__slug="adult-care-worker", to_role__slug="senior-care-worker")
    qualifications = list(link.qualifications.all())
    link.pk = None
    ProgressionLink.objects.filter(from_role=link.from_role, to_role=link.to_role).delete()
    link.save()
    link.qualifications.set(qualifications)
    assert svg_of(client.get("/progression/")) == first


@pytest.mark.parametrize(
    "query, included, excluded",
    [
        ("sector=social-work", "social-worker", "deputy-manager"),
        ("sector=adult-social-care", "deputy-manager", "social-worker"),
        ("setting=residential", "deputy-manager", "adult-care-worker"),
    ],
)
def test_map_filters_by_sector_and_setting_without_javascript(client, content, query, included, excluded):
    response = client.get(f"/progression/?{query}")
    assert response.status_code == 200
    svg = svg_of(response)
    assert f'href="/roles/{included}/"' in svg
    assert f'href="/roles/{excluded}/"' not in svg
    assert "Show the whole map" in response.content.decode()


def test_filtered_map_only_draws_moves_between_the_roles_shown(client, content):
    svg = svg_of(client.get("/progression/?sector=social-work"))
    expected = ProgressionLink.objects.filter(from_role__sector="social-work", to_role__sector="social-work").count()
    assert svg.count('marker-end="url(#ccp-map-arrow)"') == expected


def test_filters_matching_no_roles_say_so(client, content):
    response = client.get("/progression/?sector=social-work&setting=residential")
    assert response.status_code == 200
    assert "No roles match these filters." in response.content.decode()


@pytest.mark.parametrize(
    "query, message",
    [
        ("sector=space", "Choose adult social care, social work or any sector."),
        ("setting=moon", "Choose a setting from the list, or any setting."),
    ],
)
def test_bad_map_filters_answer_400_with_an_error_summary(client, content, query, message):
    response = client.get(f"/progression/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page


def test_map_query_count_does_not_grow_with_ten_times_the_roles(client, content, django_assert_max_num_queries):
    add_synthetic_roles()
    with django_assert_max_num_queries(2):
        response = client.get("/progression/")
    assert response.status_code == 200
    assert 'href="/roles/synthetic-159/"' in svg_of(response)


def test_a_map_too_big_to_follow_is_not_drawn_and_the_page_says_how_to_narrow_it(
    client, content, monkeypatch, django_assert_max_num_queries
):
    limit = Role.objects.filter(sector="social-work").count()  # the social work roles just fit
    monkeypatch.setattr(maps, "MAP_DRAW_LIMIT", limit)
    with django_assert_max_num_queries(2):
        response = client.get("/progression/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<svg class="ccp-map"' not in page and "The map as a list" not in page
    assert f"The map has {Role.objects.count()} roles, more than the {limit} we can draw" in page
    assert 'href="/roles/"' in page
    with django_assert_max_num_queries(2):
        narrowed = client.get("/progression/?sector=social-work")
    assert '<svg class="ccp-map"' in narrowed.content.decode()


def test_the_whole_map_at_a_hundred_times_the_roles_asks_for_filters(client, content, django_assert_max_num_queries):
    add_synthetic_roles(count=2 * maps.MAP_DRAW_LIMIT + 20)
    with django_assert_max_num_queries(2):
        response = client.get("/progression/")
    assert response.status_code == 200
    assert f"The map has {Role.objects.count()} roles" in response.content.decode()
    with django_assert_max_num_queries(2):
        filtered = client.get("/progression/?sector=adult-social-care&setting=community")
    assert 'href="/roles/synthetic-2/"' in svg_of(filtered)
    too_broad = client.get("/progression/?sector=adult-social-care").content.decode()
    assert "These filters match" in too_broad and '<svg class="ccp-map"' not in too_broad


# --- /roles/<slug>/progression/ -----------------------------------------------------------------------------------


def test_focused_map_shows_roles_in_and_out_with_the_role_highlighted(
    client, deputy_manager, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/roles/deputy-manager/progression/")
    assert response.status_code == 200
    svg = svg_of(response)
    assert 'class="ccp-map__role ccp-map__role--focus" href="/roles/deputy-manager/"' in svg
    assert "the role this map is about" in svg
    neighbours = {link.from_role.slug for link in deputy_manager.links_in.all()} | {
        link.to_role.slug for link in deputy_manager.links_out.all()
    }
    for slug in neighbours:
        assert f'href="/roles/{slug}/"' in svg
    assert svg.count("<a ") == len(neighbours) + 1
    assert 'href="/roles/principal-social-worker/"' not in svg


def test_focused_map_labels_each_arrow_with_its_typical_time(client, deputy_manager):
    svg = svg_of(client.get("/roles/deputy-manager/progression/"))
    labels = re.findall(r'<text class="ccp-map__label"[^>]*>([^<]+)</text>', svg)
    expected = [link.typical_time or "time not recorded" for link in deputy_manager.links_in.all()]
    expected += [link.typical_time or "time not recorded" for link in deputy_manager.links_out.all()]
    assert sorted(labels) == sorted(expected)
    assert "3 years" in labels  # deputy manager to social worker: the degree apprenticeship's length


def test_focused_map_text_version_links_to_each_move_pathway(client, deputy_manager):
    page = client.get("/roles/deputy-manager/progression/").content.decode()
    assert 'href="/pathway/deputy-manager/registered-manager/"' in page
    assert 'href="/pathway/lead-practitioner/deputy-manager/"' in page
    assert "Comes from:" in page and "Leads to:" in page


def test_focused_map_of_a_role_without_moves_says_so(client, content):
    Role.objects.create(slug="hermit", title="Hermit", summary="Alone.", sector="social-work", setting="mixed", level=4)
    response = client.get("/roles/hermit/progression/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hermit on its own: no moves into or out of it are recorded yet." in page
    assert "No onward moves recorded" in page and "No earlier role recorded" in page
    assert svg_of(response).count("<a ") == 1


def test_focused_map_query_count_does_not_grow(client, deputy_manager, django_assert_max_num_queries):
    for role in add_synthetic_roles()[:40]:
        ProgressionLink.objects.create(from_role=role, to_role=deputy_manager)
    with django_assert_max_num_queries(2):
        assert client.get("/roles/deputy-manager/progression/").status_code == 200


def test_unknown_role_focused_map_is_a_helpful_404(client, content):
    response = client.get("/roles/astronaut/progression/")
    assert response.status_code == 404
    assert "We do not have a role called &#x27;astronaut&#x27;." in response.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        "/roles/a%00b/progression/",
        "/pathway/a%00b/deputy-manager/",
        "/pathway/x/%00/",
        "/pathway/?from=adult-care-worker&to=%00",
    ],
)
def test_nul_bytes_in_the_address_are_a_plain_400_not_an_error(client, content, path):
    # The site-wide middleware refuses NUL bytes before any view runs (PostgreSQL cannot store them).
    response = client.get(path)
    assert response.status_code == 400
    assert "The web address contains a character we cannot read" in response.content.decode()


def test_role_page_links_to_its_focused_map(client, deputy_manager):
    assert 'href="/roles/deputy-manager/progression/"' in client.get("/roles/deputy-manager/").content.decode()


# --- /pathway/ ----------------------------------------------------------------------------------------------------


def test_picker_offers_every_role_grouped_by_level(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        response = client.get("/pathway/")
    assert response.status_code == 200
    page = response.content.decode()
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
    response = client.get(f"/pathway/?{query}")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert message in page
    assert page.count("govuk-error-summary__list") == 1


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30), st.text(max_size=30))
def test_picker_never_fails_on_hostile_input(client, content, start, goal):
    response = client.get("/pathway/", {"from": start, "to": goal})
    assert response.status_code in {200, 302, 400}


# --- /pathway/<from>/<to>/ ----------------------------------------------------------------------------------------


PATHWAY_QUERIES = 7  # moves as values, roles named, route moves, their qualifications, role asks, older awards, KSBs


def test_pathway_shows_the_best_route_with_totals(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(PATHWAY_QUERIES):
        response = client.get(PATHWAY)
    assert response.status_code == 200
    page = response.content.decode()
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
        response = client.get("/pathway/social-worker/deputy-manager/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "No route found" in page
    assert "None of the moves we record lead from Social worker to Deputy manager of a care home." in page
    assert 'href="/pathway/assistant-manager/deputy-manager/"' in page
    assert 'href="/pathway/nurse-in-social-care/deputy-manager/"' in page


def test_no_route_to_an_entry_role_says_people_start_there(client, content):
    page = client.get("/pathway/registered-manager/new-care-worker/").content.decode()
    assert "No recorded move leads to Care worker, new to care: people start in it directly." in page


def test_same_role_twice_is_explained_in_plain_english(client, content):
    response = client.get("/pathway/deputy-manager/deputy-manager/")
    assert response.status_code == 400
    page = response.content.decode()
    assert "govuk-error-summary" in page
    assert "You chose Deputy manager of a care home twice: choose a different role to move to." in page


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
    response = client.get(path)
    assert response.status_code == 404
    page = response.content.decode()
    assert message in page
    assert 'href="/pathway/"' in page


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
