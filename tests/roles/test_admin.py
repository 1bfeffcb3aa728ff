"""The roles admin as a content editor uses it: lists, the role form with its inlines, validation, history."""

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.html import escape

from qualifications.models import Source
from roles.models import ProgressionLink, Role, RoleQualification
from tests.admin_helpers import change_form_data, search_adds_at_most_one_query

pytestmark = pytest.mark.django_db


def role_url(role):
    return f"/admin/roles/role/{role.pk}/change/"


def inline_rows(data, prefix):
    """Indexes of the rows a formset sent (its management form says how many)."""
    return range(int(data[f"{prefix}-TOTAL_FORMS"][0]))


def add_inline_row(data, prefix, **fields):
    index = int(data[f"{prefix}-TOTAL_FORMS"][0])
    data[f"{prefix}-TOTAL_FORMS"] = [str(index + 1)]
    for name, value in fields.items():
        data[f"{prefix}-{index}-{name}"] = [str(value)]
    return index


def errors_on(response, field):
    """Error messages the change form shows for one field of the role itself."""
    return list(response.context["adminform"].form.errors.get(field, []))


def inline_errors(response, prefix):
    formset = next(f.formset for f in response.context["inline_admin_formsets"] if f.formset.prefix == prefix)
    return formset.errors


# Anonymous visitors


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/roles/role/",
        "/admin/roles/role/add/",
        "/admin/roles/role/1/change/",
        "/admin/roles/role/1/history/",
        "/admin/qualifications/ksb/",
        "/admin/qualifications/source/1/change/",
        "/admin/auth/user/",
        "/admin/auth/group/",
    ],
)
def test_anonymous_visitors_are_sent_to_the_login_page(client, content, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=")


def test_staff_outside_the_editors_group_can_see_no_content(client, content):
    from django.contrib.auth.models import User

    client.force_login(User.objects.create_user("visitor", is_staff=True))
    assert client.get("/admin/roles/role/").status_code == 403


# Lists


def test_role_list_identifies_each_role_at_a_glance(editor_client):
    paid = Role.objects.filter(pay_source__isnull=False).select_related("pay_source").first()
    response = editor_client.get("/admin/roles/role/")
    assert response.status_code == 200
    page = response.content.decode()
    for column in ["Title", "Level", "Sector", "Setting", "Standard", "Pay", "Pay source", "Last reviewed"]:
        assert f">{column}</a>" in page or f"<span>{column}</span>" in page, column
    assert escape(paid.title) in page
    assert escape(paid.pay_label) in page
    assert f'<a href="{escape(paid.pay_source.url)}"' in page
    assert escape(str(paid.pay_source)) in page


def test_role_list_searches_titles(editor_client, deputy_manager):
    response = editor_client.get("/admin/roles/role/", {"q": "deputy"})
    assert list(response.context["cl"].result_list) == [deputy_manager]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"level__exact": "5"}, {"level": 5}),
        ({"sector__exact": "social-work"}, {"sector": "social-work"}),
        ({"setting__exact": "residential"}, {"setting": "residential"}),
    ],
)
def test_role_list_filters_by_level_sector_and_setting(editor_client, params, expected):
    response = editor_client.get("/admin/roles/role/", params)
    shown = list(response.context["cl"].result_list)
    assert shown == list(Role.objects.filter(**expected))
    assert shown


def test_progression_link_list_filters_by_strength(editor_client):
    response = editor_client.get("/admin/roles/progressionlink/", {"strength__exact": "possible"})
    shown = list(response.context["cl"].result_list)
    assert shown and all(link.strength == "possible" for link in shown)
    assert len(shown) == ProgressionLink.objects.filter(strength="possible").count()


def test_role_qualification_list_filters_by_relevance(editor_client):
    response = editor_client.get("/admin/roles/rolequalification/", {"relevance__exact": "essential"})
    shown = list(response.context["cl"].result_list)
    assert len(shown) == RoleQualification.objects.filter(relevance="essential").count() > 0


@pytest.mark.parametrize(
    "path", ["/admin/roles/role/", "/admin/roles/progressionlink/", "/admin/roles/rolequalification/"]
)
def test_lists_run_the_same_queries_however_many_rows(editor_client, path, django_assert_max_num_queries):
    search_adds_at_most_one_query(editor_client, path, search="deputy manager")
    with django_assert_max_num_queries(10):
        editor_client.get(path)


# The role form and its inlines


def test_role_form_shows_its_qualifications_and_outgoing_links_inline(editor_client, deputy_manager):
    response = editor_client.get(role_url(deputy_manager))
    assert response.status_code == 200
    prefixes = [f.formset.prefix for f in response.context["inline_admin_formsets"]]
    assert prefixes == ["role_qualifications", "links_out"]
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    assert data["role_qualifications-TOTAL_FORMS"] == [str(deputy_manager.role_qualifications.count())]
    assert data["links_out-TOTAL_FORMS"] == [str(deputy_manager.links_out.count())]


