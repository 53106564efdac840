"""The annual report (issue 17) as text (bars of █; on a terminal, bars drawn by Rich),
Markdown, JSON, HTML and DOCX. Counts only: a suppressed count is shown as "< N" and listed in
the JSON's `suppressed`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from mastergroup.core.model import Change
from mastergroup.core.report import OTHER, LeadTime, Report, Table, YearTotals
from mastergroup.i18n.dates import month_abbr
from mastergroup.i18n.messages import area_name, day_off_name, render

BAR = 30  # the longest bar, in characters


def _label(table: Table, key: str, lang: str) -> str:
    if table.name == "matters":
        return render(f"case.matter.{key}", lang)
    if table.name in ("expertise", "expertise_present"):
        return area_name(key, lang)
    if table.name in ("cases_by_month", "places_used_by_month"):
        return month_abbr(int(key), lang)
    if table.name == "withdrawn_reasons":
        # a group as the coordinator wrote it in report.withdrawn_reasons, never a reason
        return render("report.reason.other", lang) if key == OTHER else key
    if table.name == "municipalities" and key == OTHER:
        return render("report.municipality.other", lang)  # the hidden ones, never named
    if table.name == "outcomes":
        return render(f"report.outcome.{key}", lang)
    if table.name == "questions":
        return render("report.questions_n", lang, n=int(key))
    return key  # a municipality, as written


def _count(value: int | None, report: Report, small: bool = True) -> str:
    """A count; a hidden one as "< N" when it is small, as ".." when it is hidden so that a
    small one cannot be computed from it (Statistics Finland's mark for a confidential
    figure): the report never says "< 5" of a figure that is not."""
    if value is not None:
        return str(value)
    return f"< {report.min_count}" if small else ".."


def _previous(report: Report, p: YearTotals) -> tuple[str, str]:
    """The previous year's cases and places used, as shown."""
    return (_figure(report, "previous.cases", p.cases),
            _figure(report, "previous.places_used", p.places_used))  # fmt: skip


def _total(table: Table, report: Report) -> str:
    return _count(table.total, report, table.total_small)


def _figure(report: Report, name: str, value: int | None) -> str:
    """A hidden figure outside the tables (places used, the previous year's)."""
    return _count(value, report, name in report.small)


def _number(value: float | None) -> str:
    return "–" if value is None else f"{value:g}"


def _headline(report: Report, lang: str) -> list[tuple[str, str]]:
    s = report.sessions
    rows = [
        (render("report.sessions_planned", lang), str(s.planned)),
        (render("report.sessions_held", lang), str(s.held)),
        (render("report.sessions_cancelled", lang), str(s.cancelled)),
        (render("report.sessions_moved", lang), str(s.moved)),
        (render("report.places_offered", lang), str(report.places_offered)),
        (render("report.places_used", lang), _figure(report, "places_used", report.places_used)),
        (render("report.slot_use", lang), _percent(report.slot_use)),
    ]
    if s.reasons:
        rows.append(
            (render("report.reasons", lang), "; ".join(_reason(c, lang) for c in s.reasons))
        )
    return rows


def _reason(change: Change, lang: str) -> str:
    """The configuration's reason as written, else the day off's name, else the kind."""
    if change.reason:
        return change.reason
    if change.day_off is not None:
        return day_off_name(change.day_off, lang)
    return change.kind.value


def _percent(value: float | None) -> str:
    return "–" if value is None else f"{value:g} %"


def _leads(report: Report, lang: str) -> list[tuple[str, str]]:
    def span(lead: LeadTime) -> str:
        if lead.shortest is None:
            return "–"
        return f"{lead.shortest}–{lead.longest}"

    b, st = report.booking_lead, report.statement_lead
    return [
        (render("report.booking_lead_median", lang), _number(b.median_days)),
        (render("report.booking_lead_range", lang), span(b)),
        (render("report.statement_lead_median", lang), _number(st.median_days)),
        (
            render("report.statement_within", lang, days=report.target_days),
            _percent(st.within_target),
        ),
    ]


