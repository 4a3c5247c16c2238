"""The embedded store: Oxigraph (RocksDB) on disk through pyoxigraph.

Writes go through pyoxigraph directly (3× faster than oxrdflib's ``addN``, performance.md §1.2);
rdflib sees the same store through oxrdflib (:meth:`OxigraphStore.dataset`). A graph replacement
is **one SPARQL update** (``DROP … ; DELETE WHERE … ; INSERT DATA …``), which Oxigraph applies in
one transaction, so a crash or kill leaves either the old or the new version of an article.
The data in ``INSERT DATA`` is written by Oxigraph's own term serialiser (N-Triples syntax with
escaping), never from user-supplied query text.
"""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, ParamSpec, TypeVar

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.term import Node, URIRef

from kg.errors import GraphError, QueryError, StoreError
from kg.store._lock import LOCK_NAME, ProcessLock, locked_error
from kg.store._terms import from_ox, from_ox_graph, to_ox, to_ox_quad
from kg.store.base import DumpFormat, Quad, QueryRows, Term, Triple

if TYPE_CHECKING:
    from types import TracebackType

logger = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")

#: RocksDB writes this file into every database directory; its presence marks a store.
_ROCKSDB_MARKER = "CURRENT"
_INLINE = "<inline query>"
#: Missing claim-graph numbers in a row after which the probe stops (see ``_claim_graphs``);
#: the builder numbers claim graphs 1..n without gaps, so any value >= 1 works for its output.
CLAIM_PROBE_SLACK = 16
_NOT_PROJECTED = re.compile(r"does not contains? variable \?(\w+) in its SELECT projection")
_FORMATS: dict[str, ox.RdfFormat] = {
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "turtle": ox.RdfFormat.TURTLE,
    "jsonld": ox.RdfFormat.JSON_LD,
}
#: Prefixes for Turtle/TriG output; any IRI not expressible with them is written in full.
EXPORT_PREFIXES = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "schema": "http://schema.org/",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "wd": "http://www.wikidata.org/entity/",
}


def open_oxigraph(directory: Path, *, read_only: bool = False) -> OxigraphStore:
    """Open (creating it if needed, unless ``read_only``) the Oxigraph store in ``directory``.

    Raises:
        StoreLockedError: another process holds the store (a writer excludes everyone; readers
            share with readers).
        StoreError: the directory is not a store, cannot be created, or RocksDB fails.
    """
    _check_directory(directory, read_only=read_only)
    lock = _take_lock(directory, read_only=read_only)
    try:
        inner = ox.Store.read_only(str(directory)) if read_only else ox.Store(str(directory))
    except OSError as exc:
        if lock is not None:
            lock.release()
        if "lock" in str(exc).lower():
            raise locked_error(directory, None, reading=read_only) from exc
        raise StoreError(f"cannot open store {directory}: {exc}", target=str(directory)) from exc
    return OxigraphStore(inner, directory, read_only=read_only, lock=lock)


def _check_directory(directory: Path, *, read_only: bool) -> None:
    is_store = (directory / _ROCKSDB_MARKER).is_file()
    if read_only and not is_store:
        raise StoreError(f"no kg store at {directory} (run kg ingest first)", target=str(directory))
    if directory.exists() and not directory.is_dir():
        raise StoreError(f"store {directory} is not a directory", target=str(directory))
    if directory.is_dir() and not is_store and _has_foreign_files(directory):
        raise StoreError(
            f"{directory} is not empty and holds no kg store; use a new or empty directory",
            target=str(directory),
        )
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(f"cannot create store {directory}: {exc}", target=str(directory)) from exc


def _has_foreign_files(directory: Path) -> bool:
    """True if ``directory`` holds anything but a lock file left by an earlier failed open."""
    return any(p.name != LOCK_NAME for p in directory.iterdir())


