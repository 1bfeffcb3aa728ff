"""Levels with a basis, England said plainly, and top roles: the profile, compare, the maps and the home page."""

import pytest

from roles.models import LevelBasis, level_basis_sentence
from tests.truth import page_text, set_role

JUDGEMENT = "Experienced social workers usually hold a degree and post-qualifying awards"
NEUTRAL = "Typical level: 6 and 5 (levels describe the qualifications usually held, not status)."


class Standard:
    reference = "ST0006"


def test_level_basis_reads_from_the_standard_or_our_judgement():
    assert level_basis_sentence(3, LevelBasis.STANDARD, "", Standard()) == (
        "Level 3: the level of its apprenticeship standard, ST0006"
    )
    assert level_basis_sentence(6, LevelBasis.JUDGEMENT, "Degree-level work", None) == (
        "Level 6: our judgement — Degree-level work"
    )
    assert level_basis_sentence(6, "", "", None) == "Level 6"


needs_db = pytest.mark.django_db


@needs_db
def test_profile_shows_where_its_level_comes_from(client, content):
    set_role("deputy-manager", level_basis=LevelBasis.STANDARD)
    set_role("senior-social-worker", level=6, level_basis=LevelBasis.JUDGEMENT, level_reason=JUDGEMENT)
    assert "Level Level 5: the level of its apprenticeship standard, ST0008" in page_text(
        client.get("/roles/deputy-manager/")
    )
    assert f"Level Level 6: our judgement — {JUDGEMENT}" in page_text(client.get("/roles/senior-social-worker/"))


@needs_db
def test_compare_shows_the_basis_and_never_a_step_up_or_down(client, content):
    set_role("deputy-manager", level_basis=LevelBasis.STANDARD)
    set_role("senior-social-worker", level=6, level_basis=LevelBasis.JUDGEMENT, level_reason=JUDGEMENT)
    response = client.get("/compare/?roles=senior-social-worker&roles=deputy-manager")
    assert response.status_code == 200
    text = page_text(response)
    assert NEUTRAL in text
    assert "From level" not in text
    level_row = response.content.decode().split('id="row-level"')[1].split("</tr>")[0]
    assert "the level of its apprenticeship standard, ST0008" in level_row and JUDGEMENT in level_row


@needs_db
def test_compare_of_two_roles_at_one_level_says_both(client, content):
    text = page_text(client.get("/compare/?roles=deputy-manager&roles=registered-manager"))
    assert "Both are typically level 5." in text


@needs_db
def test_the_site_says_it_covers_england(client, content):
    home = client.get("/")
    assert "<title>Compare care and social work careers in England" in home.content.decode()
    assert "adult social care and social work in England" in page_text(home)
    profile = page_text(client.get("/roles/adult-care-worker/"))
    assert "Adult social care in England · Level 2" in profile
    assert "independent careers guide to adult social care and social work in England" in profile


@needs_db
def test_the_registration_row_links_to_how_registration_differs_outside_england(client, content):
    page = client.get("/roles/adult-care-worker/").content.decode()
    registration = page.split(">Registration</dt>")[1].split("</dd>")[0]
    assert 'href="#outside-england"' in registration
    assert "Registration differs in Wales, Scotland and Northern Ireland" in registration
    footer = page.split('id="outside-england"')[1].split("</p>")[0]
    for regulator in ("Social Care Wales", "(SSSC)", "(NISCC)"):
        assert regulator in footer


@needs_db
def test_a_top_role_says_so_and_why_on_its_profile_and_focused_map(client, content):
    reason = "Principal social workers lead practice across a council; few roles sit above it in practice."
    set_role("principal-social-worker", top_role=True, top_role_reason=reason)
    for url in ("/roles/principal-social-worker/", "/roles/principal-social-worker/progression/"):
        text = page_text(client.get(url))
        assert f"Principal social worker is the top of its ladder: we expect no move out of it. {reason}" in text
    assert "No onward moves are recorded yet" not in page_text(client.get("/roles/principal-social-worker/"))
    whole_map = page_text(client.get("/progression/"))
    assert "None: Principal social worker is the top of its ladder." in whole_map


@needs_db
def test_a_role_that_leads_nowhere_and_is_not_a_top_role_gets_nothing_special(client, content):
    # the content makes every role that leads nowhere a top role, so this test unmakes one
    set_role("principal-social-worker", top_role=False, top_role_reason="")
    text = page_text(client.get("/roles/principal-social-worker/"))
    assert "top of its ladder" not in text
    assert "No onward moves are recorded yet." in text


@needs_db
def test_the_whole_map_reads_top_roles_without_extra_queries(client, content, django_assert_max_num_queries):
    set_role("principal-social-worker", top_role=True, top_role_reason="Why.")
    with django_assert_max_num_queries(2):
        assert client.get("/progression/").status_code == 200
