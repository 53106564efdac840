"""The experts of the group and the expertise a session needs (pure; standard library only).

Source: Lastensuojelulaki 417/2007 § 14: the multiprofessional expert group has at least
expertise in social work, in child growth and development, in health care and in law, and
others as needed. Social work is the coordinator's own field (the coordinator is a social worker
and chairs the session), so the areas a session must find among its attending experts are the
other three (REQUIRED_14); a county can change the set in `experts.required`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import NamedTuple

# The shipped areas by key, in the order the issue lists them. Their names in fi/sv/en are in
# the catalogs (`area.<key>`, i18n/messages.py: area_name); the words below recognise them.
AREAS: tuple[str, ...] = (
    "social_work",
    "growth_development",
    "child_psychiatry",
    "adult_psychiatry",
    "health_care",
    "education",
    "substance_abuse",
    "law",
)
REQUIRED_14: tuple[str, ...] = ("growth_development", "health_care", "law")

# The words that name an area, in fi, sv and en: first its names as the catalogs write them
# (tests/test_panel.py checks that every catalog name is here), then what a social worker
# writes in `case add --expertise` for the same area. The core reads no files, so recognition
# cannot ask the catalogs at run time.
_ALIASES: dict[str, tuple[str, ...]] = {
    "social_work": ("sosiaalityö", "social work", "socialt arbete", "sosiaalityöntekijä"),
    "growth_development": (
        "lapsen kasvu ja kehitys / psykologia", "barns växande och utveckling / psykologi",
        "child growth and development / psychology", "kasvu ja kehitys",
        "lapsen kasvu ja kehitys", "psykologia", "psykologi", "psychology", "psychologist",
        "growth and development", "child development", "kehityspsykologia", "barns utveckling",
        "utveckling",
    ),
    "child_psychiatry": (
        "lasten- ja nuorisopsykiatria", "barn- och ungdomspsykiatri",
        "child and adolescent psychiatry", "lastenpsykiatria", "nuorisopsykiatria",
        "child psychiatry", "adolescent psychiatry", "barnpsykiatri", "ungdomspsykiatri",
    ),
    "adult_psychiatry": ("aikuispsykiatria", "vuxenpsykiatri", "adult psychiatry", "psykiatria",
                         "psychiatry"),
    "health_care": (
        "terveydenhuolto", "hälso- och sjukvård", "health care", "terveys", "health",
        "healthcare", "hälsovård", "sjukvård", "lääkäri", "doctor", "paediatrics", "pediatrics",
        "lastentaudit",
    ),
    "education": (
        "varhaiskasvatus ja koulu", "småbarnspedagogik och skola", "early education and school",
        "varhaiskasvatus", "koulu", "opetus", "school", "education", "early education",
        "skola", "småbarnspedagogik",
    ),
    "substance_abuse": ("päihdetyö", "missbruksarbete", "substance abuse work", "päihteet",
                        "substance abuse", "missbruk", "missbruksvård"),
    "law": ("oikeudellinen asiantuntemus", "juridik", "law", "juridiikka", "oikeus", "laki",
            "lakimies", "juristi", "legal", "lawyer", "jurist"),
}  # fmt: skip


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().replace("_", " ").split())


def _index() -> dict[str, str]:
    found: dict[str, str] = {}
    for key in AREAS:
        for word in (key, *_ALIASES.get(key, ())):
            found.setdefault(_fold(word), key)
    return found


_BY_WORD = _index()


def area_key(text: str) -> str | None:
    """The area key a text names (a key, or a name in fi/sv/en, or a common synonym)."""
    return _BY_WORD.get(_fold(text))


class Expert(NamedTuple):
    """A member of the group's pool: who may attend a session, with what expertise."""

    name: str
    title: str  # profession or title, e.g. "psykologi", "lastenpsykiatri", "lakimies"
    organisation: str = ""
    email: str = ""
    areas: tuple[str, ...] = ()  # area keys (or a county's own area names)
    removed: bool = False  # removed from the pool; kept because past sessions name them
    created_at: datetime | None = None
    updated_at: datetime | None = None
    id: int | None = None


def parse_areas(raw: Iterable[str], allowed: Sequence[str]) -> tuple[str, ...] | str:
    """Area keys for `raw` (keys or names), in order, repeats dropped; or the first text that
    names no area in `allowed` (the caller turns it into an error)."""
    chosen: list[str] = []
    folded_allowed = {_fold(a): a for a in allowed}
    for text in raw:
        if not text.strip():
            continue
        key = area_key(text)
        if key is None or key not in allowed:
            key = folded_allowed.get(_fold(text))  # a county's own area, by its name
        if key is None:
            return text
        if key not in chosen:
            chosen.append(key)
    return tuple(chosen)


def missing_expertise(
    attendees: Iterable[Expert], wished: Iterable[str], required: Iterable[str] = REQUIRED_14
) -> list[str]:
    """What a session lacks: required areas no attendee covers, then wishes no attendee meets.

    Required and recognised wishes are area keys. A wish that names no known area is met when
    an attendee's area or title contains it (case-insensitive) and is returned as written.
    """
    present = list(attendees)  # removed from the pool later, but they did attend
    covered = {a for e in present for a in e.areas}
    words = [_fold(w) for e in present for w in (e.title, *e.areas)]
    missing: list[str] = []
    for need in required:
        if need not in covered and need not in missing:
            missing.append(need)
    seen_texts: set[str] = set()
    for wish in wished:
        key = area_key(wish)
        if key is not None:
            if key not in covered and key not in missing:
                missing.append(key)
            continue
        folded = _fold(wish)
        if not folded or folded in seen_texts:
            continue
        seen_texts.add(folded)
        if not any(folded in w for w in words):
            missing.append(wish.strip())
    return missing


def parse_area_list(value: object) -> tuple[str, ...]:
    """The configuration's list of areas (`experts.areas`, `experts.required`): known names
    become keys, a county's own names stay as written; ValueError if not a list of texts."""
    if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
        raise ValueError
    keys = [area_key(x) or x.strip() for x in value]
    return tuple(dict.fromkeys(keys))


def covers(attendees: Iterable[Expert], required: Iterable[str] = REQUIRED_14) -> bool:
    """Whether the attending experts cover every required area (§ 14, `experts.required`)."""
    return not missing_expertise(attendees, (), required)


def has_quorum(attendees: Sequence[Expert], quorum: int) -> bool:
    """Whether enough experts attend ("at least four of its seven experts": `experts.quorum`
    4); a quorum of 0 means the group has none, and every session has it."""
    return not quorum or len(attendees) >= quorum
