"""How old a figure is, said next to it: the one rule every page uses.

A figure shows the year it describes, or for an undated source "undated page, checked <Month YYYY>", never a
publication year the source does not give. A figure more than three years older than the content's last review
(the record's own last_reviewed, else today) says so: "2019 figure: may be out of date".
"""

from dataclasses import dataclass
from datetime import date

STALE_AFTER_YEARS = 3


@dataclass(frozen=True)
class FigureAge:
    label: str  # "2019", "undated page, checked December 2026", or "" when nothing dates it
    stale: str = ""  # "2019 figure: may be out of date", or ""


def stale_note(year: int | None, reviewed: date | None = None, today: date | None = None) -> str:
    """The warning for a figure from `year`, judged against the last review (else today); "" when recent."""
    if year is None:
        return ""
    against = (reviewed or today or date.today()).year
    return f"{year} figure: may be out of date" if against - year > STALE_AFTER_YEARS else ""


def figure_age(source, year: int | None = None, reviewed: date | None = None, today: date | None = None) -> FigureAge:
    """How old a figure from `source` is: its own `year` when the record gives one, else the source's date."""
    if year is not None:
        return FigureAge(str(year), stale_note(year, reviewed, today))
    if source is None:
        return FigureAge("")
    return FigureAge(source.date_label, stale_note(source.as_of_year, reviewed, today))


def figure_age_of(source: str, year: str = "") -> property:
    """A model's property saying how old one of its figures is: from the named source field, the record's own
    year field where it has one, judged against the record's last review where it keeps one."""

    def age(record) -> FigureAge:
        figure_year = getattr(record, year) if year else None
        return figure_age(getattr(record, source), figure_year, getattr(record, "last_reviewed", None))

    return property(age)


def money(value) -> str:
    """£43,000 for whole pounds, £12.75 for pence."""
    if value == int(value) and value >= 100:
        return f"£{int(value):,}"
    return f"£{value:,.2f}"


def first_given(*figures):
    """The first of the figures that is given (a range's lower end, else its upper), or None."""
    return next((figure for figure in figures if figure is not None), None)


def check_range(errors: dict, record, low: str, high: str, message: str):
    """The form's side of min_not_above_max: the error, on the lower end, when it is above the upper."""
    low_figure, high_figure = getattr(record, low), getattr(record, high)
    if low_figure is not None and high_figure is not None and low_figure > high_figure:
        errors[low] = [message]


def check_figure_sourced(errors: dict, *, figure, figure_field: str, source, year=None, year_field=""):
    """Add plain-English errors when a figure lacks its source (and year)."""
    if figure is None:
        return
    if source is None:
        errors.setdefault(figure_field, []).append("Every figure needs a source: choose the source it comes from.")
    if year_field and year is None:
        errors.setdefault(year_field, []).append("Every figure needs the year it refers to.")
