"""Start-up stays light: importing the CLI must not import heavy modules (issue 7's guard)."""

from __future__ import annotations

import json
import subprocess
import sys

HEAVY = ("rich", "babel", "icalendar", "jinja2", "docx", "docxtpl", "holidays", "pydantic",
         "sqlite3", "email.mime", "smtplib", "tomli_w", "platformdirs.unix", "matplotlib", "numpy",
         "PIL")  # fmt: skip


def loaded_after(code: str) -> set[str]:
    probe = f"import sys, json\n{code}\nprint(json.dumps(sorted(sys.modules)))"
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout.splitlines()[-1]))


BOOK_LS1 = ("case", "add", "--session", "2099-01-30", "--ref", "LS-1", "--worker", "Testi",
            "--email", "testi@kunta.example", "--municipality", "Esimerkkilä",
            "-q", "Miksi?")  # fmt: skip


def command_probe(*args: str, shows: str) -> str:
    return (
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        f"r = CliRunner().invoke(app, {list(args)!r})\n"
        f"assert r.exit_code == 0 and {shows!r} in r.stdout, r.output"
    )


def test_importing_the_cli_loads_nothing_heavy():
    modules = loaded_after("import mastergroup.cli")
    assert not [m for m in modules if m.split(".")[0] in HEAVY or m in HEAVY]


def test_the_core_imports_no_cli_or_output_library():
    modules = loaded_after(
        "import mastergroup.core.rules, mastergroup.core.holidays, mastergroup.core.model"
    )
    assert not {"typer", "rich", "babel", "click"} & {m.split(".")[0] for m in modules}


def test_help_does_not_load_the_configuration_or_the_register():
    modules = loaded_after("import mastergroup.cli")
    light = ("settings", "rules", "store", "services.cases", "ics", "booking", "model")
    for name in light:
        assert f"mastergroup.{name}" not in modules, name


def test_a_command_builds_only_its_own_group(home):
    modules = loaded_after(
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        "assert CliRunner().invoke(app, ['sessions', '--year', '2023']).exit_code == 0"
    )
    assert "mastergroup.cli.sessions" in modules
    for other in ("case_cmd", "agenda_cmd", "statement_cmd", "expert_cmd", "ics_cmd"):
        assert f"mastergroup.cli.{other}" not in modules, other


def test_top_level_help_imports_no_command_module(home):
    modules = loaded_after(
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        "assert CliRunner().invoke(app, ['--help']).exit_code == 0"
    )
    shared = ("mastergroup.cli.options", "mastergroup.cli.helptext")  # help in fi/sv/en
    commands = [m for m in modules if m.startswith("mastergroup.cli.") and m not in shared]
    assert commands == []


def test_help_summaries_are_the_commands_own_first_help_lines():
    from mastergroup.cli import COMMANDS, SUMMARIES, _click_holder

    assert list(SUMMARIES) == list(COMMANDS)
    for name, modules in COMMANDS.items():
        holder = _click_holder(modules)
        command = holder.commands[name] if hasattr(holder, "commands") else holder
        first_line = (command.help or "").strip().split("\n")[0]
        assert SUMMARIES[name] == first_line, name


def test_sessions_with_a_register_reads_it_without_the_case_use_cases(home, run):
    booked = run(*BOOK_LS1)
    assert booked.exit_code == 0, booked.stderr
    modules = loaded_after(
        command_probe("sessions", "--year", "2099", "--format", "text", shows="[1/2]")
    )
    assert "mastergroup.register.store" in modules
    for heavy in ("services.cases", "booking", "services.experts"):
        assert f"mastergroup.{heavy}" not in modules, heavy


def test_a_case_command_converts_only_itself(home):
    probe = (
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import COMMANDS, _click_holder, app\n"
        "r = CliRunner().invoke(app, ['case', 'list'])\n"
        "assert r.exit_code == 0, r.output\n"
        "case = _click_holder(COMMANDS['case']).commands['case']\n"
        "print(sorted(case._built))\n"
        "r = CliRunner().invoke(app, ['case', '--help'])\n"
        "assert r.exit_code == 0 and 'delivered' in r.stdout and 'purge' in r.stdout\n"
        "print(len(case._built))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    first, after_help = out.stdout.splitlines()
    assert first == "['list']"
    assert int(after_help) >= 13  # --help lists every command


def test_case_help_lists_each_command_once_however_often_the_groups_are_built(home):
    probe = (
        "from typer.testing import CliRunner\n"
        "from mastergroup.cli import app\n"
        "CliRunner().invoke(app, ['statement', '--help'])\n"
        "r = CliRunner().invoke(app, ['case', '--help'])\n"
        "print(sum(line.startswith('  delivered ') for line in r.stdout.splitlines()))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "1"


def psycopg_in(modules: set[str]) -> list[str]:
    return [m for m in modules if m.split(".")[0].startswith("psycopg")]  # psycopg_binary too


def test_a_command_on_the_sqlite_register_never_imports_psycopg(home, run):
    """Issue 16: psycopg (and its ~250 exception classes) is imported only for a PostgreSQL
    register; a coordinator on the default SQLite file never pays for it."""
    booked = run(*BOOK_LS1)
    assert booked.exit_code == 0, booked.stderr
    for args in (("case", "list"), ("agenda", "--session", "2099-01-30"),
                 ("case", "show", "LS-1", "--format", "json")):  # fmt: skip
        modules = loaded_after(command_probe(*args, shows="LS-1"))
        assert "sqlite3" in modules, args  # it did read the register
        assert psycopg_in(modules) == [], args


def test_a_command_on_a_postgresql_register_imports_psycopg(home, run, pg_url, monkeypatch):
    """The other half: the same command with MASTERGROUP_DATABASE set does load it (so the
    check above is not vacuous)."""
    monkeypatch.setenv("MASTERGROUP_DATABASE", pg_url)
    booked = run(*BOOK_LS1)
    assert booked.exit_code == 0, booked.stderr
    modules = loaded_after(command_probe("case", "list", shows="LS-1"))
    assert "psycopg" in modules
