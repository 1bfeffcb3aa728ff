"""Figures say how old they are: the rule (qualifications/figures.py) and the standard and qualification pages."""

from datetime import date

import pytest

from qualifications.figures import FigureAge, figure_age, stale_note
from qualifications.models import OccupationalStandard, Qualification, Source
from tests.truth import WITHDRAWN, page_text, withdraw_st0007

TODAY = date(2026, 12, 1)


def undated(checked=date(2026, 11, 1)) -> Source:
    return Source(key="x", title="A page", publisher="Someone", year=None, checked=checked)


def test_a_figure_more_than_three_years_older_than_the_review_says_so():
    assert stale_note(2019, reviewed=date(2026, 11, 23)) == "2019 figure: may be out of date"
    assert stale_note(2022, reviewed=date(2026, 11, 23)) == "2022 figure: may be out of date"
    assert stale_note(2023, reviewed=date(2026, 11, 23)) == ""  # three years: still current


def test_without_a_review_date_the_figure_is_judged_against_today():
    assert stale_note(2022, today=TODAY) == "2022 figure: may be out of date"
    assert stale_note(2023, today=TODAY) == ""
    assert stale_note(None, today=TODAY) == ""


def test_the_record_review_not_today_is_what_a_figure_is_judged_against():
    assert stale_note(2019, reviewed=date(2021, 6, 1), today=TODAY) == ""


def test_a_figure_shows_its_own_year_before_its_source_date():
    assert figure_age(undated(), 2019, today=TODAY) == FigureAge("2019", "2019 figure: may be out of date")


def test_a_figure_from_an_undated_page_shows_when_it_was_checked_never_a_year():
    age = figure_age(undated(), today=TODAY)
    assert age == FigureAge("undated page, checked November 2026", "")


def test_a_figure_from_a_dated_source_takes_the_source_year():
    source = Source(key="y", title="t", publisher="p", year=2018)
    assert figure_age(source, today=TODAY) == FigureAge("2018", "2018 figure: may be out of date")


def test_no_source_and_no_year_dates_nothing():
    assert figure_age(None) == FigureAge("")


# --- Pages ------------------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db


def test_standard_page_median_salary_shows_its_year_and_that_it_may_be_out_of_date(client, content):
    OccupationalStandard.objects.filter(reference="ST0008").update(median_salary_year=2019)
    response = client.get("/standards/st0008/")
    assert response.status_code == 200
    text = page_text(response)
    assert "£24,072 a year (2019). 2019 figure: may be out of date." in text
    assert "18 months (2026)." in text  # the standard's own source gives its year


def test_standard_page_shows_funding_for_new_starts_with_its_source(client, content):
    withdraw_st0007()
    response = client.get("/standards/st0007/")
    assert response.status_code == 200
    text = page_text(response)
    assert f"Funding for new apprentices {WITHDRAWN}" in text
    assert "Source: Skills England" in text


def test_standard_page_without_a_funding_status_says_it_is_not_recorded(client, content):
    OccupationalStandard.objects.filter(reference="ST0006").update(funding_status="", funding_source=None)
    response = client.get("/standards/st0006/")
    assert "Funding for new apprentices Not recorded: check with a training provider." in page_text(response)


def test_qualification_page_shows_its_apprenticeship_and_funding(client, content, django_assert_max_num_queries):
    withdraw_st0007()
    with django_assert_max_num_queries(3):
        response = client.get("/qualifications/l4-diploma-adult-care/")
    assert response.status_code == 200
    text = page_text(response)
    assert "Apprenticeship Lead practitioner in adult care (ST0007)" in text
    assert WITHDRAWN in text


def test_qualification_duration_from_an_undated_page_says_when_it_was_checked(client, content):
    Source.objects.filter(key="ncfe-l5-leading-managing").update(year=None, checked=date(2026, 11, 1))
    response = client.get("/qualifications/l5-diploma-leadership-management-adult-care/")
    text = page_text(response)
    assert "18 to 24 months (NCFE, 2023 version) (undated page, checked November 2026)." in text
    assert "(undated page, checked November 2026)" in text.split("Source:")[1]


def test_qualification_duration_from_an_old_source_may_be_out_of_date(client, content):
    Source.objects.filter(key="ncfe-l5-leading-managing").update(year=2018)
    text = page_text(client.get("/qualifications/l5-diploma-leadership-management-adult-care/"))
    assert "(2018). 2018 figure: may be out of date." in text
    assert Qualification.objects.get(slug="l5-diploma-leadership-management-adult-care").duration_age.label == "2018"
