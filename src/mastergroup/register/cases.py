"""The cases table and its questions: rows <-> `Case`, by the field table `fields.CASE`.

Methods of `store.Register` (a mixin over one connection inside a transaction). A case's
place in a session's waiting list is its `waitlist` number; the 1-based position shown is
computed by the SELECT, so the numbers may keep gaps when a case leaves the queue.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Generator, Iterable, Sequence
from datetime import date, datetime
from itertools import islice
from typing import TYPE_CHECKING

from mastergroup.core.model import Case, CaseStatus
from mastergroup.core.results import ListingShape
from mastergroup.register.connection import now
from mastergroup.register.fields import CASE
from mastergroup.register.fieldtable import rows

if TYPE_CHECKING:
    from mastergroup.register.fieldtable import Conn
from mastergroup.register.scope import ONLY, Scope

_ORDER = "c.session_date, c.slot, c.waitlist IS NOT NULL, c.waitlist, c.id"
BATCH = 500  # cases read at a time (their questions and delivery days: one query each)


def _placeholders(values: Sequence[object]) -> str:
    return ", ".join("?" * len(values))


# What a listing's lines need for their widths, in aggregates that sort nothing (a GROUP BY
# over every case would hold them all in SQLite's sorter): the longest free texts, the distinct
# states and matters and question counts (a few values each), the highest place shown in a
# waiting list (fields._RANK of each waiting case).
_SHAPE = """
SELECT COUNT(*), MAX(LENGTH(c.ref)), MAX(LENGTH(c.worker_name)), MAX(LENGTH(c.municipality)),
       group_concat(DISTINCT CASE WHEN c.waitlist IS NULL THEN c.status END),
       group_concat(DISTINCT c.matter),
       group_concat(DISTINCT (SELECT COUNT(*) FROM questions q WHERE q.case_id = c.id)),
       MAX(CASE WHEN c.waitlist IS NULL THEN 0 ELSE (SELECT COUNT(*) FROM cases w
           WHERE w.slot = c.slot AND w.group_id = c.group_id AND w.waitlist IS NOT NULL
           AND w.waitlist <= c.waitlist) END)
