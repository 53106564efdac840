"""The identity-code guard (pure): no personal identity code is ever stored or printed.

Kept apart from booking.py so that every command line can be checked before it is parsed,
without loading the booking rules, the calendar or the register.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from mastergroup.errors import PrivacyError

# A Finnish personal identity code (henkilötunnus) is DDMMYY, a century sign, a three-digit
# individual number and a check character (Population Information Act; since 2023 the signs
# Y X W V U also mean the 1900s and B C D E F the 2000s). We refuse every string with that
# shape and a real calendar date, whether or not its check character is right: a code with a
# typo in it is still a child's identity. The check character is computed only to help tests
# build valid codes for invented dates.

CHECK_CHARACTERS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURY = {"+": 1800, "-": 1900, **dict.fromkeys("YXWVU", 1900), **dict.fromkeys("ABCDEF", 2000)}
_SHAPE = re.compile(
    r"(?<![0-9])([0-3][0-9])([01][0-9])([0-9]{2})([-+ABCDEFYXWVU])[0-9]{3}[0-9A-Z](?![0-9])",
    re.IGNORECASE,
)
# Word processors turn the hyphen into look-alikes; a pasted code must not slip through.
_DASHES = str.maketrans(dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63", "-"))


def check_character(birth: str, individual: str) -> str:
    """The check character of DDMMYY + NNN (mod 31 over 0-9 and 21 letters)."""
    return CHECK_CHARACTERS[int(birth + individual) % 31]


# Separators people (and word processors) put inside a code: spaces of every kind, soft
# hyphens, zero-width characters. A second look without them catches "010203 A 123B".
_INVISIBLE = re.compile(r"[\s\u00ad\u200b-\u200f\u2060\ufeff]+")


def _variants(text: str) -> Iterable[str]:
    normal = text if text.isascii() else unicodedata.normalize("NFKC", text).translate(_DASHES)
    yield normal
    joined = _INVISIBLE.sub("", normal)
    if joined != normal:
        yield joined
    if "." in joined:  # 01.02.03-123B
        yield joined.replace(".", "")


def _has_code(text: str) -> bool:
    for m in _SHAPE.finditer(text):
        day, month, yy, sign = int(m[1]), int(m[2]), int(m[3]), m[4].upper()
        try:
            date(_CENTURY[sign] + yy, month, day)
        except ValueError:
            continue
        return True
    return False


def contains_identity_code(text: str) -> bool:
    """True if `text` holds anything shaped like a personal identity code with a real date,
    also when it is written with spaces, dots or invisible characters inside it."""
    return any(_has_code(variant) for variant in _variants(text))


def redact(text: str, replacement: str = "[…]") -> str:
    """`text` with every identity-code-like part replaced: the last guard before output."""
    cleaned = _SHAPE.sub(replacement, text)
    return cleaned if not contains_identity_code(cleaned) else replacement


def guard_privacy(fields: Iterable[tuple[str, str | None]]) -> None:
    """Refuse (PrivacyError) if any field holds an identity code; the error names the field only.

    Call it before anything else looks at the values, and before any storage is opened.
    """
    checked: set[str] = set()  # an import repeats keys and values thousands of times
    for name, value in fields:
        if not value or value in checked:
            continue
        if contains_identity_code(value):
            raise PrivacyError("case.identity_code", field=name)
        checked.add(value)


def strings_in(value: object, where: str = "") -> Iterator[tuple[str, str]]:
    """(path, text) of every string in parsed TOML/JSON data, keys included: what the identity
    code guard looks at in a configuration file and in a backup."""
    if isinstance(value, str):
        yield where or "(file)", value
    elif isinstance(value, Mapping):
        for key, item in value.items():
            path = f"{where}.{key}" if where else str(key)
            yield path, str(key)
            yield from strings_in(item, path)
    elif isinstance(value, list):
        for n, item in enumerate(value):
            yield from strings_in(item, f"{where}[{n}]")
