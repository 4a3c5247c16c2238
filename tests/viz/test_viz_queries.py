"""The view queries (queries/viz_*.rq): headers honest, runnable on Oxigraph and on rdflib."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

import pytest
from viz_fixtures import (
    QUOTE_RUTTE,
    QUOTE_RUTTE_2,
    QUOTE_SELENSKYJ,
    add_article_cases,
    build_dataset,
    fill_store,
)

from kg.rdf import iris
from kg.store import Store, list_queries, open_store
from kg.store.base import QueryRows
from kg.store.queries import NamedQuery, load_query
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
        "viz_article_stances",
        "viz_article_events",
        "viz_article_nodes",
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


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("viz-article-cases") / "kg") as opened:
        fill_store(opened, add_article_cases(build_dataset()))
        yield opened


def _rows(result: QueryRows) -> list[str]:
    return sorted(map(repr, result.rows))


def _whole_store_rows_of_article(store: Store, name: str, article: str) -> QueryRows:
    """What the article view kept of viz_stances / viz_events before the scoped queries:
    stance rows reported in the article; every row of an event some row reports in it."""
    result = store.query(load_query(name).text)
    column = result.variables.index("article")
    if name == "viz_stances":
        kept = [row for row in result.rows if str(row[column]) == article]
    else:
        events = {str(row[0]) for row in result.rows if str(row[column]) == article}
        kept = [row for row in result.rows if str(row[0]) in events]
    return QueryRows(result.variables, tuple(kept))


@pytest.mark.parametrize("article", ["v1", "v2", "v3"])
@pytest.mark.parametrize(
    ("scoped", "whole"),
    [("viz_article_stances", "viz_stances"), ("viz_article_events", "viz_events")],
    ids=["stances", "events"],
)
def test_article_query_gives_the_whole_store_rows_of_the_article(
    cases: Store, scoped: str, whole: str, article: str
) -> None:
    iri = iris.article_iri(article)
    got = cases.query(load_query(scoped).text, {"article": iri})
    expected = _whole_store_rows_of_article(cases, whole, str(iri))
    assert got.variables == expected.variables
    assert _rows(got) == _rows(expected)
    assert got.rows


@pytest.mark.parametrize("name", ["viz_article_stances", "viz_article_events", "viz_article_nodes"])
def test_article_query_bound_on_rdflib_gives_the_same_rows(cases: Store, name: str) -> None:
    dataset = add_article_cases(build_dataset())
    bindings = {"article": iris.article_iri("v3")}
    text = load_query(name).text
    rdflib = _DatasetSource(dataset).query(text, bindings)
    assert _rows(rdflib) == _rows(cases.query(text, bindings))


def test_article_stances_keep_every_quote_and_stances_without_one(cases: Store) -> None:
    result = cases.query(
        load_query("viz_article_stances").text, {"article": iris.article_iri("v3")}
    )
    stance, text = result.variables.index("stance"), result.variables.index("text")
    texts: dict[str, list[str]] = defaultdict(list)
    for row in result.rows:
        texts[str(row[stance])].append("" if row[text] is None else str(row[text]))
    assert {key: sorted(quotes) for key, quotes in texts.items()} == {
        str(iris.stance_iri("v3", "st1")): sorted([QUOTE_RUTTE, QUOTE_RUTTE_2, QUOTE_SELENSKYJ]),
        str(iris.stance_iri("v3", "st2")): [""],  # no statement: one row, text unbound
    }


def test_article_events_come_from_the_claim_graph_too(cases: Store) -> None:
    result = cases.query(load_query("viz_article_events").text, {"article": iris.article_iri("v3")})
    graphs = {str(row[0]): str(row[1]) for row in result.rows}
    assert graphs == {
        str(iris.article_event_iri("v3", "e1")): str(iris.claim_graph_iri("v3", 1)),
        str(iris.article_event_iri("v3", "e2")): str(iris.article_graph_iri("v3")),
    }
