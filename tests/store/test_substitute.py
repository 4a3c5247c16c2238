"""Bound variables written into query text for remote endpoints (``kg.store._substitute``)."""

from __future__ import annotations

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from kg.store._substitute import substitute

DAY = Literal("2024-03-01", datatype=XSD.date)
DAY_TEXT = '"2024-03-01"^^<http://www.w3.org/2001/XMLSchema#date>'


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        pytest.param(
            "SELECT ?since ?x WHERE { ?x :d ?since }",
            f"SELECT ({DAY_TEXT} AS ?since) ?x WHERE {{ ?x :d {DAY_TEXT} }}",
            id="projection-and-pattern",
        ),
        pytest.param(
            "SELECT ?x WHERE { ?x :d ?d } GROUP BY ?since ?x ORDER BY ?since",
            f"SELECT ?x WHERE {{ ?x :d ?d }} GROUP BY ({DAY_TEXT}) ?x ORDER BY ({DAY_TEXT})",
            id="group-and-order",
        ),
        pytest.param(
            "SELECT (SAMPLE(?since) AS ?since) ?x WHERE { ?x :d ?d } GROUP BY ?x",
            f"SELECT (SAMPLE({DAY_TEXT}) AS ?since) ?x WHERE {{ ?x :d ?d }} GROUP BY ?x",
            id="aggregate-keeps-its-name",
        ),
        pytest.param(
            'SELECT ?x WHERE { ?x :d "?since" } # ?since',
            'SELECT ?x WHERE { ?x :d "?since" } # ?since',
            id="strings-and-comments",
        ),
    ],
)
def test_bound_variables_become_terms(query: str, expected: str) -> None:
    assert substitute(query, {"since": DAY}) == expected


def test_an_iri_is_written_in_angle_brackets() -> None:
    assert substitute("SELECT ?a WHERE { ?a ?p ?b }", {"a": URIRef("http://x/y")}) == (
        "SELECT (<http://x/y> AS ?a) WHERE { <http://x/y> ?p ?b }"
    )
