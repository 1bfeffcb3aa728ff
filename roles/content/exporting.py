"""Write the content in the database back as fixture files: natural keys, a stable order, one canonical format.

The output is byte-for-byte what is in `fixtures/` when nothing has changed, so an edit diffs as one line.
"""

import json
from collections import defaultdict
from pathlib import Path

from django.core import serializers
from django.core.serializers.json import DjangoJSONEncoder

from .registry import BY_LABEL, CONTENT


def export_records(label: str, queryset) -> list[dict]:
    rows = serializers.serialize("python", queryset, use_natural_foreign_keys=True, use_natural_primary_keys=True)
    model = BY_LABEL[label].model
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


def export_querysets() -> dict[str, list]:
    """Each content model's rows in a stable order (by natural key)."""
    return {content.label: sorted(content.queryset(), key=export_sort_key) for content in CONTENT}


def export_sort_key(obj):
    key = obj.natural_key()
    label = obj._meta.label_lower
    if label == "qualifications.ksb":
        return (key[0], "KSB".index(key[1]), key[2])
    return tuple(str(part) for part in key)


def export_files() -> dict[str, tuple[str, list]]:
    """Each fixture file export_content writes: its name, its content model and its objects, in file order."""
    files = {}
    for label, objects in export_querysets().items():
        pattern = BY_LABEL[label].file
        if "{standard}" in pattern:
            by_standard = defaultdict(list)
            for obj in objects:
                by_standard[obj.standard.reference].append(obj)
            for reference, rows in by_standard.items():
                files[pattern.format(standard=reference.lower())] = (label, rows)
        else:
            files[pattern] = (label, objects)
    return files


def export_texts(files: dict[str, tuple[str, list]] | None = None) -> dict[str, str]:
    """The text of every fixture file export_content writes, by file name."""
    files = export_files() if files is None else files
    return {name: render_fixture(export_records(label, rows)) for name, (label, rows) in files.items()}


def stale_files(directory: Path, names) -> list[Path]:
    """Files of a one-file-per-standard model whose standard is no longer exported: export_content deletes them."""
    stale = set()
    for content in CONTENT:
        if "{standard}" in content.file:
            stale |= {path for path in directory.glob(content.file.format(standard="*")) if path.name not in names}
    return sorted(stale)


def export_content(directory: Path) -> list[Path]:
    """Write every content model back as fixture files; stale KSB files of removed standards go."""
    directory.mkdir(parents=True, exist_ok=True)
    texts = export_texts()
    written = []
    for name, text in texts.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    for stale in stale_files(directory, texts):
        stale.unlink()
    return written
