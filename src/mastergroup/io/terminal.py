"""What reaches a terminal: bidi and C1 controls and line/paragraph separators never raw.

New input is refused with such characters (core.booking), but a register written before
that rule, or a restored backup of one, may still hold them; on a terminal they could reorder
what the coordinator reads (a reference shown backwards) or drive the terminal itself (C1).
The console-script entry point wraps stdout once, when it is a terminal, so every path that
prints (click.echo, Rich tables, plain writes) shows them escaped (`\\u202e`). Pipes and files
get the data as stored: a script or a backup must see exactly what is there.
"""

from __future__ import annotations

import sys
from typing import Any, TextIO, cast

from mastergroup.core.privacy import printable


class SafeTerminal:
    """A text stream that writes through to `stream` with unsafe characters escaped."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(printable(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:  # encoding, errors, isatty, fileno, flush, ...
        return getattr(self._stream, name)


def guard_stdout() -> None:
    """Wrap sys.stdout when it is a terminal (the console script calls this once)."""
    out = sys.stdout
    try:
        interactive = out is not None and out.isatty()
    except (AttributeError, ValueError, OSError):
        return
    if interactive and not isinstance(out, SafeTerminal):
        sys.stdout = cast(TextIO, SafeTerminal(out))
