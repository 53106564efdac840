"""`mastergroup db status` as text and JSON (issue 16): counts only, never a case."""

from __future__ import annotations

import json

from mastergroup.core.results import RegisterStatus
from mastergroup.i18n.messages import render


def status_json(found: RegisterStatus) -> str:
    """backend, register, exists, schema_version, tool_schema_version, actor, counts, schema:
    the `db status --format json` contract (fields only ever added)."""
    return json.dumps(found._asdict(), ensure_ascii=False, indent=2)


def status_text(found: RegisterStatus, lang: str) -> str:
    lines = [
        render(f"db.backend_{found.backend}", lang, register=found.register)
        + (render("db.in_schema", lang, schema=found.schema) if found.schema else ""),
        render("db.schema", lang, version=found.schema_version, tool=found.tool_schema_version)
        if found.exists
        else render("db.not_created", lang),
    ]
    if found.exists and found.schema_version < found.tool_schema_version:
        lines.append(render("db.behind", lang))
    lines.append(render("db.actor", lang, actor=found.actor))
    if found.exists:
        counts = ", ".join(
            render(f"db.count_{table}", lang, count=count) for table, count in found.counts.items()
        )
        lines.append(counts)
    return "\n".join(lines)
