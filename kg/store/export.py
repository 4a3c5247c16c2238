"""Export a store: TriG, N-Quads, Turtle (union of graphs), JSON-LD and GraphML.

A file is written to a temporary name next to the target and renamed only when complete, so a
failed export never leaves a truncated or half-written file at the target path.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, Literal, TypeAlias

from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import BNode, URIRef
from rdflib.term import Literal as RDFLiteral

from kg.errors import StoreError
from kg.rdf import iris
from kg.store.base import DUMP_FORMATS, Quad, Store
from kg.store.oxigraph import EXPORT_PREFIXES

if TYPE_CHECKING:
    import networkx as nx

ExportFormat: TypeAlias = Literal["trig", "nquads", "turtle", "jsonld", "graphml"]
EXPORT_FORMATS: tuple[ExportFormat, ...] = ("trig", "nquads", "turtle", "jsonld", "graphml")

#: Predicates whose value becomes a GraphML node's ``label`` (what Gephi shows), in this order.
_LABEL_PREDICATES = (RDFS.label, SKOS.prefLabel, URIRef("http://schema.org/name"))
#: Separator between several values of one attribute (GraphML attributes are single strings).
VALUE_SEPARATOR = " | "
_PREFIXES = (*EXPORT_PREFIXES.items(), ("kg", iris.BASE))


def export_store(
    store: Store,
    fmt: ExportFormat,
    output: Path | BinaryIO,
    *,
    graph: URIRef | None = None,
) -> None:
    """Write the store (or the one named ``graph``) to ``output`` in ``fmt``.

    ``turtle`` is the union of all graphs (graph names are lost); ``graphml`` has resources as
    nodes, object properties as labelled edges and literals (labels, types) as node attributes.

    Raises:
        StoreError: ``fmt`` is unknown, ``graph`` does not exist, or writing fails.
    """
    if fmt not in EXPORT_FORMATS:
        raise StoreError(f"unknown export format {fmt!r}; allowed: {', '.join(EXPORT_FORMATS)}")
    if graph is not None and not store.has_graph(graph):
        raise StoreError(f"no graph {graph} in store {store.target}", target=store.target)
    if isinstance(output, Path):
        _write_atomically(output, lambda stream: _write(store, fmt, stream, graph))
    else:
        _write(store, fmt, output, graph)


def _write(store: Store, fmt: ExportFormat, stream: BinaryIO, graph: URIRef | None) -> None:
    if fmt == "graphml":
        import networkx as nx

        nx.write_graphml(to_networkx(store.quads(graph)), stream, encoding="utf-8")
        return
    for dump_format in DUMP_FORMATS:
        if dump_format == fmt:
            store.dump(stream, dump_format, graph=graph)


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def _write_atomically(target: Path, write: Callable[[BinaryIO], None]) -> None:
    """Call ``write(stream)`` on a temporary file beside ``target``; rename it on success."""
    directory = target.parent
    if not directory.is_dir():
        raise StoreError(f"cannot write {target}: directory {directory} does not exist")
    fd, temp_name = tempfile.mkstemp(dir=directory, prefix=f".{target.name}.", suffix=".part")
    temp = Path(temp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            write(stream)
        temp.chmod(0o666 & ~_umask())  # mkstemp makes 0600; an export is an ordinary file
        temp.replace(target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise StoreError(f"cannot write {target}: {exc}") from exc
    except BaseException:
        with contextlib.suppress(OSError):
            temp.unlink()
        raise


def to_networkx(quads: Iterable[Quad]) -> nx.MultiDiGraph:
    """A networkx multigraph of ``quads`` whose attributes are all strings (Gephi-safe).

    Nodes are IRIs and blank nodes (``_:id``); every node has ``label`` and ``kind``; ``rdf:type``
    values go to the ``type`` attribute, other literals to an attribute named by the compact
    predicate (``rdfs:label``); several values are joined with ``VALUE_SEPARATOR``. Edges carry
    ``label`` (compact predicate), ``predicate`` (full IRI) and ``graph`` ("" = default graph).
    """
    import networkx as nx

    multigraph = nx.MultiDiGraph()
    attributes: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    labels: dict[str, dict[URIRef, str]] = defaultdict(dict)
    for s, p, o, g in quads:
        subject = _node_id(s)
        multigraph.add_node(subject, kind=_kind(s))
        if p == RDF.type:
            _append(attributes[subject]["type"], compact(str(o)))
        elif isinstance(o, RDFLiteral):
            _append(attributes[subject][compact(str(p))], str(o))
            if p in _LABEL_PREDICATES and p not in labels[subject]:
                labels[subject][URIRef(str(p))] = str(o)
        else:
            target = _node_id(o)
            multigraph.add_node(target, kind=_kind(o))
            predicate = str(p)
            multigraph.add_edge(
                subject, target, label=compact(predicate), predicate=predicate, graph=str(g or "")
            )
    for node, data in multigraph.nodes(data=True):
        for key, values in attributes.get(node, {}).items():
            data[key] = VALUE_SEPARATOR.join(values)
        found = [labels[node][p] for p in _LABEL_PREDICATES if p in labels.get(node, {})]
        data["label"] = found[0] if found else compact(node)
    return multigraph


def _append(values: list[str], value: str) -> None:
    if value not in values:
        values.append(value)


def _node_id(term: object) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _kind(term: object) -> str:
    return "bnode" if isinstance(term, BNode) else "iri"


def compact(iri: str) -> str:
    """``prefix:local`` for IRIs under a known namespace, else the IRI unchanged.

    >>> compact("http://www.w3.org/2000/01/rdf-schema#label")
    'rdfs:label'
    """
    for prefix, namespace in _PREFIXES:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri
