"""Finnish days off, computed (pure): public holidays and the de-facto days off.

Sources: Act on Annual Holidays / Vuosilomalaki 162/2005 § 3 and the Church calendar as used in
Finnish law (Epiphany and Ascension Day back on their own dates since 1992); Midsummer Eve and
Christmas Eve are not public holidays but are days off under the Annual Holidays Act (§ 3(2)).
Verified against the `holidays` package for every year 1992-2100 in tests/test_holidays.py; we do
not import that package at run time because it costs ~130 ms of start-up.
"""

from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import easter

from mastergroup.core.model import DayOff

FIRST_YEAR = 1992  # Epiphany and Ascension Day moved back from Saturdays in 1992
LAST_YEAR = 2100

# The days off by key; their names in fi/sv/en are in the catalogs as `dayoff.<key>`
# (i18n/messages.py: day_off_name), since the core never reads files.
KEYS: tuple[str, ...] = (
    "new_years_day",
    "epiphany",
    "good_friday",
    "easter_sunday",
    "easter_monday",
    "may_day",
    "ascension_day",
    "whit_sunday",
    "midsummer_eve",
    "midsummer_day",
    "all_saints_day",
    "independence_day",
    "christmas_eve",
    "christmas_day",
    "st_stephens_day",
)

DE_FACTO = frozenset({"midsummer_eve", "christmas_eve"})


def midsummer_eve(year: int) -> date:
    """The Friday between 19 and 25 June."""
    june19 = date(year, 6, 19)
    return june19 + timedelta(days=(4 - june19.weekday()) % 7)


def _saturday_between(start: date) -> date:
    return start + timedelta(days=(5 - start.weekday()) % 7)


def _day(key: str, day: date) -> DayOff:
    official = key not in DE_FACTO
    return DayOff(day=day, key=key, name_fi="", name_sv="", name_en="", official=official)


def finnish_days_off(year: int, *, de_facto: bool = True) -> dict[date, DayOff]:
    """Public holidays of `year`, plus Midsummer Eve and Christmas Eve when `de_facto`."""
    e = easter(year)
    days = [
        _day("new_years_day", date(year, 1, 1)),
        _day("epiphany", date(year, 1, 6)),
        _day("good_friday", e - timedelta(days=2)),
        _day("easter_sunday", e),
        _day("easter_monday", e + timedelta(days=1)),
        _day("may_day", date(year, 5, 1)),
        _day("ascension_day", e + timedelta(days=39)),
        _day("whit_sunday", e + timedelta(days=49)),
        _day("midsummer_eve", midsummer_eve(year)),
        _day("midsummer_day", _saturday_between(date(year, 6, 20))),
        _day("all_saints_day", _saturday_between(date(year, 10, 31))),
        _day("independence_day", date(year, 12, 6)),
        _day("christmas_eve", date(year, 12, 24)),
        _day("christmas_day", date(year, 12, 25)),
        _day("st_stephens_day", date(year, 12, 26)),
    ]
    return {d.day: d for d in days if de_facto or d.official}