def _tables(report: Report) -> tuple[Table, ...]:
    return (report.outcomes, report.withdrawn_reasons, report.municipalities, report.matters,
            report.expertise, report.expertise_present, report.questions, report.months,
            report.months_used)  # fmt: skip


def _coverage(report: Report, lang: str) -> list[tuple[str, str]]:
    """§ 14 coverage and the quorum, over the held sessions with cases; ".." where they are
    hidden with places used (one case a session makes them the same count)."""
    c = report.coverage
    rows = [
        (render("report.coverage_sessions", lang), _count(c.sessions, report, small=False)),
        (render("report.coverage_covered", lang), _count(c.covered, report, small=False)),
    ]
    if c.quorum:
        quorate = _count(c.quorate, report, small=False)
        rows.append((render("report.coverage_quorum", lang, quorum=c.quorum), quorate))
    return rows


def slot_use_by_month(report: Report) -> list[tuple[str, float | None]]:
    """Each month with a held session: the percent of its places used, None when its places
    used is hidden (the offered places are public: a percent would give the count away)."""
    used = {c.key: c.value for c in report.months_used.cells}
    return [
        (month, None if month in used and used[month] is None
         else round(100 * (used.get(month) or 0) / offered, 1))
        for month, offered in report.months_offered
        if offered
    ]  # fmt: skip


def _rows(table: Table, report: Report, lang: str) -> list[tuple[str, str, int | None]]:
    """(label, count as shown, the count or None when hidden) for each cell of a table."""
    return [(_label(table, c.key, lang), _count(c.value, report, c.small), c.value)
            for c in table.cells]  # fmt: skip


def _title(report: Report, lang: str) -> str:
    title = render("report.title", lang, year=report.year)
    return f"{title} – {report.group}" if report.group else title


def as_text(report: Report, lang: str) -> str:
    lines = [_title(report, lang), ""]
    lines += [f"{label}: {value}" for label, value in _headline(report, lang)]
    for table in _tables(report):
        lines += ["", render(f"report.table.{table.name}", lang)]
        if not table.cells:
            lines.append("  –")
            continue
        labels = [_label(table, c.key, lang) for c in table.cells]
        # the total's label too: "Yhteensä" is longer than "Muu syy"
        width = max(len(x) for x in [*labels, render("report.total", lang)])
        top = max((c.value or 0) for c in table.cells) or 1
        for label, cell in zip(labels, table.cells, strict=True):
            bar = "" if cell.value is None else "█" * max(1, round(BAR * cell.value / top))
            shown = _count(cell.value, report, cell.small)
            lines.append(f"  {label.ljust(width)}  {shown:>5}  {bar}".rstrip())
        if table.has_total:
            total = render("report.total", lang)
            lines.append(f"  {total.ljust(width)}  {_total(table, report):>5}")
    lines += ["", render("report.lead_times", lang)]
    lines += [f"  {label}: {value}" for label, value in _leads(report, lang)]
    lines += ["", render("report.coverage", lang)]
    lines += [f"  {label}: {value}" for label, value in _coverage(report, lang)]
    if report.previous is not None:
        p = report.previous
        pc, pu = _previous(report, p)
        lines += ["", render("report.previous", lang, year=p.year)]
        lines.append(f"  {render('report.sessions_held', lang)}: {p.held}")
        lines.append(f"  {render('report.cases', lang)}: {pc}")
        lines.append(f"  {render('report.places_used', lang)}: {pu}")
    lines += ["", render("report.suppressed_note", lang, n=report.min_count)]
    return "\n".join(lines) + "\n"


