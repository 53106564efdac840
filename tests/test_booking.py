"""The booking rules (pure): identity-code guard, e-mail, questions, cutoff, capacity, queue."""

from __future__ import annotations

import string
from datetime import date

import pytest

from mastergroup.config.settings import Settings
from mastergroup.core import booking
from mastergroup.core.errors import NotFoundError, PrivacyError, RuleError, UsageError
from mastergroup.core.model import Case, CaseStatus, Matter, Worker
from mastergroup.core.rules import find_session
from mastergroup.i18n.messages import CATALOG

# Century signs by the law as amended in 2023: + for the 1800s, - and Y X W V U for the 1900s,
# A and B C D E F for the 2000s.
SIGNS = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900,
         "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}  # fmt: skip


def identity_code(day: date = date(2016, 6, 15), sign: str = "A", individual: str = "912") -> str:
    """A well-formed identity code for an invented person (900-999: temporary numbers).

    Built here, never written literally, so no data file or source holds a real-looking code.
    """
    birth = day.strftime("%d%m%y")
    return birth + sign + individual + booking.check_character(birth, individual)


def case(ref: str, *, waitlist: int | None = None, status: CaseStatus = CaseStatus.BOOKED) -> Case:
    return Case(
        ref=ref,
        slot="2023-03",
        session_date=date(2023, 3, 31),
        status=status,
        worker=Worker("Sanna Sosiaalityöntekijä", "sanna@kunta.example"),
        municipality="Jyväskylä",
        matter=Matter.OTHER,
        questions=("Mitä tehdään?",),
        waitlist=waitlist,
    )


# --- identity codes ----------------------------------------------------------------------------


@pytest.mark.parametrize("sign", sorted(SIGNS))
def test_every_century_sign_is_caught(sign):
    year = SIGNS[sign] + 16
    code = identity_code(date(year, 6, 15), sign)
    assert booking.contains_identity_code(code)
    assert booking.contains_identity_code(f"Lapsi {code}, isä tuntematon")
    assert booking.contains_identity_code(code.lower())


def test_the_domain_example_is_caught_although_its_check_character_is_wrong():
    example = "010203" + "A" + "123" + "B"  # domain.md's example, split so no file holds it
    assert booking.check_character("010203", "123") != "B"
    assert booking.contains_identity_code(example)


def test_typo_in_check_character_still_caught():
    code = identity_code()
    wrong = code[:-1] + ("X" if code[-1] != "X" else "Y")
    assert booking.contains_identity_code(wrong)


def test_pasted_variants_are_caught():
    code = identity_code(date(1990, 1, 31), "-")
    for dash in ("\u2010", "\u2011", "\u2013", "\u2014", "\u2212"):
        assert booking.contains_identity_code(code.replace("-", dash)), repr(dash)
    fullwidth = "".join(chr(ord(c) + 0xFEE0) if c.isdigit() else c for c in code)
    assert booking.contains_identity_code(fullwidth)
    assert booking.contains_identity_code(f"ref-{code}")
    assert booking.contains_identity_code(f"{code}x")


@pytest.mark.parametrize(
    "text",
    [
        "LS-2023-0042",
        "20230331-1234",  # a date and a serial: no real day/month at the start
        "2023-03-31T09:00:00+02:00",
        "+358 40 123 4567",
        "040 123 4567",
        "Dnro 1234/2023",
        "320101A1234",  # day 32
        "011301A123B",  # month 13
        "290223A123B",  # 29 February 2023 does not exist
        "010203G123B",  # G is no century sign
        "1010203A123B",  # preceded by a digit: part of a longer number
        "sanna@kunta.example",
    ],
)
def test_no_false_alarm(text):
    assert not booking.contains_identity_code(text)


def test_guard_names_the_field_never_the_value():
    code = identity_code()
    with pytest.raises(PrivacyError) as caught:
        booking.guard_privacy([("--ref", "LS-1"), ("--question 2", f"Miksi {code}?")])
    assert caught.value.params == {"field": "--question 2"}
    assert code not in str(caught.value)
    assert caught.value.exit_code == 6


def test_check_character_of_a_known_example():
    # The Digital and Population Data Services Agency's published example: 131052-308T.
    assert booking.check_character("131052", "308") == "T"


# --- text fields ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "good", ["sanna@kunta.example", "s.s+master@hyvinvointialue.fi", "a@jyväskylä.fi"]
)
def test_email_accepted(good):
    assert booking.clean_email(f"  {good} ") == good


