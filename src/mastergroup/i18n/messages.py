"""User-facing sentences in Finnish (default), Swedish and English, keyed by a stable id.

Errors and notes carry a key and parameters; this module renders them. Dates given as `date`
objects are written the way each language writes them (fi/sv 31.3.2023, en 2023-03-31). Every
key has all three languages: tests/test_messages.py enforces it.
"""

from __future__ import annotations

import errno
from datetime import date
from typing import Any, NamedTuple

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
    "config.templates_folder": (
        "{file}: 'templates.folder': kansiota {folder} ei ole. Luo kansio tai korjaa polku "
        "(suhteellinen polku luetaan asetustiedoston kansiosta).",
        "{file}: 'templates.folder': mappen {folder} finns inte. Skapa mappen eller rätta "
        "sökvägen (en relativ sökväg utgår från konfigurationsfilens mapp).",
        "{file}: 'templates.folder': the folder {folder} does not exist. Create it or fix the "
        "path (a relative path starts from the configuration file's folder).",
    ),
    "config.required_not_area": (
        "{file}: 'experts.required' sisältää alueen '{area}', jota ei ole listassa "
        "'experts.areas': lisää se sinne tai poista se vaatimuksista.",
        "{file}: 'experts.required' innehåller området '{area}' som inte finns i "
        "'experts.areas': lägg till det där eller ta bort det ur kraven.",
        "{file}: 'experts.required' names the area '{area}', which is not in 'experts.areas': "
        "add it there or remove it from the requirements.",
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
    "config.override_move_onto": (
        "{file}: '{key}': päivällä {date} on jo kokoontuminen; siirrä toiseen päivään tai peru "
        "toinen niistä.",
        "{file}: '{key}': det finns redan ett möte {date}; flytta till ett annat datum eller "
        "ställ in ett av dem.",
        "{file}: '{key}': there is already a session on {date}; move to another date or cancel "
        "one of them.",
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
    "config.identity_code": (
        "{file}: asetuksissa on jotain, mikä näyttää henkilötunnukselta: poista se. "
        "Henkilötunnuksia ei käytetä eikä tallenneta.",
        "{file}: inställningarna innehåller något som liknar en personbeteckning: ta bort det. "
        "Personbeteckningar används och sparas aldrig.",
        "{file}: the configuration contains what looks like a personal identity code: remove "
        "it. Identity codes are never used or stored.",
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
    "input.bad_env_lang": (
        "MASTERGROUP_LANG='{value}' ei ole tuettu kieli: anna fi, sv tai en tai poista muuttuja.",
        "MASTERGROUP_LANG='{value}' är inget språk som stöds: ange fi, sv eller en eller ta bort "
        "variabeln.",
        "MASTERGROUP_LANG='{value}' is not a supported language: give fi, sv or en, or unset it.",
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
    # --- issue 11: identity codes and control characters ---
    "privacy.digits_like_code": (
        "Kentän {field} numerot muodostavat kelvollisen henkilötunnuksen (päivämäärä ja "
        "tarkistusmerkki), eikä sellaista tallenneta. Jos se on puhelinnumero, kirjoita se "
        "välilyönnein (040 123 4567) tai muodossa +358 40 123 4567.",
        "Siffrorna i fältet {field} bildar en giltig personbeteckning (datum och "
        "kontrolltecken), och en sådan sparas aldrig. Är det ett telefonnummer, skriv det med "
        "mellanslag (040 123 4567) eller som +358 40 123 4567.",
        "The digits in {field} form a valid personal identity code (a date and its check "
        "character), which is never stored. If it is a phone number, write it with spaces "
        "(040 123 4567) or as +358 40 123 4567.",
    ),
    "privacy.env_identity_code": (
        "Ympäristömuuttujassa {name} on jotain, mikä näyttää henkilötunnukselta: valitse "
        "polku ilman sitä. Mitään ei luettu eikä tallennettu.",
        "Miljövariabeln {name} innehåller något som ser ut som en personbeteckning: välj en "
        "sökväg utan den. Inget lästes eller sparades.",
        "The environment variable {name} contains what looks like a personal identity code: "
        "choose a path without it. Nothing was read or saved.",
    ),
    "text.unsafe_character": (
        "{field} sisältää näkymättömän ohjausmerkin (tekstin suunnan merkki, C1-ohjausmerkki "
        "tai rivin-/kappaleenerotin): kirjoita arvo uudelleen ilman sitä. Mitään ei tallennettu.",
        "{field} innehåller ett osynligt styrtecken (skrivriktningstecken, C1-styrtecken eller "
        "rad-/styckeavgränsare): skriv värdet på nytt utan det. Inget sparades.",
        "{field} contains an invisible control character (a text direction control, a C1 "
        "control or a line/paragraph separator): type the value again without it. Nothing "
        "was saved.",
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
    "ics.cancelled": ("PERUTTU: {summary}", "INSTÄLLT: {summary}", "CANCELLED: {summary}"),
    "ics.booking_by": ("Varaus viimeistään {date}", "Bokning senast {date}", "Book by {date}"),
    "ics.documents_by": (
        "Asiakirjat viimeistään {date}",
        "Handlingar senast {date}",
        "Documents by {date}",
    ),
    "ics.coordinator": (
        "Koordinoija: {contact}",
        "Koordinator: {contact}",
        "Coordinator: {contact}",
    ),
    "ics.category_session": ("Kokoontuminen", "Möte", "Session"),
    "ics.category_deadline": ("Määräaika", "Tidsfrist", "Deadline"),
    "ics.booking_summary": (
        "Viimeinen varauspäivä: kokoontuminen {date}",
        "Sista bokningsdag: möte {date}",
        "Last day to book: session {date}",
    ),
    "ics.documents_summary": (
        "Asiakirjat viimeistään: kokoontuminen {date}",
        "Handlingar senast: möte {date}",
        "Documents due: session {date}",
    ),
    "ics.session_on": ("{name}: {when}", "{name}: {when}", "{name}: {when}"),
    "ics.written": (
        "Kalenteri kirjoitettu: {file} ({events} tapahtumaa).",
        "Kalendern skrevs: {file} ({events} händelser).",
        "Calendar written: {file} ({events} events).",
    ),
    # --- case register (issue 4) ---
    "case.identity_code": (
        "Kentässä {field} on jotain, mikä näyttää henkilötunnukselta: poista se. "
        "Henkilötunnuksia ei tallenneta; mitään ei tallennettu.",
        "Fältet {field} innehåller något som ser ut som en personbeteckning: ta bort den. "
        "Personbeteckningar sparas aldrig; inget sparades.",
        "The field {field} contains what looks like a personal identity code: remove it. "
        "Identity codes are never stored; nothing was saved.",
    ),
    "case.missing": (
        "Puuttuu: {options}. Anna ne valitsimina (ei päätettä, jolta kysyä); katso "
        "`mastergroup case add --help`.",
        "Saknas: {options}. Ange dem som flaggor (ingen terminal att fråga på); se "
        "`mastergroup case add --help`.",
        "Missing: {options}. Give them as options (no terminal to ask on); see "
        "`mastergroup case add --help`.",
    ),
    "case.session_or_next": (
        "Anna joko --session PÄIVÄ tai --next, ei molempia.",
        "Ange antingen --session DATUM eller --next, inte båda.",
        "Give either --session DATE or --next, not both.",
    ),
    "case.empty_field": (
        "{field} on tyhjä: anna arvo.",
        "{field} är tomt: ange ett värde.",
        "{field} is empty: give a value.",
    ),
    "case.bad_text": (
        "{field} ei kelpaa: enintään {max} merkkiä yhdellä rivillä, ei ohjausmerkkejä.",
        "{field} duger inte: högst {max} tecken på en rad, inga styrtecken.",
        "{field} is not valid: at most {max} characters on one line, no control characters.",
    ),
    "case.bad_email": (
        "{field} ei ole sähköpostiosoite: anna muodossa nimi@kunta.fi.",
        "{field} är ingen e-postadress: ange den som namn@kommun.fi.",
        "{field} is not an e-mail address: give it as name@municipality.fi.",
    ),
    "case.question_count": (
        'Kysymyksiä on {count}: anna 1–{max} kysymystä (-q "..." kullekin).',
        'Det finns {count} frågor: ange 1–{max} frågor (-q "..." för varje).',
        '{count} questions given: give 1 to {max} questions (-q "..." for each).',
    ),
    "case.question_empty": (
        "{field} {number} on tyhjä: kirjoita kysymys tai jätä se pois.",
        "{field} {number} är tom: skriv frågan eller lämna bort den.",
        "{field} {number} is empty: write the question or leave it out.",
    ),
    "case.question_too_long": (
        "{field} {number} on {length} merkkiä: lyhennä enintään {max} merkkiin.",
        "{field} {number} har {length} tecken: förkorta till högst {max} tecken.",
        "{field} {number} has {length} characters: shorten it to at most {max}.",
    ),
    "case.too_many_expertise": (
        "{field}: enintään {max} asiantuntemusta; yhdistä tai karsi.",
        "{field}: högst {max} sakkunskaper; slå ihop eller gallra.",
        "{field}: at most {max} kinds of expertise; combine or drop some.",
    ),
    "case.bad_matter": (
        "{field} ei kelpaa: valitse {allowed}.",
        "{field} duger inte: välj {allowed}.",
        "{field} is not valid: choose {allowed}.",
    ),
    "case.bad_status": (
        "{field} ei kelpaa: valitse {allowed}.",
        "{field} duger inte: välj {allowed}.",
        "{field} is not valid: choose {allowed}.",
    ),
    "case.no_session": (
        "Päivälle {date} ei ole kokoontumista (lähimmät: {before} ja {after}); katso "
        "`mastergroup sessions`.",
        "Det finns inget möte {date} (närmaste: {before} och {after}); se `mastergroup sessions`.",
        "There is no session on {date} (the nearest: {before} and {after}); see "
        "`mastergroup sessions`.",
    ),
    "case.no_session_listed": (
        "Päivälle {date} ei ole kokoontumista; katso päivät komennolla `mastergroup sessions`.",
        "Det finns inget möte {date}; se datumen med `mastergroup sessions`.",
        "There is no session on {date}; list the dates with `mastergroup sessions`.",
    ),
    "case.session_cancelled": (
        "Kokoontuminen {date} on peruttu: valitse toinen (`mastergroup sessions --next 3`).",
        "Mötet {date} är inställt: välj ett annat (`mastergroup sessions --next 3`).",
        "The session on {date} is cancelled: choose another (`mastergroup sessions --next 3`).",
    ),
    "case.session_past": (
        "Kokoontuminen {date} on jo mennyt (tänään {today}): valitse tuleva kokoontuminen "
        "(`mastergroup sessions --next 3`).",
        "Mötet {date} har redan varit (i dag {today}): välj ett kommande möte "
        "(`mastergroup sessions --next 3`).",
        "The session on {date} is in the past (today is {today}): choose a coming one "
        "(`mastergroup sessions --next 3`).",
    ),
    "case.cutoff_passed": (
        "Varausaika kokoontumiseen {date} päättyi {cutoff}. Seuraava avoin kokoontuminen on "
        "{next} (varaa viimeistään {next_cutoff}); koordinoija voi ohittaa määräajan: "
        '--late --reason "...".',
        "Bokningstiden för mötet {date} gick ut {cutoff}. Nästa öppna möte är {next} (boka "
        'senast {next_cutoff}); koordinatorn kan åsidosätta: --late --reason "...".',
        "The booking cutoff for the session on {date} was {cutoff}. The next session still "
        "open is {next} (book by {next_cutoff}); the coordinator may override with "
        '--late --reason "...".',
    ),
    "case.cutoff_passed_none": (
        "Varausaika kokoontumiseen {date} päättyi {cutoff}, eikä avointa kokoontumista ole "
        'kahteen vuoteen; koordinoija voi ohittaa määräajan: --late --reason "...".',
        "Bokningstiden för mötet {date} gick ut {cutoff} och inget möte är öppet de "
        'kommande två åren; koordinatorn kan åsidosätta: --late --reason "...".',
        "The booking cutoff for the session on {date} was {cutoff}, and no session is open "
        'in the next two years; the coordinator may override with --late --reason "...".',
    ),
    "case.full": (
        "Kokoontuminen {date} on täynnä ({capacity}/{capacity}). Seuraava kokoontuminen, "
        "jossa on tilaa: {next} (varaa viimeistään {next_cutoff}); tai lisää --waitlist, niin "
        "asia jonottaa kokoontumiseen {date}.",
        "Mötet {date} är fullt ({capacity}/{capacity}). Nästa möte med lediga platser: {next} "
        "(boka senast {next_cutoff}); eller lägg till --waitlist för att köa till mötet {date}.",
        "The session on {date} is full ({capacity}/{capacity}). The next session with a free "
        "place: {next} (book by {next_cutoff}); or add --waitlist to join the waiting list "
        "for {date}.",
    ),
    "case.full_none": (
        "Kokoontuminen {date} on täynnä ({capacity}/{capacity}), eikä vapaata paikkaa ole "
        "kahteen vuoteen; lisää --waitlist, niin asia jonottaa kokoontumiseen {date}.",
        "Mötet {date} är fullt ({capacity}/{capacity}) och ingen plats är ledig de kommande "
        "två åren; lägg till --waitlist för att köa till mötet {date}.",
        "The session on {date} is full ({capacity}/{capacity}) and no place is free in the "
        "next two years; add --waitlist to join the waiting list for {date}.",
    ),
    "case.no_open_session": (
        "Seuraavan {months} kuukauden aikana ei ole avointa kokoontumista, jossa on tilaa: "
        "valitse päivä --session PÄIVÄ ja lisää --waitlist.",
        "Inget öppet möte med lediga platser de kommande {months} månaderna: välj ett datum "
        "med --session DATUM och lägg till --waitlist.",
        "No open session with a free place in the next {months} months: choose one with "
        "--session DATE and add --waitlist.",
    ),
    "case.late_needs_reason": (
        '--late vaatii syyn: lisää --reason "..." (syy tallennetaan ja näytetään).',
        '--late kräver ett skäl: lägg till --reason "..." (skälet sparas och visas).',
        '--late needs a reason: add --reason "..." (it is kept and shown).',
    ),
    "case.reason_needs_late": (
        "--reason kuuluu myöhäiseen varaukseen: lisää --late tai poista --reason.",
        "--reason hör till en sen bokning: lägg till --late eller ta bort --reason.",
        "--reason goes with a late booking: add --late or drop --reason.",
    ),
    "case.late_with_next": (
        "--late koskee vain --session PÄIVÄ -varausta; --next valitsee aina avoimen kokoontumisen.",
        "--late gäller bara --session DATUM; --next väljer alltid ett öppet möte.",
        "--late applies to --session DATE only; --next always picks an open session.",
    ),
    "case.duplicate_ref": (
        "Viite {ref} on jo kokoontumisessa {date}: käytä eri viitettä (esim. {ref}-2).",
        "Referensen {ref} finns redan på mötet {date}: använd en annan (t.ex. {ref}-2).",
        "The reference {ref} is already booked for {date}: use another (e.g. {ref}-2).",
    ),
    "case.not_found": (
        "Asiaa {ref} ei löydy: katso viitteet komennolla `mastergroup case list --all`.",
        "Ärendet {ref} finns inte: se referenserna med `mastergroup case list --all`.",
        "No case {ref}: list the references with `mastergroup case list --all`.",
    ),
    "case.not_found_in": (
        "Asiaa {ref} ei löydy kokoontumisesta {date}: katso `mastergroup case list --all`.",
        "Ärendet {ref} finns inte på mötet {date}: se `mastergroup case list --all`.",
        "No case {ref} in the session on {date}: see `mastergroup case list --all`.",
    ),
    "case.ambiguous": (
        "Viite {ref} on useassa kokoontumisessa ({dates}): valitse --session PÄIVÄ.",
        "Referensen {ref} finns på flera möten ({dates}): välj med --session DATUM.",
        "The reference {ref} is in several sessions ({dates}): choose one with --session DATE.",
    ),
    "case.nothing_to_edit": (
        "Ei muutettavaa: anna ainakin yksi kenttä, esim. --email tai -q.",
        "Inget att ändra: ange minst ett fält, t.ex. --email eller -q.",
        "Nothing to change: give at least one field, e.g. --email or -q.",
    ),
    "case.questions_locked": (
        "Kysymyksiä voi muuttaa asiakirjojen määräpäivään {deadline} asti (kokoontuminen "
        "{date}); sovi muutoksesta ryhmän kanssa.",
        "Frågorna kan ändras fram till handlingarnas sista dag {deadline} (mötet {date}); "
        "kom överens om ändringen med gruppen.",
        "Questions can be changed until the document deadline {deadline} (session {date}); "
        "agree on the change with the group.",
    ),
    "case.same_session": (
        "Asia {ref} on jo kokoontumisessa {date}: valitse toinen päivä.",
        "Ärendet {ref} är redan på mötet {date}: välj ett annat datum.",
        "The case {ref} is already in the session on {date}: choose another date.",
    ),
    "case.not_movable": (
        "Asiaa {ref} ei voi siirtää, koska sen tila on '{status}'.",
        "Ärendet {ref} kan inte flyttas eftersom dess status är '{status}'.",
        "The case {ref} cannot be moved: its status is '{status}'.",
    ),
    "case.bad_transition": (
        "Asian {ref} tilaa '{status}' ei voi muuttaa tilaan '{target}'; katso "
        "`mastergroup case status --help`.",
        "Ärendet {ref} kan inte gå från '{status}' till '{target}'; se "
        "`mastergroup case status --help`.",
        "The case {ref} cannot go from '{status}' to '{target}'; see "
        "`mastergroup case status --help`.",
    ),
    "case.discussed_waiting": (
        "Asia {ref} on jonossa, joten sitä ei ole käsitelty: siirrä se ensin paikalle.",
        "Ärendet {ref} står i kö och har inte behandlats: flytta det först till en plats.",
        "The case {ref} is on the waiting list and was not discussed: give it a place first.",
    ),
    "case.discussed_early": (
        "Asiaa {ref} käsitellään vasta {date}: merkitse se käsitellyksi kokouksen jälkeen.",
        "Ärendet {ref} behandlas först {date}: markera det efter mötet.",
        "The case {ref} is discussed on {date}: mark it after the meeting.",
    ),
    "case.status_use_withdraw": (
        'Peru asia komennolla `mastergroup case withdraw VIITE --reason "..."`.',
        'Återkalla ärendet med `mastergroup case withdraw REF --reason "..."`.',
        'Withdraw a case with `mastergroup case withdraw REF --reason "..."`.',
    ),
    "case.status_use_documents": (
        "Kirjaa asiakirjat komennolla `mastergroup case documents VIITE --received`.",
        "Registrera handlingarna med `mastergroup case documents REF --received`.",
        "Record documents with `mastergroup case documents REF --received`.",
    ),
    "case.status_use_move": (
        "Jonoon siirretään komennolla `mastergroup case move VIITE --session PÄIVÄ --waitlist`.",
        "Till kön flyttar man med `mastergroup case move REF --session DATUM --waitlist`.",
        "Join a waiting list with `mastergroup case move REF --session DATE --waitlist`.",
    ),
    "case.documents_future": (
        "Saapumispäivä {date} on tulevaisuudessa (tänään {today}): anna --date, joka ei ole "
        "tämän päivän jälkeen.",
        "Ankomstdagen {date} ligger i framtiden (i dag {today}): ange ett --date som inte är "
        "senare än i dag.",
        "The arrival date {date} is in the future (today is {today}): give a --date no later "
        "than today.",
    ),
    "case.purge_future": (
        "--before {before} on tämän päivän ({today}) jälkeen: poisto koskee vain pidettyjä "
        "kokoontumisia.",
        "--before {before} är efter i dag ({today}): gallringen gäller bara hållna möten.",
        "--before {before} is after today ({today}): purging removes only sessions already held.",
    ),
    "case.purge_needs_yes": (
        "Poistettavia asioita on {count}: vahvista lisäämällä --yes (ei päätettä, jolta kysyä).",
        "{count} ärenden skulle raderas: bekräfta med --yes (ingen terminal att fråga på).",
        "{count} cases would be deleted: confirm with --yes (no terminal to ask on).",
    ),
    "case.purge_needs_yes.one": (  # count == 1
        "Poistettavia asioita on 1: vahvista lisäämällä --yes (ei päätettä, jolta kysyä).",
        "1 ärende skulle raderas: bekräfta med --yes (ingen terminal att fråga på).",
        "1 case would be deleted: confirm with --yes (no terminal to ask on).",
    ),
    "case.store_busy": (
        "Rekisteri {file} on varattuna yli {seconds} s (toinen mastergroup kirjoittaa): "
        "yritä uudelleen.",
        "Registret {file} har varit upptaget i över {seconds} s (en annan mastergroup "
        "skriver): försök igen.",
        "The register {file} was busy for over {seconds} s (another mastergroup is writing): "
        "try again.",
    ),
    "case.store_failed": (
        "Rekisteriä {file} ei voi käyttää ({detail}); mitään ei muutettu. Tarkista "
        "MASTERGROUP_HOME ja levytila.",
        "Registret {file} kan inte användas ({detail}); inget ändrades. Kontrollera "
        "MASTERGROUP_HOME och diskutrymmet.",
        "Cannot use the register {file} ({detail}); nothing was changed. Check "
        "MASTERGROUP_HOME and the disk space.",
    ),
    "case.store_newer": (
        "Rekisterin {file} on tehnyt uudempi mastergroup (skeema {version}): päivitä mastergroup.",
        "Registret {file} skapades av en nyare mastergroup (schema {version}): uppdatera "
        "mastergroup.",
        "The register {file} was written by a newer mastergroup (schema {version}): upgrade "
        "mastergroup.",
    ),
    "case.import_unreadable": (
        "Tiedostoa {file} ei voi lukea ({detail}): tarkista polku.",
        "Filen {file} kan inte läsas ({detail}): kontrollera sökvägen.",
        "Cannot read {file} ({detail}): check the path.",
    ),
    "case.import_bad_json": (
        "{file} ei ole kelvollista JSONia (rivi {line}): käytä `mastergroup case export` "
        "-komennon tekemää tiedostoa.",
        "{file} är inte giltig JSON (rad {line}): använd en fil från `mastergroup case export`.",
        "{file} is not valid JSON (line {line}): use a file made by `mastergroup case export`.",
    ),
    "case.import_not_backup": (
        "{file} ei ole mastergroupin varmuuskopio: käytä `mastergroup case export` -komennon "
        "tekemää tiedostoa.",
        "{file} är ingen säkerhetskopia från mastergroup: använd en fil från `mastergroup "
        "case export`.",
        "{file} is not a mastergroup backup: use a file made by `mastergroup case export`.",
    ),
    "case.import_version": (
        "{file} on varmuuskopion versiota {version}; tämä mastergroup tuntee version {known}: "
        "päivitä mastergroup.",
        "{file} är en säkerhetskopia av version {version}; denna mastergroup känner version "
        "{known}: uppdatera mastergroup.",
        "{file} is a backup of version {version}; this mastergroup reads version {known}: "
        "upgrade mastergroup.",
    ),
    "case.import_field": (
        "{file}: kenttä {field} ei kelpaa: odotetaan {expected}. Mitään ei tuotu.",
        "{file}: fältet {field} duger inte: väntat {expected}. Inget importerades.",
        "{file}: field {field} is not valid: expected {expected}. Nothing was imported.",
    ),
    "case.import_duplicate": (
        "{file}: {field}: viite {ref} on samassa kokoontumisessa kahdesti. Mitään ei tuotu.",
        "{file}: {field}: referensen {ref} finns två gånger på samma möte. Inget importerades.",
        "{file}: {field}: the reference {ref} appears twice in one session. Nothing was imported.",
    ),
    "case.import_not_empty": (
        "Rekisterissä on jo {count} asiaa: varmuuskopio palautetaan tyhjään rekisteriin "
        "(käytä uutta MASTERGROUP_HOME-kansiota). Mitään ei tuotu.",
        "Registret har redan {count} ärenden: en säkerhetskopia återställs till ett tomt "
        "register (använd en ny MASTERGROUP_HOME). Inget importerades.",
        "The register already holds {count} cases: a backup is restored into an empty "
        "register (use a new MASTERGROUP_HOME). Nothing was imported.",
    ),
    "case.import_not_empty.one": (  # count == 1
        "Rekisterissä on jo 1 asia: varmuuskopio palautetaan tyhjään rekisteriin "
        "(käytä uutta MASTERGROUP_HOME-kansiota). Mitään ei tuotu.",
        "Registret har redan 1 ärende: en säkerhetskopia återställs till ett tomt "
        "register (använd en ny MASTERGROUP_HOME). Inget importerades.",
        "The register already holds 1 case: a backup is restored into an empty "
        "register (use a new MASTERGROUP_HOME). Nothing was imported.",
    ),
    "case.import_not_empty_other": (
        "Rekisterissä on jo asiantuntijoita tai tietoja lähetetyistä viesteistä: varmuuskopio "
        "palautetaan tyhjään rekisteriin (käytä uutta MASTERGROUP_HOME-kansiota). Mitään ei "
        "tuotu.",
        "Registret har redan experter eller uppgifter om skickad e-post: en säkerhetskopia "
        "återställs till ett tomt register (använd en ny MASTERGROUP_HOME). Inget importerades.",
        "The register already holds experts or records of sent mail: a backup is restored into "
        "an empty register (use a new MASTERGROUP_HOME). Nothing was imported.",
    ),
    "case.import_version_text": (
        "{file}: kentän version on oltava kokonaisluku ilman lainausmerkkejä ({known}). Mitään "
        "ei tuotu.",
        "{file}: fältet version ska vara ett heltal utan citattecken ({known}). Inget "
        "importerades.",
        "{file}: the field version must be a whole number without quotes ({known}). Nothing "
        "was imported.",
    ),
    "case.import_duplicate_expert": (
        "{file}: {field}: sama asiantuntijan nimi on tiedostossa kahdesti (isot ja pienet "
        "kirjaimet samoina). Mitään ei tuotu.",
        "{file}: {field}: samma expertnamn finns två gånger i filen (stora och små bokstäver "
        "lika). Inget importerades.",
        "{file}: {field}: the same expert name appears twice (ignoring case). Nothing was "
        "imported.",
    ),
    "case.import_over_capacity": (
        "{file}: kokoontumisessa {date} olisi {count} paikan saanutta asiaa, mutta paikkoja on "
        "{capacity}. Nosta asetus booking.capacity tuonnin ajaksi arvoon {count}, laske se "
        "sitten takaisin ja siirrä tai peru ylimääräiset asiat (tai merkitse ne tiedostossa "
        "jonoon). Mitään ei tuotu.",
        "{file}: mötet {date} skulle ha {count} ärenden med plats, men antalet platser är "
        "{capacity}. Höj booking.capacity till {count} under importen, sänk det sedan och "
        "flytta eller återkalla de extra ärendena (eller sätt dem i kö i filen). Inget "
        "importerades.",
        "{file}: the session on {date} would have {count} cases holding a place, but its "
        "capacity is {capacity}. Raise booking.capacity to {count} for the import, then lower "
        "it and move or withdraw the extra cases (or put them on the waiting list in the "
        "file). Nothing was imported.",
    ),
    # results
    "case.added": (
        "Varattu: {ref}, {session} ({booked}/{capacity} paikkaa varattu).",
        "Bokat: {ref}, {session} ({booked}/{capacity} platser bokade).",
        "Booked: {ref}, {session} ({booked}/{capacity} places taken).",
    ),
    "case.added_waitlist": (
        "Jonossa: {ref}, {session}, jonosija {position}. Asia saa paikan, kun paikka vapautuu.",
        "I kö: {ref}, {session}, köplats {position}. Ärendet får en plats när en blir ledig.",
        "Waiting list: {ref}, {session}, position {position}. It gets a place when one frees.",
    ),
    "case.late_note": (
        "Myöhäinen varaus (määräaika {cutoff}), syy: {reason}",
        "Sen bokning (sista dag {cutoff}), skäl: {reason}",
        "Late booking (cutoff {cutoff}), reason: {reason}",
    ),
    "case.promoted": (
        "Jonosta paikalle: {ref} ({session}).",
        "Från kön till en plats: {ref} ({session}).",
        "Promoted {ref} from the waiting list to a place ({session}).",
    ),
    "case.moved": (
        "Siirretty: {ref}, {from_date} → {session}.",
        "Flyttat: {ref}, {from_date} → {session}.",
        "Moved: {ref}, {from_date} → {session}.",
    ),
    "case.moved_waitlist": (
        "Siirretty jonoon: {ref}, {from_date} → {session}, jonosija {position}.",
        "Flyttat till kön: {ref}, {from_date} → {session}, köplats {position}.",
        "Moved to the waiting list: {ref}, {from_date} → {session}, position {position}.",
    ),
    "case.edited": (
        "Muutettu: {ref} ({fields}).",
        "Ändrat: {ref} ({fields}).",
        "Changed: {ref} ({fields}).",
    ),
    "case.unchanged": (
        "Ei muutoksia: {ref} oli jo näin.",
        "Inga ändringar: {ref} var redan så.",
        "No change: {ref} was already so.",
    ),
    "case.withdrawn_done": (
        "Peruttu: {ref}, {session}.",
        "Återkallat: {ref}, {session}.",
        "Withdrawn: {ref}, {session}.",
    ),
    "case.documents_done": (
        "Asiakirjat saapuneet: {ref}, {date}.",
        "Handlingarna har kommit: {ref}, {date}.",
        "Documents received: {ref}, {date}.",
    ),
    "case.status_done": (
        "Tila: {ref} → {status}.",
        "Status: {ref} → {status}.",
        "Status: {ref} → {status}.",
    ),
    "case.purge_confirm": (
        "Poistetaanko {count} asiaa, joiden kokoontuminen oli ennen {before}?",
        "Radera {count} ärenden vars möte var före {before}?",
        "Delete {count} cases whose session was before {before}?",
    ),
    "case.purge_confirm.one": (  # count == 1
        "Poistetaanko 1 asia, jonka kokoontuminen oli ennen {before}?",
        "Radera 1 ärende vars möte var före {before}?",
        "Delete 1 case whose session was before {before}?",
    ),
    "case.purged": (
        "Poistettu {count} asiaa (kokoontumiset ennen {before}).",
        "Raderade {count} ärenden (möten före {before}).",
        "Deleted {count} cases (sessions before {before}).",
    ),
    "case.purged.one": (  # count == 1
        "Poistettu 1 asia (kokoontumiset ennen {before}).",
        "Raderade 1 ärende (möten före {before}).",
        "Deleted 1 case (sessions before {before}).",
    ),
    "case.purge_cancelled": (
        "Ei poistettu mitään.",
        "Inget raderades.",
        "Nothing was deleted.",
    ),
    "case.imported": (
        "Tuotu {cases} asiaa ja {audit} lokiriviä.",
        "Importerade {cases} ärenden och {audit} loggrader.",
        "Imported {cases} cases and {audit} audit lines.",
    ),
    "case.imported_all": (
        "Tuotu {cases} asiaa, {experts} asiantuntijaa osallistumisineen, {sent} lähetetyn "
        "viestin merkintää ja {audit} lokiriviä.",
        "Importerade {cases} ärenden, {experts} experter med deltagande, {sent} poster om "
        "skickad post och {audit} loggrader.",
        "Imported {cases} cases, {experts} experts with their attendance, {sent} sent-mail "
        "records and {audit} audit lines.",
    ),
    "case.exported": (
        "Varmuuskopio kirjoitettu: {file} ({count} asiaa). Säilytä se vain omistajan luettavana.",
        "Säkerhetskopian skrevs: {file} ({count} ärenden). Förvara den läsbar endast för ägaren.",
        "Backup written: {file} ({count} cases). Keep it readable by its owner only.",
    ),
    "case.exported.one": (  # count == 1
        "Varmuuskopio kirjoitettu: {file} (1 asia). Säilytä se vain omistajan luettavana.",
        "Säkerhetskopian skrevs: {file} (1 ärende). Förvara den läsbar endast för ägaren.",
        "Backup written: {file} (1 case). Keep it readable by its owner only.",
    ),
    "case.none": ("Ei asioita.", "Inga ärenden.", "No cases."),
    # prompts (a terminal asks for what is missing)
    "case.prompt.session": (
        "Kokoontumispäivä (VVVV-KK-PP)",
        "Mötesdatum (ÅÅÅÅ-MM-DD)",
        "Session date (YYYY-MM-DD)",
    ),
    "case.prompt.ref": (
        "Asian viite (oma asianumero tai pseudonyymi)",
        "Ärendets referens (eget ärendenummer eller pseudonym)",
        "Case reference (your case number or a pseudonym)",
    ),
    "case.prompt.worker": (
        "Vastuusosiaalityöntekijä",
        "Ansvarig socialarbetare",
        "Responsible social worker",
    ),
    "case.prompt.email": ("Sähköposti", "E-post", "E-mail"),
    "case.prompt.municipality": ("Kunta tai yksikkö", "Kommun eller enhet", "Municipality or unit"),
    "case.prompt.question": ("Kysymys {number}", "Fråga {number}", "Question {number}"),
    "case.prompt.more": (
        "Kysymys {number} (tyhjä = valmis)",
        "Fråga {number} (tom = klar)",
        "Question {number} (empty = done)",
    ),
    "case.prompt.reason": ("Syy", "Skäl", "Reason"),
    # labels
    "case.label.ref": ("Viite", "Referens", "Reference"),
    "case.label.session": ("Kokoontuminen", "Möte", "Session"),
    "case.label.status": ("Tila", "Status", "Status"),
    "case.label.worker": ("Vastuutyöntekijä", "Ansvarig arbetare", "Social worker"),
    "case.label.municipality": ("Kunta/yksikkö", "Kommun/enhet", "Municipality/unit"),
    "case.label.matter": ("Asia", "Ärende", "Matter"),
    "case.label.expertise": ("Asiantuntemus", "Sakkunskap", "Expertise"),
    "case.label.questions": ("Kysymykset", "Frågor", "Questions"),
    "case.label.documents": ("Asiakirjat", "Handlingar", "Documents"),
    "case.label.documents_state": (
        "viimeistään {due}; saapuneet {received}",
        "senast {due}; kom {received}",
        "due {due}; received {received}",
    ),
    "case.label.late": ("Myöhäinen varaus", "Sen bokning", "Late booking"),
    "case.label.withdrawn": ("Perumisen syy", "Skäl för återkallelse", "Withdrawn because"),
    "case.label.created": ("Kirjattu", "Registrerat", "Recorded"),
    "case.label.updated": ("Muutettu", "Ändrat", "Changed"),
    "case.label.waiting": ("jonossa {position}.", "i kö {position}.", "waiting list {position}"),
    "case.label.count_questions": ("{count} kys.", "{count} fr.", "{count} q."),
    "case.label.when": ("Aika", "Tid", "Time"),
    "case.label.command": ("Komento", "Kommando", "Command"),
    "case.label.fields": ("Kentät", "Fält", "Fields"),
    "case.status.booked": ("varattu", "bokat", "booked"),
    "case.status.documents_received": (
        "asiakirjat saapuneet",
        "handlingar mottagna",
        "documents received",
    ),
    "case.status.discussed": ("käsitelty", "behandlat", "discussed"),
    "case.status.statement_delivered": (
        "lausunto toimitettu",
        "utlåtande levererat",
        "statement delivered",
    ),
    "case.status.withdrawn": ("peruttu", "återkallat", "withdrawn"),
    "case.matter.care_order_preparation": (
        "huostaanoton valmistelu",
        "förberedelse av omhändertagande",
        "care order preparation",
    ),
    "case.matter.substitute_care": ("sijaishuolto", "vård utom hemmet", "substitute care"),
    "case.matter.ending_care_order": (
        "huostaanoton lopettaminen",
        "upphörande av omhändertagande",
        "ending a care order",
    ),
    "case.matter.community_care": ("avohuolto", "öppenvård", "community care"),
    "case.matter.other": ("muu", "annat", "other"),
    # --- agenda and mail (issue 5) ---
    "mail.not_configured": (
        "{file}: sähköpostia ei ole määritetty: aseta avain '{key}'.",
        "{file}: e-post är inte konfigurerad: ange nyckeln '{key}'.",
        "{file}: mail is not configured: set the key '{key}'.",
    ),
    "mail.password_in_config": (
        "{file}: salasanaa ei kirjoiteta asetustiedostoon: poista 'mail.password' ja laita "
        "salasana mail.password_env-avaimen nimeämään ympäristömuuttujaan tai "
        "mail.password_file-tiedostoon.",
        "{file}: lösenordet skrivs inte i inställningsfilen: ta bort 'mail.password' och lägg "
        "det i miljövariabeln som mail.password_env anger eller i mail.password_file.",
        "{file}: a password does not go in the configuration file: remove 'mail.password' and "
        "put it in the environment variable named by mail.password_env or in mail.password_file.",
    ),
    "mail.no_password": (
        "{file}: mail.user on asetettu, mutta ympäristömuuttuja {variable} on tyhjä: aseta "
        "salasana siihen tai anna mail.password_file.",
        "{file}: mail.user är satt men miljövariabeln {variable} är tom: lägg lösenordet där "
        "eller ange mail.password_file.",
        "{file}: mail.user is set but the environment variable {variable} is empty: put the "
        "password there or set mail.password_file.",
    ),
    "mail.password_file_unreadable": (
        "Salasanatiedostoa {file} ei voi lukea ({detail}): tarkista mail.password_file.",
        "Lösenordsfilen {file} kan inte läsas ({detail}): kontrollera mail.password_file.",
        "Cannot read the password file {file} ({detail}): check mail.password_file.",
    ),
    "mail.ca_file": (
        "CA-tiedostoa {file} ei voi käyttää ({detail}): tarkista mail.ca_file.",
        "CA-filen {file} kan inte användas ({detail}): kontrollera mail.ca_file.",
        "Cannot use the CA file {file} ({detail}): check mail.ca_file.",
    ),
    "mail.no_recipients": (
        "Viestillä ei ole vastaanottajia: aseta mail.recipients.",
        "Meddelandet har inga mottagare: ange mail.recipients.",
        "The message has no recipients: set mail.recipients.",
    ),
    "mail.failed": (
        "Sähköpostipalvelin {server} ei vastaa (vaihe {step}: {detail}); mitään ei lähetetty. "
        "Tarkista mail.host ja mail.port.",
        "E-postservern {server} svarar inte (steg {step}: {detail}); inget skickades. "
        "Kontrollera mail.host och mail.port.",
        "Mail server {server} failed ({step}: {detail}); nothing was sent. Check mail.host and "
        "mail.port.",
    ),
    "mail.timeout": (
        "Sähköpostipalvelin {server} ei vastannut {seconds} sekunnissa (vaihe {step}); mitään "
        "ei lähetetty.",
        "E-postservern {server} svarade inte på {seconds} s (steg {step}); inget skickades.",
        "Mail server {server} did not answer in {seconds} s ({step}); nothing was sent.",
    ),
    "mail.tls_failed": (
        "TLS-yhteys palvelimeen {server} epäonnistui ({detail}); mitään ei lähetetty. Tarkista "
        "mail.security ja mail.ca_file.",
        "TLS-förbindelsen till {server} misslyckades ({detail}); inget skickades. Kontrollera "
        "mail.security och mail.ca_file.",
        "TLS with {server} failed ({detail}); nothing was sent. Check mail.security and "
        "mail.ca_file.",
    ),
    "mail.auth_failed": (
        "Palvelin {server} hylkäsi kirjautumisen ({detail}); mitään ei lähetetty. Tarkista "
        "mail.user ja salasana.",
        "Servern {server} avvisade inloggningen ({detail}); inget skickades. Kontrollera "
        "mail.user och lösenordet.",
        "Mail server {server} refused the login ({detail}); nothing was sent. Check mail.user "
        "and the password.",
    ),
    "mail.not_supported": (
        "Palvelin {server} ei tue vaihetta {step}: tarkista mail.security ja mail.port.",
        "Servern {server} stöder inte steget {step}: kontrollera mail.security och mail.port.",
        "Mail server {server} does not support {step}: check mail.security and mail.port.",
    ),
    "mail.refused": (
        "Palvelin {server} hylkäsi viestin ({detail}); mitään ei merkitty lähetetyksi.",
        "Servern {server} avvisade meddelandet ({detail}); inget markerades som skickat.",
        "Mail server {server} refused the message ({detail}); nothing was recorded as sent.",
    ),
    "agenda.no_session": (
        "Päivälle {date} ei ole kokoontumista: katso päivät komennolla `mastergroup sessions`.",
        "Det finns inget möte {date}: se datumen med `mastergroup sessions`.",
        "There is no session on {date}: list the dates with `mastergroup sessions`.",
    ),
    "agenda.none_ahead": (
        "Tulevia kokoontumisia ei ole: tarkista asetukset.",
        "Det finns inga kommande möten: kontrollera inställningarna.",
        "There are no sessions ahead: check the configuration.",
    ),
    "agenda.title": ("Asialista", "Föredragningslista", "Agenda"),
    "agenda.subject": (
        "{name}: asialista {when}",
        "{name}: föredragningslista {when}",
        "{name}: agenda {when}",
    ),
    "agenda.no_cases": ("Ei varattuja asioita.", "Inga bokade ärenden.", "No cases booked."),
    "agenda.break": ("Tauko {minutes} min asioiden välillä.", "Paus {minutes} min mellan "
                     "ärendena.", "Break of {minutes} min between cases."),
    "agenda.case": ("Asia {number}", "Ärende {number}", "Case {number}"),
    "agenda.docs_yes": ("saapuneet {date}", "har kommit {date}", "received {date}"),
    "agenda.docs_no": (
        "eivät ole saapuneet (määräaika {date})",
        "har inte kommit (senast {date})",
        "not received (due {date})",
    ),
    "agenda.questions_hidden": (
        "Kysymykset ovat koordinoijalla.",
        "Frågorna finns hos koordinatorn.",
        "The questions are with the coordinator.",
    ),
    "agenda.attachment": (
        "Kokoontuminen on liitteenä kalenterikutsuna (.ics).",
        "Mötet finns som kalenderfil (.ics) i bilagan.",
        "The session is attached as a calendar file (.ics).",
    ),
    "agenda.sent": (
        "Asialista lähetetty {count} vastaanottajalle palvelimen {server} kautta.",
        "Föredragningslistan skickades till {count} mottagare via {server}.",
        "Agenda sent to {count} recipients through {server}.",
    ),
    "agenda.sent.one": (  # count == 1
        "Asialista lähetetty 1 vastaanottajalle palvelimen {server} kautta.",
        "Föredragningslistan skickades till 1 mottagare via {server}.",
        "Agenda sent to 1 recipient through {server}.",
    ),
    "agenda.cancelled": (
        "Kokoontuminen {date} on peruttu.",
        "Mötet {date} är inställt.",
        "The session on {date} is cancelled.",
    ),
    "remind.documents_subject": (
        "{name}: asiakirjoja puuttuu ({when})",
        "{name}: handlingar saknas ({when})",
        "{name}: documents missing ({when})",
    ),
    "remind.documents_intro": (
        "Näiden asioiden asiakirjat eivät ole saapuneet (määräaika {date}):",
        "Handlingarna för dessa ärenden har inte kommit (senast {date}):",
        "The documents of these cases have not arrived (due {date}):",
    ),
    "remind.cutoff_subject": (
        "{name}: varaukset {date} mennessä ({when})",
        "{name}: boka senast {date} ({when})",
        "{name}: book by {date} ({when})",
    ),
    "remind.cutoff_intro": (
        "Seuraavaan kokoontumiseen {when} on vapaana {free}/{capacity} paikkaa. Varaukset "
        "viimeistään {date}.",
        "Till nästa möte {when} finns {free}/{capacity} lediga platser. Boka senast {date}.",
        "The next session, {when}, has {free} of {capacity} places free. Book by {date}.",
    ),
    "remind.cutoff_contact": (
        "Varaukset: {contact}",
        "Bokningar: {contact}",
        "Bookings: {contact}",
    ),
    "remind.statements_subject": (
        "{name}: lausuntoja toimittamatta ({when})",
        "{name}: utlåtanden ej levererade ({when})",
        "{name}: statements not delivered ({when})",
    ),
    "remind.statements_intro": (
        "Näiden asioiden lausuntoa ei ole merkitty toimitetuksi:",
        "Utlåtandet för dessa ärenden har inte markerats som levererat:",
        "The statement of these cases is not marked delivered:",
    ),
    "remind.sent": (
        "Lähetetty: {key} ({count} vastaanottajaa)",
        "Skickat: {key} ({count} mottagare)",
        "Sent: {key} ({count} recipients)",
    ),
    "remind.sent.one": (  # count == 1
        "Lähetetty: {key} (1 vastaanottaja)",
        "Skickat: {key} (1 mottagare)",
        "Sent: {key} (1 recipient)",
    ),
    "remind.would_send": (
        "Lähettäisi: {key}: {subject} → {to}",
        "Skulle skicka: {key}: {subject} → {to}",
        "Would send: {key}: {subject} → {to}",
    ),
    "remind.already": (
        "Jo lähetetty: {key}",
        "Redan skickat: {key}",
        "Already sent: {key}",
    ),
    "remind.nothing": (
        "Ei lähetettävää tänään ({date}).",
        "Inget att skicka i dag ({date}).",
        "Nothing to send today ({date}).",
    ),
    "remind.no_to": (
        "Ohitettu {key}: ei vastaanottajaa (aseta {setting}).",
        "Hoppade över {key}: ingen mottagare (ange {setting}).",
        "Skipped {key}: no recipient (set {setting}).",
    ),
    # --- issue 11: mail and Markdown ---
    "mail.password_file_open": (
        "Salasanatiedoston {file} voivat lukea muutkin kuin sen omistaja (oikeudet {mode}): "
        "aja chmod 600 {file} ja vaihda salasana, jos joku ehti lukea sen.",
        "Lösenordsfilen {file} kan läsas av andra än ägaren (rättigheter {mode}): kör "
        "chmod 600 {file} och byt lösenordet om någon hann läsa det.",
        "The password file {file} can be read by others than its owner (mode {mode}): run "
        "chmod 600 {file}, and change the password if someone may have read it.",
    ),
    # --- experts and statements (issue 6) ---
    "statement.session_to_stdout": (
        "--session kirjoittaa jokaisen asian lausunnon omaan tiedostoonsa: anna -o KANSIO "
        "(ei -).",
        "--session skriver varje ärendes utlåtande i en egen fil: ange -o MAPP (inte -).",
        "--session writes each case's statement to a file of its own: give -o FOLDER (not -).",
    ),
    "expert.missing": (
        "Puuttuu: {options}. Esim. `mastergroup expert add --name \"Pertti Psykologi\" "
        "--title psykologi --area growth_development`.",
        "Saknas: {options}. T.ex. `mastergroup expert add --name \"Pertti Psykolog\" "
        "--title psykolog --area growth_development`.",
        "Missing: {options}. E.g. `mastergroup expert add --name \"Pat Psychologist\" "
        "--title psychologist --area growth_development`.",
    ),
    "expert.bad_area": (
        "Tuntematon asiantuntemusalue '{value}'. Sallitut: {allowed} (asetus experts.areas).",
        "Okänt expertisområde '{value}'. Tillåtna: {allowed} (inställningen experts.areas).",
        "Unknown expertise area '{value}'. Allowed: {allowed} (setting experts.areas).",
    ),
    "expert.not_found": (
        "Asiantuntijaa '{name}' ei ole: katso nimet komennolla `mastergroup expert list`.",
        "Experten '{name}' finns inte: se namnen med `mastergroup expert list`.",
        "No expert '{name}': list the names with `mastergroup expert list`.",
    ),
    "expert.exists": (
        "Asiantuntija '{name}' on jo luettelossa; muuta tietoja komennolla `mastergroup "
        "expert edit`.",
        "Experten '{name}' finns redan; ändra uppgifterna med `mastergroup expert edit`.",
        "The expert '{name}' is already listed; change the details with `mastergroup expert "
        "edit`.",
    ),
    "expert.nothing_to_edit": (
        "Ei muutettavaa: anna ainakin yksi valitsin (--name, --title, --organisation, "
        "--email, --area).",
        "Inget att ändra: ange minst en flagga (--name, --title, --organisation, --email, "
        "--area).",
        "Nothing to change: give at least one option (--name, --title, --organisation, "
        "--email, --area).",
    ),
    "expert.no_session": (
        "Päivälle {date} ei ole kokoontumista: katso päivät komennolla `mastergroup sessions`.",
        "Det finns inget möte {date}: se datumen med `mastergroup sessions`.",
        "There is no session on {date}: list the dates with `mastergroup sessions`.",
    ),
    "expert.warn_required": (
        "Varoitus: kokoontumisen {date} asiantuntijoista puuttuu lastensuojelulain 14 §:n "
        "edellyttämä asiantuntemus: {areas}. Lisää: `mastergroup session experts {iso} --add "
        "NIMI`.",
        "Varning: bland experterna på mötet {date} saknas sakkunskap som 14 § i "
        "barnskyddslagen kräver: {areas}. Lägg till: `mastergroup session experts {iso} "
        "--add NAMN`.",
        "Warning: the experts of the session on {date} lack expertise the Child Welfare Act "
        "§ 14 requires: {areas}. Add: `mastergroup session experts {iso} --add NAME`.",
    ),
    "expert.warn_wished": (
        "Varoitus: kokoontumisen {date} asiassa {ref} toivottu asiantuntemus puuttuu: {areas}.",
        "Varning: sakkunskap som önskats i ärendet {ref} på mötet {date} saknas: {areas}.",
        "Warning: expertise wished for case {ref} in the session on {date} is missing: {areas}.",
    ),
    "expert.added": (
        "Asiantuntija lisätty: {name} ({title}).",
        "Experten tillagd: {name} ({title}).",
        "Expert added: {name} ({title}).",
    ),
    "expert.edited": (
        "Asiantuntijan {name} tiedot muutettu: {fields}.",
        "Uppgifterna om {name} ändrade: {fields}.",
        "Expert {name} changed: {fields}.",
    ),
    "expert.unchanged": (
        "Asiantuntijan {name} tiedot olivat jo nämä; mitään ei muutettu.",
        "Uppgifterna om {name} var redan dessa; inget ändrades.",
        "Expert {name} already had these details; nothing changed.",
    ),
    "expert.removed": (
        "Asiantuntija {name} poistettu.",
        "Experten {name} borttagen.",
        "Expert {name} removed.",
    ),
    "expert.retired": (
        "Asiantuntija {name} poistettu luettelosta; nimi säilyy menneiden kokoontumisten "
        "osallistujissa.",
        "Experten {name} borttagen ur listan; namnet finns kvar bland deltagarna i tidigare "
        "möten.",
        "Expert {name} removed from the list; the name stays among the attendees of past "
        "sessions.",
    ),
    "expert.none": (
        "Asiantuntijoita ei ole: lisää komennolla `mastergroup expert add`.",
        "Inga experter: lägg till med `mastergroup expert add`.",
        "No experts: add them with `mastergroup expert add`.",
    ),
    "expert.session_none": (
        "Kokoontumiseen {date} ei ole merkitty asiantuntijoita.",
        "Inga experter har antecknats för mötet {date}.",
        "No experts recorded for the session on {date}.",
    ),
    "expert.session_heading": (
        "Kokoontuminen {date}: {count} asiantuntijaa",
        "Mötet {date}: {count} experter",
        "Session on {date}: {count} experts",
    ),
    "expert.session_heading.one": (  # count == 1
        "Kokoontuminen {date}: 1 asiantuntija",
        "Mötet {date}: 1 expert",
        "Session on {date}: 1 expert",
    ),
    "expert.not_attending": (
        "Ei osallistujana, ei poistettu: {names}.",
        "Inte deltagare, inte borttagna: {names}.",
        "Not attending, not removed: {names}.",
    ),
    "expert.label.removed": ("poistettu", "borttagen", "removed"),
    "template.missing": (
        "Pohjaa {file} ei löydy kansiosta {folder}: kopioi se jaetusta config/templates-"
        "kansiosta tai korjaa asetus templates.folder.",
        "Mallen {file} finns inte i mappen {folder}: kopiera den från config/templates eller "
        "rätta inställningen templates.folder.",
        "Template {file} not found in {folder}: copy it from the shipped config/templates or "
        "fix the setting templates.folder.",
    ),
    "template.unreadable": (
        "Pohjaa {file} ei voi lukea ({detail}): tallenna se UTF-8-tekstinä tai .docx-"
        "tiedostona.",
        "Mallen {file} kan inte läsas ({detail}): spara den som UTF-8-text eller .docx-fil.",
        "Cannot read template {file} ({detail}): save it as UTF-8 text or as a .docx file.",
    ),
    "template.not_a_file": (
        "Pohjaa {file} ei ole.",
        "Mallen {file} finns inte.",
        "No template {file}.",
    ),
    "template.error": (
        "{file}:{line}: virhe pohjassa: {detail}. Korjaa pohja ja aja `mastergroup template "
        "check {file}`.",
        "{file}:{line}: fel i mallen: {detail}. Rätta mallen och kör `mastergroup template "
        "check {file}`.",
        "{file}:{line}: template error: {detail}. Fix the template and run `mastergroup "
        "template check {file}`.",
    ),
    "template.docx_error": (
        "{file}: kappale {paragraph}: virhe pohjassa: {detail}. Korjaa pohja ja aja "
        "`mastergroup template check {file}`.",
        "{file}: stycke {paragraph}: fel i mallen: {detail}. Rätta mallen och kör "
        "`mastergroup template check {file}`.",
        "{file}: paragraph {paragraph}: template error: {detail}. Fix the template and run "
        "`mastergroup template check {file}`.",
    ),
    "template.ok": (
        "{file}: pohja kunnossa.",
        "{file}: mallen är i ordning.",
        "{file}: the template is fine.",
    ),
    "template.unfilled": (
        "{file}: täyttämätön paikka: {what}",
        "{file}: ofylld platshållare: {what}",
        "{file}: unfilled placeholder: {what}",
    ),
    "template.split": (
        "{file}: kappale {paragraph}: Word on jakanut paikan {tag} osiin; kirjoita se "
        "uudelleen yhdellä kertaa (tai liitä pelkkänä tekstinä).",
        "{file}: stycke {paragraph}: Word har delat platshållaren {tag}; skriv den på nytt i "
        "ett svep (eller klistra in som ren text).",
        "{file}: paragraph {paragraph}: Word split the placeholder {tag} across runs; type it "
        "again in one go (or paste it as plain text).",
    ),
    "template.problems": (
        "{file}: {count} ongelmaa pohjassa.",
        "{file}: {count} problem i mallen.",
        "{file}: {count} problems in the template.",
    ),
    "template.problems.one": (  # count == 1
        "{file}: 1 ongelma pohjassa.",
        "{file}: 1 problem i mallen.",
        "{file}: 1 problem in the template.",
    ),
    "statement.bad_format": (
        "Muoto '{value}' ei käy: valitse {allowed}.",
        "Formatet '{value}' duger inte: välj {allowed}.",
        "Format '{value}' is not available: choose {allowed}.",
    ),
    "statement.ref_or_session": (
        "Anna joko asian viite (REF) tai --session PÄIVÄ, ei molempia eikä kumpaakaan puuttumaan.",
        "Ange antingen ärendets referens (REF) eller --session DATUM, inte båda.",
        "Give either a case reference (REF) or --session DATE, exactly one of them.",
    ),
    "statement.docx_stdout": (
        "DOCX-tiedostoa ei voi tulostaa päätteeseen: anna -o TIEDOSTO.docx.",
        "En DOCX-fil kan inte skrivas till terminalen: ange -o FIL.docx.",
        "A DOCX file cannot go to standard output: give -o FILE.docx.",
    ),
    "statement.none_in_session": (
        "Kokoontumisessa {date} ei ole käsiteltäviä asioita (varattuja paikkoja).",
        "Mötet {date} har inga ärenden med plats.",
        "The session on {date} has no cases holding a place.",
    ),
    "statement.written": (
        "Lausunto kirjoitettu: {file} (SALASSA PIDETTÄVÄ; vain omistaja voi lukea).",
        "Utlåtandet skrevs: {file} (SEKRETESSBELAGT; endast ägaren kan läsa).",
        "Statement written: {file} (CONFIDENTIAL; readable by its owner only).",
    ),
    "statement.written_many": (
        "{count} lausuntoa kirjoitettu kansioon {folder}.",
        "{count} utlåtanden skrevs i mappen {folder}.",
        "{count} statements written to {folder}.",
    ),
    "statement.written_many.one": (  # count == 1
        "1 lausunto kirjoitettu kansioon {folder}.",
        "1 utlåtande skrevs i mappen {folder}.",
        "1 statement written to {folder}.",
    ),
    "statement.delivered": (
        "Asian {ref} lausunto merkitty toimitetuksi {date}.",
        "Utlåtandet i ärendet {ref} antecknat som levererat {date}.",
        "Statement of case {ref} recorded as delivered on {date}.",
    ),
    "statement.delivered_future": (
        "Toimituspäivä {date} on tulevaisuudessa (tänään on {today}): anna päivä, jona "
        "lausunto toimitettiin.",
        "Leveransdagen {date} ligger i framtiden (i dag är {today}): ange dagen då utlåtandet "
        "levererades.",
        "The delivery date {date} is in the future (today is {today}): give the day the "
        "statement was delivered.",
    ),
    "statement.delivered_early": (
        "Asian {ref} lausuntoa ei voi toimittaa ennen kokousta {date}: tarkista päivä.",
        "Utlåtandet i ärendet {ref} kan inte levereras före mötet {date}: kontrollera datumet.",
        "The statement of case {ref} cannot be delivered before its session on {date}: check "
        "the date.",
    ),
    # --- Click's usage errors, said again (cli/usage.py) ---
    "cli.see_help": ("(katso '{where} --help')", "(se '{where} --help')", "(see '{where} --help')"),
    "cli.no_such_option": (
        "Tuntematon valitsin {option}.{suggestion}",
        "Okänd flagga {option}.{suggestion}",
        "No such option: {option}.{suggestion}",
    ),
    "cli.did_you_mean": (
        " Tarkoititko: {names}?",
        " Menade du: {names}?",
        " Did you mean: {names}?",
    ),
    "cli.no_such_command": (
        "Tuntematon komento '{name}'.{suggestion}",
        "Okänt kommando '{name}'.{suggestion}",
        "No such command '{name}'.{suggestion}",
    ),
    "cli.missing": ("Puuttuu: {name}.", "Saknas: {name}.", "Missing: {name}."),
    "cli.needs_value": (
        "Valitsimelle {option} puuttuu arvo.",
        "Flaggan {option} saknar ett värde.",
        "Option {option} needs a value.",
    ),
    "cli.bad_value": (
        "Arvo ei kelpaa kohtaan {name}: odotetaan {expected}.",
        "Värdet duger inte för {name}: väntat {expected}.",
        "Invalid value for {name}: expected {expected}.",
    ),
    "cli.extra_arguments": (
        "Ylimääräisiä argumentteja: {args}.",
        "Överflödiga argument: {args}.",
        "Unexpected extra arguments: {args}.",
    ),
    "expect.integer": ("kokonaisluku", "ett heltal", "a whole number"),
    "cli.missing_option": (
        "Puuttuu: {options}. Katso `mastergroup {command} --help`.",
        "Saknas: {options}. Se `mastergroup {command} --help`.",
        "Missing: {options}. See `mastergroup {command} --help`.",
    ),
    "cli.missing_no_terminal": (
        "Puuttuu: {options}. Anna se valitsimena (ei päätettä, jolta kysyä); katso "
        "`mastergroup {command} --help`.",
        "Saknas: {options}. Ange den som flagga (ingen terminal att fråga på); se "
        "`mastergroup {command} --help`.",
        "Missing: {options}. Give it as an option (no terminal to ask on); see "
        "`mastergroup {command} --help`.",
    ),
    # --- issue 11: special files, unreadable files, full disks ---
    "io.not_a_file": (
        "{file} ei ole tavallinen tiedosto ({kind}), joten sitä ei korvattu; mitään ei "
        "kirjoitettu. Anna tiedoston polku, tai -o - tulostaaksesi.",
        "{file} är ingen vanlig fil ({kind}) och ersattes inte; inget skrevs. Ange sökvägen "
        "till en fil, eller -o - för att skriva ut.",
        "{file} is not a regular file ({kind}), so it was not replaced; nothing was written. "
        "Give the path of a file, or -o - to print.",
    ),
    "io.stdout_failed": (
        "Tulostetta ei voitu kirjoittaa ({detail}). Ohjaa tuloste kirjoitettavaan paikkaan "
        "tai anna -o TIEDOSTO.",
        "Utdata kunde inte skrivas ({detail}). Styr utdata till en skrivbar plats eller ange "
        "-o FIL.",
        "Could not write the output ({detail}). Send it somewhere writable, or give -o FILE.",
    ),
    "io.home_unreachable": (
        "Datakansioon {folder} ei päästä ({detail}): tarkista MASTERGROUP_HOME ja kansion "
        "oikeudet.",
        "Datamappen {folder} går inte att nå ({detail}): kontrollera MASTERGROUP_HOME och "
        "mappens rättigheter.",
        "Cannot enter the data folder {folder} ({detail}): check MASTERGROUP_HOME and the "
        "folder's permissions.",
    ),
    "statement.folder_open": (
        "Huomio: kansion {folder} muutkin käyttäjät voivat lukea (oikeudet {mode}), ja "
        "tiedostonimet kertovat asiat; sitä ei muutettu. Rajaa: chmod 700 {folder}",
        "Obs: mappen {folder} kan läsas av andra (rättigheter {mode}), och filnamnen avslöjar "
        "ärendena; den ändrades inte. Begränsa: chmod 700 {folder}",
        "Note: the folder {folder} is readable by others (mode {mode}) and the file names "
        "name the cases; it was left as it is. To restrict it: chmod 700 {folder}",
    ),
    "os.is_fifo": ("on nimetty putki (FIFO)", "är ett namngivet rör (FIFO)",
                   "Is a named pipe (FIFO)"),
    "os.is_device": ("on laite", "är en enhet", "Is a device"),
    "os.is_special": ("on erikoistiedosto", "är en specialfil", "Is a special file"),
    "os.too_large": ("yli {megabytes} Mt", "större än {megabytes} MB",
                     "Larger than {megabytes} MB"),
    # --- why the system refused a file or a connection (messages.os_reason) ---
    "os.not_found": ("tiedostoa tai kansiota ei ole", "filen eller mappen finns inte",
                     "No such file or directory"),
    "os.denied": ("ei oikeuksia", "åtkomst nekad", "Permission denied"),
    "os.no_space": ("levy on täynnä", "disken är full", "No space left on device"),
    "os.read_only": ("vain luku -levy", "skrivskyddat filsystem", "Read-only file system"),
    "os.is_folder": ("on kansio, ei tiedosto", "är en mapp, inte en fil", "Is a directory"),
    "os.not_folder": ("polun osa ei ole kansio", "en del av sökvägen är inte en mapp",
                      "Not a directory"),
    "os.refused": ("yhteys torjuttiin", "anslutningen nekades", "Connection refused"),
    "os.unreachable": ("palvelinta ei tavoiteta", "servern nås inte", "Network is unreachable"),
    "os.not_utf8": ("ei UTF-8-tekstiä", "inte UTF-8-text", "not UTF-8 text"),
    # --- issue 11: inputs that once printed a traceback ---
    "config.too_deep": (
        "{file}: taulukot tai listat ovat liian syvällä sisäkkäin luettaviksi: kirjoita "
        "asetukset tavallisina [osioina] ja aja `mastergroup config check`.",
        "{file}: tabellerna eller listorna är för djupt nästlade för att läsas: skriv "
        "inställningarna som vanliga [avsnitt] och kör `mastergroup config check`.",
        "{file}: the tables or arrays are nested too deeply to be read: write the settings as "
        "plain [sections] and run `mastergroup config check`.",
    ),
    "case.import_too_deep": (
        "{file}: JSON on liian syvällä sisäkkäin ollakseen varmuuskopio: käytä `mastergroup "
        "case export` -komennon tekemää tiedostoa. Mitään ei tuotu.",
        "{file}: JSON är för djupt nästlad för att vara en säkerhetskopia: använd en fil från "
        "`mastergroup case export`. Inget importerades.",
        "{file}: the JSON is nested too deeply to be a backup: use a file made by `mastergroup "
        "case export`. Nothing was imported.",
    ),
    "case.import_long_number": (
        "{file}: luvussa on enemmän numeroita kuin yhdessäkään varmuuskopiossa: käytä "
        "`mastergroup case export` -komennon tekemää tiedostoa. Mitään ei tuotu.",
        "{file}: ett tal har fler siffror än någon säkerhetskopia har: använd en fil från "
        "`mastergroup case export`. Inget importerades.",
        "{file}: a number has more digits than any backup holds: use a file made by "
        "`mastergroup case export`. Nothing was imported.",
    ),
    "input.today_out_of_range": (
        "MASTERGROUP_TODAY='{value}' on vuosien {first}–{last} ulkopuolella (vain ne "
        "tunnetaan): anna päivä niiltä vuosilta tai poista muuttuja.",
        "MASTERGROUP_TODAY='{value}' ligger utanför åren {first}–{last} (bara de är kända): "
        "ange en dag under de åren eller ta bort variabeln.",
        "MASTERGROUP_TODAY='{value}' is outside the years {first}–{last} (the only ones known): "
        "give a day in them or unset it.",
    ),
    "input.not_utf8_argument": (
        "Argumentti {position} ei ole UTF-8-tekstiä (Latin-1-pääte?): vaihda päätteen "
        "merkistöksi UTF-8, esim. LANG=fi_FI.UTF-8, ja kirjoita se uudelleen.",
        "Argument {position} är inte UTF-8-text (en Latin-1-terminal?): ställ terminalen på "
        "UTF-8, t.ex. LANG=sv_FI.UTF-8, och skriv det igen.",
        "Argument {position} is not UTF-8 text (a Latin-1 terminal?): set the terminal to "
        "UTF-8, e.g. LANG=en_US.UTF-8, and type it again.",
    ),
    "expect.date_in_years": (
        "päivämäärä VVVV-KK-PP vuosilta {first}–{last}",
        "ett datum ÅÅÅÅ-MM-DD under åren {first}–{last}",
        "a date YYYY-MM-DD in the years {first}–{last}",
    ),
    "expect.extra_date_in_years": (
        '"KK-PP" (joka vuosi) tai "VVVV-KK-PP" vuosilta {first}–{last}',
        '"MM-DD" (varje år) eller "ÅÅÅÅ-MM-DD" under åren {first}–{last}',
        '"MM-DD" (every year) or "YYYY-MM-DD" in the years {first}–{last}',
    ),
    "expect.unicode_text": (
        "Unicode-tekstiä ilman parittomia korvausmerkkejä (\\ud800–\\udfff)",
        "Unicode-text utan ensamma surrogattecken (\\ud800–\\udfff)",
        "Unicode text without lone surrogates (\\ud800–\\udfff)",
    ),
    "expect.slot_of_date": (
        "session_date-päivän kokoontumisen tunnus: sen kuukausi VVVV-KK tai extra-VVVV-KK-PP "
        "sen päivästä (ellei asetus siirrä kokoontumista)",
        "id för mötet på session_date: dess månad ÅÅÅÅ-MM eller extra-ÅÅÅÅ-MM-DD för dess dag "
        "(om inte inställningarna flyttar mötet)",
        "the slot of the session on session_date: its month YYYY-MM, or extra-YYYY-MM-DD of its "
        "day (unless the configuration moves the session)",
    ),
    # --- what a backup's field should be (case import), inside case.import_field ---
    "expect.list": ("lista", "en lista", "a list"),
    "expect.object": ("olio {{ ... }}", "ett objekt {{ ... }}", "an object {{ ... }}"),
    "expect.unique_in_session": (
        "eri arvo kullekin saman kokoontumisen asialle",
        "olika värden för ärendena i samma möte",
        "unique per session",
    ),
    "expect.unique_key": (
        "avain, jota ei ole jo käytetty",
        "en nyckel som inte redan används",
        "unique keys",
    ),
    "expect.text_list": ("lista tekstejä", "en lista med texter", "a list of texts"),
    "expect.text_or_null": ("tekstiä tai null", "text eller null", "text or null"),
    "expect.timestamp": (
        "aikaleima aikavyöhykkeineen (ISO 8601)",
        "en tidsstämpel med tidszon (ISO 8601)",
        "a time stamp with offset (ISO 8601)",
    ),
    "expect.count": (
        "kokonaisluku 0 tai suurempi",
        "ett heltal 0 eller större",
        "a whole number 0 or more",
    ),
    "expect.count_or_null": (
        "kokonaisluku 0 tai suurempi, tai null",
        "ett heltal 0 eller större, eller null",
        "a whole number 0 or more, or null",
    ),
    "expect.line": (
        "yksirivinen teksti, 1–{max} merkkiä",
        "en text på en rad, 1–{max} tecken",
        "a non-empty text of at most {max} characters on one line",
    ),
    "expect.line_or_empty": (
        "yksirivinen teksti, enintään {max} merkkiä",
        "en text på en rad, högst {max} tecken",
        "text of at most {max} characters on one line",
    ),
    "expect.slot": (
        "kokoontumisen tunnus, esim. 2023-03",
        "ett mötes-id, t.ex. 2023-03",
        "a session slot such as 2023-03",
    ),
    "expect.slot_list": (
        "lista eri kokoontumisten tunnuksia, esim. 2023-03",
        "en lista med olika mötes-id, t.ex. 2023-03",
        "a list of distinct session slots such as 2023-03",
    ),
    "expect.queue_place": (
        "jonopaikka (1, 2, …) kun waitlisted on true, muuten null",
        "en köplats (1, 2, …) när waitlisted är true, annars null",
        "a place (1, 2, ...) when waitlisted is true, else null",
    ),
    "expect.not_waiting_withdrawn": (
        "false peruutetulle asialle",
        "false för ett återkallat ärende",
        "false for a withdrawn case",
    ),
    "expect.delivered_null": (
        "null, ellei tila ole statement_delivered",
        "null om inte statusen är statement_delivered",
        "null unless the status is statement_delivered",
    ),
    "expect.email_or_empty": (
        'sähköpostiosoite (tai "")',
        'en e-postadress (eller "")',
        'an e-mail address (or "")',
    ),
    "expect.area_names": (
        "lista eri alueiden nimiä, kukin 1–{max} merkkiä",
        "en lista med olika områdesnamn, vart och ett 1–{max} tecken",
        "a list of distinct area names of 1-{max} characters",
    ),
    # --- what a configuration value should be (settings.py), inside config.bad_value ---
    "config.missing_value": (
        "{file}: avain '{key}' puuttuu: odotetaan {expected}.",
        "{file}: nyckeln '{key}' saknas: väntat {expected}.",
        "{file}: key '{key}' is missing: expected {expected}.",
    ),
    "expect.text": ("tekstiä", "text", "text"),
    "expect.bool": ("true tai false", "true eller false", "true or false"),
    "expect.one_of": ("yksi näistä: {options}", "ett av: {options}", "one of {options}"),
    "expect.whole_number": (
        "kokonaisluku {low}–{high}",
        "ett heltal {low}–{high}",
        "a whole number {low}-{high}",
    ),
    "expect.port": ("porttinumero 1–65535", "ett portnummer 1–65535", "a port 1-65535"),
    "expect.time": (
        'kellonaika "HH:MM", esim. "09:00"',
        'en tid "HH:MM", t.ex. "09:00"',
        'a time "HH:MM", e.g. "09:00"',
    ),
    "expect.date": ("päivämäärä VVVV-KK-PP", "ett datum ÅÅÅÅ-MM-DD", "a date YYYY-MM-DD"),
    "expect.month_day": (
        'päivä "KK-PP", esim. "12-24"',
        'en dag "MM-DD", t.ex. "12-24"',
        'a day "MM-DD", e.g. "12-24"',
    ),
    "expect.extra_date": (
        '"KK-PP" (joka vuosi) tai "VVVV-KK-PP"',
        '"MM-DD" (varje år) eller "ÅÅÅÅ-MM-DD"',
        '"MM-DD" (every year) or "YYYY-MM-DD"',
    ),
    "expect.day_name": (
        'nimi, esim. "vappuaatto"',
        'ett namn, t.ex. "vappuaatto"',
        'a name, e.g. "vappuaatto"',
    ),
    "expect.nth": ('1, 2, 3, 4 tai "last"', '1, 2, 3, 4 eller "last"', '1, 2, 3, 4 or "last"'),
    "expect.zone": (
        "IANA-aikavyöhyke, esim. Europe/Helsinki",
        "en IANA-tidszon, t.ex. Europe/Helsinki",
        "an IANA zone such as Europe/Helsinki",
    ),
    "expect.email": ("sähköpostiosoite", "en e-postadress", "an e-mail address"),
    "expect.email_list": (
        "lista sähköpostiosoitteita",
        "en lista med e-postadresser",
        "a list of e-mail addresses",
    ),
    "expect.group_id": (
        "pieniä kirjaimia, numeroita ja '-'",
        "små bokstäver, siffror och '-'",
        "lowercase letters, digits and '-'",
    ),
    "expect.env_name": (
        "ympäristömuuttujan nimi",
        "namnet på en miljövariabel",
        "an environment variable name",
    ),
    "expect.nothing": (
        "ei mitään (salasana luetaan muualta)",
        "ingenting (lösenordet läses från annat håll)",
        "nothing (the password is read from elsewhere)",
    ),
    "expect.url": (
        "verkko-osoite, joka alkaa https:// tai http:// (ei välilyöntejä)",
        "en webbadress som börjar med https:// eller http:// (utan mellanslag)",
        "a web address starting with https:// or http:// (no spaces)",
    ),
    "expect.path": ("polku", "en sökväg", "a path"),
    "expect.folder": ("kansion polku", "en mappsökväg", "a folder path"),
    "expect.area_list": (
        "lista alueiden nimiä",
        "en lista med områdesnamn",
        "a list of area names",
    ),
    "expect.table": ("taulukko", "en tabell", "a table"),
    "expect.tables": (
        "taulukkolista [[{name}]]",
        "en lista av tabeller [[{name}]]",
        "an array of tables [[{name}]]",
    ),
    "expect.move_to": (
        "uusi päivä (to) tai uudet kellonajat (start, end)",
        "ett nytt datum (to) eller nya tider (start, end)",
        "a new date (to) or new times (start, end)",
    ),
    "expect.after_start": (
        "kellonaika schedule.start-ajan jälkeen",
        "en tid efter schedule.start",
        "a time after schedule.start",
    ),
    "expect.fewer_days": (
        "vähemmän päiviä kuin booking.cutoff_days_before",
        "färre dagar än booking.cutoff_days_before",
        "fewer days than booking.cutoff_days_before",
    ),
}


def format_date(value: date, lang: str) -> str:
    """A date as written in running text of `lang`."""
    if lang == "en":
        return value.isoformat()
    return f"{value.day}.{value.month}.{value.year}"


class Phrase(NamedTuple):
    """Part of a sentence with translations of its own (a CATALOG key and its parameters),
    rendered in the language of the sentence it is a parameter of."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()


def phrase(key: str, /, **params: Any) -> Phrase:
    return Phrase(key, tuple(params.items()))


_ERRNO_KEYS = {
    errno.ENOENT: "os.not_found",
    errno.EACCES: "os.denied",
    errno.EPERM: "os.denied",
    errno.ENOSPC: "os.no_space",
    errno.EROFS: "os.read_only",
    errno.EISDIR: "os.is_folder",
    errno.ENOTDIR: "os.not_folder",
    errno.ECONNREFUSED: "os.refused",
    errno.ENETUNREACH: "os.unreachable",
    errno.EHOSTUNREACH: "os.unreachable",
}


def os_reason(e: BaseException) -> Phrase | str:
    """Why the system refused, in the user's language for the common cases (the operating
    system's own text is English); otherwise its text, or the exception's name."""
    if isinstance(e, UnicodeDecodeError):
        return phrase("os.not_utf8")
    if isinstance(e, OSError):
        key = _ERRNO_KEYS.get(e.errno or 0)
        if key is not None:
            return phrase(key)
        if e.strerror:
            return e.strerror
    return type(e).__name__


def render(key: str, lang: str, /, **params: Any) -> str:
    """The sentence `key` in `lang` (falls back to Finnish), with `params` filled in."""
    if params.get("count") == 1:  # "1 case", "1 asia", "1 ärende": a ".one" variant if any
        key = key + ".one" if key + ".one" in CATALOG else key
    texts = CATALOG.get(key)
    if texts is None:
        return key + (": " + ", ".join(f"{k}={v}" for k, v in params.items()) if params else "")
    index = LANGUAGES.index(lang) if lang in LANGUAGES else 0
    shown = _Params({k: _shown(v, lang) for k, v in params.items()})
    return texts[index].format_map(shown)


def _shown(value: Any, lang: str) -> Any:
    if isinstance(value, Phrase):
        return render(value.key, lang, **dict(value.params))
    return format_date(value, lang) if isinstance(value, date) else value


class _Params(dict[str, Any]):
    """Parameters for str.format_map; a missing one renders as '?' instead of failing."""

    def __missing__(self, key: str) -> str:
        return "?"
