"""/admin/content/review/: one list of what an editor should look at next, each item linking to its record."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django.utils.html import escape

from qualifications.models import OccupationalStandard, Source
from roles.content import review
from roles.content.review import Ages, needs_review
from roles.models import Role
from tests.roles.test_role_list_pages import add_roles

pytestmark = pytest.mark.django_db

URL = "/admin/content/review/"


def reasons_for(obj, today=None) -> list[str]:
    return [item.reason for item in needs_review(today) if item.name == str(obj)]


def test_a_profile_not_reviewed_for_over_a_year_is_listed_with_a_link(editor_client, deputy_manager):
    deputy_manager.last_reviewed = timezone.localdate() - timedelta(days=400)
    deputy_manager.save()
    page = editor_client.get(URL).content.decode()
    assert f'<a href="/admin/roles/role/{deputy_manager.pk}/change/">{escape(deputy_manager.title)}</a>' in page
    assert f"Last reviewed {deputy_manager.last_reviewed:%-d %B %Y}, over a year ago." in page


def test_a_profile_never_reviewed_is_listed_and_one_reviewed_this_year_is_not(content):
    never, recent = Role.objects.all()[:2]
    Role.objects.filter(pk=never.pk).update(last_reviewed=None)
    Role.objects.filter(pk=recent.pk).update(last_reviewed=date(2026, 6, 1))
    assert "Never reviewed." in reasons_for(never, date(2026, 12, 1))
    assert not any("reviewed" in reason for reason in reasons_for(recent, date(2026, 12, 1)))


def test_a_standard_not_reviewed_for_over_a_year_is_listed(leader_in_adult_care):
    OccupationalStandard.objects.filter(pk=leader_in_adult_care.pk).update(last_reviewed=date(2025, 1, 1))
    assert "Last reviewed 1 January 2025, over a year ago." in reasons_for(leader_in_adult_care, date(2026, 12, 1))


def test_pay_and_salary_figures_over_three_years_old_are_listed(deputy_manager, leader_in_adult_care):
    source = Source.objects.filter(year__isnull=False).first()
    Role.objects.filter(pk=deputy_manager.pk).update(pay_min=20000, pay_year=2022, pay_source=source)
    OccupationalStandard.objects.filter(pk=leader_in_adult_care.pk).update(median_salary_year=2023)
    today = date(2026, 12, 1)
    assert "Pay figures are from 2022, over 3 years ago." in reasons_for(deputy_manager, today)
    assert not any("Median salary" in reason for reason in reasons_for(leader_in_adult_care, today))
    OccupationalStandard.objects.filter(pk=leader_in_adult_care.pk).update(median_salary_year=2020)
    assert "Median salary figures are from 2020, over 3 years ago." in reasons_for(leader_in_adult_care, today)


def test_figures_from_a_source_dated_or_checked_over_three_years_ago_are_listed(deputy_manager):
    undated = Source.objects.create(key="old-page", title="Old page", publisher="P", url="https://example.org/p")
    Source.objects.filter(pk=undated.pk).update(checked=date(2022, 11, 1))
    Role.objects.filter(pk=deputy_manager.pk).update(hours_min=35, hours_source=undated)
    reasons = reasons_for(deputy_manager, date(2026, 12, 1))
    assert "Hours figures come from a source dated undated page, checked November 2022, over 3 years ago." in reasons
    assert not any("Hours" in reason for reason in reasons_for(deputy_manager, date(2025, 10, 1)))


def test_sources_without_an_address_or_a_date_are_listed(content):
    source = Source.objects.create(key="no-address", title="Word of mouth", publisher="Someone")
    assert reasons_for(source) == [
        "No page address: a reader cannot follow it.",
        "Neither a year nor the date it was checked: its figures cannot say how old.",
    ]


@dataclass
class Problem:
    file: str
    record: str
    field: str
    rule: str
    message: str
    level: str


def test_check_content_problems_are_on_the_list_errors_first(editor_client, monkeypatch):
    problems = [
        Problem("sources.json", "some-page", "url", "site-root", "The address is a site's home page.", "warning"),
        Problem("roles.json", "deputy-manager", "level", "level-basis", "The level has no basis.", "error"),
    ]
    monkeypatch.setattr(review, "content_problems", lambda: problems)
    items = needs_review()
    assert (items[0].kind, items[0].name, items[0].level) == ("Role", "deputy-manager", "error")
    assert items[0].url == "/admin/roles/role/?q=deputy-manager"
    page = editor_client.get(URL).content.decode()
    assert "<strong>Error:</strong> The level has no basis. (level) [level-basis]" in page
    assert "The address is a site&#x27;s home page. (url) [site-root]" in page


def test_the_list_works_without_check_content(editor_client, monkeypatch):
    monkeypatch.setattr(review, "content_problems", None)
    assert editor_client.get(URL).status_code == 200


def test_the_page_runs_the_same_number_of_queries_whatever_the_content_size(editor_client, monkeypatch):
    monkeypatch.setattr(review, "content_problems", None)  # its own queries are check_content's business
    with CaptureQueriesContext(connection) as first:
        editor_client.get(URL)
    add_roles(80)  # never reviewed: 80 more items
    Source.objects.bulk_create(Source(key=f"extra-{n}", title=f"Extra {n}", publisher="Test") for n in range(40))
    with CaptureQueriesContext(connection) as second:
        page = editor_client.get(URL).content.decode()
    assert "Extra role 079" in page and "Extra 39" in page
    assert len(second) == len(first)


def test_three_years_is_counted_in_whole_years_and_dates():
    ages = Ages(date(2026, 12, 1))
    assert not ages.old_year(2023) and ages.old_year(2022)
    assert ages.checked_before == date(2023, 12, 1)
    assert Ages(date(2028, 2, 29)).checked_before == date(2025, 2, 28)