def _take_lock(directory: Path, *, read_only: bool) -> ProcessLock | None:
    try:
        return ProcessLock(directory, shared=read_only)
    except PermissionError:
        if not read_only:
            raise StoreError(f"store {directory} is not writable", target=str(directory)) from None
        logger.debug("no lock on read-only directory %s", directory)
        return None


class OxigraphStore:
    """A kg store on an Oxigraph database (see :class:`kg.store.base.Store` for the contract)."""

    def __init__(
        self, inner: ox.Store, directory: Path, *, read_only: bool, lock: ProcessLock | None
    ) -> None:
        self._inner: ox.Store | None = inner
        self._directory = directory
        self._read_only = read_only
        self._lock = lock

    # -- properties and lifecycle ------------------------------------------------------------

    @property
    def target(self) -> str:
        """The store directory."""
        return str(self._directory)

    @property
    def read_only(self) -> bool:
        """True if opened with ``read_only=True``."""
        return self._read_only

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying ``pyoxigraph.Store`` (for bulk work and benchmarks).

        Raises:
            StoreError: the store is closed.
        """
        if self._inner is None:
            raise StoreError(f"store {self._directory} is closed", target=self.target)
        return self._inner

    def close(self) -> None:
        """Flush pending writes and release the database and the lock."""
        if self._inner is not None:
            if not self._read_only:
                self._call(self._inner.flush)
            self._inner = None
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> OxigraphStore:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        mode = "read-only" if self._read_only else "read-write"
        return f"<OxigraphStore {self._directory} {mode}>"

    # -- writes ------------------------------------------------------------------------------

    def replace_graphs(self, article_graph: URIRef, quads: Iterable[Quad] | Dataset) -> int:
        """Atomically replace an article graph and its claim graphs (see ``Store``)."""
        prefix = f"{article_graph}-claim-"
        items = _quads_of(quads)
        for *_, graph in items:
            if graph is None or graph == article_graph or _is_claim_graph(graph, prefix):
                continue
            raise GraphError(
                f"quad in graph {graph} given for article graph {article_graph}; only the "
                f"article graph, its claim graphs ({prefix}<n>) and the default graph are allowed"
            )
        return self._replace({article_graph, *self._claim_graphs(article_graph)}, items)

    def replace_articles(self, articles: Iterable[tuple[URIRef, bytes]]) -> int:
        """Replace several articles, each given as N-Quads bytes (see ``Store``).

        Articles the store does not hold yet (no article graph, claim graph or catalogue entry)
        go in **one** ``bulk_load`` (~2× cheaper per quad than a transaction, and atomic: a
        crash keeps all of that call's articles or none); an article already in the store is
        replaced by one SPARQL update (drop + insert, one transaction) as ``replace_graphs``
        does. Either way a crash leaves each article old or new, never half. The bytes are
        trusted to hold only the article's graphs, as kg's builder writes them.

        Raises:
            GraphError: the bytes are not valid N-Quads.
            StoreError: the store is read-only or cannot be written.
        """
        self._check_writable()
        fresh: list[bytes] = []
        fresh_graphs: set[URIRef] = set()
        written = 0
        for article_graph, nquads in articles:
            written += 1
            if article_graph in fresh_graphs:  # twice in one batch: the later one wins
                self._bulk_load(fresh)
                fresh, fresh_graphs = [], set()
            claims = self._claim_graphs(article_graph)
            if claims or self.has_graph(article_graph) or self._in_catalogue(article_graph):
                quads = _parse_nquads(nquads)
                self._replace_ox({article_graph, *claims}, quads)
            else:
                fresh.append(nquads)
                fresh_graphs.add(article_graph)
        self._bulk_load(fresh)
        return written

    def optimize(self) -> None:
        """Compact the database (RocksDB full compaction; see ``Store.optimize``).

        Each bulk load adds its own sorted files, so after many of them every index seek looks
        into each file. Compacting costs ~2 µs per stored quad (29 s for 16 M quads) and may
        grow the directory (2.8 to 4.7 GB for that store) while making joins 2-7x faster.

        Raises:
            StoreError: the store is read-only or cannot be written.
        """
        self._check_writable()
        self._call(self.oxigraph.optimize)

    def _in_catalogue(self, graph: URIRef) -> bool:
        pattern = self.oxigraph.quads_for_pattern(_named(graph), None, None, ox.DefaultGraph())
        return self._call(lambda: next(iter(pattern), None) is not None)

    def _bulk_load(self, chunks: list[bytes]) -> None:
        if not chunks:
            return
        try:
            self.oxigraph.bulk_load(b"".join(chunks), format=ox.RdfFormat.N_QUADS)
        except SyntaxError as exc:
            raise GraphError(f"article data is not valid N-Quads: {exc}") from exc
        except OSError as exc:
            raise StoreError(f"store {self._directory}: {exc}", target=self.target) from exc

    def replace_graph(
        self,
        graph: URIRef,
        triples: Iterable[Triple] | Graph,
        *,
        catalogue: Iterable[tuple[Node, Node]] = (),
    ) -> int:
        """Atomically replace one named graph and its catalogue entry (see ``Store``)."""
        items: list[Quad] = [(s, p, o, graph) for s, p, o in triples]
        written = len(items)
        items.extend((graph, p, o, None) for p, o in catalogue)
        self._replace({graph}, items)
        return written

    def delete_graph(self, graph: URIRef, *, with_claims: bool = False) -> None:
        """Drop a named graph (optionally with its claim graphs) and its catalogue entry."""
        dropped = {graph, *(self._claim_graphs(graph) if with_claims else ())}
        self._replace(dropped, [])

    def _claim_graphs(self, article_graph: URIRef) -> list[URIRef]:
        """The claim graphs of ``article_graph`` in the store, found by point lookups.

        Listing all named graphs costs ~18 ms at 1,000 articles (and grows); probing
        ``-claim-1``, ``-claim-2``, … until ``CLAIM_PROBE_SLACK`` numbers in a row are missing
        costs microseconds and still finds claim graphs behind a small gap in the numbering.
        """
        found: list[URIRef] = []
        number, misses = 1, 0
        while misses < CLAIM_PROBE_SLACK:
            candidate = URIRef(f"{article_graph}-claim-{number}")
            if self.has_graph(candidate):
                found.append(candidate)
                misses = 0
            else:
                misses += 1
            number += 1
        return found

    def _replace(self, dropped: set[URIRef], items: list[Quad]) -> int:
        self._replace_ox(dropped, [to_ox_quad(s, p, o, g) for s, p, o, g in items])
        return len(items)

    def _replace_ox(self, dropped: set[URIRef], quads: Iterable[ox.Quad]) -> None:
        """Drop ``dropped`` (graphs and catalogue entries) and insert ``quads``: one update."""
        self._check_writable()
        update = [f"DROP SILENT GRAPH {to_ox(g)}" for g in sorted(dropped)]
        update.extend(f"DELETE WHERE {{ {to_ox(g)} ?p ?o }}" for g in sorted(dropped))
        update.append(_insert_data(quads))
        self._call(self.oxigraph.update, " ;\n".join(update))

    def _check_writable(self) -> None:
        if self._read_only:
            raise StoreError(f"store {self._directory} is open read-only", target=self.target)

    # -- reads -------------------------------------------------------------------------------

    def has_graph(self, graph: URIRef) -> bool:
        """True if the named graph exists."""
        return bool(self._call(self.oxigraph.contains_named_graph, _named(graph)))

    def graphs(self) -> tuple[URIRef, ...]:
        """Every named graph IRI, sorted."""
        return tuple(sorted(self._named_graph_names()))

    def _named_graph_names(self) -> list[URIRef]:
        names = self._call(lambda: list(self.oxigraph.named_graphs()))
        return [URIRef(n.value) for n in names if isinstance(n, ox.NamedNode)]

    def query(
        self,
        sparql: str,
        bindings: Mapping[str, Term] | None = None,
        *,
        union: bool = False,
    ) -> QueryRows:
        """Run a SELECT query with ``bindings`` as Oxigraph substitutions (see ``Store``)."""
        result = self._run(sparql, bindings, union=union)
        if not isinstance(result, ox.QuerySolutions):
            raise QueryError("expected a SELECT query", query=_INLINE, target=self.target)
        names = tuple(v.value for v in result.variables)
        # Result rows repeat terms (actors, types, dates, labels), and an rdflib Literal costs
        # 2-6 µs to build (it parses its value): converting each distinct term once halved the
        # decoding of 8k-row results on the 10k-article store.
        memo: dict[object, Term] = {}

        def convert(term: object) -> Term | None:
            if term is None:
                return None
            found = memo.get(term)
            if found is None:
                found = memo[term] = from_ox(term)
            return found

        try:
            rows = tuple(tuple(map(convert, sol)) for sol in result)
        except (OSError, RuntimeError) as exc:
            raise QueryError(f"query failed: {exc}", query=_INLINE, target=self.target) from exc
        return QueryRows(names, rows)

    def ask(self, sparql: str, bindings: Mapping[str, Term] | None = None) -> bool:
        """Run an ASK query."""
        result = self._run(sparql, bindings, union=False)
        if not isinstance(result, ox.QueryBoolean):
            raise QueryError("expected an ASK query", query=_INLINE, target=self.target)
        return bool(result)

    def _run(
        self, sparql: str, bindings: Mapping[str, Term] | None, *, union: bool
    ) -> ox.QuerySolutions | ox.QueryBoolean | ox.QueryTriples:
        substitutions: dict[ox.Variable, ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple]
        substitutions = {ox.Variable(k): to_ox(v) for k, v in (bindings or {}).items()}
        try:
            return self.oxigraph.query(
                sparql, substitutions=substitutions, use_default_graph_as_union=union
            )
        except SyntaxError as exc:
            raise QueryError(f"invalid SPARQL: {exc}", query=_INLINE, target=self.target) from exc
        except RuntimeError as exc:
            if match := _NOT_PROJECTED.search(str(exc)):
                raise QueryError(
                    f"?{match.group(1)} is bound but not in the SELECT projection; Oxigraph binds "
                    "only projected variables, so add it to SELECT",
                    query=_INLINE,
                    target=self.target,
                ) from exc
            raise QueryError(f"query failed: {exc}", query=_INLINE, target=self.target) from exc
        except OSError as exc:
            raise StoreError(
                f"cannot read store {self._directory}: {exc}", target=self.target
            ) from exc

    def quads(self, graph: URIRef | None = None) -> Iterator[Quad]:
        """Yield every quad (graph None = default graph), or those of one named graph."""
        name = None if graph is None else _named(graph)
        pattern = self._call(self.oxigraph.quads_for_pattern, None, None, None, name)
        for q in pattern:
            yield (
                from_ox(q.subject),
                from_ox(q.predicate),
                from_ox(q.object),
                from_ox_graph(q.graph_name),
            )

    def count(self, graph: URIRef | None = None) -> int:
        """Number of quads in the store or in one named graph."""
        if graph is None:
            return int(self._call(len, self.oxigraph))
        name = _named(graph)
        return self._call(
            lambda: sum(1 for _ in self.oxigraph.quads_for_pattern(None, None, None, name))
        )

    def dump(self, output: BinaryIO, fmt: DumpFormat, *, graph: URIRef | None = None) -> None:
        """Serialise to ``output``: dataset formats keep graph names, ``turtle`` is a union."""
        inner = self.oxigraph
        if fmt == "turtle":
            if graph is None:
                triples: Iterable[ox.Triple] = self._union_triples()
            else:
                name = _named(graph)
                triples = (q.triple for q in inner.quads_for_pattern(None, None, None, name))
            self._call(ox.serialize, triples, output, _FORMATS[fmt], prefixes=EXPORT_PREFIXES)
            return
        if graph is None:
            self._call(inner.dump, output, _FORMATS[fmt], prefixes=EXPORT_PREFIXES)
            return
        name = _named(graph)
        quads = inner.quads_for_pattern(None, None, None, name)
        self._call(ox.serialize, quads, output, _FORMATS[fmt], prefixes=EXPORT_PREFIXES)

    def _union_triples(self) -> ox.QueryTriples:
        result = self._call(
            self.oxigraph.query,
            "CONSTRUCT { ?s ?p ?o } WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }",
            use_default_graph_as_union=True,
        )
        if not isinstance(result, ox.QueryTriples):  # pragma: no cover - CONSTRUCT gives triples
            raise StoreError("CONSTRUCT returned no triples", target=self.target)
        return result

    def dataset(self, graphs: Iterable[URIRef] | None = None) -> Dataset:
        """An in-memory rdflib ``Dataset`` copy of the store, or of the named ``graphs`` only.

        A copy, not oxrdflib's live view: that view returns plain strings as
        ``"x"^^xsd:string``, which rdflib does not equate with ``"x"``, so pySHACL's ``sh:in``
        and rdflib comparisons fail on it (tested with the kg shapes). Costs ~1.8 KB per quad.
        """
        dataset = Dataset()
        dataset.bind("schema", "http://schema.org/", override=True, replace=True)
        sources = [self.quads()] if graphs is None else [self.quads(g) for g in graphs]
        targets: dict[Node | None, Graph] = {None: dataset.default_graph}
        for source in sources:
            for s, p, o, g in source:
                if g not in targets:
                    targets[g] = dataset.graph(g)  # type: ignore[arg-type]
                targets[g].add((s, p, o))
        return dataset

    def _call(self, function: Callable[P, R], *args: P.args, **kwargs: P.kwargs) -> R:
        """Call a pyoxigraph function, turning its ``OSError`` into ``StoreError``."""
        try:
            return function(*args, **kwargs)
        except OSError as exc:
            raise StoreError(f"store {self._directory}: {exc}", target=self.target) from exc


def _named(graph: URIRef) -> ox.NamedNode:
    try:
        return ox.NamedNode(str(graph))
    except ValueError as exc:
        raise StoreError(f"invalid graph IRI {str(graph)!r}: {exc}") from exc


def _is_claim_graph(graph: Node, prefix: str) -> bool:
    text = str(graph)
    return text.startswith(prefix) and text[len(prefix) :].isdigit()


def _quads_of(quads: Iterable[Quad] | Dataset) -> list[Quad]:
    source = quads.quads((None, None, None, None)) if isinstance(quads, Dataset) else quads
    return [(s, p, o, None if g == DATASET_DEFAULT_GRAPH_ID else g) for s, p, o, g in source]


def _parse_nquads(data: bytes) -> list[ox.Quad]:
    try:
        return list(ox.parse(data, format=ox.RdfFormat.N_QUADS))
    except SyntaxError as exc:
        raise GraphError(f"article data is not valid N-Quads: {exc}") from exc


def _insert_data(quads: Iterable[ox.Quad]) -> str:
    """``INSERT DATA`` for ``quads``, grouped by graph; terms are written by Oxigraph."""
    by_graph: dict[str, list[str]] = defaultdict(list)
    for quad in quads:
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else str(quad.graph_name)
        by_graph[name].append(f"{quad.subject} {quad.predicate} {quad.object} .")
    blocks = [
        "\n".join(lines) if not name else f"GRAPH {name} {{\n" + "\n".join(lines) + "\n}"
        for name, lines in by_graph.items()
    ]
    return "INSERT DATA {\n" + "\n".join(blocks) + "\n}"
