"""`mastergroup config ...` and broken configurations through the CLI."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import write_config


def test_broken_config_is_one_line_without_traceback(run, home: Path):
    write_config(home, "[schedule.months.august]\nkind = \"sometimes\"\n")
    result = run("sessions", "--year", "2023")
    assert result.exit_code == 3
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "config.toml" in result.stderr
    assert "schedule.months.august.kind" in result.stderr
    assert "Traceback" not in result.stderr


def test_toml_syntax_error_through_cli(run, home: Path):
    (home / "config.toml").write_text("[group\n", encoding="utf-8")
    result = run("sessions")
    assert result.exit_code == 3
    assert "TOML" in result.stderr and result.stderr.count("\n") == 1


def test_init_writes_a_commented_copy_and_refuses_to_overwrite(run, home: Path):
    target = home / "mine.toml"
    result = run("config", "init", str(target))
    assert result.exit_code == 0, result
    text = target.read_text(encoding="utf-8")
    assert text.startswith("# mastergroup configuration")
    assert (target.stat().st_mode & 0o777) == 0o600
    again = run("config", "init", str(target))
    assert again.exit_code == 3
    assert "--force" in again.stderr
    assert run("config", "init", str(target), "--force").exit_code == 0


def test_init_default_path_is_the_user_config(run, home: Path):
    result = run("config", "init")
    assert result.exit_code == 0, result
    written = home / "xdg-config" / "mastergroup" / "config.toml"
    assert written.is_file()


def test_check_prints_the_coming_twelve_months(run, home: Path, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-01-01")
    result = run("config", "check")
    assert result.exit_code == 0, result
    lines = result.stdout.splitlines()
    assert "config.toml" in lines[0]
    assert lines[1:] == [
        "pe 27.1. klo 9.00–11.30", "pe 24.2. klo 9.00–11.30", "pe 31.3. klo 9.00–11.30",
        "pe 28.4. klo 9.00–11.30", "pe 26.5. klo 9.00–11.30", "pe 16.6. klo 9.00–11.30",
        "pe 25.8. klo 9.00–11.30", "pe 29.9. klo 9.00–11.30", "pe 27.10. klo 9.00–11.30",
        "pe 24.11. klo 9.00–11.30", "pe 15.12. klo 9.00–11.30",
    ]  # fmt: skip


def test_check_a_named_broken_file(run, home: Path):
    bad = home / "bad.toml"
    bad.write_text('[schedule]\nstart = "25:00"\n', encoding="utf-8")
    result = run("config", "check", str(bad))
    assert result.exit_code == 3
    assert "bad.toml" in result.stderr and "schedule.start" in result.stderr


def test_show_prints_effective_toml(run, home: Path):
    result = run("config", "show")
    assert result.exit_code == 0
    body = "\n".join(line for line in result.stdout.splitlines() if not line.startswith("#"))
    data = tomllib.loads(body)
    assert data["booking"]["capacity"] == 2
    assert data["schedule"]["start"] == "09:00"
    assert data["schedule"]["months"]["july"]["kind"] == "none"


def test_config_option_beats_environment(run, home: Path):
    other = home / "other.toml"
    other.write_text('[booking]\ncapacity = 5\n', encoding="utf-8")
    result = run("--config", str(other), "sessions", "--year", "2023", "--format", "json")
    assert '"capacity": 5' in result.stdout


def test_reference_matches_readme(run):
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    assert run("config", "reference").stdout in readme


def test_check_refuses_a_templates_folder_that_does_not_exist(run, home: Path):
    write_config(home, '[templates]\nfolder = "pohjat"\n')
    result = run("config", "check")
    assert result.exit_code == 3 and result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "templates.folder" in result.stderr and str(home / "pohjat") in result.stderr
    (home / "pohjat").mkdir()
    assert run("config", "check").exit_code == 0


def test_a_required_area_must_be_one_of_the_areas(run, home: Path):
    write_config(home, '[experts]\nareas = ["law", "health_care"]\nrequired = ["law", "education"]')
    result = run("config", "check")
    assert result.exit_code == 3 and result.stderr.count("\n") == 1
    assert "'education'" in result.stderr and "experts.areas" in result.stderr
