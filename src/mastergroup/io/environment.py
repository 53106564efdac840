"""Where things are: the configuration file, the data home and "today" (environment-aware)."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path

from mastergroup.core.errors import UsageError

HELSINKI = "Europe/Helsinki"  # the zone of "today" (zoneinfo is imported when needed)
SHIPPED_CONFIG = "keski-suomi.toml"
REGISTER_NAME = "mastergroup.db"  # the SQLite register under the data home (store.py)


def shipped_config_dir() -> Path:
    """The `config/` folder shipped with the tool (in the wheel, or the source tree)."""
    packaged = Path(__file__).parents[1] / "_config"  # mastergroup/_config in the wheel
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[3] / "config"  # the source tree


def user_config_path() -> Path:
    from platformdirs import user_config_path as ucp

    return ucp("mastergroup") / "config.toml"


def config_path(explicit: Path | None) -> Path:
    """--config / MASTERGROUP_CONFIG, else the user's file if it exists, else the shipped one."""
    env = _guarded("MASTERGROUP_CONFIG")  # also what Click passed on as --config's value
    if explicit is not None:
        return explicit
    if env:
        return Path(env)
    user = user_config_path()
    try:
        found = user.is_file()
    except OSError:  # a config folder the user cannot enter: loading it says so (exit 3)
        return user
    return user if found else shipped_config_dir() / SHIPPED_CONFIG


def data_home() -> Path:
    """MASTERGROUP_HOME, else the platform's user data folder."""
    env = _guarded("MASTERGROUP_HOME")
    if env:
        return Path(env)
    from platformdirs import user_data_path

    return user_data_path("mastergroup")


def database_url() -> str | None:
    """MASTERGROUP_DATABASE: a postgresql:// URL of a shared register (issue 16), or None."""
    return _guarded("MASTERGROUP_DATABASE") or None


def _guarded(name: str) -> str | None:
    """An environment variable that becomes a path (and is printed, e.g. by `config check`):
    PrivacyError if it holds a personal identity code, the same guard as every argument."""
    value = os.environ.get(name)
    if value:
        from mastergroup.core.privacy import contains_identity_code

        if contains_identity_code(value):
            from mastergroup.core.errors import PrivacyError

            raise PrivacyError("privacy.env_identity_code", name=name)
    return value


def today() -> date:
    """MASTERGROUP_TODAY=YYYY-MM-DD pins today (previews, tests); else today in Helsinki."""
    pinned = os.environ.get("MASTERGROUP_TODAY")
    if pinned:
        try:
            day = date.fromisoformat(pinned)
        except ValueError:
            raise UsageError("input.bad_today", value=pinned) from None
        from mastergroup.core.holidays import FIRST_YEAR, LAST_YEAR

        # The rules look a year either side of today: 0001-01-01 or 9999-12-31 would leave
        # the calendar (and no day off is known outside these years anyway).
        if not FIRST_YEAR <= day.year <= LAST_YEAR:
            raise UsageError(
                "input.today_out_of_range", value=pinned, first=FIRST_YEAR, last=LAST_YEAR
            )
        return day
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(HELSINKI)).date()


def env_language(*, strict: bool = False) -> str | None:
    """MASTERGROUP_LANG if it is fi, sv or en; else None, or (strict) a UsageError when it is set
    to anything else. Error paths use the lenient form: they must not fail themselves."""
    lang = os.environ.get("MASTERGROUP_LANG") or None
    if lang in (None, "fi", "sv", "en"):
        return lang
    if strict:
        raise UsageError("input.bad_env_lang", value=lang)
    return None


def register_exists(home: Path) -> bool:
    """Whether the register has been created (cheap: no sqlite3, no store import).

    A home the user cannot enter (or one below a file) is a StorageError, not "no register":
    a command must neither crash on it nor report an empty register."""
    try:
        return (home / REGISTER_NAME).is_file()
    except OSError as e:
        from mastergroup.core.errors import StorageError
        from mastergroup.i18n.messages import os_reason

        raise StorageError("io.home_unreachable", folder=str(home), detail=os_reason(e)) from None
