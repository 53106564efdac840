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
from mastergroup.core.errors import ConfigError, NotFoundError, RuleError
from mastergroup.core.model import Case, Session
from mastergroup.core.rules import find_session, sessions_between, upcoming
from mastergroup.register import store
from mastergroup.register.logs import SentRecord
from mastergroup.services import App

if TYPE_CHECKING:
    from email.message import EmailMessage

    from mastergroup.config.settings import Settings


def _cases(app: App, slots: Sequence[str]) -> dict[str, list[Case]]:
    with store.reading(app.where, app.scope) as register:
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
    return core.build(
        session, cases, app.settings.agenda.break_minutes, app.settings.booking.case_minutes
    )


# --- messages ----------------------------------------------------------------------------------


def _coordinator(settings: Settings) -> str:
    return settings.mail.coordinator or settings.coordinator.email


def agenda_recipients(settings: Settings, experts: Sequence[str] = ()) -> list[str]:
    """The experts attending the session (`session experts`), mail.recipients and the
    coordinator, each once (addresses compared without regard to case); ConfigError when
    there is no expert to send to (neither attendees with an address nor mail.recipients)."""
    if not experts and not settings.mail.recipients:
        raise ConfigError("mail.not_configured", file=settings.source, key="mail.recipients")
    found = [*experts, *settings.mail.recipients, _coordinator(settings)]
    unique: dict[str, str] = {}
    for address in found:
        if address and address.casefold() not in unique:
            unique[address.casefold()] = address
    return list(unique.values())


def attending(app: App, slot: str) -> list[str]:
    """The addresses of the experts attending the session `slot` (`session experts`)."""
    from mastergroup.register import experts

    with store.reading(app.where, app.scope) as register:
        if register is None:
            return []
        return [e.email for e in experts.attendees(register, slot) if e.email and not e.removed]


