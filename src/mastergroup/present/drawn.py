"""Terminal tables and lines drawn as Rich 15 draws them, without importing Rich (issue 18).

Why, with the figures: on a terminal `sessions`, `case list` and `agenda` paid 21-31 ms for
Rich: ~19 ms to import `rich.console` (14.5 ms) and `rich.table` (4.3 ms) after Typer
(`-X importtime`), the rest to lay out and draw. Importing fewer Rich modules cannot help
(`rich.table` needs the console, styles, segments and themes), and the tables use little of
it: one box (Rich's default, HEAVY_HEAD), padding 1, a handful of styles (bold headers, an
italic title, a dim italic caption, dim, yellow or struck rows), and `fit.py` already chooses
the widths. So this module ports what they use: Rich's column measuring and collapsing
(`Table._calculate_column_widths`), its word wrap (`divide_line`, `Text.wrap`, `truncate`),
its box characters and its escape codes (`Style.render`: one `ESC[…m … ESC[0m` a segment);
on the same input it writes the same bytes (tests/test_drawn.py compares both on random
tables) and imports in ~1 ms. Measured with benchmarks/run.py (11 alternating runs, medians,
this 2-core machine; README "Performance"), on a 120-column pseudo-terminal: `sessions --year
2023` 101.8 -> 61.6 ms (9.7x -> 7.0x of `python -c pass`), `agenda` 106.8 -> 76.7 ms (10.2x ->
8.7x), `case list --session` 100.5 -> 75.3 ms (9.6x -> 8.5x): a terminal costs 1-3 ms more
than a pipe.

What decides like Rich's `Console` does (`output.console()` built one): the width (`COLUMNS`,
else the first of stdin, stdout, stderr that is a terminal, else 80; 80 on a `dumb` terminal;
into a pipe the fixed width), whether escape codes are written at all (`TTY_COMPATIBLE`,
`FORCE_COLOR`, else whether stdout is a terminal; none on a `dumb` one), colours (not with
`NO_COLOR` or into a pipe; bold and the like stay, as Rich keeps them), and soft wrapping into
a pipe (a title neither wrapped nor padded). A table with text this port does not claim to
measure as Rich does (controls, combining marks, zero-width joiners, anything that is not
printable) or that would not fit is left to Rich: `draw` returns None. One difference on
purpose: `:name:` is shown as written, where Rich replaced emoji codes in register text.
The year grid (`sessions --view`, Rich's Columns) stays with Rich: it is rare.
"""

from __future__ import annotations

import itertools
import os
import re
import sys
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import NamedTuple


class Screen(NamedTuple):
    """What Rich's Console would have decided about stdout."""

    width: int
    codes: bool  # escape codes at all
    colour: bool  # colours as well as bold, dim, italic, strike
    soft_wrap: bool  # into a pipe: titles and lines neither wrapped, padded nor cut
    ascii: bool  # the stream cannot encode the box characters


def screen(pipe_width: int = 200) -> Screen:
    """Like `output.console(pipe_width)`: colour only on a terminal; into a pipe a fixed width."""
    out = sys.stdout
    environ = os.environ
    try:
        tty = out.isatty()
    except (AttributeError, ValueError):
        tty = False
    ours = tty and not environ.get("NO_COLOR")  # output.is_terminal()
    compatible = environ.get("TTY_COMPATIBLE", "")
    force = environ.get("FORCE_COLOR")
    if compatible in ("0", "1"):
        rich_tty = compatible == "1"
    elif force is not None:
        rich_tty = force != ""
    else:
        rich_tty = tty
    dumb = rich_tty and environ.get("TERM", "").lower() in ("dumb", "unknown")
    if dumb:
        width = 80
    elif not ours:
        width = pipe_width
    else:
        width = _terminal_width(environ.get("COLUMNS", ""))
    encoding = (getattr(out, "encoding", None) or "utf-8").lower()
    return Screen(width, rich_tty and not dumb, ours, not ours, not encoding.startswith("utf"))


