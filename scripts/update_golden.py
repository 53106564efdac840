"""Regenerate the golden files in tests/golden/ from the current code (review the diff!).

python scripts/update_golden.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # `tests` is a package of the repository, not installed

from tests.test_golden import COMMANDS, GOLDEN, produce  # noqa: E402


def main() -> None:
    for name in sorted(COMMANDS):
        with tempfile.TemporaryDirectory() as home:
            (GOLDEN / name).write_bytes(produce(name, Path(home)))
        print(f"wrote tests/golden/{name}")


if __name__ == "__main__":
    main()
