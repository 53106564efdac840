"""Where the register is: the SQLite file under the data home, or a PostgreSQL database.

`Where(home)` is the embedded default, one file `mastergroup.db` (register/connection.py).
`Where(home, url)` with a `postgresql://` URL (MASTERGROUP_DATABASE, else `register.url`) is a
database shared by a county's coordinators and cron hosts (register/postgres.py, issue 16);
the home then holds only what is not the register (the county's templates, statements).
"""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from mastergroup.io.dburl import shown_url


class Where(NamedTuple):
    home: Path
    url: str = ""  # "" : the SQLite file in `home`

    @property
    def postgres(self) -> bool:
        return bool(self.url)

    @property
    def shown(self) -> str:
        """What messages and `db status` call the register: the file, or the URL without a
        password (there should be none: `password_in` refuses it) and without the query."""
        if not self.url:
            return str(self.home / "mastergroup.db")
        return shown_url(self.url)


def of(home: Path | Where) -> Where:
    """A `Where` from a data home (a program or test that passes the home only)."""
    return home if isinstance(home, Where) else Where(home)
