"""``kg validate``: a file or the store, exit 0 when it conforms and 1 when it does not."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdf_fixture import KNOWN_EVENTS, make_gazetteer, make_t1
from rdflib import Dataset, Literal, URIRef

from kg.cli import main
from kg.rdf import iris
from kg.rdf.build import build_article_graph, build_reference_graph
from kg.rdf.vocab import GK
from kg.store import ensure_reference, open_store


def _write_trig(path: Path, dataset: Dataset) -> Path:
    lines = [
        f"{URIRef(str(g)).n3()} {{ {s.n3()} {p.n3()} {o.n3()} . }}"
        for s, p, o, g in dataset.quads((None, None, None, None))
        if g is not None
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_validate_file_that_conforms(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _write_trig(tmp_path / "t1.trig", build_article_graph(make_t1()))
    assert main(["validate", str(path)]) == 0
    assert "conforms" in capsys.readouterr().out


def test_validate_file_with_violations(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dataset = build_article_graph(make_t1())
    stance = iris.article_part_iri("t1", "stance-st1")
    dataset.graph(iris.article_graph_iri("t1")).set((stance, GK.confidence, Literal("high")))
    path = _write_trig(tmp_path / "bad.trig", dataset)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    assert "DatatypeConstraintComponent" in out
    assert "SHACL violation" in out


def test_validate_missing_file_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(tmp_path / "nope.trig")]) == 1
    assert "no such file" in capsys.readouterr().err


def test_validate_store(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    directory = tmp_path / "kg"
    with open_store(directory) as store:
        store.replace_graphs(iris.article_graph_iri("t1"), build_article_graph(make_t1()))
        ensure_reference(store, build_reference_graph(make_gazetteer(), KNOWN_EVENTS))
    assert main(["validate", "--store", str(directory)]) == 0
    assert "conforms" in capsys.readouterr().out
