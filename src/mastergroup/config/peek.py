"""The configured language, read without validating the configuration.

Help and the errors about a broken configuration speak the language the coordinator set
(`group.language`) even when the rest of the file cannot be used, and `--help` does not pay for
loading and validating every key (~8 ms). This reads the file once, bounded, and takes
`group.language` from the TOML when it parses, else from a `language = "sv"` line under
`[group]`; None when the file names none of the three languages.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

from mastergroup.core.errors import ConfigError

LIMIT = 1 << 20  # the same bound as loading (config/load.py CONFIG_LIMIT)


def configured_language(path: Path) -> str | None:
    """`group.language` of the configuration file `path`, which may be broken."""
    import re

    from mastergroup.io.atomic import read_regular

    try:
        text = read_regular(path, limit=LIMIT, error=ConfigError, key="config.unreadable")
    except ConfigError:  # unreadable: the error being reported says so; Finnish then
        return None
    source = text.decode("utf-8", errors="replace")
    try:
        data = tomllib.loads(source)
        group = data.get("group", {})
        found = group.get("language", "fi") if isinstance(group, dict) else None
    except (tomllib.TOMLDecodeError, RecursionError):
        found, table = None, ""
        for line in source.splitlines():
            head = re.match(r"\s*\[\s*([^\]]*?)\s*\]", line)
            if head:
                table = head.group(1)
            value = re.match(r"""\s*language\s*=\s*["']([a-z]{2})["']""", line)
            if table == "group" and value:
                found = value.group(1)
    return found if found in ("fi", "sv", "en") else None
