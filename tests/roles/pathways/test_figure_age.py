"""Move times say how old they are: the pathway step, the compare summary and the maps' text version."""

import pytest

from qualifications.models import Source
from roles.models import ProgressionLink
from tests.truth import page_text

pytestmark = pytest.mark.django_db

MOVE = {"from_role__slug": "adult-care-worker", "to_role__slug": "senior-care-worker"}


@pytest.fixture
def old_move_time(content):
    ProgressionLink.objects.filter(**MOVE).update(time_source=Source.objects.get(key="community-care-la-pay-2021"))


def test_pathway_step_time_shows_its_source_year_and_that_it_may_be_out_of_date(client, old_move_time):
    text = page_text(client.get("/pathway/adult-care-worker/senior-care-worker/"))
    assert "Typical time 18 months. 2021 figure: may be out of date. Source: Community Care" in text
    assert "(2021)" in text


def test_pathway_step_time_from_an_undated_page_says_when_it_was_checked(client, content):
    Source.objects.filter(key="skills-england-st0006").update(year=None)
    text = page_text(client.get("/pathway/adult-care-worker/senior-care-worker/"))
    assert "(undated page, checked November 2026)" in text
    assert "may be out of date" not in text.split("Typical time")[1].split("Qualifications to gain")[0]


def test_focused_map_text_says_a_move_time_may_be_out_of_date(client, old_move_time):
    text = page_text(client.get("/roles/adult-care-worker/progression/"))
    assert "typically 18 months). 2021 figure: may be out of date. Source: Community Care" in text


def test_compare_summary_says_a_move_time_may_be_out_of_date(client, old_move_time):
    text = page_text(client.get("/compare/?roles=adult-care-worker&roles=senior-care-worker"))
    assert "typically taking 18 months. 2021 figure: may be out of date." in text
