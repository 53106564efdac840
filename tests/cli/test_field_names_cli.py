"""The core names a field by its domain name ("email"); a command's error names the option the
user typed ("--email"), in the same sentence as before (issue 12)."""

from __future__ import annotations

import pytest

from mastergroup.cli.options import as_option
from tests.cli.test_case_cli import add_args  # a complete, valid `case add` command line


def test_domain_names_become_option_names():
    assert as_option("email") == "--email"
    assert as_option("questions 2") == "--question 2"
    assert as_option("--ref") == "--ref"  # named as an option by the service already
    assert as_option("cases[3].worker_email") == "cases[3].worker_email"  # a backup's field
    assert as_option(None) is None


def _with(args: list[str], option: str, value: str) -> list[str]:
    out = list(args)
    out[out.index(option) + 1] = value
    return out


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [
        ("--email", "sanna@", "--email is not an e-mail address"),
        ("--matter", "adoption", "--matter is not valid"),
        ("-q", " ", "--question 1 is empty"),
        ("-q", "Miksi\u202e?", "--question 1 contains an invisible control character"),
    ],
)
def test_case_add_names_the_option(run, monkeypatch, option, value, said):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    args = [*add_args(), "--matter", "other"]
    result = run(*_with(args, option, value), "--lang", "en")
    assert result.exit_code != 0
    assert said in result.stderr, result.stderr


def test_expert_add_names_the_option(run):
    result = run("expert", "add", "--name", "Lea Lakimies", "--title", "lakimies",
                 "--email", "lea@", "--lang", "en")  # fmt: skip
    assert "--email is not an e-mail address" in result.stderr, result.stderr
