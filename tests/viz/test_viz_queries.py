"""The view queries (queries/viz_*.rq): headers honest, runnable on Oxigraph and on rdflib."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from viz_fixtures import build_dataset, fill_store

from kg.store import Store, list_queries, open_store
from kg.store.queries import NamedQuery
from kg.viz.rdf import _DatasetSource

VIZ_QUERIES = [q for q in list_queries() if q.name.startswith("viz_")]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("viz-queries") / "kg") as opened:
        fill_store(opened)
        yield opened


def test_there_are_view_queries() -> None:
    assert {q.name for q in VIZ_QUERIES} >= {
        "viz_nodes",
        "viz_stances",
        "viz_events",
        "viz_holdings",
        "viz_comments",
        "viz_article_mentions",
        "viz_active_actors",
        "viz_part_of",
        "viz_articles",
    }


@pytest.mark.parametrize("query", VIZ_QUERIES, ids=lambda q: q.name)
def test_view_query_selects_its_columns_and_parameters(store: Store, query: NamedQuery) -> None:
    rows = store.query(query.text)
    assert set(query.columns) <= set(rows.variables)
    # Oxigraph binds parameters by substitution: they must be projected (kg.store.queries)
    assert {p.name for p in query.params} <= set(rows.variables)
    assert len(rows) > 0, f"{query.name} finds nothing in the fixture"


@pytest.mark.parametrize("query", VIZ_QUERIES, ids=lambda q: q.name)
def test_view_query_gives_the_same_rows_on_rdflib(store: Store, query: NamedQuery) -> None:
    oxigraph = store.query(query.text)
    rdflib = _DatasetSource(build_dataset()).query(query.text)
    assert sorted(map(repr, rdflib.rows)) == sorted(map(repr, oxigraph.rows))
