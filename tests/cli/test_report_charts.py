"""`report --format html|docx` (issue 17): charts drawn with matplotlib, a suppressed count
without a bar, no reference, name or question, deterministic output."""

from __future__ import annotations

import builtins
import re
from html.parser import HTMLParser

import pytest

from tests.cli.test_report_cli import QUESTION, WORKER, build_register

pytest.importorskip("matplotlib")


@pytest.fixture
def cli(run, monkeypatch):
    monkeypatch.setenv("MASTERGROUP_LANG", "en")
    return run


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.svgs = 0
        self.texts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.svgs += tag == "svg"

    def handle_data(self, data):
        self.texts.append(data)


def test_html_has_a_chart_a_table_and_no_hidden_bar(cli, monkeypatch):
    build_register(cli, monkeypatch)
    result = cli("report", "--year", "2025", "--format", "html")
    assert result.exit_code == 0, result.stderr
    page = Page()
    page.feed(result.stdout)
    page.close()
    assert page.svgs == 2  # municipalities and matters
    for secret in ("LS-0", WORKER, QUESTION, "sanna@"):
        assert secret not in result.stdout
    figures = re.findall(r"<figure.*?</figure>", result.stdout, re.S)
    municipalities = next(f for f in figures if "Jyväskylä" in f)
    # Muurame (5, hidden with Uurainen's 1) and Uurainen get no bar and no number in the chart
    assert "Uurainen" not in municipalities and "Muurame" not in municipalities
    assert ">6<" in municipalities or "6</text>" in municipalities
    # ... but their rows say "< 5" in the table
    assert "Uurainen" in result.stdout and "&lt; 5" in result.stdout
    again = cli("report", "--year", "2025", "--format", "html")
    assert again.stdout == result.stdout  # deterministic


def test_docx_has_tables_and_chart_images(cli, monkeypatch, tmp_path):
    import docx

    build_register(cli, monkeypatch)
    out = tmp_path / "report.docx"
    result = cli("report", "--year", "2025", "--format", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    assert len(document.inline_shapes) == 2
    text = "\n".join(c.text for t in document.tables for r in t.rows for c in r.cells)
    assert "Jyväskylä" in text and "< 5" in text
    body = "\n".join(p.text for p in document.paragraphs) + text
    for secret in ("LS-0", WORKER, QUESTION):
        assert secret not in body
    assert cli("report", "--year", "2025", "--format", "docx").exit_code == 2


def test_missing_extra_is_one_line_exit_3(cli, monkeypatch):
    build_register(cli, monkeypatch)
    real = builtins.__import__

    def no_matplotlib(name, *args, **kwargs):
        if name.split(".")[0] == "matplotlib":
            raise ImportError(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_matplotlib)
    result = cli("report", "--year", "2025", "--format", "html")
    assert result.exit_code == 3
    assert result.stderr.strip().count("\n") == 0
    assert "install mastergroup[report]" in result.stderr
