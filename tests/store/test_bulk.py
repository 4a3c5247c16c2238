"""Compacting after large writes (``kg.store.bulk.optimize_after_write``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from store_fixtures import article_quads

from kg.errors import StoreError
from kg.rdf import iris
from kg.store import open_store
from kg.store.bulk import OPTIMIZE_AFTER_QUADS, optimize_after_write


def test_small_writes_leave_the_store_alone_even_if_it_cannot_be_compacted(
    tmp_path: Path,
) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(iris.article_graph_iri("a1"), article_quads("a1", triples=3))
    with open_store(tmp_path / "s", read_only=True) as store:
        assert optimize_after_write(store, OPTIMIZE_AFTER_QUADS - 1) is False


@pytest.mark.parametrize("threshold", [1, 3], ids=["above", "at"])
def test_large_writes_compact_the_store(tmp_path: Path, threshold: int) -> None:
    with open_store(tmp_path / "s") as store:
        store.replace_graphs(iris.article_graph_iri("a1"), article_quads("a1", triples=3))
        assert optimize_after_write(store, 3, threshold=threshold) is True
        assert store.count() == 3
    with (
        open_store(tmp_path / "s", read_only=True) as store,
        pytest.raises(StoreError, match="read-only"),
    ):  # proves the call reaches the store: a read-only one refuses to be compacted
        optimize_after_write(store, 3, threshold=threshold)
