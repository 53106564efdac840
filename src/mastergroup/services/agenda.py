"""Use cases of issue 5: the agenda of a session, mailing it, and `remind` (cron).

Sent-once: every message has an idempotency key ("agenda:2024-03"). For each due message
`remind` takes the send lock (`store.sending`, a lock file beside the register, not the
register's write lock), reads whether the key was recorded, hands the message to the SMTP
server, and records the key in a short write transaction of its own right after the server
accepted it. No register transaction is open while the server is talked to, so bookings never
wait on a slow server. A failure records nothing and stops the run, so the next run sends it;
messages accepted before it stay recorded. Two `remind` runs at once wait for each other on the
send lock, and the second finds the first's record instead of sending again. A process killed
between the server's acceptance and its record (a few milliseconds) leaves no record: the next
run sends that message again, which beats never sending an agenda.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import islice
from typing import TYPE_CHECKING, NamedTuple

from mastergroup.core import agenda as core
from mastergroup.core.errors import ConfigError, NotFoundError
from mastergroup.core.model import Case, Session
from mastergroup.core.rules import find_session, sessions_between, upcoming
from mastergroup.register import store
from mastergroup.services import App

if TYPE_CHECKING:
    from email.message import EmailMessage

    from mastergroup.config.settings import Settings


def _cases(app: App, slots: Sequence[str]) -> dict[str, list[Case]]:
    with store.reading(app.home) as register:
        if register is None:
            return {}
        return {slot: register.cases(slot=slot) for slot in slots}


def choose_session(app: App, day: date | None) -> Session:
    """The session on `day`, or the next held one from today."""
    schedule = app.settings.schedule
    if day is not None:
        found = find_session(schedule, day)
        if found is None:
            raise NotFoundError("agenda.no_session", date=day)
        return found
    ahead = list(islice(upcoming(schedule, app.today, include_cancelled=False), 1))
    if not ahead:
        raise NotFoundError("agenda.none_ahead")
    return ahead[0]


def build_agenda(app: App, day: date | None) -> core.Agenda:
    session = choose_session(app, day)
    cases = _cases(app, [session.slot]).get(session.slot, [])
    return core.build(session, cases, app.settings.agenda.break_minutes)


# --- messages ----------------------------------------------------------------------------------


def _coordinator(settings: Settings) -> str:
    return settings.mail.coordinator or settings.coordinator.email


def agenda_recipients(settings: Settings) -> list[str]:
    """The experts (mail.recipients) and the coordinator, each once."""
    found = [*settings.mail.recipients, _coordinator(settings)]
    unique = list(dict.fromkeys(a for a in found if a))
    if not settings.mail.recipients:
        raise ConfigError("mail.not_configured", file=settings.source, key="mail.recipients")
    return unique


def _ics(settings: Settings, session: Session, lang: str, now: datetime) -> bytes:
    from mastergroup.present import ics
    from mastergroup.services.calendar_export import calendar_info

    year = session.date.year
    return ics.calendar_bytes(
        [session],
        calendar_info(settings, lang),
        ics.ExportOptions(),
        years=(year, year),
        stamp=now,
    )


def agenda_message(
    app: App, agenda: core.Agenda, lang: str, *, now: datetime | None = None
) -> EmailMessage:
    """The agenda as a complete message: plain text, HTML alternative, the session's .ics."""
    from mastergroup.config import mail as mail_settings
    from mastergroup.io import mail
    from mastergroup.present import agenda as output_agenda

    settings = app.settings
    mail_settings.check_no_password(settings)
    questions = settings.agenda.include_questions
    s = agenda.session
    data = _ics(settings, s, lang, now or datetime.now(UTC))
    subject = render_subject("agenda.subject", settings, s, lang)
    return mail.build_message(
        sender=mail_settings.sender(settings),
        to=agenda_recipients(settings),
        subject=subject,
        text=output_agenda.plain(agenda, settings, lang, mail=True, questions=questions),
        html=output_agenda.html(agenda, settings, lang, questions=questions),
        attachments=[
            mail.Attachment(
                data,
                "text",
                "calendar",
                f"{settings.group.id}-{s.slot}.ics",
                # method= must match the file's METHOD, or Outlook rejects the attachment.
                (("method", _method(data)), ("charset", "utf-8")),
            )
        ],
    )


def _method(data: bytes) -> str:
    for line in data.decode("utf-8").splitlines():
        if line.startswith("METHOD:"):
            return line.split(":", 1)[1].strip()
    return "PUBLISH"


def render_subject(
    key: str, settings: Settings, session: Session, lang: str, **extra: object
) -> str:
    from mastergroup.i18n.messages import render
    from mastergroup.present.agenda import when

    return render(key, lang, name=settings.group_name(lang), when=when(session, lang), **extra)


class Sent(NamedTuple):
    key: str
    recipients: int
    server: str


def send_agenda(app: App, day: date | None, lang: str) -> Sent:
    """Mail the agenda now (`agenda --send`) and record it as sent ("agenda:<slot>")."""
    from mastergroup.config import mail as mail_settings
    from mastergroup.io import mail

    config = mail_settings.mail_config(app.settings)
    built = build_agenda(app, day)
    msg = agenda_message(app, built, lang)
    to = agenda_recipients(app.settings)
    key = core.Due(core.Kind.AGENDA, built.session).key
    with store.sending(app.home):
        mail.send(config, msg, to)  # outside any transaction: bookings do not wait for it
        with store.writing(app.home) as register:
            if not register.was_sent(key):
                register.record_sent(
                    key, kind="agenda", slot=built.session.slot, recipients=len(to)
                )
            register.log("agenda --send", slot=built.session.slot, count=len(to), detail=key)
    return Sent(key, len(to), config.server)


