"""The record of each time the content was published from the admin (roles/content/admin_views.py)."""

from django.conf import settings
from django.db import models


class Publication(models.Model):
    """A record of each time an editor took the content out of the admin: a download of the changed fixture
    files, or a write of them into the fixtures folder. Also carries the "Can publish content" permission."""

    class Action(models.TextChoices):
        DOWNLOAD = "download", "Downloaded"
        WRITE = "write", "Wrote to the fixtures folder"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="publications"
    )
    username = models.CharField(max_length=150, help_text="Kept if the account is later deleted.")
    action = models.CharField(max_length=10, choices=Action.choices)
    files = models.JSONField(default=list, help_text="The fixture files it held or wrote, and any it deleted.")
    content_version = models.CharField(max_length=32, blank=True, help_text="The content version it was taken at.")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [("publish_content", "Can publish content")]

    def __str__(self):
        return f"{self.get_action_display()} by {self.username} at {self.created_at:%Y-%m-%d %H:%M}"
