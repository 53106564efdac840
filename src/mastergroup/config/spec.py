"""The key table: every configuration key, once, as an attribute of its section's class.

Each line `name = Key(Type(), default, doc)` is the single source of truth for one key: the
type parses and describes a value (config/types.py), the default fills a missing key, the doc
becomes the README's reference. Reading `settings.mail.port` goes through the same object, so
the typed sections cannot drift from the table: they are the table (config/keys.py says how).
SPEC, the flat tuple that loading and the reference walk, is read off the classes in order.

The schedule section's keys are here too, but code reads them as the built ScheduleConfig
(`settings.schedule`, with the rules and overrides), not as a section of their own.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from mastergroup.config.keys import Key, Section
from mastergroup.config.types import (
    AreaList,
    Choice,
    DatabaseUrl,
    Email,
    EmailList,
    EnvName,
    File,
    Flag,
    Folder,
    GroupId,
    KeyList,
    MatterList,
    OptionalGroupId,
    Port,
    Refused,
    Text,
    TextList,
    Time,
    Url,
    WholeNumber,
    Zone,
)
from mastergroup.core.model import Matter, Mode
from mastergroup.core.panel import AREAS, REQUIRED_14
from mastergroup.core.rules import WEEKDAYS, DayOffPolicy
from mastergroup.i18n.messages import LANGUAGES, phrase


class Group(Section, name="group"):
    id = Key(
        GroupId(),
        "keski-suomi",
        "Short id of the group; part of every calendar UID, so never "
        "change it once calendars are published.",
    )
    name_fi = Key(
        Text(), "Lastensuojelun moniammatillinen asiantuntijaryhmä", "The group's name in Finnish."
    )
    name_sv = Key(
        Text(), "Barnskyddets multiprofessionella expertgrupp", "The group's name in Swedish."
    )
    name_en = Key(
        Text(), "Child welfare multiprofessional expert group", "The group's name in English."
    )
    county = Key(Text(), "Keski-Suomen hyvinvointialue", "The wellbeing services county.")
    language = Key(
        Choice(*LANGUAGES),
        "fi",
        "Language of output and messages: fi, sv or en (`--lang` and "
        "MASTERGROUP_LANG override it).",
    )
    url = Key(Url(), "", "The group's public web page (shown in calendars), https://...")
    matters: Key[tuple[str, ...]] = Key(
        MatterList(*Matter),
        (),
        "The matters this group takes (in a `[[groups]]` table): `case add` without --group "
        "books a case into the group whose matters include the case's; empty: any matter.",
    )
    default = Key(
        OptionalGroupId(),
        "",
        "With `[[groups]]`: the id of the group that commands use without --group (empty: "
        "the only group; with several, --group is needed).",
    )

    def name(self, lang: str) -> str:
        """The group's name in `lang` (fi, sv or en), else in Finnish."""
        names = {"fi": self.name_fi, "sv": self.name_sv, "en": self.name_en}
        return names[lang] or self.name_fi


class Coordinator(Section, name="coordinator"):
    name = Key(Text(), "", "The coordinator's name.")
    title = Key(Text(), "erityissosiaalityöntekijä", "The coordinator's title.")
    email = Key(Email(), "", "The coordinator's e-mail address.")
    phone = Key(Text(), "", "The coordinator's phone number.")


class Schedule(Section, name="schedule"):
    weekday = Key(Choice(*WEEKDAYS), "friday", "Weekday of the sessions.")
    start = Key(Time(), time(9, 0), "Start time (local).")
    end = Key(Time(), time(11, 30), "End time (local).")
    timezone = Key(Zone(), "Europe/Helsinki", "IANA time zone of the times.")
    on_day_off = Key(
        Choice.of(DayOffPolicy),
        DayOffPolicy.WEEK_EARLIER,
        "What happens to a session whose date is a day off: week_earlier, week_later or cancel.",
    )


class DaysOff(Section, name="days_off"):
    public_holidays = Key(Flag(), True, "Finnish public holidays are days off.")
    de_facto = Key(
        Flag(), True, "Midsummer Eve and Christmas Eve are days off (Annual Holidays Act)."
    )