def show_on_terminal(reports: Sequence[Report], lang: str) -> None:
    """The text report on a terminal: the same lines, each table with bars drawn by Rich
    (imported here, when a terminal shows the report; into a pipe `as_text` writes plain,
    deterministic lines of █). A hidden count has no bar."""
    from rich.bar import Bar
    from rich.table import Table as RichTable
    from rich.text import Text

    from mastergroup.present.output import console

    out = console()
    for n, report in enumerate(reports):
        if n:
            out.print()
        out.print(Text(_title(report, lang), style="bold"))
        out.print()
        for label, value in _headline(report, lang):
            out.print(Text(f"{label}: {value}"))
        for table in _tables(report):
            out.print()
            out.print(Text(render(f"report.table.{table.name}", lang), style="bold"))
            if not table.cells:
                out.print(Text("  –"))
                continue
            top = max((c.value or 0) for c in table.cells) or 1
            grid = RichTable(box=None, show_header=False, padding=(0, 1), pad_edge=False)
            grid.add_column(no_wrap=True)
            grid.add_column(justify="right", no_wrap=True)
            grid.add_column(width=BAR, no_wrap=True)
            for label, shown, count in _rows(table, report, lang):
                bar = Text("") if count is None else Bar(top, 0, count, width=BAR, color="blue")
                grid.add_row(Text(f" {label}"), Text(shown), bar)
            if table.has_total:
                grid.add_row(Text(f" {render('report.total', lang)}"),
                             Text(_total(table, report)), Text(""))  # fmt: skip
            out.print(grid)
        for heading, rows in (
            (render("report.lead_times", lang), _leads(report, lang)),
            (render("report.coverage", lang), _coverage(report, lang)),
        ):
            out.print()
            out.print(Text(heading, style="bold"))
            for label, value in rows:
                out.print(Text(f"  {label}: {value}"))
        if report.previous is not None:
            p = report.previous
            pc, pu = _previous(report, p)
            out.print()
            out.print(Text(render("report.previous", lang, year=p.year), style="bold"))
            for label, value in (
                (render("report.sessions_held", lang), str(p.held)),
                (render("report.cases", lang), pc),
                (render("report.places_used", lang), pu),
            ):
                out.print(Text(f"  {label}: {value}"))
        out.print()
        out.print(Text(render("report.suppressed_note", lang, n=report.min_count)))


def as_markdown(report: Report, lang: str) -> str:
    from mastergroup.present.markdown import escape

    lines = [f"# {escape(_title(report, lang))}", ""]
    lines += [f"- {escape(label)}: {escape(value)}" for label, value in _headline(report, lang)]
    for table in _tables(report):
        lines += ["", f"## {escape(render(f'report.table.{table.name}', lang))}", ""]
        lines += [f"| {escape(render('report.category', lang))} | n |", "| --- | ---: |"]
        for cell in table.cells:
            label = escape(_label(table, cell.key, lang))
            lines.append(f"| {label} | {escape(_count(cell.value, report, cell.small))} |")
        if table.has_total:
            total = escape(_total(table, report))
            lines.append(f"| **{escape(render('report.total', lang))}** | {total} |")
    lines += ["", f"## {escape(render('report.lead_times', lang))}", ""]
    lines += [f"- {escape(label)}: {escape(value)}" for label, value in _leads(report, lang)]
    lines += ["", f"## {escape(render('report.coverage', lang))}", ""]
    lines += [f"- {escape(label)}: {escape(value)}" for label, value in _coverage(report, lang)]
    if report.previous is not None:
        p = report.previous
        pc, pu = _previous(report, p)
        lines += ["", f"## {escape(render('report.previous', lang, year=p.year))}", ""]
        lines.append(f"- {escape(render('report.sessions_held', lang))}: {p.held}")
        lines.append(f"- {escape(render('report.cases', lang))}: {escape(pc)}")
        used = escape(pu)
        lines.append(f"- {escape(render('report.places_used', lang))}: {used}")
    lines += ["", escape(render("report.suppressed_note", lang, n=report.min_count))]
    return "\n".join(lines) + "\n"


def _lead_json(lead: LeadTime) -> dict[str, Any]:
    return {"cases": lead.cases, "median_days": lead.median_days, "shortest_days": lead.shortest,
            "longest_days": lead.longest}  # fmt: skip


def as_json(reports: Sequence[Report]) -> str:
    """The JSON contract of `report --format json`: fields are added, never removed. A
    suppressed count is null and named in `suppressed` ("municipalities.Uurainen"). One group:
    its report; `--group all`: a list of them, one a group."""
    found = [_json_of(r) for r in reports]
    return json.dumps(found[0] if len(found) == 1 else found, ensure_ascii=False, indent=2) + "\n"


