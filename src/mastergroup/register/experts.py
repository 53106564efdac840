"""The experts' tables of the register: the pool, session attendance, statement delivery dates.

Functions take a `store.Register` inside one of `store.reading`/`store.writing`'s transactions
(schema: the issue 6 step of `store.MIGRATIONS`). An expert who attended a session is never
deleted, only marked removed, so the attendance of past sessions stays as it was.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from typing import Any

from mastergroup.core.panel import Expert
from mastergroup.register.store import Register, now

_COLUMNS = "id, name, title, organisation, email, areas, removed, created_at, updated_at"


def _expert(row: Sequence[Any]) -> Expert:
    return Expert(
        id=row[0],
        name=row[1],
        title=row[2],
        organisation=row[3],
        email=row[4],
        areas=tuple(json.loads(row[5])),
        removed=bool(row[6]),
        created_at=datetime.fromisoformat(row[7]),
        updated_at=datetime.fromisoformat(row[8]),
    )


def experts(register: Register, *, removed: bool = False) -> list[Expert]:
    """The pool by name (with `removed`, also those removed)."""
    where = "" if removed else " WHERE removed = 0"
    rows = register.conn.execute(f"SELECT {_COLUMNS} FROM experts{where} ORDER BY name")  # noqa: S608 - constant text
    return [_expert(r) for r in rows]


def find(register: Register, name: str) -> Expert | None:
    """The expert of this name (exact, else ignoring case: Öhman = öhman), removed ones included.

    Case is folded in Python: SQLite's lower() folds only ASCII letters, and the backup import
    refuses names equal after casefold(), so the pool must never hold two such names.
    """
    conn = register.conn
    row = conn.execute(f"SELECT {_COLUMNS} FROM experts WHERE name = ?", (name,)).fetchone()  # noqa: S608
    if row is None:
        folded = name.casefold()
        rows = [r for r in conn.execute(f"SELECT {_COLUMNS} FROM experts")  # noqa: S608
                if str(r[1]).casefold() == folded]  # fmt: skip
        row = rows[0] if len(rows) == 1 else None
    return _expert(row) if row else None


def _row(expert: Expert) -> tuple[str, str, str, str, str, int]:
    """name, title, organisation, email, areas (JSON), removed: the columns an expert writes."""
    areas = json.dumps(list(expert.areas), ensure_ascii=False)
    return (
        expert.name,
        expert.title,
        expert.organisation,
        expert.email,
        areas,
        int(expert.removed),
    )


def save(register: Register, expert: Expert) -> Expert:
    """Insert a new expert (id None) or write every field of a stored one."""
    stamp = now().isoformat()
    values = _row(expert)
    if expert.id is None:
        cursor = register.conn.execute(
            "INSERT INTO experts (name, title, organisation, email, areas, removed, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (*values, stamp, stamp),
        )
        expert_id = int(cursor.lastrowid or 0)
    else:
        register.conn.execute(
            "UPDATE experts SET name = ?, title = ?, organisation = ?, email = ?, areas = ?, "
            "removed = ?, updated_at = ? WHERE id = ?",
            (*values, stamp, expert.id),
        )
        expert_id = expert.id
    row = register.conn.execute(
        f"SELECT {_COLUMNS} FROM experts WHERE id = ?",  # noqa: S608
        (expert_id,),
    ).fetchone()
    return _expert(row)


def attended_any(register: Register, expert_id: int) -> bool:
    row = register.conn.execute(
        "SELECT 1 FROM session_experts WHERE expert_id = ? LIMIT 1", (expert_id,)
    ).fetchone()
    return row is not None


def delete(register: Register, expert_id: int) -> None:
    register.conn.execute("DELETE FROM experts WHERE id = ?", (expert_id,))


def attendees(register: Register, slot: str) -> list[Expert]:
    """Who attends the session `slot`, by name (removed experts included: history)."""
    rows = register.conn.execute(
        f"SELECT {', '.join('e.' + c.strip() for c in _COLUMNS.split(','))} FROM experts e "  # noqa: S608
        "JOIN session_experts s ON s.expert_id = e.id WHERE s.slot = ? ORDER BY e.name",
        (slot,),
    )
    return [_expert(r) for r in rows]


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
                (slot, expert_id),
            )
        else:
            cursor = register.conn.execute(
                "DELETE FROM session_experts WHERE slot = ? AND expert_id = ?", (slot, expert_id)
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


# --- the backup (store.BACKUP_VERSION 2) ----------------------------------------------------


def attended_slots(register: Register) -> dict[int, list[str]]:
    """Expert id -> the slots of the sessions they attended, in slot order."""
    found: dict[int, list[str]] = {}
    rows = register.conn.execute(
        "SELECT expert_id, slot FROM session_experts ORDER BY expert_id, slot"
    )
    for expert_id, slot in rows:
        found.setdefault(expert_id, []).append(slot)
    return found


def expert_record(expert: Expert, attended: Sequence[str]) -> dict[str, Any]:
    """One expert as the backup's JSON record (README: "Backup format").

    Fields are only ever added, never renamed or removed:
      name, title, organisation, email   texts ("" when not given); names are unique
      areas               list of area keys (or a county's own area names)
      removed             true when removed from the pool but kept for past sessions
      created_at, updated_at   ISO 8601 with offset (UTC)
      attended            list of the slots of the sessions the expert attended
    """
    return {
        "name": expert.name,
        "title": expert.title,
        "organisation": expert.organisation,
        "email": expert.email,
        "areas": list(expert.areas),
        "removed": expert.removed,
        "created_at": expert.created_at.isoformat() if expert.created_at else None,
        "updated_at": expert.updated_at.isoformat() if expert.updated_at else None,
        "attended": list(attended),
    }


def restore(
    register: Register, pool: Sequence[Expert], attended: Mapping[str, Sequence[str]]
) -> None:
    """Insert a backup's experts as given (removed flags and time stamps kept) and the
    sessions each attended (`attended`: expert name -> slots)."""
    stamp = now().isoformat()
    for expert in pool:
        cursor = register.conn.execute(
            "INSERT INTO experts (name, title, organisation, email, areas, removed, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                *_row(expert),
                expert.created_at.isoformat() if expert.created_at else stamp,
                expert.updated_at.isoformat() if expert.updated_at else stamp,
            ),
        )
        expert_id = int(cursor.lastrowid or 0)
        register.conn.executemany(
            "INSERT INTO session_experts (slot, expert_id) VALUES (?, ?)",
            [(slot, expert_id) for slot in attended.get(expert.name, ())],
        )
