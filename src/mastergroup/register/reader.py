"""Typed access to one JSON object of a backup; every refusal names the file and the field.

The field tables (register/fields.py) read each value of a record through a `Reader`; a value
of the wrong type or form becomes `case.import_field` with what the field should be, in the
user's language (`expect.*` phrases).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from mastergroup.core import booking
from mastergroup.core.errors import UsageError
from mastergroup.i18n.messages import Phrase, phrase
from mastergroup.register.fields import is_slot


class Reader:
    """One JSON object of a backup (`where`: "cases[3]") in the file `file`."""

    def __init__(self, item: object, where: str, file: str) -> None:
        if not isinstance(item, dict):
            raise UsageError(
                "case.import_field", file=file, field=where, expected=phrase("expect.object")
            )
        self.item: dict[str, Any] = item
        self.where, self.file = where, file

    def bad(self, name: str, expected: Phrase) -> UsageError:
        return UsageError(
            "case.import_field", file=self.file, field=f"{self.where}.{name}", expected=expected
        )

    def text(self, name: str, *, default: str | None = None) -> str:
        value = self.item.get(name, default)
        if not isinstance(value, str):
            raise self.bad(name, phrase("expect.text"))
        return value

    def texts(self, name: str) -> list[str]:
        value = self.item.get(name, [])
        if not isinstance(value, list) or not all(isinstance(x, str) for x in value):
            raise self.bad(name, phrase("expect.text_list"))
        return value

    def day(self, name: str) -> date:
        value = self.item.get(name)
        try:
            return date.fromisoformat(value) if isinstance(value, str) else _raise()
        except ValueError:
            raise self.bad(name, phrase("expect.date")) from None

    def optional_day(self, name: str) -> date | None:
        return None if self.item.get(name) is None else self.day(name)

    def stamp(self, name: str) -> datetime:
        value = self.item.get(name)
        try:
            parsed = datetime.fromisoformat(value) if isinstance(value, str) else _raise()
        except ValueError:
            raise self.bad(name, phrase("expect.timestamp")) from None
        if parsed.tzinfo is None:
            raise self.bad(name, phrase("expect.timestamp"))
        return parsed

    def number(self, name: str) -> int | None:
        value = self.item.get(name)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.bad(name, phrase("expect.count_or_null"))
        return value

    def whole(self, name: str) -> int:
        value = self.item.get(name)
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.bad(name, phrase("expect.count"))
        return value

    def flag(self, name: str) -> bool:
        value = self.item.get(name, False)
        if not isinstance(value, bool):
            raise self.bad(name, phrase("expect.bool"))
        return value

    def line(self, name: str, *, max_chars: int, required: bool = True) -> str:
        """A one-line text (trimmed), `booking.clean_text`'s rules."""
        try:
            return booking.clean_text(
                self.text(name, default=None if required else ""),
                name,
                max_chars=max_chars,
                required=required,
            )
        except UsageError:
            key = "expect.line" if required else "expect.line_or_empty"
            raise self.bad(name, phrase(key, max=max_chars)) from None

    def slot(self, name: str) -> str:
        value = self.text(name)
        if not is_slot(value):
            raise self.bad(name, phrase("expect.slot"))
        return value

    def field(self, name: str) -> str:
        return f"{self.where}.{name}"


def _raise() -> Any:
    raise ValueError
