"""What publishing would change: the content in the database, exactly as export_content would write it,
against the fixture files on disk.

Files are compared byte for byte (that is what a download or a write carries); records are compared by
natural key, field by field, so an editor reads "Summary: before ... after ..." rather than JSON.
The comparison itself (compare_records, field_changes) is pure: it takes parsed fixture records.
"""

import difflib
import hashlib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.urls import reverse
from django.utils.text import capfirst

from ..models import ContentVersion
from . import synthetic
from .exporting import export_files, export_texts, stale_files
from .loading import ContentError, parse_records
from .registry import BY_LABEL, CONTENT

LONG_TEXT = 100  # characters: longer values (and any text field) are shown as a word-by-word diff
EMPTY = "(empty)"


class PublishError(Exception):
    """Why the changes cannot be worked out or published, in plain words, with the page's HTTP status."""

    def __init__(self, message: str, status: int = 409):
        super().__init__(message)
        self.message = message
        self.status = status


@dataclass(frozen=True)
class FileChange:
    name: str
    before: bytes | None  # None: a new file
    after: bytes | None  # None: export_content deletes it

    @property
    def state(self) -> str:
        return "added" if self.before is None else "removed" if self.after is None else "changed"


@dataclass(frozen=True)
class Words:
    kind: str  # "same", "removed" or "added"
    text: str


@dataclass
class FieldChange:
    name: str
    before: str
    after: str
    words: list[Words] | None = None  # for long text: the words removed and added, in reading order


@dataclass
class RecordChange:
    name: str
    url: str | None  # the admin change form; None for a record the database no longer has
    fields: list[FieldChange] = field(default_factory=list)


@dataclass
class KindChanges:
    label: str
    name: str
    added: list[RecordChange] = field(default_factory=list)
    changed: list[RecordChange] = field(default_factory=list)
    removed: list[RecordChange] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.added) + len(self.changed) + len(self.removed)


@dataclass
class Changes:
    directory: Path
    kinds: list[KindChanges]  # only kinds with a difference, in registry order
    files: list[FileChange]  # only files that differ, by name
    version: str  # the content version token they were worked out at

    @property
    def empty(self) -> bool:
        return not self.files

    @property
    def fingerprint(self) -> str:
        """Names this exact set of differences, so a confirmed write writes what the editor saw."""
        digest = hashlib.sha256(self.version.encode())
        for change in self.files:
            for part in (change.name.encode(), change.before, change.after):
                digest.update(b"\0" if part is None else hashlib.sha256(part).digest())
        return digest.hexdigest()


def current_changes(directory: Path) -> Changes:
    """Every difference between the database and the fixtures folder, or PublishError saying why not."""
    if synthetic.present():
        raise PublishError(
            "The database holds synthetic content from generate_synthetic, which must never reach the fixtures, "
            "so there is nothing to compare or publish. Ask whoever runs the site to take it out "
            "('generate_synthetic --remove' or load_content)."
        )
    files = export_files()
    after = {name: text.encode("utf-8") for name, text in export_texts(files).items()}
    before = read_fixtures(directory, after)
    file_changes = [
        FileChange(name, before.get(name), after.get(name))
        for name in sorted(before.keys() | after.keys())
        if before.get(name) != after.get(name)
    ]
    kinds = record_changes(before, after, files) if file_changes else []
    version = ContentVersion.objects.current()
    return Changes(directory=directory, kinds=kinds, files=file_changes, version=version[0] if version else "")


def read_fixtures(directory: Path, exported) -> dict[str, bytes]:
    """The bytes of every fixture file export_content would write or delete in the folder."""
    if not directory.is_dir():
        raise PublishError(f"There is no fixtures folder at {directory}, so there is nothing to compare with.", 503)
    try:
        names = set(exported) | {path.name for path in stale_files(directory, exported)}
        found = {}
        for name in sorted(names):
            path = directory / name
            if path.exists():
                found[name] = path.read_bytes()
        return found
    except OSError as error:
        where = Path(error.filename).name if error.filename else directory
        message = f"The fixtures folder {directory} cannot be read: {where}: {error.strerror}."
        raise PublishError(message, 503) from error


