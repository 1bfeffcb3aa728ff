"""The open data files and the /data/ page, generated from the one description in spec.py."""

import csv
import io
import json
from datetime import date
from decimal import Decimal
from urllib.parse import urljoin

from django.db.models import Max

from qualifications.models import KSB, OccupationalStandard, Qualification

from ..models import ProgressionLink, Role
from .fields import BOOLEAN, DATE, NUMBER, OBJECTS, REUSE, STRINGS, URL, Dataset, Field
from .spec import DATASETS, ENVELOPE_FIELDS, FORMULA_STARTS, SCHEMA_VERSION


def content_date() -> date | None:
    """The date of the latest editorial review of roles and standards: what the content is 'as of'."""
    dates = [
        Role.objects.aggregate(latest=Max("last_reviewed"))["latest"],
        OccupationalStandard.objects.aggregate(latest=Max("last_reviewed"))["latest"],
    ]
    return max((d for d in dates if d is not None), default=None)


def json_value(field: Field, obj, site: str):
    value = field.raw(obj)
    if value is None:
        return None
    if field.type == OBJECTS:
        return [json_record(field.fields, item, site) for item in value]
    if field.type == DATE:
        return value.isoformat()
    if field.type == NUMBER:
        return float(value)
    if field.type == URL:
        return urljoin(site, value) if value else None
    if field.type == STRINGS:
        return list(value)
    return value


def json_record(fields, obj, site: str) -> dict:
    return {field.name: json_value(field, obj, site) for field in fields}


def as_json(dataset: Dataset, *, site: str) -> str:
    """The data set as a JSON document; `site` is the site's root URL, e.g. https://example.org/."""
    records = [json_record(dataset.fields, obj, site) for obj in dataset.records()]
    generated = content_date()
    document = {
        "schema_version": SCHEMA_VERSION,
        "dataset": dataset.name,
        "title": dataset.title,
        "generated_at": generated.isoformat() if generated else None,
        "documentation": urljoin(site, "/data/"),
        "licences": licences(),
        "fields": field_descriptions(dataset.fields),
        "record_count": len(records),
        "records": records,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def licences() -> list[dict]:
    return [
        {
            "reuse": key,
            "applies_to": terms["applies_to"],
            "licence": terms["licence"],
            "url": terms["url"],
            "attribution": terms["attribution"],
        }
        for key, terms in REUSE.items()
    ]


def field_descriptions(fields) -> list[dict]:
    """The schema inside the file itself, so a JSON file explains its own fields."""
    described = []
    for field in fields:
        entry = {"name": field.name, "type": field.type_label, "reuse": field.reuse, "description": field.description}
        if field.fields:
            entry["fields"] = field_descriptions(field.fields)
        described.append(entry)
    return described


def field_rows(fields, prefix: str = "") -> list[dict]:
    """The schema as table rows for the /data/ page, nested fields as e.g. ksbs[].code."""
    rows = []
    for field in fields:
        rows.append({"name": prefix + field.name, "field": field})
        rows += field_rows(field.fields, prefix=f"{prefix}{field.name}[].")
    return rows


def csv_cell(field: Field, obj, site: str) -> str:
    if field.type == OBJECTS:
        text = "\n".join(field.csv_item(item) for item in field.raw(obj))
    else:
        value = field.raw(obj)
        if value is None or value == "":
            return ""
        if field.type == BOOLEAN:
            return "true" if value else "false"
        if field.type == DATE:
            return value.isoformat()
        if field.type == URL:
            return urljoin(site, value)
        if field.type == STRINGS:
            text = "\n".join(value)
        elif isinstance(value, int | Decimal):
            return str(value)
        else:
            text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_fields(dataset: Dataset) -> list[tuple[str, Field]]:
    """The CSV's columns in order, each with the field it holds (an array's item fields for csv_rows_per)."""
    columns = []
    for field in dataset.fields:
        if field.name == dataset.csv_rows_per:
            columns += [(dataset.csv_item_prefix + sub.name, sub) for sub in field.fields]
        else:
            columns.append((field.name, field))
    return columns


def csv_columns(dataset: Dataset) -> list[str]:
    return [name for name, _ in csv_fields(dataset)]


def csv_rows(dataset: Dataset, *, site: str):
    """The header row, then the records; with csv_rows_per, one row per item of that array."""
    yield csv_columns(dataset)
    for obj in dataset.records():
        if not dataset.csv_rows_per:
            yield [csv_cell(field, obj, site) for field in dataset.fields]
            continue
        per = next(field for field in dataset.fields if field.name == dataset.csv_rows_per)
        # A record with no items still gets a row, with the item columns empty, so it is not lost.
        for item in list(per.raw(obj)) or [None]:
            row = []
            for field in dataset.fields:
                if field is per:
                    row += [csv_cell(sub, item, site) if item is not None else "" for sub in per.fields]
                else:
                    row.append(csv_cell(field, obj, site))
            yield row


def as_csv(dataset: Dataset, *, site: str) -> str:
    """The data set as CSV text (RFC 4180: commas, quotes and line breaks inside fields are quoted)."""
    buffer = io.StringIO()
    csv.writer(buffer).writerows(csv_rows(dataset, site=site))
    return buffer.getvalue()


CONTENT_TYPES = {"json": "application/json; charset=utf-8", "csv": "text/csv; charset=utf-8"}


def download(dataset: Dataset, fmt: str, *, site: str) -> bytes:
    """The file's bytes. CSV starts with a UTF-8 byte order mark: without it Excel reads the file as the
    local Windows code page and shows £ as Â£ and accented letters as nonsense."""
    if fmt == "csv":
        return ("\ufeff" + as_csv(dataset, site=site)).encode("utf-8")
    return as_json(dataset, site=site).encode("utf-8")


def data_page() -> dict:
    """Everything /data/ shows: the downloads with their record counts, and the schema as tables."""
    counts = {
        "roles": f"{Role.objects.count()} roles",
        "qualifications": f"{Qualification.objects.count()} qualifications",
        "standards": f"{OccupationalStandard.objects.count()} standards with {KSB.objects.count()} KSBs",
        "progression-links": f"{ProgressionLink.objects.count()} moves between roles",
    }
    return {
        "schema_version": SCHEMA_VERSION,
        "content_date": content_date(),
        "reuse": [{"key": key, **terms} for key, terms in REUSE.items()],
        "envelope_rows": field_rows(ENVELOPE_FIELDS),
        "datasets": [
            {
                "dataset": dataset,
                "count": counts[name],
                "rows": field_rows(dataset.fields),
                "csv_columns": csv_columns(dataset),
            }
            for name, dataset in DATASETS.items()
        ],
    }
