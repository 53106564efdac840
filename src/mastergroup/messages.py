"""User-facing sentences in Finnish (default), Swedish and English, keyed by a stable id.

Errors and notes carry a key and parameters; this module renders them. Dates given as `date`
objects are written the way each language writes them (fi/sv 31.3.2023, en 2023-03-31). Every
key has all three languages: tests/test_messages.py enforces it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

LANGUAGES = ("fi", "sv", "en")

# key -> (fi, sv, en)
CATALOG: dict[str, tuple[str, str, str]] = {
    # configuration
    "config.toml_syntax": (
        "{file}: TOML-syntaksivirhe: {detail}. Korjaa tiedosto ja aja `mastergroup config check`.",
        "{file}: fel i TOML-syntaxen: {detail}. Rätta filen och kör `mastergroup config check`.",
        "{file}: TOML syntax error: {detail}. Fix the file and run `mastergroup config check`.",
    ),
    "config.unreadable": (
        "{file}: asetustiedostoa ei voi lukea ({detail}). Tarkista polku tai --config.",
        "{file}: inställningsfilen kan inte läsas ({detail}). Kontrollera sökvägen eller --config.",
        "{file}: cannot read the configuration file ({detail}). Check the path or --config.",
    ),
    "config.unknown_key": (
        "{file}: tuntematon avain '{key}'. Sallitut avaimet: {allowed}.",
        "{file}: okänd nyckel '{key}'. Tillåtna nycklar: {allowed}.",
        "{file}: unknown key '{key}'. Allowed keys: {allowed}.",
    ),
    "config.bad_value": (
        "{file}: avaimen '{key}' arvo {value} ei kelpaa: odotetaan {expected}.",
        "{file}: värdet {value} för nyckeln '{key}' duger inte: väntat {expected}.",
        "{file}: key '{key}' has the value {value}: expected {expected}.",
    ),
    "config.rule_leaves_month": (
        "{file}: sääntö '{key}' antaa vuonna {year} päivän {date}, joka ei ole kuukaudessa "
        "{month}: pienennä 'weeks' tai vaihda sääntöä.",
        "{file}: regeln '{key}' ger år {year} datumet {date}, som inte ligger i månad {month}: "
        "minska 'weeks' eller byt regel.",
        "{file}: rule '{key}' gives {date} in {year}, outside month {month}: lower 'weeks' or "
        "change the rule.",
    ),
    "config.override_no_session": (
        "{file}: '{key}': päivälle {date} ei ole kokoontumista, jota voisi muuttaa. Katso "
        "päivät komennolla `mastergroup sessions --year` ja korjaa 'date'.",
        "{file}: '{key}': det finns inget möte {date} att ändra. Se datumen med `mastergroup "
        "sessions --year` och rätta 'date'.",
        "{file}: '{key}': there is no session on {date} to change. List the dates with "
        "`mastergroup sessions --year` and fix 'date'.",
    ),
    "config.override_add_exists": (
        "{file}: '{key}': päivällä {date} on jo kokoontuminen; poista lisäys tai valitse toinen "
        "päivä.",
        "{file}: '{key}': det finns redan ett möte {date}; ta bort tillägget eller välj ett "
        "annat datum.",
        "{file}: '{key}': there is already a session on {date}; remove the addition or choose "
        "another date.",
    ),
    "config.override_day_off": (
        "{file}: '{key}': {date} on vapaapäivä ({day_off}); valitse toinen päivä.",
        "{file}: '{key}': {date} är en ledig dag ({day_off}); välj ett annat datum.",
        "{file}: '{key}': {date} is a day off ({day_off}); choose another date.",
    ),
    "config.override_times": (
        "{file}: '{key}': päättymisajan on oltava alkamisajan jälkeen ({date}).",
        "{file}: '{key}': sluttiden måste vara efter starttiden ({date}).",
        "{file}: '{key}': the end time must be after the start time ({date}).",
    ),
    "config.exists": (
        "{file} on jo olemassa; lisää --force, jos haluat korvata sen.",
        "{file} finns redan; lägg till --force för att ersätta den.",
        "{file} already exists; add --force to overwrite it.",
    ),
    "config.written": (
        "Asetukset kirjoitettu: {file}",
        "Inställningarna skrevs: {file}",
        "Configuration written: {file}",
    ),
    "config.valid": (
        "{file}: asetukset kunnossa. Seuraavan 12 kuukauden kokoontumiset:",
        "{file}: inställningarna är i ordning. Mötena de kommande 12 månaderna:",
        "{file}: configuration is valid. Sessions of the coming 12 months:",
    ),
    # command-line input
    "input.bad_date": (
        "'{value}' ei ole päivämäärä: anna muodossa VVVV-KK-PP, esim. 2023-03-31.",
        "'{value}' är inget datum: ange det som ÅÅÅÅ-MM-DD, t.ex. 2023-03-31.",
        "'{value}' is not a date: give it as YYYY-MM-DD, e.g. 2023-03-31.",
    ),
    "input.bad_today": (
        "MASTERGROUP_TODAY='{value}' ei ole päivämäärä: anna muodossa VVVV-KK-PP tai poista "
        "muuttuja.",
        "MASTERGROUP_TODAY='{value}' är inget datum: ange ÅÅÅÅ-MM-DD eller ta bort variabeln.",
        "MASTERGROUP_TODAY='{value}' is not a date: give YYYY-MM-DD or unset it.",
    ),
    "input.bad_year": (
        "Vuosi {value} ei kelpaa: anna vuosi väliltä {first}–{last}.",
        "Året {value} duger inte: ange ett år mellan {first} och {last}.",
        "Year {value} is out of range: give a year from {first} to {last}.",
    ),
    "input.range_reversed": (
        "--from ({first}) on --to-päivän ({last}) jälkeen: vaihda päivät keskenään.",
        "--from ({first}) är efter --to ({last}): byt plats på datumen.",
        "--from ({first}) is after --to ({last}): swap the dates.",
    ),
    "input.one_range": (
        "Valitse vain yksi: --year, --from/--to tai --next.",
        "Välj bara ett: --year, --from/--to eller --next.",
        "Choose only one of --year, --from/--to and --next.",
    ),
    "input.bad_lang": (
        "Kieli '{value}' ei ole tuettu: valitse fi, sv tai en.",
        "Språket '{value}' stöds inte: välj fi, sv eller en.",
        "Language '{value}' is not supported: choose fi, sv or en.",
    ),
    "io.write_failed": (
        "Tiedostoa {file} ei voitu kirjoittaa ({detail}); mitään ei kirjoitettu. Valitse "
        "kirjoitettava polku.",
        "Filen {file} kunde inte skrivas ({detail}); inget skrevs. Välj en skrivbar sökväg.",
        "Could not write {file} ({detail}); nothing was written. Choose a writable path.",
    ),
    "internal": (
        "Sisäinen virhe ({detail}). Tietoja ei muutettu. Aja uudelleen MASTERGROUP_DEBUG=1 "
        "-asetuksella ja ilmoita virheestä.",
        "Internt fel ({detail}). Inga data ändrades. Kör igen med MASTERGROUP_DEBUG=1 och "
        "rapportera felet.",
        "Internal error ({detail}). No data was changed. Run again with MASTERGROUP_DEBUG=1 "
        "and report it.",
    ),
    # session notes
    "note.day_off_moved": (
        "siirretty {from_date} → {to_date}: {day_off}",
        "flyttat {from_date} → {to_date}: {day_off}",
        "moved {from_date} → {to_date}: {day_off}",
    ),
    "note.day_off_cancelled": (
        "peruttu: {from_date} on {day_off}",
        "inställt: {from_date} är {day_off}",
        "cancelled: {from_date} is {day_off}",
    ),
    "note.override_moved": (
        "siirretty {from_date} → {to_date}",
        "flyttat {from_date} → {to_date}",
        "moved {from_date} → {to_date}",
    ),
    "note.override_retimed": ("aika muutettu", "tiden ändrad", "time changed"),
    "note.override_cancelled": ("peruttu", "inställt", "cancelled"),
    "note.extra": ("lisäkokoontuminen", "extra möte", "extra session"),
    # labels of tables and documents
    "label.date": ("Päivä", "Datum", "Date"),
    "label.time": ("Aika", "Tid", "Time"),
    "label.booking_deadline": ("Varaus viimeistään", "Bokning senast", "Book by"),
    "label.documents_due": ("Asiakirjat viimeistään", "Handlingar senast", "Documents by"),
    "label.location": ("Paikka", "Plats", "Location"),
    "label.note": ("Huomautus", "Anmärkning", "Note"),
    "label.slots": ("Varattu/vapaa", "Bokade/lediga", "Booked/free"),
    "label.sessions_of": ("Kokoontumiset {what}", "Möten {what}", "Sessions {what}"),
    "label.cancelled": ("peruttu", "inställt", "cancelled"),
    "label.legend": (
        "[pv] = kokoontuminen, pv* = vapaapäivä, ~pv~ = peruttu",
        "[dag] = möte, dag* = ledig dag, ~dag~ = inställt",
        "[day] = session, day* = day off, ~day~ = cancelled",
    ),
    "label.no_sessions": ("Ei kokoontumisia.", "Inga möten.", "No sessions."),
    "location.teams": ("Teams", "Teams", "Teams"),
    "location.in_person": ("lähitapaaminen", "närmöte", "in person"),
    "location.hybrid": ("Teams tai lähitapaaminen", "Teams eller närmöte", "Teams or in person"),
    # --- calendar export (issue 3) ---
    # --- case register (issue 4) ---
    # --- agenda and mail (issue 5) ---
    # --- experts and statements (issue 6) ---
}


def format_date(value: date, lang: str) -> str:
    """A date as written in running text of `lang`."""
    if lang == "en":
        return value.isoformat()
    return f"{value.day}.{value.month}.{value.year}"


def render(key: str, lang: str, /, **params: Any) -> str:
    """The sentence `key` in `lang` (falls back to Finnish), with `params` filled in."""
    texts = CATALOG.get(key)
    if texts is None:
        return key + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    shown = _Params(
        {k: format_date(v, lang) if isinstance(v, date) else v for k, v in params.items()}
    )
    return texts[index].format_map(shown)


class _Params(dict[str, Any]):
    """Parameters for str.format_map; a missing one renders as '?' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"
