"""The services are a library: an App built once, with no environment variable at all."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mastergroup.io.environment import shipped_config_dir
from mastergroup.services import App, year_view
from mastergroup.services.cases import CaseInput, add_case, list_cases


@pytest.fixture
def no_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    for name in ("MASTERGROUP_HOME", "MASTERGROUP_CONFIG", "MASTERGROUP_TODAY", "MASTERGROUP_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "not-here"))  # must stay unused


def test_a_program_books_and_lists_cases_through_the_services(tmp_path, no_environment):
    app = App(
        config_file=shipped_config_dir() / "keski-suomi.toml",
        data_home=tmp_path / "register",
        pinned_today=date(2023, 3, 1),
        lang_option="sv",
    )
    booked = add_case(
        app,
        CaseInput(ref="LS-2023-17", worker="Aino Esimerkki", email="aino@example.org",
                  phone="040 123 4567", municipality="Jyväskylä", matter="care_order_preparation",
                  expertise=("law",), questions=("Onko huostaanoton edellytykset?",)),
        session=date(2023, 3, 31),
    )  # fmt: skip
    assert booked.view.session is not None and booked.view.session.date == date(2023, 3, 31)
    assert [v.case.ref for v in list_cases(app, session=date(2023, 3, 31))] == ["LS-2023-17"]
    assert (tmp_path / "register" / "mastergroup.db").is_file()
    assert not (tmp_path / "not-here").exists()
    assert app.language() == "sv"
    assert [s.date.month for s in year_view(app, 2023).sessions][:2] == [1, 2]


def test_the_environment_is_read_once_per_app(monkeypatch, tmp_path):
    monkeypatch.setenv("MASTERGROUP_HOME", str(tmp_path / "a"))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2023-03-01")
    app = App()
    assert app.home == tmp_path / "a" and app.today == date(2023, 3, 1)
    monkeypatch.setenv("MASTERGROUP_HOME", str(tmp_path / "b"))
    monkeypatch.setenv("MASTERGROUP_TODAY", "2024-01-01")
    assert app.home == tmp_path / "a" and app.today == date(2023, 3, 1)
    assert App().home == tmp_path / "b"