FROM cases c WHERE {condition}
"""
_SESSIONS = "SELECT DISTINCT c.slot, c.session_date FROM cases c WHERE {condition}"


class CaseRows:
    """Reading and writing cases (see `store.reading` and `store.writing`)."""

    conn: Conn
    scope: Scope = ONLY  # issue 15: the group this transaction works on
    every_group: bool = False  # a backup: every group's cases, each with its group

    def _in_group(self, alias: str = "c") -> tuple[str, list[str]]:
        """The condition that keeps a query to the scope's group (none for a single group)."""
        if self.every_group:
            return "TRUE", []
        return f"{alias}.group_id = ?", [self.scope.write]

    def _own(self, case: Case) -> Case:
        """A first group's row written before groups existed ("") shows the group's id."""
        if not case.group and self.scope.first:
            return case._replace(group=self.scope.first)
        return case

    def _stored(self, case: Case) -> Case:
        """The group as stored: the scope's ("" for the first group), or a backup's own."""
        group = case.group if self.every_group else self.scope.write
        return case._replace(group="" if group == self.scope.first else group)

    def _where(
        self,
        *,
        slot: str | None = None,
        ref: str | None = None,
        since: date | None = None,
        before: date | None = None,
        status: CaseStatus | None = None,
        waiting: bool | None = None,
        statuses: Collection[CaseStatus] | None = None,
        folded_ref: str | None = None,
        in_date_order: bool = False,
    ) -> tuple[str, list[object]]:
        """The WHERE of a listing, in the scope's group: constant clauses joined, every value
        a bound parameter (`each_case` and `listing_shape` list the same cases).

        `in_date_order`: a wide listing, read in its ORDER BY's order through the index
        cases_session_date. Its group's term would otherwise have SQLite choose the index
        cases_group_slot (an equality looks selective to a planner without statistics, yet
        in a single-group register every case has the one group) and then sort every case of
        the group in a temporary B-tree, held in memory (temp_store = MEMORY): +22 MB at
        100,000 cases. SQLite's unary + keeps a term from choosing an index. PostgreSQL
        sorts on the server (its planner has statistics) and has no unary + for text."""
        group, in_group = self._in_group()
        if in_date_order and in_group and isinstance(self.conn, sqlite3.Connection):
            group = f"+{group}"
        where, params = [group], list[object](in_group)
        for clause, value in (
            ("c.slot = ?", slot),
            ("c.ref = ?", ref),
            ("casefold(c.ref) = ?", folded_ref),
            ("c.session_date >= ?", since.isoformat() if since else None),
            ("c.session_date < ?", before.isoformat() if before else None),
            ("c.status = ?", status.value if status else None),
        ):
            if value is not None:
                where.append(clause)
                params.append(value)
        if statuses is not None:
            where.append(f"c.status IN ({_placeholders(list(statuses)) or 'NULL'})")
            params.extend(s.value for s in statuses)
        if waiting is not None:
            where.append("c.waitlist IS NOT NULL" if waiting else "c.waitlist IS NULL")
        return " AND ".join(where), params

    # --- reading ---

    def holders(self, slots: Iterable[str]) -> dict[str, int]:
        """Slot -> cases holding a place (not withdrawn, not waiting): one grouped query."""
        wanted = sorted(set(slots))
        if not wanted:
            return {}
        group, params = self._in_group("cases")
        found = self.conn.execute(
            f"SELECT slot, COUNT(*) FROM cases WHERE slot IN ({_placeholders(wanted)}) "  # noqa: S608 - only '?' marks are formatted in
            f"AND status != 'withdrawn' AND waitlist IS NULL AND {group} GROUP BY slot",
            [*wanted, *params],
        )
        return dict(found)

    def cases(
        self,
        *,
        slot: str | None = None,
        ref: str | None = None,
        since: date | None = None,
        before: date | None = None,
        status: CaseStatus | None = None,
        waiting: bool | None = None,
        statuses: Collection[CaseStatus] | None = None,
        ref_any_case: str | None = None,
    ) -> list[Case]:
        """Cases matching every given filter, in session order (places first, then the queue).

        `ref` is exact (by its index); `ref_any_case` matches whatever the case (`ls-17` finds
        `LS-17`), Unicode-wide, by reading every row the other filters leave (give `slot`
        where one is known); `statuses`: any of them."""
        found = self.each_case(
            slot=slot, ref=ref, since=since, before=before, status=status, waiting=waiting,
            statuses=statuses, ref_any_case=ref_any_case,
        )  # fmt: skip
        return [case for case, _ in found]

    def listing_shape(
        self,
        *,
        slot: str | None = None,
        since: date | None = None,
        before: date | None = None,
        status: CaseStatus | None = None,
        waiting: bool | None = None,
    ) -> ListingShape:
        """What `each_case` with the same filters would list, for its column widths: one
        aggregate query and the distinct sessions, without reading the cases (issue 18)."""
        condition, params = self._where(
            slot=slot, since=since, before=before, status=status, waiting=waiting
        )
        found = self.conn.execute(_SHAPE.format(condition=condition), params).fetchone()
        count, ref, worker, place, states, matters, asked, rank = found
        sessions = self.conn.execute(_SESSIONS.format(condition=condition), params)

        def split(values: str | None) -> set[str]:  # identifiers and numbers: no commas
            return set(values.split(",")) if values else set()

        return ListingShape(
            cases=count,
            ref=ref or 0,
            worker=worker or 0,
            municipality=place or 0,
            sessions=sorted((slot_, date.fromisoformat(day)) for slot_, day in sessions),
            statuses=split(states),
            waiting=rank or 0,
            matters=split(matters),
            questions={int(n) for n in split(asked)},
        )

    def each_case(
        self,
        *,
        slot: str | None = None,
        ref: str | None = None,
        since: date | None = None,
        before: date | None = None,
        status: CaseStatus | None = None,
        waiting: bool | None = None,
        statuses: Collection[CaseStatus] | None = None,
        ref_any_case: str | None = None,
    ) -> Generator[tuple[Case, date | None], None, None]:
        """`cases` as they are read, `BATCH` at a time, each with the day its statement was
        delivered (or None): memory stays flat however large the register (issue 18)."""
        # Whatever the case, Unicode-wide: SQLite calls Python's casefold; PostgreSQL's lower()
        # is not casefold (ß, and on "C" text ASCII only), so there the rows are compared here.
        folded = ref_any_case.casefold() if ref_any_case is not None else None
        in_sql = folded if isinstance(self.conn, sqlite3.Connection) else None
        # One session's or one reference's cases are few: read at once (on PostgreSQL a
        # server-side cursor would cost two more round trips), found by their own index;
        # anything wider streams, in the order of the index cases_session_date.
        few = slot is not None or ref is not None or ref_any_case is not None
        condition, params = self._where(
            slot=slot, ref=ref, since=since, before=before, status=status, waiting=waiting,
            statuses=statuses, folded_ref=in_sql, in_date_order=not few,
        )  # fmt: skip
        # The condition joins constant clauses from above; every value is a bound parameter.
        found = rows(
            self.conn, f"{CASE.select} WHERE {condition} ORDER BY {_ORDER}", params, stream=not few
        )
        while batch := list(islice(found, BATCH)):
            if folded is not None and in_sql is None:
                batch = [row for row in batch if str(row["ref"]).casefold() == folded]
                if not batch:
                    continue
            ids = [row["id"] for row in batch]
            marks = _placeholders(ids)  # only '?' marks are formatted into the statements
            questions: dict[int, list[str]] = {}
            for case_id, text in self.conn.execute(
                f"SELECT case_id, text FROM questions WHERE case_id IN ({marks}) "  # noqa: S608
                "ORDER BY case_id, position",
                ids,
            ):
                questions.setdefault(case_id, []).append(text)
            delivered = dict(
                self.conn.execute(
                    f"SELECT id, statement_delivered FROM cases WHERE id IN ({marks}) "  # noqa: S608
                    "AND statement_delivered IS NOT NULL",
                    ids,
                )
            )
            for row in batch:
                case = self._own(CASE.from_row(row, questions=tuple(questions.get(row["id"], ()))))
                day = delivered.get(row["id"])
                yield case, date.fromisoformat(day) if day else None

    def get(self, case_id: int) -> Case:
        [row] = rows(self.conn, f"{CASE.select} WHERE c.id = ?", (case_id,))
        texts = self.conn.execute(
            "SELECT text FROM questions WHERE case_id = ? ORDER BY position", (case_id,)
        )
        case: Case = CASE.from_row(row, questions=tuple(t for (t,) in texts))
        return self._own(case)

    def count(self) -> int:
        group, params = self._in_group("cases")
        query = f"SELECT COUNT(*) FROM cases WHERE {group}"  # noqa: S608 - '?' marks only
        return int(self.conn.execute(query, params).fetchone()[0])

    def any_documents(self) -> bool:
        """Whether some case holds documents by kind (issue 13: the backup is version 3)."""
        found = self.conn.execute("SELECT EXISTS (SELECT 1 FROM cases WHERE documents != '[]')")
        return bool(found.fetchone()[0])

    # --- writing (inside `writing`) ---

    def _next_in_queue(self, slot: str) -> int:
        # Over every group: the numbers stay unique per slot (the index cases_waitlist),
        # and the place shown is counted within the group (fields._RANK).
        row = self.conn.execute(
            "SELECT COALESCE(MAX(waitlist), 0) + 1 FROM cases WHERE slot = ?", (slot,)
        ).fetchone()
        return int(row[0])

    def insert(self, case: Case, *, waiting: bool, at: datetime | None = None) -> Case:
        """Store a new case (places it at the end of the queue if `waiting`)."""
        queue = self._next_in_queue(case.slot) if waiting else None
        return self.get(self._insert_row(case, queue, at or now()))

    def _insert_row(self, case: Case, queue: int | None, stamp: datetime) -> int:
        """One row of `cases` and its questions; missing time stamps become `stamp`."""
        case = self._stored(case)
        values = CASE.values(
            case,
            insert=True,
            waitlist=queue,
            created_at=(case.created_at or stamp).isoformat(),
            updated_at=(case.updated_at or stamp).isoformat(),
        )
        cursor = self.conn.execute(CASE.insert, values)
        case_id = int(cursor.lastrowid or 0)
        self._write_questions(case_id, case.questions)
        return case_id

    def _write_questions(self, case_id: int, questions: Sequence[str]) -> None:
        self.conn.execute("DELETE FROM questions WHERE case_id = ?", (case_id,))
        self.conn.executemany(
            "INSERT INTO questions (case_id, position, text) VALUES (?, ?, ?)",
            [(case_id, n, text) for n, text in enumerate(questions, start=1)],
        )

    def update(self, case: Case, *, waiting: bool | None = None) -> Case:
        """Write every field of a stored case; `waiting` True/False joins or leaves the queue
        (a withdrawn case always leaves it; None keeps the case where it is)."""
        if case.id is None:
            raise ValueError("update() needs a stored case")
        old = self.get(case.id)
        key = self.conn.execute("SELECT waitlist FROM cases WHERE id = ?", (case.id,))
        queued: int | None = key.fetchone()[0]
        if waiting is False or case.status is CaseStatus.WITHDRAWN:
            queued = None
        elif waiting is True and (queued is None or old.slot != case.slot):
            queued = self._next_in_queue(case.slot)
        values = CASE.values(
            self._stored(case), insert=False, waitlist=queued, updated_at=now().isoformat()
        )
        self.conn.execute(CASE.update, (*values, case.id))
        if old.questions != case.questions:
            self._write_questions(case.id, case.questions)
        return self.get(case.id)

    def delete_before(self, day: date) -> int:
        """Remove every case whose session was before `day` (questions go with them)."""
        group, params = self._in_group("cases")
        cursor = self.conn.execute(
            f"DELETE FROM cases WHERE session_date < ? AND {group}",  # noqa: S608 - '?' marks only
            [day.isoformat(), *params],
        )
        return cursor.rowcount
