"""Who may see the content's changes and who may publish them: one place for the admin pages and the index link."""

from .registry import CONTENT_MODELS

PUBLISH_PERMISSION = "roles.publish_content"


def can_see_content(user) -> bool:
    """Active staff who may view every content model (the Content editors group, or a superuser)."""
    if not (user.is_active and user.is_staff):
        return False
    return all(user.has_perm(f"{label.split('.')[0]}.view_{label.split('.')[1]}") for label in CONTENT_MODELS)


def can_publish(user) -> bool:
    return can_see_content(user) and user.has_perm(PUBLISH_PERMISSION)
