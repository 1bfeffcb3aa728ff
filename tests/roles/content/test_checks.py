"""check_content: each content-truth rule catches a broken record of its kind, by file, record and field."""

import json
from datetime import date
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from qualifications.models import Funding, OccupationalStandard, Qualification, Source
from roles.content.checks import ERROR, WARNING, errors, problems
from roles.models import LevelBasis, ProgressionLink, Role, RoleQualification
from tests.conftest import make_role

pytestmark = pytest.mark.django_db


def found(rule: str, record: str, field: str = "") -> list:
    return [p for p in problems() if p.rule == rule and p.record == record and (not field or p.field == field)]


@pytest.fixture
def source(content):
    return Source.objects.create(
        key="test-source", title="A page", publisher="A publisher", url="https://example.org/a"
    )


# --- Sources --------------------------------------------------------------------------------------------


def test_a_source_at_a_site_root_is_an_error(source):
    Source.objects.filter(pk=source.pk).update(url="https://www.example.org/", year=2025)
    (item,) = found("source-site-root", "test-source", "url")
    assert (item.level, item.file) == (ERROR, "sources.json")
    assert "home page" in item.message


def test_a_source_without_an_address_is_an_error(source):
    Source.objects.filter(pk=source.pk).update(url="", year=2025)
    assert found("source-address", "test-source", "url")


def test_a_known_copy_site_is_an_error(source):
    Source.objects.filter(pk=source.pk).update(url="https://limitlesscommunitycare.org/pay-in-care", year=2025)
    (item,) = found("source-copy-site", "test-source", "url")
    assert "original" in item.message


def test_an_undated_source_needs_the_date_it_was_checked(source):
    assert found("source-undated-unchecked", "test-source", "checked")
    Source.objects.filter(pk=source.pk).update(checked=date(2026, 12, 1))
    assert not found("source-undated-unchecked", "test-source")


# --- Figures ------------------------------------------------------------------------------------------------


def test_a_figure_dated_later_than_its_source_is_an_error(content, source):
    Source.objects.filter(pk=source.pk).update(year=2023)
    make_role(save=True, pay_min=30000, pay_year=2025, pay_source=source, last_reviewed=date(2026, 12, 1))
    (item,) = found("figure-year-after-source", "test-role", "pay_year")
    assert "2025" in item.message and "2023" in item.message


def test_a_figure_from_an_undated_page_takes_the_year_it_was_checked(content, source):
    Source.objects.filter(pk=source.pk).update(checked=date(2026, 12, 1))
    make_role(save=True, pay_min=30000, pay_year=2026, pay_source=source, last_reviewed=date(2026, 12, 1))
    assert not [p for p in problems() if p.record == "test-role" and p.rule.startswith("figure")]


def test_hours_without_a_year_anywhere_are_an_error(content):
    undated = Source.objects.create(key="undated", title="T", publisher="P", url="https://example.org/hours")
    make_role(save=True, hours_min=37, hours_source=undated)
    assert found("figure-no-year", "test-role", "hours_source")


def test_a_move_time_whose_source_has_no_date_is_an_error(content):
    link = ProgressionLink.objects.filter(months_min__isnull=False).select_related("from_role", "to_role").first()
    Source.objects.filter(pk=link.time_source_id).update(year=None, checked=None)
    assert found("figure-no-year", f"{link.from_role.slug}/{link.to_role.slug}", "time_source")


def test_a_figure_over_three_years_older_than_the_review_is_a_warning(content, source):
    Source.objects.filter(pk=source.pk).update(year=2019)
    make_role(save=True, pay_median=Decimal("9.50"), pay_unit="hour", pay_year=2019, pay_source=source)
    Role.objects.filter(slug="test-role").update(last_reviewed=date(2026, 12, 1))
    (item,) = found("figure-old", "test-role", "pay_year")
    assert item.level == WARNING


# --- Apprenticeships and "one of" ----------------------------------------------------------------------------


def test_a_suggested_apprenticeship_without_a_funding_status_is_an_error(leader_in_adult_care):
    OccupationalStandard.objects.filter(pk=leader_in_adult_care.pk).update(funding_status="", funding_source=None)
    (item,) = found("apprenticeship-funding", "ST0008", "funding_status")
    assert item.file == "standards.json"


def test_a_funding_status_needs_its_source(leader_in_adult_care):
    OccupationalStandard.objects.filter(pk=leader_in_adult_care.pk).update(
        funding_status=Funding.FUNDED, funding_source=None
    )
    assert found("apprenticeship-funding", "ST0008", "funding_source")


def test_a_qualification_named_as_an_apprenticeship_must_be_linked_to_its_standard(content):
    qualification = Qualification.objects.get(slug="social-worker-degree-apprenticeship")
    Qualification.objects.filter(pk=qualification.pk).update(apprenticeship=None)
    assert found("apprenticeship-funding", "social-worker-degree-apprenticeship", "apprenticeship")


def test_essential_on_a_member_of_an_alternatives_group_is_an_error(senior_social_worker):
    rq = RoleQualification.objects.filter(role=senior_social_worker).select_related("qualification").first()
    RoleQualification.objects.filter(pk=rq.pk).update(alternatives="social-work-qualification", relevance="essential")
    (item,) = found("essential-in-alternatives", f"senior-social-worker/{rq.qualification.slug}", "relevance")
    assert item.file == "role_qualifications.json"


