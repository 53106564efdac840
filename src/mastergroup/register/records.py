"""The register's records as JSON: `case list/show --format json`, `case audit` and backups.

Each is its field table's `record` (register/fields.py), in the table's order; fields are only
ever added, never renamed or removed (README: "Case JSON", "Backup format").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from mastergroup.core.model import AuditEntry, Case
from mastergroup.core.panel import Expert
from mastergroup.register.fields import AUDIT, CASE, EXPERT, SENT

if TYPE_CHECKING:
    from mastergroup.register.logs import SentRecord


def case_record(case: Case, delivered: Mapping[int, date] | None = None) -> dict[str, Any]:
    """One case as JSON: the `case list --format json` contract and the backup's case record.

    `delivered` is the register's statement delivery dates by case id
    (`store_experts.delivery_dates`); only a record made with them has `statement_delivered`
    (the backup's records do; `case list` does not read them yet).

    Fields are only ever added, never renamed or removed (README: "Case JSON"):
      ref                 the social worker's case number or pseudonym (unique per session)
      session_date        YYYY-MM-DD, the session's date as configured now
      slot                the session's stable identity ("2023-03", "extra-2023-05-10")
      status              booked, documents_received, discussed, statement_delivered, withdrawn
      waitlisted          true while the case waits for a place (its status stays booked)
      waitlist_position   1, 2, ... in the session's waiting list; null when not waiting
      worker, worker_email, worker_phone   the responsible social worker ("" if no phone)
      municipality        municipality or unit
      matter              care_order_preparation, substitute_care, ending_care_order,
                          community_care or other
      expertise           list of texts, e.g. ["law", "child psychiatry"]
      questions           list of 1-3 texts
      documents_received  YYYY-MM-DD the documents arrived, or null
      late_reason         why the coordinator booked after the cutoff ("" if on time)
      withdrawn_reason    why the case was withdrawn ("" if not)
      created_at, updated_at   ISO 8601 with offset (UTC)
      statement_delivered YYYY-MM-DD the statement was delivered, or null (see `delivered`)
      documents           only when some arrived (issue 13): [{"kind": "client_plan",
                          "received": "YYYY-MM-DD"}, ...], in the order recorded; a record
                          without it is as before, byte for byte
      group               only under a configuration with [[groups]] (issue 15): the
                          group's id; a record without it is the first group's
    """
    record = CASE.record(case)
    documents = record.pop("documents")
    group = record.pop("group")
    if delivered is not None:
        day = delivered.get(case.id) if case.id is not None else None
        record["statement_delivered"] = day.isoformat() if day else None
    if documents:
        record["documents"] = documents
    if group:
        record["group"] = group
    return record


def audit_record(entry: AuditEntry) -> dict[str, Any]:
    """at, command, ref, slot, fields (names, never values), count, detail; `group` under a
    configuration with [[groups]] (issue 15); `actor`, who acted: the database role on
    PostgreSQL, the operating system's user on SQLite (issue 16; absent on older lines)."""
    record = AUDIT.record(entry)
    if not record["group"]:
        del record["group"]
    if not record["actor"]:  # issue 16: a line from before who-did-it was recorded
        del record["actor"]
    return record


def sent_record(record: SentRecord) -> dict[str, Any]:
    """key, kind, slot, sent_at, recipients."""
    return SENT.record(record)


def expert_record(expert: Expert, attended: Sequence[str]) -> dict[str, Any]:
    """One expert as the backup's JSON record (README: "Backup format").

    Fields are only ever added, never renamed or removed:
      name, title, organisation, email   texts ("" when not given); names are unique
      areas               list of area keys (or a county's own area names)
      removed             true when removed from the pool but kept for past sessions
      created_at, updated_at   ISO 8601 with offset (UTC)
      attended            list of the slots of the sessions the expert attended
    """
    return EXPERT.record(expert) | {"attended": list(attended)}
