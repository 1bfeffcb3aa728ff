"""Hourly pay beside the National Living Wage in force (roles/pay.py), and pay figures that say how old they are."""

from datetime import date
from decimal import Decimal

import pytest

from qualifications.models import Source
from roles.models import Role
from roles.pay import NLW_SOURCE_KEY, nlw_comparison, rate_in_force
from tests.conftest import make_role
from tests.truth import page_text, set_role

TODAY = date(2026, 12, 1)
BELOW = "The median of £12.00 an hour is below today's legal minimum for workers aged 21 and over."


def hourly(median, **fields):
    return make_role(pay_unit="hour", pay_median=Decimal(median), pay_year=2025, **fields)


def pay_from_the_adult_care_worker_source(slug, **pay):
    """Give a role its own pay figures, from the source the adult care worker's pay comes from."""
    return set_role(slug, pay_source=Role.objects.get(slug="adult-care-worker").pay_source, **pay)


def test_the_rate_in_force_is_the_latest_that_has_started():
    assert rate_in_force(date(2026, 3, 31)) == (date(2025, 4, 1), Decimal("12.21"))
    assert rate_in_force(date(2026, 4, 1)) == (date(2026, 4, 1), Decimal("12.71"))
    assert rate_in_force(date(2024, 1, 1)) is None


def test_hourly_pay_is_compared_with_the_rate_in_force_today():
    comparison = nlw_comparison(hourly("12.00"), source=None, today=TODAY)
    assert comparison.sentence == "For comparison: the National Living Wage is £12.71 an hour from April 2026."
    assert comparison.below == BELOW


def test_a_median_at_or_above_the_rate_is_not_called_below_it():
    assert nlw_comparison(hourly("12.71"), source=None, today=TODAY).below == ""
    # Before April 2026 the rate was £12.21, so £12.50 was above it.
    assert nlw_comparison(hourly("12.50"), source=None, today=date(2026, 3, 1)).below == ""


def test_yearly_pay_and_no_pay_get_no_comparison():
    assert nlw_comparison(make_role(pay_min=30000, pay_year=2025), source=None, today=TODAY) is None
    assert nlw_comparison(make_role(pay_unit="hour"), source=None, today=TODAY) is None


# --- Pages ------------------------------------------------------------------------------------------------

pytestmark = pytest.mark.django_db

HOURLY_PROFILE_QUERIES = 7  # the profile's six, and the National Living Wage's source
YEARLY_PROFILE_QUERIES = 6


def test_the_nlw_source_is_in_the_fixtures_undated_and_checked(content):
    source = Source.objects.get(key=NLW_SOURCE_KEY)
    assert source.url == "https://www.gov.uk/national-minimum-wage-rates"
    assert source.date_label == "undated page, checked December 2026"


def test_profile_shows_hourly_pay_beside_the_nlw_and_says_when_it_is_below(client, content, monkeypatch):
    monkeypatch.setattr("roles.pay.date", FixedDate)
    set_role("adult-care-worker", pay_median=Decimal("12.00"))
    response = client.get("/roles/adult-care-worker/")
    assert response.status_code == 200
    text = page_text(response)
    assert "For comparison: the National Living Wage is £12.71 an hour from April 2026." in text
    assert "Source: GOV.UK, National Minimum Wage and National Living Wage rates (undated page, checked" in text
    assert BELOW in text


def test_profile_of_hourly_pay_above_the_nlw_does_not_call_it_below(client, content, monkeypatch):
    monkeypatch.setattr("roles.pay.date", FixedDate)
    pay_from_the_adult_care_worker_source(
        "senior-care-worker", pay_unit="hour", pay_median=Decimal("13.00"), pay_year=2025
    )
    text = page_text(client.get("/roles/senior-care-worker/"))
    assert "For comparison: the National Living Wage is £12.71 an hour" in text
    assert "below today's legal minimum" not in text


def test_yearly_pay_has_no_nlw_comparison(client, content):
    assert "National Living Wage" not in page_text(client.get("/roles/social-worker/"))


def test_the_nlw_costs_one_query_only_on_pages_with_hourly_pay(client, content, django_assert_num_queries):
    with django_assert_num_queries(HOURLY_PROFILE_QUERIES):
        assert client.get("/roles/adult-care-worker/").status_code == 200
    with django_assert_num_queries(YEARLY_PROFILE_QUERIES):
        assert client.get("/roles/deputy-manager/").status_code == 200


def test_compare_shows_the_nlw_beside_each_hourly_role(client, content, django_assert_num_queries, monkeypatch):
    monkeypatch.setattr("roles.pay.date", FixedDate)
    set_role("adult-care-worker", pay_median=Decimal("12.00"))
    pay_from_the_adult_care_worker_source(
        "senior-care-worker", pay_unit="hour", pay_median=Decimal("13.00"), pay_year=2025
    )
    url = "/compare/?roles=adult-care-worker&roles=senior-care-worker&roles=deputy-manager&roles=registered-manager"
    with django_assert_num_queries(5):  # four, and the National Living Wage's source
        response = client.get(url)
    text = page_text(response)
    assert text.count("For comparison: the National Living Wage is £12.71 an hour from April 2026.") == 2
    assert text.count(BELOW) == 1


def pay_from_2019(slug="service-manager"):
    return pay_from_the_adult_care_worker_source(slug, pay_min=40000, pay_max=50000, pay_median=None, pay_year=2019)


def test_pay_shows_its_year_and_that_an_old_figure_may_be_out_of_date(client, content):
    pay_from_2019()
    text = page_text(client.get("/roles/service-manager/"))
    assert "(2019). 2019 figure: may be out of date." in text


def test_pay_judged_against_the_profiles_own_last_review(client, content):
    pay_from_2019()
    set_role("service-manager", last_reviewed=date(2021, 1, 1))
    text = page_text(client.get("/roles/service-manager/"))
    assert "(2019)." in text
    assert "may be out of date" not in text


def test_hours_from_an_undated_page_show_when_it_was_checked(client, content):
    Source.objects.filter(pk=Role.objects.get(slug="adult-care-worker").hours_source_id).update(
        year=None, checked=date(2026, 11, 1)
    )
    text = page_text(client.get("/roles/adult-care-worker/"))
    assert "35 to 40 hours a week. Source: National Careers Service" in text
    assert "(undated page, checked November 2026)" in text


class FixedDate(date):
    """Today is 1 December 2026 for the comparison, whatever the machine's clock says."""

    @classmethod
    def today(cls):
        return TODAY
