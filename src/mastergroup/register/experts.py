"""The experts' tables of the register: the pool, session attendance, statement delivery dates.

Functions take a `store.Register` inside one of `store.reading`/`store.writing`'s transactions
(schema: the issue 6 step of `migrations.MIGRATIONS`; columns and rows: `fields.EXPERT`). An
expert who attended a session is never deleted, only marked removed, so the attendance of past
sessions stays as it was.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from mastergroup.core.panel import Expert
from mastergroup.register.connection import now
from mastergroup.register.fields import EXPERT
from mastergroup.register.fieldtable import rows

if TYPE_CHECKING:
    from mastergroup.register.store import Register


def experts(register: Register, *, removed: bool = False) -> list[Expert]:
    """The pool by name (with `removed`, also those removed)."""
    where = "" if removed else " WHERE e.removed = 0"
    found = rows(register.conn, f"{EXPERT.select}{where} ORDER BY e.name")
    return [EXPERT.from_row(r) for r in found]


def find(register: Register, name: str) -> Expert | None:
    """The expert of this name (exact, else ignoring case: Öhman = öhman), removed ones included.

    Case is folded in Python: SQLite's lower() folds only ASCII letters, and the backup import
    refuses names equal after casefold(), so the pool must never hold two such names.
    """
    found = list(rows(register.conn, f"{EXPERT.select} WHERE e.name = ?", (name,)))
    if not found:
        folded = name.casefold()
        every = rows(register.conn, EXPERT.select)
        found = [r for r in every if str(r["name"]).casefold() == folded]
    return EXPERT.from_row(found[0]) if len(found) == 1 else None


def save(register: Register, expert: Expert) -> Expert:
    """Insert a new expert (id None) or write every field of a stored one."""
    stamp = now().isoformat()
    if expert.id is None:
        values = EXPERT.values(expert, insert=True, created_at=stamp, updated_at=stamp)
        cursor = register.conn.execute(EXPERT.insert, values)
        expert_id = int(cursor.lastrowid or 0)
    else:
        values = EXPERT.values(expert, insert=False, updated_at=stamp)
        register.conn.execute(EXPERT.update, (*values, expert.id))
        expert_id = expert.id
    [row] = rows(register.conn, f"{EXPERT.select} WHERE e.id = ?", (expert_id,))
    saved: Expert = EXPERT.from_row(row)
    return saved


def attended_any(register: Register, expert_id: int) -> bool:
    row = register.conn.execute(
        "SELECT 1 FROM session_experts WHERE expert_id = ? LIMIT 1", (expert_id,)
    ).fetchone()
    return row is not None


def delete(register: Register, expert_id: int) -> None:
    register.conn.execute("DELETE FROM experts WHERE id = ?", (expert_id,))


def attendees(register: Register, slot: str) -> list[Expert]:
    """Who attends the session `slot`, by name (removed experts included: history)."""
    found = rows(
        register.conn,
        f"{EXPERT.select} JOIN session_experts s ON s.expert_id = e.id "
        "WHERE s.slot = ? ORDER BY e.name",
        (register.scope.key(slot),),  # issue 15: a further group's slots carry its prefix
    )
    return [EXPERT.from_row(r) for r in found]


def attendance(register: Register, slots: Iterable[str]) -> dict[str, list[Expert]]:
    """Slot -> attendees for several sessions (empty lists included)."""
    return {slot: attendees(register, slot) for slot in dict.fromkeys(slots)}


def set_attendance(register: Register, slot: str, expert_ids: Iterable[int], *, add: bool) -> int:
    """Add (or with add=False remove) experts to a session; returns how many rows changed."""
    changed = 0
    for expert_id in expert_ids:
        if add:
            cursor = register.conn.execute(
                "INSERT OR IGNORE INTO session_experts (slot, expert_id) VALUES (?, ?)",
                (register.scope.key(slot), expert_id),
            )
        else:
            cursor = register.conn.execute(
                "DELETE FROM session_experts WHERE slot = ? AND expert_id = ?",
                (register.scope.key(slot), expert_id),
            )
        changed += cursor.rowcount
    return changed


def set_delivered(register: Register, case_id: int, day: date | None) -> None:
    register.conn.execute(
        "UPDATE cases SET statement_delivered = ? WHERE id = ?",
        (day.isoformat() if day else None, case_id),
    )


def delivered(register: Register, case_id: int) -> date | None:
    row = register.conn.execute(
        "SELECT statement_delivered FROM cases WHERE id = ?", (case_id,)
    ).fetchone()
    return date.fromisoformat(row[0]) if row and row[0] else None


def delivery_dates(register: Register) -> dict[int, date]:
    """Case id -> the day its statement was delivered (cases with a recorded day only)."""
    rows = register.conn.execute(
        "SELECT id, statement_delivered FROM cases WHERE statement_delivered IS NOT NULL"
    )
    return {case_id: date.fromisoformat(day) for case_id, day in rows}


def count(register: Register) -> int:
    """How many experts the pool holds, removed ones included."""
    return int(register.conn.execute("SELECT COUNT(*) FROM experts").fetchone()[0])


# --- the backup (backup.BACKUP_VERSION 2) ----------------------------------------------------


def attended_slots(register: Register) -> dict[int, list[str]]:
    """Expert id -> the slots of the sessions they attended, in slot order."""
    found: dict[int, list[str]] = {}
    rows = register.conn.execute(
        "SELECT expert_id, slot FROM session_experts ORDER BY expert_id, slot"
    )
    for expert_id, slot in rows:
        found.setdefault(expert_id, []).append(slot)
    return found


def restore(
    register: Register, pool: Sequence[Expert], attended: Mapping[str, Sequence[str]]
) -> None:
    """Insert a backup's experts as given (removed flags and time stamps kept) and the
    sessions each attended (`attended`: expert name -> slots)."""
    stamp = now().isoformat()
    for expert in pool:
        values = EXPERT.values(
            expert,
            insert=True,
            created_at=expert.created_at.isoformat() if expert.created_at else stamp,
            updated_at=expert.updated_at.isoformat() if expert.updated_at else stamp,
        )
        cursor = register.conn.execute(EXPERT.insert, values)
        expert_id = int(cursor.lastrowid or 0)
        register.conn.executemany(
            "INSERT INTO session_experts (slot, expert_id) VALUES (?, ?)",
            [(slot, expert_id) for slot in attended.get(expert.name, ())],
        )
