"""Load the content fixtures into the database, and write the database back as fixtures.

The fixtures in `fixtures/` are the product's truth. Records carry natural keys, never primary keys,
so loading is idempotent (a record updates its existing row) and an export diffs cleanly.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DataError, IntegrityError, models, transaction

# Dependency order: everything a record refers to is loaded before it.
CONTENT_MODELS = [
    "qualifications.source",
    "qualifications.occupationalstandard",
    "qualifications.ksb",
    "qualifications.qualification",
    "roles.role",
    "roles.rolequalification",
    "roles.progressionlink",
]

# Where export_content writes each model; KSBs get one file per standard.
EXPORT_FILES = {
    "qualifications.source": "sources.json",
    "qualifications.occupationalstandard": "standards.json",
    "qualifications.qualification": "qualifications.json",
    "roles.role": "roles.json",
    "roles.rolequalification": "role_qualifications.json",
    "roles.progressionlink": "progression_links.json",
}


class ContentError(Exception):
    """Bad content: the message names the file, the record and the field."""


@dataclass
class Record:
    path: Path
    index: int  # 1-based position in its file
    data: dict
    label: str = ""
    key: tuple = ()

    def where(self, field_name: str = "") -> str:
        named = f" ({self.label} {'/'.join(map(str, self.key))})" if self.key else f" ({self.label})"
        field_part = f", field '{field_name}'" if field_name else ""
        return f"{self.path.name}, record {self.index}{named}{field_part}"


@dataclass
class LoadReport:
    counts: dict = field(default_factory=dict)
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    deleted: int = 0

    def summary(self) -> str:
        per_model = ", ".join(f"{n} {label.split('.')[1]}" for label, n in self.counts.items())
        return (
            f"Loaded {sum(self.counts.values())} records ({per_model}): "
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.deleted} deleted."
        )


def model_for(label: str):
    return apps.get_model(label)


def natural_key_of(model, fields: dict) -> tuple:
    """The natural key a fixture record's fields describe, without touching the database."""
    label = model._meta.label_lower
    if label == "qualifications.source":
        return (fields.get("key"),)
    if label == "qualifications.occupationalstandard":
        return (fields.get("reference"),)
    if label == "qualifications.ksb":
        return (*(fields.get("standard") or [None]), fields.get("kind"), fields.get("number"))
    if label in {"qualifications.qualification", "roles.role"}:
        return (fields.get("slug"),)
    if label == "roles.rolequalification":
        return (*(fields.get("role") or [None]), *(fields.get("qualification") or [None]))
    if label == "roles.progressionlink":
        return (*(fields.get("from_role") or [None]), *(fields.get("to_role") or [None]))
    raise ContentError(f"No natural key is defined for {label}.")


def read_records(directory: Path) -> list[Record]:
    """Every record in every JSON file of the folder, checked for shape, in dependency order."""
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise ContentError(f"No fixture files (*.json) found in {directory}.")
    records = []
    for path in paths:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError as error:
            raise ContentError(f"{path.name}: not UTF-8 text ({error.reason}).") from error
        except json.JSONDecodeError as error:
            raise ContentError(
                f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
            ) from error
        if not isinstance(data, list):
            raise ContentError(f"{path.name}: a fixture file must hold a JSON list of records.")
        for index, item in enumerate(data, start=1):
            records.append(check_shape(Record(path=path, index=index, data=item)))
    order = {label: n for n, label in enumerate(CONTENT_MODELS)}
    records.sort(key=lambda r: order[r.label])
    return records


def check_shape(record: Record) -> Record:
    data = record.data
    if not isinstance(data, dict) or not isinstance(data.get("fields"), dict):
        raise ContentError(f'{record.where()}: each record needs a "model" and a "fields" object.')
    label = str(data.get("model", "")).lower()
    record.label = label
    if label not in CONTENT_MODELS:
        raise ContentError(f"{record.where()}: unknown model '{data.get('model')}'. Expected one of {CONTENT_MODELS}.")
    if "pk" in data:
        raise ContentError(f'{record.where()}: remove "pk"; fixtures identify records by natural keys only.')
    model = model_for(label)
    known = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}
    for name in data["fields"]:
        if name not in known:
            raise ContentError(f"{record.where(name)}: {model._meta.verbose_name} has no such field.")
    record.key = natural_key_of(model, data["fields"])
    if any(part in (None, "") for part in record.key):
        raise ContentError(f"{record.where()}: the record's identifying fields are missing or empty.")
    return record


def check_references(records: list[Record]) -> None:
    """Every foreign key and many-to-many value names a record that is in the fixtures."""
    keys = defaultdict(set)
    for record in records:
        if record.key in keys[record.label]:
            raise ContentError(f"{record.where()}: the same record appears twice in the fixtures.")
        keys[record.label].add(record.key)
    for record in records:
        model = model_for(record.label)
        for name, value in record.data["fields"].items():
            relation = model._meta.get_field(name)
            if not relation.is_relation or value is None:
                continue
            target = relation.related_model._meta.label_lower
            values = value if relation.many_to_many else [value]
            if not isinstance(values, list):
                raise ContentError(f"{record.where(name)}: expected a list of natural keys.")
            for item in values:
                if not isinstance(item, list):
                    raise ContentError(
                        f'{record.where(name)}: expected a natural key list such as ["x"], not {item!r}.'
                    )
                if tuple(item) not in keys[target]:
                    noun = relation.related_model._meta.verbose_name
                    shown = "/".join(map(str, item))
                    raise ContentError(
                        f"{record.where(name)}: refers to the {noun} '{shown}', which is not in the fixtures."
                    )


def snapshot(obj) -> dict:
    return serializers.serialize("python", [obj], use_natural_foreign_keys=True, use_natural_primary_keys=True)[0]


