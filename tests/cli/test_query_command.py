"""``kg query``: named queries and .rq files from the command line, formats, exit codes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kg.cli import main
from kg.rdf import iris
from kg.store import open_store

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from store_fixtures import small_kg

SPEAKER_QUERY = """\
# Statements by a speaker.
# param: speaker actor required  Who spoke (QID, key, IRI or name)
# columns: statement date
PREFIX schema: <http://schema.org/>
SELECT ?statement ?date ?speaker WHERE {
  GRAPH ?g { ?statement schema:creator ?speaker ; schema:dateCreated ?date }
} ORDER BY ?date
"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli") / "store"
    with open_store(directory) as store:
        small_kg(store)
    return directory


@pytest.fixture
def queries(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A queries/ directory with one named query, used instead of kg's own."""
    folder = tmp_path / "queries"
    folder.mkdir()
    (folder / "by-speaker.rq").write_text(SPEAKER_QUERY, encoding="utf-8")
    monkeypatch.setattr("kg.store.queries.queries_dir", lambda: folder)
    return folder


def test_named_query_prints_an_aligned_table(
    store_dir: Path, queries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "by-speaker", "--param", "speaker=Q57792", "--store", str(store_dir)])
    out = capsys.readouterr().out.splitlines()
    assert code == 0
    assert out[0].split() == ["statement", "date"]
    assert out[2].split() == ["kg:article/t1/stmt-0", "2024-12-03"]
    assert out[-1] == "(2 rows)"


def test_json_output_is_sparql_results_json(
    store_dir: Path, queries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["query", "by-speaker", "-p", "speaker=Mark Rutte", "--format", "json"]
    assert main([*args, "--store", str(store_dir)]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["head"]["vars"] == ["statement", "date"]
    assert [b["statement"]["value"] for b in document["results"]["bindings"]] == [
        str(iris.article_part_iri("t1", "stmt-0")),
        str(iris.article_part_iri("t2", "stmt-2")),
    ]


def test_a_query_file_with_csv_output(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "mine.rq"
    path.write_text(SPEAKER_QUERY, encoding="utf-8")
    args = ["query", str(path), "-p", "speaker=nato", "--format", "csv", "--store", str(store_dir)]
    assert main(args) == 0
    assert capsys.readouterr().out == (
        f"statement,date\r\n{iris.article_part_iri('t3', 'stmt-3')},2025-02-01\r\n"
    )


def test_list_shows_names_descriptions_and_params(
    queries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["query", "--list"]) == 0
    out = capsys.readouterr().out
    assert "by-speaker\n    Statements by a speaker." in out
    assert "--param speaker=<actor>  (required) Who spoke" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        pytest.param(["nope"], "kg: error: unknown query 'nope'; available: by-speaker", id="name"),
        pytest.param(["by-speaker"], "needs parameter 'speaker'", id="missing"),
        pytest.param(
            ["by-speaker", "-p", "speaker=Q1", "-p", "x=1"],
            "has no parameter 'x'; allowed: speaker",
            id="unknown-param",
        ),
    ],
)
def test_query_errors_exit_1_with_one_line(
    store_dir: Path,
    queries: Path,
    capsys: pytest.CaptureFixture[str],
    args: list[str],
    message: str,
) -> None:
    assert main(["query", *args, "--store", str(store_dir)]) == 1
    err = capsys.readouterr().err
    assert message in err
    assert err.startswith("kg: error: ")
    assert err.count("\n") == 1


@pytest.mark.parametrize(
    "args",
    [
        pytest.param([], id="nothing"),
        pytest.param(["q", "--param", "novalue"], id="param-syntax"),
        pytest.param(["--list", "q"], id="list-and-name"),
        pytest.param(["q", "-p", "a=1", "-p", "a=2"], id="param-twice"),
    ],
)
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["query", *args])
    assert caught.value.code == 2
    assert "usage:" in capsys.readouterr().err


def test_a_missing_store_is_an_error(
    tmp_path: Path, queries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["query", "by-speaker", "-p", "speaker=Q1", "--store", str(tmp_path / "none")])
    assert code == 1
    assert "no kg store at" in capsys.readouterr().err


def test_a_store_in_use_by_a_writer_is_reported(
    tmp_path: Path, queries: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with open_store(tmp_path / "busy"):
        code = main(["query", "by-speaker", "-p", "speaker=Q1", "--store", str(tmp_path / "busy")])
    assert code == 1
    assert "is being written by another kg process (pid" in capsys.readouterr().err


def test_list_as_json(queries: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["query", "--list", "--format", "json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    assert entry["name"] == "by-speaker"
    assert entry["params"] == [
        {
            "name": "speaker",
            "type": "actor",
            "required": True,
            "description": "Who spoke (QID, key, IRI or name)",
        }
    ]
    assert entry["columns"] == ["statement", "date"]


def test_a_value_may_contain_equals_signs(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "echo.rq"
    path.write_text("SELECT ?text WHERE { BIND(1 AS ?one) }", encoding="utf-8")
    args = ["query", str(path), "-p", "text=a=b", "--format", "csv", "--store", str(store_dir)]
    assert main(args) == 0
    assert capsys.readouterr().out == "text\r\na=b\r\n"
