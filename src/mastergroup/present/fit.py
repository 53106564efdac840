"""A terminal table that fits the width: dates and references whole, other columns wrapped,
and the least needed ones left out when even wrapping cannot make room (issue 14).

Each table of the terminal view (`sessions_table`, `cases_table`) says its columns once, with
a rank: `keep` columns (a date, a reference) are never wrapped, cut or dropped; the others
wrap at word boundaries, and the lowest `rank` goes first when the narrowest table still does
not fit. A caption says how many columns were left out and how to see them all. The table
is drawn by `drawn.py` as Rich drew it, without importing Rich (issue 18); Rich draws it only
when a text has characters that `drawn.py` does not measure (controls, combining marks).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import Any, NamedTuple

from mastergroup.i18n.messages import render
from mastergroup.present import drawn


class Column(NamedTuple):
    header: str
    keep: bool = False  # a date or a reference: whole, always shown
    rank: int = 0  # when a column must go, the lowest rank goes first
    justify: str = "left"
    wrap: bool = True  # False: a time or a date that reads badly in two lines


def fitted_table(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    lang: str,
    *,
    styles: Sequence[str | None] | None = None,
    title: str | None = None,
) -> None:
    """Print the table with as many columns as the terminal's width holds, dropping by rank.

    Left alone, Rich's layout would squeeze every column evenly, cutting dates and references
    (`BS-202…`) and breaking words; so the widths are chosen here: each column at least its
    longest word (its longest value when it does not wrap), the rest shared by need."""
    where = drawn.screen()
    texts = [c.header for c in columns] + [t for r in rows for t in r] + [title or ""]
    plain = all(map(drawn.drawable, texts))
    measure = drawn.cells if plain else _rich_cells()
    narrow = [_narrowest(c, [r[i] for r in rows], measure) for i, c in enumerate(columns)]
    natural = [_natural(c, [r[i] for r in rows], measure) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))

    def room() -> int:  # content width: each column has two of padding and one rule
        return where.width - 3 * len(shown) - 1

    while sum(narrow[i] for i in shown) > room():
        droppable = [i for i in shown if not columns[i].keep]
        if not droppable:
            break
        shown.remove(min(droppable, key=lambda i: columns[i].rank))
    widths: dict[int, int] | None = None
    if sum(natural[i] for i in shown) > room():
        widths = _share(room(), {i: (narrow[i], natural[i]) for i in shown})
    cols = []
    for i in shown:
        c = columns[i]
        header = c.header
        if widths and len(header) > widths[i]:
            header = header.replace("/", "/\n")  # "Varatut/" over "paikat", not "Varatut/p"
        cols.append(drawn.Col(header, c.justify, no_wrap=c.keep and not widths,
                              overflow="fold", width=widths[i] if widths else None))  # fmt: skip
    hidden = len(columns) - len(shown)
    caption = render("table.hidden_columns", lang, count=hidden) if hidden else None
    picked = [[row[i] for i in shown] for row in rows]
    text = drawn.draw(where, cols, picked, styles=styles, title=title, caption=caption)
    if text is None:
        text = _with_rich(cols, picked, styles, title, caption)
    sys.stdout.write(text)
    sys.stdout.flush()


def _rich_cells() -> Callable[[str], int]:
    from rich.cells import cell_len

    return cell_len


def _narrowest(column: Column, cells: Sequence[str], measure: Callable[[str], int]) -> int:
    whole = column.keep or not column.wrap
    words = [w for text in cells for w in ([text] if whole else text.split())]
    head = column.header.replace("/", "/ ").split()  # "Varatut/paikat" folds after the slash
    return max([measure(w) for w in words + head] or [1])


def _natural(column: Column, cells: Sequence[str], measure: Callable[[str], int]) -> int:
    return max([measure(text) for text in [*cells, column.header]] or [1])


def _share(room: int, ranges: dict[int, tuple[int, int]]) -> dict[int, int]:
    """Each column its narrowest width, the space left shared in proportion to what each
    would still take to show its values in one line."""
    widths = {i: low for i, (low, _) in ranges.items()}
    spare = room - sum(widths.values())
    want = {i: high - low for i, (low, high) in ranges.items() if high > low}
    total = sum(want.values())
    if spare <= 0 or not total:
        return widths
    for i, need in want.items():
        widths[i] += min(need, spare * need // total)
    left = room - sum(widths.values())
    for i in sorted(want, key=lambda i: want[i] - (widths[i] - ranges[i][0]), reverse=True):
        if left <= 0:
            break
        more = min(left, ranges[i][1] - widths[i])
        widths[i] += more
        left -= more
    return widths


def _with_rich(
    cols: Sequence[drawn.Col],
    rows: Sequence[Sequence[str]],
    styles: Sequence[str | None] | None,
    title: str | None,
    caption: str | None,
) -> str:
    """The same table drawn by Rich: for text that `drawn.py` does not measure."""
    from rich.table import Table

    from mastergroup.present.output import console

    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left")
    for c in cols:
        options: dict[str, Any] = {"overflow": c.overflow, "justify": c.justify}  # Rich's names
        table.add_column(c.header, width=c.width, no_wrap=c.no_wrap, **options)
    for n, row in enumerate(rows):
        table.add_row(*row, style=styles[n] if styles else None)
    return rich_text(console(), table)


def rich_text(out: Any, *renderables: Any, style: str | None = None) -> str:
    """What `out.print(renderable)` would write, as one text."""
    with out.capture() as captured:
        for renderable in renderables:
            out.print(renderable, style=style)
    return str(captured.get())
