"""Use cases: wire configuration, the register and the core; return results, never print."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from mastergroup.core.errors import UsageError
from mastergroup.io import environment

# The core and the configuration are imported where they are used, so that `--help` and the
# CLI's start-up do not pay for them (tests/test_startup.py).
if TYPE_CHECKING:
    from mastergroup.config.settings import Settings
    from mastergroup.core.model import Session
    from mastergroup.core.results import YearView
    from mastergroup.register.scope import Scope
    from mastergroup.register.where import Where


@dataclass
class App:
    """What every command needs: the configuration, where data lives, today and the language.

    Built once per command (or once by a program that uses the services as a library, the way
    `sqlite_utils.Database(path)` is): each value is resolved on first use and then kept, so
    the environment is read once, not on every access. Give a value to pin it instead of
    reading the environment:

        App(config_file=Path("county.toml"), data_home=Path("/srv/master"),
            pinned_today=date(2023, 3, 1), lang_option="sv")

    Settings are read on first use, so `--help` and `--version` never touch the file.
    """

    config_file: Path | None = None  # None: MASTERGROUP_CONFIG, the user's file, the shipped one
    lang_option: str | None = None  # None: MASTERGROUP_LANG, else the configuration's language
    data_home: Path | None = None  # None: MASTERGROUP_HOME, else the platform's data folder
    pinned_today: date | None = None  # None: MASTERGROUP_TODAY, else today in Helsinki
    # issue 15: the group (`--group`) whose settings `settings` gives; None: the default
    group_option: str | None = None
    _settings: Settings | None = field(default=None, repr=False)
    # Why the configuration could not be loaded, if it could not: raised again on every later
    # use, so that an error handler choosing its language never reads a broken file twice.
    _failure: Exception | None = field(default=None, repr=False)

    @cached_property
    def config_path(self) -> Path:
        return environment.config_path(self.config_file)

    @property
    def settings(self) -> Settings:
        """The settings of the chosen group (`group_option`, else the configured default or
        the only group); with several groups and no choice, a usage error naming them."""
        root = self.root_settings
        if not root.groups and self.group_option is None:
            return root  # one group: the top level, exactly as before groups existed
        ids = ", ".join(g.group.id for g in root.all_groups())
        if self.group_option is not None:
            chosen = root.group_by_id(self.group_option)
            if chosen is None:
                raise UsageError("input.unknown_group", value=self.group_option, groups=ids)
            return chosen
        default = root.default_group()
        if default is None:
            raise UsageError("input.which_group", groups=ids)
        return default

    @property
    def pool_settings(self) -> Settings:
        """`settings`, or the top level where several groups leave the choice open: the
        experts' pool is shared by every group (issue 15), so `expert add` needs no --group."""
        root = self.root_settings
        if root.groups and self.group_option is None and root.default_group() is None:
            return root
        return self.settings

    def choose_group(self, option: str | None) -> App:
        """Choose the group of `--group` (None: keep the default); checked at once."""
        if option is not None:
            self.group_option = option
            self.settings  # noqa: B018 - an unknown id is refused before anything is done
        return self

    def route(self, matter: str) -> App:
        """`case add` without --group (issue 15): the group whose `matters` include the case's
        matter; a group without `matters` takes any. None or several: say which to choose."""
        root = self.root_settings
        if not root.groups:
            return self
        takes = [g for g in root.groups if not g.group.matters or matter in g.group.matters]
        named = [g for g in takes if g.group.matters]
        chosen = named if len(named) == 1 else takes
        ids = ", ".join(g.group.id for g in root.groups)
        if not chosen:
            raise UsageError("case.no_group_for_matter", matter=matter, groups=ids)
        if len(chosen) > 1:
            default = root.default_group()
            if default is not None and default in chosen:
                return self.choose_group(default.group.id)
            raise UsageError(
                "case.groups_for_matter",
                matter=matter,
                groups=", ".join(g.group.id for g in chosen),
            )
        return self.choose_group(chosen[0].group.id)

    def each_group(self, option: str | None = None) -> list[App]:
        """One App per group (`--group` given: only that one), sharing what is loaded."""
        from dataclasses import replace

        if option is not None:
            return [self.choose_group(option)]
        return [
            replace(self, group_option=g.group.id) if self.root_settings.groups else self
            for g in self.root_settings.all_groups()
        ]

    @property
    def root_settings(self) -> Settings:
        """The configuration file as a whole (its top level; its groups in `.groups`)."""
        if self._settings is None:
            if self._failure is not None:
                raise self._failure
            from mastergroup.config.settings import load

            try:
                self._settings = load(self.config_path)
            except Exception as e:
                self._failure = e
                raise
        return self._settings

    @cached_property
    def home(self) -> Path:
        """Where the register lives: one register for every group (issue 15)."""
        return self.data_home if self.data_home is not None else environment.data_home()

    @cached_property
    def where(self) -> Where:
        """The register: MASTERGROUP_DATABASE, else `register.url`, else the SQLite file in
        `home` (issue 16). A URL is checked before anything connects: postgresql://, and
        never a password in it (one line, exit 2)."""
        from mastergroup.io.dburl import check_database_url
        from mastergroup.register.where import Where

        url = environment.database_url()
        if url is not None and not check_database_url(url):
            raise UsageError("register.bad_env_url")
        if url is None:
            url = self.root_settings.register.url
        return Where(self.home, url or "")

    @property
    def scope(self) -> Scope:
        """The chosen group's part of the register (register/scope.py): its rows, its keys."""
        from mastergroup.register.scope import of

        root = self.root_settings
        return of(self.settings.group.id, root.all_groups()[0].group.id, several=bool(root.groups))

    @property
    def any_scope(self) -> Scope:
        """`scope`, or the first group's where several groups leave the choice open (a backup
        of every group needs none)."""
        root = self.root_settings
        if root.groups and self.group_option is None and root.default_group() is None:
            from mastergroup.register.scope import of

            first = root.all_groups()[0].group.id
            return of(first, first, several=True)
        return self.scope

    @cached_property
    def today(self) -> date:
        return self.pinned_today if self.pinned_today is not None else environment.today()

    def language(self, option: str | None = None) -> str:
        """--lang, else MASTERGROUP_LANG, else the configuration's group.language."""
        if option is not None:
            if option not in ("fi", "sv", "en"):
                raise UsageError("input.bad_lang", value=option)
            self.lang_option = option  # errors raised later speak this language too
        if self.lang_option is None:
            self.lang_option = environment.env_language(strict=True)
        if self.lang_option is not None:
            return self.lang_option
        return self.root_settings.language


