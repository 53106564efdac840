"""The configuration's public names, where callers have always imported them from.

The work is done in the modules beside this one: types.py (what a value may be), keys.py and
spec.py (the key table, whose section classes are also the typed sections), sections.py
(Settings), tables.py and load.py (reading TOML), reference.py (writing it out again).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mastergroup.config.keys import Key, Section
from mastergroup.config.load import CONFIG_LIMIT, load, parse
from mastergroup.config.sections import Settings
from mastergroup.config.spec import SECTIONS, SPEC, STRUCTURED

if TYPE_CHECKING:
    from mastergroup.config.reference import effective, reference

__all__ = [
    "CONFIG_LIMIT",
    "SECTIONS",
    "SPEC",
    "STRUCTURED",
    "Key",
    "Section",
    "Settings",
    "effective",
    "load",
    "parse",
    "reference",
]


def __getattr__(name: str) -> Any:
    """effective and reference, imported on first use: only `config show` and `config
    reference` write the configuration out, so the other commands' start-up skips them."""
    if name in ("effective", "reference"):
        from mastergroup.config import reference as module

        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
