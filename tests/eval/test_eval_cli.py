"""``kg eval`` on the command line: exit codes, one-line errors, table and JSON output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli import main

DEV_GOLD = Path(__file__).resolve().parents[1] / "data" / "dev" / "actors.gold.jsonl"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '{"id": "a", "source": "a.txt", "lang": "de",'
            ' "events": [{"type": "coup", "when": null}]}\n',
            "line 1: article 'a': events[0]: event type 'coup' is not one of",
        ),
        (
            '{"id": "a", "source": "missing.txt", "lang": "de"}\n',
            "line 1: source 'missing.txt' of article 'a' does not exist",
        ),
        ('{"id": "a",\n', "not JSON (Expecting property name"),
    ],
    ids=["malformed-gold", "missing-source", "not-json"],
)
def test_errors_exit_1_with_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, message: str
) -> None:
    gold = write(tmp_path / "gold.jsonl", text)
    assert main(["eval", str(gold)]) == 1
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"kg: error: {gold}: ")
    assert message in lines[0]


def test_dev_set_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DEV_GOLD), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert list(document["categories"]) == [
        "actors",
        "roles",
        "statements",
        "quote_detection",
        "stances",
        "events",
        "comments",
    ]
    actors = document["categories"]["actors"]
    assert actors["articles"] == 8
    assert actors["tp"] + actors["fn"] == sum(
        len(json.loads(line)["actors"])
        for line in DEV_GOLD.read_text(encoding="utf-8").splitlines()
    )
    assert document["categories"]["statements"]["articles"] == 2  # annotated in two articles
    assert document["categories"]["comments"]["articles"] == 2
    assert len(document["articles"]) == 8
    assert "false_negatives" not in document["articles"][0]["categories"]["actors"]


def test_dev_set_table_with_details(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DEV_GOLD), "--details"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("kg eval: 8 article(s), micro-averaged")
    assert "== de-litauen-flugabwehr (articles/de_litauen_flugabwehr.txt)" in out
    assert "statements" in out
    assert "not annotated" in out


def test_verbose_flag_also_gives_details(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", str(DEV_GOLD), "-v", "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    actors = document["articles"][0]["categories"]["actors"]
    assert {"false_positives", "false_negatives", "notes"} <= set(actors)
