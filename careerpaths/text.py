"""Text helpers both apps use."""


def shown(value: str, limit: int = 40) -> str:
    """A value from the web address, safe to repeat back: printable characters only, and not too long."""
    printable = "".join(char for char in value if char.isprintable())
    return printable if len(printable) <= limit else printable[:limit] + "…"
