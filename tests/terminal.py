"""Run the console script as a terminal user does: stdout on a pseudo-terminal."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from collections.abc import Mapping, Sequence


def on_a_terminal(
    args: Sequence[str], *, columns: int | None = None, env: Mapping[str, str] | None = None
) -> bytes:
    """Everything `mastergroup ARGS` printed with stdout on a pseudo-terminal (`columns` wide
    when given); the command must succeed (its stderr is the assertion's message)."""
    leader, follower = pty.openpty()
    if columns is not None:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    proc = subprocess.Popen([sys.executable, "-m", "mastergroup", *args], stdout=follower,
                            stderr=subprocess.PIPE, env=dict(env or os.environ))  # fmt: skip
    os.close(follower)
    out = b""
    while True:
        ready, _, _ = select.select([leader], [], [], 20)
        if not ready:
            break
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        out += chunk
    errors = proc.communicate(timeout=20)[1]
    os.close(leader)
    assert proc.returncode == 0, errors
    return out
