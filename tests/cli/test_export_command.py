"""``kg export``: formats, one graph, stdout, and no file on failure."""

from __future__ import annotations

import sys
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.rdf import iris
from kg.store import open_store

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))
from store_fixtures import small_kg


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    directory = tmp_path_factory.mktemp("cli-export") / "store"
    with open_store(directory) as store:
        small_kg(store)
    return directory


@pytest.mark.parametrize("fmt", ["trig", "nquads", "turtle", "jsonld", "graphml"])
def test_every_format_writes_a_file(store_dir: Path, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / f"kg.{fmt}"
    assert main(["export", "--format", fmt, "-o", str(target), "--store", str(store_dir)]) == 0
    assert target.stat().st_size > 0
    assert [p.name for p in tmp_path.iterdir()] == [target.name]


def test_graphml_opens_in_networkx(store_dir: Path, tmp_path: Path) -> None:
    target = tmp_path / "kg.graphml"
    main(["export", "--format", "graphml", "-o", str(target), "--store", str(store_dir)])
    graph = nx.read_graphml(target)
    assert graph.nodes[str(iris.actor_iri("ukraine"))]["label"] == "Ukraine"


def test_one_graph_to_stdout(store_dir: Path, capsysbinary: pytest.CaptureFixture[bytes]) -> None:
    graph = str(iris.article_graph_iri("t3"))
    args = ["export", "--format", "nquads", "-o", "-", "--graph", graph, "--store", str(store_dir)]
    assert main(args) == 0
    lines = capsysbinary.readouterr().out.decode().splitlines()
    assert len(lines) == 6
    assert all(line.endswith(f"<{graph}> .") for line in lines)


@pytest.mark.parametrize(
    ("graph", "message"),
    [
        pytest.param(str(iris.article_graph_iri("nope")), "no graph", id="missing"),
        pytest.param("not an iri", "invalid graph IRI", id="invalid"),
    ],
)
def test_a_failed_export_writes_nothing(
    store_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], graph: str, message: str
) -> None:
    target = tmp_path / "out.trig"
    args = ["export", "--format", "trig", "-o", str(target), "--graph", graph]
    assert main([*args, "--store", str(store_dir)]) == 1
    assert message in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(SystemExit) as caught:
        main(["export", "--format", "rdfxml", "-o", "x"])
    assert caught.value.code == 2
