"""Export: TriG/N-Quads/JSON-LD round trips, Turtle union, GraphML for Gephi, no partial files."""

from __future__ import annotations

import io
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph
from store_fixtures import article_quads, small_kg

from kg.errors import StoreError
from kg.rdf import iris
from kg.store import Store, open_store
from kg.store.export import EXPORT_FORMATS, export_store, to_networkx


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("export") / "store") as opened:
        small_kg(opened)
        opened.replace_graphs(
            iris.article_graph_iri("c1"), article_quads("c1", triples=6, claims=2)
        )
        yield opened


#: rdflib 7.6's TriG/N-Quads/JSON-LD parsers call their own deprecated API (not ours).
rdflib_parser_warnings = pytest.mark.filterwarnings(
    "ignore:Dataset.default_context is deprecated:DeprecationWarning",
    "ignore:ConjunctiveGraph is deprecated:DeprecationWarning",
)


def _quad_count(dataset: Dataset) -> int:
    return len(list(dataset.quads((None, None, None, None))))


@rdflib_parser_warnings
@pytest.mark.parametrize(
    ("fmt", "parser"), [("trig", "trig"), ("nquads", "nquads"), ("jsonld", "json-ld")]
)
def test_dataset_formats_round_trip_with_the_same_quad_count(
    store: Store, tmp_path: Path, fmt: str, parser: str
) -> None:
    target = tmp_path / f"out.{fmt}"
    export_store(store, fmt, target)  # type: ignore[arg-type]
    dataset = Dataset()
    dataset.parse(data=target.read_text(encoding="utf-8"), format=parser)
    assert _quad_count(dataset) == store.count()
    graphs = {g.identifier for g in dataset.graphs() if len(g)}
    assert set(store.graphs()) <= graphs


@rdflib_parser_warnings
def test_one_graph_keeps_its_name(store: Store, tmp_path: Path) -> None:
    graph = iris.claim_graph_iri("c1", 2)
    target = tmp_path / "one.nq"
    export_store(store, "nquads", target, graph=graph)
    dataset = Dataset()
    dataset.parse(data=target.read_text(encoding="utf-8"), format="nquads")
    assert _quad_count(dataset) == store.count(graph) == 6
    assert {q[3] for q in dataset.quads((None, None, None, None))} == {graph}


def test_turtle_is_the_union_of_all_graphs(store: Store, tmp_path: Path) -> None:
    target = tmp_path / "all.ttl"
    export_store(store, "turtle", target)
    graph = Graph()
    graph.parse(data=target.read_text(encoding="utf-8"), format="turtle")
    union = {(s, p, o) for s, p, o, _ in store.quads()}
    assert len(graph) == len(union)
    assert "@prefix schema: <http://schema.org/>" in target.read_text(encoding="utf-8")


def test_graphml_loads_in_networkx_with_string_attributes_only(
    store: Store, tmp_path: Path
) -> None:
    target = tmp_path / "kg.graphml"
    export_store(store, "graphml", target)
    loaded = nx.read_graphml(target, force_multigraph=True)
    nato = str(iris.actor_iri("nato"))
    assert loaded.nodes[nato]["label"] == "NATO"
    assert loaded.nodes[nato]["type"] == "schema:Organization"
    assert loaded.nodes[nato]["rdfs:label"] == "NATO"  # de and en are the same string
    assert loaded.nodes[str(iris.actor_iri("russia"))]["rdfs:label"] == "Russland | Russia"
    statement = str(iris.article_part_iri("t1", "stmt-0"))
    edges = loaded.get_edge_data(statement, str(iris.actor_iri("mark-rutte")))
    assert [e["label"] for e in edges.values()] == ["schema:creator"]
    assert all(e["graph"] == str(iris.article_graph_iri("t1")) for e in edges.values())
    for _, data in loaded.nodes(data=True):
        assert all(isinstance(v, str) for v in data.values())
        assert {"label", "kind"} <= set(data)
    text = target.read_text(encoding="utf-8")
    assert 'attr.type="string"' in text
    assert "None" not in text


def test_graphml_literals_are_attributes_not_nodes(store: Store) -> None:
    multigraph = to_networkx(store.quads())
    assert all(not n.startswith('"') for n in multigraph.nodes)
    assert {d["kind"] for _, d in multigraph.nodes(data=True)} == {"iri", "bnode"}


@pytest.mark.parametrize("fmt", EXPORT_FORMATS)
def test_a_failed_export_leaves_the_target_untouched(
    store: Store, tmp_path: Path, fmt: str
) -> None:
    target = tmp_path / "keep.txt"
    target.write_text("previous export", encoding="utf-8")
    with pytest.raises(StoreError, match="no graph"):
        export_store(store, fmt, target, graph=iris.article_graph_iri("missing"))  # type: ignore[arg-type]
    assert target.read_text(encoding="utf-8") == "previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]


def test_an_error_while_writing_removes_the_temporary_file(tmp_path: Path) -> None:
    class Broken:
        target = "broken"

        def has_graph(self, graph: object) -> bool:
            return True

        def dump(self, output: io.BufferedIOBase, fmt: str, *, graph: object = None) -> None:
            output.write(b"half")
            raise StoreError("disk on fire")

    target = tmp_path / "out.trig"
    with pytest.raises(StoreError, match="disk on fire"):
        export_store(Broken(), "trig", target)  # type: ignore[arg-type]
    assert list(tmp_path.iterdir()) == []


def test_unknown_format_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="unknown export format 'rdfxml'; allowed: trig"):
        export_store(store, "rdfxml", tmp_path / "x")  # type: ignore[arg-type]