class Booking(Section, name="booking"):
    cutoff_days_before = Key(
        WholeNumber(0, 365),
        14,
        "Bookings close this many days before a session "
        "(moved to the previous working day if that is a day off). Not used when "
        "booking.cutoff_working_days is set: a file gives one of the two.",
    )
    documents_days_before = Key(
        WholeNumber(0, 365),
        7,
        "Documents are due this many days before a session "
        "(previous working day if a day off); must be less than the cutoff. Not used when "
        "booking.documents_working_days is set: a file gives one of the two.",
    )
    capacity = Key(WholeNumber(1, 20), 2, "How many cases one session takes.")
    # --- issue 15: other groups' rules ---
    cutoff_working_days = Key(
        WholeNumber(0, 120),
        0,
        "Bookings close this many working days before a session (\"viimeistään seitsemän "
        "arkipäivää ennen\"): the cutoff is the working day with exactly this many working days "
        "from it up to the session, working days being the days that are not weekends and not "
        "days off. 0: not used (booking.cutoff_days_before counts). A file that sets it must "
        "not set booking.cutoff_days_before; the latter's default then does not count.",
    )
    documents_working_days = Key(
        WholeNumber(0, 120),
        0,
        "Documents are due this many working days before a session, counted like "
        "booking.cutoff_working_days; 0: not used (booking.documents_days_before counts). A "
        "file that sets it must not set booking.documents_days_before. The documents stay due "
        "after the cutoff.",
    )
    case_minutes = Key(
        WholeNumber(0, 600),
        0,
        "Length of one case in minutes (\"usually one case, lasting two hours\": 120); the "
        "agenda gives each case this long, agenda.break_minutes between two, from the "
        "session's start. capacity cases and their breaks must fit in schedule.start-end. 0: "
        "the session is split evenly between its cases.",
    )


class Location(Section, name="location"):
    mode = Key(Choice.of(Mode), Mode.TEAMS, "How sessions are held: teams, in_person or hybrid.")
    address = Key(Text(), "", "Street address for in-person sessions.")
    url = Key(Url(), "", "Meeting link (Teams) shown to participants, https://...")


# --- agenda and mail (issue 5) ---
class Agenda(Section, name="agenda"):
    break_minutes = Key(
        WholeNumber(0, 120),
        10,
        "Break in minutes between two cases of a session (the rest is split evenly).",
    )
    days_before = Key(
        WholeNumber(1, 60),
        7,
        "`mastergroup remind` mails the agenda this many days before a session.",
    )
    include_questions = Key(
        Flag(),
        False,
        "Mail carries the cases' questions (default: reference, municipality and matter only).",
    )


class Mail(Section, name="mail"):
    host = Key(Text(), "", "SMTP server, e.g. smtp.hyvinvointialue.example.")
    port = Key(Port(), 587, "SMTP port (587 STARTTLS, 465 TLS).")
    security = Key(
        Choice("starttls", "tls", "none"),
        "starttls",
        "starttls, tls (implicit, port 465) or none (only for a server on this machine).",
    )
    user = Key(Text(), "", "SMTP user name (empty: no login).")
    # The value is dropped at once (never echoed); config/mail.py refuses to run while it is set.
    password = Key(
        Refused(),
        "",
        "Never set: the password is read from mail.password_env or mail.password_file.",
    )
    password_env = Key(
        EnvName(), "MASTERGROUP_SMTP_PASSWORD", "Environment variable that holds the SMTP password."
    )
    password_file = Key(
        File(),
        "",
        "A file (owner-readable only) whose first line is the SMTP password; wins over the "
        "environment variable.",
    )
    ca_file = Key(
        File(),
        "",
        "PEM file of the CA(s) to trust for the server's certificate (default: the system's).",
    )
    sender = Key(Email(), "", "From address of the mail (default: coordinator.email).")
    recipients: Key[list[str]] = Key(
        EmailList(), [], "Who gets the agenda: the experts (the coordinator is added)."
    )
    coordinator = Key(
        Email(),
        "",
        "Who gets the document and statement reminders (default: coordinator.email).",
    )
    units: Key[list[str]] = Key(
        EmailList(), [], "Social-work units that get the booking-cutoff notice."
    )
    timeout_seconds = Key(
        WholeNumber(1, 600), 30, "Give up on the SMTP server after this many seconds."
    )


class Remind(Section, name="remind"):
    cutoff_days_before = Key(
        WholeNumber(0, 60),
        7,
        "The booking-cutoff notice goes out this many days before the cutoff.",
    )
    statements_after_days = Key(
        WholeNumber(1, 180),
        14,
        "Statements not delivered this many days after a session are reminded of.",
    )


# --- experts and statements (issue 6) ---
class Experts(Section, name="experts"):
    areas = Key(
        AreaList(),
        tuple(AREAS),
        "The expertise areas an expert can have (`expert add --area`): keys of the shipped "
        "list (social_work, growth_development, child_psychiatry, adult_psychiatry, "
        "health_care, education, substance_abuse, law) or the county's own names.",
    )
    required = Key(
        AreaList(),
        REQUIRED_14,
        "Areas a session's attending experts must cover (Child Welfare Act § 14), each one of "
        "experts.areas; `sessions` and `agenda` warn about a missing one.",
    )
    quorum = Key(
        WholeNumber(0, 50),
        0,
        "Fewest experts who must attend a session with cases (\"at least four of its seven "
        "experts\": 4); `sessions`, `agenda` and `session experts` warn when fewer are "
        "recorded as attending. 0: no quorum.",
    )