class Range(NamedTuple):
    """The dates a listing covers."""

    first: date
    last: date


def check_year(year: int) -> int:
    from mastergroup.core.holidays import FIRST_YEAR, LAST_YEAR

    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise UsageError("input.bad_year", value=year, first=FIRST_YEAR, last=LAST_YEAR)
    return year


def select_range(
    today: date,
    *,
    year: int | None = None,
    first: date | None = None,
    last: date | None = None,
    next_n: int | None = None,
) -> Range | int:
    """--year, --from/--to or --next (a count, returned as int); default: the current year."""
    chosen = sum(x is not None for x in (year, next_n)) + (first is not None or last is not None)
    if chosen > 1:
        raise UsageError("input.one_range")
    if next_n is not None:
        return next_n
    if first is not None or last is not None:
        start = first or date(check_year((last or today).year), 1, 1)
        end = last or date(check_year(start.year), 12, 31)
        check_year(start.year)
        check_year(end.year)
        if start > end:
            raise UsageError("input.range_reversed", first=start, last=end)
        return Range(start, end)
    y = check_year(year if year is not None else today.year)
    return Range(date(y, 1, 1), date(y, 12, 31))


def list_sessions(app: App, selection: Range | int) -> list[Session]:
    """The sessions of a range, or the next N from today (cancelled ones included)."""
    from mastergroup.core.rules import sessions_between, upcoming

    schedule = app.settings.schedule
    if isinstance(selection, int):
        return list(islice(upcoming(schedule, app.today), max(selection, 0)))
    return sessions_between(schedule, selection.first, selection.last)


def year_view(app: App, year: int) -> YearView:
    from mastergroup.core.results import YearView
    from mastergroup.core.rules import days_off, sessions_between

    check_year(year)
    schedule = app.settings.schedule
    return YearView(
        year,
        sessions_between(schedule, date(year, 1, 1), date(year, 12, 31)),
        dict(days_off(schedule, year)),
    )


def coming_months(app: App, months: int = 12) -> list[Session]:
    """Sessions from today through the same day `months` months on (config check)."""
    from mastergroup.core.rules import sessions_between

    start = app.today
    return sessions_between(
        app.settings.schedule, start, start + timedelta(days=months * 366 // 12)
    )
