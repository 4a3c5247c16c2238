"""The knowledge-graph store: named graphs replaced atomically, SPARQL, export.

Public API::

    open_store(target, *, read_only=False) -> Store   # a directory or a SPARQL endpoint URL
    ensure_reference(store, graph) -> bool            # write the reference graph if it changed
    Store                                             # the protocol (kg.store.base)
    list_queries(), load_query(), run_query()         # named queries (kg.store.queries)

Writes: ``Store.replace_graphs(article_graph, quads)`` drops the article graph, its claim graphs
and their catalogue entries and inserts the new quads in **one** Oxigraph transaction, so a crash
leaves the old or the new version of an article, never a mix (``tests/store/test_crash.py`` kills
a writer with SIGKILL mid-ingest). Re-ingesting an article never duplicates anything.

Concurrency: a writer holds an exclusive lock on the store directory (``kg.lock``); read-only
openers share a lock with each other. A second writer, or a reader while a writer is active,
gets ``StoreLockedError`` naming the holder's pid (pyoxigraph: reading while another process
writes is undefined behaviour). The kernel frees the lock when a process dies, even on SIGKILL.

Example:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp, open_store(tmp + "/kg") as store:
    ...     store.count()
    0
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import StoreError
from kg.store.base import DUMP_FORMATS, DumpFormat, Quad, QueryRows, Store, Triple
from kg.store.queries import (
    NamedQuery,
    QueryParam,
    QueryResult,
    list_queries,
    load_query,
    run_query,
)
from kg.store.reference import ensure_reference, graph_digest

__all__ = [
    "DUMP_FORMATS",
    "DumpFormat",
    "NamedQuery",
    "Quad",
    "QueryParam",
    "QueryResult",
    "QueryRows",
    "Store",
    "Triple",
    "ensure_reference",
    "graph_digest",
    "list_queries",
    "load_query",
    "open_store",
    "run_query",
]

SUPPORTED_TARGETS = "a directory path (embedded Oxigraph store) or an http(s) SPARQL endpoint URL"


def open_store(target: str | Path, *, read_only: bool = False) -> Store:
    """Open the store at ``target``: a directory, created if missing (unless ``read_only``).

    A writer excludes every other process; read-only openers share the store with each other.

    Raises:
        StoreLockedError: another process holds the store.
        StoreError: ``target`` is unsupported (a URL scheme other than http(s)), not a store,
            cannot be opened, or (an http(s) URL) the SPARQL endpoint does not answer.
    """
    text = str(target)
    if text.startswith(("http://", "https://")):
        from kg.store.remote import open_remote

        return open_remote(text, read_only=read_only)
    if "://" in text:
        raise StoreError(
            f"unsupported store target {text!r}; supported: {SUPPORTED_TARGETS}",
            target=text,
        )
    from kg.store.oxigraph import open_oxigraph

    return open_oxigraph(Path(text).expanduser(), read_only=read_only)
