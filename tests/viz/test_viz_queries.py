"""The view queries (queries/viz_*.rq): headers honest, runnable on Oxigraph and on rdflib."""

from __future__ import annotations

import sys
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Dataset, URIRef
from viz_fixtures import (
    ISSUE,
    ISSUE_AID,
    ISSUE_QUIET,
    QUOTE_NAMELESS,
    QUOTE_RUBIO,
    QUOTE_RUTTE,
    QUOTE_RUTTE_2,
    QUOTE_SELENSKYJ,
    add_article_cases,
    add_issue_cases,
    build_dataset,
    fill_store,
)

from kg.rdf import iris
from kg.store import Store, list_queries, open_store
from kg.store.base import QueryRows
from kg.store.queries import NamedQuery, bind_params, load_query
from kg.viz._facts import rows_of
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
        "viz_issue_stances",
        "viz_issue_nodes",
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


def _all_cases() -> Dataset:
    return add_issue_cases(add_article_cases(build_dataset()))


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("viz-article-cases") / "kg") as opened:
        fill_store(opened, _all_cases())
        yield opened


def _rows(result: QueryRows) -> list[str]:
    return sorted(map(repr, result.rows))


def _without_window(result: QueryRows) -> QueryRows:
    """The rows without the (unbound) ``since``/``until`` columns of viz_stances/viz_events."""
    keep = [i for i, name in enumerate(result.variables) if name not in ("since", "until")]
    rows = tuple(tuple(row[i] for i in keep) for row in result.rows)
    return QueryRows(tuple(result.variables[i] for i in keep), rows)


def _whole_store_rows_of_article(store: Store, name: str, article: str) -> QueryRows:
    """What the article view kept of viz_stances / viz_events before the scoped queries:
    stance rows reported in the article; every row of an event some row reports in it."""
    result = _without_window(store.query(load_query(name).text))
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
    dataset = _all_cases()
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


ISSUES = [ISSUE, ISSUE_AID, ISSUE_QUIET]
ISSUE_IDS = ["membership", "aid", "no-stance"]


@pytest.mark.parametrize("issue", ISSUES, ids=ISSUE_IDS)
def test_issue_stances_are_the_rows_of_viz_stances_on_the_issue(
    cases: Store, issue: URIRef
) -> None:
    got = cases.query(load_query("viz_issue_stances").text, {"issue": issue})
    expected = _without_window(cases.query(load_query("viz_stances").text, {"issue": issue}))
    assert got.variables == expected.variables
    assert _rows(got) == _rows(expected)
    assert bool(got.rows) is (issue != ISSUE_QUIET)


def test_issue_stances_keep_partial_statements_and_borrow_no_article(cases: Store) -> None:
    rows = rows_of(cases, "viz_issue_stances", {"issue": ISSUE_AID})
    by_stance: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        by_stance[row["stance"].rsplit("/", 1)[-1]].append(row)
    assert sorted(by_stance) == ["stance-st1", "stance-st2", "stance-st3"]  # st4 is untyped
    quotes = {
        (r.get("text"), r.get("creator", "").rsplit("/", 1)[-1]) for r in by_stance["stance-st1"]
    }
    assert quotes == {(QUOTE_RUBIO, "marco-rubio"), (None, "marco-rubio"), (QUOTE_NAMELESS, "")}
    # no gk:reportedIn: the article of its graph lends it neither date nor headline
    for unreported in by_stance["stance-st2"]:
        assert not {"article", "published", "headline"} & set(unreported)
        assert unreported["speaker"] == str(iris.actor_iri("volodymyr-zelensky"))
    assert sorted(r["cue"] for r in by_stance["stance-st2"]) == ["fordert", "verlangt"]
    assert {r.get("published") for r in by_stance["stance-st3"]} == {"2025-04-02"}