@pytest.mark.parametrize(
    "bad",
    ["", "sanna", "sanna@", "@kunta.fi", "sanna@kunta", "sanna@@kunta.fi", "sanna @kunta.fi",
     "sanna@kunta..fi", "sanna..s@kunta.fi", "sanna@-kunta.fi", "a" * 65 + "@kunta.fi"],
)  # fmt: skip
def test_email_refused(bad):
    with pytest.raises(UsageError) as caught:
        booking.clean_email(bad)
    assert caught.value.key == "case.bad_email"
    assert caught.value.params == {"field": "email"}  # the CLI says --email (cli/options.py)


def test_text_fields_are_one_line_and_bounded():
    assert booking.clean_text("  LS-1 ", "--ref", max_chars=64) == "LS-1"
    for bad in ("a\nb", "a\tb", "a\x00b", "x" * 65):
        with pytest.raises(UsageError):
            booking.clean_text(bad, "--ref", max_chars=64)
    with pytest.raises(UsageError) as caught:
        booking.clean_text("   ", "--worker", max_chars=10)
    assert caught.value.key == "case.empty_field"


def test_matter_and_expertise():
    assert booking.parse_matter("care-order-preparation") is Matter.CARE_ORDER_PREPARATION
    with pytest.raises(UsageError):
        booking.parse_matter("adoption")
    assert booking.clean_expertise([" law", "", "law", "child psychiatry"]) == (
        "law",
        "child psychiatry",
    )


# --- questions -----------------------------------------------------------------------------


def test_one_to_three_questions_trimmed():
    assert booking.clean_questions(["  Mitä? "]) == ("Mitä?",)
    assert len(booking.clean_questions(["a", "b", "c"])) == 3


@pytest.mark.parametrize("count", [0, 4])
def test_question_count(count):
    with pytest.raises(RuleError) as caught:
        booking.clean_questions(["q"] * count)
    assert caught.value.key == "case.question_count"
    assert caught.value.params["count"] == count


def test_question_empty_after_trimming():
    with pytest.raises(RuleError) as caught:
        booking.clean_questions(["a", "  \t "])
    assert (caught.value.key, caught.value.params["number"]) == ("case.question_empty", 2)


def test_question_length_limit_is_1000_characters():
    assert booking.clean_questions(["ä" * 1000]) == ("ä" * 1000,)
    with pytest.raises(RuleError) as caught:
        booking.clean_questions(["ä" * 1001])
    assert caught.value.params["length"] == 1001


def test_a_question_may_span_lines():
    assert booking.clean_questions(["Ensin tämä.\nSitten tuo?"]) == ("Ensin tämä.\nSitten tuo?",)


# --- sessions, cutoff, capacity --------------------------------------------------------------


def march(shipped: Settings):
    found = find_session(shipped.schedule, date(2023, 3, 31))
    assert found is not None
    return found


def test_cutoff_day_itself_is_open(shipped):
    s = march(shipped)
    assert s.booking_deadline == date(2023, 3, 17)
    placed = booking.place(shipped.schedule, s, date(2023, 3, 17), {})
    assert (placed.waitlisted, placed.late) == (False, False)


def test_after_the_cutoff_names_cutoff_and_next_open_session(shipped):
    with pytest.raises(RuleError) as caught:
        booking.place(shipped.schedule, march(shipped), date(2023, 3, 18), {})
    assert caught.value.key == "case.cutoff_passed"
    assert caught.value.params["cutoff"] == date(2023, 3, 17)
    assert caught.value.params["next"] == date(2023, 4, 28)
    assert caught.value.params["next_cutoff"] == date(2023, 4, 14)


def test_late_overrides_the_cutoff_only(shipped):
    s = march(shipped)
    placed = booking.place(shipped.schedule, s, date(2023, 3, 20), {}, late=True)
    assert placed.late
    with pytest.raises(RuleError) as caught:
        booking.place(shipped.schedule, s, date(2023, 3, 20), {"2023-03": 2}, late=True)
    assert caught.value.key == "case.full"


