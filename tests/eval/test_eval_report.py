"""evaluate() end to end with hand-made analyses, and the JSON and table reports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from eval_builders import actor, make_analysis

from kg.errors import EvalError
from kg.eval import EvalReport, evaluate, format_table
from kg.model import Analysis, Article
from kg.nlp.gazetteer import Gazetteer

CATEGORY_KEYS = {"precision", "recall", "f1", "tp", "fp", "fn"}
CATEGORIES = [
    "actors",
    "roles",
    "statements",
    "quote_detection",
    "stances",
    "events",
    "comments",
]
RUTTE = actor("mark-rutte", "Mark Rutte", qid="Q57792")
NATO = actor("nato", "NATO", qid="Q7184")


def analyze(article: Article) -> Analysis:
    analysis = make_analysis([RUTTE, NATO])
    return Analysis(article=article, actors=analysis.actors, mentions=analysis.mentions)


def write(path: Path, *records: dict[str, object]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """Where to write a gold file; its directory holds the source ``a1.txt``."""
    (tmp_path / "a1.txt").write_text("Rutte sagte etwas.\n", encoding="utf-8")
    return tmp_path / "gold.jsonl"


@pytest.fixture
def report(gold_file: Path) -> EvalReport:
    write(
        gold_file,
        {"id": "a1", "source": "a1.txt", "lang": "de", "actors": ["Q57792", "Q212"]},
        {"id": "a2", "source": "a1.txt", "lang": "de", "actors": ["Q7184"], "roles": []},
    )
    return evaluate(gold_file, analyze=analyze, gazetteer=Gazetteer([]))


def test_evaluate_reads_sources_and_passes_gold_metadata(gold_file: Path) -> None:
    seen: list[Article] = []

    def spy(article: Article) -> Analysis:
        seen.append(article)
        return analyze(article)

    record = {"id": "a1", "source": "a1.txt", "lang": "en", "published": "2024-12-03", "actors": []}
    evaluate(write(gold_file, record), analyze=spy, gazetteer=Gazetteer([]))
    (article,) = seen
    assert article.lang == "en"
    assert str(article.published) == "2024-12-03"
    assert "Rutte sagte etwas." in article.text


def test_json_shape(report: EvalReport) -> None:
    document = json.loads(json.dumps(report.to_json()))
    assert list(document) == ["categories", "articles"]
    assert list(document["categories"]) == CATEGORIES
    actors = document["categories"]["actors"]
    assert set(actors) >= CATEGORY_KEYS
    assert (actors["tp"], actors["fp"], actors["fn"]) == (2, 2, 1)
    assert actors["precision"] == 0.5
    assert actors["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert actors["f1"] == pytest.approx(4 / 7, abs=1e-4)
    assert actors["articles"] == 2
    roles = document["categories"]["roles"]
    assert roles["role_accuracy"] is None
    assert (roles["role_accuracy_correct"], roles["role_accuracy_total"]) == (0, 0)
    events = document["categories"]["events"]
    assert events["f1"] is None
    assert events["articles"] == 0
    first, second = document["articles"]
    assert first["id"] == "a1"
    assert list(first["categories"]) == ["actors"]
    assert set(second["categories"]) == {"actors", "roles"}
    assert set(second["categories"]["roles"]) >= CATEGORY_KEYS
    assert "false_positives" not in first["categories"]["actors"]


def test_json_details_list_missed_items(report: EvalReport) -> None:
    document = report.to_json(details=True)
    actors = document["articles"][0]["categories"]["actors"]  # type: ignore[index]
    assert actors["false_negatives"] == ["Q212"]
    assert actors["false_positives"] == ['nato (Q7184) "NATO"']
    assert actors["notes"] == []


def test_table(report: EvalReport) -> None:
    table = format_table(report)
    lines = table.splitlines()
    header = next(line for line in lines if line.startswith("category"))
    assert header.split()[:7] == ["category", "P", "R", "F1", "tp", "fp", "fn"]
    actors = next(line for line in lines if line.startswith("actors "))
    assert actors.split()[1:7] == ["0.500", "0.667", "0.571", "2", "2", "1"]
    assert next(line for line in lines if line.startswith("events ")).endswith("not annotated")
    assert "role word – (0/0)" in table
    assert "Q212" not in table
    assert "actors FN: Q212" in format_table(report, details=True)


def test_missing_source_is_an_eval_error(gold_file: Path) -> None:
    write(gold_file, {"id": "x", "source": "nope.txt", "lang": "de"})
    with pytest.raises(
        EvalError, match=r"line 1: source 'nope\.txt' of article 'x' does not exist"
    ):
        evaluate(gold_file, analyze=analyze, gazetteer=Gazetteer([]))


def test_several_gold_files_make_one_report(gold_file: Path) -> None:
    other = gold_file.with_name("other.jsonl")
    write(gold_file, {"id": "a", "source": "a1.txt", "lang": "de", "actors": ["Q57792"]})
    write(other, {"id": "b", "source": "a1.txt", "lang": "de", "actors": ["Q7184"]})
    result = evaluate([gold_file, other], analyze=analyze, gazetteer=Gazetteer([]))
    assert [a.id for a in result.articles] == ["a", "b"]
    totals = result.totals()["actors"]
    assert totals is not None
    assert (totals.tp, totals.fp, totals.fn) == (2, 2, 0)
