"""Options and parsers shared by several commands."""

from __future__ import annotations

from datetime import date

from mastergroup.errors import UsageError

LANG_HELP = "Language of the output: fi (default), sv or en."


def parse_date(value: str | None) -> date | None:
    """A YYYY-MM-DD option value; a bad one is a one-line user error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError("input.bad_date", value=value) from None
