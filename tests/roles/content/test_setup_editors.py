from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from roles.models import Role
from tests.admin_helpers import change_form_data, group_permissions, make_editor

pytestmark = pytest.mark.django_db

CONTENT_MODELS = [
    "source",
    "occupationalstandard",
    "ksb",
    "qualification",
    "role",
    "rolequalification",
    "progressionlink",
]


def test_creates_the_group_with_view_add_change_delete_on_every_content_model_only(db):
    out = StringIO()
    call_command("setup_editors", stdout=out)
    expected = sorted(
        f"{'roles' if model in {'role', 'rolequalification', 'progressionlink'} else 'qualifications'}.{action}_{model}"
        for model in CONTENT_MODELS
        for action in ["view", "add", "change", "delete"]
    )
    assert group_permissions("Content editors") == expected
    assert 'Created the "Content editors" group with 28 permissions' in out.getvalue()


def test_running_twice_gives_the_same_group_and_permissions(db):
    call_command("setup_editors", stdout=StringIO())
    first = group_permissions("Content editors")
    out = StringIO()
    call_command("setup_editors", stdout=out)
    assert group_permissions("Content editors") == first
    assert Group.objects.filter(name="Content editors").count() == 1
    assert out.getvalue().startswith('Updated the "Content editors" group')


def test_takes_away_permissions_added_by_hand(db):
    call_command("setup_editors", stdout=StringIO())
    group = Group.objects.get(name="Content editors")
    group.permissions.add(Permission.objects.get(codename="change_user"))
    call_command("setup_editors", stdout=StringIO())
    assert "auth.change_user" not in group_permissions("Content editors")
    assert len(group_permissions("Content editors")) == 28


def test_editor_can_open_and_save_a_role_with_its_inlines(client, deputy_manager):
    client.force_login(make_editor())
    url = f"/admin/roles/role/{deputy_manager.pk}/change/"
    data = change_form_data(client, url, "role")
    assert int(data["role_qualifications-TOTAL_FORMS"][0]) > 0
    assert int(data["links_out-TOTAL_FORMS"][0]) > 0
    data["summary"] = ["You run the home day to day alongside the registered manager."]

    response = client.post(url, data)

    assert response.status_code == 302
    assert Role.objects.get(pk=deputy_manager.pk).summary == data["summary"][0]


def test_editor_can_use_autocomplete_for_related_records(client, content):
    client.force_login(make_editor())
    response = client.get(
        "/admin/autocomplete/",
        {"term": "NVQ", "app_label": "roles", "model_name": "rolequalification", "field_name": "qualification"},
    )
    assert response.status_code == 200
    assert any("NVQ" in result["text"] for result in response.json()["results"])


@pytest.mark.parametrize(
    "path",
    [
        "/admin/auth/user/",
        "/admin/auth/user/add/",
        "/admin/auth/group/",
        "/admin/auth/group/add/",
    ],
)
def test_editor_cannot_reach_users_or_groups(client, content, path):
    client.force_login(make_editor())
    assert client.get(path).status_code == 403


def test_editor_cannot_open_another_users_account(client, content):
    client.force_login(make_editor())
    admin = User.objects.create_superuser("admin", password="x" * 20)
    assert client.get(f"/admin/auth/user/{admin.pk}/change/").status_code == 403
    assert client.get(f"/admin/auth/user/{admin.pk}/password/").status_code == 403


def test_editor_home_lists_content_and_not_accounts(client, content):
    client.force_login(make_editor())
    page = client.get("/admin/").content.decode()
    assert "/admin/roles/role/" in page
    assert "/admin/qualifications/ksb/" in page
    assert "/admin/auth/" not in page
    assert "/admin/axes/" not in page
