"""The ``Store`` protocol every kg store backend implements, and the records it returns.

The embedded Oxigraph store (:mod:`kg.store.oxigraph`) is the one implementation today; a SPARQL
1.1 endpoint (query + update + graph store protocol) is meant to implement the same protocol, so
nothing above ``kg.store`` may depend on pyoxigraph.

Graph layout (ontology.md §3.2): the **default graph** is a catalogue (triples whose subject is a
named graph's IRI: provenance, content hash); ``graph/reference`` holds curated actors, posts and
issues; ``graph/<article-id>`` everything extracted from one article;
``graph/<article-id>-claim-<n>`` a contested proposition of that article.
Terms crossing the protocol are rdflib terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, BinaryIO, Literal, Protocol, TypeAlias

from rdflib.term import BNode, Node, URIRef
from rdflib.term import Literal as RDFLiteral

if TYPE_CHECKING:
    from types import TracebackType

    from rdflib import Dataset, Graph

#: A subject, predicate or object as kg stores it (no RDF 1.2 triple terms: ontology.md pitfall 22).
Term: TypeAlias = URIRef | BNode | RDFLiteral
#: ``(subject, predicate, object)``.
Triple: TypeAlias = tuple[Node, Node, Node]
#: ``(subject, predicate, object, graph)``; ``graph`` None is the default graph.
Quad: TypeAlias = tuple[Node, Node, Node, Node | None]
#: Formats :meth:`Store.dump` writes. ``turtle`` is the union of the selected graphs.
DumpFormat: TypeAlias = Literal["trig", "nquads", "turtle", "jsonld"]
DUMP_FORMATS: tuple[DumpFormat, ...] = ("trig", "nquads", "turtle", "jsonld")


@dataclass(frozen=True, slots=True)
class QueryRows:
    """The rows of a SELECT query: ``variables`` in projection order, ``rows`` aligned to them.

    A cell is an rdflib term, or None where the variable is unbound in that row.
    """

    variables: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)


class Store(Protocol):
    """A kg knowledge-graph store: named graphs replaced atomically, queried with SPARQL.

    Implementations are context managers; every method raises :class:`kg.errors.StoreError`
    (never a backend exception) and write methods on a read-only store raise it too.
    """

    @property
    def target(self) -> str:
        """Where the store lives (a directory or an endpoint URL), for messages."""
        ...

    @property
    def read_only(self) -> bool:
        """True if the store was opened for reading only."""
        ...

    def replace_graphs(self, article_graph: URIRef, quads: Iterable[Quad] | Dataset) -> int:
        """Atomically replace one article's graphs; return the number of quads written.

        Drops ``article_graph``, every ``<article_graph>-claim-<n>`` graph and their catalogue
        entries (default-graph triples whose subject is one of those graph IRIs), then inserts
        ``quads``, all in one transaction: a crash leaves either the old or the new version.
        ``quads`` may only use ``article_graph``, its claim graphs and the default graph.
        """
        ...

    def replace_articles(self, articles: Iterable[tuple[URIRef, bytes]]) -> int:
        """Replace several articles, each ``(article_graph, N-Quads bytes)``; return how many.

        Each article is replaced as by ``replace_graphs`` (its old graphs, claim graphs and
        catalogue entries go, the new quads come, and a crash leaves it old or new, never
        half); several articles share a write, so this is the fast path for ingest. An article
        given twice ends as its last version. The bytes must hold only that article's graphs.
        """
        ...

    def replace_graph(
        self,
        graph: URIRef,
        triples: Iterable[Triple] | Graph,
        *,
        catalogue: Iterable[tuple[Node, Node]] = (),
    ) -> int:
        """Atomically replace one named graph (e.g. the reference graph) and its catalogue entry.

        ``catalogue`` holds ``(predicate, object)`` pairs stated about ``graph`` in the default
        graph; they replace the previous ones. Returns the number of triples written.
        """
        ...

    def has_graph(self, graph: URIRef) -> bool:
        """True if the named graph exists."""
        ...

    def graphs(self) -> tuple[URIRef, ...]:
        """Every named graph, sorted by IRI."""
        ...

    def delete_graph(self, graph: URIRef, *, with_claims: bool = False) -> None:
        """Drop a named graph (and its claim graphs if ``with_claims``) and its catalogue entry."""
        ...

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        union: bool = False,
    ) -> QueryRows:
        """Run a SELECT query; ``bindings`` map variable names (without ``?``) to terms.

        Bound variables must be in the SELECT projection (Oxigraph substitution semantics).
        ``union`` makes the default graph the union of all graphs (mixes claims with facts:
        ontology.md pitfall 12); by default the default graph is the catalogue only.
        """
        ...

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        ...

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Yield every quad, or only those of the named graph ``graph``."""
        ...

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in the store, or in the named graph ``graph``."""
        ...

    def dump(self, output: BinaryIO, fmt: DumpFormat, *, graph: URIRef | None = None) -> None:
        """Serialise the store (or one named graph) to ``output`` in ``fmt``."""
        ...

    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        """An in-memory rdflib ``Dataset`` copy of the store (or of ``graphs``) for pySHACL,
        rdflib serialisers and ad-hoc rdflib code. Changing it does not change the store.
        """
        ...

    def optimize(self) -> None:
        """Reorganise the store for fast reading after large writes.

        Oxigraph: merge the files bulk loads add (a 10k-article store reads 2-7x faster after;
        benchmarks/README.md). A SPARQL endpoint manages its own storage: nothing to do.
        """
        ...

    def close(self) -> None:
        """Flush and release the store (and its lock). Closing twice is harmless."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...
