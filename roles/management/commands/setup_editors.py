from django.contrib.auth.models import Group, Permission
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from roles.content.registry import CONTENT_MODELS

GROUP_NAME = "Content editors"
ACTIONS = ["view", "add", "change", "delete"]


def editor_permissions() -> list[Permission]:
    """View, add, change and delete on every content model, and nothing else (no users, groups or permissions)."""
    wanted = {
        (label.split(".")[0], f"{action}_{label.split('.')[1]}") for label in CONTENT_MODELS for action in ACTIONS
    }
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
    help = f'Create or update the "{GROUP_NAME}" group: may edit every content model and nothing else.'

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
