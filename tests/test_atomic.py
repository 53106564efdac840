"""write_atomic: owner-only folders it creates; a missing folder refused when asked."""

from __future__ import annotations

import stat

import pytest

from mastergroup.core.errors import StorageError
from mastergroup.io.atomic import write_atomic


def test_created_folders_are_owner_only_and_the_file_has_its_mode(tmp_path):
    target = tmp_path / "a" / "b" / "config.toml"
    write_atomic(target, b"x = 1\n", mode=0o600)
    assert target.read_bytes() == b"x = 1\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    for folder in (tmp_path / "a", tmp_path / "a" / "b"):
        assert stat.S_IMODE(folder.stat().st_mode) & 0o077 == 0, folder


def test_a_missing_folder_is_an_error_when_creation_is_off(tmp_path):
    target = tmp_path / "missing" / "out.ics"
    with pytest.raises(StorageError) as raised:
        write_atomic(target, b"data", create_dirs=False)
    assert raised.value.params["file"] == str(target)
    assert not target.parent.exists()
