"""Every change to content gives it a new version, so no cached page or ETag outlives an edit.

Receivers listen to every model and keep those of the content apps, so a content model added later
(in either app) is covered without touching this file. Admin saves and deletes, inline and
many-to-many edits, and load_content (which saves through the models) all pass through here.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .models import ContentVersion

CONTENT_APPS = {"roles", "qualifications"}
M2M_CHANGES = {"post_add", "post_remove", "post_clear"}
_batched = ContextVar("content_changes_batched", default=False)


def is_content(model) -> bool:
    return model._meta.app_label in CONTENT_APPS and model is not ContentVersion


@contextmanager
def one_version_bump():
    """For bulk writes: no bump per row inside the block, one bump when it completes."""
    reset = _batched.set(True)
    try:
        yield
    finally:
        _batched.reset(reset)
    ContentVersion.objects.bump()


def bump_for(sender) -> None:
    if is_content(sender) and not _batched.get():
        ContentVersion.objects.bump()


@receiver(post_save, dispatch_uid="content_saved")
@receiver(post_delete, dispatch_uid="content_deleted")
def content_changed(sender, **kwargs):
    bump_for(sender)


@receiver(m2m_changed, dispatch_uid="content_links_changed")
def content_links_changed(sender, action, **kwargs):
    if action in M2M_CHANGES:
        bump_for(sender)