def _json_of(report: Report) -> dict[str, Any]:
    suppressed = [f"{t.name}.{c.key}" for t in _tables(report) for c in t.cells if c.suppressed]
    suppressed += [f"{t.name}.total" for t in _tables(report) if t.has_total and t.total is None]
    if report.places_used is None:
        suppressed.append("places_used")
    if report.coverage.sessions is None:
        suppressed += ["coverage_14.sessions_with_cases", "coverage_14.covered"]
        if report.coverage.quorum:
            suppressed.append("coverage_14.quorate")
    for name, lead in (("booking_to_session", report.booking_lead),
                       ("session_to_statement", report.statement_lead)):  # fmt: skip
        if lead.cases is None and lead.median_days is not None:
            suppressed.append(f"{name}.cases")
    statement = report.statement_lead
    if statement.median_days is not None and statement.within_target is None:
        suppressed.append("session_to_statement.within_target_percent")
    if report.previous is not None:
        suppressed += [
            f"previous_year.{name}"
            for name, value in (
                ("cases", report.previous.cases),
                ("places_used", report.previous.places_used),
            )
            if value is None
        ]
    s = report.sessions
    data: dict[str, Any] = {
        "year": report.year,
        "group": report.group,
        "min_count": report.min_count,
        "sessions": {
            "planned": s.planned,
            "held": s.held,
            "cancelled": s.cancelled,
            "moved": s.moved,
            "reasons": [
                {
                    "kind": c.kind.value,
                    "day_off": c.day_off.key if c.day_off else None,
                    "reason": _reason(c, "en"),
                }
                for c in s.reasons
            ],
        },
        "places_offered": report.places_offered,
        "places_used": report.places_used,
        "slot_use_percent": report.slot_use,
        **{
            t.name: {
                "counts": {c.key: c.value for c in t.cells},
                **({"total": t.total} if t.has_total else {}),
            }
            for t in _tables(report)
        },
        "booking_to_session": _lead_json(report.booking_lead),
        "session_to_statement": {
            **_lead_json(report.statement_lead),
            "target_days": report.target_days,
            "within_target_percent": report.statement_lead.within_target,
        },
        "previous_year": None
        if report.previous is None
        else {
            "year": report.previous.year,
            "held": report.previous.held,
            "cases": report.previous.cases,
            "places_used": report.previous.places_used,
        },
        "places_offered_by_month": dict(report.months_offered),
        "slot_use_by_month_percent": dict(slot_use_by_month(report)),
        "coverage_14": {
            "sessions_with_cases": report.coverage.sessions,
            "covered": report.coverage.covered,
            "quorum": report.coverage.quorum,
            "quorate": report.coverage.quorate,
        },
        "suppressed": suppressed,
    }
    return data


# --- HTML and DOCX with charts (matplotlib, the extra mastergroup[report]) ---



def _charts(report: Report, lang: str, fmt: str) -> list[tuple[str, bytes]]:
    """The charts: (title, SVG or PNG bytes). Per month (cases; slot use), every month of the
    year on the axis, a hidden month with no bar but ".." (confidential: small, or hidden so
    that a small one cannot be computed; the table beside it says which) where it would be; per
    municipality and per matter, a hidden count's category is left out. A chart with nothing to
    draw is left out."""
    from mastergroup.present.report_charts import bar_chart, month_chart

    found = []
    hidden = ".."
    cases = {int(c.key): c.value for c in report.months.cells}
    if any(cases.values()):  # a chart of hidden or empty months only would show nothing
        title = render("report.table.cases_by_month", lang)
        columns = [(month_abbr(m, lang), cases.get(m, 0)) for m in range(1, 13)]
        found.append((title, month_chart(title, columns, fmt, hidden=hidden)))
    use = {int(m): v for m, v in slot_use_by_month(report)}
    if any(use.values()):
        title = render("report.chart.slot_use", lang)
        bars_pc = [(month_abbr(m, lang), use.get(m, 0.0)) for m in range(1, 13)]
        found.append((title, month_chart(title, bars_pc, fmt, hidden=hidden, percent=True)))
    for table in (report.municipalities, report.matters):
        bars = [(_label(table, c.key, lang), c.value) for c in table.cells if c.value is not None]
        if bars:
            title = render(f"report.table.{table.name}", lang)
            found.append((title, bar_chart(title, bars, fmt)))
    return found


