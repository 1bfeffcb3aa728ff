"""The admin for sources, standards with their KSBs, and qualifications, as a content editor uses it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from qualifications.models import KSB, OccupationalStandard, Qualification, Source
from tests.admin_helpers import change_form_data, search_adds_at_most_one_query

pytestmark = pytest.mark.django_db


def standard_url(standard):
    return f"/admin/qualifications/occupationalstandard/{standard.pk}/change/"


def ksb_errors(response):
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == "ksbs")
    return formset.errors


# Standards and their KSBs


def test_standard_form_lists_its_ksbs_inline_knowledge_then_skills_then_behaviours(editor_client, leader_in_adult_care):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    total = int(data["ksbs-TOTAL_FORMS"][0])
    codes = [data[f"ksbs-{i}-kind"][0] + data[f"ksbs-{i}-number"][0] for i in range(total)]
    assert total == leader_in_adult_care.ksbs.count()
    kinds = [code[0] for code in codes]
    assert kinds == sorted(kinds, key="KSB".index)
    for kind in "KSB":
        numbers = [int(code[1:]) for code in codes if code[0] == kind]
        assert numbers == sorted(numbers) and numbers, kind


def test_ksb_statements_come_back_word_for_word(editor_client, leader_in_adult_care):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    statements = [data[f"ksbs-{i}-statement"][0] for i in range(int(data["ksbs-TOTAL_FORMS"][0]))]
    assert statements == list(
        KSB.objects.filter(standard=leader_in_adult_care).ordered().values_list("statement", flat=True)
    )


def test_a_ksb_code_twice_in_a_standard_is_explained_on_the_row(editor_client, leader_in_adult_care):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    index = int(data["ksbs-TOTAL_FORMS"][0])
    data["ksbs-TOTAL_FORMS"] = [str(index + 1)]
    data |= {f"ksbs-{index}-kind": ["K"], f"ksbs-{index}-number": ["1"], f"ksbs-{index}-statement": ["A repeat."]}
    ksbs_before = KSB.objects.count()

    response = editor_client.post(standard_url(leader_in_adult_care), data)

    assert response.status_code == 200
    message = "K1 already exists in this standard: each KSB code is used once."
    assert ksb_errors(response)[index]["number"] == [message]
    assert message in response.content.decode()
    assert KSB.objects.count() == ksbs_before


def test_renumbering_a_ksb_onto_another_is_explained(editor_client, leader_in_adult_care):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    data["ksbs-1-kind"], data["ksbs-1-number"] = data["ksbs-0-kind"], data["ksbs-0-number"]

    response = editor_client.post(standard_url(leader_in_adult_care), data)

    assert response.status_code == 200
    assert ksb_errors(response)[1]["number"] == ["K1 already exists in this standard: each KSB code is used once."]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"level": "8"}, "level", "Apprenticeship standards run from level 2 to level 7."),
        ({"reference": "ST8"}, "reference", "A standard's reference looks like ST0008: ST and four digits."),
        (
            {"median_salary": "30000", "median_salary_source": "", "median_salary_year": ""},
            "median_salary_year",
            "Every figure needs the year it refers to.",
        ),
        (
            {"median_salary": "30000", "median_salary_source": "", "median_salary_year": "2024"},
            "median_salary_source",
            "Every figure needs a source: choose the source it comes from.",
        ),
    ],
)
def test_standard_rules_are_explained_next_to_the_field(editor_client, leader_in_adult_care, changes, field, message):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    data.update({name: [value] for name, value in changes.items()})

    response = editor_client.post(standard_url(leader_in_adult_care), data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]
    assert escape(message) in response.content.decode()


def test_editor_sets_last_reviewed_and_the_public_page_shows_it(editor_client, client, leader_in_adult_care):
    data = change_form_data(editor_client, standard_url(leader_in_adult_care), "occupationalstandard")
    data["last_reviewed"] = ["14/03/2026"]
    assert editor_client.post(standard_url(leader_in_adult_care), data).status_code == 302
    leader_in_adult_care.refresh_from_db()
    assert leader_in_adult_care.last_reviewed.isoformat() == "2026-03-14"
    assert "14 March 2026" in client.get(leader_in_adult_care.get_absolute_url()).content.decode()


def test_standard_form_query_count_does_not_grow_with_its_ksbs(editor_client, leader_in_adult_care):
    with CaptureQueriesContext(connection) as before:
        assert editor_client.get(standard_url(leader_in_adult_care)).status_code == 200
    KSB.objects.bulk_create(
        KSB(standard=leader_in_adult_care, kind="K", number=100 + n, statement=f"Extra {n}.") for n in range(40)
    )
    with CaptureQueriesContext(connection) as after:
        response = editor_client.get(standard_url(leader_in_adult_care))
    assert "Extra 39." in response.content.decode()
    assert len(after) == len(before) <= 12


def test_standard_list_shows_ksb_counts_and_filters_by_level(editor_client, leader_in_adult_care):
    response = editor_client.get("/admin/qualifications/occupationalstandard/", {"level__exact": "5"})
    shown = list(response.context["cl"].result_list)
    assert shown == list(OccupationalStandard.objects.filter(level=5))
    assert leader_in_adult_care in shown
    assert f'<td class="field-ksb_count">{leader_in_adult_care.ksbs.count()}</td>' in response.content.decode()


def test_ksb_list_filters_by_kind_and_standard(editor_client, leader_in_adult_care):
    standard = leader_in_adult_care
    response = editor_client.get("/admin/qualifications/ksb/", {"kind__exact": "B", "standard__id__exact": standard.pk})
    shown = list(response.context["cl"].result_list)
    assert shown == list(standard.ksbs.filter(kind="B").order_by("number"))


def test_ksb_list_searches_statements(editor_client):
    ksb = KSB.objects.get(standard__reference="ST0008", kind="B", number=1)
    words = " ".join(ksb.statement.split()[:4])
    response = editor_client.get("/admin/qualifications/ksb/", {"q": words})
    assert ksb in list(response.context["cl"].result_list)


# Qualifications


@pytest.mark.parametrize(("status", "legacy"), [("current", False), ("legacy", True)])
def test_qualification_list_filters_current_and_legacy(editor_client, status, legacy):
    response = editor_client.get("/admin/qualifications/qualification/", {"status": status})
    shown = list(response.context["cl"].result_list)
    assert shown and all(q.is_legacy is legacy for q in shown)
    assert len(shown) == Qualification.objects.filter(is_legacy=legacy).count()


def test_qualification_list_filters_by_kind_and_level(editor_client):
    response = editor_client.get("/admin/qualifications/qualification/", {"kind__exact": "diploma", "level__exact": 3})
    shown = list(response.context["cl"].result_list)
    assert shown == list(Qualification.objects.filter(kind="diploma", level=3))


def test_qualification_form_prepopulates_the_slug_and_uses_autocomplete(editor_client, nvq_level_3):
    add_page = editor_client.get("/admin/qualifications/qualification/add/").content.decode()
    assert "&quot;dependency_list&quot;: [&quot;name&quot;]" in add_page
    page = editor_client.get(f"/admin/qualifications/qualification/{nvq_level_3.pk}/change/").content.decode()
    assert 'data-field-name="replaced_by"' in page
    assert 'data-field-name="source"' in page
    assert "View on site" in page


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"level": "9"}, "level", "Levels run from 1 to 8 on the RQF and FHEQ scales."),
        (
            {"typical_duration": "2 years", "source": ""},
            "source",
            "A typical duration is a figure: choose the source it comes from.",
        ),
    ],
)
def test_qualification_rules_are_explained_next_to_the_field(editor_client, nvq_level_3, changes, field, message):
    url = f"/admin/qualifications/qualification/{nvq_level_3.pk}/change/"
    data = change_form_data(editor_client, url, "qualification")
    data.update({name: [value] for name, value in changes.items()})

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors[field] == [message]


def test_current_qualification_cannot_be_replaced(editor_client):
    current = Qualification.objects.current().first()
    url = f"/admin/qualifications/qualification/{current.pk}/change/"
    data = change_form_data(editor_client, url, "qualification")
    data["replaced_by"] = [str(Qualification.objects.exclude(pk=current.pk).first().pk)]

    response = editor_client.post(url, data)

    assert response.status_code == 200
    assert response.context["adminform"].form.errors["replaced_by"] == [
        "Only a legacy qualification can be replaced: tick 'is legacy' or clear this."
    ]


# Sources


def test_source_list_shows_each_publication_with_its_link(editor_client):
    source = Source.objects.exclude(url="").first()
    response = editor_client.get("/admin/qualifications/source/", {"q": source.key})
    page = response.content.decode()
    assert source in list(response.context["cl"].result_list)
    assert f'<a href="{escape(source.url)}" rel="noopener noreferrer" target="_blank">Open</a>' in page


def test_source_form_lists_what_cites_it(editor_client, leader_in_adult_care):
    source = leader_in_adult_care.source
    page = editor_client.get(f"/admin/qualifications/source/{source.pk}/change/").content.decode()
    assert "Cited by" in page
    standard_admin = f"/admin/qualifications/occupationalstandard/{leader_in_adult_care.pk}/change/"
    assert f'<a href="{standard_admin}">{escape(str(leader_in_adult_care))}</a>' in page
    for role in leader_in_adult_care.roles.filter(sources=source):
        assert f'<a href="/admin/roles/role/{role.pk}/change/">' in page


def test_source_year_outside_the_plausible_range_is_explained(editor_client):
    source = Source.objects.first()
    url = f"/admin/qualifications/source/{source.pk}/change/"
    data = change_form_data(editor_client, url, "source")
    data["year"] = ["1850"]
    response = editor_client.post(url, data)
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["year"] == ["Enter a year between 1990 and 2100."]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/qualifications/source/",
        "/admin/qualifications/occupationalstandard/",
        "/admin/qualifications/ksb/",
        "/admin/qualifications/qualification/",
    ],
)
def test_lists_run_the_same_queries_however_many_rows(editor_client, path, django_assert_max_num_queries):
    search_adds_at_most_one_query(editor_client, path, search="care")
    with django_assert_max_num_queries(11):
        editor_client.get(path)
