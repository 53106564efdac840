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
    assert "Uurainen" not in result.stdout and "&lt; 5" in result.stdout  # never named
    assert "Other municipalities (together)" in result.stdout
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


FOOTERS = {
    "fi": "Toimintakertomus – vain lukumääriä, ei henkilötietoja",
    "sv": "Verksamhetsberättelse – endast antal, inga personuppgifter",
    "en": "Annual report – counts only, no personal data",
}


@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_docx_on_the_shipped_template(cli, monkeypatch, tmp_path, lang):
    """Without a county template the report is written on config/templates/report.LANG.docx:
    its footer, tables in its Table Grid style, the charts as PNG images."""
    import docx

    build_register(cli, monkeypatch)
    out = tmp_path / "report.docx"
    result = cli("report", "--year", "2025", "-f", "docx", "-o", str(out), "--lang", lang)
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    assert document.sections[0].footer.paragraphs[0].text == FOOTERS[lang]
    assert len(document.tables) >= 10
    assert all(t.style.name == "Table Grid" for t in document.tables)
    images = [document.part.related_parts[s._inline.graphic.graphicData.pic.blipFill.blip.embed]
              for s in document.inline_shapes]  # fmt: skip
    rows = [[c.text for c in r.cells] for t in document.tables for r in t.rows]
    assert ["Jyväskylä", "6"] in rows and not any("Uurainen" in "".join(r) for r in rows)
    assert any(r[-1] == "< 5" for r in rows)
    assert len(images) == 2 and {i.content_type for i in images} == {"image/png"}
    assert all(i.blob.startswith(b"\x89PNG") for i in images)


def test_docx_on_the_countys_template(cli, monkeypatch, home, tmp_path):
    """A report.LANG.docx in templates.folder wins over the shipped one: its own first page
    stays first, the report follows."""
    import docx

    from tests.conftest import write_config

    build_register(cli, monkeypatch)
    folder = home / "county-templates"
    folder.mkdir()
    letterhead = docx.Document()
    letterhead.add_paragraph("Keksityn hyvinvointialueen kirjelomake")
    letterhead.sections[0].footer.paragraphs[0].text = "Keksitty alatunniste"
    letterhead.save(str(folder / "report.en.docx"))
    write_config(home, '[templates]\nfolder = "county-templates"\n')
    out = tmp_path / "report.docx"
    result = cli("report", "--year", "2025", "-f", "docx", "-o", str(out))
    assert result.exit_code == 0, result.stderr
    document = docx.Document(str(out))
    assert document.paragraphs[0].text == "Keksityn hyvinvointialueen kirjelomake"
    assert document.sections[0].footer.paragraphs[0].text == "Keksitty alatunniste"
    assert document.paragraphs[1].text.startswith("The expert group's annual report 2025")
    assert len(document.inline_shapes) == 2 and len(document.tables) >= 10
    # Swedish has no county template there: the shipped one
    result = cli("report", "--year", "2025", "-f", "docx", "-o", str(out), "--lang", "sv")
    assert docx.Document(str(out)).sections[0].footer.paragraphs[0].text == FOOTERS["sv"]
