"""Files: atomic writes (temp file, fsync, rename), `-o -` as a stream, bounded regular reads."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from mastergroup.core.errors import MastergroupError, StorageError
from mastergroup.i18n.messages import Phrase, os_reason, phrase

# Names of standard output that are written as a stream, even where they cannot be compared
# with the real descriptor (an in-process test runner has none).
STDOUT_NAMES = frozenset({"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"})


def is_stdout(path: Path | str) -> bool:
    """Whether `-o PATH` means standard output: `-`, /dev/stdout, or the very file it is on.

    Such a target is written as a stream: renaming a temporary file over /dev/stdout would
    replace that link (as root) with a regular file holding the output."""
    if str(path) in STDOUT_NAMES:
        return True
    try:
        return os.path.samestat(os.stat(path), os.fstat(sys.stdout.fileno()))
    except (OSError, ValueError, AttributeError):  # no such file, or no real stdout (tests)
        return False


def write_stdout(data: bytes) -> None:
    """Bytes to standard output (the same bytes whatever the locale says)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:  # a text-only stream (tests)
        sys.stdout.write(data.decode("utf-8"))
        sys.stdout.flush()
        return
    buffer.write(data)
    buffer.flush()


def write_atomic(path: Path, data: bytes, *, mode: int = 0o644, create_dirs: bool = True) -> None:
    """Write `data` to `path` so that readers see the old file or the whole new one, never part.

    On failure nothing is left behind and StorageError names the file. `create_dirs=False` makes
    a missing folder an error (a mistyped `-o` path), instead of creating it. Standard output
    (`-`, /dev/stdout) is written as a stream. A target that exists but is not a regular file
    (a device such as /dev/null, a FIFO, a folder) is refused, never replaced; a symbolic link
    to a regular file is written through: its target is replaced atomically, the link stays.
    """
    write_atomic_stream(path, [data], mode=mode, create_dirs=create_dirs)


def write_atomic_stream(
    path: Path, chunks: Iterable[bytes], *, mode: int = 0o644, create_dirs: bool = True
) -> None:
    """`write_atomic` of the bytes `chunks` gives, written into the temporary file as they come
    (an export of the whole register never holds it in memory). Whatever stops the chunks (an
    error reading the register, an interrupt) leaves no temporary file and the old file as it
    was; only an OSError becomes a StorageError, anything else passes on as it is."""
    if is_stdout(path):
        try:
            for chunk in chunks:
                write_stdout(chunk)
        except OSError as e:
            raise StorageError("io.stdout_failed", detail=os_reason(e)) from None
        return
    target = _regular_target(path)
    folder = target.parent
    tmp: str | None = None
    try:
        if create_dirs:
            make_private_folders(folder)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            for chunk in chunks:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
        tmp = None
    except OSError as e:
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None
    finally:
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _regular_target(path: Path) -> Path:
    """The file to replace: `path`, or the file its symbolic link points to; a StorageError if
    that exists and is not a regular file."""
    try:
        found = os.stat(path)  # follows links: a link to /dev/null is a device
    except FileNotFoundError:
        found = None  # a new file (or a link to one still to be made)
    except OSError as e:
        raise StorageError("io.write_failed", file=str(path), detail=os_reason(e)) from None
    if found is not None and not stat.S_ISREG(found.st_mode):
        raise StorageError("io.not_a_file", file=str(path), kind=file_kind(found.st_mode))
    return Path(os.path.realpath(path)) if path.is_symlink() else path


def file_kind(mode: int) -> Phrase:
    """What a path that is not a regular file is, in words."""
    if stat.S_ISDIR(mode):
        return phrase("os.is_folder")
    if stat.S_ISFIFO(mode):
        return phrase("os.is_fifo")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return phrase("os.is_device")
    return phrase("os.is_special")


def read_regular(path: Path, *, limit: int, error: type[MastergroupError], key: str) -> bytes:
    """The bytes of the regular file `path`, at most `limit` of them; otherwise
    `error(key, file=..., detail=...)`. Never blocks on a FIFO or reads /dev/zero forever:
    the file is opened without waiting for a writer and checked before a byte is read."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise error(key, file=str(path), detail=os_reason(e)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise error(key, file=str(path), detail=file_kind(mode))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as f:
            data = f.read(limit + 1)
    except OSError as e:
        raise error(key, file=str(path), detail=os_reason(e)) from None
    finally:
        os.close(fd)
    if len(data) > limit:
        raise error(key, file=str(path), detail=phrase("os.too_large", megabytes=limit >> 20))
    return data


def make_private_folders(folder: Path) -> None:
    """Create `folder` and its missing parents, each owner-only (mkdir -p gives parents 0755)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for each in reversed(missing):
        each.mkdir(mode=0o700, exist_ok=True)


def numbered_copy(path: Path, *, mode: int = 0o600, limit: int = 1 << 30) -> Path:
    """Copy the regular file `path` to the first free `stem.N.suffix` (N = 1, 2, ...) beside
    it, never replacing anything (O_EXCL), and return the copy's path: what `--force` keeps of
    a file it is about to replace."""
    data = read_regular(path, limit=limit, error=StorageError, key="io.write_failed")
    stem, suffix = path.stem, path.suffix
    for number in range(1, 10_000):
        copy = path.with_name(f"{stem}.{number}{suffix}")
        try:
            fd = os.open(copy, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
        except FileExistsError:
            continue
        except OSError as e:
            raise StorageError("io.write_failed", file=str(copy), detail=os_reason(e)) from None
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
                f.flush()
                os.fsync(f.fileno())
        except OSError as e:
            with contextlib.suppress(OSError):
                os.unlink(copy)
            raise StorageError("io.write_failed", file=str(copy), detail=os_reason(e)) from None
        return copy
    raise StorageError("io.write_failed", file=str(path), detail=phrase("os.too_many_copies"))
