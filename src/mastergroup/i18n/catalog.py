"""The gettext catalogs: one `.po` per language that translators edit (Poedit, Weblate, any
editor), compiled to the `.mo` that the standard library's gettext reads at run time.

msgids are the messages' stable keys (`case.exported`); a counted sentence has plural forms
(`msgid_plural`, `ngettext`). `scripts/compile_catalogs.py` compiles the `.po` files with the
pinned Babel; tests/test_catalogs.py checks that every `.mo` says what its `.po` says, so a
forgotten compile fails the tests.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import gettext

DOMAIN = "mastergroup"
LOCALE_DIR = Path(__file__).with_name("locale")


def po_path(lang: str) -> Path:
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> gettext.GNUTranslations:
    """The compiled catalog of `lang` (read once per process)."""
    import gettext

    with po_path(lang).with_suffix(".mo").open("rb") as f:
        return gettext.GNUTranslations(f)


def read_po(path: Path) -> dict[str, tuple[str, ...]]:
    """msgid -> its msgstr forms (one, or one per plural form), for checks and tools.

    Reads the subset of the format our catalogs use: `msgid`, `msgid_plural`, `msgstr`,
    `msgstr[N]`, continued string lines and comments.
    """
    import ast  # only tools and tests read .po files; commands read the .mo

    entries: dict[str, tuple[str, ...]] = {}
    msgid: list[str] | None = None
    forms: dict[int, list[str]] = {}
    current: list[str] | None = None

    def flush() -> None:
        if msgid is not None and "".join(msgid):
            entries["".join(msgid)] = tuple("".join(forms[n]) for n in sorted(forms))

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        word, _, rest = line.partition(" ")
        if line.startswith('"'):
            if current is not None:
                current.append(ast.literal_eval(line))
            continue
        if word == "msgid":
            flush()
            msgid, forms = [ast.literal_eval(rest)], {}
            current = msgid
        elif word == "msgid_plural":
            current = []  # the plural msgid repeats the key
        elif word.startswith("msgstr"):
            n = int(word[7:-1]) if word.startswith("msgstr[") else 0
            forms[n] = [ast.literal_eval(rest)]
            current = forms[n]
    flush()
    return entries
