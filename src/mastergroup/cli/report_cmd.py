"""`mastergroup report`: the group's annual report (issue 17), counts only."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from mastergroup.cli.options import ALL_GROUPS, LANG_HELP, group_option


class ReportFormat(enum.StrEnum):
    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"
    HTML = "html"
    DOCX = "docx"


def report(
    ctx: typer.Context,
    year: int | None = typer.Option(
        None, "--year", "-y", help="The report's year, e.g. 2025; default: last year."
    ),
    fmt: ReportFormat = typer.Option(
        ReportFormat.TEXT,
        "--format",
        "-f",
        help="text (default), markdown, json, html (with charts) or docx (Word, with charts); "
        "html and docx need mastergroup[report].",
    ),
    output: Path | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE (atomically). Default: stdout."
    ),
    lang: str | None = typer.Option(None, "--lang", metavar="fi|sv|en", help=LANG_HELP),
    group: str | None = group_option(
        "The group (its id in the configuration), or all: one report a group; default: the "
        "only or the default group."
    ),
) -> None:
    """Write the group's annual report: sessions, places, cases by municipality, matter and month.

    Counts only: no reference, name or question. A count below report.min_count (default 5)
    is shown as "< 5", and one more is hidden where a total would reveal it.

    Example:

      mastergroup report --year 2025 --format markdown -o report-2025.md

      mastergroup report --year 2025 --format html -o report-2025.html
    """
    from mastergroup.cli import state
    from mastergroup.core.errors import UsageError
    from mastergroup.i18n.messages import render
    from mastergroup.io.atomic import is_stdout, write_atomic
    from mastergroup.present import report as present
    from mastergroup.services.report import annual_report

    app = state(ctx)
    language = app.language(lang)  # first: an unknown --group is refused in this language
    every = group == ALL_GROUPS
    apps = app.each_group() if every else [app.choose_group(group)]
    chosen = year if year is not None else app.today.year - 1
    results = [annual_report(one, chosen) for one in apps]
    if fmt is ReportFormat.DOCX:
        from mastergroup.services.report import report_template

        if output is None or is_stdout(output):
            raise UsageError("report.docx_needs_file")
        data = present.as_docx(results, language, report_template(app, language))
        write_atomic(output, data, mode=0o600, create_dirs=False)
        typer.echo(render("report.written", language, file=str(output)))
        return
    if fmt is ReportFormat.HTML:
        text = present.as_html(results, language)
    elif fmt is ReportFormat.JSON:
        text = present.as_json(results)
    elif fmt is ReportFormat.MARKDOWN:
        text = "\n".join(present.as_markdown(r, language) for r in results)
    else:
        from mastergroup.present.output import is_terminal

        if (output is None or is_stdout(output)) and is_terminal():
            present.show_on_terminal(results, language)  # bars drawn by Rich
            return
        # into a pipe or a file: plain lines of █, the same bytes every run
        text = "\n".join(present.as_text(r, language) for r in results)
    if output is None or is_stdout(output):
        typer.echo(text, nl=False)
        return
    write_atomic(output, text.encode(), mode=0o600, create_dirs=False)
    typer.echo(render("report.written", language, file=str(output)))


def register(app: typer.Typer) -> None:
    app.command("report")(report)
