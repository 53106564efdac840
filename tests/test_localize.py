"""Our date and time formatting equals Babel's (CLDR) for every day of several years."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from babel.dates import format_date, format_time, get_day_names, get_month_names

from mastergroup.localize import (
    LOCALES,
    PATTERNS,
    clock,
    long_date,
    month_name,
    short_date,
    weekday_names,
)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_dates_equal_babel(lang):
    loc = LOCALES[lang]
    day = date(2023, 1, 1)
    while day < date(2025, 1, 1):
        assert short_date(day, lang) == format_date(day, PATTERNS["short"][lang], locale=loc)
        assert long_date(day, lang) == format_date(day, PATTERNS["long"][lang], locale=loc)
        day += timedelta(days=1)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_times_equal_babel(lang):
    for minutes in range(0, 24 * 60, 5):
        moment = datetime.combine(date(2024, 3, 22), time(minutes // 60, minutes % 60))
        assert clock(moment, lang) == format_time(moment, PATTERNS["time"][lang],
                                                  locale=LOCALES[lang])  # fmt: skip


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_names_equal_babel(lang):
    loc = LOCALES[lang]
    months = get_month_names("wide", "stand-alone", locale=loc)
    assert [month_name(m, lang) for m in range(1, 13)] == [
        str(months[m]).capitalize() for m in range(1, 13)
    ]
    days = get_day_names("short", locale=loc)
    assert weekday_names(lang) == [str(days[i]).capitalize() for i in range(7)]


def test_published_forms():
    assert short_date(date(2023, 1, 27), "fi") == "pe 27.1."
    assert short_date(date(2023, 1, 27), "sv") == "fre 27.1."
    assert short_date(date(2023, 1, 27), "en") == "Fri 27 Jan"
