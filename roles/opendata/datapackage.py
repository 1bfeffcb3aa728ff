"""/data/datapackage.json: the CSV downloads as a Frictionless Data Package, generated from spec.py.

A data portal or a tool such as `frictionless validate` reads from it each file's address, encoding and
columns with their types, descriptions and constraints, the keys that identify rows and link the files,
and the licences: the same one description the CSV files and the /data/ page come from.
"""

import json
from urllib.parse import urljoin

from django.urls import reverse

from .fields import BOOLEAN, DATE, INTEGER, NUMBER, OBJECTS, REUSE, STRING, STRINGS, URL, Dataset, Field
from .files import csv_fields
from .spec import DATASETS, SCHEMA_VERSION

# Our types as Table Schema types: in a CSV cell a list is text, one item a line.
TABLE_TYPES = {
    STRING: "string",
    INTEGER: "integer",
    NUMBER: "number",
    BOOLEAN: "boolean",
    DATE: "date",
    URL: "string",
    STRINGS: "string",
    OBJECTS: "string",
}
# The CSV starts with a byte order mark so Excel reads it as UTF-8. That is still UTF-8 (the IANA name the
# Data Package standard asks for): frictionless sees the mark and skips it (checked: 0 errors either way,
# and the first header reads "slug", not "\ufeffslug"), so we do not declare Python's own "utf-8-sig".
ENCODING = "utf-8"


def table_field(name: str, field: Field) -> dict:
    """One column of a Table Schema."""
    description = field.description
    if field.type in (STRINGS, OBJECTS):
        description += " In the CSV, one item a line."
    entry = {"name": name, "type": TABLE_TYPES[field.type], "description": description, "reuse": field.reuse}
    if field.type == URL:
        entry["format"] = "uri"
    if field.type == BOOLEAN:
        entry |= {"trueValues": ["true"], "falseValues": ["false"]}
    constraints = {
        "required": field.required or None,
        "enum": list(field.enum) or None,
        "minimum": field.minimum,
        "maximum": field.maximum,
        "pattern": field.pattern or None,
    }
    constraints = {key: value for key, value in constraints.items() if value is not None}
    if constraints:
        entry["constraints"] = constraints
    return entry


def table_schema(dataset: Dataset) -> dict:
    schema = {
        "fields": [table_field(name, field) for name, field in csv_fields(dataset)],
        "missingValues": [""],  # an empty cell: no figure, or it does not apply; never zero
        "primaryKey": list(dataset.primary_key),
    }
    if dataset.foreign_keys:
        schema["foreignKeys"] = [
            {
                "fields": key.field,
                # A key into the same file names no resource ("").
                "reference": {"resource": "" if key.dataset == dataset.name else key.dataset, "fields": key.reference},
            }
            for key in dataset.foreign_keys
        ]
    return schema


def licences() -> list[dict]:
    return [
        {"name": terms["id"], "path": terms["url"], "title": terms["licence"]}
        for terms in REUSE.values()
        if terms["id"]
    ]


def resource(dataset: Dataset, *, site: str) -> dict:
    return {
        "name": dataset.name,
        "path": urljoin(site, reverse("roles:data-csv", args=[dataset.name])),
        "profile": "tabular-data-resource",
        "title": dataset.title,
        "description": " ".join(filter(None, [dataset.description, dataset.csv_note])),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": ENCODING,
        "schema": table_schema(dataset),
    }


def data_package(*, site: str) -> dict:
    """The package; `site` is the site's root URL, e.g. https://example.org/."""
    terms = ", ".join(f"{key} ({terms['label']})" for key, terms in REUSE.items())
    return {
        "profile": "tabular-data-package",
        "name": "care-career-paths",
        "title": "Care Career Paths open data",
        "description": "Roles in adult social care and social work in England, the qualifications they ask for, "
        "the apprenticeship standards they come under with every knowledge, skill and behaviour, and the moves "
        f"between roles. Each field's `reuse` says on what terms it may be reused: {terms}. Figures from a cited "
        "source come with no licence from us: reuse them on their publisher's terms.",
        "homepage": urljoin(site, reverse("roles:data")),
        "version": SCHEMA_VERSION,
        "licenses": licences(),
        "resources": [resource(dataset, site=site) for dataset in DATASETS.values()],
    }


def as_json(*, site: str) -> bytes:
    return (json.dumps(data_package(site=site), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
