"""`mastergroup sessions` as a user runs it."""

from __future__ import annotations

import json

PUBLISHED_2023 = """pe 27.1. klo 9.00–11.30
pe 24.2. klo 9.00–11.30
pe 31.3. klo 9.00–11.30
pe 28.4. klo 9.00–11.30
pe 26.5. klo 9.00–11.30
pe 16.6. klo 9.00–11.30
pe 25.8. klo 9.00–11.30
pe 29.9. klo 9.00–11.30
pe 27.10. klo 9.00–11.30
pe 24.11. klo 9.00–11.30
pe 15.12. klo 9.00–11.30
"""


def test_2023_exactly_as_published(run):
    result = run("sessions", "--year", "2023")
    assert result.exit_code == 0, result
    assert result.stdout == PUBLISHED_2023


def test_json_contract(run):
    result = run("sessions", "--year", "2024", "--format", "json")
    data = json.loads(result.stdout)
    assert len(data) == 11
    march = data[2]
    for key in (
        "date",
        "start",
        "end",
        "booking_deadline",
        "documents_due",
        "status",
        "note",
        "capacity",
    ):
        assert key in march
    assert march["date"] == "2024-03-22"
    assert march["start"] == "2024-03-22T09:00:00+02:00"
    assert march["end"] == "2024-03-22T11:30:00+02:00"
    assert march["status"] == "moved"
    assert "pitkäperjantai" in march["note"]
    assert data[4]["start"] == "2024-05-31T09:00:00+03:00"
    december = data[-1]
    assert (december["date"], december["documents_due"]) == ("2024-12-13", "2024-12-05")
    assert december["booking_deadline"] == "2024-11-29"
    assert december["capacity"] == 2


def test_bad_year_is_one_line(run):
    result = run("sessions", "--year", "0")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert "1992" in result.stderr
