"""Reading and validating gold files (JSON Lines or one JSON object)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kg.errors import EvalError
from kg.eval.gold import read_gold, split_issue
from kg.model import EventType, QuoteMode

FULL = {
    "id": "seed",
    "source": "a1.txt",
    "lang": "de",
    "published": "2024-12-03",
    "actors": ["Q7184", "local:Dmitry Peskov"],
    "roles": [{"person": "Q57792", "role": "secretary general", "of": "Q7184"}],
    "statements": [{"speaker": "Q57792", "mode": "direct", "quote": "Die Verbündeten haben"}],
    "stances": [{"holder": "Q212", "issue": "membership:Q212:Q7184", "stance": "support"}],
    "events": [
        {
            "type": "annexation",
            "when": "2022-09",
            "agent": ["Q159"],
            "affected": ["Q2012050"],
            "wikidata": None,
        }
    ],
    "comments": [
        {"author": "N. G.", "rank": "Kinig", "reply_to": "Sosonadann", "mentions": ["Q7184"]}
    ],
    "notes": "free text",
}


def write_jsonl(path: Path, *records: object) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def test_single_json_object_spread_over_lines(tmp_path: Path) -> None:
    path = tmp_path / "seed.gold.json"
    path.write_text(json.dumps(FULL, indent=1), encoding="utf-8")
    (article,) = read_gold(path)
    assert article.id == "seed"
    assert article.published == date(2024, 12, 3)
    assert article.actors == ("Q7184", "local:Dmitry Peskov")
    assert article.roles is not None
    assert article.roles[0].of == "Q7184"
    assert article.statements is not None
    assert article.statements[0].mode is QuoteMode.DIRECT
    assert article.stances is not None
    assert (article.stances[0].relation, article.stances[0].subject, article.stances[0].object) == (
        "membership",
        "Q212",
        "Q7184",
    )
    assert article.events is not None
    assert article.events[0].type is EventType.ANNEXATION
    assert article.comments is not None
    assert article.comments[0].reply_to == "Sosonadann"
    assert article.source_path() == tmp_path / "a1.txt"


def test_json_lines_with_blank_and_comment_lines(tmp_path: Path) -> None:
    path = tmp_path / "dev.jsonl"
    lines = [
        "// dev gold",
        json.dumps({"id": "a", "source": "a.txt", "lang": "de", "actors": []}),
        "",
        json.dumps({"id": "b", "source": "https://example.org/b", "lang": "en", "published": None}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    first, second = read_gold(path)
    assert (first.id, first.line, second.id, second.line) == ("a", 2, "b", 4)
    assert first.actors == ()
    assert first.roles is None
    assert second.is_url
    assert second.published is None


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"events": [{"type": "coup", "when": None}]}, "event type 'coup' is not one of"),
        (
            {"stances": [{"holder": "Q212", "issue": "membership:Q212", "stance": "support"}]},
            "is not 'relation:subject:object'",
        ),
        (
            {
                "stances": [
                    {"holder": "Q212", "issue": "Membership:Q212:Q7184", "stance": "support"}
                ]
            },
            "malformed relation",
        ),
        (
            {"stances": [{"holder": "Q212", "issue": "aid:Q1:Q2", "stance": "hesitant"}]},
            "stance 'hesitant'",
        ),
        ({"id": None}, "id must be a non-empty string"),
        ({"source": ""}, "source must be a non-empty string"),
        ({"actors": ["NATO"]}, "'NATO' is not an actor id"),
        ({"actors": ["local:"]}, "is not an actor id"),
        ({"actors": "Q7184"}, "actors must be a list"),
        ({"roles": [{"person": "Q57792", "of": "Q7184"}]}, "missing required field 'role'"),
        ({"statements": [{"speaker": "Q1", "mode": "reported", "quote": "x"}]}, "mode 'reported'"),
        ({"events": [{"type": "attack", "when": "2022-13"}]}, "when '2022-13' is not an ISO"),
        ({"events": [{"type": "attack"}]}, "missing required field 'when'"),
        ({"events": [{"type": "attack", "when": None, "wikidata": "X1"}]}, "wikidata 'X1'"),
        ({"comments": [{"rank": "Kinig"}]}, "missing required field 'author'"),
        ({"published": "3.12.2024"}, "published '3.12.2024' is not an ISO date"),
    ],
    ids=[
        "unknown-event-type",
        "issue-two-parts",
        "issue-relation-case",
        "hesitant-stance",
        "null-id",
        "empty-source",
        "bare-actor-name",
        "empty-local",
        "actors-not-list",
        "role-missing",
        "bad-mode",
        "bad-when",
        "when-missing",
        "bad-event-qid",
        "comment-author",
        "bad-published",
    ],
)
def test_malformed_article_names_file_and_line(
    tmp_path: Path, change: dict[str, object], message: str
) -> None:
    good = {"id": "ok", "source": "a.txt", "lang": "de"}
    bad = {**FULL, "id": "bad", **change}
    path = write_jsonl(tmp_path / "gold.jsonl", good, bad)
    with pytest.raises(EvalError) as info:
        read_gold(path)
    assert info.value.source == str(path)
    assert info.value.problem.startswith("line 2: ")
    assert message in info.value.problem


def test_missing_required_field(tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "gold.jsonl", {"id": "x", "source": "a.txt"})
    with pytest.raises(EvalError, match="line 1: article 'x': missing required field 'lang'"):
        read_gold(path)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"id": "a", "source": "a.txt", "lang": "de"}\n{"id": \n', "line 2: not JSON"),
        ("", "no gold articles"),
        ("[1, 2]\n", "line 1: an article must be a JSON object"),
        (
            '{"id": "a", "source": "a.txt", "lang": "de"}\n'
            '{"id": "a", "source": "b.txt", "lang": "de"}\n',
            "line 2: duplicate id 'a'",
        ),
    ],
    ids=["broken-json", "empty", "not-object", "duplicate-id"],
)
def test_malformed_file(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "gold.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(EvalError, match=message):
        read_gold(path)


def test_unreadable_file(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="cannot read gold file"):
        read_gold(tmp_path / "missing.jsonl")


def test_unknown_relation_is_accepted_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    record = {
        "id": "a",
        "source": "a.txt",
        "lang": "en",
        "stances": [{"holder": "Q30", "issue": "tariff:Q30:Q148", "stance": "support"}],
    }
    (article,) = read_gold(write_jsonl(tmp_path / "g.jsonl", record))
    assert article.stances is not None
    assert article.stances[0].relation == "tariff"
    assert "not one of FORMAT.md's" in caplog.text


@pytest.mark.parametrize(
    ("key", "parts"),
    [
        ("membership:Q212:Q7184", ("membership", "Q212", "Q7184")),
        ("aid:local:Wagner Group:Q212", ("aid", "local:Wagner Group", "Q212")),
        ("sanction:Q458:local:Wagner Group", ("sanction", "Q458", "local:Wagner Group")),
    ],
    ids=["qids", "local-subject", "local-object"],
)
def test_split_issue(key: str, parts: tuple[str, str, str]) -> None:
    assert split_issue(key) == parts


def test_bare_issue_name_is_a_local_actor(tmp_path: Path) -> None:
    record = {
        "id": "a",
        "source": "a.txt",
        "lang": "en",
        "stances": [{"holder": "Q458", "issue": "sanction:Q458:Wagner Group", "stance": "support"}],
    }
    (article,) = read_gold(write_jsonl(tmp_path / "g.jsonl", record))
    assert article.stances is not None
    assert article.stances[0].object == "local:Wagner Group"


def test_malformed_pretty_printed_object_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "seed.gold.json"
    path.write_text('{\n "id": "seed",\n "source": "a.txt"\n "lang": "de"\n}\n', encoding="utf-8")
    with pytest.raises(EvalError, match=r"line 4: not JSON \(Expecting ',' delimiter\)"):
        read_gold(path)
