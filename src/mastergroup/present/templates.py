"""Statement templates: find them (county folder, then shipped), render them, check them.

Markdown and text are plain Jinja2 files (`statement.<lang>.<md|txt>.j2`; in Markdown every
value is escaped, markdown_text.escape); DOCX is a Word file with Jinja2 inside
(`statement.<lang>.docx`, rendered by docxtpl) so a county can use its own letterhead.
Jinja2, docxtpl and python-docx are imported inside the functions (start-up).
Every template error becomes one line naming the file and the line (DOCX: the paragraph).
"""

from __future__ import annotations

import io
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from mastergroup.core.errors import ConfigError

KINDS = ("md", "txt", "docx")
_TAG = re.compile(r"\{[{%#].*?[}%#]\}", re.DOTALL)
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}")
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def template_name(kind: str, lang: str) -> str:
    return f"statement.{lang}.docx" if kind == "docx" else f"statement.{lang}.{kind}.j2"


def shipped_folder() -> Path:
    from mastergroup.io.environment import shipped_config_dir

    return shipped_config_dir() / "templates"


def find(name: str, county_folder: Path | None) -> Path:
    """The county's file of this name if it has one, else the shipped one."""
    for folder in (county_folder, shipped_folder()):
        if folder is not None and (folder / name).is_file():
            return folder / name
    raise ConfigError("template.missing", file=name, folder=str(county_folder or shipped_folder()))


class TemplateError(ConfigError):
    """A template that cannot be rendered: names the file and the line (or paragraph)."""


def _line_in(tb: TracebackType | None, filename: str) -> int | None:
    """The template line of the innermost traceback frame that ran the template."""
    line = None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == filename:
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


def _detail(error: Exception) -> str:
    text = getattr(error, "message", None) or str(error) or type(error).__name__
    return " ".join(str(text).split())[:200]


# --- Markdown and text ---------------------------------------------------------------------


def _environment(path: Path, *, markdown: bool) -> Any:
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    from mastergroup.present.markdown import escape

    # Autoescape off: the output is Markdown or plain text, never HTML. Markdown escapes every
    # `{{ value }}` instead (finalize: what the template itself writes stays Markdown); plain
    # text shows the values as typed.
    return Environment(  # noqa: S701
        loader=FileSystemLoader([str(path.parent), str(shipped_folder())]),
        undefined=StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=escape if markdown else None,
    )


def is_markdown(path: Path) -> bool:
    return path.name.endswith((".md.j2", ".md"))


def render_text(path: Path, context: Mapping[str, Any], *, markdown: bool = False) -> str:
    """Render a Markdown (`markdown`: values escaped) or text template; TemplateError
    (file:line) on any template fault."""
    import jinja2

    env = _environment(path, markdown=markdown)
    filename = str(path)
    try:
        template = env.get_template(path.name)  # the loader looks in path's own folder first
        filename = template.filename or filename
        return str(template.render(**context))
    except jinja2.TemplateSyntaxError as e:
        raise TemplateError(
            "template.error", file=e.filename or filename, line=e.lineno, detail=_detail(e)
        ) from None
    except jinja2.TemplateNotFound as e:
        raise ConfigError("template.missing", file=str(e.name), folder=str(path.parent)) from None
    except jinja2.TemplateError as e:
        line = _line_in(e.__traceback__, filename) or 0
        raise TemplateError("template.error", file=filename, line=line, detail=_detail(e)) from None
    except UnicodeDecodeError as e:
        raise ConfigError("template.unreadable", file=filename, detail=type(e).__name__) from None
    except Exception as e:  # an expression that fails as it runs: {{ 1/0 }}, {{ 'a' + 1 }}
        line = _line_in(e.__traceback__, filename) or 0
        raise TemplateError("template.error", file=filename, line=line, detail=_detail(e)) from None


# --- DOCX ----------------------------------------------------------------------------------


def _docx_error(path: Path, error: Exception, lineno: int | None) -> TemplateError:
    # docxtpl puts every <w:p> on its own line: line n of its source is paragraph n - 1.
    paragraph = max((lineno or 1) - 1, 1)
    return TemplateError(
        "template.docx_error", file=str(path), paragraph=paragraph, detail=_detail(error)
    )


