"""Collect every command's and option's English help from the code into the three catalogs.

    python scripts/extract_help.py           # update the .po files, then compile them
    python scripts/extract_help.py --check   # exit 1 if a catalog is behind the code

Adding an option means: write its English help in the code, run this script, translate the new
`help.…` entries in fi and sv (they are empty until then, and the tests fail), run
`python scripts/compile_catalogs.py`. The script edits the .po files as text, so that nothing
else in them moves: `en` gets the English as it is in the code; an existing fi/sv translation
is kept, and marked `#, fuzzy` when the English it translates has changed (a fuzzy entry is left
out of the .mo, so the English shows until a translator has looked); a new fi/sv entry gets the
translation of the same English elsewhere, if there is one, else stays empty. New entries go at
the end of each file, under the section comment below; entries for help that no longer exists
are removed. Needs the pinned Babel (pip install -e '.[generate]').
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from babel.messages.pofile import read_po

from mastergroup.cli.helptext import english
from mastergroup.i18n.catalog import po_path

ROOT = Path(__file__).resolve().parents[1]

SECTION = "#. --- command and option help (scripts/extract_help.py) ---"
SOURCE = "en"
TRANSLATED = ("fi", "sv")


def quoted(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return '"' + escaped.replace("\n", "\\n") + '"'


def entry(key: str, text: str, *, fuzzy: bool = False) -> str:
    """One catalog entry; a text of several lines is written a line a string, as gettext does."""
    head = ("#, fuzzy\n" if fuzzy else "") + f"msgid {quoted(key)}\n"
    lines = text.splitlines(keepends=True)
    if len(lines) <= 1:
        return head + f"msgstr {quoted(text)}\n"
    return head + 'msgstr ""\n' + "".join(quoted(line) + "\n" for line in lines)


def _pattern(key: str) -> re.Pattern[str]:
    """An entry of `key` as the file has it: its flags, msgid and msgstr lines."""
    return re.compile(
        r"^(?:#,[^\n]*\n)?msgid " + re.escape(quoted(key)) + r'\nmsgstr "[^\n]*\n(?:"[^\n]*\n)*',
        re.M,
    )


def updated(
    lang: str, text: str, wanted: dict[str, str], was: dict[str, str]
) -> tuple[str, list[str]]:
    """The catalog `text` of `lang` with `wanted`'s entries; the keys that need a translator."""
    with po_path(lang).open("rb") as f:
        catalog = read_po(f, locale=lang)
    have = {m.id: m for m in catalog if isinstance(m.id, str) and m.id}
    memory = {  # English -> this language's translation, from the help translated so far
        was[m.id]: m.string
        for m in have.values()
        if m.id in was and m.string and not m.fuzzy and m.id.startswith("help.")
    }
    todo: list[str] = []
    new: list[str] = []
    for key, source in wanted.items():
        old = have.get(key)
        if lang == SOURCE:
            string, fuzzy = source, False
        elif old is None:
            string, fuzzy = memory.get(source, ""), False
        else:
            string = str(old.string)
            fuzzy = old.fuzzy or (key in was and was[key] != source)
        if not string or fuzzy:
            todo.append(key)
        if old is None:
            new.append(entry(key, string, fuzzy=fuzzy))
        elif str(old.string) != string or old.fuzzy != fuzzy:
            replacement = entry(key, string, fuzzy=fuzzy)
            text = _pattern(key).sub(lambda _, r=replacement: r, text, count=1)
    for key in have:
        if key.startswith("help.") and key not in wanted:
            text = _pattern(key).sub("", text, count=1)
    text = re.sub(r"\n{3,}", "\n\n", text)
    if new:
        block = "\n".join(new)
        if SECTION not in text:
            return text.rstrip("\n") + "\n\n" + SECTION + "\n" + block, todo
        # at the end of the help section, which need not be the last one
        after = text.find("\n#. --- ", text.index(SECTION))
        if after == -1:
            return text.rstrip("\n") + "\n\n" + block, todo
        text = text[:after].rstrip("\n") + "\n\n" + block + "\n" + text[after:]
    return text, todo


def main(argv: list[str]) -> int:
    wanted = english()
    with po_path(SOURCE).open("rb") as f:
        was = {str(m.id): str(m.string) for m in read_po(f, locale=SOURCE) if m.id}
    stale, todo = [], {}
    for lang in (SOURCE, *TRANSLATED):
        path = po_path(lang)
        before = path.read_text(encoding="utf-8")
        after, todo[lang] = updated(lang, before, wanted, was)
        if after != before:
            stale.append(str(path.relative_to(ROOT)))
            if "--check" not in argv:
                path.write_text(after, encoding="utf-8")
    if "--check" in argv and stale:
        print(f"behind the code: {', '.join(stale)}; run scripts/extract_help.py", file=sys.stderr)
        return 1
    for lang, keys in todo.items():
        if keys:
            print(f"{lang}: {len(keys)} to translate: {', '.join(keys)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
