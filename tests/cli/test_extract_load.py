"""``kg extract`` writes N-Quads per input shard; ``kg load`` bulk-loads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from scale_fixtures import corpus, normalised, store_nquads

from kg.cli import main
from kg.rdf import iris
from kg.store import open_store


def _extract(inputs: list[str], out: Path, jobs: int) -> None:
    assert main(["extract", *inputs, "-o", str(out), "-q", "-j", str(jobs)]) == 0


def test_one_file_per_shard_and_same_output_for_any_jobs(tmp_path: Path) -> None:
    inputs = corpus(tmp_path)
    _extract(inputs, tmp_path / "one", 1)
    _extract(inputs, tmp_path / "two", 2)
    names = sorted(p.name for p in (tmp_path / "one").glob("*.nq"))
    assert "generated.nq" in names
    assert len(names) == len(list((Path(inputs[0])).glob("*"))) + 1
    for name in names:
        one = normalised((tmp_path / "one" / name).read_bytes())
        two = normalised((tmp_path / "two" / name).read_bytes())
        assert one == two, name


def test_load_equals_ingest_and_is_idempotent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    inputs = corpus(tmp_path)
    ingested, loaded = tmp_path / "ingested", tmp_path / "loaded"
    assert main(["ingest", *inputs, "--store", str(ingested), "-q"]) == 0
    _extract(inputs, tmp_path / "nq", 2)
    assert main(["load", str(tmp_path / "nq"), "--store", str(loaded), "--format", "json"]) == 0
    summary = json.loads(capsys.readouterr().out)
    assert summary["articles"] == len(_articles(ingested))
    assert store_nquads(loaded) == store_nquads(ingested)
    assert main(["load", str(tmp_path / "nq"), "--store", str(loaded), "-q"]) == 0
    assert store_nquads(loaded) == store_nquads(ingested)


def test_load_replaces_an_article_that_changed(tmp_path: Path) -> None:
    inputs = corpus(tmp_path, count=3)
    _extract([inputs[1]], tmp_path / "nq", 1)
    store = tmp_path / "store"
    assert main(["load", str(tmp_path / "nq"), "--store", str(store), "-q"]) == 0
    graph = iris.article_graph_iri("bench-11-0")
    with open_store(store) as kg_store:  # an older, longer version of the article
        extra = (iris.article_iri("bench-11-0"), iris.article_iri("x"), iris.article_iri("y"))
        kg_store.replace_graphs(graph, [*kg_store.quads(graph), (*extra, graph)])
    assert main(["load", str(tmp_path / "nq"), "--store", str(store), "-q"]) == 0
    with open_store(store, read_only=True) as kg_store:
        assert not any(q[:3] == extra for q in kg_store.quads(graph))


def test_bad_nquads_is_a_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.nq"
    bad.write_text("<http://a> <http://b> .\n", encoding="utf-8")
    assert main(["load", str(bad), "--store", str(tmp_path / "store")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("kg: error: ")
    assert "bad.nq" in err
    assert "\n" not in err


def _articles(store_dir: Path) -> list[str]:
    with open_store(store_dir, read_only=True) as store:
        return [
            str(g)
            for g in store.graphs()
            if str(g) != str(iris.REFERENCE_GRAPH) and "-claim-" not in str(g)
        ]
