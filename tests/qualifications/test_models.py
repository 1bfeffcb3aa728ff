import pytest
from django.core.exceptions import ValidationError

from qualifications.models import KSB, OccupationalStandard, Qualification
from tests.conftest import refused_by_database

pytestmark = pytest.mark.django_db


def test_ksb_code_is_unique_within_its_standard(leader_in_adult_care):
    duplicate = KSB(standard=leader_in_adult_care, kind="K", number=1, statement="Another K1")
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert error.value.message_dict["number"] == ["K1 already exists in this standard: each KSB code is used once."]
    refused_by_database(duplicate)


def test_ksbs_are_ordered_knowledge_skills_behaviours_then_number(leader_in_adult_care):
    codes = [ksb.code for ksb in KSB.objects.filter(standard=leader_in_adult_care).ordered()]
    assert codes[:3] == ["K1", "K2", "K3"]
    assert codes[17:19] == ["K18", "S1"]
    assert codes[-1] == "B6"
    assert codes == [k.code for k in KSB.objects.filter(standard=leader_in_adult_care)]


def test_ksb_shows_as_its_code(leader_in_adult_care):
    assert str(KSB.objects.get(standard=leader_in_adult_care, kind="S", number=21)) == "ST0008 S21"


def test_qualification_level_outside_the_scale_is_refused(content):
    qualification = Qualification(slug="x", name="X", kind="diploma", level=9)
    with pytest.raises(ValidationError) as error:
        qualification.full_clean()
    assert "Levels run from 1 to 8" in str(error.value.message_dict["level"])
    refused_by_database(qualification)


def test_only_legacy_qualifications_have_a_replacement(nvq_level_3):
    current = Qualification(slug="x", name="X", kind="diploma", level=3, replaced_by=nvq_level_3.replaced_by)
    with pytest.raises(ValidationError) as error:
        current.full_clean()
    assert "Only a legacy qualification can be replaced" in str(error.value.message_dict["replaced_by"])
    refused_by_database(current)


def test_nvq_level_3_points_to_the_qcf_diploma_and_on_to_the_level_3_diploma(nvq_level_3):
    assert nvq_level_3.is_legacy
    qcf = nvq_level_3.replaced_by
    assert qcf.is_legacy and "(QCF)" in qcf.name
    assert "Level 3 Diploma in Adult Care" in qcf.replaced_by.name


def test_standard_salary_needs_source_and_year(leader_in_adult_care):
    leader_in_adult_care.median_salary_source = None
    with pytest.raises(ValidationError) as error:
        leader_in_adult_care.full_clean()
    assert "needs a source" in str(error.value.message_dict["median_salary_source"])
    refused_by_database(leader_in_adult_care)


def test_standard_reference_must_look_like_st_and_four_digits(leader_in_adult_care):
    standard = OccupationalStandard(reference="X1", title="X", level=3, source=leader_in_adult_care.source)
    with pytest.raises(ValidationError) as error:
        standard.full_clean()
    assert "ST and four digits" in str(error.value.message_dict["reference"])


def test_ksb_rows_sorted_in_python_keep_the_order_sql_gives(leader_in_adult_care, content):
    # rows() sorts in Python what ordered() sorts in SQL: both must give each standard's own order.
    in_sql = [(k.standard_id, k.kind, k.number, k.statement) for k in KSB.objects.ordered()]
    rows = KSB.objects.rows()
    assert len(rows) == len(in_sql) > 100
    assert sorted(rows, key=lambda row: row[0]) == sorted(in_sql, key=lambda row: row[0])
    own = [f"{kind}{number}" for standard, kind, number, _ in rows if standard == leader_in_adult_care.pk]
    assert own == [k.code for k in KSB.objects.filter(standard=leader_in_adult_care).ordered()]
    assert own.index("K18") + 1 == own.index("S1") and own.index("K2") < own.index("K10")
