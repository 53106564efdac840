"""Atomic file writes: a temporary file in the same folder, fsync, then rename."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

from mastergroup.errors import StorageError
from mastergroup.messages import os_reason


def write_atomic(path: Path, data: bytes, *, mode: int = 0o644, create_dirs: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never part.

    On failure nothing is left behind and StorageError names the file. `create_dirs=False` makes
    a missing folder an error (a mistyped `-o` path), instead of creating it.
    """
    folder = path.parent
    tmp: str | None = None
    try:
        if create_dirs:
            make_private_folders(folder)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as e:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each owner-only (mkdir -p gives parents 0755)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(mode=0o700, exist_ok=True)
