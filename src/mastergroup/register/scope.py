"""Which group's part of the one register a transaction works on (issue 15).

One register holds every group of a configuration. A case row carries its group in `group_id`:
"" for the configuration's first group (the top level when there are no [[groups]]), the id
for every further group. So rows written before groups existed belong to the first group, such
a register migrates without a change to any row, and a single-group register stays byte for
byte; the first group's records show its id (`name`) all the same. The first group keeps the
plain keys of the sent log and the plain slots of session attendance; a further group's are
prefixed with its id (`eho:agenda:2025-03`, `eho:2025-03`), so two groups' sessions of one
month never share a key. Keep the first group first in the file: it holds the older cases.
"""

from __future__ import annotations

from typing import NamedTuple


class Scope(NamedTuple):
    """`write`: the group_id of the group's rows; `prefix`: "" for the first group, else
    "<id>:" before sent keys and attendance slots; `name`: the id its records show ("" for a
    single-group configuration, whose records stay as they were)."""

    write: str = ""
    prefix: str = ""
    name: str = ""
    first: str = ""  # the first group's id, whose rows are stored with ""

    def key(self, text: str) -> str:
        return f"{self.prefix}{text}"

    def unkey(self, text: str) -> str:
        return text.removeprefix(self.prefix)


ONLY = Scope()  # a single-group configuration (and the first group's rows)


def of(group_id: str, first_id: str, *, several: bool) -> Scope:
    """The scope of a group of the configuration (`several`: it has [[groups]])."""
    if not several:
        return ONLY
    if group_id == first_id:
        return Scope("", "", group_id, group_id)
    return Scope(group_id, f"{group_id}:", group_id, first_id)
