"""One vocabulary check for the words a user types for a known thing (issue 14): a matter
(`--matter`), a case status (`--status`, `case status`), an expertise area (`--expertise`,
`--area`).

A word is accepted the same way everywhere: its key (`care_order_preparation`, also written
`care-order-preparation` or `care order preparation`; the keys are the contract and stay
accepted), or its name in Finnish, Swedish or English as the catalogs write it (PREFIXES),
whatever the language the user works in. Case does not count; accents do, as typed
("päihdetyö" is a name, "paihdetyo" is not: a missing accent can change a Finnish word).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Sequence

from mastergroup.i18n.messages import LANGUAGES, render


def fold(text: str) -> str:
    """A word as compared: NFC, case folded, `_`/`-` as spaces, runs of spaces as one."""
    text = unicodedata.normalize("NFC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(text.split())


# The kinds of words and where the catalogs keep their names.
PREFIXES = {"matter": "case.matter", "status": "case.status", "area": "area"}


def name(kind: str, key: str, lang: str) -> str:
    """The name of `key` in `lang` (`<prefix>.<key>`); a key without one is its own name."""
    entry = f"{PREFIXES[kind]}.{key}"
    text = render(entry, lang)
    return key if text == entry else text


def resolve(
    kind: str,
    keys: Sequence[str],
    text: str,
    *,
    synonyms: Callable[[str], str | None] | None = None,
) -> str | None:
    """The key in `keys` that `text` names (a key, or its name in fi/sv/en), else None.

    `synonyms` may recognise more words (the areas' common synonyms, core/panel.py); what it
    returns counts only when it is one of `keys`.
    """
    wanted = fold(text)
    if not wanted:
        return None
    for key in keys:
        if fold(key) == wanted:
            return key
    for key in keys:
        if any(fold(name(kind, key, lang)) == wanted for lang in LANGUAGES):
            return key
    if synonyms is not None:
        found = synonyms(text)
        if found in keys:
            return found
    return None


def choices(kind: str, keys: Iterable[str], lang: str) -> str:
    """The accepted words for an error: each name in `lang` with its key, `sijaishuolto
    (substitute_care)`; a key that is its own name once."""
    shown = []
    for key in keys:
        named = name(kind, key, lang)
        shown.append(key if named == key else f"{named} ({key})")
    return ", ".join(shown)
