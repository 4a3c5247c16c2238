"""Result formatters: aligned table, CSV, SPARQL 1.1 Query Results JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from kg.rdf import iris
from kg.store import QueryResult
from kg.store.results import MAX_CELL_WIDTH, format_csv, format_json, format_result, format_table

RESULT = QueryResult(
    ("actor", "label", "mentions", "note"),
    (
        (iris.actor_iri("nato"), Literal("NATO", lang="de"), Literal(3), None),
        (
            BNode("b0"),
            Literal('Zitat „x“, "y"\nzweite Zeile'),
            Literal("1", datatype=XSD.integer),
            Literal("x" * 200),
        ),
    ),
)


def check_sparql_json(document: Any) -> None:
    """Fail unless ``document`` has the shape of SPARQL 1.1 Query Results JSON (§3)."""
    assert set(document) == {"head", "results"}
    variables = document["head"]["vars"]
    assert isinstance(variables, list)
    assert all(isinstance(v, str) for v in variables)
    assert set(document["results"]) == {"bindings"}
    for binding in document["results"]["bindings"]:
        assert set(binding) <= set(variables)
        for term in binding.values():
            assert term["type"] in {"uri", "literal", "bnode"}
            assert isinstance(term["value"], str)
            assert set(term) <= {"type", "value", "datatype", "xml:lang"}
            assert not ("datatype" in term and "xml:lang" in term)
            if term["type"] != "literal":
                assert set(term) == {"type", "value"}


def test_json_is_sparql_results_json() -> None:
    document = json.loads(format_json(RESULT))
    check_sparql_json(document)
    assert document["head"]["vars"] == ["actor", "label", "mentions", "note"]
    first, second = document["results"]["bindings"]
    assert first == {
        "actor": {"type": "uri", "value": str(iris.actor_iri("nato"))},
        "label": {"type": "literal", "value": "NATO", "xml:lang": "de"},
        "mentions": {"type": "literal", "value": "3", "datatype": str(XSD.integer)},
    }
    assert second["actor"] == {"type": "bnode", "value": "b0"}
    assert second["label"] == {"type": "literal", "value": 'Zitat „x“, "y"\nzweite Zeile'}


def test_csv_round_trips_through_the_csv_module() -> None:
    rows = list(csv.reader(io.StringIO(format_csv(RESULT))))
    assert rows[0] == ["actor", "label", "mentions", "note"]
    assert rows[1] == [str(iris.actor_iri("nato")), "NATO", "3", ""]
    assert rows[2][:3] == ["_:b0", 'Zitat „x“, "y"\nzweite Zeile', "1"]


def test_table_is_aligned_shortened_and_counted() -> None:
    lines = format_table(RESULT).splitlines()
    assert lines[0].split() == ["actor", "label", "mentions", "note"]
    assert set(lines[1].replace(" ", "")) == {"-"}
    assert lines[2].startswith("kg:id/nato  NATO")
    assert lines[2].index("NATO") == lines[0].index("label") == lines[3].index("Zitat")
    assert "zweite Zeile" in lines[3]  # the newline became a space: one row, one line
    assert lines[3].endswith("x" * (MAX_CELL_WIDTH - 1) + "…")
    assert lines[-1] == "(2 rows)"


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_empty_results_render(fmt: str) -> None:
    text = format_result(QueryResult(("a",), ()), fmt)  # type: ignore[arg-type]
    assert text.endswith("\n")
    if fmt == "json":
        assert json.loads(text) == {"head": {"vars": ["a"]}, "results": {"bindings": []}}


def test_wikidata_iris_are_shortened_in_tables_only() -> None:
    result = QueryResult(("qid",), ((URIRef(iris.WIKIDATA_ENTITY + "Q7184"),),))
    assert "wd:Q7184" in format_table(result)
    assert iris.WIKIDATA_ENTITY + "Q7184" in format_csv(result)