def test_role_form_uses_autocomplete_and_prepopulates_the_slug(editor_client, deputy_manager):
    page = editor_client.get(role_url(deputy_manager)).content.decode()
    for field in ["standard", "pay_source", "hours_source", "pathway_source", "sources"]:
        assert f'name="{field}"' in page
        assert f'data-field-name="{field}"' in page, f"{field} should use autocomplete"
    assert 'data-field-name="qualification"' in page
    assert 'data-field-name="to_role"' in page
    add_page = editor_client.get("/admin/roles/role/add/").content.decode()
    assert "&quot;dependency_list&quot;: [&quot;title&quot;]" in add_page


def test_role_form_links_to_the_public_page_and_lists_its_sources(editor_client, deputy_manager):
    page = editor_client.get(role_url(deputy_manager)).content.decode()
    assert "View on site" in page
    view_on_site = editor_client.get(
        f"/admin/r/{ContentType.objects.get_for_model(Role).pk}/{deputy_manager.pk}/", follow=True
    )
    assert view_on_site.redirect_chain[-1][0].endswith(deputy_manager.get_absolute_url())
    assert "Every source this profile cites" in page
    for source in deputy_manager.sources.all():
        if source.url:
            assert f'href="{source.url}"' in page


def test_editor_can_change_a_role_and_its_inlines(editor_client, deputy_manager, nvq_level_3):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    data["working_pattern"] = ["Mostly days, with some weekends and an on-call rota."]
    first_link = next(i for i in inline_rows(data, "links_out"))
    data[f"links_out-{first_link}-strength"] = ["possible"]
    target = Role.objects.exclude(pk=deputy_manager.pk).exclude(links_in__from_role=deputy_manager).first()
    add_inline_row(data, "links_out", to_role=target.pk, strength="possible")
    listed = set(deputy_manager.role_qualifications.values_list("qualification", flat=True))
    new_qualification = (
        type(nvq_level_3).objects.exclude(pk__in=listed).order_by("name").first()
    )  # any qualification the role does not list yet
    add_inline_row(data, "role_qualifications", qualification=new_qualification.pk, relevance="helpful")

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    deputy_manager.refresh_from_db()
    assert deputy_manager.working_pattern == "Mostly days, with some weekends and an on-call rota."
    link_id = int(data[f"links_out-{first_link}-id"][0])
    assert ProgressionLink.objects.get(pk=link_id).strength == "possible"
    assert ProgressionLink.objects.filter(from_role=deputy_manager, to_role=target, strength="possible").exists()
    assert RoleQualification.objects.filter(
        role=deputy_manager, qualification=new_qualification, relevance="helpful"
    ).exists()


def test_saving_a_role_unchanged_keeps_its_text_exactly(editor_client, deputy_manager):
    """Browsers send textarea lines with CRLF: the saved text keeps the fixtures' LF."""
    before = Role.objects.filter(pk=deputy_manager.pk).values().get()
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    assert "\r\n" in data["responsibilities"][0]
    assert editor_client.post(role_url(deputy_manager), data).status_code == 302
    assert Role.objects.filter(pk=deputy_manager.pk).values().get() == before


# Validation in plain English, next to the field


def test_link_from_a_role_to_itself_is_explained_on_the_row(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    add_inline_row(data, "links_out", to_role=deputy_manager.pk, strength="common")
    links_before = ProgressionLink.objects.count()

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 200
    row = inline_errors(response, "links_out")[-1]
    assert row["to_role"] == ["A role cannot lead to itself: choose a different role."]
    assert "A role cannot lead to itself: choose a different role." in response.content.decode()
    assert ProgressionLink.objects.count() == links_before


def test_same_role_twice_in_the_links_is_explained_on_the_second_row(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    existing = data["links_out-0-to_role"][0]
    second = add_inline_row(data, "links_out", to_role=existing, strength="possible")
    links_before = ProgressionLink.objects.count()

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 200
    errors = inline_errors(response, "links_out")
    assert errors[second]["to_role"] == ["There is already a link from this role to that role."]
    assert not errors[0]
    assert "There is already a link from this role to that role." in response.content.decode()
    assert ProgressionLink.objects.count() == links_before


def test_two_new_links_to_the_same_role_are_explained(editor_client, registered_manager):
    data = change_form_data(editor_client, role_url(registered_manager), "role")
    target = Role.objects.exclude(pk=registered_manager.pk).exclude(links_in__from_role=registered_manager).first()
    add_inline_row(data, "links_out", to_role=target.pk, strength="common")
    second = add_inline_row(data, "links_out", to_role=target.pk, strength="possible")

    response = editor_client.post(role_url(registered_manager), data)

    assert response.status_code == 200
    assert inline_errors(response, "links_out")[second]["to_role"] == [
        "There is already a link from this role to that role."
    ]
    assert not ProgressionLink.objects.filter(from_role=registered_manager, to_role=target).exists()


def test_same_qualification_twice_is_explained_on_the_row(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    listed = data["role_qualifications-0-qualification"][0]
    second = add_inline_row(data, "role_qualifications", qualification=listed, relevance="helpful")

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 200
    assert inline_errors(response, "role_qualifications")[second]["qualification"] == [
        "This qualification is already listed for this role."
    ]


def test_deleting_a_link_and_adding_it_again_in_one_save_is_allowed(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    existing = data["links_out-0-to_role"][0]
    data["links_out-0-DELETE"] = ["on"]
    add_inline_row(data, "links_out", to_role=existing, strength="possible")

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 302
    assert ProgressionLink.objects.get(from_role=deputy_manager, to_role_id=existing).strength == "possible"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"level": "9"}, "level", "Levels run from 1 to 8."),
        ({"pay_min": "40000", "pay_max": "30000"}, "pay_min", "The lowest pay cannot be more than the highest pay."),
        (
            {"pay_min": "30000", "pay_max": "40000", "pay_source": "", "pay_year": ""},
            "pay_source",
            "Every figure needs a source: choose the source it comes from.",
        ),
        (
            {"pay_min": "30000", "pay_max": "40000", "pay_year": ""},
            "pay_year",
            "Every figure needs the year it refers to.",
        ),
        ({"hours_min": "40", "hours_max": "30"}, "hours_min", "The fewest hours cannot be more than the most hours."),
        ({"slug": "registered-manager"}, "slug", "Role with this Slug already exists."),
    ],
)
def test_broken_rules_are_explained_next_to_the_field(editor_client, deputy_manager, changes, field, message):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    if not data.get("pay_source", [""])[0]:
        data["pay_source"] = [str(Source.objects.first().pk)]
        data["pay_year"] = ["2025"]
    data.update({name: [value] for name, value in changes.items()})

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 200
    assert errors_on(response, field) == [message]
    assert message in response.content.decode()
    assert Role.objects.get(pk=deputy_manager.pk).level == deputy_manager.level


