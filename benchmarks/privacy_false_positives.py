"""How often the identity-code guard refuses harmless text: phone numbers, references, postcodes.

    python benchmarks/privacy_false_positives.py [COUNT] [SEED]

Generates COUNT (default 100,000) realistic Finnish phone numbers in each common spelling, and
as many case references, postcodes, dates and sentences holding them, and counts how many the
guard (mastergroup.core.privacy.contains_identity_code) would refuse. Spellings with a space or a
plus must never be refused; a bare ten-digit number can be (it IS a valid identity code when its
first six digits are a date and its last is the right check character): the script reports
that rate. Not a test; tests/test_privacy.py runs a smaller sample of the same generator.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable

from mastergroup.core.privacy import contains_identity_code

MOBILE = ("040", "041", "042", "043", "044", "045", "046", "049", "050")
AREA = ("02", "03", "05", "06", "08", "09", "013", "014", "015", "016", "017", "018", "019")


def _mobile(rng: random.Random) -> tuple[str, str]:
    """A mobile number: its prefix (040) and its subscriber part (7 digits, sometimes 6 or 8)."""
    length = rng.choices((7, 6, 8), weights=(8, 1, 1))[0]
    return rng.choice(MOBILE), "".join(rng.choice("0123456789") for _ in range(length))


def _landline(rng: random.Random) -> tuple[str, str]:
    length = rng.choice((5, 6, 7))
    first = rng.choice("123456789")  # a subscriber number does not start with 0
    return rng.choice(AREA), first + "".join(rng.choice("0123456789") for _ in range(length - 1))


def _grouped(number: str) -> str:
    """`1234567` -> `123 4567`, `123456` -> `123 456`, `12345678` -> `1234 5678`."""
    cut = {5: 2, 6: 3, 7: 3, 8: 4}[len(number)]
    return f"{number[:cut]} {number[cut:]}"


SPACED: dict[str, Callable[[str, str], str]] = {
    "040 123 4567": lambda p, n: f"{p} {_grouped(n)}",
    "040 1234567": lambda p, n: f"{p} {n}",
    "040-123 4567": lambda p, n: f"{p}-{_grouped(n)}",
    "040-1234567": lambda p, n: f"{p}-{n}",
    "(040) 123 4567": lambda p, n: f"({p}) {_grouped(n)}",
    "+358 40 123 4567": lambda p, n: f"+358 {p[1:]} {_grouped(n)}",
    "+358 40 1234567": lambda p, n: f"+358 {p[1:]} {n}",
    "+358401234567": lambda p, n: f"+358{p[1:]}{n}",
    "+358 (0)40 123 4567": lambda p, n: f"+358 (0){p[1:]} {_grouped(n)}",
    "puh. 040 123 4567, klo 9-11": lambda p, n: f"puh. {p} {_grouped(n)}, klo 9-11",
}
BARE: dict[str, Callable[[str, str], str]] = {"0401234567": lambda p, n: f"{p}{n}"}


def _other(rng: random.Random) -> dict[str, str]:
    year = rng.randint(2015, 2030)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    return {
        "LS-2023-17": f"{rng.choice(('LS', 'BS', 'SH', 'AH'))}-{year}-{rng.randint(1, 999)}",
        "BS-2024-0042": f"{rng.choice(('LS', 'BS'))}-{year}-{rng.randint(1, 9999):04d}",
        "LS/2023/17": f"LS/{year}/{rng.randint(1, 999)}",
        "40100": f"{rng.randint(0, 99999):05d}",
        "40100 Jyväskylä": f"{rng.randint(0, 99999):05d} Jyväskylä",
        "31.3.2023": f"{day}.{month}.{year}",
        "31.03.2023 klo 9.00": f"{day:02d}.{month:02d}.{year} klo 9.00",
        "2023-03-31": f"{year}-{month:02d}-{day:02d}",
        "asia 2023/123456": f"asia {year}/{rng.randint(0, 999999):06d}",
    }


def measure(count: int = 100_000, seed: int = 11) -> dict[str, tuple[int, int]]:
    """Spelling -> (refused, generated)."""
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    hits: dict[str, list[int]] = {}

    def add(kind: str, text: str) -> None:
        row = hits.setdefault(kind, [0, 0])
        row[0] += contains_identity_code(text)
        row[1] += 1

    for n in range(count):
        prefix, number = (_mobile if n % 4 else _landline)(rng)
        for kind, spell in {**SPACED, **BARE}.items():
            add(kind, spell(prefix, number))
        if len(prefix + number) == 10:
            add("0401234567 (ten digits)", BARE["0401234567"](prefix, number))
            if prefix in ("040", "050"):  # the two most common prefixes: the worst case
                add("0401234567 (040/050, ten)", BARE["0401234567"](prefix, number))
        for kind, text in _other(rng).items():
            add(kind, text)
    return {kind: (row[0], row[1]) for kind, row in hits.items()}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 11
    for kind, (refused, total) in measure(count, seed).items():
        print(f"{kind:32} {refused:6} / {total:6}  {100 * refused / total:6.3f} %")


if __name__ == "__main__":
    main()
