"""Every change to content gives it a new version, so no cached page or ETag outlives an edit.

Receivers listen to every model and keep the content models of the registry (and their many-to-many
tables), so a content model added there is covered here too. Admin saves and deletes, inline and
many-to-many edits, and load_content (which saves through the models) all pass through here.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .registry import is_content
from .version import ContentVersion

M2M_CHANGES = {"post_add", "post_remove", "post_clear"}
_batch = ContextVar("content_changes_batch", default=None)


@dataclass
class Batch:
    changed: bool = False


@contextmanager
def one_version_bump(*, always: bool = True):
    """For bulk writes: no bump per row inside the block; one bump when it completes, if anything changed
    (or always, for writers that cannot tell)."""
    batch = Batch()
    reset = _batch.set(batch)
    try:
        yield batch
    finally:
        _batch.reset(reset)
    if always or batch.changed:
        ContentVersion.objects.bump()


def bump_for(sender) -> None:
    if not is_content(sender):
        return
    batch = _batch.get()
    if batch is None:
        ContentVersion.objects.bump()


@receiver(post_save, dispatch_uid="content_saved")
@receiver(post_delete, dispatch_uid="content_deleted")
def content_changed(sender, **kwargs):
    bump_for(sender)


@receiver(m2m_changed, dispatch_uid="content_links_changed")
def content_links_changed(sender, action, **kwargs):
    if action in M2M_CHANGES:
        bump_for(sender)
