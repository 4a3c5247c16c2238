"""``ontology/kg.ttl`` and ``shapes.ttl`` parse, and their code lists match the code."""

from __future__ import annotations

from enum import StrEnum

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, SKOS

from kg.model import ActorKind, EpistemicStatus, EventType, MentionForm, QuoteMode, StancePosition
from kg.rdf import iris
from kg.resources import data_dir, ontology_dir

SCHEMES: list[tuple[str, type[StrEnum]]] = [
    ("stance", StancePosition),
    ("quote-mode", QuoteMode),
    ("epistemic-status", EpistemicStatus),
    ("event-type", EventType),
    ("actor-kind", ActorKind),
    ("mention-form", MentionForm),
]


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ontology_dir() / "kg.ttl")


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(ontology_dir() / "shapes.ttl")


@pytest.mark.parametrize("name", ["kg.ttl", "shapes.ttl"])
def test_ontology_files_parse_in_oxigraph_too(name: str) -> None:
    store = pyoxigraph.Store()
    store.load(path=str(ontology_dir() / name), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 100


@pytest.mark.parametrize(("scheme", "enum"), SCHEMES, ids=[s for s, _ in SCHEMES])
def test_every_enum_value_is_a_concept_of_its_scheme(
    ontology: Graph, scheme: str, enum: type[StrEnum]
) -> None:
    scheme_iri = iris.vocab_iri(scheme, "scheme")
    for member in enum:
        concept = iris.vocab_iri(scheme, member.value)
        assert (concept, RDF.type, SKOS.Concept) in ontology, concept
        assert (concept, SKOS.inScheme, scheme_iri) in ontology, concept
        assert (concept, SKOS.notation, Literal(member.value)) in ontology, concept


def _event_types_table() -> tuple[dict[str, str], set[str]]:
    """Return PLOVER type per event type and the role names of kg/data/event_types.tsv."""
    plover: dict[str, str] = {}
    roles: set[str] = set()
    for line in (data_dir() / "event_types.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if cells[0] == "type":
            plover[cells[1]] = cells[4]
            roles.update(cells[2:4])
        elif cells[0] == "role":
            roles.add(cells[1])
    return plover, roles


def test_event_types_carry_the_plover_alignment_of_event_types_tsv(ontology: Graph) -> None:
    plover, _ = _event_types_table()
    for event_type, plover_type in plover.items():
        concept = iris.vocab_iri("event-type", event_type)
        matches = set(ontology.objects(concept, SKOS.closeMatch))
        if plover_type == "-":
            assert not any("/plover/" in str(m) for m in matches), event_type
        else:
            assert iris.vocab_iri("plover", plover_type) in matches, event_type


def test_every_participant_role_of_event_types_tsv_is_a_concept(ontology: Graph) -> None:
    _, roles = _event_types_table()
    missing = {
        r for r in roles if (iris.vocab_iri("role", r), RDF.type, SKOS.Concept) not in ontology
    }
    assert missing == set()


def _in_list(shapes: Graph, shape: URIRef, path: URIRef) -> set[URIRef]:
    for prop in shapes.objects(shape, SH.property):
        if (prop, SH.path, path) in shapes:
            head = shapes.value(prop, SH["in"])
            if head is not None:
                return {URIRef(str(term)) for term in Collection(shapes, head)}
    raise AssertionError(f"no sh:in on {path} in {shape}")


@pytest.mark.parametrize(
    ("shape", "path", "scheme", "enum"),
    [
        ("StanceShape", "position", "stance", StancePosition),
        ("StatementShape", "quoteMode", "quote-mode", QuoteMode),
        ("ClaimShape", "epistemicStatus", "epistemic-status", EpistemicStatus),
        ("EventShape", "eventType", "event-type", EventType),
    ],
    ids=["stance", "quote-mode", "epistemic-status", "event-type"],
)
def test_shape_value_lists_match_the_enums(
    shapes: Graph, shape: str, path: str, scheme: str, enum: type[StrEnum]
) -> None:
    ns = iris.ONTOLOGY_NS
    sem = "http://semanticweb.cs.vu.nl/2009/11/sem/"
    path_iri = URIRef((sem if path == "eventType" else ns) + path)
    allowed = _in_list(shapes, URIRef(ns + shape), path_iri)
    assert allowed == {iris.vocab_iri(scheme, member.value) for member in enum}


def test_ontology_graph_is_named_and_holds_the_code_lists() -> None:
    from kg.rdf.validate import ontology_graph

    graph = ontology_graph()
    assert graph.identifier == iris.ONTOLOGY_GRAPH
    assert (iris.vocab_iri("stance", "opposes"), RDF.type, SKOS.Concept) in graph
