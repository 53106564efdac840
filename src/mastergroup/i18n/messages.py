"""User-facing sentences in Finnish (default), Swedish and English, keyed by a stable id.

Errors and notes carry a key and parameters; this module renders them from the gettext
catalogs (`i18n/locale/LANG/LC_MESSAGES/mastergroup.po`, see catalog.py): `ngettext` picks the
plural form when a `count` is given. Dates given as `date` objects are written the way each
language writes them (fi/sv 31.3.2023, en 2023-03-31). Every key has all three languages with
the same placeholders: tests/test_messages.py and tests/test_catalogs.py enforce it.
"""

from __future__ import annotations

import errno
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from mastergroup.core.model import DayOff

LANGUAGES = ("fi", "sv", "en")

def format_date(value: date, lang: str) -> str:
    """A date as written in running text of `lang`."""
    if lang == "en":
        return value.isoformat()
    return f"{value.day}.{value.month}.{value.year}"


class Phrase(NamedTuple):
    """Part of a sentence with translations of its own (a message key and its parameters),
    rendered in the language of the sentence it is a parameter of."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()


def phrase(key: str, /, **params: Any) -> Phrase:
    return Phrase(key, tuple(params.items()))


_ERRNO_KEYS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.ENOSPC: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ECONNREFUSED: "os.refused",
    errno.ENETUNREACH: "os.unreachable",
    errno.EHOSTUNREACH: "os.unreachable",
}


def os_reason(e: BaseException) -> Phrase | str:
    """Why the system refused, in the user's language for the common cases (the operating
    system's own text is English); otherwise its text, or the exception's name."""
    if isinstance(e, UnicodeDecodeError):
        return phrase("os.not_utf8")
    if isinstance(e, OSError):
        key = _ERRNO_KEYS.get(e.errno or 0)
        if key is not None:
            return phrase(key)
        if e.strerror:
            return e.strerror
    return type(e).__name__


def render(key: str, lang: str, /, **params: Any) -> str:
    """The sentence `key` in `lang` (falls back to Finnish), with `params` filled in; with an
    integer `count`, the plural form gettext's rule gives for it ("1 asia", "2 asiaa")."""
    text = _sentence(key, lang, params.get("count"))
    if text is None:
        return key + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    shown = _Params({k: _shown(v, lang) for k, v in params.items()})
    return text.format_map(shown)


def _sentence(key: str, lang: str, count: object) -> str | None:
    from mastergroup.i18n.catalog import translations

    n = count if isinstance(count, int) and not isinstance(count, bool) else 2
    for each in dict.fromkeys((lang if lang in LANGUAGES else "fi", "fi")):
        catalog = translations(each)
        text = catalog.ngettext(key, key, n)  # a counted sentence: its plural forms
        if text == key:
            text = catalog.gettext(key)
        if text != key:
            return text
    return None


def __getattr__(name: str) -> Any:
    """`CATALOG`, key -> (fi, sv, en) with `.one` for singular forms: the catalogs in the
    shape tools and tests read (built from the .po files on first use, never at start-up)."""
    if name != "CATALOG":
        raise AttributeError(name)
    from mastergroup.i18n.catalog import po_path, read_po

    per_lang = [read_po(po_path(lang)) for lang in LANGUAGES]
    view: dict[str, tuple[str, str, str]] = {}
    for key, forms in per_lang[0].items():
        texts = [each[key] for each in per_lang]
        view[key] = (texts[0][-1], texts[1][-1], texts[2][-1])
        if len(forms) > 1:
            view[key + ".one"] = (texts[0][0], texts[1][0], texts[2][0])
    return view


def day_off_name(off: DayOff, lang: str) -> str:
    """A day off's name in `lang`: a known day's from the catalogs (`dayoff.<key>`), a county's
    own as configured."""
    if off.key != "extra":
        return render(f"dayoff.{off.key}", lang)
    return {"fi": off.name_fi, "sv": off.name_sv}.get(lang, off.name_en)


def area_name(key: str, lang: str) -> str:
    """An expertise area's name in `lang` (`area.<key>`); a county's own area as written."""
    text = render(f"area.{key}", lang)
    if text != f"area.{key}":
        return text
    from mastergroup.core.panel import area_key  # a wish stored as typed before issue 14

    known = area_key(key)
    return key if known is None else render(f"area.{known}", lang)


_NAMED_ENUMS = {"CaseStatus": "case.status", "Matter": "case.matter"}


def document_name(kind: str, lang: str) -> str:
    """A document kind's name in `lang` (`document.<kind>`); a county's own kind as written."""
    text = render(f"document.{kind}", lang)
    return kind if text == f"document.{kind}" else text


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return render(value.key, lang, **dict(value.params))
    kind = _NAMED_ENUMS.get(type(value).__name__)  # no import at start-up
    if kind is not None:  # a status or a matter in a sentence: its name, never its key
        return render(f"{kind}.{value}", lang)
    if isinstance(value, tuple) and type(value).__name__ == "DayOff":  # no import at start-up
        return day_off_name(value, lang)  # type: ignore[arg-type]
    return format_date(value, lang) if isinstance(value, date) else value


class _Params(dict[str, Any]):
    """Parameters for str.format_map; a missing one renders as '?' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"
