from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles.content.registry import CONTENT_MODELS

GROUP_NAME = "Content editors"
PUBLISHERS_GROUP_NAME = "Content publishers"
ACTIONS = ["view", "add", "change", "delete"]
# Publishers may download or write the changed fixtures (/admin/content/changes/) and see the record of it.
PUBLISHER_PERMISSIONS = [("roles", "publish_content"), ("roles", "view_publication")]


def editor_permissions() -> list[Permission]:
    """View, add, change and delete on every content model, and nothing else (no users, groups or permissions)."""
    return find_permissions(
        {(label.split(".")[0], f"{action}_{label.split('.')[1]}") for label in CONTENT_MODELS for action in ACTIONS}
    )


def find_permissions(wanted: set[tuple[str, str]]) -> list[Permission]:
    """The permissions named (app label, codename), or a CommandError naming those missing."""
    permissions = [
        permission
        for permission in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in={app for app, _ in wanted}, codename__in={code for _, code in wanted}
        )
        if (permission.content_type.app_label, permission.codename) in wanted
    ]
    if len(permissions) != len(wanted):
        found = {(p.content_type.app_label, p.codename) for p in permissions}
        missing = ", ".join(sorted(f"{app}.{code}" for app, code in wanted - found))
        raise CommandError(f"Permissions missing: {missing}. Run `python manage.py migrate` first.")
    return permissions


class Command(BaseCommand):
    help = (
        f'Create or update the "{GROUP_NAME}" group (may edit every content model and nothing else) and the '
        f'"{PUBLISHERS_GROUP_NAME}" group (may publish the content: download or write the changed fixtures).'
    )

    @transaction.atomic
    def handle(self, *args, **options):
        group, created = Group.objects.get_or_create(name=GROUP_NAME)
        permissions = editor_permissions()
        # set() also removes anything added by hand, so the group always means exactly this.
        group.permissions.set(permissions)
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f'{verb} the "{GROUP_NAME}" group with {len(permissions)} permissions '
            f"(view, add, change and delete on {len(CONTENT_MODELS)} content models)."
        )
        publishers, created = Group.objects.get_or_create(name=PUBLISHERS_GROUP_NAME)
        publishers.permissions.set(find_permissions(set(PUBLISHER_PERMISSIONS)))
        verb = "Created" if created else "Updated"
        self.stdout.write(
            f'{verb} the "{PUBLISHERS_GROUP_NAME}" group with the "Can publish content" permission '
            "(add editors who may publish to both groups)."
        )
