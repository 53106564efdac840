"""Write the shipped Word templates config/templates/statement.<fi|sv|en>.docx and the annual
report's report.<fi|sv|en>.docx (issue 17).

Run it after changing the labels (the catalogs' `docx.…` entries, then
`python scripts/compile_catalogs.py`): `python scripts/make_docx_templates.py`. Every Jinja tag
is written as one run (python-docx's add_paragraph/add_run), so none is split; docxtpl renders
the result (`{%p ... %}` paragraph loops, `{%tr ... %}` table-row loops). A county replaces the
file with its own letterhead document holding the same placeholders (README: "Statement
templates"); `mastergroup template check` checks it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

from mastergroup.i18n.catalog import translations

OUT = Path(__file__).resolve().parents[1] / "config" / "templates"

# The labels, by name; their texts in fi/sv/en are the catalogs' `docx.<name>` entries
# (src/mastergroup/i18n/locale/*/LC_MESSAGES/mastergroup.po), like every other translation.
LABELS = (
    "mark", "mark_basis", "title", "basis", "meeting", "case", "matter", "worker", "present",
    "name", "title_col", "org", "chair", "background", "documents", "received", "told",
    "questions", "question", "view", "recommendations", "nature", "advises", "coordinator",
    "distribution", "worker_role",
)  # fmt: skip
LANGUAGES = ("fi", "sv", "en")


def texts(lang: str) -> dict[str, str]:
    """The labels of `lang` from its compiled catalog (run scripts/compile_catalogs.py first)."""
    catalog = translations(lang)
    found = {name: catalog.gettext(f"docx.{name}") for name in LABELS}
    missing = [name for name, text in found.items() if text == f"docx.{name}"]
    if missing:
        raise SystemExit(f"{lang}: no catalog entry for docx.{', docx.'.join(missing)}")
    return found


def build(lang: str, t: dict[str, str]) -> Document:
    doc = Document()
    doc.core_properties.title = t["title"].capitalize()
    doc.core_properties.language = lang
    header = doc.sections[0].header.paragraphs[0]
    header.add_run(t["mark"]).bold = True
    header.add_run(f" ({t['mark_basis']})")

    mark = doc.add_paragraph()
    mark.add_run(t["mark"]).bold = True
    doc.add_heading(t["title"], level=0)
    group = doc.add_paragraph()
    group.add_run("{{ group.name }}").bold = True
    group.add_run(", {{ group.county }}")
    doc.add_paragraph(t["basis"])

    facts = doc.add_table(rows=4, cols=2)
    facts.style = "Table Grid"
    for row, (label, value) in zip(
        facts.rows,
        (
            (t["meeting"], "{{ session.long_date }} {{ session.time }}, {{ session.mode }}"),
            (t["case"], "{{ case.ref }}"),
            (t["matter"], "{{ case.matter }}"),
            (t["worker"], "{{ worker.name }}, {{ worker.unit }}"),
        ),
        strict=True,
    ):
        row.cells[0].text = label
        row.cells[1].text = value

    doc.add_heading(t["present"], level=1)
    people = doc.add_table(rows=5, cols=3)
    people.style = "Table Grid"
    for cell, text in zip(people.rows[0].cells, (t["name"], t["title_col"], t["org"]), strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    people.rows[1].cells[0].text = "{%tr for e in experts %}"
    for cell, text in zip(
        people.rows[2].cells,
        ("{{ e.name }}", "{{ e.title }}", "{{ e.organisation }}"),
        strict=True,
    ):
        cell.text = text
    people.rows[3].cells[0].text = "{%tr endfor %}"
    for cell, text in zip(
        people.rows[4].cells,
        ("{{ coordinator.name }}", "{{ coordinator.title }}", t["chair"]),
        strict=True,
    ):
        cell.text = text

    doc.add_heading(t["background"], level=1)
    doc.add_paragraph("{%p if documents_none %}")  # no document arrived: say so, list nothing
    doc.add_paragraph("{{ documents[0] }}")
    doc.add_paragraph("{%p else %}")
    doc.add_paragraph(
        t["documents"] + "{% if documents_received %} (" + t["received"]
        + " {{ documents_received }}){% endif %}:"
    )  # fmt: skip
    doc.add_paragraph("{%p for d in documents %}")
    doc.add_paragraph("{{ d }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endif %}")
    doc.add_paragraph(t["told"] + " …")

    doc.add_heading(t["questions"], level=1)
    doc.add_paragraph("{%p for q in questions %}")
    doc.add_heading(t["question"] + " {{ loop.index }}", level=2)
    doc.add_paragraph("{{ q }}")
    doc.add_paragraph(t["view"] + " …")
    doc.add_paragraph("{%p endfor %}")

    doc.add_heading(t["recommendations"], level=1)
    doc.add_paragraph("…")
    doc.add_heading(t["nature"], level=1)
    doc.add_paragraph(t["advises"])

    doc.add_paragraph("{{ today }}")
    doc.add_paragraph("\n\n______________________________")
    doc.add_paragraph("{{ coordinator.name }}, {{ coordinator.title }}")
    doc.add_paragraph(t["coordinator"])
    distribution = doc.add_paragraph()
    distribution.add_run(t["distribution"] + ": ").bold = True
    distribution.add_run("{{ worker.name }}, " + t["worker_role"] + ", {{ worker.unit }}")
    for paragraph in doc.paragraphs:
        for run in paragraph.runs:
            if run.font.size is None and paragraph.style.name == "Normal":
                run.font.size = Pt(11)
    return doc


def build_report(lang: str) -> Document:
    """The annual report's template: its styles, a header and a footer, and no content of its
    own (`report --format docx` appends the report). No Jinja: the report holds only counts,
    so there is nothing a county would place; it replaces the file to get its letterhead."""
    catalog = translations(lang)
    footer_text = catalog.gettext("report.template_footer")
    if footer_text == "report.template_footer":
        raise SystemExit(f"{lang}: no catalog entry for report.template_footer")
    doc = Document()
    doc.core_properties.title = footer_text
    doc.core_properties.language = lang
    doc.styles["Normal"].font.size = Pt(11)
    doc.sections[0].header.paragraphs[0].text = footer_text
    doc.sections[0].footer.paragraphs[0].text = footer_text
    return doc


def main() -> None:
    for lang in LANGUAGES:
        path = OUT / f"statement.{lang}.docx"
        build(lang, texts(lang)).save(str(path))
        print(path)
        path = OUT / f"report.{lang}.docx"
        build_report(lang).save(str(path))
        print(path)


if __name__ == "__main__":
    main()