def test_link_rules_are_explained_on_the_link_row(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    data["links_out-0-months_min"] = ["48"]
    data["links_out-0-months_max"] = ["12"]
    data["links_out-0-gate_source"] = [""]

    response = editor_client.post(role_url(deputy_manager), data)

    assert response.status_code == 200
    row = inline_errors(response, "links_out")[0]
    assert row["months_min"] == ["The shortest time cannot be longer than the longest time."]
    assert row["gate_source"] == ["Say which source sets out this regulatory step."]


# History


def test_an_edit_shows_in_the_roles_history(editor_client, deputy_manager):
    data = change_form_data(editor_client, role_url(deputy_manager), "role")
    data["registration"] = ["No registration is needed for this role."]
    data["links_out-0-strength"] = ["possible"]
    assert editor_client.post(role_url(deputy_manager), data).status_code == 302

    entry = LogEntry.objects.get(object_id=str(deputy_manager.pk), content_type__model="role")
    assert entry.action_flag == CHANGE
    assert entry.user.username == "editor"
    page = editor_client.get(f"/admin/roles/role/{deputy_manager.pk}/history/").content.decode()
    assert "Changed Registration." in page
    assert "Changed Strength for progression link" in page
    assert "editor" in page


def test_adding_a_role_shows_in_its_history(editor_client):
    data = {
        "title": "Wellbeing lead",
        "slug": "wellbeing-lead",
        "summary": "You plan activities.",
        "sector": "adult-social-care",
        "setting": "residential",
        "level": "3",
        "pay_unit": "year",
        "role_qualifications-TOTAL_FORMS": "0",
        "role_qualifications-INITIAL_FORMS": "0",
        "links_out-TOTAL_FORMS": "0",
        "links_out-INITIAL_FORMS": "0",
    }
    assert editor_client.post("/admin/roles/role/add/", data).status_code == 302
    role = Role.objects.get(slug="wellbeing-lead")
    page = editor_client.get(f"/admin/roles/role/{role.pk}/history/").content.decode()
    assert "Added." in page


# Queries


def test_the_role_form_runs_the_same_queries_however_many_inline_rows(editor_client):
    from qualifications.models import Qualification

    role = Role.objects.get(slug="deputy-manager")
    editor_client.get(role_url(role))  # fills the per-process caches (content types) first
    with CaptureQueriesContext(connection) as before:
        assert editor_client.get(role_url(role)).status_code == 200
    listed = set(role.role_qualifications.values_list("qualification_id", flat=True))
    extra = Qualification.objects.exclude(pk__in=listed)[:12]
    RoleQualification.objects.bulk_create(
        RoleQualification(role=role, qualification=q, relevance="helpful") for q in extra
    )
    target = Role.objects.exclude(pk=role.pk).exclude(links_in__from_role=role).first()
    source = Source.objects.first()
    link = ProgressionLink.objects.create(
        from_role=role, to_role=target, strength="possible", months_min=6, time_source=source
    )
    link.qualifications.set(extra[:3])
    with CaptureQueriesContext(connection) as after:
        page = editor_client.get(role_url(role)).content.decode()
    assert page.count('name="role_qualifications-') > 0 and extra[0].name in page and target.title in page
    assert len(after) == len(before) <= 20, [q["sql"][:120] for q in after.captured_queries]
