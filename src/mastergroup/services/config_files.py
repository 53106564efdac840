"""Writing configuration files: `config init` (a commented copy) and `config show` (TOML)."""

from __future__ import annotations

from pathlib import Path

from mastergroup.config.settings import Settings, effective
from mastergroup.core.errors import ConfigError
from mastergroup.io import environment
from mastergroup.io.atomic import write_atomic


def init(path: Path | None, *, force: bool) -> Path:
    """Copy the shipped, commented configuration to `path` (default: the user's config)."""
    target = path or environment.user_config_path()
    if target.exists() and not force:
        raise ConfigError("config.exists", file=str(target))
    text = (environment.shipped_config_dir() / environment.SHIPPED_CONFIG).read_text("utf-8")
    write_atomic(target, text.encode("utf-8"), mode=0o600)
    return target


def dump(settings: Settings) -> str:
    """The effective configuration as TOML (written by tomli-w)."""
    import tomli_w

    return tomli_w.dumps(effective(settings))
