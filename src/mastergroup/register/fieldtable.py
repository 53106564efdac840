"""What a field table is, and what it generates: SQL, the row mapping, JSON records, readers.

A `Field` says where a value lives (its column and SQL declaration, or another table), how it
is stored and written as JSON (its `Kind`), how a backup's JSON is read back and checked
(`read`), whether the audit log records it by name and whether `case edit` may change it. A
`Table` generates from its fields the SELECT list, the INSERT and UPDATE statements, the row
mapping (by column name, never by position), the JSON records of `--format json` and the
backup (in the table's order, which is the contract's key order), the backup reader and the
audit names. The tables themselves are in register/fields.py.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import date, datetime
from operator import attrgetter
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from mastergroup.register.postgres import Connection as PgConnection
    from mastergroup.register.reader import Reader

    # A connection to either backend: sqlite3's, or register/postgres.py's that speaks like it.
    Conn = sqlite3.Connection | PgConnection

# A backup's JSON -> the checked value: (the record's reader, the JSON key, the values read so
# far by key, for the checks that span fields).
ReadFn = Callable[["Reader", str, Mapping[str, Any]], Any]

ALWAYS, ON_INSERT, NEVER = "always", "insert", "never"  # when INSERT/UPDATE write a column


class Kind(NamedTuple):
    """How a value is stored in its column and written as JSON."""

    to_sql: Callable[[Any], object]
    from_sql: Callable[[Any], Any]
    to_json: Callable[[Any], object]


def _same(value: Any) -> Any:
    return value


def _iso(value: date | None) -> str | None:  # a date or a datetime
    return value.isoformat() if value else None


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _stamp(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


def _loads(text: str) -> tuple[Any, ...]:
    return tuple(json.loads(text))


def _texts(values: Sequence[str]) -> str:
    return json.dumps(list(values), ensure_ascii=False)


def _names(values: Sequence[str]) -> str:  # the audit log's field names, ASCII-escaped as ever
    return json.dumps(list(values))


PLAIN = Kind(_same, _same, _same)  # a text or a whole number, the same in SQL and JSON
DAY = Kind(_iso, _day, _iso)  # YYYY-MM-DD, or null
STAMP = Kind(_iso, _stamp, _iso)  # ISO 8601 with its offset
TEXTS = Kind(_texts, _loads, list)  # a list of texts, as JSON in one column
NAMES = Kind(_names, _loads, list)
FLAG = Kind(int, bool, bool)  # 0/1 in SQL, false/true in JSON


def choice(kind: Callable[[str], Any]) -> Kind:
    """An enum (CaseStatus, Matter): its value in SQL and JSON."""
    return Kind(attrgetter("value"), kind, attrgetter("value"))


class Field(NamedTuple):
    key: str | None  # its name in JSON (`--format json`, the backup); None: not in JSON
    attr: str | None  # the model's attribute ("worker.email": a part's); None: kept elsewhere
    column: str | None = None  # its column; None: another table (questions) or derived
    sql: str = ""  # the column's declaration, as created (a migration adding it writes this)
    kind: Kind = PLAIN
    write: str = ALWAYS  # ALWAYS: INSERT and UPDATE; ON_INSERT only; NEVER (the row id)
    audit: bool = False  # a user's input, named by its key in the audit log
    editable: bool = False  # `case edit` may change it
    read: ReadFn | None = None  # reads it from a backup; None: a backup does not carry it
    select: str = ""  # the SELECT expression, when not the column itself
    derive: Callable[[Any], object] | None = None  # its JSON from the whole record


class Table:
    """One stored record's fields, in JSON key order, and what they generate."""

    def __init__(
        self,
        name: str,
        alias: str,
        model: Callable[..., Any],
        fields: Sequence[Field],
        *,
        parts: Mapping[str, Callable[..., Any]] | None = None,
        read_first: Sequence[str] = (),
    ) -> None:
        self.name, self.alias, self.model = name, alias, model
        self.fields = tuple(fields)
        self.parts = dict(parts or {})  # attribute -> the record it nests (case.worker)
        self._get = {f.attr: attrgetter(f.attr) for f in self.fields if f.attr}
        self.mapped = tuple(f for f in self.fields if f.column and f.attr)  # row <-> model
        self.columns = tuple(f.column for f in self.fields if f.column)
        self.audited = tuple(f.key for f in self.fields if f.audit and f.key)
        self.editable = tuple(f.key for f in self.fields if f.editable and f.key)
        first = [self.field(k) for k in read_first]  # faults are reported in this order
        self.read_order = tuple(first + [f for f in self.fields if f not in first])
        listed = [f"{f.select} AS {f.column}" if f.select else f"{alias}.{f.column}"
                  for f in self.mapped]  # fmt: skip
        # The statements join the table's own constant names; every value is a bound "?".
        self.select = f"SELECT {', '.join(listed)} FROM {name} {alias}"  # noqa: S608
        self._inserted = tuple(f for f in self.fields if f.column and f.write != NEVER)
        self._updated = tuple(f for f in self._inserted if f.write == ALWAYS)
        marks = ", ".join("?" * len(self._inserted))
        inserted = ", ".join(f.column or "" for f in self._inserted)
        self.insert = f"INSERT INTO {name} ({inserted}) VALUES ({marks})"  # noqa: S608
        updated = ", ".join(f"{f.column} = ?" for f in self._updated)
        self.update = f"UPDATE {name} SET {updated} WHERE id = ?"  # noqa: S608

    def field(self, key: str) -> Field:
        """The field of this JSON key (or, failing that, attribute or column)."""
        return next(f for f in self.fields if key in (f.key, f.attr, f.column))

    def get(self, obj: Any, field: Field) -> Any:
        return self._get[field.attr](obj) if field.attr else None

    def values(self, obj: Any, *, insert: bool, **given: object) -> tuple[object, ...]:
        """The parameters of `insert` (or of `update`, but its id) for `obj`; `given` (by
        column) replaces what the record would give (queue places, time stamps)."""
        return tuple(
            given[f.column] if f.column in given else f.kind.to_sql(self.get(obj, f))
            for f in (self._inserted if insert else self._updated)
        )

    def build(self, found: Mapping[str, Any]) -> Any:
        """The model from values by attribute ("worker.email" goes into the part)."""
        flat: dict[str, Any] = {}
        nested: dict[str, dict[str, Any]] = {}
        for attr, value in found.items():
            head, _, tail = attr.partition(".")
            if tail:
                nested.setdefault(head, {})[tail] = value
            else:
                flat[attr] = value
        for head, part in nested.items():
            flat[head] = self.parts[head](**part)
        return self.model(**flat)

    def from_row(self, row: Mapping[str, Any] | sqlite3.Row, **extra: Any) -> Any:
        """A row of `select` as the model, by column name; `extra` by attribute."""
        found = {f.attr or "": f.kind.from_sql(row[f.column or ""]) for f in self.mapped}
        return self.build(found | extra)

    def record(self, obj: Any) -> dict[str, Any]:
        """The JSON record: each field with a key that the model holds or derives, in order."""
        found: dict[str, Any] = {}
        for f in self.fields:
            if f.key is not None and f.derive is not None:
                found[f.key] = f.derive(obj)
            elif f.key is not None and f.attr is not None:
                found[f.key] = f.kind.to_json(self.get(obj, f))
        return found

    def given(self, obj: Any) -> dict[str, object]:
        """A record's user-given values by the names the audit log records."""
        return {key: self.get(obj, self.field(key)) for key in self.audited}

    def read(self, reader: Reader) -> dict[str, Any]:
        """Every field a backup carries, checked (in `read_order`), by key."""
        found: dict[str, Any] = {}
        for f in self.read_order:
            if f.read is not None and f.key is not None:
                found[f.key] = f.read(reader, f.key, found)
        return found

    def model_of(self, found: Mapping[str, Any], **extra: Any) -> Any:
        """The model from `read`'s values (those the model holds) and `extra` by attribute."""
        held = {f.attr: found[f.key] for f in self.fields if f.attr and f.key and f.key in found}
        return self.build(held | extra)


def rows(
    conn: Conn, sql: str, params: Sequence[object] = (), *, stream: bool = False
) -> Iterator[Any]:
    """The rows of one query, each readable by column name; `stream`: a long listing, read
    as it goes (SQLite always does; PostgreSQL then uses a server-side cursor)."""
    if not isinstance(conn, sqlite3.Connection):
        return iter(conn.rows(sql, params, stream=stream))
    cursor = conn.cursor()
    cursor.row_factory = sqlite3.Row
    return iter(cursor.execute(sql, params))
