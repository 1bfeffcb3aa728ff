"""Load the content fixtures into the database: all or nothing, every problem named by file, record and field.

The fixtures in `fixtures/` are the product's truth. Records carry natural keys, never primary keys, so
loading is idempotent (a record updates its existing row) and loading unchanged content changes nothing,
not even the content version that cached pages are keyed by.
"""

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.core import serializers
from django.core.exceptions import ValidationError
from django.core.serializers.base import DeserializationError
from django.db import DataError, IntegrityError, models, transaction

from .checks import errors, problems
from .registry import BY_LABEL, CONTENT_MODELS
from .signals import one_version_bump


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
    warnings: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)

    def summary(self) -> str:
        per_model = ", ".join(f"{n} {label.split('.')[1]}" for label, n in self.counts.items())
        return (
            f"Loaded {sum(self.counts.values())} records ({per_model}): "
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, {self.deleted} deleted."
            + (f" {self.warnings} warnings: see check_content." if self.warnings else "")
        )


def read_records(directory: Path) -> list[Record]:
    """Every record in every JSON file of the folder, checked for shape, in dependency order."""
    paths = sorted(directory.glob("*.json"))
    if not paths:
        raise ContentError(f"No fixture files (*.json) found in {directory}.")
    records = []
    for path in paths:
        records.extend(parse_records(path, path.read_bytes()))
    order = {label: n for n, label in enumerate(CONTENT_MODELS)}
    records.sort(key=lambda r: order[r.label])
    return records


def parse_records(path: Path, data: bytes) -> list[Record]:
    """The records of one fixture file's bytes, checked for shape; a problem names the file."""
    try:
        parsed = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ContentError(f"{path.name}: not UTF-8 text ({error.reason}).") from error
    except json.JSONDecodeError as error:
        raise ContentError(
            f"{path.name}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}."
        ) from error
    if not isinstance(parsed, list):
        raise ContentError(f"{path.name}: a fixture file must hold a JSON list of records.")
    return [check_shape(Record(path=path, index=index, data=item)) for index, item in enumerate(parsed, start=1)]


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
    model = BY_LABEL[label].model
    known = {f.name for f in model._meta.get_fields() if f.concrete or f.many_to_many}
    for name in data["fields"]:
        if name not in known:
            raise ContentError(f"{record.where(name)}: {model._meta.verbose_name} has no such field.")
    record.key = BY_LABEL[label].natural_key(data["fields"])
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
        model = BY_LABEL[record.label].model
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
        model = BY_LABEL[label].model
        stale = [
            obj.pk for obj in BY_LABEL[label].queryset() if tuple(map(str, obj.natural_key())) not in wanted[label]
        ]
        if stale:
            try:
                model.objects.filter(pk__in=stale).delete()
            except models.ProtectedError as error:
                raise ContentError(f"{label}: cannot remove records still in use: {error}") from error
            report.deleted += len(stale)


@transaction.atomic
def load_content(directory: Path, *, check: bool = True) -> LoadReport:
    """Load every fixture in dependency order, all or nothing; content that breaks a content-truth rule
    (roles.content.checks) is refused like any other bad content."""
    records = read_records(directory)
    check_references(records)
    report = LoadReport()
    with one_version_bump(always=False) as batch:
        load_records(records, report)
        batch.changed = report.changed
    if check:
        found = problems()
        if bad := errors(found):
            raise ContentError(
                "The content breaks these rules (run check_content for the full list):\n" + "\n".join(map(str, bad))
            )
        report.warnings = len(found)
    return report


def load_records(records: list[Record], report: LoadReport) -> None:
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
