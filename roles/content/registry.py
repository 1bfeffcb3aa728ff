"""The content models, declared once: every content command, check and signal reads this list.

Adding a content model means one entry here (in dependency order: everything a record refers to comes
before it), not edits to the loader, the exporter, the editors' permissions and the cache signals.
"""

from dataclasses import dataclass

from django.apps import apps


@dataclass(frozen=True)
class ContentModel:
    label: str  # app_label.model_name
    file: str  # the fixture file export_content writes; "{standard}" makes one file per standard
    key_fields: tuple[str, ...]  # the natural key, as fields of a fixture record (a relation gives its own key)
    relations: tuple[str, ...] = ()  # what natural keys and natural foreign keys read: select_related
    prefetches: tuple[str, ...] = ()  # many-to-many fields exported as lists of keys
    synthetic: tuple[str, tuple[str, ...]] = ()  # how generate_synthetic marks its copies: (field, prefixes)

    @property
    def model(self):
        return apps.get_model(self.label)

    def natural_key(self, fields: dict) -> tuple:
        """The natural key a fixture record's fields describe, without touching the database."""
        key = []
        for name in self.key_fields:
            value = fields.get(name)
            key.extend(value if isinstance(value, list) else [value])
        return tuple(key)

    def queryset(self):
        return self.model.objects.select_related(*self.relations).prefetch_related(*self.prefetches)


CONTENT = (
    ContentModel("qualifications.source", "sources.json", ("key",)),
    ContentModel(
        "qualifications.occupationalstandard",
        "standards.json",
        ("reference",),
        relations=("source", "median_salary_source", "funding_source"),
        synthetic=("reference", ("ST8", "ST9")),
    ),
    ContentModel("qualifications.ksb", "ksbs-{standard}.json", ("standard", "kind", "number"), relations=("standard",)),
    ContentModel(
        "qualifications.qualification",
        "qualifications.json",
        ("slug",),
        relations=("replaced_by", "source", "apprenticeship"),
        synthetic=("slug", ("synthetic-",)),
    ),
    ContentModel(
        "roles.role",
        "roles.json",
        ("slug",),
        relations=("standard", "pay_source", "hours_source", "pathway_source"),
        prefetches=("sources",),
        synthetic=("slug", ("synthetic-",)),
    ),
    ContentModel(
        "roles.rolequalification",
        "role_qualifications.json",
        ("role", "qualification"),
        relations=("role", "qualification"),
    ),
    ContentModel(
        "roles.progressionlink",
        "progression_links.json",
        ("from_role", "to_role"),
        relations=("from_role", "to_role", "time_source", "gate_source"),
        prefetches=("qualifications", "sources"),
    ),
)
BY_LABEL = {content.label: content for content in CONTENT}
CONTENT_MODELS = [content.label for content in CONTENT]


def is_content(model) -> bool:
    """A content model, or a many-to-many table one of them declares."""
    owner = model._meta.auto_created or model
    return owner._meta.label_lower in BY_LABEL
