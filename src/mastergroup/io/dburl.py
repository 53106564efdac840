"""A PostgreSQL register's URL (issue 16): what it may hold, and how it is shown.

`postgresql://[user@]host[:port]/dbname[?sslmode=...]` or a socket folder as `?host=/run/...`:
libpq's own URL, handed to it as written. A password never goes in it (the configuration file
is read by whoever reads the county's setup): libpq reads it from `PGPASSFILE` (~/.pgpass), a
service file (`?service=...`) or `PGPASSWORD`.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

SCHEMES = ("postgresql", "postgres")


def is_database_url(text: str) -> bool:
    try:
        return urlsplit(text).scheme in SCHEMES
    except ValueError:
        return False


def password_in(url: str) -> bool:
    """Whether the URL carries a password (in its user part or as `password=`)."""
    try:
        parts = urlsplit(url)
        secret = ("password", "sslpassword")
        return parts.password is not None or any(k in secret for k, _ in parse_qsl(parts.query))
    except ValueError:
        return True  # unreadable: treat as unsafe to show


def check_database_url(url: str) -> bool:
    """A URL the register may be given: postgresql://, no password, no control characters."""
    return (
        is_database_url(url)
        and not password_in(url)
        and all(ch.isprintable() and not ch.isspace() for ch in url)
    )


def shown_url(url: str) -> str:
    """The URL as messages and `db status` show it: scheme, user, host, port and database;
    never a password, never the query's other parameters."""
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        if parts.port:
            host = f"{host}:{parts.port}"
        user = f"{parts.username}@" if parts.username else ""
        for key, value in parse_qsl(parts.query):  # host=/run/postgresql: a socket folder
            if key == "host" and not host:
                host = value
            elif key == "user" and not user:
                user = f"{value}@"
        return f"{parts.scheme}://{user}{host}{parts.path}"
    except ValueError:
        return "postgresql://…"
