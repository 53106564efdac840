"""ics_text.py: RFC 5545 escaping, folding and values, read back by icalendar and by vobject."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject
from hypothesis import given
from hypothesis import strategies as st

from mastergroup.present import ics_text
from mastergroup.present.ics_text import fold, line, param_value, text, unfold

# Printable text (letters, marks, digits, punctuation, symbols, spaces) and the characters
# that TEXT escapes. CR is left out here: both parsers give a line break as "\n", so a CR
# cannot come back as written (test_cr_and_crlf_become_one_line_break covers it).
PRINTABLE = st.characters(categories=["L", "M", "N", "P", "S", "Zs"])
TEXTS = st.text(st.one_of(PRINTABLE, st.sampled_from('\n;,\\:"^\t')), max_size=300)


def physical(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n")
    return data[:-2].split(b"\r\n")


def assert_well_folded(data: bytes, original: str) -> None:
    """Every physical line <= 75 octets and whole UTF-8, no escape cut, unfolding restores."""
    lines = physical(data)
    for number, part in enumerate(lines):
        assert len(part) <= 75
        part.decode("utf-8")  # no character split across a fold
        if number:
            assert part.startswith(b" ")
        if number < len(lines) - 1:  # a segment never ends with an escape's lone backslash
            assert (len(part) - len(part.rstrip(b"\\"))) % 2 == 0, part
    assert unfold(data) == [original]


# --- TEXT and parameter values -------------------------------------------------------------


def test_text_escapes_backslash_semicolon_comma_and_line_breaks():
    assert text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert text("one\r\ntwo\rthree\nfour") == "one\\ntwo\\nthree\\nfour"
    # A literal backslash-N stays one (icalendar's writer turned it into a line break).
    assert text("C:\\New") == "C:\\\\New"
    assert text('colon: "quotes" ^ tab\t') == 'colon: "quotes" ^ tab\t'


def test_cr_and_crlf_become_one_line_break():
    data = event(summary="a\r\nb\rc\nd")
    assert str(icalendar.Calendar.from_ical(data).walk("VEVENT")[0]["SUMMARY"]) == "a\nb\nc\nd"
    assert vobject.readOne(data.decode()).vevent.summary.value == "a\nb\nc\nd"


def test_parameter_values_are_quoted_when_they_hold_separators():
    assert param_value("Europe/Helsinki") == "Europe/Helsinki"
    assert param_value("a:b") == '"a:b"'
    assert param_value("a;b,c") == '"a;b,c"'
    assert param_value("tab\there") == "tab\there"
    assert (
        line("X-A", "v", {"X-P": "Jyväskylä; sali"}) == 'X-A;X-P="Jyväskylä; sali":v\r\n'.encode()
    )


@pytest.mark.parametrize("bad", ['say "hi"', "two\nlines", "cr\r", "nul\x00", "del\x7f"])
def test_a_parameter_value_refuses_dquote_and_controls(bad):
    with pytest.raises(ValueError, match="parameter value"):
        param_value(bad)


def test_a_uri_is_written_as_it_is_but_not_with_a_line_break():
    assert ics_text.uri("https://example.org/a;b,c") == "https://example.org/a;b,c"
    with pytest.raises(ValueError):
        ics_text.uri("https://example.org/\r\nX-EVIL:1")


def test_a_content_line_refuses_an_unescaped_line_break():
    with pytest.raises(ValueError, match="line break"):
        line("SUMMARY", "a\nb")


# --- folding ---------------------------------------------------------------------------------


def test_a_short_line_is_not_folded():
    assert fold("SUMMARY:x") == b"SUMMARY:x\r\n"
    assert fold("X" * 74) == b"X" * 74 + b"\r\n"  # 74 octets: the first line's limit
    assert physical(fold("X" * 75)) == [b"X" * 74, b" X"]


@pytest.mark.parametrize("char", ["ä", "€", "😀"])
def test_a_multibyte_character_at_the_boundary_moves_whole(char):
    width = len(char.encode())
    fits = "X" * (74 - width) + char  # ends exactly at octet 74
    assert fold(fits) == fits.encode() + b"\r\n"
    over = "X" * (75 - width) + char + "Y"  # would end at octet 75: moves to the next line
    assert physical(fold(over)) == [b"X" * (75 - width), b" " + (char + "Y").encode()]


def test_an_escape_at_the_boundary_is_not_split():
    # `\,` would have its backslash as octet 74: the backslash moves with the comma.
    value = "X" * 73 + text(",") + "Y"
    assert physical(fold(value)) == [b"X" * 73, b" \\,Y"]
    # `\\` ending at octet 74 is a whole escape: it stays (icalendar 7 moves its second half,
    # which splits it; still valid RFC 5545, but not what issue #1501 meant).
    value = "X" * 72 + text("\\") + "Y"
    assert physical(fold(value)) == [b"X" * 72 + b"\\\\", b" Y"]
    # `\\` then `\n`: the run of three ends with an escape's backslash, which moves.
    value = "X" * 71 + text("\\\n")
    assert physical(fold(value)) == [b"X" * 71 + b"\\\\", b" \\n"]


@pytest.mark.parametrize("char", ["ä", "€", "😀", "a", "\\", ",", "ä,"])
@pytest.mark.parametrize("offset", range(4))
def test_long_lines_fold_within_75_octets(char, offset):
    original = "DESCRIPTION:" + "y" * offset + text(char * 200)
    assert_well_folded(fold(original), original)


@given(TEXTS)
def test_any_text_folds_within_75_octets_and_unfolds_back(value):
    original = "DESCRIPTION:" + text(value)
    assert_well_folded(fold(original), original)


@pytest.mark.skipif(
    int(icalendar.__version__.split(".")[0]) < 7,
    reason="icalendar 6 folds inside backslash escapes (its issue #1501)",
)
@given(st.text(st.one_of(PRINTABLE, st.sampled_from('\n;,:"\t')), max_size=300))
def test_the_same_bytes_as_icalendar_wrote(value):
    """Without backslashes and carets in the text (where we keep an escaped backslash whole and
    leave a caret in place), a property line is byte for byte what icalendar wrote."""
    ev = icalendar.Event()
    ev.add("summary", value)
    theirs = ev.to_ical().removeprefix(b"BEGIN:VEVENT\r\n").removesuffix(b"END:VEVENT\r\n")
    assert line("SUMMARY", text(value)) == theirs


# --- read back by two parsers ----------------------------------------------------------------


def event(summary: str, description: str = "") -> bytes:
    return b"".join(
        [
            line("BEGIN", "VCALENDAR"),
            line("VERSION", "2.0"),
            line("PRODID", text("-//test//EN")),
            line("BEGIN", "VEVENT"),
            line("UID", "1@test"),
            line("DTSTAMP", ics_text.utc_datetime(datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC))),
            line("DTSTART", ics_text.date_value(date(2024, 1, 26)), {"VALUE": "DATE"}),
            line("SUMMARY", text(summary)),
            line("DESCRIPTION", text(description)),
            line("END", "VEVENT"),
            line("END", "VCALENDAR"),
        ]
    )


@given(TEXTS, TEXTS)
def test_icalendar_and_vobject_read_back_the_same_text(summary, description):
    data = event(summary, description)
    ours = icalendar.Calendar.from_ical(data).walk("VEVENT")[0]
    assert (str(ours["SUMMARY"]), str(ours["DESCRIPTION"])) == (summary, description)
    theirs = vobject.readOne(data.decode()).vevent
    assert (theirs.summary.value, theirs.description.value) == (summary, description)


# --- values ----------------------------------------------------------------------------------


def test_dates_and_times():
    helsinki = datetime(2024, 1, 26, 9, 0, 30, 999, tzinfo=ZoneInfo("Europe/Helsinki"))
    assert ics_text.date_value(date(2024, 1, 26)) == "20240126"
    assert ics_text.local_datetime(helsinki) == "20240126T090030"  # wall clock, no fraction
    assert ics_text.local_datetime(datetime(1995, 9, 24, 4)) == "19950924T040000"
    assert ics_text.utc_datetime(helsinki) == "20240126T070030Z"
    with pytest.raises(ValueError, match="aware"):
        ics_text.utc_datetime(datetime(2024, 1, 26))


@pytest.mark.parametrize(
    ("span", "written"),
    [
        (timedelta(days=1), "P1D"),
        (timedelta(days=-2), "-P2D"),
        (timedelta(days=-365), "-P365D"),
        (timedelta(0), "P0D"),
        (timedelta(minutes=15), "PT15M"),
        (timedelta(minutes=-15), "-PT15M"),
        (timedelta(hours=1, seconds=5), "PT1H0M5S"),
        (timedelta(days=1, hours=2), "P1DT2H"),
        (timedelta(seconds=30), "PT30S"),
    ],
)
def test_durations_as_icalendar_writes_them(span, written):
    assert ics_text.duration(span) == written
    assert icalendar.vDuration(span).to_ical().decode() == written
    assert icalendar.vDuration.from_ical(written) == span


@pytest.mark.parametrize(
    ("offset", "written"),
    [
        (timedelta(hours=2), "+0200"),
        (timedelta(hours=3), "+0300"),
        (timedelta(0), "+0000"),
        (timedelta(hours=-3, minutes=-30), "-0330"),
        (timedelta(hours=5, minutes=45), "+0545"),
        (timedelta(hours=1, minutes=39, seconds=49), "+013949"),
        (timedelta(minutes=-25, seconds=-21), "-002521"),
    ],
)
def test_utc_offsets(offset, written):
    assert ics_text.utc_offset(offset) == written
    assert icalendar.vUTCOffset(offset).to_ical() == written


def test_bad_durations_and_offsets_are_refused():
    with pytest.raises(ValueError):
        ics_text.duration(timedelta(seconds=1.5))
    with pytest.raises(ValueError):
        ics_text.utc_offset(timedelta(hours=24))


def test_recurrence_rule_parts_in_rfc_order():
    until = ics_text.utc_datetime(datetime(1996, 3, 31, 23, 59, 59, tzinfo=UTC))
    rule = ics_text.recur({"BYMONTH": 3, "BYDAY": "-1SU", "UNTIL": until, "FREQ": "YEARLY"})
    assert rule == "FREQ=YEARLY;UNTIL=19960331T235959Z;BYDAY=-1SU;BYMONTH=3"
    assert icalendar.vRecur.from_ical(rule).to_ical().decode() == rule
    with pytest.raises(ValueError):
        ics_text.recur({"BYMONTH": 3})
    with pytest.raises(ValueError):
        ics_text.recur({"FREQ": "YEARLY", "BYEASTER": 1})


def test_integer():
    assert ics_text.integer(0) == "0"
    assert ics_text.integer(12) == "12"