def _terminal_width(columns: str) -> int:
    if columns.isdigit():
        return int(columns)
    width = 0
    for fd in (0, 1, 2):  # Rich asks stdin first
        try:
            width = os.get_terminal_size(fd).columns
        except (AttributeError, ValueError, OSError):
            continue
        break
    return width or 80


# --- styles --------------------------------------------------------------------------------

_ATTRIBUTES = {"bold": "1", "dim": "2", "italic": "3", "underline": "4", "blink": "5",
               "reverse": "7", "conceal": "8", "strike": "9"}  # fmt: skip  (Rich's order)
_COLOURS = {name: str(30 + n) for n, name in enumerate(
    ("black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"))}  # fmt: skip


def paint(text: str, style: str | None, where: Screen) -> str:
    """`text` in `style` (Rich's names: "bold", "strike dim", "yellow") as Rich writes it."""
    if not text or not style or not where.codes:
        return text
    words = style.split()
    codes = [code for name, code in _ATTRIBUTES.items() if name in words]
    colours = [_COLOURS[w] for w in words if w in _COLOURS]
    if colours and where.colour:
        codes.append(colours[-1])
    return f"\x1b[{';'.join(codes)}m{text}\x1b[0m" if codes else text


# --- cells ---------------------------------------------------------------------------------


def _char_cells(c: str) -> int:
    return 2 if unicodedata.east_asian_width(c) in ("W", "F") else 1


@lru_cache(4096)
def cells(text: str) -> int:
    """How many terminal cells `text` takes (for the texts `drawable` lets through)."""
    if text.isascii():
        return len(text)
    return sum(_char_cells(c) for c in text)


def drawable(text: str) -> bool:
    """Whether every character is one this port measures as Rich does: printable, no
    combining marks (Finnish and Swedish letters, dashes and wide CJK are)."""
    plain = text.replace("\n", "")
    if plain.isascii():
        return plain.isprintable()
    return plain.isprintable() and not any(unicodedata.combining(c) for c in plain)


def _set_cells(text: str, total: int) -> str:
    """Cut or pad `text` to `total` cells; a wide character cut in two becomes a space."""
    if total <= 0:
        return ""
    size = cells(text)
    if size <= total:
        return text + " " * (total - size)
    used = 0
    for i, c in enumerate(text):
        width = _char_cells(c)
        if used + width > total:
            return text[:i] + (" " if used < total else "")
        used += width
    return text


def _chop(text: str, width: int) -> list[str]:
    if text.isascii():
        return [text[i : i + width] for i in range(0, len(text), width)]
    lines, start, size = [], 0, 0
    for i, c in enumerate(text):
        width_c = _char_cells(c)
        if size + width_c > width:
            lines.append(text[start:i])
            start, size = i, 0
        size += width_c
    if size:
        lines.append(text[start:])
    return lines


_WORD = re.compile(r"\s*\S+\s*")


def _breaks(text: str, width: int, fold: bool) -> list[int]:
    """Rich's `divide_line`: where `text` breaks to fit `width` cells."""
    breaks: list[int] = []
    offset = 0
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group(0)
        length = cells(word.rstrip())
        if width - offset >= length:
            offset += cells(word)
        elif length > width:
            if fold:
                pieces = _chop(word, width)
                for n, piece in enumerate(pieces):
                    if start:
                        breaks.append(start)
                    if n == len(pieces) - 1:
                        offset = cells(piece)
                    else:
                        start += len(piece)
            else:
                if start:
                    breaks.append(start)
                offset = cells(word)
        elif offset and start:
            breaks.append(start)
            offset = cells(word)
    return breaks


def _truncate(text: str, width: int, overflow: str, pad: bool = False) -> str:
    if overflow == "ignore":
        return text
    length = cells(text)
    if length > width:
        text = _set_cells(text, width - 1) + "…" if overflow == "ellipsis" else _set_cells(
            text, width)
    if pad and length < width:
        text += " " * (width - length)
    return text


