"""How a role's level and a move's time read on every page: pure functions of plain values."""


def level_basis_sentence(level: int, basis: str, reason: str, standard) -> str:
    """Where a role's level comes from, in the words every page shows (select_related the standard)."""
    if basis == "standard" and standard is not None:
        return f"Level {level}: the level of its apprenticeship standard, {standard.reference}"
    if basis == "judgement" and reason:
        return f"Level {level}: our judgement — {reason}"
    return f"Level {level}"


def months_label(months_min, months_max):
    """'18 months', '1 to 2 years', 'at least 3 years', 'up to 6 months', or '' when unknown.

    A shortest time alone is a minimum ("at least three years' experience"), a longest time alone a maximum.
    """
    if months_min is None and months_max is None:
        return ""
    if months_max is None:
        return f"at least {span_label(months_min, months_min)}"
    if months_min is None:
        return f"up to {span_label(months_max, months_max)}"
    return span_label(months_min, months_max)


def span_label(low: int, high: int) -> str:
    if all(m % 12 == 0 and m >= 12 for m in (low, high)) and high >= 24:
        if low == high:
            return f"{high // 12} years"
        return f"{low // 12} to {high // 12} years"
    if low == high:
        return f"{low} month" + ("" if low == 1 else "s")
    return f"{low} to {high} months"