def save_record(record: Record, report: LoadReport):
    try:
        (deserialized,) = serializers.deserialize(
            "python", [record.data], handle_forward_references=True, ignorenonexistent=False
        )
    except DeserializationError as error:
        raise ContentError(f"{record.where()}: {error}") from error
    obj = deserialized.object
    before = snapshot(obj._meta.model.objects.get(pk=obj.pk)) if obj.pk is not None else None
    # The deserializer found the existing row by natural key: validate it as an update, not an insert.
    obj._state.adding = before is None
    validate(record, obj, exclude=list(deserialized.deferred_fields or {}))
    try:
        with transaction.atomic():
            deserialized.save()
    except (IntegrityError, DataError) as error:
        raise ContentError(f"{record.where()}: the database refused it: {error}") from error
    after = snapshot(obj)
    if before is None:
        report.created += 1
    elif before == after:
        report.unchanged += 1
    else:
        report.updated += 1
    return deserialized


def validate(record: Record, obj, exclude=None) -> None:
    try:
        obj.full_clean(exclude=[f.name for f in exclude or []] or None)
    except ValidationError as error:
        problems = []
        for name, messages in error.message_dict.items():
            field_name = "" if name == "__all__" else name
            problems.append(f"{record.where(field_name)}: {' '.join(messages)}")
        raise ContentError("\n".join(problems)) from error


def prune(records: list[Record], report: LoadReport) -> None:
    """Delete rows the fixtures no longer hold, so the database matches them exactly."""
    wanted = defaultdict(set)
    for record in records:
        wanted[record.label].add(tuple(str(part) for part in record.key))
    for label in reversed(CONTENT_MODELS):
        model = model_for(label)
        stale = [obj.pk for obj in with_key_relations(label) if tuple(map(str, obj.natural_key())) not in wanted[label]]
        if stale:
            try:
                model.objects.filter(pk__in=stale).delete()
            except models.ProtectedError as error:
                raise ContentError(f"{label}: cannot remove records still in use: {error}") from error
            report.deleted += len(stale)


@transaction.atomic
def load_content(directory: Path) -> LoadReport:
    """Load every fixture in dependency order, all or nothing."""
    records = read_records(directory)
    check_references(records)
    report = LoadReport()
    deferred = []
    for record in records:
        deserialized = save_record(record, report)
        report.counts[record.label] = report.counts.get(record.label, 0) + 1
        if deserialized.deferred_fields:
            deferred.append((record, deserialized))
    for record, deserialized in deferred:
        try:
            with transaction.atomic():
                deserialized.save_deferred_fields()
        except (IntegrityError, DataError) as error:
            raise ContentError(f"{record.where()}: the database refused it: {error}") from error
        validate(record, deserialized.object)
    prune(records, report)
    return report


def export_records(label: str, queryset) -> list[dict]:
    rows = serializers.serialize("python", queryset, use_natural_foreign_keys=True, use_natural_primary_keys=True)
    model = model_for(label)
    many = [f.name for f in model._meta.many_to_many]
    for row in rows:
        row.pop("pk", None)
        for name in many:
            row["fields"][name] = sorted(row["fields"][name])
    return rows


def render_fixture(rows: list[dict]) -> str:
    """The one canonical text form of a fixture file: one field per line, so an edit diffs as one line."""

    def value(item) -> str:
        return json.dumps(item, ensure_ascii=False, cls=DjangoJSONEncoder)

    records = []
    for row in rows:
        fields = ",\n".join(f"      {value(name)}: {value(item)}" for name, item in row["fields"].items())
        records.append(f'  {{\n    "model": {value(row["model"])},\n    "fields": {{\n{fields}\n    }}\n  }}')
    return "[\n" + ",\n".join(records) + "\n]\n" if records else "[]\n"


# Relations the natural keys (and natural foreign keys) of each model read.
KEY_RELATIONS = {
    "qualifications.occupationalstandard": ["source", "median_salary_source"],
    "qualifications.ksb": ["standard"],
    "qualifications.qualification": ["replaced_by", "source"],
    "roles.role": ["standard", "pay_source", "hours_source", "pathway_source"],
    "roles.rolequalification": ["role", "qualification"],
    "roles.progressionlink": ["from_role", "to_role", "time_source", "gate_source"],
}

KEY_PREFETCHES = {
    "roles.role": ["sources"],
    "roles.progressionlink": ["qualifications"],
}


def with_key_relations(label: str):
    return (
        model_for(label)
        .objects.select_related(*KEY_RELATIONS.get(label, []))
        .prefetch_related(*KEY_PREFETCHES.get(label, []))
    )


def export_querysets() -> dict[str, list]:
    """Each content model's rows in a stable order (by natural key)."""
    return {label: sorted(with_key_relations(label), key=export_sort_key) for label in CONTENT_MODELS}


def export_sort_key(obj):
    key = obj.natural_key()
    label = obj._meta.label_lower
    if label == "qualifications.ksb":
        return (key[0], "KSB".index(key[1]), key[2])
    return tuple(str(part) for part in key)


def export_content(directory: Path) -> list[Path]:
    """Write every content model back as fixture files; stale KSB files of removed standards go."""
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for label, objects in export_querysets().items():
        if label == "qualifications.ksb":
            by_standard = defaultdict(list)
            for ksb in objects:
                by_standard[ksb.standard.reference].append(ksb)
            files = {f"ksbs-{reference.lower()}.json": rows for reference, rows in by_standard.items()}
        else:
            files = {EXPORT_FILES[label]: objects}
        for name, rows in files.items():
            path = directory / name
            path.write_text(render_fixture(export_records(label, rows)), encoding="utf-8")
            written.append(path)
    for stale in set(directory.glob("ksbs-*.json")) - set(written):
        stale.unlink()
    return written
