"""The configuration written out from the key table: the effective TOML (`config show`) and
the Markdown reference (`config reference`, copied into the README and checked by a test)."""

from __future__ import annotations

from datetime import time
from typing import Any

from mastergroup.config.sections import Settings
from mastergroup.config.spec import SPEC, STRUCTURED


def effective(settings: Settings) -> dict[str, Any]:
    """The configuration with every default filled in, as a TOML-ready nested dict."""
    out: dict[str, Any] = {}
    for path, value in settings.values.items():
        section, name = path.split(".", 1)
        out.setdefault(section, {})[name] = (
            value.strftime("%H:%M") if isinstance(value, time) else value
        )
    booking = out.get("booking", {})
    for calendar, working in (
        ("cutoff_days_before", "cutoff_working_days"),
        ("documents_days_before", "documents_working_days"),
    ):
        if booking.get(working):  # one form per deadline: the file read back must load
            booking.pop(calendar, None)
    for section in ("schedule", "days_off"):
        extra = settings.raw.get(section, {})
        for name in ("rule", "months", "extra", "dates"):
            if name in extra:
                out[section][name] = extra[name]
    if "overrides" in settings.raw:
        out["overrides"] = settings.raw["overrides"]
    return out


def reference() -> str:
    """The configuration reference as a Markdown table (generated from SPEC)."""
    lines = ["| key | default | meaning |", "| --- | --- | --- |"]
    for k in SPEC:
        default = k.default.strftime("%H:%M") if isinstance(k.default, time) else k.default
        shown = str(default).lower() if isinstance(default, bool) else default
        if isinstance(shown, (tuple, list)):
            shown = "[" + ", ".join(f'"{item}"' for item in shown) + "]"
        elif isinstance(shown, str):
            shown = f'"{shown}"'
        lines.append(f"| `{k.path}` | `{shown}` | {k.doc} |")
    for path, doc in STRUCTURED.items():
        lines.append(f"| `{path}` | (table) | {doc.replace('|', 'or')} |")
    return "\n".join(lines) + "\n"
