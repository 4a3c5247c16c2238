"""The knowledge-graph store: named graphs replaced atomically, SPARQL, export.

Public API::

    open_store(target, *, read_only=False) -> Store   # a directory today; URLs later
    ensure_reference(store, graph) -> bool            # write the reference graph if it changed
    Store                                             # the protocol (kg.store.base)
    list_queries(), load_query(), run_query()         # named queries (kg.store.queries)

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

SUPPORTED_TARGETS = "a directory path (embedded Oxigraph store)"


def open_store(target: str | Path, *, read_only: bool = False) -> Store:
    """Open the store at ``target``: a directory, created if missing (unless ``read_only``).

    A writer excludes every other process; read-only openers share the store with each other.

    Raises:
        StoreLockedError: another process holds the store.
        StoreError: ``target`` is unsupported (e.g. an http(s) URL, until the remote store
            exists), not a store, or cannot be opened.
    """
    text = str(target)
    if "://" in text:
        raise StoreError(
            f"unsupported store target {text!r}: SPARQL endpoints are not supported yet; "
            f"supported: {SUPPORTED_TARGETS}",
            target=text,
        )
    from kg.store.oxigraph import open_oxigraph

    return open_oxigraph(Path(text).expanduser(), read_only=read_only)
