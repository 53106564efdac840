"""The configured language, read without validating the configuration.

Help and the errors about a broken configuration speak the language the coordinator set
(`group.language`) even when the rest of the file cannot be used, and `--help` should not pay
for loading and validating every key (~8 ms). This reads the TOML once, bounded, and takes
`group.language` only if it is one of the three languages; anything else is None.
"""

from __future__ import annotations

from pathlib import Path

from mastergroup.core.errors import ConfigError
from mastergroup.i18n.messages import LANGUAGES

LIMIT = 1 << 20  # the same bound as loading (config/load.py)


def configured_language(path: Path) -> str | None:
    """`group.language` of the TOML file `path`, or None when it cannot be read or is not
    fi, sv or en."""
    import tomllib

    from mastergroup.io.atomic import read_regular

    try:
        data = tomllib.loads(read_regular(path, limit=LIMIT, error=ConfigError,
                                          key="config.unreadable").decode("utf-8"))  # fmt: skip
    except (ConfigError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return None
    group = data.get("group")
    lang = group.get("language", "fi") if isinstance(group, dict) else "fi"
    return lang if lang in LANGUAGES else None
