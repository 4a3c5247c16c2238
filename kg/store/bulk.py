"""Bulk-load N-Quads written by ``kg extract`` into a store (``kg load``).

Embedded store: the article graphs the files name are dropped first (with their claim graphs)
if the store has them, then each file goes through Oxigraph's ``bulk_load`` (~110k quads/s to
disk, performance.md §1; it writes new RocksDB files directly, bypassing transactions). A crash
during a bulk load can leave part of a file loaded: run ``kg load`` again, which drops and
reloads the same articles, so loading is idempotent.

Remote store: quads are grouped per article (``kg extract`` writes articles whole and in
order) and written with :meth:`kg.store.remote.RemoteStore.replace_many`, several articles per
update request, each article's replacement whole within one request.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib.term import URIRef

from kg.errors import InputError, StoreError
from kg.store.base import Store

logger = logging.getLogger(__name__)

_CLAIM = "-claim-"

#: Quads a run must write before it compacts the store (``Store.optimize``). Compacting costs
#: ~2 µs per *stored* quad (0.5 s for 180k, 29 s for 16 M on this machine) and made joins on
#: the 10k-article store 2-7x faster (benchmarks/README.md); a million quads (~500 dense
#: articles, ~30 s of ingest) is where the saving on later queries clearly outweighs it.
OPTIMIZE_AFTER_QUADS = 1_000_000


@dataclass(slots=True)
class LoadReport:
    """What a bulk load wrote."""

    files: list[str] = field(default_factory=list)
    articles: int = 0
    quads: int = 0
    replaced: int = 0  # article graphs that existed before and were dropped first


def load_nquads(store: Store, paths: Sequence[Path], *, optimize: bool = True) -> LoadReport:
    """Load N-Quads files (from ``kg extract``) into ``store``, replacing the articles they hold.

    With ``optimize``, a load of ``OPTIMIZE_AFTER_QUADS`` or more compacts the store afterwards.

    Raises:
        InputError: a file cannot be read or is not valid N-Quads.
        StoreError: the store cannot be written.
    """
    from kg.store.oxigraph import OxigraphStore
    from kg.store.remote import RemoteStore

    report = LoadReport()
    for path in paths:
        if isinstance(store, OxigraphStore):
            _load_embedded(store, path, report)
        elif isinstance(store, RemoteStore):
            _load_remote(store, path, report)
        else:
            raise StoreError(f"cannot bulk-load into {store!r}", target=store.target)
        report.files.append(str(path))
    if optimize:
        optimize_after_write(store, report.quads)
    return report


def optimize_after_write(
    store: Store, quads: int, *, threshold: int = OPTIMIZE_AFTER_QUADS
) -> bool:
    """Compact ``store`` if a run wrote at least ``threshold`` quads; return whether it did.

    Raises:
        StoreError: the store cannot be compacted.
    """
    if quads < threshold:
        return False
    logger.info("optimizing %s after %d quads", store.target, quads)
    store.optimize()
    return True


def _article_graphs(path: Path) -> tuple[list[URIRef], int]:
    """The article graphs named in ``path`` (claim graphs folded into theirs) and its size."""
    graphs: dict[str, None] = {}
    count = 0
    for quad in _parse(path):
        count += 1
        if isinstance(quad.graph_name, ox.NamedNode):
            graphs[_article_of(quad.graph_name.value)] = None
    return [URIRef(g) for g in graphs], count


def _load_embedded(store: Store, path: Path, report: LoadReport) -> None:
    from kg.store.oxigraph import OxigraphStore

    assert isinstance(store, OxigraphStore)  # noqa: S101 - narrowed by the caller
    graphs, count = _article_graphs(path)
    for graph in graphs:
        if store.has_graph(graph):
            store.delete_graph(graph, with_claims=True)
            report.replaced += 1
    try:
        store.oxigraph.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise InputError(str(path), f"not valid N-Quads: {exc}") from exc
    except OSError as exc:
        raise StoreError(f"bulk load of {path} failed: {exc}", target=store.target) from exc
    report.articles += len(graphs)
    report.quads += count


def _load_remote(store: Store, path: Path, report: LoadReport) -> None:
    from kg.store.remote import RemoteStore

    assert isinstance(store, RemoteStore)  # noqa: S101 - narrowed by the caller
    articles = list(_grouped(path))
    # each article's quads as N-Quads again (Oxigraph writes them in ~1 µs a quad), so that they
    # go into the request as Oxigraph terms and never become rdflib's (~20 µs a quad)
    store.replace_articles((graph, _nquads(quads)) for graph, quads in articles)
    report.quads += sum(len(quads) for _, quads in articles)
    report.articles += len(articles)


def _grouped(path: Path) -> Iterator[tuple[URIRef, list[ox.Quad]]]:
    """Consecutive quads of one article (its graph, claim graphs, catalogue lines)."""
    current: str | None = None
    items: list[ox.Quad] = []
    for quad in _parse(path):
        name = quad.graph_name
        article = _article_of(name.value) if isinstance(name, ox.NamedNode) else current
        if article != current and current is not None and items:
            yield URIRef(current), items
            items = []
        current = article
        items.append(quad)
    if current is not None and items:
        yield URIRef(current), items


def _nquads(quads: list[ox.Quad]) -> bytes:
    data = ox.serialize(quads, format=ox.RdfFormat.N_QUADS)
    return b"" if data is None else data  # None only when written to an output


def _article_of(graph: str) -> str:
    head, sep, tail = graph.rpartition(_CLAIM)
    return head if sep and tail.isdigit() else graph


def _parse(path: Path) -> Iterator[ox.Quad]:
    try:
        yield from ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
    except SyntaxError as exc:
        raise InputError(str(path), f"not valid N-Quads: {exc}") from exc
    except OSError as exc:
        raise InputError(str(path), f"cannot read: {exc}") from exc
