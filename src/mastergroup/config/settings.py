"""The configuration's public names, where callers have always imported them from.

The work is done in the modules beside this one: types.py (what a value may be), keys.py and
spec.py (the key table, whose section classes are also the typed sections), sections.py
(Settings), tables.py and load.py (reading TOML), reference.py (writing it out again).
"""

from __future__ import annotations

from mastergroup.config.keys import Key, Section
from mastergroup.config.load import CONFIG_LIMIT, load, parse
from mastergroup.config.reference import effective, reference
from mastergroup.config.sections import Settings
from mastergroup.config.spec import SECTIONS, SPEC, STRUCTURED

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
