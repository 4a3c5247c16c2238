"""Datelines, header dates and relative comment ages."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kg.reading.dates import is_dateline, parse_age, parse_date_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Dienstag, 03. Dezember 2024 | 18:57 Uhr",
            (date(2024, 12, 3), datetime(2024, 12, 3, 18, 57)),
        ),
        ("Tuesday, 3 December 2024 | 6:57 pm", (date(2024, 12, 3), datetime(2024, 12, 3, 18, 57))),
        ("December 3, 2024", (date(2024, 12, 3), None)),
        ("Dec. 3rd, 2024 at 12:05 a.m.", (date(2024, 12, 3), datetime(2024, 12, 3, 0, 5))),
        ("03.12.2024 19:20", (date(2024, 12, 3), datetime(2024, 12, 3, 19, 20))),
        ("3. Jänner 2025", (date(2025, 1, 3), None)),
        ("2024-12-03T18:57:00+01:00", (date(2024, 12, 3), datetime(2024, 12, 3, 18, 57))),
        ("2024-12-03", (date(2024, 12, 3), None)),
    ],
    ids=[
        "de-long",
        "en-long-pm",
        "en-us",
        "en-abbrev-am",
        "de-numeric",
        "at-jaenner",
        "iso-tz",
        "iso",
    ],
)
def test_parse_date_text(text: str, expected: tuple[date, datetime | None]) -> None:
    assert parse_date_text(text) == expected


@pytest.mark.parametrize(
    "text",
    ["31. Februar 2024", "2024-13-01", "3. Dezember 1850", "Mai 2024", "keine Angabe"],
    ids=["no-such-day", "no-such-month", "too-early", "month-only", "no-date"],
)
def test_parse_date_text_rejects(text: str) -> None:
    assert parse_date_text(text) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Dienstag, 03. Dezember 2024 | 18:57 Uhr", True),
        ("Veröffentlicht am 3. Mai 2024", True),
        ("Am 3. Mai 2024 fiel in Bozen viel Schnee.", False),
        ("Die Regierung wurde am 3. Mai 2024 in Rom vereidigt und trat sofort zusammen.", False),
    ],
    ids=["dateline", "labelled", "sentence", "long-sentence"],
)
def test_is_dateline(line: str, expected: bool) -> None:
    assert is_dateline(line) is expected


@pytest.mark.parametrize(
    ("line", "seconds"),
    [
        ("9 h 51 Min", 9 * 3600 + 51 * 60),
        ("4 Min 18 Sek", 258),
        ("vor 2 Stunden", 7200),
        ("vor einer Stunde", 3600),
        ("2 hours ago", 7200),
        ("an hour ago", 3600),
        ("3 days ago", 3 * 86400),
        ("1 Tag", 86400),
    ],
    ids=["h-min", "min-sek", "vor-stunden", "vor-einer", "hours-ago", "an-hour", "days", "tag"],
)
def test_parse_age(line: str, seconds: int) -> None:
    assert parse_age(line) == seconds


@pytest.mark.parametrize(
    "line",
    ["Superredner", "Speedy Gonzales", "9 h und mehr", "vor", "", "19 Flugabwehrsysteme"],
    ids=["rank", "name", "extra-words", "only-vor", "empty", "count-noun"],
)
def test_parse_age_rejects(line: str) -> None:
    assert parse_age(line) is None
