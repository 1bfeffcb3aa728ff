"""Hourly pay beside the National Living Wage in force, so an old median below today's legal minimum shows at once.

The rates are a small table kept here with the key of the source that gives them; a page that shows hourly
pay reads that one source (one query) and builds the comparison with `nlw_comparison`.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from qualifications.models import Source, money

NLW_SOURCE_KEY = "gov-uk-nlw-rates"

# (in force from, pounds an hour), oldest first: the National Living Wage for workers aged 21 and over.
NLW_RATES = (
    (date(2025, 4, 1), Decimal("12.21")),
    (date(2026, 4, 1), Decimal("12.71")),
)


@dataclass(frozen=True)
class WageComparison:
    rate: Decimal
    since: date
    source: Source | None
    below: str = ""  # the plain sentence when the figure is below the rate in force today

    @property
    def sentence(self) -> str:
        return f"For comparison: the National Living Wage is {money(self.rate)} an hour from {self.since:%B %Y}."


def rate_in_force(on: date) -> tuple[date, Decimal] | None:
    """The National Living Wage in force on a date, with the date it started; None before the table starts."""
    current = None
    for since, rate in NLW_RATES:
        if since <= on:
            current = (since, rate)
    return current


def nlw_comparison(role, source: Source | None, today: date | None = None) -> WageComparison | None:
    """The comparison an hourly-paid role's pay shows; None for yearly pay or no figure."""
    if role.pay_unit != "hour" or not role.has_pay:
        return None
    in_force = rate_in_force(today or date.today())
    if in_force is None:
        return None
    since, rate = in_force
    below = ""
    if role.pay_median is not None and role.pay_median < rate:
        below = (
            f"The median of {money(role.pay_median)} an hour is below today's legal minimum for workers aged 21 "
            "and over."
        )
    return WageComparison(rate=rate, since=since, source=source, below=below)


def nlw_source(roles) -> Source | None:
    """The source of the rates, read (one query) only when one of the roles is paid by the hour."""
    if not any(role.pay_unit == "hour" and role.has_pay for role in roles):
        return None
    return Source.objects.filter(key=NLW_SOURCE_KEY).first()