def render_docx(path: Path, context: Mapping[str, Any]) -> bytes:
    """Render a Word template (docxtpl) to the bytes of a .docx file."""
    import jinja2
    from docxtpl import DocxTemplate

    try:
        doc = DocxTemplate(str(path))
        doc.init_docx()
    except Exception as e:  # python-docx raises several kinds for a file that is not a .docx
        raise ConfigError("template.unreadable", file=str(path), detail=type(e).__name__) from None
    env = jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)
    try:
        doc.render(dict(context), jinja_env=env, autoescape=True)
    except jinja2.TemplateSyntaxError as e:
        raise _docx_error(path, e, e.lineno) from None
    except jinja2.TemplateError as e:
        raise _docx_error(path, e, _line_in(e.__traceback__, "<template>")) from None
    except Exception as e:  # an expression that fails as it runs: {{ 1/0 }}
        raise _docx_error(path, e, _line_in(e.__traceback__, "<template>")) from None
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _paragraph_runs(xml_root: Any) -> list[list[str]]:
    """Each w:p's runs' texts, in document order (body, tables, headers, footers)."""
    paragraphs = []
    for p in xml_root.iter(f"{_W}p"):
        runs = []
        for r in p.iter(f"{_W}r"):
            runs.append("".join(t.text or "" for t in r.iter(f"{_W}t")))
        paragraphs.append(runs)
    return paragraphs


def split_tags(runs_of_paragraphs: Sequence[Sequence[str]]) -> list[tuple[int, str]]:
    """(paragraph number, tag) for each Jinja tag that does not lie inside one run: Word split
    it (spell-check, an edit in the middle), and the tag may not render as written."""
    found = []
    for number, runs in enumerate(runs_of_paragraphs, start=1):
        text = "".join(runs)
        bounds, pos = [], 0
        for run in runs:
            bounds.append((pos, pos + len(run)))
            pos += len(run)
        for m in _TAG.finditer(text):
            if not any(a <= m.start() and m.end() <= b for a, b in bounds):
                found.append((number, m.group(0)))
        # An opener split between two runs ("{" + "{ x }}") is not matched above unless the
        # whole text forms a tag; catch a lone brace at a run boundary too.
        for (_, end), nxt in zip(bounds, runs[1:], strict=False):
            if end and text[end - 1] == "{" and nxt[:1] in ("{", "%", "#"):
                tag = _TAG.match(text, end - 1)
                shown = tag.group(0) if tag else text[end - 1 : end + 20]
                if (number, shown) not in found:
                    found.append((number, shown))
    return found


def _docx_parts(path: Path) -> list[Any]:
    from docx import Document

    document = Document(str(path))
    roots = [document.element.body]
    for section in document.sections:
        for part in (section.header, section.footer):
            roots.append(part._element)  # python-docx has no public XML root
    return roots


# --- template check ------------------------------------------------------------------------


@dataclass
class CheckReport:
    """What `template check` found: errors (file:line), unfilled placeholders, split tags."""

    file: str
    errors: list[str] = field(default_factory=list)
    unfilled: list[str] = field(default_factory=list)
    split: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not (self.errors or self.unfilled or self.split)


def check(path: Path, context: Mapping[str, Any], lang: str = "en") -> CheckReport:
    """Render `path` with `context` (invented data) and report every fault found."""
    from mastergroup.i18n.messages import render

    report = CheckReport(str(path))
    if path.suffix == ".docx":
        from docxtpl import DocxTemplate

        try:
            report.split = split_tags(
                [r for root in _docx_parts(path) for r in _paragraph_runs(root)]
            )
            doc = DocxTemplate(str(path))
            undeclared = doc.get_undeclared_template_variables(context=dict(context))
            report.unfilled = sorted(undeclared)
        except Exception as e:  # a broken file: the render below names the fault, once
            broken: str | None = f"{path}: {type(e).__name__}"
        else:
            broken = None
        try:
            render_docx(path, context)
        except ConfigError as e:
            report.errors.append(render(e.key, lang, **e.params))
        else:
            report.errors.extend([broken] if broken else [])
        return report
    try:
        text = render_text(path, context, markdown=is_markdown(path))
    except ConfigError as e:
        report.errors.append(render(e.key, lang, **e.params))
        return report
    for number, line in enumerate(text.splitlines(), start=1):
        if _LEFTOVER.search(line):
            report.unfilled.append(f"output line {number}: {line.strip()[:80]}")
    return report
