"""Dates and times in each language: the generated CLDR words themselves, and (only with the
pinned generator installed) a drift check against Babel.

The generated `cldr_names.py` is the source of truth. A user's `pytest` never needs Babel; a
newer Babel changes nothing until the pin in pyproject's `generate` extra is raised.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from mastergroup.i18n.cldr_names import GENERATOR, NAMES
from mastergroup.i18n.dates import (
    clock,
    long_date,
    month_name,
    sentence_date,
    short_date,
    time_range,
    weekday_names,
)

FRI = date(2023, 3, 31)


def test_finnish_weekday_alone_is_nominative_and_in_a_sentence_essive():
    assert long_date(FRI, "fi") == "perjantai 31.3.2023"
    assert sentence_date(FRI, "fi") == "perjantaina 31.3.2023"
    week = [FRI + timedelta(days=d) for d in range(3, 10)]  # Monday 3.4. to Sunday 9.4.
    assert [long_date(d, "fi").split()[0] for d in week] == [
        "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai",
    ]
    assert [sentence_date(d, "fi").split()[0] for d in week] == [
        "maanantaina", "tiistaina", "keskiviikkona", "torstaina", "perjantaina", "lauantaina",
        "sunnuntaina",
    ]


def test_swedish_and_english_have_one_form():
    assert long_date(FRI, "sv") == sentence_date(FRI, "sv") == "fredag 31.3.2023"
    assert long_date(FRI, "en") == sentence_date(FRI, "en") == "Friday 31 March 2023"


def test_published_forms():
    assert short_date(date(2023, 1, 27), "fi") == "pe 27.1."
    assert short_date(date(2023, 1, 27), "sv") == "fre 27.1."
    assert short_date(date(2023, 1, 27), "en") == "Fri 27 Jan"
    assert short_date(date(2023, 9, 29), "en") == "Fri 29 Sept"  # CLDR en_GB
    start = datetime.combine(FRI, time(9, 0))
    end = datetime.combine(FRI, time(11, 30))
    assert time_range(start, end, "fi") == "klo 9.00–11.30"
    assert time_range(start, end, "sv") == "kl. 9.00–11.30"
    assert time_range(start, end, "en") == "9:00–11:30"
    assert clock(datetime.combine(FRI, time(13, 5)), "fi") == "13.05"


def test_month_and_grid_names():
    assert [month_name(m, "fi") for m in (1, 6, 12)] == ["Tammikuu", "Kesäkuu", "Joulukuu"]
    assert [month_name(m, "sv") for m in (1, 6, 12)] == ["Januari", "Juni", "December"]
    assert [month_name(m, "en") for m in (1, 6, 12)] == ["January", "June", "December"]
    assert weekday_names("fi") == ["Ma", "Ti", "Ke", "To", "Pe", "La", "Su"]
    assert weekday_names("sv")[0] == "Må"
    assert weekday_names("en")[0] == "Mo"


def test_every_language_has_every_name():
    for lang, names in NAMES.items():
        assert all(len(names[k]) == 7 for k in names if k.startswith("weekday")), lang
        assert all(len(names[k]) == 12 for k in names if k.startswith("month")), lang
        assert all(word and word == word.strip() for k in names for word in names[k]), lang


def test_the_generator_is_recorded():
    assert GENERATOR.startswith("babel ")


# --- drift check: runs only where the pinned generator is installed (.ci/run installs it) ---

def _pinned_babel():
    babel = pytest.importorskip("babel", reason="the generator (the 'generate' extra) is absent")
    if f"babel {babel.__version__}" != GENERATOR:
        pytest.skip(f"babel {babel.__version__} is not the pinned generator ({GENERATOR})")
    from babel import dates

    return dates


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_generated_names_equal_the_pinned_babel(lang):
    dates = _pinned_babel()
    loc = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}[lang]
    day = date(2023, 1, 1)
    while day < date(2025, 1, 1):
        assert short_date(day, lang) == dates.format_date(
            day, "EEE d.M." if lang != "en" else "EEE d MMM", locale=loc
        )
        assert sentence_date(day, lang) == dates.format_date(
            day, "EEEE d.M.yyyy" if lang != "en" else "EEEE d MMMM yyyy", locale=loc
        )
        day += timedelta(days=1)
