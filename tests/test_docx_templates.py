"""The shipped Word templates say what the catalogs' `docx.…` labels say (issue 12): building
them again from the catalogs gives the same parts, so a label edited in a .po without running
scripts/make_docx_templates.py fails here."""

from __future__ import annotations

import importlib.util
import io
import zipfile
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parents[1] / "scripts" / "make_docx_templates.py"


def _script():  # the script is not a module of the package; load it from its file
    spec = importlib.util.spec_from_file_location("make_docx_templates", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("kind", ["statement", "report"])
@pytest.mark.parametrize("lang", ["fi", "sv", "en"])
def test_the_shipped_template_is_what_the_catalog_builds(lang, kind):
    script = _script()
    built = io.BytesIO()
    document = script.build(lang, script.texts(lang)) if kind == "statement" else (
        script.build_report(lang))  # fmt: skip
    document.save(built)
    ours, shipped = zipfile.ZipFile(built), zipfile.ZipFile(script.OUT / f"{kind}.{lang}.docx")
    assert ours.namelist() == shipped.namelist()
    for part in ours.namelist():  # the zip's timestamps differ; every part's content may not
        assert ours.read(part) == shipped.read(part), (lang, part)
