"""The progression map and the focused map, through the test client."""

import re

import pytest
from django.utils.html import escape

from roles.models import ProgressionLink, Role
from roles.pathways import maps
from tests.conftest import error_summary_at, page_at
from tests.roles.pathways.pages import add_synthetic_roles, svg_of

pytestmark = pytest.mark.django_db


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
    assert "Common move: thick solid line" in page
    assert "Possible move: thin dashed line" in page


def test_sectors_have_a_colour_and_a_pattern_named_in_the_key(client, content):
    response = client.get("/progression/")
    svg = svg_of(response)
    page = response.content.decode()
    assert "Adult social care: solid edge" in page and "Social work: striped edge" in page
    assert 'class="ccp-map__role ccp-map__role--s0" href="/roles/adult-care-worker/"' in svg
    assert 'class="ccp-map__role ccp-map__role--s1" href="/roles/social-worker/"' in svg
    assert 'style="' not in svg  # the Content Security Policy allows no style attributes


def test_each_role_holds_copies_of_its_moves_to_highlight_and_boxes_come_in_level_then_title_order(client, content):
    svg = svg_of(client.get("/progression/"))
    links = ProgressionLink.objects.count()
    assert svg.count('class="ccp-map__lit') == 2 * links
    hrefs = re.findall(r'<a class="ccp-map__role[^"]*" href="/roles/([^/]+)/"', svg)
    expected = [r.slug for r in sorted(Role.objects.all(), key=lambda r: (r.level, r.title))]
    assert hrefs == expected


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
    assert "No roles match these filters." in page_at(client, "/progression/?sector=social-work&setting=residential")


@pytest.mark.parametrize(
    "query, message",
    [
        ("sector=space", "Choose adult social care, social work or any sector."),
        ("setting=moon", "Choose a setting from the list, or any setting."),
    ],
)
def test_bad_map_filters_answer_400_with_an_error_summary(client, content, query, message):
    error_summary_at(client, f"/progression/?{query}", message)


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


def two_steps(role: Role) -> tuple[set[str], set[tuple[str, str]]]:
    """The roles up to two moves before and after a role, and the moves between them that the map draws."""
    moves = {(link.from_role.slug, link.to_role.slug) for link in ProgressionLink.objects.select_related()}
    before = {s for s, t in moves if t == role.slug}
    after = {t for s, t in moves if s == role.slug}
    drawn = {(s, t) for s, t in moves if role.slug in (s, t) or s in after or t in before}
    return {role.slug} | {s for s, _ in drawn} | {t for _, t in drawn}, drawn


def test_focused_map_shows_roles_two_steps_in_and_out_with_the_role_highlighted(
    client, deputy_manager, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):
        response = client.get("/roles/deputy-manager/progression/")
    assert response.status_code == 200
    svg = svg_of(response)
    assert 'class="ccp-map__role ccp-map__role--s0 ccp-map__role--focus" href="/roles/deputy-manager/"' in svg
    assert "the role this map is about" in svg
    roles, drawn = two_steps(deputy_manager)
    one_step = {s for s, t in drawn if t == "deputy-manager"} | {t for s, t in drawn if s == "deputy-manager"}
    assert roles - one_step - {"deputy-manager"}, "the content should give the deputy manager roles two steps away"
    for slug in roles:
        assert f'href="/roles/{slug}/"' in svg
    assert svg.count("<a ") == len(roles)
    assert svg.count('<path class="ccp-map__edge') == len(drawn)
    further = set(Role.objects.values_list("slug", flat=True)) - roles
    assert further, "the content should have roles more than two steps from the deputy manager"
    for slug in further:
        assert f'href="/roles/{slug}/"' not in svg


def test_focused_map_labels_each_arrow_with_its_typical_time(client, deputy_manager):
    svg = svg_of(client.get("/roles/deputy-manager/progression/"))
    labels = re.findall(r'<text class="ccp-map__label"[^>]*>([^<]+)</text>', svg)
    _, drawn = two_steps(deputy_manager)
    links = ProgressionLink.objects.select_related("from_role", "to_role")
    expected = [link.typical_time for link in links if (link.from_role.slug, link.to_role.slug) in drawn]
    assert sorted(labels) == sorted(time for time in expected if time)
    assert any(expected) and not all(expected), "the content should have drawn moves with and without a time"
    assert "time not recorded" not in labels


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
    page = page_at(client, "/roles/astronaut/progression/", status=404)
    assert "We do not have a role called &#x27;astronaut&#x27;." in page


def test_role_page_links_to_its_focused_map(client, deputy_manager):
    assert 'href="/roles/deputy-manager/progression/"' in client.get("/roles/deputy-manager/").content.decode()


@pytest.mark.parametrize("url", ["/progression/", "/roles/senior-care-worker/progression/"])
def test_svg_numbers_are_never_localised(client, content, settings, url):
    # A thousands separator would turn a 1,200px wide map into two numbers and break the drawing.
    settings.USE_THOUSAND_SEPARATOR = True
    svg = svg_of(client.get(url))
    numbers = re.findall(r'\s(?:x|y|width|height|viewBox)="([^"]*)"', svg)
    assert max(float(n) for value in numbers for n in value.split()) >= 1000
    assert all(re.fullmatch(r"-?\d+(\.\d+)?( -?\d+(\.\d+)?)*", value) for value in numbers)
