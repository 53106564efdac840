"""`mastergroup db status|migrate` (issue 16): the register itself, on either backend."""

from __future__ import annotations

from mastergroup.core.results import Migrated, RegisterStatus
from mastergroup.register import store
from mastergroup.services import App


def status(app: App) -> RegisterStatus:
    """Where the register is, its schema version and rows per table; creates nothing."""
    return store.status(app.where)


def migrate(app: App) -> Migrated:
    """Create the register or bring its schema up to this mastergroup's (on PostgreSQL, as
    the owner role: coordinators' roles may not change the schema)."""
    return store.migrate(app.where)
