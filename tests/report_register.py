"""An invented register of several years for the annual report's tests (issue 17).

Everything here is made up (seeded random, so every run is the same): municipalities of
Central Finland, invented workers at `kunta.example`, invented questions, invented experts. The
register is written as a backup (`case import` restores `created_at`, statement delivery days
and attendance as the backup says, so booking days are real days, not the test's clock) and the
expected numbers are counted here from the same records, without mastergroup's report code.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

MUNICIPALITIES = ("Jyväskylä", "Laukaa", "Muurame", "Äänekoski", "Uurainen")
WEIGHTS = (8, 4, 3, 2, 0.3)  # Uurainen rarely: its cases are the small counts
MATTERS = ("care_order_preparation", "substitute_care", "ending_care_order", "community_care",
           "other")  # fmt: skip
AREAS = ("law", "child_psychiatry", "growth_development", "health_care", "substance_abuse")
QUESTIONS = ("Riittääkö avohuollon tuki perheelle?", "Onko vanhemmuus riittävää?",
             "Täyttyvätkö huostaanoton edellytykset?")  # fmt: skip
# withdrawal reasons as a coordinator types them, with the group report.withdrawn_reasons
# (REASON_GROUPS) puts each in; the last names a family: it must never reach a report
REASONS = (
    ("Asia ratkesi neuvottelussa", "asia ratkesi"),
    ("asia ratkesi.", "asia ratkesi"),
    ("ASIA  RATKESI", "asia ratkesi"),
    ("Perhe muutti toiselle paikkakunnalle", "perhe muutti"),
    ("Virtasen perhe muutti Ouluun", "perhe muutti"),
    ("Lapsi sijoitettiin kiireellisesti", "other"),
    ("Sosiaalityöntekijä vaihtui", "other"),
)
SECRETS = ("Virtasen", "Ouluun", "kiireellisesti", "Työntekijä", "kunta.example", "REF-")
REASON_GROUPS = ("asia ratkesi", "perhe muutti")
EXPERTS = (
    ("Keksitty Lakimies", "lakimies", ("law",)),
    ("Keksitty Psykologi", "psykologi", ("growth_development",)),
    ("Keksitty Lääkäri", "lastenpsykiatri", ("child_psychiatry", "health_care")),
    ("Keksitty Päihdetyöntekijä", "sosiaaliohjaaja", ("substance_abuse",)),
)
REQUIRED = ("growth_development", "health_care", "law")  # experts.required's default


@dataclass
class Generated:
    cases: list[dict[str, Any]] = field(default_factory=list)
    attended: dict[str, list[str]] = field(default_factory=dict)  # expert name -> slots

    def of_year(self, year: int, group: str | None = None) -> list[dict[str, Any]]:
        return [c for c in self.cases if c["session_date"].startswith(f"{year}-")
                and (group is None or c.get("group", "") == group)]  # fmt: skip

    def backup(self, path: Path, *, version: int = 2) -> Path:
        experts = [
            {"name": name, "title": title, "organisation": "Keksitty hyvinvointialue",
             "email": "", "areas": list(areas), "removed": False,
             "created_at": "2022-12-01T08:00:00+00:00", "updated_at": "2022-12-01T08:00:00+00:00",
             "attended": self.attended.get(name, [])}
            for name, title, areas in EXPERTS
        ] if version == 2 else []  # fmt: skip
        document = {
            "format": "mastergroup-backup",
            "version": version,
            "schema_version": 6,
            "exported_at": "2026-01-15T08:00:00+00:00",
            "cases": self.cases,
            "experts": experts,
            "sent": [],
            "audit": [],
        }
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        return path


def _stamp(day: date) -> str:
    return datetime.combine(day, time(8, 0), UTC).isoformat()


def generate(
    sessions: Sequence[dict[str, Any]],
    *,
    seed: int = 17,
    group: str = "",
    matters: Sequence[str] = MATTERS,
    per_session: tuple[int, int] = (4, 11),
    experts: bool = True,
    into: Generated | None = None,
) -> Generated:
    """Cases for `sessions` (records of `sessions --format json`, all in the past): between
    `per_session` cases each; those beyond the capacity wait; some withdrawn, most discussed,
    many with a statement delivered 3-30 days on; booked 15-60 days before the session."""
    rng = random.Random(f"{seed}-{group}")
    out = into or Generated()
    n = len(out.cases)
    for session in sessions:
        if session["status"] == "cancelled":
            continue
        day = date.fromisoformat(session["date"])
        holding = 0
        for _ in range(rng.randint(*per_session)):
            n += 1
            waiting = holding >= session["capacity"]
            roll = rng.random()
            status = "withdrawn" if roll < 0.2 else "discussed" if roll < 0.45 else (
                "statement_delivered")  # fmt: skip
            if waiting and status != "withdrawn":
                status = "booked"
            if not waiting and status != "withdrawn":
                holding += 1
            reason = rng.choice(REASONS)[0] if status == "withdrawn" else ""
            delivered = (day + timedelta(days=rng.randint(3, 30))).isoformat() if (
                status == "statement_delivered") else None  # fmt: skip
            booked = day - timedelta(days=rng.randint(15, 60))
            record: dict[str, Any] = {
                "ref": f"REF-{n:04d}", "session_date": session["date"], "slot": session["slot"],
                "status": status, "waitlisted": waiting and status != "withdrawn",
                "waitlist_position": None, "worker": "Keksitty Työntekijä",
                "worker_email": "tyontekija@kunta.example", "worker_phone": "",
                "municipality": rng.choices(MUNICIPALITIES, WEIGHTS)[0],
                "matter": rng.choice(matters),
                "expertise": sorted(rng.sample(AREAS, rng.randint(0, 2))),
                "questions": list(QUESTIONS[: rng.randint(1, 3)]),
                "documents_received": None, "late_reason": "", "withdrawn_reason": reason,
                "created_at": _stamp(booked), "updated_at": _stamp(booked),
                "statement_delivered": delivered,
            }  # fmt: skip
            if group:
                record["group"] = group
            out.cases.append(record)
        # the waiting list, numbered 1, 2, ... in the order booked
        rank = 0
        for record in out.cases:
            if record["slot"] == session["slot"] and record.get("group", "") == group and (
                    record["waitlisted"]):  # fmt: skip
                rank += 1
                record["waitlist_position"] = rank
        if experts:
            for name, _, _ in EXPERTS:
                if rng.random() < 0.75:
                    out.attended.setdefault(name, []).append(session["slot"])
    return out