def _ics(settings: Settings, session: Session, lang: str, now: datetime) -> bytes:
    """The session's .ics, the same event as `mastergroup ics` (the caller may raise its
    SEQUENCE for an update, never lower it)."""
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
    app: App,
    agenda: core.Agenda,
    lang: str,
    *,
    now: datetime | None = None,
    to: Sequence[str] | None = None,
    update: bool = False,
    sequence: int | None = None,
) -> EmailMessage:
    """The agenda as a complete message: plain text, HTML alternative, the session's .ics.

    An `update` says so in its Subject and first line; `sequence` is its .ics SEQUENCE (by
    default the export's)."""
    from mastergroup.config import mail as mail_settings
    from mastergroup.i18n.messages import render
    from mastergroup.io import mail
    from mastergroup.present import agenda as output_agenda

    settings = app.settings
    mail_settings.check_no_password(settings)
    questions = settings.agenda.include_questions
    s = agenda.session
    if sequence is not None:
        s = s._replace(sequence=max(sequence, s.sequence))
    data = _ics(settings, s, lang, now or datetime.now(UTC))
    key = "agenda.update_subject" if update else "agenda.subject"
    subject = render_subject(key, settings, s, lang)
    text = output_agenda.plain(agenda, settings, lang, mail=True, questions=questions)
    page = output_agenda.html(agenda, settings, lang, questions=questions)
    if update:
        first = render("agenda.update_intro", lang)
        text = f"{first}\n\n{text}"
        page = output_agenda.with_intro(page, first)
    if to is None:
        to = agenda_recipients(settings, attending(app, s.slot))
    return mail.build_message(
        sender=mail_settings.sender(settings),
        to=to,
        subject=subject,
        text=text,
        html=page,
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
    update: bool = False  # the agenda had changed since it was last sent


class Version(NamedTuple):
    """The agenda of a session as it is now, against what was sent of it (issue 13)."""

    agenda: core.Agenda
    fingerprint: str
    sent: tuple[SentRecord, ...]  # the agendas sent for the session, oldest first

    @property
    def changed(self) -> bool:
        """Sent, and showing something else now (an old row without a fingerprint: unknown)."""
        return bool(self.sent) and self.sent[-1].fingerprint not in ("", self.fingerprint)

    @property
    def key(self) -> str:
        """The sent-log key of the next message: "agenda:<slot>", then "agenda:<slot>#2"..."""
        base = core.Due(core.Kind.AGENDA, self.agenda.session).key
        return f"{base}#{len(self.sent) + 1}" if self.sent else base

    def sequence(self, update: bool) -> int:
        """The .ics SEQUENCE: the export's at first; an update one above the last one sent,
        never below the export's."""
        s = self.agenda.session
        if not self.sent:
            return s.sequence
        last = self.sent[-1].sequence
        last = s.sequence if last is None else last
        return max(s.sequence, last + 1 if update else last)


def _place(settings: Settings) -> str:
    """Where the session is held, as configured (not as worded in one language)."""
    where = settings.location
    return "\n".join((str(where.mode), where.address, where.url))


def version(app: App, agenda: core.Agenda) -> Version:
    """The agenda's fingerprint and the agendas sent for its session."""
    settings = app.settings
    mark = core.fingerprint(
        agenda, questions=settings.agenda.include_questions, place=_place(settings)
    )
    with store.reading(app.where, app.scope) as register:
        sent = () if register is None else tuple(register.sent_agendas(agenda.session.slot))
    return Version(agenda, mark, sent)


def send_agenda(app: App, day: date | None, lang: str, *, again: bool = False) -> Sent:
    """Mail the agenda now (`agenda --send`) and record it as sent ("agenda:<slot>").

    Once sent, it goes again only with `again` ("agenda:<slot>#2", ...), marked as an update
    when it changed since."""
    from mastergroup.config import mail as mail_settings
    from mastergroup.io import mail

    config = mail_settings.mail_config(app.settings)
    built = build_agenda(app, day)
    v = version(app, built)
    if v.sent and not again:
        raise RuleError("agenda.already_sent", when=_local(app, v.sent[-1].at), count=len(v.sent))
    to = agenda_recipients(app.settings, attending(app, built.session.slot))
    update, sequence = v.changed, v.sequence(v.changed)
    msg = agenda_message(app, built, lang, to=to, update=update, sequence=sequence)
    key = v.key
    with store.sending(app.where):
        # Again under the send lock: another coordinator (issue 16: another host) may have
        # sent this very message while this one was being built.
        with store.reading(app.where, app.scope) as register:
            if register is not None and register.was_sent(key):
                latest = register.sent_agendas(built.session.slot)[-1]
                raise RuleError(
                    "agenda.already_sent", when=_local(app, latest.at), count=len(v.sent) + 1
                )
        mail.send(config, msg, to)  # outside any transaction: bookings do not wait for it
        with store.writing(app.where, app.scope) as register:
            if not register.was_sent(key):
                register.record_sent(
                    key,
                    kind="agenda",
                    slot=built.session.slot,
                    recipients=len(to),
                    fingerprint=v.fingerprint,
                    sequence=sequence,
                )
            register.log("agenda --send", slot=built.session.slot, count=len(to), detail=key)
    return Sent(key, len(to), config.server, update)


def _local(app: App, at: datetime) -> str:
    from zoneinfo import ZoneInfo

    return at.astimezone(ZoneInfo(app.settings.schedule.timezone)).strftime("%Y-%m-%d %H:%M")


def pending_updates(app: App) -> list[Session]:
    """The coming sessions whose agenda was sent and has changed since: `remind` will send
    them an update (what add, move, withdraw, edit and documents say, issue 13)."""
    from datetime import timedelta

    with store.reading(app.where, app.scope) as register:
        if register is None:
            return []
        wanted = {r.slot for r in register.sent_log() if r.kind == core.Kind.AGENDA.value}
    if not wanted:
        return []
    ahead = sessions_between(app.settings.schedule, app.today, app.today + timedelta(days=400))
    coming = [s for s in ahead if s.slot in wanted and s.date > app.today]
    cases = _cases(app, [s.slot for s in coming])
    found = []
    for session in coming:
        built = core.build(
            session,
            cases.get(session.slot, []),
            app.settings.agenda.break_minutes,
            app.settings.booking.case_minutes,
        )
        if version(app, built).changed:
            found.append(session)
    return found


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
    fingerprint: str = ""  # an agenda's (issue 13)
    sequence: int | None = None  # an agenda's .ics SEQUENCE
    update: bool = False  # an agenda that changed after it was sent


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
        agenda = core.build(s, cases, settings.agenda.break_minutes, settings.booking.case_minutes)
        return _agenda_outgoing(app, version(app, agenda), lang)
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


def _agenda_outgoing(app: App, v: Version, lang: str) -> Outgoing:
    """The agenda (first or, when `v.changed`, an update) to the session's experts."""
    s = v.agenda.session
    kind = core.Kind.AGENDA.value
    experts = attending(app, s.slot)
    if not experts and not app.settings.mail.recipients:
        return Outgoing(v.key, kind, s.slot, "", (), None, "mail.recipients", update=v.changed)
    to = agenda_recipients(app.settings, experts)
    sequence = v.sequence(v.changed)
    msg = agenda_message(app, v.agenda, lang, to=to, update=v.changed, sequence=sequence)
    subject = str(msg["Subject"])
    return Outgoing(
        v.key, kind, s.slot, subject, tuple(to), msg, "", v.fingerprint, sequence, v.changed
    )


def _updates(
    app: App, sessions: Sequence[Session], cases: dict[str, list[Case]], lang: str
) -> list[Outgoing]:
    """Updates of the agendas sent for coming sessions that changed since (issue 13)."""
    found = []
    for s in sessions:
        if s.date <= app.today:
            continue
        agenda = core.build(
            s,
            cases.get(s.slot, []),
            app.settings.agenda.break_minutes,
            app.settings.booking.case_minutes,
        )
        v = version(app, agenda)
        if v.changed:
            found.append(_agenda_outgoing(app, v, lang))
    return found


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
    with store.reading(app.where, app.scope) as register:
        sent_before = {d.key for d in due if register is not None and register.was_sent(d.key)}
    todo = [d for d in due if d.key not in sent_before]
    outgoing = [_outgoing(app, d, cases.get(d.session.slot, []), lang) for d in todo]
    updates = _updates(app, sessions, cases, lang)
    outgoing += updates
    updated = {f"{core.Kind.AGENDA.value}:{o.slot}" for o in updates}
    result.already.extend(sorted(sent_before - updated))
    result.skipped.extend(o for o in outgoing if o.message is None)
    ready = [o for o in outgoing if o.message is not None]
    if not ready:
        return result
    # The dry run checks the configuration the real run needs (issue 13), so it fails the same.
    config = mail_settings.mail_config(settings)
    if dry_run:
        result.planned.extend(ready)
        return result
    for o in ready:
        assert o.message is not None  # noqa: S101 -- filtered above
        with store.sending(app.where):
            if _was_sent(app, o.key):  # another run sent it meanwhile
                result.already.append(o.key)
                continue
            mail.send(config, o.message, o.to)  # no transaction open: bookings go on
            with store.writing(app.where, app.scope) as register:
                register.record_sent(
                    o.key,
                    kind=o.kind,
                    slot=o.slot,
                    recipients=len(o.to),
                    fingerprint=o.fingerprint,
                    sequence=o.sequence,
                )
                register.log("remind", slot=o.slot, count=len(o.to), detail=o.key)
        result.sent.append(o)
    return result


def remind_groups(
    app: App, lang: str, group: str | None = None, *, dry_run: bool = False
) -> Reminded:
    """`remind` for every group of the configuration in one run (issue 15), or for the one
    `group` names. A further group's keys are shown with its prefix (`eho:agenda:2025-03`),
    as the sent log stores them, so that two groups' messages of one month stay apart."""
    if group is not None:
        app.choose_group(group)
    runs = [app] if group is not None else app.each_group()
    result = Reminded(app.today)
    for each in runs:
        scope = each.scope
        done = remind(each, lang, dry_run=dry_run)
        result.already.extend(scope.key(k) for k in done.already)
        for mine, theirs in (
            (result.sent, done.sent),
            (result.skipped, done.skipped),
            (result.planned, done.planned),
        ):
            mine.extend(o._replace(key=scope.key(o.key)) for o in theirs)
    return result


def _was_sent(app: App, key: str) -> bool:
    with store.reading(app.where, app.scope) as register:
        return register is not None and register.was_sent(key)