def _descriptions(result: QueryRows) -> set[tuple[str, ...]]:
    """The (node, type, label, qid) rows that describe something (viz_nodes' rows)."""
    columns = [result.variables.index(name) for name in ("node", "type", "label", "qid")]
    picked = {tuple(repr(row[i]) for i in columns) for row in result.rows}
    return {row for row in picked if row[1:] != ("None", "None", "None")}


def _named_by_stances(store: Store, issue: URIRef) -> set[str]:
    """The nodes the issue view can draw or name: the issue, holders, speakers, quote creators."""
    rows = rows_of(store, "viz_stances", {"issue": issue})
    return {str(issue)} | {r[c] for r in rows for c in ("holder", "speaker", "creator") if c in r}


@pytest.mark.parametrize("issue", ISSUES, ids=ISSUE_IDS)
def test_issue_nodes_are_the_rows_of_viz_nodes_of_what_the_view_names(
    cases: Store, issue: URIRef
) -> None:
    whole = _descriptions(cases.query(load_query("viz_nodes").text))
    got = _descriptions(cases.query(load_query("viz_issue_nodes").text, {"issue": issue}))
    named = {repr(URIRef(node)) for node in _named_by_stances(cases, issue)}
    assert {row for row in whole if row[0] in named} <= got
    assert got <= whole
    assert repr(issue) in {row[0] for row in got}  # described even with no stance on it


@pytest.mark.parametrize("issue", ISSUES, ids=ISSUE_IDS)
@pytest.mark.parametrize("name", ["viz_issue_stances", "viz_issue_nodes"])
def test_issue_query_bound_on_rdflib_gives_the_same_rows(
    cases: Store, name: str, issue: URIRef
) -> None:
    text = load_query(name).text
    rdflib = _DatasetSource(_all_cases()).query(text, {"issue": issue})
    assert _rows(rdflib) == _rows(cases.query(text, {"issue": issue}))


@pytest.fixture(scope="module")
def virtuoso_cases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """A Virtuoso of this module's own (the session's server holds other tests' articles, and
    these comparisons read whole stores) with the fixture, ``v3`` and ``v4``."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from virtuoso import start_virtuoso, virtuoso_available  # type: ignore[import-not-found]

    if not virtuoso_available():
        pytest.skip("virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource-7-bin)")
    server = start_virtuoso(tmp_path_factory.mktemp("viz-virtuoso"))
    try:
        with open_store(server.sparql_url) as remote:
            fill_store(remote, _all_cases())
            yield remote
    finally:
        server.stop()


@pytest.mark.virtuoso
@pytest.mark.parametrize("issue", [*ISSUES, None], ids=[*ISSUE_IDS, "unbound"])
@pytest.mark.parametrize("name", ["viz_issue_stances", "viz_issue_nodes", "viz_stances"])
def test_issue_query_gives_the_same_rows_on_virtuoso(
    cases: Store, virtuoso_cases: Store, name: str, issue: URIRef | None
) -> None:
    text = load_query(name).text
    bindings = {} if issue is None else {"issue": issue}
    expected = cases.query(text, bindings)
    got = virtuoso_cases.query(text, bindings)
    assert got.variables == expected.variables
    assert _rows(got) == _rows(expected)


WINDOWS = [
    {"since": "2024-12-04"},
    {"since": "2024-12-01", "until": "2024-12-31"},
    {"until": "2024-12-31"},
    {"since": "1990-01-01", "until": "2000-12-31"},
]


@pytest.mark.virtuoso
@pytest.mark.parametrize("window", WINDOWS, ids=["since", "december", "until", "nineties"])
@pytest.mark.parametrize("name", ["viz_stances", "viz_events"])
def test_windowed_query_gives_the_same_rows_on_virtuoso(
    cases: Store, virtuoso_cases: Store, name: str, window: dict[str, str]
) -> None:
    query = load_query(name)
    bindings = bind_params(cases, query, window)
    expected = cases.query(query.text_for(bindings), bindings)
    got = virtuoso_cases.query(query.text, bindings)
    assert got.variables == expected.variables
    assert _rows(got) == _rows(expected)