def wrap(text: str, width: int, justify: str = "default", overflow: str = "fold",
         no_wrap: bool = False) -> list[str]:  # fmt: skip
    """Rich's `Text.wrap` of a plain text: its lines at `width` cells."""
    no_wrap = no_wrap or overflow == "ignore"
    lines: list[str] = []
    for line in text.split("\n"):
        if no_wrap:
            if overflow == "ignore":
                lines.append(line)
                continue
            pieces = [line]
        else:
            cuts = [0, *_breaks(line, width, overflow == "fold"), len(line)]
            pieces = [_rstrip_end(line[a:b], width) for a, b in itertools.pairwise(cuts)]
        if justify == "left":
            pieces = [_truncate(p, width, overflow, pad=True) for p in pieces]
        elif justify == "right":
            pieces = [_truncate(p.rstrip(), width, overflow) for p in pieces]
            pieces = [" " * (width - cells(p)) + p for p in pieces]
        lines += [_truncate(p, width, overflow) for p in pieces]
    return lines


def _rstrip_end(text: str, size: int) -> str:
    excess = len(text) - size
    if excess > 0:
        spaces = len(text) - len(text.rstrip())
        return text[: len(text) - min(spaces, excess)]
    return text


def lines(text: str, style: str | None, where: Screen) -> str:
    """`Console.print(text, style=style)`: wrapped at the width on a terminal, each line painted."""
    if where.soft_wrap:
        shown = text.split("\n")
    else:
        shown = [_set_cells(x, where.width) if cells(x) > where.width else x
                 for x in wrap(text, where.width)]  # fmt: skip
    return "".join(paint(x, style, where) + "\n" for x in shown)


# --- tables --------------------------------------------------------------------------------


class Col(NamedTuple):
    header: str
    justify: str = "left"
    no_wrap: bool = False
    overflow: str = "ellipsis"
    width: int | None = None  # content width, fixed


#       top   head  head-row  body  row-line  bottom  (Rich's HEAVY_HEAD and ASCII boxes)
_BOX = ("┏━┳┓", "┃┃┃", "┡━╇┩", "│││", "├─┼┤", "└─┴┘")
_ASCII = ("+--+", "|||", "|-+|", "|||", "|-+|", "+--+")


def _measure(col: Col, texts: Sequence[str], room: int) -> tuple[int, int]:
    """Rich's `Table._measure_column` (padding 1 each side) at `room` cells."""
    if room < 1:
        return 0, 0
    if col.width is not None:
        return min(col.width + 2, room), min(col.width + 2, room)
    lows, highs = [], []
    for text in texts:
        if room - 2 < 1:
            lows.append(room)
            highs.append(room)
            continue
        parts = text.splitlines()
        high = max((cells(p) for p in parts), default=0)
        words = text.split()
        low = max((cells(w) for w in words), default=high)
        low, high = min(low, high), max(low, high)
        low, high = min(low, room), min(high, room)
        if high < 1:
            low, high = 0, 0
        lows.append(min(low + 2, room))
        highs.append(min(high + 2, room))
    return min(max(lows, default=1), room), min(max(highs, default=room), room)


def _reduce(total: int, ratios: list[int], maximums: list[int], values: list[int]) -> list[int]:
    ratios = [r if m else 0 for r, m in zip(ratios, maximums, strict=True)]
    total_ratio = sum(ratios)
    if not total_ratio:
        return values[:]
    left, result = total, []
    for ratio, maximum, value in zip(ratios, maximums, values, strict=True):
        if ratio and total_ratio > 0:
            share = min(maximum, round(ratio * left / total_ratio))
            result.append(value - share)
            left -= share
            total_ratio -= ratio
        else:
            result.append(value)
    return result