# --- remind ------------------------------------------------------------------------------------


class Outgoing(NamedTuple):
    """A due message, built: what `--dry-run` shows and `remind` sends."""

    key: str
    kind: str
    slot: str
    subject: str
    to: tuple[str, ...]
    message: EmailMessage | None  # None when it has no recipient (skipped, shown why)
    setting: str = ""  # the key to set when there is no recipient


@dataclass(frozen=True)
class Reminded:
    today: date
    sent: list[Outgoing] = field(default_factory=list)
    already: list[str] = field(default_factory=list)
    skipped: list[Outgoing] = field(default_factory=list)
    planned: list[Outgoing] = field(default_factory=list)  # --dry-run


def _policy(settings: Settings) -> core.Policy:
    return core.Policy(
        agenda_days_before=settings.agenda.days_before,
        cutoff_days_before=settings.remind.cutoff_days_before,
        statements_after_days=settings.remind.statements_after_days,
        units=bool(settings.mail.units),
    )


def _reminder(
    app: App, subject: str, lang: str, intro: str, lines: list[str], to: list[str]
) -> EmailMessage:
    from mastergroup.config import mail as mail_settings
    from mastergroup.io import mail
    from mastergroup.present import agenda as output_agenda

    settings = app.settings
    text = "\n".join([intro, "", *[f"- {line}" for line in lines]]).rstrip() + "\n"
    return mail.build_message(
        sender=mail_settings.sender(settings),
        to=to,
        subject=subject,
        text=text,
        html=output_agenda.reminder_html(intro, lines, lang),
    )


def _outgoing(app: App, d: core.Due, cases: list[Case], lang: str) -> Outgoing:
    from mastergroup.i18n.messages import render
    from mastergroup.present import agenda as output_agenda

    settings, s = app.settings, d.session
    if d.kind is core.Kind.AGENDA:
        agenda = core.build(s, cases, settings.agenda.break_minutes)
        recipients = list(settings.mail.recipients)
        if not recipients:
            return Outgoing(d.key, d.kind, s.slot, "", (), None, "mail.recipients")
        msg = agenda_message(app, agenda, lang)
        return Outgoing(
            d.key, d.kind, s.slot, str(msg["Subject"]), tuple(agenda_recipients(settings)), msg
        )
    if d.kind is core.Kind.CUTOFF:
        to = list(settings.mail.units)
        free = s.capacity - sum(1 for c in cases if c.holds_place)
        subject = render_subject(
            "remind.cutoff_subject", settings, s, lang, date=s.booking_deadline
        )
        intro = render(
            "remind.cutoff_intro",
            lang,
            when=output_agenda.when(s, lang),
            free=free,
            capacity=s.capacity,
            date=s.booking_deadline,
        )
        contact = _coordinator(settings)
        lines = [render("remind.cutoff_contact", lang, contact=contact)] if contact else []
    else:
        to = [_coordinator(settings)] if _coordinator(settings) else []
        key = "remind.documents" if d.kind is core.Kind.DOCUMENTS else "remind.statements"
        subject = render_subject(f"{key}_subject", settings, s, lang)
        intro = render(f"{key}_intro", lang, date=s.documents_due)
        lines = output_agenda.reminder_lines(d.cases, lang)
    if not to:
        setting = "mail.units" if d.kind is core.Kind.CUTOFF else "mail.coordinator"
        return Outgoing(d.key, d.kind, s.slot, subject, (), None, setting)
    msg = _reminder(app, subject, lang, intro, lines, to)
    return Outgoing(d.key, d.kind, s.slot, subject, tuple(to), msg)


def remind(app: App, lang: str, *, dry_run: bool = False) -> Reminded:
    """Send what is due today (each at most once); `dry_run` builds and shows, sends nothing."""
    from mastergroup.config import mail as mail_settings
    from mastergroup.io import mail

    settings, today = app.settings, app.today
    mail_settings.check_no_password(settings)
    policy = _policy(settings)
    first, last = core.window(today, policy)
    sessions = sessions_between(settings.schedule, first, last)
    cases = _cases(app, [s.slot for s in sessions])
    due = core.due(today, sessions, cases, policy)
    result = Reminded(today)
    with store.reading(app.home) as register:
        sent_before = {d.key for d in due if register is not None and register.was_sent(d.key)}
    todo = [d for d in due if d.key not in sent_before]
    result.already.extend(sorted(sent_before))
    outgoing = [_outgoing(app, d, cases.get(d.session.slot, []), lang) for d in todo]
    result.skipped.extend(o for o in outgoing if o.message is None)
    ready = [o for o in outgoing if o.message is not None]
    if dry_run:
        result.planned.extend(ready)
        return result
    if not ready:
        return result
    config = mail_settings.mail_config(settings)
    for o in ready:
        assert o.message is not None  # noqa: S101 -- filtered above
        with store.sending(app.home):
            if _was_sent(app, o.key):  # another run sent it meanwhile
                result.already.append(o.key)
                continue
            mail.send(config, o.message, o.to)  # no transaction open: bookings go on
            with store.writing(app.home) as register:
                register.record_sent(o.key, kind=o.kind, slot=o.slot, recipients=len(o.to))
                register.log("remind", slot=o.slot, count=len(o.to), detail=o.key)
        result.sent.append(o)
    return result


def _was_sent(app: App, key: str) -> bool:
    with store.reading(app.home) as register:
        return register is not None and register.was_sent(key)
