"""The vocabulary spec.py describes the data sets in: field types, fields with their constraints, data sets."""

from collections.abc import Callable
from dataclasses import dataclass

# Field types, as the /data/ page names them.
STRING = "string"
INTEGER = "integer"
NUMBER = "number"
BOOLEAN = "boolean"
DATE = "date"  # "YYYY-MM-DD"
URL = "URL"  # a string; our own pages' paths are made absolute
STRINGS = "array of strings"
OBJECTS = "array of objects"

# Who may reuse a field, and on what terms.
OURS = "ours"
STANDARD = "standard"
CITED = "cited"

REUSE = {
    OURS: {
        "label": "CC BY 4.0",
        "id": "CC-BY-4.0",  # the SPDX identifier, as a Data Package names a licence
        "applies_to": "Our own words (role descriptions, summaries, what a move takes) and our compilation of "
        "the data: which roles, qualifications and moves there are and how they connect.",
        "licence": "Creative Commons Attribution 4.0 International (CC BY 4.0)",
        "url": "https://creativecommons.org/licenses/by/4.0/",
        "attribution": "Care Career Paths",
    },
    STANDARD: {
        "label": "OGL v3.0",
        "id": "OGL-UK-3.0",
        "applies_to": "Facts about apprenticeship occupational standards and their knowledge, skills and "
        "behaviours (KSBs), quoted word for word from Skills England (formerly the Institute for "
        "Apprenticeships and Technical Education).",
        "licence": "Open Government Licence v3.0",
        "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        "attribution": "Contains public sector information licensed under the Open Government Licence v3.0.",
    },
    CITED: {
        "label": "Cited source",
        "id": "",
        "applies_to": "Figures and facts from other publishers, such as pay, hours and typical durations. "
        "We name the source next to each one; we grant no licence for them: reuse them on their "
        "publisher's terms.",
        "licence": "",
        "url": "",
        "attribution": "The publisher named in the field's *_source column.",
    },
}


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    reuse: str = OURS
    get: str | Callable | None = None  # dotted attribute path or function of the record; defaults to name
    nullable: bool = False
    fields: tuple["Field", ...] = ()  # an array of objects' own fields
    csv_item: Callable | None = None  # how one object of an array reads in a CSV cell
    # Constraints, which the Data Package (datapackage.py) gives data tools; an empty cell is a missing value.
    required: bool = False  # never empty
    enum: tuple[str, ...] = ()  # the only values it takes when not empty
    minimum: int | None = None
    maximum: int | None = None
    pattern: str = ""  # a regular expression the whole value matches

    @property
    def type_label(self) -> str:
        return f"{self.type} or null" if self.nullable else self.type

    @property
    def reuse_label(self) -> str:
        return REUSE[self.reuse]["label"]

    def raw(self, obj):
        getter = self.get or self.name
        if callable(getter):
            return getter(obj)
        value = obj
        for part in getter.split("."):
            value = getattr(value, part, None) if value is not None else None
        return value


@dataclass(frozen=True)
class ForeignKey:
    """A CSV column whose values are keys of another data set (or of this one)."""

    field: str
    dataset: str
    reference: str


@dataclass(frozen=True)
class Dataset:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    records: Callable  # returns the records in a stable order, in a fixed number of queries
    csv_rows_per: str = ""  # the array field the CSV gives one row per item of
    csv_item_prefix: str = ""  # what that array's columns start with, e.g. "ksb_"
    csv_note: str = ""
    primary_key: tuple[str, ...] = ()  # the CSV columns that identify a row
    foreign_keys: tuple[ForeignKey, ...] = ()

    def filename(self, fmt: str) -> str:
        return f"care-career-paths-{self.name}.{fmt}"


def one_of(choices) -> str:
    return "One of: " + ", ".join(value for value, _ in choices) + "."


def chosen(name: str, choices, before: str = "", **options) -> Field:
    """A field that takes one of a model's choices: the description lists them and the constraint holds them."""
    return Field(name, STRING, before + one_of(choices), enum=tuple(value for value, _ in choices), **options)


SLUG = r"[a-z0-9]+(-[a-z0-9]+)*"
REFERENCE = r"ST\d{4}"
LEVELS = {"minimum": 1, "maximum": 8}
YEARS = {"minimum": 1990, "maximum": 2100}
