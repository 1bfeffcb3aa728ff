"""The content version: one row that every content change replaces, so cached pages can never be stale."""

import uuid
from datetime import UTC, datetime

from django.db import IntegrityError, connections, models, transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class ContentVersionQuerySet(models.QuerySet):
    def current(self) -> tuple[str, datetime] | None:
        """The version token and when it last changed; None before any content has been loaded.

        Read on every cacheable request, so plain SQL: building the ORM query costs more than running it.
        """
        table = connections[self.db].ops.quote_name(self.model._meta.db_table)
        with connections[self.db].cursor() as cursor:
            cursor.execute(f"SELECT token, changed_at FROM {table} WHERE id = 1")
            row = cursor.fetchone()
        if row is None:
            return None
        token, changed_at = row
        if isinstance(changed_at, str):  # SQLite hands back text
            changed_at = parse_datetime(changed_at)
        if timezone.is_naive(changed_at):
            changed_at = timezone.make_aware(changed_at, UTC)
        return token, changed_at

    def bump(self) -> None:
        """Give the content a new, never reused version, in the caller's transaction.

        A random token (not a counter) so a version written by a rolled-back transaction can never come
        back and match pages cached while it was visible to that transaction.
        """
        token, now = uuid.uuid4().hex, timezone.now()
        if self.filter(pk=1).update(token=token, changed_at=now):
            return
        try:
            with transaction.atomic():
                self.create(pk=1, token=token, changed_at=now)
        except IntegrityError:  # another request created the row first
            self.filter(pk=1).update(token=token, changed_at=now)


class ContentVersion(models.Model):
    """One row that changes whenever any content changes: cached pages and ETags are keyed by it.

    It lives in the database (not in a per-process cache) so every app server and worker sees an edit
    on its very next request.
    """

    token = models.CharField(max_length=32)
    changed_at = models.DateTimeField()

    objects = ContentVersionQuerySet.as_manager()

    def __str__(self):
        return f"Content version {self.token} ({self.changed_at:%Y-%m-%d %H:%M:%S})"


def content_version() -> tuple[str, datetime] | None:
    """What the page cache keys pages by (settings.PAGE_CACHE_VERSION)."""
    return ContentVersion.objects.current()