# --- Levels and the ladder ------------------------------------------------------------------------------------


def test_a_level_without_a_basis_is_an_error(deputy_manager):
    Role.objects.filter(pk=deputy_manager.pk).update(level_basis="")
    assert found("level-basis", "deputy-manager", "level_basis")


def test_a_level_by_judgement_needs_its_reason(deputy_manager):
    Role.objects.filter(pk=deputy_manager.pk).update(level_basis=LevelBasis.JUDGEMENT, level_reason="")
    assert found("level-basis", "deputy-manager", "level_reason")


def test_a_level_said_to_be_the_standards_must_match_it(deputy_manager):
    level = deputy_manager.standard.level
    Role.objects.filter(pk=deputy_manager.pk).update(level_basis=LevelBasis.STANDARD, level=level + 1)
    assert found("level-basis", "deputy-manager", "level_basis")


def test_a_level_above_the_standards_is_an_error(deputy_manager):
    level = deputy_manager.standard.level
    Role.objects.filter(pk=deputy_manager.pk).update(
        level_basis=LevelBasis.JUDGEMENT, level_reason="Because.", level=level + 1
    )
    assert found("level-above-standard", "deputy-manager", "level")


def test_a_role_that_leads_nowhere_must_be_a_top_role_with_a_reason(deputy_manager):
    ProgressionLink.objects.filter(from_role=deputy_manager).delete()
    Role.objects.filter(pk=deputy_manager.pk).update(top_role=False)
    assert found("dead-end", "deputy-manager", "top_role")
    Role.objects.filter(pk=deputy_manager.pk).update(top_role=True, top_role_reason="")
    assert found("top-role-reason", "deputy-manager", "top_role_reason")
    Role.objects.filter(pk=deputy_manager.pk).update(top_role_reason="The most senior role in a care home.")
    assert not [p for p in problems() if p.record == "deputy-manager" and p.rule in {"dead-end", "top-role-reason"}]


def test_a_profile_not_reviewed_for_a_year_is_a_warning(deputy_manager):
    Role.objects.filter(pk=deputy_manager.pk).update(last_reviewed=date(2020, 1, 1))
    (item,) = found("review-old", "deputy-manager", "last_reviewed")
    assert item.level == WARNING and "1 January 2020" in item.message


def test_checks_run_a_fixed_number_of_queries(content, django_assert_num_queries):
    with django_assert_num_queries(7):
        problems()


# --- The command ------------------------------------------------------------------------------------------


def write(directory, name, rows):
    (directory / name).write_text(json.dumps(rows, indent=2, ensure_ascii=False))


def test_check_content_names_file_record_field_and_rule_and_exits_non_zero(fixtures_copy, capsys):
    rows = json.loads((fixtures_copy / "roles.json").read_text())
    rows[0]["fields"]["level_basis"] = ""
    write(fixtures_copy, "roles.json", rows)
    with pytest.raises(CommandError, match="rules"):
        call_command("check_content", fixtures=fixtures_copy)
    out = capsys.readouterr().out
    assert f"roles.json, record {rows[0]['fields']['slug']}, field 'level_basis'" in out
    assert "(level-basis)" in out


def test_check_content_changes_nothing_in_the_database(content, fixtures_copy):
    before = Role.objects.count()
    rows = json.loads((fixtures_copy / "roles.json").read_text())
    write(fixtures_copy, "roles.json", rows[:3])
    with pytest.raises(CommandError):
        call_command("check_content", fixtures=fixtures_copy)
    assert Role.objects.count() == before


def test_check_content_on_a_broken_file_says_which_and_changes_nothing(content, fixtures_copy):
    (fixtures_copy / "roles.json").write_text("[{")
    before = Role.objects.count()
    with pytest.raises(CommandError, match=r"roles\.json: not valid JSON"):
        call_command("check_content", fixtures=fixtures_copy)
    assert Role.objects.count() == before


def test_warnings_alone_do_not_fail(content, monkeypatch, capsys):
    from roles.content import checks

    monkeypatch.setattr(checks, "problems", lambda: [p for p in problems() if p.level == WARNING])
    monkeypatch.setattr("roles.management.commands.check_content.problems", checks.problems)
    call_command("check_content", loaded=True)
    assert "keeps every rule" in capsys.readouterr().out


def test_errors_helper_keeps_only_errors(content):
    assert all(p.level == ERROR for p in errors(problems()))


def test_the_fixtures_keep_every_rule(content):
    assert [str(p) for p in errors(problems())] == []


def test_load_content_refuses_content_that_breaks_a_rule_and_changes_nothing(content, fixtures_copy):
    rows = json.loads((fixtures_copy / "roles.json").read_text())
    slug = rows[0]["fields"]["slug"]
    rows[0]["fields"]["level_basis"] = ""
    rows[0]["fields"]["title"] = "Changed title that must not land"
    write(fixtures_copy, "roles.json", rows)
    with pytest.raises(CommandError) as error:
        call_command("load_content", fixtures=fixtures_copy, verbosity=0)
    assert f"roles.json, record {slug}, field 'level_basis'" in str(error.value)
    assert Role.objects.get(slug=slug).title != "Changed title that must not land"
