from django.apps import AppConfig


class RolesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "roles"

    def ready(self):
        from qualifications import related

        from . import selectors
        from .content import signals  # noqa: F401  (connects the content-version receivers)

        related.register(related.QUALIFICATION, selectors.roles_asking_for)
        related.register(related.STANDARD, selectors.roles_under_standard)