def test_full_session_names_next_with_a_free_place(shipped):
    counts = {"2023-03": 2, "2023-04": 2}
    with pytest.raises(RuleError) as caught:
        booking.place(shipped.schedule, march(shipped), date(2023, 3, 1), counts)
    assert caught.value.key == "case.full"
    assert caught.value.params["next"] == date(2023, 5, 26)
    placed = booking.place(
        shipped.schedule, march(shipped), date(2023, 3, 1), counts, waitlist=True
    )
    assert placed.waitlisted


def test_waitlist_is_not_used_while_there_is_room(shipped):
    placed = booking.place(shipped.schedule, march(shipped), date(2023, 3, 1), {}, waitlist=True)
    assert not placed.waitlisted


def test_next_skips_closed_full_and_cancelled(shipped):
    schedule = shipped.schedule._replace(overrides=())
    today = date(2023, 3, 20)  # March's cutoff has passed
    assert booking.choose_next(schedule, today, {}).date == date(2023, 4, 28)
    assert booking.choose_next(schedule, today, {"2023-04": 2}).date == date(2023, 5, 26)


def test_session_for_booking_refusals(shipped):
    schedule = shipped.schedule
    with pytest.raises(NotFoundError) as caught:
        booking.session_for_booking(schedule, date(2023, 3, 30), date(2023, 3, 1))
    assert caught.value.params["before"] == date(2023, 2, 24)
    assert caught.value.params["after"] == date(2023, 3, 31)
    with pytest.raises(RuleError) as past:
        booking.session_for_booking(schedule, date(2023, 2, 24), date(2023, 3, 1))
    assert past.value.key == "case.session_past"
    same_day = booking.session_for_booking(schedule, date(2023, 3, 31), date(2023, 3, 31))
    assert same_day.date == date(2023, 3, 31)


# --- queue and statuses ------------------------------------------------------------------------


def test_promotion_takes_the_first_in_the_queue_only_when_there_is_room():
    cases = [case("A"), case("W2", waitlist=2), case("W1", waitlist=1)]
    promoted = booking.to_promote(2, cases)
    assert promoted is not None and promoted.ref == "W1"
    assert booking.to_promote(1, cases) is None
    withdrawn = [case("A", status=CaseStatus.WITHDRAWN), case("W", waitlist=1)]
    assert booking.to_promote(1, withdrawn) is not None


def test_status_changes():
    today, day = date(2023, 4, 1), date(2023, 3, 31)
    booking.check_status_change(case("A"), CaseStatus.DISCUSSED, day, today)
    with pytest.raises(RuleError):
        booking.check_status_change(case("A"), CaseStatus.DISCUSSED, day, date(2023, 3, 30))
    with pytest.raises(RuleError):
        booking.check_status_change(case("A", waitlist=1), CaseStatus.DISCUSSED, day, today)
    with pytest.raises(RuleError):
        booking.check_status_change(case("A"), CaseStatus.STATEMENT_DELIVERED, day, today)
    withdrawn = case("A", status=CaseStatus.WITHDRAWN)
    for target in CaseStatus:
        with pytest.raises(RuleError):
            booking.check_status_change(withdrawn, target, day, today)


def test_questions_locked_after_the_document_deadline():
    booking.check_questions_editable(date(2023, 3, 31), date(2023, 3, 24), date(2023, 3, 24))
    with pytest.raises(RuleError):
        booking.check_questions_editable(date(2023, 3, 31), date(2023, 3, 24), date(2023, 3, 25))


# --- messages --------------------------------------------------------------------------------


def test_case_messages_never_take_a_free_text_value():
    """Errors name fields, counts and dates; never a question, name or reason."""
    allowed = {"field", "options", "count", "max", "number", "length", "allowed", "date",
               "before", "after", "today", "cutoff", "next", "next_cutoff", "capacity",
               "months", "ref", "status", "target", "deadline", "dates", "file", "seconds",
               "detail", "version", "known", "line", "expected", "cases", "audit", "session",
               "booked", "position", "from_date", "fields", "reason", "due",
               "received", "experts", "sent", "first", "last",
               "kinds", "documents", "name",  # names of document kinds (issue 13)
               # group ids and a matter's name, never free text (issue 15)
               "groups", "matter"}  # fmt: skip
    for key, texts in CATALOG.items():
        if key.startswith("case."):
            names = {n for _, n, _, _ in string.Formatter().parse(texts[2]) if n}
            assert names <= allowed, (key, names - allowed)
            if "reason" in names:  # shown to the coordinator on stdout, never in an error
                assert key == "case.late_note", key
