"""The identity-code guard (pure): no personal identity code is ever stored or printed.

Kept apart from booking.py so that every command line can be checked before it is parsed,
without loading the booking rules, the calendar or the register.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from datetime import date

from mastergroup.core.errors import PrivacyError

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

# Characters that can sit inside a code without being seen (issue 11): every format character
# (Cf: bidi controls, invisible operators, tags, U+180E), combining and variation marks (Mn, Me:
# U+0301, U+034F, U+FE0F), controls other than white space (Cc), and the fillers that draw
# nothing (Lo/So). They are dropped before looking; white space is kept, it is a separator.
_HIDDEN_CATEGORIES = frozenset({"Cf", "Mn", "Me", "Cc", "Co", "Cn", "Cs"})
_FILLERS = frozenset("\u115f\u1160\u3164\uffa0\u2800")
_ASCII_HIDDEN = re.compile(r"[\x00-\x08\x0e-\x1b\x7f]")  # the ASCII controls that are not space
# Look-alikes of the slash, turned into "/" (the fullwidth one NFKD already folds).
_SLASHES = str.maketrans(dict.fromkeys("\u2044\u2215\u29f8\u2571\u3033", "/"))
_LOOKALIKES = {**_DASHES, **_SLASHES}

# A code written without its century sign, or with a space, a slash or a dot in its place:
# `131052308T`, `131052 308T`, `131052/308T`. Ten digits are also how people write phone numbers,
# so this shape counts only when its date is real AND its check character is right (about 1 in
# 31 ten-digit numbers with a date-like start; see benchmarks/privacy_false_positives.py).
_SIGNLESS = re.compile(
    r"(?<![0-9])([0-3][0-9])([01][0-9])([0-9]{2})[\s/\\|_.]*([0-9]{3})([0-9A-Y])(?![0-9])",
    re.IGNORECASE,
)
# Spaces between the digits of a code elsewhere than at the sign (`1310 52308T`): phone numbers
# are written that way too, so only a code whose check character is a letter counts here.
_DIGIT_GAPS = re.compile(r"(?<=[0-9])\s+(?=[0-9])")


def _visible(text: str) -> str:
    """`text` as it looks: compatibility forms folded (NFKD), accents split off, and every
    hidden character dropped; dashes and slashes of every kind made ASCII."""
    if text.isascii():
        return _ASCII_HIDDEN.sub("", text)
    kept = (
        ch
        for ch in unicodedata.normalize("NFKD", text)
        if ch not in _FILLERS
        and (ch.isspace() or unicodedata.category(ch) not in _HIDDEN_CATEGORIES)
    )
    return "".join(kept).translate(_LOOKALIKES)


def _forms(text: str) -> tuple[str, str]:
    """`text` NFKC-normalised with ASCII dashes, and as it looks (`_visible`)."""
    if text.isascii():
        return text, _visible(text)
    return unicodedata.normalize("NFKC", text).translate(_DASHES), _visible(text)


def _variants(normal: str, visible: str) -> Iterable[str]:
    yield normal
    if visible != normal:
        yield visible
    joined = _INVISIBLE.sub("", visible)
    if joined != visible:
        yield joined
    if "." in joined:  # 01.02.03-123B
        yield joined.replace(".", "")


def _real_date(day: int, month: int, years: Iterable[int]) -> bool:
    for year in years:
        try:
            date(year, month, day)
        except ValueError:
            continue
        return True
    return False


def _has_code(text: str) -> bool:
    for m in _SHAPE.finditer(text):
        day, month, yy, sign = int(m[1]), int(m[2]), int(m[3]), m[4].upper()
        if _real_date(day, month, [_CENTURY[sign] + yy]):
            return True
    return False


def _signless(text: str, *, letters_only: bool = False) -> str | None:
    """The check character of a sign-less (or odd-separator) code in `text` whose date and check
    character are both valid; None if there is none."""
    for m in _SIGNLESS.finditer(text):
        check = m[5].upper()
        if letters_only and check.isdigit():
            continue
        if check != check_character(m[1] + m[2] + m[3], m[4]):
            continue
        if _real_date(int(m[1]), int(m[2]), (1800 + int(m[3]), 1900 + int(m[3]), 2000 + int(m[3]))):
            return check
    return None


def identity_code_kind(text: str) -> str | None:
    """What in `text` looks like a personal identity code: "code" (a century sign, or a letter
    as check character), "digits" (ten digits without a sign that form a valid code, which a
    phone number written without spaces can also be), or None."""
    normal, visible = _forms(text)
    if any(_has_code(v) for v in _variants(normal, visible)):
        return "code"
    for candidate in dict.fromkeys((normal, visible)):
        check = _signless(candidate)
        if check is not None:
            return "digits" if check.isdigit() else "code"
    if _signless(_DIGIT_GAPS.sub("", visible), letters_only=True):
        return "code"
    return None


def contains_identity_code(text: str) -> bool:
    """True if `text` holds anything shaped like a personal identity code with a real date,
    also when it is written with spaces, dots or invisible characters inside it, or without
    its century sign when the check character is right too."""
    return identity_code_kind(text) is not None


# Characters that change how a terminal, a mail client or a document shows the text around them
# (issue 11): bidi embeddings, overrides and isolates (and the LRM, RLM and ALM marks), C1
# controls, and the Unicode line and paragraph separators. booking.clean_text refuses them in
# every stored field; `printable` escapes them in anything said on a terminal.
UNSAFE = re.compile(r"[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def printable(text: str) -> str:
    """`text` with every UNSAFE character shown as an escape (`\\u202e`), never raw."""
    return UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text)


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
        kind = identity_code_kind(value)
        if kind == "digits":  # could be a phone number: say how to write one
            raise PrivacyError("privacy.digits_like_code", field=name)
        if kind is not None:
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
