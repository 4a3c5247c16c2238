"""``kg link``, ``kg enrich``, ``kg gazetteer update`` and ``kg ingest --link online`` end to end.

The endpoint is the session's Virtuoso with the Wikidata-shaped fixture (its default graph is
the union of its graphs, so the commands need no graph restriction); the store and the cache
live in tmp_path.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from wikidata_fixtures import ARTICLES, wikidata_endpoint_fixture  # noqa: F401

from kg.cli import main
from kg.nlp.gazetteer import Gazetteer
from kg.resources import gazetteer_dir

pytestmark = pytest.mark.virtuoso


def _wikidata(endpoint: str, tmp_path: Path) -> list[str]:
    return ["--wikidata-endpoint", endpoint, "--cache-dir", str(tmp_path / "cache")]


def test_ingest_link_enrich_query(
    wikidata_endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(tmp_path / "kg")]
    article = str(ARTICLES / "en_baltic_air_defence.txt")
    assert (
        main(
            [
                "ingest",
                article,
                *store,
                "--lang",
                "en",
                "--date",
                "2025-03-03",
                "--link",
                "online",
                *_wikidata(wikidata_endpoint, tmp_path),
            ]
        )
        == 0
    )
    # 4: the Presidential Administration of Russia has no candidate in the fixture
    assert "linked 3 of 4 unlinked actor(s) online" in capsys.readouterr().err
    assert (
        main(
            [
                "link",
                *store,
                "--relink",
                "--format",
                "json",
                "--offline",
                *_wikidata(wikidata_endpoint, tmp_path),
            ]
        )
        == 0
    )
    report = json.loads(capsys.readouterr().out)
    assert report["requests"] == 0  # all from the cache
    assert {(x["actor"], x["qid"]) for x in report["links"] if x["accepted"]} == {
        ("andris-spruds", "Q9990007"),
        ("dmitry-peskov", "Q9990001"),
        ("andrii-sybiha", "Q9990006"),
    }
    assert main(["enrich", *store, *_wikidata(wikidata_endpoint, tmp_path)]) == 0
    assert "graph/wikidata" in capsys.readouterr().out
    assert main(["query", "statements_by_nato_member_officials", *store, "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)["results"]["bindings"]
    assert sorted(row["speakerLabel"]["value"] for row in rows) == ["Andris Spruds", "Hanno Pevkur"]


def test_link_with_an_unreachable_endpoint_is_a_one_line_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = ["--store", str(tmp_path / "kg")]
    article = str(ARTICLES / "en_baltic_air_defence.txt")
    assert main(["ingest", article, *store, "--lang", "en", "-q"]) == 0
    capsys.readouterr()
    assert (
        main(
            [
                "link",
                *store,
                "--timeout",
                "1",
                "--offline",
                "--wikidata-endpoint",
                "http://127.0.0.1:9/sparql",
                "--cache-dir",
                str(tmp_path / "empty"),
            ]
        )
        == 1
    )
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error:")
    assert "offline" in err
    assert len(err.splitlines()) == 1


def test_gazetteer_update_adds_what_is_missing_and_keeps_curated_entries(
    wikidata_endpoint: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "gazetteer"
    args = [
        "gazetteer",
        "update",
        "--output",
        str(out),
        "--min-members",
        "3",
        *_wikidata(wikidata_endpoint, tmp_path),
    ]
    assert main(args) == 0
    capsys.readouterr()
    updated = Gazetteer.load(out)
    shipped = Gazetteer.load(gazetteer_dir())
    testland = updated.by_qid("Q9990200")
    assert testland is not None
    assert testland.key == "testland"
    assert updated.get("baltic-test-council") is not None
    mustermann = updated.by_qid("Q9990010")
    assert mustermann is not None
    assert [(p.role, p.of) for p in mustermann.posts] == [("president", "testland")]
    assert updated.by_qid("Q15180") is None  # dissolved: the Soviet Union is not added
    assert updated.by_qid("Q9990011") is None  # a former office holder is not added
    for entry in shipped.entries():  # curated entries are kept as they are
        assert updated.get(entry.key) == entry
    assert len(updated) == len(shipped) + 3
    # A rerun replaces the generated entries instead of adding them twice.
    assert main([*args, "--source", str(out), "--offline"]) == 0
    assert len(Gazetteer.load(out)) == len(updated)
