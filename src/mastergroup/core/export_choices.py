"""Choices of the calendar export, shared by the CLI and ics.py without importing either."""

from __future__ import annotations

import enum


class Cancelled(enum.StrEnum):
    """What to do with a cancelled session: keep it as STATUS:CANCELLED, or leave it out."""

    KEEP = "keep"
    OMIT = "omit"
