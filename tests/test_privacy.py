"""The identity-code guard (issue 11): sign-less, odd-separator and hidden-character forms are
recognised; phone numbers, references, postcodes and dates are not."""

from __future__ import annotations

import pytest
from benchmarks.privacy_false_positives import measure

from mastergroup.core.errors import PrivacyError
from mastergroup.core.privacy import (
    check_character,
    contains_identity_code,
    guard_privacy,
    identity_code_kind,
    printable,
)

BIRTH, NUMBER = "131052", "308"
HIDDEN = ("\u2062", "\u2063", "\u2066\u2069", "\u202d\u202c", "\u034f", "\u0301", "\ufe0f",
          "\u180e", "\u3164", "\U000e0020")  # fmt: skip


def code(sign: str = "", birth: str = BIRTH, number: str = NUMBER) -> str:
    """An invented code with its valid check character, built here so no file holds one."""
    return f"{birth}{sign}{number}{check_character(birth, number)}"


def forms() -> list[tuple[str, str]]:
    """The 27 hostile spellings of issue 11 (id, text)."""
    check = check_character(BIRTH, NUMBER)
    found = [
        ("space", code(" ")),
        ("two-spaces", code("  ")),
        ("nbsp", code("\u00a0")),
        ("no-sign", code()),
        ("no-sign-in-question", f"Onko tämä {code()} kunnossa?"),
        ("slash", code("/")),
        ("no-sign-lowercase", code().lower()),
    ]
    for ch in HIDDEN:
        name = "+".join(f"U+{ord(c):04X}" for c in ch)
        found.append((f"{name}-signed", f"1310{ch[0]}52-3{ch[1:]}08{check}"))
        found.append((f"{name}-signless", f"13{ch[0]}1052308{ch[1:]}{check}"))
    return found


FORMS = forms()
assert len(FORMS) == 27


@pytest.mark.parametrize("text", [t for _, t in FORMS], ids=[i for i, _ in FORMS])
def test_every_hostile_form_is_a_code(text):
    assert contains_identity_code(text)
    with pytest.raises(PrivacyError):
        guard_privacy([("--ref", text)])


def test_a_wrong_check_character_with_a_sign_is_still_refused():
    wrong = "Y" if check_character(BIRTH, NUMBER) != "Y" else "X"
    assert contains_identity_code(f"{BIRTH}-{NUMBER}{wrong}")  # a typo is still a child's code
    assert not contains_identity_code(f"{BIRTH}{NUMBER}{wrong}")  # sign-less: needs the check
    assert not contains_identity_code(f"{BIRTH} {NUMBER}{wrong}")


def test_a_signless_form_needs_a_real_date():
    assert not contains_identity_code(code(birth="310252"))  # 31 February
    assert not contains_identity_code(code(birth="011352"))  # month 13


def test_ten_digits_get_the_phone_number_hint():
    digits = next(code(birth=f"0{d}0123", number="456") for d in "123456789"
                  if check_character(f"0{d}0123", "456").isdigit())  # fmt: skip
    assert identity_code_kind(digits) == "digits"
    with pytest.raises(PrivacyError) as caught:
        guard_privacy([("--phone", digits)])
    assert caught.value.key == "privacy.digits_like_code"
    assert identity_code_kind(code()) == "code"


@pytest.mark.parametrize(
    "harmless",
    ["040 123 4567", "+358 40 123 4567", "0401234567", "+358401234567", "040-123 4567",
     "(014) 123 456", "LS-2023-17", "BS-2024-0042", "40100", "40100 Jyväskylä", "31.3.2023",
     "pe 31.3. klo 9.00–11.30", "2023-03-31", "LS/2023/17", "Äiti ja isä", "Kysymys?\nToinen."],
)  # fmt: skip
def test_harmless_text_passes(harmless):
    assert not contains_identity_code(harmless)


def test_the_false_positive_rate_on_a_sample():
    """benchmarks/privacy_false_positives.py on 3,000 numbers per spelling: nothing written
    with a space or a plus, no reference, postcode or date is refused; bare ten-digit numbers
    are, at about 1 in 31 of those whose first six digits are a date."""
    rates = measure(3_000, seed=5)
    bare = {k for k in rates if k.startswith("0401234567")}
    assert {k: v for k, v in rates.items() if k not in bare and v[0]} == {}
    refused, total = rates["0401234567 (ten digits)"]
    assert refused / total < 0.02


def test_printable_escapes_bidi_c1_and_separators():
    assert printable("a\u202eb\u0085c\u2028d\u2066e") == "a\\u202eb\\u0085c\\u2028d\\u2066e"
    assert printable("Jyväskylä – 9.00") == "Jyväskylä – 9.00"
