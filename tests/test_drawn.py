"""present/drawn.py draws the terminal tables as Rich 15 did, byte for byte (issue 18): the same
tables drawn by Rich and by the port, over random texts, widths, styles and settings."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.console import Console
from rich.table import Table

from mastergroup.present import drawn

# Finnish and Swedish letters, dashes, slashes, an ellipsis, wide CJK: what registers hold
LETTERS = "abcdefghijklmnopqrstuvwxyzäöåÄÖÅ0123456789.,;/-–—…?()"
WIDE = "漢字表"
words = st.text(alphabet=LETTERS + WIDE, min_size=1, max_size=18)
texts = st.lists(words, max_size=6).map(" ".join) | st.lists(
    st.lists(words, min_size=1, max_size=4).map(" ".join), min_size=1, max_size=3
).map("\n".join)
STYLES = st.sampled_from([None, "dim", "yellow", "strike dim", "bold"])
OVERFLOW = st.sampled_from(["fold", "ellipsis"])


@st.composite
def tables(draw: st.DrawFn) -> tuple[list[drawn.Col], list[list[str]], list[str | None]]:
    count = draw(st.integers(1, 6))
    cols = [
        drawn.Col(
            draw(texts.filter(bool)),
            justify=draw(st.sampled_from(["left", "right"])),
            no_wrap=draw(st.booleans()),
            overflow=draw(OVERFLOW),
            width=draw(st.none() | st.integers(1, 30)),
        )
        for _ in range(count)
    ]
    rows = draw(st.lists(st.lists(texts, min_size=count, max_size=count), max_size=5))
    return cols, rows, [draw(STYLES) for _ in rows]


def by_rich(console: Console, cols, rows, styles, title, caption, lines) -> str:
    table = Table(title=title, title_justify="left", caption=caption, caption_justify="left",
                  show_lines=lines)  # fmt: skip
    for c in cols:
        table.add_column(c.header, justify=c.justify, no_wrap=c.no_wrap, overflow=c.overflow,
                         width=c.width)  # fmt: skip
    for row, style in zip(rows, styles, strict=True):
        table.add_row(*row, style=style)
    with console.capture() as captured:
        console.print(table)
    return captured.get()


def consoles(width: int, terminal: bool) -> tuple[Console, drawn.Screen]:
    """A console as `output.console()` made one (on a terminal, or into a pipe) and its Screen."""
    file = io.StringIO()
    if terminal:
        rich = Console(file=file, width=width, force_terminal=True, color_system="256",
                       highlight=False, markup=False, emoji=False, no_color=False,
                       soft_wrap=False)  # fmt: skip
        return rich, drawn.Screen(width, codes=True, colour=True, soft_wrap=False, ascii=False)
    rich = Console(file=file, width=200, force_terminal=False, highlight=False, markup=False,
                   emoji=False, no_color=True, soft_wrap=True)  # fmt: skip
    return rich, drawn.Screen(200, codes=False, colour=False, soft_wrap=True, ascii=False)


@settings(max_examples=400, deadline=None)
@given(tables(), st.integers(20, 160), st.booleans(), st.none() | texts, st.none() | texts,
       st.booleans())  # fmt: skip
def test_a_table_is_drawn_as_rich_draws_it(table, width, terminal, title, caption, lines):
    cols, rows, styles = table
    rich, where = consoles(width, terminal)
    ours = drawn.draw(where, cols, rows, styles=styles, title=title, caption=caption,
                      show_lines=lines)  # fmt: skip
    if ours is None:  # left to Rich: only a column narrower than its padding, or too wide
        return
    assert ours == by_rich(rich, cols, rows, styles, title, caption, lines)


@settings(max_examples=200, deadline=None)
@given(texts, st.integers(5, 120), STYLES)
def test_a_line_is_printed_as_rich_prints_it(text, width, style):
    rich, where = consoles(width, terminal=True)
    with rich.capture() as captured:
        rich.print(text, style=style)
    assert drawn.lines(text, style, where) == captured.get()


def test_no_colour_keeps_bold_and_drops_yellow():
    where = drawn.Screen(80, codes=True, colour=False, soft_wrap=True, ascii=False)
    assert drawn.paint("x", "yellow", where) == "x"
    assert drawn.paint("x", "strike dim", where) == "\x1b[2;9mx\x1b[0m"


def test_text_the_port_does_not_measure_is_left_to_rich():
    where = drawn.Screen(80, codes=True, colour=True, soft_wrap=False, ascii=False)
    for odd in ("e\u0301", "a\tb", "a\u202eb", "a\u00a0b"):
        assert drawn.draw(where, [drawn.Col("A")], [[odd]]) is None


def test_emoji_codes_in_register_text_stay_as_written():
    where = drawn.Screen(80, codes=False, colour=False, soft_wrap=False, ascii=False)
    shown = drawn.draw(where, [drawn.Col("Asia")], [["tapaaminen :smile: :bus:"]])
    assert shown is not None and ":smile: :bus:" in shown


def test_a_terminal_table_imports_no_rich(home, run, monkeypatch):
    from tests.cli.test_case_cli import book

    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    assert book(run, "LS-1").exit_code == 0
    probe = (
        "import json, sys\n"
        "from mastergroup.cli import app\n"
        "from typer.testing import CliRunner\n"
        "import mastergroup.present.output as o\n"
        "o.is_terminal = lambda: True\n"
        "r = CliRunner().invoke(app, ['case', 'list', '--all', '--format', 'table'])\n"
        "assert r.exit_code == 0 and 'LS-1' in r.stdout, r.output\n"
        "r = CliRunner().invoke(app, ['sessions', '--year', '2023', '--format', 'table'])\n"
        "assert r.exit_code == 0 and '┏' in r.stdout, r.output\n"
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True, env=os.environ.copy())  # fmt: skip
    assert json.loads(out.stdout.splitlines()[-1]) == []
