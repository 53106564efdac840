"""`mastergroup statement`, `template check` and `case delivered` as a user runs them.

The DOCX is read back with python-docx; Markdown and text as text. Invented people only.
"""

from __future__ import annotations

import stat
from pathlib import Path

import docx
import pytest

from mastergroup.present.templates import split_tags
from tests.cli.test_case_cli import book
from tests.conftest import write_config

QUESTIONS = (
    "Ovatko huostaanoton edellytykset olemassa?",
    "Millaista tukea perhe tarvitsee avohuollossa?",
    "Miten lapsen ääni kuuluu suunnitelmassa?",
)
EXPERTS = (
    ("Pertti Psykologi", "psykologi", "growth_development"),
    ("Lea Lakimies", "lakimies", "law"),
    ("Liisa Lääkäri", "lastenlääkäri", "health_care"),
)
MARK = {"fi": "SALASSA PIDETTÄVÄ", "sv": "SEKRETESSBELAGD", "en": "CONFIDENTIAL"}


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    monkeypatch.setenv("MASTERGROUP_LANG", "fi")
    result = book(run, "LS-2023-17", "2023-03-31", "--matter", "care_order_preparation",
                  questions=QUESTIONS)  # fmt: skip
    assert result.exit_code == 0, result
    for name, title, area in EXPERTS:
        assert run("expert", "add", "--name", name, "--title", title, "--area", area).exit_code == 0
    added = [a for name, _, _ in EXPERTS for a in ("--add", name)]
    assert run("session", "experts", "2023-03-31", *added).exit_code == 0
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-04-03")
    return run


def docx_text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    parts += [c.text for t in document.tables for r in t.rows for c in r.cells]
    parts += [p.text for s in document.sections for p in s.header.paragraphs]
    return "\n".join(parts)


def assert_complete(text: str, lang: str) -> None:
    assert MARK[lang] in text
    assert "LS-2023-17" in text
    for question in QUESTIONS:
        assert question in text
    for name, title, _ in EXPERTS:
        assert name in text and title in text
    assert "Sanna Sosiaalityöntekijä" in text  # the responsible social worker: distribution
    assert "{{" not in text and "{%" not in text


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_docx_holds_every_question_attendee_and_the_mark(cli, tmp_path, lang):
    out = tmp_path / f"s-{lang}.docx"
    result = cli("statement", "LS-2023-17", "--lang", lang, "-o", str(out))
    assert result.exit_code == 0, result
    assert_complete(docx_text(out), lang)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600  # confidential: the owner only
    table = docx.Document(str(out)).tables[1]  # the attendees
    assert [r.cells[0].text for r in table.rows][1:4] == sorted(n for n, _, _ in EXPERTS)


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_markdown_and_text_hold_the_same(cli, lang, fmt):
    result = cli("statement", "LS-2023-17", "--format", fmt, "--lang", lang, "-o", "-")
    assert result.exit_code == 0, result
    assert_complete(result.stdout, lang)
    assert "14" in result.stdout  # the legal basis, § 14


def test_markdown_numbers_the_questions_and_says_the_group_advises(cli):
    text = cli("statement", "LS-2023-17", "--format", "md", "-o", "-").stdout
    for n, question in enumerate(QUESTIONS, start=1):
        assert f"### {n}. {question}" in text
    assert "ei tee päätöksiä" in text
    assert "huostaanoton valmistelu" in text
    assert "131052" not in text


def test_default_file_name_and_a_whole_session(cli, home, monkeypatch):
    monkeypatch.chdir(home)
    assert cli("statement", "LS-2023-17").exit_code == 0
    assert (home / "lausunto-LS-2023-17-2023-03-31.docx").is_file()
    result = cli("statement", "--session", "2023-03-31", "--format", "md", "-o", "out")
    assert result.exit_code == 0, result
    assert [p.name for p in (home / "out").iterdir()] == ["lausunto-LS-2023-17-2023-03-31.md"]


