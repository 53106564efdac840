"""A Rich table that fits the terminal: dates and references whole, other columns wrapped, and
the least needed ones left out when even wrapping cannot make room (issue 14).

Each table of the terminal view (`sessions_table`, `cases_table`) says its columns once, with
a rank: `keep` columns (a date, a reference) are never wrapped, cut or dropped; the others
wrap at word boundaries, and the lowest `rank` goes first when the narrowest table still does
not fit. A caption says how many columns were left out and how to see them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

from mastergroup.i18n.messages import render


class Column(NamedTuple):
    header: str
    keep: bool = False  # a date or a reference: whole, always shown
    rank: int = 0  # when a column must go, the lowest rank goes first
    justify: str = "left"
    wrap: bool = True  # False: a time or a date that reads badly in two lines


def fitted_table(
    console: Any,
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    lang: str,
    *,
    styles: Sequence[str | None] | None = None,
    title: str | None = None,
) -> Any:
    """The table with as many columns as the console's width holds, dropping by rank.

    Rich alone would squeeze every column evenly, cutting dates and references (`BS-202…`)
    and breaking words; so the widths are chosen here: each column at least its longest word
    (its longest value when it does not wrap), the rest of the width shared by need."""
    narrow = [_narrowest(c, [r[i] for r in rows]) for i, c in enumerate(columns)]
    natural = [_natural(c, [r[i] for r in rows]) for i, c in enumerate(columns)]
    shown = list(range(len(columns)))

    def room() -> int:  # content width: each column has two of padding and one rule
        return int(console.width) - 3 * len(shown) - 1

    while sum(narrow[i] for i in shown) > room():
        droppable = [i for i in shown if not columns[i].keep]
        if not droppable:
            break
        shown.remove(min(droppable, key=lambda i: columns[i].rank))
    widths: dict[int, int] | None = None
    if sum(natural[i] for i in shown) > room():
        widths = _share(room(), {i: (narrow[i], natural[i]) for i in shown})
    table = _build(columns, rows, shown, widths, styles, title)
    hidden = len(columns) - len(shown)
    if hidden:
        table.caption = render("table.hidden_columns", lang, count=hidden)
        table.caption_justify = "left"
    return table


def _narrowest(column: Column, cells: Sequence[str]) -> int:
    from rich.cells import cell_len

    whole = column.keep or not column.wrap
    words = [w for text in cells for w in ([text] if whole else text.split())]
    head = column.header.replace("/", "/ ").split()  # "Varatut/paikat" folds after the slash
    return max([cell_len(w) for w in words + head] or [1])


def _natural(column: Column, cells: Sequence[str]) -> int:
    from rich.cells import cell_len

    return max([cell_len(text) for text in [*cells, column.header]] or [1])


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


def _build(
    columns: Sequence[Column],
    rows: Sequence[Sequence[str]],
    shown: Sequence[int],
    widths: dict[int, int] | None,
    styles: Sequence[str | None] | None,
    title: str | None,
) -> Any:
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for i in shown:
        c = columns[i]
        header = c.header
        if widths and len(header) > widths[i]:
            header = header.replace("/", "/\n")  # "Varatut/" over "paikat", not "Varatut/p"
        table.add_column(
            header,
            width=widths[i] if widths else None,
            no_wrap=c.keep and not widths,
            overflow="fold",
            justify=c.justify,  # type: ignore[arg-type]
        )
    for n, row in enumerate(rows):
        table.add_row(*(row[i] for i in shown), style=styles[n] if styles else None)
    return table
