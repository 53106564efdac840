"""User errors: each carries a message key, its parameters and an exit code.

The core raises these; the CLI's single handler renders the key in the user's language
(see `mastergroup.i18n`) as one line on stderr and exits with `exit_code`.
"""

from __future__ import annotations

from typing import Any

# Exit codes, stable for scripts (documented in the README).
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_RULE = 4  # a booking rule refused the command (cutoff, capacity, questions, ...)
EXIT_NOT_FOUND = 5
EXIT_PRIVACY = 6  # input contained a personal identity code
EXIT_IO = 7  # a file or the database could not be written or read
EXIT_MAIL = 8


class MastergroupError(Exception):
    """A failure the user can fix; never shown with a traceback."""

    exit_code = 1

    def __init__(self, key: str, /, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def __str__(self) -> str:
        # The CLI's one handler renders the key in the user's language (i18n/); this is only
        # for logs and debugging, and the core imports nothing above itself.
        shown = ", ".join(f"{k}={v!r}" for k, v in sorted(self.params.items()))
        return f"{self.key} ({shown})" if shown else self.key


class UsageError(MastergroupError):
    exit_code = EXIT_USAGE


class ConfigError(MastergroupError):
    """A configuration file that cannot be used; params name the file and the key."""

    exit_code = EXIT_CONFIG


class RuleError(MastergroupError):
    exit_code = EXIT_RULE


class NotFoundError(MastergroupError):
    exit_code = EXIT_NOT_FOUND


class PrivacyError(MastergroupError):
    exit_code = EXIT_PRIVACY


class StorageError(MastergroupError):
    exit_code = EXIT_IO


class MailError(MastergroupError):
    exit_code = EXIT_MAIL
