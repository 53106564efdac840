"""Text from the register made inert in Markdown: shown as typed, never interpreted.

A case's fields are typed by people (or pasted from elsewhere) and end up in Markdown that a
viewer turns into HTML: raw HTML there runs script, `|` splits a table cell, `[x](…)` makes a
link, `*`/`_` emphasis, `#`/`-`/`1.` at the start of a line a heading or a list. `escape` makes
each of those literal text for CommonMark and GitHub-flavoured Markdown:
- `&`, `<` and `>` become entities (every Markdown dialect passes entities through, not every
  one honours a backslash before `<`), so no tag and no autolink can start;
- the other inline punctuation (`\\`, `` ` ``, `*`, `_`, `[`, `]`, `|`, `~`) gets a backslash;
- a block marker at the start (`#`, `-`, `+`, `=`, `1.`, `1)`) gets a backslash, because the
  value may stand at the start of a line (a list item's text, a heading's);
- a line break becomes a space: a heading, a list item and a table cell are one line, and the
  next line would start a block of its own.
Only the standard library; the plain-text outputs never call it.
"""

from __future__ import annotations

import re

_BREAK = re.compile(r"[ \t]*(?:\r\n|[\n\r\v\f\x1c-\x1e\x85\u2028\u2029])\s*")
_INLINE = re.compile(r"[&<>\\`*_\[\]|~]")
_ENTITY = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_BLOCK = re.compile(r"[#=+-]|\d{1,9}(?=[.)](?:\s|$))")  # a date "5.4.2023" is no list


def _inline(match: re.Match[str]) -> str:
    char = match.group(0)
    return _ENTITY.get(char, "\\" + char)


def escape(value: object) -> str:
    """`value` as Markdown text that renders as exactly that text."""
    text = _INLINE.sub(_inline, _BREAK.sub(" ", str(value)))
    marker = _BLOCK.match(text)
    if marker is None:
        return text
    if marker.group(0)[0].isdigit():  # "1. x": escape the dot, not the digits
        end = marker.end()
        return f"{text[:end]}\\{text[end:]}"
    return "\\" + text
