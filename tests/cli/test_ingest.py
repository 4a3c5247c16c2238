"""``kg ingest`` as a user runs it: files, stdin, re-ingest, bad input, --keep-going, crashes."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf import iris
from kg.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
GOOD = """---
title: Litauen verstärkt die Grenze
date: 2025-02-14
lang: de
---
Der litauische Verteidigungsminister Tomas Beispielis sagte am Freitag, die Lage sei ernst.
Die NATO müsse ihre Präsenz im Baltikum ausbauen.
"""


def _graphs(store_dir: Path) -> set[str]:
    with open_store(store_dir, read_only=True) as store:
        return {
            str(g)
            for g in store.graphs()
            if str(g) != str(iris.REFERENCE_GRAPH) and "-claim-" not in str(g)
        }


def _count(store_dir: Path) -> int:
    with open_store(store_dir, read_only=True) as store:
        return store.count()


def test_ingest_writes_one_graph_per_article(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    code = main(
        ["ingest", str(EXAMPLES / "articles"), str(EXAMPLES / "feed.jsonl"), "--store", str(store)]
    )
    assert code == 0
    assert "ingested 6 article(s)" in capsys.readouterr().out
    assert len(_graphs(store)) == 6


def test_reingest_replaces_instead_of_duplicating(tmp_path: Path) -> None:
    store = tmp_path / "store"
    source = str(EXAMPLES / "articles" / "01_nato_gipfel.txt")
    assert main(["ingest", source, "--store", str(store), "-q"]) == 0
    first = _count(store)
    assert main(["ingest", source, "--store", str(store), "-q"]) == 0
    assert _count(store) == first
    assert len(_graphs(store)) == 1


def test_store_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KG_STORE", str(tmp_path / "env-store"))
    assert main(["ingest", str(EXAMPLES / "articles" / "02_sanktionen.txt"), "-q"]) == 0
    assert len(_graphs(tmp_path / "env-store")) == 1


def test_stdin_and_date_and_json_summary(tmp_path: Path) -> None:
    text = "Der Kreml wies die Vorwürfe zurück. Russland werde nicht nachgeben, hieß es in Moskau."
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "ingest",
            "-",
            "--store",
            str(tmp_path / "s"),
            "--date",
            "2025-01-02",
            "--lang",
            "de",
            "--format",
            "json",
        ],
        input=text,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert len(summary["ingested"]) == 1
    assert summary["ingested"][0]["source"] == "<stdin>"
    assert summary["ingested"][0]["actors"] >= 2


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\xff" * 64, "binary"),
        ("latin1.txt", "Die Ukraine und Rußland stritten über Grenzen.".encode("latin-1"), "UTF-8"),
        ("nohtml.html", b"<html><body><nav>Home</nav></body></html>", "no article text"),
        ("bad.jsonl", b'{"title": "x", "text": "Die NATO tagt in Br\xc3\xbcssel."}\n{oops\n', ":2"),
    ],
    ids=["missing", "empty", "binary", "invalid-utf8", "html-without-text", "malformed-jsonl"],
)
def test_bad_input_is_one_line_and_exit_1(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    name: str,
    content: bytes | None,
    problem: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code = main(["ingest", str(path), "--store", str(tmp_path / "store"), "--lang", "de"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 1
    assert err[0].startswith("kg: error: ")
    assert name in err[0]
    assert problem.lower() in err[0].lower()


def test_huge_file_is_refused_without_reading_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(20 * 1024 * 1024)  # 20 MB (sparse)
    assert main(["ingest", str(path), "--store", str(tmp_path / "store")]) == 1
    assert "huge.txt" in capsys.readouterr().err


def test_unknown_language_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "fr.txt"
    path.write_text("Le gouvernement français a annoncé de nouvelles mesures pour la défense.")
    assert main(["ingest", str(path), "--store", str(tmp_path / "store")]) == 1
    assert "language" in capsys.readouterr().err


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["ingest", "--store", str(tmp_path)])
    assert exc.value.code == 2
    assert main(["ingest", str(EXAMPLES), "--date", "yesterday", "--store", str(tmp_path)]) == 1


def test_keep_going_ingests_the_rest_and_keeps_earlier_articles(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "store"
    good = tmp_path / "a_good.txt"
    good.write_text(GOOD, encoding="utf-8")
    assert main(["ingest", str(good), "--store", str(store), "-q"]) == 0
    bad = tmp_path / "b_bad.txt"
    bad.write_bytes(b"\xff\xfe\x00garbage")
    other = tmp_path / "c_other.jsonl"
    other.write_text(
        '{"title": "NATO", "text": "Die NATO tagt in Brüssel. Rutte sprach.", "lang": "de"}\n'
        "{not json\n"
        '{"title": "EU", "text": "Die EU beschließt Sanktionen gegen Russland.", "lang": "de"}\n',
        encoding="utf-8",
    )
    code = main(["ingest", str(bad), str(other), "--store", str(store), "--keep-going"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 1
    assert len(err) == 2  # the binary file and the malformed JSONL line
    assert any("c_other.jsonl:2" in line for line in err)
    assert len(_graphs(store)) == 3  # the first article survived, two JSONL records added


def test_without_keep_going_stops_but_keeps_what_was_written(tmp_path: Path) -> None:
    store = tmp_path / "store"
    feed = tmp_path / "feed.jsonl"
    feed.write_text(
        '{"title": "A", "text": "Die NATO tagt in Brüssel.", "lang": "de"}\n'
        "{broken\n"
        '{"title": "B", "text": "Die EU tagt in Brüssel.", "lang": "de"}\n',
        encoding="utf-8",
    )
    assert main(["ingest", str(feed), "--store", str(store)]) == 1
    assert len(_graphs(store)) == 1


def test_second_process_gets_a_clear_error_while_the_store_is_in_use(tmp_path: Path) -> None:
    store = tmp_path / "store"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from kg.store import open_store\n"
            f"s = open_store({str(store)!r}); print('open', flush=True); time.sleep(30)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "open"
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "kg",
                "ingest",
                str(EXAMPLES / "feed.jsonl"),
                "--store",
                str(store),
            ],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        holder.kill()
        holder.wait()
        if holder.stdout is not None:
            holder.stdout.close()
    assert result.returncode == 1
    assert "in use" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.slow
def test_killing_ingest_midway_leaves_complete_articles(tmp_path: Path) -> None:
    """SIGKILL during a long ingest: the store opens and every article graph is complete."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"a{n:04d}.txt").write_text(
            GOOD.replace("Litauen verstärkt", f"Litauen verstärkt ({n})").replace(
                "ernst.", f"ernst, Nummer {n}."
            ),
            encoding="utf-8",
        )
    store = tmp_path / "store"
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "ingest", str(corpus), "--store", str(store), "-v"],
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    seen = 0
    deadline = time.monotonic() + 120
    while seen < 40 and time.monotonic() < deadline:
        if "ingested" in process.stderr.readline():
            seen += 1
    process.send_signal(signal.SIGKILL)
    process.wait()
    process.stderr.close()
    assert seen >= 40
    with open_store(store, read_only=True) as opened:
        graphs = [
            g for g in opened.graphs() if g != iris.REFERENCE_GRAPH and "-claim-" not in str(g)
        ]
        assert 40 <= len(graphs) < 400
        sizes = {opened.count(g) for g in graphs}
    # every article graph is whole: the same template gives (nearly) the same size
    assert max(sizes) - min(sizes) <= 4
    # ingest again: the rest is added, nothing duplicated
    assert main(["ingest", str(corpus), "--store", str(store), "-q"]) == 0
    assert len(_graphs(store)) == 400


def test_query_by_surname_after_ingest(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = str(tmp_path / "store")
    assert (
        main(["ingest", str(EXAMPLES / "articles" / "01_nato_gipfel.txt"), "--store", store, "-q"])
        == 0
    )
    code = main(
        [
            "query",
            "statements_by_speaker",
            "--param",
            "speaker=Rutte",
            "--store",
            store,
            "--format",
            "csv",
        ]
    )
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert len(out) >= 2  # header + Rutte's statements
    assert any("Verantwortung" in line or "gefährlichen" in line for line in out[1:])
