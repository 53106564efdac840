"""Write the shipped Word statement templates config/templates/statement.<fi|sv|en>.docx.

Run it after changing the texts below: `python scripts/make_docx_templates.py`. Every Jinja tag
is written as one run (python-docx's add_paragraph/add_run), so none is split; docxtpl renders
the result (`{%p ... %}` paragraph loops, `{%tr ... %}` table-row loops). A county replaces the
file with its own letterhead document holding the same placeholders (README: "Statement
templates"); `mastergroup template check` checks it.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document
from docx.shared import Pt

OUT = Path(__file__).resolve().parents[1] / "config" / "templates"

TEXTS = {
    "fi": {
        "mark": "SALASSA PIDETTÄVÄ",
        "mark_basis": "JulkL 621/1999 24 § 1 mom. 25 k.",
        "title": "LAUSUNTO",
        "basis": "Lastensuojelulaki 417/2007 14 §",
        "meeting": "Kokous",
        "case": "Asia",
        "matter": "Asian laji",
        "worker": "Vastuusosiaalityöntekijä",
        "present": "Läsnä olleet asiantuntijat",
        "name": "Nimi",
        "title_col": "Ammatti",
        "org": "Organisaatio",
        "chair": "koordinoija, puheenjohtaja",
        "background": "Taustatiedot",
        "documents": "Ryhmällä oli käytössään seuraavat asiakirjat",
        "received": "saapuneet",
        "told": "Kokouksessa kerrottiin: ",
        "questions": "Kysymykset ja ryhmän näkemys",
        "question": "Kysymys",
        "view": "Ryhmän näkemys: ",
        "recommendations": "Suositukset",
        "nature": "Lausunnon luonne",
        "advises": "Asiantuntijaryhmä antaa lausunnon asiantuntija-apuna. Ryhmä ei tee päätöksiä: "
        "lausunto ei sido vastuusosiaalityöntekijää, joka päättää asiasta.",
        "coordinator": "Asiantuntijaryhmän koordinoija",
        "distribution": "Jakelu",
        "worker_role": "vastuusosiaalityöntekijä",
    },
    "sv": {
        "mark": "SEKRETESSBELAGD",
        "mark_basis": "OffL 621/1999 24 § 1 mom. 25 p.",
        "title": "UTLÅTANDE",
        "basis": "Barnskyddslagen 417/2007 14 §",
        "meeting": "Möte",
        "case": "Ärende",
        "matter": "Typ av ärende",
        "worker": "Ansvarig socialarbetare",
        "present": "Närvarande experter",
        "name": "Namn",
        "title_col": "Yrke",
        "org": "Organisation",
        "chair": "koordinator, ordförande",
        "background": "Bakgrund",
        "documents": "Gruppen hade följande handlingar",
        "received": "mottagna",
        "told": "Vid mötet berättades: ",
        "questions": "Frågorna och gruppens syn",
        "question": "Fråga",
        "view": "Gruppens syn: ",
        "recommendations": "Rekommendationer",
        "nature": "Utlåtandets karaktär",
        "advises": "Expertgruppen ger sitt utlåtande som sakkunnighjälp. Gruppen fattar inga "
        "beslut: utlåtandet binder inte den ansvariga socialarbetaren, som beslutar i ärendet.",
        "coordinator": "Expertgruppens koordinator",
        "distribution": "Distribution",
        "worker_role": "ansvarig socialarbetare",
    },
    "en": {
        "mark": "CONFIDENTIAL (SALASSA PIDETTÄVÄ)",
        "mark_basis": "Act on the Openness of Government Activities 621/1999, s. 24(1)(25)",
        "title": "STATEMENT",
        "basis": "Child Welfare Act 417/2007, section 14",
        "meeting": "Meeting",
        "case": "Case",
        "matter": "Type of matter",
        "worker": "Responsible social worker",
        "present": "Experts present",
        "name": "Name",
        "title_col": "Profession",
        "org": "Organisation",
        "chair": "coordinator, chair",
        "background": "Background",
        "documents": "The group had the following documents",
        "received": "received",
        "told": "Told in the meeting: ",
        "questions": "Questions and the group's view",
        "question": "Question",
        "view": "The group's view: ",
        "recommendations": "Recommendations",
        "nature": "Nature of this statement",
        "advises": "The expert group gives this statement as expert assistance. The group does "
        "not decide: the statement does not bind the responsible social worker, who decides "
        "the matter.",
        "coordinator": "Coordinator of the expert group",
        "distribution": "Distribution",
        "worker_role": "responsible social worker",
    },
}


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
    doc.add_paragraph(
        t["documents"] + "{% if documents_received %} (" + t["received"]
        + " {{ documents_received }}){% endif %}:"
    )  # fmt: skip
    doc.add_paragraph("{%p for d in documents %}")
    doc.add_paragraph("{{ d }}", style="List Bullet")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph(t["told"] + "…")

    doc.add_heading(t["questions"], level=1)
    doc.add_paragraph("{%p for q in questions %}")
    doc.add_heading(t["question"] + " {{ loop.index }}", level=2)
    doc.add_paragraph("{{ q }}")
    doc.add_paragraph(t["view"] + "…")
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


def main() -> None:
    for lang, texts in TEXTS.items():
        path = OUT / f"statement.{lang}.docx"
        build(lang, texts).save(str(path))
        print(path)


if __name__ == "__main__":
    main()