def parsed(files: dict[str, bytes]) -> dict[str, dict]:
    """Each content model's records in these files, by natural key (as text): their fields."""
    records = {content.label: {} for content in CONTENT}
    for name, data in files.items():
        try:
            for record in parse_records(Path(name), data):
                records[record.label][tuple(map(str, record.key))] = record.data["fields"]
        except ContentError as error:
            raise PublishError(
                f"The fixture file {name} no longer reads as content, so the changes cannot be worked out: {error}"
            ) from error
    return records


def record_changes(before: dict[str, bytes], after: dict[str, bytes], files) -> list[KindChanges]:
    old, new = parsed(before), parsed(after)
    objects = {content.label: {} for content in CONTENT}
    for label, rows in files.values():
        for obj in rows:
            objects[label][tuple(map(str, obj.natural_key()))] = obj
    kinds = []
    for content in CONTENT:
        kind = compare_records(content.label, old[content.label], new[content.label], objects[content.label])
        if kind.total:
            kinds.append(kind)
    return kinds


def compare_records(label: str, before: dict, after: dict, objects: dict) -> KindChanges:
    """The records of one content model added, changed and removed, each changed one field by field."""
    model = BY_LABEL[label].model
    kind = KindChanges(label=label, name=capfirst(model._meta.verbose_name_plural))
    for key in sorted(after.keys() - before.keys()):
        kind.added.append(described(model, key, objects.get(key), after[key]))
    for key in sorted(before.keys() & after.keys()):
        if before[key] != after[key]:
            record = described(model, key, objects.get(key), after[key])
            record.fields = field_changes(model, before[key], after[key])
            kind.changed.append(record)
    for key in sorted(before.keys() - after.keys()):
        kind.removed.append(described(model, key, None, before[key]))
    return kind


def described(model, key: tuple, obj, fields: dict) -> RecordChange:
    if obj is None:
        name = fields.get("title") or fields.get("name") or "/".join(key)
        return RecordChange(name=f"{name} ({'/'.join(key)})" if name != "/".join(key) else name, url=None)
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[obj.pk])
    return RecordChange(name=str(obj), url=url)


def field_changes(model, before: dict, after: dict) -> list[FieldChange]:
    changes = []
    for name in [*after, *(name for name in before if name not in after)]:
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        model_field = model._meta.get_field(name)
        change = FieldChange(capfirst(model_field.verbose_name), shown(model_field, old), shown(model_field, new))
        if is_long_text(model_field, old, new):
            change.words = word_diff(old or "", new or "")
        changes.append(change)
    return changes


def is_long_text(model_field, *values) -> bool:
    texts = [value for value in values if isinstance(value, str)]
    return bool(texts) and (
        model_field.get_internal_type() == "TextField" or any(len(t) > LONG_TEXT or "\n" in t for t in texts)
    )


def shown(model_field, value) -> str:
    """A fixture value in plain words: choices by their label, relations by their key, dates written out."""
    if value is None or value == "" or value == []:
        return EMPTY
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if model_field.many_to_many:
        return ", ".join("/".join(map(str, key)) for key in value)
    if model_field.is_relation:
        return "/".join(map(str, value)) if isinstance(value, list) else str(value)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if model_field.get_internal_type() == "DateField":
        try:
            return f"{date.fromisoformat(value):%-d %B %Y}"
        except (TypeError, ValueError):
            return str(value)
    return str(value)


def word_diff(before: str, after: str) -> list[Words]:
    """The two texts as one run of words, each marked kept, removed or added.

    A word or two kept between changes is folded into them, so a rewritten sentence reads as one
    removal and one addition rather than a scatter of fragments.
    """
    old, new = re.findall(r"\s+|\S+\s*", before), re.findall(r"\s+|\S+\s*", after)
    opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
    runs: list[Words] = []
    removed, added = [], []

    def flush():
        for kind, tokens in (("removed", removed), ("added", added)):
            if tokens:
                runs.append(Words(kind, "".join(tokens)))
                tokens.clear()

    for n, (op, i1, i2, j1, j2) in enumerate(opcodes):
        between_changes = 0 < n < len(opcodes) - 1 and i2 - i1 <= 2
        if op == "equal" and not between_changes:
            flush()
            runs.append(Words("same", "".join(old[i1:i2])))
        else:
            removed.extend(old[i1:i2])
            added.extend(new[j1:j2])
    flush()
    return runs