class Documents(Section, name="documents"):
    kinds = Key(
        KeyList(),
        ("client_plan", "care_order_application", "summary"),
        "The kinds of documents a social worker sends (`case documents REF --received KIND`), "
        "each a key of lower-case letters, digits and _: the shipped client_plan "
        "(asiakassuunnitelma), care_order_application (huostaanottohakemus) and summary "
        "(yhteenveto) have names in fi/sv/en; a county's own kind is shown as written.",
    )


class Templates(Section, name="templates"):
    folder = Key(
        Folder(),
        "",
        "Folder of the county's own statement templates (statement.LANG.md.j2, "
        "statement.LANG.txt.j2, statement.LANG.docx; LANG = fi, sv or en); a file there wins "
        "over the shipped one. A relative path is relative to this configuration file; "
        "`config check` refuses a folder that does not exist.",
    )


# --- the annual report (issue 17) ---
class Report(Section, name="report"):
    min_count = Key(
        WholeNumber(1, 100),
        5,
        "`mastergroup report` shows a count below this as \"< N\", and hides one more cell "
        "where a hidden one could be computed from a total.",
    )
    target_days = Key(
        WholeNumber(1, 365),
        14,
        "`mastergroup report` gives the share of statements delivered within this many days "
        "of the session.",
    )
    withdrawn_reasons = Key(
        TextList(phrase("report.expect_reason_list")),
        (),
        "The groups `mastergroup report` counts withdrawals by, e.g. [\"asia ratkesi\", "
        "\"perhe muutti\"]: a withdrawal whose reason contains a group's words counts in the "
        "first such group; every other reason, and a group with fewer than report.min_count "
        "withdrawals, counts as \"other\". A reason as typed is never shown (it may name a "
        "family).",
    )


# --- where the register is (issue 16); the top level only: one register for every group ---
class Register(Section, name="register"):
    url = Key(
        DatabaseUrl(),
        "",
        "A PostgreSQL register shared by several coordinators and cron hosts: "
        "postgresql://[user@]host[:port]/dbname[?sslmode=verify-full]. Never with a password "
        "(libpq reads it from ~/.pgpass, PGPASSFILE, a service file or PGPASSWORD). "
        "MASTERGROUP_DATABASE wins over it; \"\" (the default): the SQLite file in the data "
        "folder.",
    )


SECTIONS: tuple[type[Section], ...] = (
    Group,
    Coordinator,
    Schedule,
    DaysOff,
    Booking,
    Location,
    Agenda,
    Mail,
    Remind,
    Experts,
    Templates,
    Documents,
    Report,
    Register,
)
SPEC: tuple[Key[Any], ...] = tuple(key for section in SECTIONS for key in section.keys)

# Tables whose entries are rule tables / arrays of tables, validated by their own parsers.
STRUCTURED = {
    "schedule.rule": "The default rule of every month: { kind = nth_weekday, n = 1-4 or "
    '"last" } | { kind = weeks_before_last_weekday_before, weeks = N, anchor = "MM-DD" } | '
    "{ kind = weeks_before_midsummer_eve, weeks = N } | { kind = none }; optional reason.",
    "schedule.dates": "Sessions agreed date by date (a list, not a rule; issue 15): "
    'dates = [2025-01-16, { date = 2025-02-13, start = "13:00", end = "15:00" }] or '
    "[[schedule.dates]] tables of date, optional start and end (else schedule.start/end). "
    "They add to the rule's sessions (rule = { kind = none } for a list only); each is held "
    "as listed, also on a day off (`config check` warns), and warns when a listed year ends "
    "with no dates for the next. Its slot (calendar UID) is the date, 2025-01-16: move a "
    "published one with an override, not by editing the list.",
    "schedule.months.<month>": "A month's own rule (month name in English, e.g. june); "
    "kind = none gives no session.",
    "days_off.extra": 'The county\'s own days off: [[days_off.extra]] date = "MM-DD" (every '
    'year) or "YYYY-MM-DD" (once), name = "..." (Finnish), optional name_sv and name_en.',
    "overrides": "[[overrides]] action = cancel, move or add; date = the session's date, to = "
    "the new date (move), start/end = new times, reason = shown in outputs.",
}
