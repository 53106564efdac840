"""Compile the gettext catalogs (src/mastergroup/i18n/locale/*/LC_MESSAGES/mastergroup.po) to
the .mo files the tool reads, with the pinned Babel (pip install -e '.[generate]').

    python scripts/compile_catalogs.py           # write every .mo
    python scripts/compile_catalogs.py --check   # exit 1 if a .mo is not what its .po gives

Translators edit the .po files; run this after every change and commit both.
"""

from __future__ import annotations

import io
import sys
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALE = Path(__file__).resolve().parents[1] / "src" / "mastergroup" / "i18n" / "locale"


# Our .po files carry no POT-Creation-Date, and Babel fills in the time of reading: the .mo
# would differ from minute to minute and `--check` would fail a minute after compiling. A
# fixed date makes the .mo a function of the .po alone.
FIXED_DATE = datetime(1970, 1, 1, tzinfo=UTC)


def compiled(po: Path) -> bytes:
    with po.open("rb") as f:
        catalog = read_po(f, locale=po.parents[1].name)
    catalog.creation_date = FIXED_DATE
    out = io.BytesIO()
    write_mo(out, catalog)
    return out.getvalue()


def main(argv: list[str]) -> int:
    stale = []
    for po in sorted(LOCALE.glob("*/LC_MESSAGES/*.po")):
        data, mo = compiled(po), po.with_suffix(".mo")
        if "--check" in argv:
            if not mo.exists() or mo.read_bytes() != data:
                stale.append(str(mo))
        else:
            mo.write_bytes(data)
    if stale:
        print(f"stale: {', '.join(stale)}; run scripts/compile_catalogs.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
