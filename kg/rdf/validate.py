"""Validate graphs against ``ontology/shapes.ttl`` (pySHACL, T-box ``ontology/kg.ttl``).

pySHACL validates a ``Dataset`` as the union of its graphs, so article, claim and reference
graphs are checked together; graph membership itself cannot be checked by the shapes.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from kg.errors import GraphError, InputError, ShapeViolationError
from kg.resources import ontology_dir

__all__ = [
    "FILE_FORMATS",
    "ValidationReport",
    "Violation",
    "load_ontology",
    "load_shapes",
    "ontology_graph",
    "require_valid",
    "validate_file",
    "validate_graph",
    "validate_quads",
]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class Violation:
    """One SHACL result: focus node, path, offending value, failed constraint and message."""

    focus: str
    path: str | None
    constraint: str
    message: str
    value: str | None = None
    severity: str = "Violation"


@dataclass(frozen=True, slots=True, kw_only=True)
class ValidationReport:
    """The outcome of a SHACL validation."""

    conforms: bool
    text: str
    violations: tuple[Violation, ...] = ()

    def constraints(self) -> tuple[str, ...]:
        """Return the local names of the failed constraint components, sorted."""
        return tuple(sorted(v.constraint for v in self.violations))


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """Return ``ontology/kg.ttl`` parsed (cached; do not modify the returned graph).

    Raises:
        GraphError: the file does not parse.
    """
    return _parse("kg.ttl")


@lru_cache(maxsize=1)
def load_shapes() -> Graph:
    """Return ``ontology/shapes.ttl`` parsed (cached; do not modify the returned graph).

    Raises:
        GraphError: the file does not parse.
    """
    return _parse("shapes.ttl")


def ontology_graph() -> Graph:
    """Return a fresh copy of ``kg.ttl`` named ``iris.ONTOLOGY_GRAPH``, ready to store.

    Storing it lets SPARQL reach the code lists (``skos:prefLabel`` of stance positions, event
    types with their PLOVER/CAMEO matches) and the subclass axioms.
    """
    from kg.rdf.iris import ONTOLOGY_GRAPH
    from kg.rdf.vocab import bind_namespaces

    graph = bind_namespaces(Graph(identifier=ONTOLOGY_GRAPH))
    for triple in load_ontology():
        graph.add(triple)
    return graph


def _parse(name: str) -> Graph:
    path = ontology_dir() / name
    try:
        return Graph().parse(path, format="turtle")
    except Exception as exc:  # rdflib raises many parser-specific types
        raise GraphError(f"{path}: cannot parse ({exc})") from exc


@contextmanager
def _rdflib_internal_deprecations_ignored() -> Iterator[None]:
    """Silence the deprecation warnings rdflib 7.6 raises from its own code.

    rdflib's parsers and pySHACL call ``Dataset.default_context``/``contexts`` and build a
    ``ConjunctiveGraph`` internally; the warnings name APIs kg never calls itself.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings(
            "ignore",
            message=r"(Dataset\.\w+|ConjunctiveGraph) is deprecated",
            category=DeprecationWarning,
        )
        yield


def validate_graph(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data`` (a graph, or a dataset as the union of its graphs) against the shapes.

    Args:
        data: the graph(s) to check, e.g. the output of ``build_article_graph`` plus the
            reference graph.

    Returns:
        The report; ``conforms`` is False when any shape is violated.
    """
    from pyshacl import validate

    with _rdflib_internal_deprecations_ignored():
        conforms, results, text = validate(
            data,
            shacl_graph=load_shapes(),
            ont_graph=load_ontology(),
            inference="none",
            abort_on_first=False,
            allow_warnings=False,
            advanced=False,
        )
    violations = tuple(_violations(results))
    logger.debug("SHACL: conforms=%s, %d results", conforms, len(violations))
    return ValidationReport(conforms=bool(conforms), text=str(text), violations=violations)


def require_valid(data: Graph | Dataset) -> ValidationReport:
    """Validate ``data`` and raise when it does not conform.

    Raises:
        ShapeViolationError: at least one shape is violated (carries the report text).
    """
    report = validate_graph(data)
    if not report.conforms:
        first = report.violations[0] if report.violations else None
        detail = f"; first: {first.focus} {first.constraint}: {first.message}" if first else ""
        raise ShapeViolationError(
            f"graph does not conform to ontology/shapes.ttl: "
            f"{len(report.violations)} violation(s){detail}",
            report=report.text,
        )
    return report


def _violations(results: Graph) -> list[Violation]:
    found = []
    for result in results.subjects(SH.resultSeverity, None):
        path = results.value(result, SH.resultPath)
        component = results.value(result, SH.sourceConstraintComponent)
        severity = results.value(result, SH.resultSeverity)
        value = results.value(result, SH.value)
        found.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=str(path) if isinstance(path, URIRef) else None,
                constraint=_local(component),
                message=str(results.value(result, SH.resultMessage) or ""),
                value=None if value is None else str(value),
                severity=_local(severity),
            )
        )
    return sorted(found, key=lambda v: (v.focus, v.constraint, v.path or ""))


def _local(term: object) -> str:
    text = str(term or "")
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


#: File suffixes ``validate_file`` understands, and their rdflib parser names.
FILE_FORMATS: dict[str, str] = {
    ".trig": "trig",
    ".nq": "nquads",
    ".nquads": "nquads",
    ".ttl": "turtle",
    ".nt": "nt",
    ".jsonld": "json-ld",
}


def validate_file(path: Path) -> ValidationReport:
    """Parse an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD) and validate it.

    Raises:
        InputError: the file is missing, has an unknown suffix or does not parse.
    """
    fmt = FILE_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            str(path),
            f"unknown RDF file suffix {path.suffix!r}; allowed: {', '.join(FILE_FORMATS)}",
        )
    try:
        data = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise InputError(str(path), "no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot read ({exc})") from exc
    dataset = Dataset()
    try:
        with _rdflib_internal_deprecations_ignored():
            dataset.parse(data=data, format=fmt)
    except Exception as exc:  # rdflib raises many parser-specific types
        raise InputError(str(path), f"not valid {fmt} ({exc})") from exc
    return validate_graph(dataset)


def validate_quads(quads: Iterable[tuple[Node, Node, Node, Node | None]]) -> ValidationReport:
    """Validate quads ``(s, p, o, graph)`` (graph None = default graph), e.g. a whole store.

    Example:
        ``validate_quads(store.quads())`` checks every graph of a ``kg.store`` store.
    """
    dataset = Dataset()
    for subject, predicate, obj, graph in quads:
        target = dataset.default_graph if graph is None else dataset.graph(URIRef(str(graph)))
        target.add((subject, predicate, obj))
    return validate_graph(dataset)
