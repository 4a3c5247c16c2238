"""JSON and JSONL records."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from reading_fixtures import DATA

from kg.errors import InputError
from kg.model import Article
from kg.reading import iter_sources, parse_record, read_source, read_source_results

TEXT_EN = (
    "The government has set the date of the election. "
    "The prime minister said that it would be fair."
)


def test_record_fields() -> None:
    article = parse_record(
        {
            "id": "Über uns/7",
            "title": "Election date set",
            "text": TEXT_EN,
            "date": "2025-01-20T10:30:00Z",
            "url": "https://example.org/e",
            "source": "Example Times",
            "agencies": ["Reuters", "AP"],
        },
        source="r.json",
    )
    assert article.id == "uber-uns-7"
    assert article.text.startswith("Election date set\n\nThe government")
    assert article.headline == "Election date set"
    assert (article.published, article.published_at) == (
        date(2025, 1, 20),
        datetime(2025, 1, 20, 10, 30),
    )
    assert article.publisher == "Example Times"
    assert article.agencies == ("Reuters", "AP")
    assert article.lang == "en"
    assert article.source == "r.json"


def test_record_comments_resolve_parents() -> None:
    article = parse_record(
        {
            "text": TEXT_EN,
            "comments": [
                {"author": "voter42", "text": "Finally.", "rank": "Member", "age": "3 hours ago"},
                {
                    "author": "Jo",
                    "text": "Not yet.",
                    "reply_to": "voter42",
                    "date": "2025-01-20T12:00",
                },
            ],
        },
        source="r.json",
    )
    first, second = article.comments
    assert (first.author, first.rank, first.age, first.parent) == (
        "voter42",
        "Member",
        "3 hours ago",
        None,
    )
    assert (second.reply_to, second.parent, second.created) == (
        "voter42",
        0,
        datetime(2025, 1, 20, 12, 0),
    )


@pytest.mark.parametrize(
    ("record", "problem"),
    [
        ({"title": "x"}, "record has no 'text'"),
        ({"text": 5}, "field 'text' must be a string, got int"),
        ({"text": TEXT_EN, "date": "bald"}, "field 'date' 'bald' is not a date"),
        ({"text": TEXT_EN, "comments": {}}, "field 'comments' must be a list"),
        ({"text": TEXT_EN, "comments": [{"author": "a"}]}, "comment 0: has no 'text'"),
        ({"text": TEXT_EN, "lang": "fr"}, "unsupported language 'fr' declared"),
        ({"text": "Il governo ha fissato la data delle elezioni."}, "unknown language"),
        ({"text": TEXT_EN, "id": [1]}, "field 'id' must be a string or number"),
    ],
    ids=[
        "no-text",
        "text-not-string",
        "bad-date",
        "comments-not-list",
        "comment-no-text",
        "declared-fr",
        "unknown-language",
        "id-list",
    ],
)
def test_bad_records(record: dict[str, object], problem: str) -> None:
    with pytest.raises(InputError, match=problem):
        parse_record(record, source="r.json")


def test_record_that_is_not_an_object() -> None:
    with pytest.raises(InputError, match="expected a JSON object, got list"):
        parse_record([1, 2], source="r.json")  # type: ignore[arg-type]


def test_lang_argument_must_be_supported() -> None:
    with pytest.raises(InputError, match="unsupported language 'fr'; use --lang de\\|en"):
        parse_record({"text": TEXT_EN}, source="r.json", lang="fr")


def test_jsonl_results_continue_after_bad_lines() -> None:
    (source,) = iter_sources([str(DATA / "records.jsonl")])
    results = list(read_source_results(source))
    kinds = [type(r).__name__ for r in results]
    assert kinds == ["Article", "Article", "InputError", "InputError", "Article"]
    assert str(results[2]).startswith(f"{DATA / 'records.jsonl'}:3: malformed JSON")
    assert str(results[3]).endswith("records.jsonl:4: record has no 'text'")
    good = [r for r in results if isinstance(r, Article)]
    assert [a.source.rsplit(":", 1)[1] for a in good] == ["1", "2", "5"]
    assert [a.lang for a in good] == ["en", "de", "en"]
    assert good[1].published == date(2025, 1, 20)


def test_read_source_yields_good_records_then_raises() -> None:
    (source,) = iter_sources([str(DATA / "records.jsonl")])
    seen: list[Article] = []
    with pytest.raises(InputError, match=r"records\.jsonl:3"):
        seen.extend(read_source(source))
    assert [a.id for a in seen] == ["rec-1", "rec-2"]


def test_json_list_file() -> None:
    (source,) = iter_sources([str(DATA / "record.json")])
    articles = list(read_source(source))
    assert articles[0].id == "uber-uns-7"
    assert [a.lang for a in articles] == ["en", "de"]
    assert articles[0].published == date(2025, 3, 2)
    assert articles[1].source.endswith("record.json[2]")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"text": "broken', ":1: malformed JSON"),
        ("[]", "JSON list holds no records"),
        ("[1]", "expected a JSON object, got int"),
    ],
    ids=["malformed", "empty-list", "not-object"],
)
def test_bad_json_files(tmp_path: Path, content: str, problem: str) -> None:
    path = tmp_path / "a.json"
    path.write_text(content, encoding="utf-8")
    (source,) = iter_sources([str(path)])
    with pytest.raises(InputError, match=problem):
        list(read_source(source))


def test_jsonl_with_only_blank_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    (source,) = iter_sources([str(path)])
    with pytest.raises(InputError, match="empty input"):
        list(read_source(source))


@pytest.mark.parametrize("suffix", [".json", ".jsonl"], ids=["json", "jsonl"])
def test_deeply_nested_json_is_refused(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"deep{suffix}"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (source,) = iter_sources([str(path)])
    with pytest.raises(InputError, match="malformed JSON"):
        list(read_source(source))
