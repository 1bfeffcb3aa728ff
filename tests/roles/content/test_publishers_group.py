"""setup_editors also makes the "Content publishers" group: the "Can publish content" permission and the
record of publications, and nothing else; run again, it changes nothing."""

from io import StringIO

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from tests.admin_helpers import group_permissions

pytestmark = pytest.mark.django_db


def test_creates_the_publishers_group_with_the_publish_permission(db):
    out = StringIO()
    call_command("setup_editors", stdout=out)
    assert group_permissions("Content publishers") == ["roles.publish_content", "roles.view_publication"]
    assert Permission.objects.get(codename="publish_content").name == "Can publish content"
    assert 'Created the "Content publishers" group' in out.getvalue()


def test_running_twice_keeps_one_group_with_the_same_permissions_and_drops_extras(db):
    call_command("setup_editors", stdout=StringIO())
    Group.objects.get(name="Content publishers").permissions.add(Permission.objects.get(codename="change_user"))
    out = StringIO()
    call_command("setup_editors", stdout=out)
    assert group_permissions("Content publishers") == ["roles.publish_content", "roles.view_publication"]
    assert Group.objects.filter(name="Content publishers").count() == 1
    assert 'Updated the "Content publishers" group' in out.getvalue()


def test_the_editors_group_does_not_get_the_publish_permission(db):
    call_command("setup_editors", stdout=StringIO())
    editors = Group.objects.get(name="Content editors")
    assert not editors.permissions.filter(codename="publish_content").exists()