def _sections(report: Report, lang: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """The report as (heading, rows of label and value) sections, as in the Markdown."""
    found = [("", _headline(report, lang))]
    for table in _tables(report):
        rows = [(_label(table, c.key, lang), _count(c.value, report, c.small))
                for c in table.cells]  # fmt: skip
        if table.has_total:
            rows.append((render("report.total", lang), _total(table, report)))
        found.append((render(f"report.table.{table.name}", lang), rows))
    found.append((render("report.lead_times", lang), _leads(report, lang)))
    found.append((render("report.coverage", lang), _coverage(report, lang)))
    if report.previous is not None:
        p = report.previous
        pc, pu = _previous(report, p)
        found.append((render("report.previous", lang, year=p.year), [
            (render("report.sessions_held", lang), str(p.held)),
            (render("report.cases", lang), pc),
            (render("report.places_used", lang), pu),
        ]))  # fmt: skip
    return found


def as_html(reports: Sequence[Report], lang: str) -> str:
    """A self-contained page: the sections of the Markdown, escaped, and inline SVG charts."""
    from html import escape

    # several groups' reports: the year's title without a group
    first = reports[0]._replace(group="") if len(reports) > 1 else reports[0]
    title = escape(_title(first, lang)) if reports else ""
    out = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{title}</title>",
        "<style>body{font-family:sans-serif;max-width:50em;margin:auto}"
        "td.n{text-align:right}table{border-collapse:collapse}"
        "td,th{border:1px solid #ccc;padding:2px 8px}figure.chart{margin:1em 0}"
        "figure.chart svg{max-width:100%;height:auto}</style>",
        "</head><body>",
    ]
    for report in reports:
        out.append(f"<h1>{escape(_title(report, lang))}</h1>")
        for n, (heading, rows) in enumerate(_sections(report, lang)):
            if heading:
                out.append(f"<h2>{escape(heading)}</h2>")
            if not rows:
                out.append("<p>–</p>")
            else:
                out.append("<table>")
                out += [
                    f'<tr><td>{escape(label)}</td><td class="n">{escape(value)}</td></tr>'
                    for label, value in rows
                ]
                out.append("</table>")
            if n == 0:  # the charts right after the headline figures: what a board looks at
                for chart_title, svg in _charts(report, lang, "svg"):
                    text = svg.decode()
                    text = text[text.index("<svg") :]  # inline: no XML declaration or doctype
                    out.append(
                        f'<figure class="chart" aria-label="{escape(chart_title)}">{text}</figure>'
                    )
        out.append(f"<p>{escape(render('report.suppressed_note', lang, n=report.min_count))}</p>")
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def as_docx(reports: Sequence[Report], lang: str, template: Any = None) -> bytes:
    """A Word document: the sections as tables and the charts as PNG images, appended to
    `template` (`report.LANG.docx`: the county's, else the shipped one; its styles, header,
    footer and any first pages of its own are kept)."""
    import io

    import docx
    from docx.shared import Cm

    document = docx.Document(str(template) if template is not None else None)
    grid = "Table Grid" if any(s.name == "Table Grid" for s in document.styles) else None
    for report in reports:
        document.add_heading(_title(report, lang), level=1)
        for n, (heading, rows) in enumerate(_sections(report, lang)):
            if heading:
                document.add_heading(heading, level=2)
            if not rows:
                document.add_paragraph("–")
            else:
                table = document.add_table(rows=0, cols=2, style=grid)
                for label, value in rows:
                    cells = table.add_row().cells
                    cells[0].text, cells[1].text = label, value
            if n == 0:  # the charts after the headline figures, as in the HTML
                for _title_of, png in _charts(report, lang, "png"):
                    document.add_picture(io.BytesIO(png), width=Cm(15))
        document.add_paragraph(render("report.suppressed_note", lang, n=report.min_count))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
