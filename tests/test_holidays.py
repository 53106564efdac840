"""Our Finnish days off agree with the `holidays` package for every year 1992-2100."""

from __future__ import annotations

from datetime import date

import holidays as reference
import pytest

from mastergroup.core.holidays import (
    FIRST_YEAR,
    KEYS,
    LAST_YEAR,
    finnish_days_off,
    midsummer_eve,
)
from mastergroup.i18n.messages import LANGUAGES, day_off_name, render


def test_every_year_matches_the_holidays_package():
    years = range(FIRST_YEAR, LAST_YEAR + 1)
    theirs = reference.country_holidays("FI", years=years)
    ours: dict[date, str] = {}
    for year in years:
        ours.update({d: o.key for d, o in finnish_days_off(year).items()})
    assert sorted(ours) == sorted(theirs)


@pytest.mark.parametrize(
    ("year", "good_friday"),
    [(2024, date(2024, 3, 29)), (2027, date(2027, 3, 26)), (2029, date(2029, 3, 30)),
     (2032, date(2032, 3, 26))],
)  # fmt: skip
def test_good_friday_is_the_last_friday_of_march(year, good_friday):
    days = finnish_days_off(year)
    assert days[good_friday].key == "good_friday"
    assert day_off_name(days[good_friday], "fi") == "pitkäperjantai"
    assert day_off_name(days[good_friday], "sv") == "långfredagen"


def test_every_day_off_the_core_knows_has_a_name_in_every_language():
    """The core holds keys only; the catalogs name them (issue 12)."""
    for key in KEYS:
        for lang in LANGUAGES:
            assert render(f"dayoff.{key}", lang) != f"dayoff.{key}", (key, lang)
    assert {off.key for off in finnish_days_off(2024).values()} == set(KEYS)


def test_midsummer_eve_2026_is_19_june():
    assert midsummer_eve(2026) == date(2026, 6, 19)
    assert midsummer_eve(2023) == date(2023, 6, 23)


def test_de_facto_days_off_can_be_left_out():
    official = finnish_days_off(2026, de_facto=False)
    assert date(2026, 6, 19) not in official
    assert date(2026, 12, 24) not in official
    assert date(2026, 12, 25) in official


def test_an_override_on_a_day_off_names_it_in_the_language_of_the_message():
    from mastergroup.core.model import DayOff

    off = next(o for o in finnish_days_off(2024).values() if o.key == "good_friday")
    county = DayOff(date(2024, 4, 30), "extra", "vappuaatto", "valborgsmässoafton", "May Day Eve",
                    official=False)  # fmt: skip
    params = {"key": "overrides", "date": off.day}
    assert "långfredagen" in render("config.override_day_off", "sv", day_off=off, **params)
    assert "pitkäperjantai" in render("config.override_day_off", "fi", day_off=off, **params)
    assert "May Day Eve" in render("config.override_day_off", "en", day_off=county, **params)