def _collapse(widths: list[int], wrapable: list[bool], room: int) -> list[int]:
    total = sum(widths)
    excess = total - room
    if any(wrapable):
        while total and excess > 0:
            pairs = list(zip(widths, wrapable, strict=True))
            widest = max(w for w, ok in pairs if ok)
            second = max(w if ok and w != widest else 0 for w, ok in pairs)
            ratios = [1 if (w == widest and ok) else 0 for w, ok in pairs]
            if not any(ratios) or not widest - second:
                break
            widths = _reduce(excess, ratios, [min(excess, widest - second)] * len(widths), widths)
            total = sum(widths)
            excess = total - room
    return widths


def _widths(cols: Sequence[Col], texts: list[list[str]], room: int) -> list[int]:
    """Rich's `Table._calculate_column_widths` (expand off): each column with its padding."""
    widths = [_measure(c, t, room)[1] or 1 for c, t in zip(cols, texts, strict=True)]
    if sum(widths) > room:
        widths = _collapse(widths, [c.width is None and not c.no_wrap for c in cols], room)
        if sum(widths) > room:
            widths = _reduce(sum(widths) - room, [1] * len(widths), widths, widths)
        widths = [_measure(c, t, w)[1] or 0 for c, t, w in zip(cols, texts, widths, strict=True)]
    return widths


def draw(where: Screen, cols: Sequence[Col], rows: Sequence[Sequence[str]], *,
         styles: Sequence[str | None] | None = None, title: str | None = None,
         caption: str | None = None, show_lines: bool = False) -> str | None:  # fmt: skip
    """The table as Rich's `Table(title=…, caption=…, show_lines=…)` prints it (titles justified
    left), or None when the text is not all `drawable` or it would not fit: then Rich draws."""
    everything = [c.header for c in cols] + [t for r in rows for t in r]
    if not all(map(drawable, [*everything, title or "", caption or ""])):
        return None
    texts = [[c.header, *(r[i] for r in rows)] for i, c in enumerate(cols)]
    widths = _widths(cols, texts, where.width - len(cols) - 1)
    if min(widths, default=0) < 3:
        return None  # a column narrower than its padding: Rich's corner cases
    table_width = sum(widths) + len(cols) + 1
    if table_width > where.width and not where.soft_wrap:
        return None
    box = _ASCII if where.ascii else _BOX
    out: list[str] = []
    if title:
        out.append(_annotation(title, "italic", table_width, where))
    out.append(_rule(box[0], widths))
    for n, row in enumerate([[c.header for c in cols], *rows]):
        head = n == 0
        style = "bold" if head else (styles[n - 1] if styles else None)
        edge = box[1] if head else box[3]
        shown = [wrap(text, w - 2, c.justify, c.overflow, c.no_wrap)
                 for text, w, c in zip(row, widths, cols, strict=True)]  # fmt: skip
        height = max(len(s) for s in shown)
        # headers sit at the bottom of their row, cells at the top; None: a blank line
        filled: list[list[str | None]] = [
            [*[None] * (height - len(s)), *s] if head else [*s, *[None] * (height - len(s))]
            for s in shown
        ]
        for line in range(height):
            parts = [_cell(s[line], w, style, where) for s, w in zip(filled, widths, strict=True)]
            out.append(edge[0] + edge[1].join(parts) + edge[2] + "\n")
        if head:
            out.append(_rule(box[2], widths))
        elif show_lines and n < len(rows):
            out.append(_rule(box[4], widths))
    out.append(_rule(box[5], widths))
    if caption:
        out.append(_annotation(caption, "dim italic", table_width, where))
    return "".join(out)


def _cell(text: str | None, width: int, style: str | None, where: Screen) -> str:
    if text is None:
        return paint(" " * width, style, where)
    pad = paint(" ", style, where)
    return pad + paint(text, style, where) + pad


def _rule(chars: str, widths: Sequence[int]) -> str:
    return chars[0] + chars[2].join(chars[1] * w for w in widths) + chars[3] + "\n"


def _annotation(text: str, style: str, width: int, where: Screen) -> str:
    """A table's title or caption, justified left at the table's width (unpadded into a pipe)."""
    shown = text.split("\n") if where.soft_wrap else wrap(text, width, "left", "fold")
    return "".join(paint(x, style, where) + "\n" for x in shown)
