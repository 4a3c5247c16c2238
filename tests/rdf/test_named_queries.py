"""Every named query of ``queries/`` runs on a real on-disk Oxigraph store and returns the rows
the fixture articles imply (``rdf_fixture``: t1 has every record kind, t2 repeats a quote).

Values are compared as strings with kg's base IRI stripped; unbound cells are ``""``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_fixture import KNOWN_EVENTS, make_gazetteer, make_t1, make_t2
from rdflib import Graph, URIRef

from kg.rdf import iris
from kg.rdf.build import build_article_graph, build_reference_graph
from kg.store import Store, ensure_reference, list_queries, load_query, open_store, run_query
from kg.store.queries import bind_params

QUERIES = [
    "actors_in_article", "actor_mentions", "post_holders", "articles_about_actor",
    "comment_mentions", "comment_threads", "article_overview", "actor_neighbourhood",
    "statements_by_speaker", "statements_mentioning_actor", "statements_in_range",
    "top_speakers", "stance_matrix", "stances_of_actor", "stance_disagreements",
    "stance_evidence", "events_timeline", "events_in_range", "events_by_participant",
    "claims_by_source",
]  # fmt: skip

QUOTE = "Wir stehen fest an der Seite der Ukraine."
PESKOV = "ein Beitritt der Ukraine zur NATO sei für Moskau inakzeptabel"
NARRATOR = "Der Kreml lehnt die Aufnahme der Ukraine weiter ab."
ISSUE = "issue/membership--q212--q7184"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    directory: Path = tmp_path_factory.mktemp("store") / "kg"
    with open_store(directory) as opened:
        for analysis in (make_t1(), make_t2()):
            graph = iris.article_graph_iri(analysis.article.id)
            opened.replace_graphs(graph, build_article_graph(analysis))
        reference: Graph = build_reference_graph(make_gazetteer(), KNOWN_EVENTS)
        ensure_reference(opened, reference)
        yield opened


def _cell(value: object) -> str:
    if value is None:
        return ""
    return str(value).removeprefix(iris.BASE)


def _rows(store: Store, name: str, params: dict[str, str], columns: tuple[str, ...]) -> list:
    result = run_query(store, name, params)
    index = [result.columns.index(c) for c in columns]
    return [tuple(_cell(row[i]) for i in index) for row in result.rows]


@pytest.mark.parametrize("name", QUERIES)
def test_query_header_declares_description_and_columns(name: str) -> None:
    query = load_query(name)
    assert query.declared
    assert query.description
    assert query.columns
    for param in query.params:
        assert f"?{param.name}" in query.text.split("WHERE", 1)[0], param.name


CASES: list[tuple[str, str, dict[str, str], tuple[str, ...], list[tuple[str, ...]]]] = [
    ("actors-t1", "actors_in_article", {"article": "t1"},
     ("actor", "label", "kind", "qid", "mentions"), [
        ("id/mark-rutte", "Mark Rutte", "person", "Q57792", "2"),
        ("id/dmitry-peskov", "Dmitry Peskov", "person", "", "1"),
        ("id/nato", "NATO", "organization", "Q7184", "1"),
        ("id/ukraine", "Ukraine", "state", "Q212", "1"),
        ("id/ministry-of-defence-of-russia", "russisches Verteidigungsministerium",
         "government-body", "", "1"),
    ]),
    ("actors-t2-by-iri", "actors_in_article", {"article": str(iris.article_iri("t2"))},
     ("actor", "mentions"), [
        ("id/mark-rutte", "1"), ("id/presidential-administration-of-russia", "1"),
    ]),
    ("mentions-by-qid", "actor_mentions", {"actor": "Q57792"}, ("article", "mentions", "date"), [
        ("article/t2", "1", "2024-12-10"), ("article/t1", "2", "2024-12-03"),
    ]),
    ("mentions-since", "actor_mentions", {"actor": "mark-rutte", "since": "2024-12-05"},
     ("article", "surfaces"), [("article/t2", "Rutte")]),
    # NATO is named in t1's body once, in a statement and in a reader comment: one mention.
    ("mentions-body-only", "actor_mentions", {"actor": "nato"}, ("article", "mentions"),
     [("article/t1", "1")]),
    ("mentions-until", "actor_mentions", {"actor": "Q57792", "until": "2024-12-05"},
     ("article", "mentions"), [("article/t1", "2")]),
    ("holders-of-nato", "post_holders", {"of": "nato"},
     ("role", "holder", "start", "end", "lastObserved", "articles", "source"), [
        ("secretary general", "id/mark-rutte", "2024-10-01", "", "", "0", "curated"),
        ("secretary general", "id/jens-stoltenberg", "2014-10-01", "2024-10-01", "", "0",
         "curated"),
        ("secretary general", "id/mark-rutte", "", "", "2024-12-03", "1", "observed"),
    ]),
    ("posts-of-rutte", "post_holders", {"holder": "Q57792"}, ("post", "organization", "source"), [
        ("post/prime-minister--unknown", "", "curated"),
        ("post/secretary-general--nato", "id/nato", "curated"),
        ("post/secretary-general--nato", "id/nato", "observed"),
    ]),
    ("about-rutte", "articles_about_actor", {"actor": "mark-rutte"},
     ("article", "mentions", "statements"), [("article/t2", "1", "1"), ("article/t1", "2", "1")]),
    ("about-rutte-until", "articles_about_actor", {"actor": "Mark Rutte", "until": "2024-12-05"},
     ("article", "mentions", "statements"), [("article/t1", "2", "1")]),
    ("comment-mentions", "comment_mentions", {}, ("author", "actor", "comments"), [
        ("kaffeesatz", "id/nato", "1"), ("kaffeesatz", "id/ukraine", "1"),
    ]),
    ("comment-mentions-t2", "comment_mentions", {"article": "t2"}, ("author",), []),
    ("comment-mentions-t1", "comment_mentions", {"article": "t1"},
     ("author", "actor", "comments", "articles"), [
        ("kaffeesatz", "id/nato", "1", "1"), ("kaffeesatz", "id/ukraine", "1", "1"),
    ]),
    ("comment-mentions-t1-nato", "comment_mentions", {"article": "t1", "actor": "nato"},
     ("author", "actor", "comments"), [("kaffeesatz", "id/nato", "1")]),
    ("threads", "comment_threads", {"article": "t1"},
     ("position", "author", "rank", "depth", "parentPosition", "parentAuthor", "upvotes"), [
        ("1", "Nordlicht_42", "Top-Kommentator", "0", "", "", "12"),
        ("2", "kaffeesatz", "", "1", "1", "Nordlicht_42", ""),
        ("3", "Nordlicht_42", "Top-Kommentator", "2", "2", "kaffeesatz", ""),
    ]),
    ("overview", "article_overview", {},
     ("article", "lang", "mentions", "statements", "stances", "events", "claims", "comments"), [
        ("article/t2", "de", "2", "1", "2", "0", "0", "0"),
        ("article/t1", "de", "7", "3", "2", "2", "2", "3"),
    ]),
    ("overview-since", "article_overview", {"since": "2024-12-05"}, ("article",),
     [("article/t2",)]),
    ("neighbours", "actor_neighbourhood", {"actor": "Q57792"}, ("neighbour", "kind", "articles"), [
        ("id/brussels", "place", "1"),
        ("id/dmitry-peskov", "person", "1"),
        ("id/nato", "organization", "1"),
        ("id/presidential-administration-of-russia", "government-body", "1"),
        ("id/ukraine", "state", "1"),
        ("id/ministry-of-defence-of-russia", "government-body", "1"),
    ]),
    ("by-speaker", "statements_by_speaker", {"speaker": "mark-rutte"},
     ("date", "mode", "text", "verb", "capacity", "article"), [
        ("2024-12-10", "direct", QUOTE, "wiederholen", "", "article/t2"),
        ("2024-12-03", "direct", QUOTE, "sagen", "NATO-Generalsekretär", "article/t1"),
    ]),
    ("by-speaker-since", "statements_by_speaker", {"speaker": "Q57792", "since": "2024-12-04"},
     ("article",), [("article/t2",)]),
    ("by-speaker-label", "statements_by_speaker", {"speaker": "Dmitri Peskow"},
     ("mode", "text", "capacity"), [("indirect", PESKOV, "Kreml-Sprecher")]),
    ("mentioning-nato", "statements_mentioning_actor", {"actor": "nato"},
     ("speaker", "speakerLabel", "text"), [("id/dmitry-peskov", "Dmitry Peskov", PESKOV)]),
    ("in-range", "statements_in_range", {"since": "2024-12-01", "until": "2024-12-05"},
     ("date", "speaker", "text"), [
        ("2024-12-03", "", "Bündnis steht zur Ukraine"),
        ("2024-12-03", "id/mark-rutte", QUOTE),
        ("2024-12-03", "id/dmitry-peskov", PESKOV),
    ]),
    ("in-range-open", "statements_in_range", {"since": "2024-12-05"}, ("article", "text"),
     [("article/t2", QUOTE)]),
    ("top-speakers", "top_speakers", {}, ("speaker", "label", "qid", "statements", "reports",
                                          "articles"), [
        ("id/mark-rutte", "Mark Rutte", "Q57792", "1", "2", "2"),
        ("id/dmitry-peskov", "Dmitry Peskov", "", "1", "1", "1"),
    ]),
    ("top-speakers-since", "top_speakers", {"since": "2024-12-01", "until": "2024-12-05"},
     ("speaker", "label", "statements", "reports", "articles"), [
        ("id/dmitry-peskov", "Dmitry Peskov", "1", "1", "1"),
        ("id/mark-rutte", "Mark Rutte", "1", "1", "1"),
    ]),
    ("top-speakers-later", "top_speakers", {"since": "2024-12-05"}, ("speaker", "reports"),
     [("id/mark-rutte", "1")]),
    ("matrix", "stance_matrix", {}, ("holder", "issue", "issueLabel", "position", "stances",
                                     "latest"), [
        ("id/nato", ISSUE, "NATO membership of Ukraine", "supports", "2", "2024-12-10"),
        ("id/russia", ISSUE, "NATO membership of Ukraine", "opposes", "2", "2024-12-10"),
    ]),
    ("matrix-since", "stance_matrix", {"since": "2024-12-05"}, ("holder", "stances"), [
        ("id/nato", "1"), ("id/russia", "1"),
    ]),
    ("stances-of-russia", "stances_of_actor", {"actor": "russia"},
     ("date", "position", "speaker", "evidence", "article"), [
        ("2024-12-10", "opposes", "", "0", "article/t2"),
        ("2024-12-03", "opposes", "id/dmitry-peskov", "1", "article/t1"),
    ]),
    ("stances-other-issue", "stances_of_actor", {"actor": "russia", "issue": "aid:Q30:Q212"},
     ("stance",), []),
    ("disagreements", "stance_disagreements", {"issue": "membership:Q212:Q7184"},
     ("supporter", "opponent", "supportStances", "opposeStances"), [
        ("id/nato", "id/russia", "2", "2"),
    ]),
    ("evidence-russia", "stance_evidence", {"actor": "Q159"}, ("date", "speaker", "mode",
                                                              "evidence"), [
        ("2024-12-10", "", "narrator", NARRATOR),
        ("2024-12-03", "id/dmitry-peskov", "indirect", PESKOV),
    ]),
    ("evidence-issue", "stance_evidence", {"issue": "membership:Q212:Q7184"},
     ("holder", "date", "mode"), [
        ("id/nato", "2024-12-10", "direct"), ("id/nato", "2024-12-03", "direct"),
        ("id/russia", "2024-12-10", "narrator"), ("id/russia", "2024-12-03", "indirect"),
    ]),
    ("timeline", "events_timeline", {}, ("when", "eventType", "participants", "place", "known"), [
        ("1994", "agreement", "agent=ukraine", "", "event/budapest-memorandum"),
        ("2024-12-03", "meeting", "convener=nato", "id/brussels", ""),
    ]),
    ("timeline-nineties", "events_timeline", {"since": "1990-01-01", "until": "2000-12-31"},
     ("when",), [("1994",)]),
    ("timeline-excludes-claims", "events_timeline", {"type": "capture"}, ("event",), []),
    ("timeline-type", "events_timeline", {"type": "meeting"}, ("event",),
     [("article/t1/event-e3",)]),
    ("in-range-nineties", "events_in_range", {"since": "1990-01-01", "until": "2000-12-31"},
     ("when", "eventType", "participants", "known"),
     [("1994", "agreement", "agent=ukraine", "event/budapest-memorandum")]),
    ("in-range-open", "events_in_range", {"since": "2024-12-01"},
     ("when", "eventType", "participants", "place"),
     [("2024-12-03", "meeting", "convener=nato", "id/brussels")]),
    ("in-range-precision", "events_in_range", {"since": "1994-12-01", "until": "2024-12-31"},
     ("when",), [("1994",), ("2024-12-03",)]),
    ("in-range-excludes-claims", "events_in_range", {"since": "2024-12-01", "type": "capture"},
     ("event",), []),
    ("russia-in-events", "events_by_participant", {"actor": "russia"},
     ("event", "eventType", "roleName", "when"), [
        ("event/budapest-memorandum", "agreement", "guarantor", "1994-12-05"),
        ("event/war-in-donbas", "attack", "attacker", "2014-04"),
    ]),
    ("ukraine-as-agent", "events_by_participant", {"actor": "ukraine", "role": "agent"},
     ("event", "article"), [("article/t1/event-e2", "article/t1")]),
    ("claims", "claims_by_source", {}, ("author", "statusName", "eventType", "when", "content"), [
        ("id/ministry-of-defence-of-russia", "claimed-unverified", "capture", "2024-12",
         "graph/t1-claim-1"),
        ("article/t1", "asserted-by-narrator", "agreement", "1994", ""),
    ]),
    ("claims-of-mod", "claims_by_source", {"source": "ministry-of-defence-of-russia"},
     ("claim", "phrase"), [
        ("article/t1/claim-1", "Nach Angaben des russischen Verteidigungsministeriums"),
    ]),
    ("claims-by-status", "claims_by_source", {"status": "asserted-by-narrator"}, ("claim",),
     [("article/t1/claim-2",)]),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "params", "columns", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_query_returns_the_expected_rows(
    store: Store,
    name: str,
    params: dict[str, str],
    columns: tuple[str, ...],
    expected: list[tuple[str, ...]],
) -> None:
    assert _rows(store, name, params, columns) == expected


def test_every_listed_query_is_exercised() -> None:
    assert {case[1] for case in CASES} == set(QUERIES)


# Plans (queries/plans/) must select exactly the rows of their query, in its order: every
# case above whose parameters select a plan, plus cases for the plans of the views' queries.
PLAN_CASES: list[tuple[str, str, dict[str, str]]] = [
    (case_id, name, params)
    for case_id, name, params, *_ in CASES
    if load_query(name).plan_for({k for k, v in params.items() if v}) is not None
] + [
    ("viz-comments-t1", "viz_comments", {"article": "t1"}),
    ("viz-comments-t2", "viz_comments", {"article": "t2"}),
    ("viz-active-actors-since", "viz_active_actors", {"since": "2024-12-05"}),
    (
        "viz-active-actors-window",
        "viz_active_actors",
        {"since": "2024-12-01", "until": "2024-12-05"},
    ),
    ("viz-stances-since", "viz_stances", {"since": "2024-12-05"}),
    ("viz-stances-window", "viz_stances", {"since": "2024-12-01", "until": "2024-12-04"}),
    (
        "viz-stances-issue-since",
        "viz_stances",
        {"issue": "membership:Q212:Q7184", "since": "2024-12-01"},
    ),
    ("viz-stances-later", "viz_stances", {"since": "2030-01-01"}),
    ("viz-events-since", "viz_events", {"since": "2024-12-01"}),
    ("viz-events-nineties", "viz_events", {"since": "1990-01-01", "until": "2000-12-31"}),
    ("viz-events-month", "viz_events", {"since": "2022-02-15", "until": "2022-03-31"}),
]


@pytest.mark.parametrize(
    ("name", "params"), [c[1:] for c in PLAN_CASES], ids=[c[0] for c in PLAN_CASES]
)
def test_a_plan_selects_the_rows_of_its_query(
    store: Store, name: str, params: dict[str, str]
) -> None:
    query = load_query(name)
    bindings = bind_params(store, query, params)
    plan = query.plan_for(bindings)
    assert plan is not None
    expected = store.query(query.text, bindings)
    planned = store.query(plan.text, bindings)
    assert planned.variables == expected.variables
    if "ORDER BY" in query.text:
        assert planned.rows == expected.rows
    else:  # the order is not defined (the views' queries sort what they need)
        assert sorted(planned.rows, key=str) == sorted(expected.rows, key=str)


def test_every_plan_is_checked_on_rows(store: Store) -> None:
    checked: set[tuple[str, str]] = set()
    for _, name, params in PLAN_CASES:
        query = load_query(name)
        bindings = bind_params(store, query, params)
        plan = query.plan_for(bindings)
        if plan is not None and store.query(query.text, bindings).rows:
            checked.add((name, plan.label))
    plans = {(q.name, plan.label) for q in list_queries() for plan in q.plans}
    assert plans <= checked, plans - checked


def test_claim_graph_content_is_stored_but_not_reported_as_fact(store: Store) -> None:
    claimed = iris.article_event_iri("t1", "e1")
    assert store.has_graph(iris.claim_graph_iri("t1", 1))
    for name in ("events_timeline", "events_in_range", "events_by_participant", "article_overview"):
        params = {"actor": "russia"} if name == "events_by_participant" else {}
        params = {"since": "1900-01-01"} if name == "events_in_range" else params
        result = run_query(store, name, params)
        assert all(URIRef(str(claimed)) not in row for row in result.rows), name
