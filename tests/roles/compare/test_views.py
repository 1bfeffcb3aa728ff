"""The compare page, /compare/?roles=a&roles=b: rows, differences, the two-role summary, bad input, speed."""

import html
import re

import pytest
from django.utils import timezone
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from roles.models import Role
from tests.conftest import examples

from .test_rows import make_ten_times_the_content

pytestmark = pytest.mark.django_db

BENCHMARK = "/compare/?roles=senior-social-worker&roles=deputy-manager"


def text(fragment: str) -> str:
    """What a reader sees in a piece of HTML: tags dropped, entities decoded, spaces folded."""
    inline_dropped = re.sub(r"</?(?:a|strong|span|em)\b[^>]*>", "", fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", inline_dropped)).split())


def row_html(page: str, key: str) -> str:
    match = re.search(rf'<tr[^>]*id="row-{key}"[^>]*>(.*?)</tr>', page, re.S)
    assert match, f"no row {key!r} on the page"
    return match.group(1)


def row_heading(page: str, key: str) -> str:
    return text(re.search(r"<th[^>]*>(.*?)</th>", row_html(page, key), re.S).group(1))


def cell(page: str, key: str, slug: str) -> str:
    match = re.search(rf'<td[^>]*data-role="{slug}"[^>]*>(.*?)</td>', row_html(page, key), re.S)
    assert match, f"no {slug} cell in row {key!r}"
    return text(match.group(1))


def summary(page: str, key: str) -> str:
    match = re.search(rf'id="change-{key}">.*?<dd[^>]*>(.*?)</dd>', page, re.S)
    assert match, f"no {key!r} line in the summary"
    return text(match.group(1))


def checkboxes(page: str, name: str = "roles") -> list[tuple[str, bool]]:
    """Each checkbox of that name on the page, in order: (value, ticked)."""
    inputs = re.findall(r'<input\s[^>]*type="checkbox"[^>]*>', page, re.S)
    found = [
        (re.search(r'name="([^"]*)"', i).group(1), re.search(r'value="([^"]*)"', i).group(1), "checked" in i)
        for i in inputs
    ]
    return [(value, ticked) for field, value, ticked in found if field == name]


def get(client, url, status=200):
    response = client.get(url)
    assert response.status_code == status, response.content.decode()[:2000]
    return response.content.decode()


# --- The picker --------------------------------------------------------------------------------------


def test_compare_without_roles_shows_the_picker(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        page = get(client, "/compare/")
    assert "Compare roles side by side" in page
    assert 'action="/compare/"' in page and 'method="get"' in page
    assert [value for value, _ in checkboxes(page)] == [role.slug for role in Role.objects.order_by("level", "title")]
    assert "govuk-error-summary" not in page


def test_picker_ticks_the_roles_being_compared(client, content):
    page = get(client, BENCHMARK)
    assert sorted(value for value, ticked in checkboxes(page) if ticked) == ["deputy-manager", "senior-social-worker"]
    assert checkboxes(page, "show") == [("differences", False)]


def test_home_page_has_the_picker_without_extra_queries(client, content, django_assert_max_num_queries):
    with django_assert_max_num_queries(1):
        page = get(client, "/")
    assert 'action="/compare/"' in page
    assert "Choose 2 to 4 roles to compare" in page
    assert len(checkboxes(page)) == Role.objects.count()
    assert checkboxes(page, "show") == [("differences", False)]


def test_role_page_offers_compare_with_and_puts_the_role_first(client, deputy_manager, django_assert_max_num_queries):
    with django_assert_max_num_queries(6):
        page = get(client, "/roles/deputy-manager/")
    assert f"Compare {escape(deputy_manager.title)} with…" in page
    hidden = page.index('<input type="hidden" name="roles" value="deputy-manager">')
    assert hidden < page.index('type="checkbox"')  # so the role's own column comes first
    offered = [value for value, _ in checkboxes(page)]
    assert "deputy-manager" not in offered and len(offered) == Role.objects.count() - 1


# --- Rows, for real seed roles -------------------------------------------------------------------


def test_each_row_shows_each_roles_content(client, deputy_manager, senior_social_worker):
    page = get(client, BENCHMARK)
    dm, ssw = "deputy-manager", "senior-social-worker"
    # each level says where it comes from: the standard, or our judgement with its reason
    assert cell(page, "level", dm) == "Level 5: the level of its apprenticeship standard, ST0008"
    assert cell(page, "level", ssw) == f"Level 6: our judgement — {senior_social_worker.level_reason}"
    assert cell(page, "sector", dm) == "Adult social care" and cell(page, "sector", ssw) == "Social work"
    assert cell(page, "setting", dm).startswith("Residential (care homes)")
    assert deputy_manager.setting_detail in cell(page, "setting", dm)
    assert cell(page, "manages", dm) == deputy_manager.manages
    assert cell(page, "manages", ssw) == senior_social_worker.manages
    for line in deputy_manager.responsibility_list:
        assert line in cell(page, "responsibilities", dm)
    assert cell(page, "working-pattern", dm).startswith(deputy_manager.working_pattern)
    for employer in senior_social_worker.employer_list:
        assert employer in cell(page, "employers", ssw)
    for title in deputy_manager.job_title_list:
        assert title in cell(page, "job-titles", dm)
    # £43,421 is one pay point (review B12), kept in the pay note, not a range the row can show
    assert senior_social_worker.pay_label == "" and "£43,421" in senior_social_worker.pay_note
    assert "no reliable published figure" in cell(page, "pay", ssw)
    assert "no reliable published figure" in cell(page, "pay", dm)
    assert "Social Work England" in cell(page, "registration", ssw)
    assert cell(page, "registration", dm) == "No professional registration is needed for this role."
    # the social work qualifications are "one of" a group, so typical each (review A3), and ASYE is typical (A4)
    assert "Typical" in cell(page, "qualifications", ssw) and "Typical" in cell(page, "qualifications", dm)
    for rq in deputy_manager.role_qualifications.select_related("qualification"):
        assert rq.qualification.name in cell(page, "qualifications", dm)
    for item in senior_social_worker.specialist_list:
        assert item in cell(page, "specialist", ssw)
    assert "Leader in adult care" in cell(page, "standard", dm) and "ST0008" in cell(page, "standard", dm)
    assert cell(page, "standard", ssw) == "No apprenticeship standard covers this role."


def test_pay_row_names_source_and_year_for_hourly_pay(client, content):
    page = get(client, "/compare/?roles=adult-care-worker&roles=senior-care-worker")
    worker = Role.objects.select_related("pay_source").get(slug="adult-care-worker")
    pay = cell(page, "pay", "adult-care-worker")
    assert worker.pay_label in pay and f"({worker.pay_year})" in pay and worker.pay_source.publisher in pay


def test_columns_follow_the_order_in_the_address(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=social-worker&roles=adult-care-worker")
    header = re.search(r"<thead.*?</thead>", page, re.S).group(0)
    assert re.findall(r'data-role="([^"]+)"', header) == ["deputy-manager", "social-worker", "adult-care-worker"]


def test_ksb_row_counts_shared_and_own_with_statements_in_details(client, content):
    page = get(client, "/compare/?roles=senior-care-worker&roles=lead-practitioner")
    senior = cell(page, "ksbs", "senior-care-worker")
    assert "77 in ST0006: 6 shared with the other roles, 71 only in this role." in senior
    assert "6 shared with Lead practitioner in adult care (same wording)" in senior
    ksbs = row_html(page, "ksbs")
    assert ksbs.count("<details") == 4
    assert "The 6 shared KSBs" in ksbs and "The 71 KSBs only this role has" in ksbs


def test_ksb_row_names_the_same_standard_rule(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=registered-manager")
    assert "45 in ST0008: 45 shared with the other roles, 0 only in this role." in cell(page, "ksbs", "deputy-manager")
    assert "(same standard)" in cell(page, "ksbs", "deputy-manager")


def test_ksb_row_says_plainly_when_a_role_has_no_standard(client, content):
    page = get(client, BENCHMARK)
    assert cell(page, "ksbs", "senior-social-worker") == (
        "No apprenticeship standard is loaded for this role, so we cannot compare its knowledge, skills and behaviours."
    )
    assert "45 in ST0008: 0 shared with the other roles, 45 only in this role." in cell(page, "ksbs", "deputy-manager")


def test_ksb_statements_are_quoted_word_for_word(client, leader_in_adult_care):
    page = html.unescape(get(client, BENCHMARK))
    for ksb in leader_in_adult_care.ksbs.all():
        assert ksb.statement in page


# --- Differences ---------------------------------------------------------------------------------


def test_differing_rows_are_marked_in_words(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=registered-manager")
    assert row_heading(page, "level") == "Level"  # both level 5
    assert row_heading(page, "sector") == "Sector"
    assert row_heading(page, "standard") == "Occupational standard"
    assert row_heading(page, "ksbs") == "Knowledge, skills and behaviours (KSBs)"
    assert row_heading(page, "responsibilities") == "Main responsibilities Differs"
    assert 'class="govuk-table__row ccp-compare-row--differs" id="row-responsibilities"' in page


def test_show_only_differences_hides_rows_that_are_the_same(client, content):
    url = "/compare/?roles=deputy-manager&roles=registered-manager"
    everything = get(client, url)
    assert 'href="?roles=deputy-manager&amp;roles=registered-manager&amp;show=differences"' in everything
    only = get(client, url + "&show=differences")
    for key in ("level", "sector", "standard", "ksbs"):  # the setting differs: registered managers work in several
        assert f'id="row-{key}"' in everything
        assert f'id="row-{key}"' not in only
    assert 'id="row-responsibilities"' in only
    assert "Show every row" in only


def test_three_roles_have_no_two_role_summary(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=registered-manager&roles=social-worker")
    assert "What changes if you move" not in page
    assert 'id="row-ksbs"' in page


# --- The two-role summary -------------------------------------------------------------------------


def test_summary_for_a_linked_move_gives_time_source_and_pathway_link(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=registered-manager")
    assert "What changes if you move from Deputy manager of a care home to Registered manager" in page
    pathway = summary(page, "pathway")
    assert "We have no published figure" in pathway  # the Level 5 diploma's 2 to 3 years is not a promotion time
    assert 'href="/pathway/deputy-manager/registered-manager/"' in page
    assert summary(page, "ksbs") == "None: all 45 are shared with Deputy manager of a care home."


def test_summary_the_other_way_round_points_to_the_existing_pathway(client, content):
    page = get(client, "/compare/?roles=registered-manager&roles=deputy-manager")
    assert "The map has this move the other way round" in summary(page, "pathway")
    assert 'href="/pathway/deputy-manager/registered-manager/"' in page
    assert 'href="?roles=deputy-manager&amp;roles=registered-manager"' in page  # swap the order


def test_summary_lists_new_ksbs_across_standards(client, content):
    page = get(client, "/compare/?roles=senior-care-worker&roles=lead-practitioner")
    assert summary(page, "ksbs").startswith(
        "39 of the 45 knowledge, skills and behaviours of Lead practitioner in adult care (ST0007) are not shared"
    )
    assert "The 39 KSBs new to you" in page


def test_summary_for_unlinked_roles_says_so(client, content):
    page = get(client, BENCHMARK)
    assert summary(page, "pathway").startswith("These roles are not directly linked on our progression map.")
    assert "/pathway/" not in page


# --- The Career Clinic benchmark -----------------------------------------------------------------


def test_benchmark_pair_brings_out_every_difference_the_career_clinic_names(client, content):
    """../shared/seeds/000: senior social worker vs deputy manager of a care home, difference by difference."""
    page = get(client, BENCHMARK)
    ssw, dm = "senior-social-worker", "deputy-manager"

    def shows(key, slug, *phrases):
        value = cell(page, key, slug).lower()
        for phrase in phrases:
            assert phrase.lower() in value, f"{phrase!r} not in the {slug} {key} cell: {value}"
        assert row_heading(page, key).endswith("Differs"), key

    # A caseload of complex cases in the community vs primarily a residential care setting.
    shows("setting", ssw, "Community")
    shows("setting", dm, "Residential (care homes)")
    shows("responsibilities", ssw, "caseload of complex individual cases in the community")
    shows("responsibilities", dm, "complex cases")
    # Who is in the team: junior social workers and care staff, working alone or remotely, vs domestic
    # and administrative staff as much as professionals.
    shows("manages", ssw, "less experienced social workers", "remotely")
    shows("manages", dm, "domestic", "administrative staff")
    # Staff working on shifts, and what that means for staff development.
    shows("working-pattern", dm, "Shift work", "development")
    # Practice teaching of social work students.
    shows("responsibilities", ssw, "practice teaching")
    shows("qualifications", ssw, "Practice Educator")
    # Post-qualifying awards and specialist qualifications vs level 3 NVQ awards.
    shows("qualifications", ssw, "Post-qualifying award")
    shows("specialist", ssw, "Substance misuse", "Dementia", "Learning disability", "Gerontology")
    shows("qualifications", dm, "NVQ Level 3")
    shows("specialist", dm, "Dementia", "Nutrition", "medication")
    # Training and development awards: verifier and occupationally competent assessor.
    shows("qualifications", dm, "TAQA", "A1 assessor award", "V1 internal verifier award")
    # Deputising for the home manager, and a full grasp of the business.
    shows("responsibilities", dm, "Deputise for the home manager", "business")
    # Health and care management qualifications or an MBA.
    shows("qualifications", dm, "Leadership and Management", "MBA")
    # Typical employers.
    shows("employers", ssw, "Local councils", "charities", "private organisations")
    shows("employers", dm, "Private companies", "Local councils", "voluntary organisations")
    # The same differences reach the "what changes" summary for the move.
    take_on = summary(page, "take-on")
    assert "Deputise for the home manager" in take_on and "Shift work" in take_on and "domestic" in take_on
    added = summary(page, "qualifications")
    for name in ("NVQ Level 3", "TAQA", "A1 assessor award", "V1 internal verifier award", "MBA"):
        assert name in added


# --- Print ---------------------------------------------------------------------------------------


def test_page_carries_a_print_line_with_its_address_and_date(client, content):
    page = get(client, BENCHMARK)
    today = timezone.localdate().strftime("%-d %B %Y")
    expected = f"Printed from http://testserver{BENCHMARK} on {today}"
    assert expected in text(page)
    assert 'class="ccp-print-only ccp-compare-printed"' in page


# --- Bad input -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, messages",
    [
        ("roles=deputy-manager", ["Choose at least 2 roles to compare. You chose 1."]),
        ("roles=", ["Choose at least 2 roles to compare."]),
        ("roles=&roles=", ["Choose at least 2 roles to compare."]),
        ("show=differences", ["Choose at least 2 roles to compare."]),
        ("roles=deputy-manager&roles=deputy-manager", ["Choose at least 2 roles to compare. You chose 1."]),
        ("roles=astronaut&roles=deputy-manager", ["We do not have a role called 'astronaut'."]),
        ("roles=x&roles=y", ["We do not have a role called 'x'.", "We do not have a role called 'y'."]),
        ("roles=deputy-manager&roles=&roles=social-worker", ["The web address has an empty role in it"]),
        (
            "roles=adult-care-worker&roles=senior-care-worker&roles=lead-practitioner&roles=deputy-manager"
            "&roles=registered-manager",
            ["Choose no more than 4 roles to compare. You chose 5."],
        ),
        ("roles=%3Cscript%3E&roles=deputy-manager", ["'<script>' is not a role name"]),
        ("roles=" + "x" * 500 + "&roles=deputy-manager", ["'" + "x" * 40 + "…' is not a role name"]),
        ("roles=deputy-manager&roles=social-worker&show=everything", ["We cannot show 'everything'"]),
    ],
)
def test_bad_input_answers_400_with_the_picker_and_a_plain_english_summary(client, content, query, messages):
    page = get(client, f"/compare/?{query}", status=400)
    assert "govuk-error-summary" in page and "There is a problem" in page
    assert "<title>Error: compare roles" in page
    assert 'action="/compare/"' in page
    summary_text = text(re.search(r'<div class="govuk-error-summary".*?</ul>', page, re.S).group(0))
    for message in messages:
        assert message in summary_text
    assert 'href="#id_roles"' in page or 'href="#id_show"' in page
    assert 'id="id_roles"' in page and 'id="id_show"' in page  # the summary's links land somewhere
    assert "<script>" not in page.split("<body", 1)[1]


def test_duplicates_are_ignored(client, content):
    page = get(client, "/compare/?roles=deputy-manager&roles=social-worker&roles=deputy-manager")
    header = re.search(r"<thead.*?</thead>", page, re.S).group(0)
    assert re.findall(r'data-role="([^"]+)"', header) == ["deputy-manager", "social-worker"]


def test_role_names_are_read_without_regard_to_case_or_spaces(client, content):
    page = get(client, "/compare/?roles=Deputy-Manager&roles=%20social-worker%20")
    assert 'data-role="deputy-manager"' in page and 'data-role="social-worker"' in page


def test_unrelated_parameters_alone_show_the_picker(client, content):
    page = get(client, "/compare/?utm_source=newsletter")
    assert "govuk-error-summary" not in page


@settings(max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    roles=st.lists(
        st.one_of(st.text(max_size=30), st.sampled_from(["deputy-manager", "social-worker", ""])), max_size=7
    ),
    show=st.lists(st.text(max_size=12), max_size=2),
)
def test_any_query_gets_200_or_400_never_a_500(client, content, roles, show):
    response = client.get("/compare/", {"roles": roles, "show": show})
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        page = response.content.decode()
        # A NUL byte is refused site-wide before the view; everything else gets the picker's summary.
        assert "govuk-error-summary" in page or "a character we cannot read" in page


# --- Speed -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "roles=senior-social-worker&roles=deputy-manager",
        "roles=adult-care-worker&roles=senior-care-worker&roles=lead-practitioner",
        "roles=adult-care-worker&roles=senior-care-worker&roles=lead-practitioner&roles=social-worker&show=differences",
    ],
)
def test_page_runs_a_fixed_number_of_queries_at_seed_size(client, content, query, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        get(client, f"/compare/?{query}")


def test_page_runs_the_same_queries_with_ten_times_the_content(client, content, django_assert_max_num_queries):
    big = make_ten_times_the_content()
    for slugs in (big[:2], big):
        query = "&".join(f"roles={slug}" for slug in slugs)
        with django_assert_max_num_queries(5):
            page = get(client, f"/compare/?{query}")
        assert "Synthetic qualification 339" in page
    with django_assert_max_num_queries(1):
        get(client, "/compare/?roles=nobody&roles=synthetic-role-0", status=400)
