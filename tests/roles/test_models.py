from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from qualifications.models import Source
from roles.models import ProgressionLink, Role, RoleQualification, months_label
from tests.conftest import make_role, refused_by_database

pytestmark = pytest.mark.django_db


def test_link_to_itself_is_refused_in_plain_english_and_by_the_database(deputy_manager):
    link = ProgressionLink(from_role=deputy_manager, to_role=deputy_manager)
    with pytest.raises(ValidationError) as error:
        link.full_clean()
    assert error.value.message_dict["to_role"] == ["A role cannot lead to itself: choose a different role."]
    refused_by_database(link)


def test_second_link_between_the_same_roles_is_refused(deputy_manager):
    existing = ProgressionLink.objects.filter(from_role=deputy_manager).first()
    duplicate = ProgressionLink(from_role=deputy_manager, to_role=existing.to_role)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already a link from this role to that role" in str(error.value.message_dict["to_role"])
    refused_by_database(duplicate)


def test_level_outside_the_scale_is_refused(content):
    role = make_role(level=9)
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict["level"] == ["Levels run from 1 to 8."]
    refused_by_database(role)


def test_pay_minimum_above_maximum_is_refused(content):
    source = Source.objects.first()
    role = make_role(pay_min=30000, pay_max=20000, pay_source=source, pay_year=2024)
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert error.value.message_dict["pay_min"] == ["The lowest pay cannot be more than the highest pay."]
    refused_by_database(role)


def test_pay_without_source_and_year_is_refused(content):
    role = make_role(pay_min=20000, pay_max=30000)
    with pytest.raises(ValidationError) as error:
        role.full_clean()
    assert "needs a source" in str(error.value.message_dict["pay_source"])
    assert "year" in str(error.value.message_dict["pay_year"])
    refused_by_database(role)


def test_same_qualification_twice_for_a_role_is_refused(deputy_manager):
    existing = RoleQualification.objects.filter(role=deputy_manager).first()
    duplicate = RoleQualification(role=deputy_manager, qualification=existing.qualification, relevance="helpful")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "already listed for this role" in str(error.value.message_dict["qualification"])
    refused_by_database(duplicate)


def test_typical_time_reads_naturally():
    assert months_label(None, None) == ""
    assert months_label(12, 12) == "12 months"
    assert months_label(18, 24) == "18 to 24 months"
    assert months_label(24, 36) == "2 to 3 years"
    assert months_label(36, None) == "at least 3 years"
    assert months_label(None, 6) == "up to 6 months"
    assert months_label(18, None) == "at least 18 months"
    assert months_label(1, 1) == "1 month"


def test_pay_label_formats_pounds_and_pence(content):
    assert make_role(pay_min=32000, pay_max=48000).pay_label == "£32,000 to £48,000 a year"
    assert make_role(pay_median=Decimal("12.00"), pay_unit="hour").pay_label == "Median £12.00 an hour"


def test_natural_keys_identify_records(deputy_manager):
    assert Role.objects.get_by_natural_key("deputy-manager") == deputy_manager
    link = ProgressionLink.objects.filter(from_role=deputy_manager).first()
    assert ProgressionLink.objects.get_by_natural_key(*link.natural_key()) == link


def test_role_qualifications_come_essential_then_typical_then_helpful(content):
    order = {"essential": 0, "typical": 1, "helpful": 2}
    for slug in ("registered-manager", "deputy-manager", "senior-social-worker"):
        rows = list(RoleQualification.objects.filter(role__slug=slug).select_related("qualification"))
        ranks = [order[row.relevance] for row in rows]
        assert ranks == sorted(ranks) and len(set(ranks)) >= 2, slug
        assert [row.pk for row in RoleQualification.objects.filter(role__slug=slug).ordered()] == [r.pk for r in rows]