def test_a_broken_custom_template_gives_one_line_naming_file_and_line(cli, home):
    folder = home / "pohjat"
    folder.mkdir()
    (folder / "statement.fi.md.j2").write_text(
        "SALASSA PIDETTÄVÄ\n{{ case.ref }}\n{% for q in questions %}\n{{ q }\n{% endfor %}\n",
        encoding="utf-8",
    )
    write_config(home, '[templates]\nfolder = "pohjat"\n')
    result = cli("statement", "LS-2023-17", "--format", "md", "-o", "-")
    assert result.exit_code == 3
    assert result.stderr.count("\n") == 1
    assert f"{folder / 'statement.fi.md.j2'}:4:" in result.stderr
    assert result.stdout == ""


def test_an_unknown_name_in_a_template_names_file_and_line(cli, home):
    custom = home / "oma.md.j2"
    custom.write_text("{{ case.ref }}\n\n{{ case.child_name }}\n", encoding="utf-8")
    result = cli("statement", "LS-2023-17", "--format", "md", "--template", str(custom), "-o", "-")
    assert result.exit_code == 3
    assert f"{custom}:3:" in result.stderr and "child_name" in result.stderr
    check = cli("template", "check", str(custom))
    assert check.exit_code == 3 and f"{custom}:3:" in check.stderr


def test_the_shipped_templates_pass_the_check(cli):
    for fmt in ("md", "txt", "docx"):
        for lang in ("fi", "sv", "en"):
            result = cli("template", "check", "--format", fmt, "--lang", lang)
            assert result.exit_code == 0, (fmt, lang, result)


def word_file_with_a_split_placeholder(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("SALASSA PIDETTÄVÄ")
    paragraph = document.add_paragraph("Asia: ")
    paragraph.add_run("{{ case.")  # Word cut the placeholder where the spell-checker marked it
    paragraph.add_run("ref }}")
    document.save(str(path))


def test_template_check_finds_a_placeholder_word_split_across_runs(cli, tmp_path):
    path = tmp_path / "statement.fi.docx"
    word_file_with_a_split_placeholder(path)
    result = cli("template", "check", str(path))
    assert result.exit_code == 3
    assert "{{ case.ref }}" in result.stderr and "kappale 2" in result.stderr


def test_split_tags_sees_a_split_opener():
    assert split_tags([["{", "{ x }}"]]) == [(1, "{{ x }}")]
    assert split_tags([["a {{ x }} b", "{% if y %}"]]) == []


def test_template_check_reports_an_unfilled_docx_placeholder(cli, tmp_path):
    path = tmp_path / "statement.fi.docx"
    document = docx.Document()
    document.add_paragraph("{{ case.ref }} {{ lapsen_nimi }}")
    document.save(str(path))
    result = cli("template", "check", str(path))
    assert result.exit_code == 3 and "lapsen_nimi" in result.stderr


def test_case_delivered_records_the_status_and_the_date(cli):
    result = cli("case", "delivered", "LS-2023-17", "--date", "2023-04-03")
    assert result.exit_code == 0, result
    assert "3.4.2023" in result.stdout
    shown = cli("case", "list", "--all", "--format", "json").stdout
    assert '"status": "statement_delivered"' in shown
    future = cli("case", "delivered", "LS-2023-17", "--date", "2023-05-01")
    assert future.exit_code == 2 and future.stderr.count("\n") == 1
    early = cli("case", "delivered", "LS-2023-17", "--date", "2023-03-30")
    assert early.exit_code == 4


def test_documents_are_trimmed_and_an_empty_one_is_refused(cli):
    given = cli("statement", "LS-2023-17", "--format", "md", "-o", "-",
                "-d", "  huostaanottohakemus ", "-d", "yhteenveto")  # fmt: skip
    assert given.exit_code == 0, given.stderr
    assert "- huostaanottohakemus\n- yhteenveto\n" in given.stdout
    empty = cli("statement", "LS-2023-17", "--format", "md", "-o", "-", "-d", "yhteenveto",
                "-d", " ")  # fmt: skip
    assert empty.exit_code == 2 and empty.stdout == ""
    assert empty.stderr.count("\n") == 1 and "--document 2" in empty.stderr


def test_template_check_names_a_broken_docx_once(cli, tmp_path):
    path = tmp_path / "statement.fi.docx"
    path.write_bytes(b"not a docx at all")
    result = cli("template", "check", str(path))
    assert result.exit_code == 3
    assert result.stderr.count("PackageNotFoundError") == 1
    assert result.stderr.endswith("statement.fi.docx: 1 ongelma pohjassa.\n")
