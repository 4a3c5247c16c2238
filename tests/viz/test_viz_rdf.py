"""to_view_graph on a real Oxigraph store (and an rdflib Dataset) holding the hand-made fixture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from viz_fixtures import (
    HEADLINE,
    ISSUE,
    ISSUE_AID,
    ISSUE_QUIET,
    QUOTE_NAMELESS,
    QUOTE_PESKOV,
    QUOTE_RUBIO,
    QUOTE_RUTTE,
    QUOTE_RUTTE_2,
    QUOTE_SELENSKYJ,
    add_article_cases,
    add_issue_cases,
    build_dataset,
    fill_store,
    ingest_corpus,
)

from kg.errors import ConfigError, QueryError
from kg.rdf import iris
from kg.store import Store, open_store
from kg.viz import EdgeKind, NodeKind, ViewGraph, ViewOptions, to_view_graph
from kg.viz._facts import (
    Draft,
    Nodes,
    add_events,
    add_stances,
    collect_events,
    load_nodes,
    resolve,
    rows_of,
)
from kg.viz.shape import finish_view
from kg.viz.view import ViewEdge

if TYPE_CHECKING:
    from kg.nlp.pipeline import Resources


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("viz-store") / "kg"
    with open_store(path) as opened:
        fill_store(opened)
        yield opened


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory, resources: Resources) -> Iterator[Store]:
    """Examples and generated articles through the pipeline, then the fixture, ``v3`` and ``v4``."""
    path = tmp_path_factory.mktemp("viz-cases")
    with open_store(path / "kg") as opened:
        ingest_corpus(opened, resources, path)
        fill_store(opened, add_issue_cases(add_article_cases(build_dataset())))
        yield opened


def _actor(key: str) -> str:
    return str(iris.actor_iri(key))


def _labels(view: ViewGraph) -> set[str]:
    return {node.label for node in view.nodes}


def _edges(view: ViewGraph, kind: EdgeKind) -> set[tuple[str, str, str]]:
    return {(e.source, e.target, e.label) for e in view.edges if e.kind is kind}


def test_actors_view_types_nodes_and_colours_stances(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    kinds = {node.id: node.kind for node in view.nodes}
    assert kinds[_actor("nato")] is NodeKind.ORGANIZATION
    assert kinds[_actor("russia")] is NodeKind.STATE
    assert kinds[_actor("mark-rutte")] is NodeKind.PERSON
    assert kinds[_actor("brussels")] is NodeKind.PLACE
    assert kinds[str(ISSUE)] is NodeKind.ISSUE
    stances = {(e.source, e.position): e for e in view.edges if e.kind is EdgeKind.STANCE}
    assert set(stances) == {
        (_actor("nato"), "supports"),
        (_actor("russia"), "opposes"),
        (_actor("kremlin"), "opposes"),
        (_actor("ukraine"), "demands"),
        (_actor("united-states"), "hesitant"),
        (_actor("volodymyr-zelensky"), "supports"),
    }
    assert stances[(_actor("nato"), "supports")].display_color == "#2CA02C"
    assert stances[(_actor("russia"), "opposes")].display_color == "#D62728"
    assert (_actor("mark-rutte"), _actor("nato"), "NATO-Generalsekretär") in _edges(
        view, EdgeKind.HOLDS_POST
    )


def test_actors_view_links_bodies_to_their_state(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    assert (_actor("kremlin"), _actor("russia"), "part of") in _edges(view, EdgeKind.PART_OF)


@pytest.mark.parametrize(
    ("since", "shown"),
    [(None, False), (date(2024, 6, 1), True), (date(2024, 8, 1), False)],
    ids=["no-window-current-only", "window-overlaps-term", "window-after-term"],
)
def test_ended_curated_holdings_show_only_inside_their_interval(
    store: Store, since: date | None, shown: bool
) -> None:
    view = to_view_graph(store, ViewOptions(view="actors", since=since))
    edge = (_actor("mark-rutte"), _actor("netherlands"), "prime minister")
    assert (edge in _edges(view, EdgeKind.HOLDS_POST)) is shown


def test_stance_tooltip_names_quote_speaker_article_and_date(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    edge = next(e for e in view.edges if e.kind is EdgeKind.STANCE and e.source == _actor("nato"))
    assert QUOTE_RUTTE in edge.title
    assert "Mark Rutte" in edge.title
    assert HEADLINE in edge.title  # plain text here; the renderer escapes it
    assert "2024-12-03" in edge.title


def test_quote_is_attributed_to_the_statement_speaker(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    edge = next(
        e for e in view.edges if e.source == _actor("kremlin") and e.kind is EdgeKind.STANCE
    )
    assert f"“{QUOTE_PESKOV}” — Dmitri Peskow;" in edge.title


def test_stance_without_quote_shows_its_cue(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    edge = next(
        e
        for e in view.edges
        if e.source == _actor("volodymyr-zelensky") and e.kind is EdgeKind.STANCE
    )
    assert "cue: “setzt auf”" in edge.title
    assert "without a quoted statement" in edge.title


def test_issue_label_prefers_english_then_german(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    assert "NATO membership of Ukraine" in _labels(view)
    german = to_view_graph(store, ViewOptions(view="actors", label_lang="de"))
    assert "NATO-Mitgliedschaft der Ukraine" in _labels(german)


@pytest.mark.parametrize(
    ("actor", "hops", "present", "absent"),
    [
        ("Q57792", 1, {"Mark Rutte", "NATO"}, {"Russland", "NATO membership of Ukraine"}),
        ("Mark Rutte", 2, {"NATO membership of Ukraine"}, {"Ukraine", "Dmitri Peskow"}),
        ("mark-rutte", 3, {"Ukraine", "Russland"}, {"Dmitri Peskow"}),
    ],
    ids=["qid-1-hop", "name-2-hops", "key-3-hops"],
)
def test_ego_view_grows_with_hops(
    store: Store, actor: str, hops: int, present: set[str], absent: set[str]
) -> None:
    view = to_view_graph(store, ViewOptions(view="ego", actor=actor, hops=hops))
    assert present <= _labels(view)
    assert not absent & _labels(view)
    assert "Mark Rutte" in view.heading


def test_ego_view_unknown_actor_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="Q999999999"):
        to_view_graph(store, ViewOptions(view="ego", actor="Q999999999"))


def test_issue_view_shows_every_stance_on_the_issue(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="issue", issue="NATO membership of Ukraine"))
    positions = {e.position for e in view.edges if e.kind is EdgeKind.STANCE}
    assert positions == {"supports", "opposes", "demands", "hesitant"}
    assert all(e.target == str(ISSUE) for e in view.edges if e.kind is EdgeKind.STANCE)
    assert not any(node.kind is NodeKind.EVENT for node in view.nodes)


def test_article_view_links_article_to_mentioned_actors(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="article", article="v1"))
    article = str(iris.article_iri("v1"))
    mentions = {(e.target, e.label) for e in view.edges if e.source == article}
    assert (_actor("mark-rutte"), "2×") in mentions
    assert (_actor("nato"), "1×") in mentions
    assert view.heading == HEADLINE
    assert "Wolodymyr Selenskyj" not in _labels(view)  # v2 only


def test_article_view_of_an_unknown_article_is_a_query_error(store: Store) -> None:
    with pytest.raises(QueryError, match="no article 'v404'"):
        to_view_graph(store, ViewOptions(view="article", article="v404"))


def test_timeline_orders_events_left_to_right(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="timeline"))
    events = sorted((n.x or 0.0, n.label) for n in view.nodes if n.kind is NodeKind.EVENT)
    assert [label.rsplit(", ", 1)[-1] for _, label in events] == [
        "1994",
        "2024-12-03",
        "2025-01-30",
    ]
    assert not view.physics
    assert len(_edges(view, EdgeKind.NEXT)) == 2


def test_comment_view_has_replies_and_mentions(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="comments"))
    names = {n.id: n.label for n in view.nodes if n.kind is NodeKind.COMMENT_AUTHOR}
    assert set(names.values()) == {"Nordlicht_42", "kaffeesatz"}
    replies = {(names[s], names[t]) for s, t, _ in _edges(view, EdgeKind.REPLIES)}
    assert replies == {("kaffeesatz", "Nordlicht_42"), ("Nordlicht_42", "kaffeesatz")}
    mentioned = {(names[s], t) for s, t, _ in _edges(view, EdgeKind.MENTIONS)}
    assert ("kaffeesatz", _actor("russia")) in mentioned
    assert ("Nordlicht_42", _actor("nato")) in mentioned


@pytest.mark.parametrize(
    ("since", "until", "replies"),
    [
        (date(2024, 12, 3), date(2024, 12, 3), 2),  # the undated reply takes the article's date
        (date(2025, 1, 1), None, 0),
    ],
    ids=["article-day", "after"],
)
def test_comment_view_filters_by_comment_or_article_date(
    store: Store, since: date, until: date | None, replies: int
) -> None:
    view = to_view_graph(store, ViewOptions(view="comments", since=since, until=until))
    assert len(_edges(view, EdgeKind.REPLIES)) == replies


@pytest.mark.parametrize(
    ("since", "until", "positions"),
    [
        (date(2025, 1, 1), None, {"demands", "hesitant", "supports"}),
        (None, date(2024, 12, 31), {"supports", "opposes"}),
        (date(2024, 12, 3), date(2024, 12, 3), {"supports", "opposes"}),
        (date(2026, 1, 1), None, set()),
    ],
    ids=["since-2025", "until-2024", "one-day", "nothing-after-2026"],
)
def test_since_until_filter_stances(
    store: Store, since: date | None, until: date | None, positions: set[str]
) -> None:
    view = to_view_graph(store, ViewOptions(view="actors", since=since, until=until))
    assert {e.position for e in view.edges if e.kind is EdgeKind.STANCE} == positions


def test_rdflib_dataset_gives_the_same_view_as_the_store(store: Store) -> None:
    from_store = to_view_graph(store, ViewOptions(view="actors"))
    from_dataset = to_view_graph(build_dataset(), ViewOptions(view="actors"))
    assert {n.id for n in from_dataset.nodes} == {n.id for n in from_store.nodes}
    assert sorted((e.source, e.target, e.label) for e in from_dataset.edges) == sorted(
        (e.source, e.target, e.label) for e in from_store.edges
    )


def test_texts_stay_plain_in_the_view(store: Store) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    edge = next(e for e in view.edges if e.source == _actor("russia") and e.kind is EdgeKind.STANCE)
    assert QUOTE_PESKOV in edge.title  # unescaped: escaping is the renderer's job


def test_cap_folds_the_rest_into_more_nodes(store: Store) -> None:
    full = to_view_graph(store, ViewOptions(view="actors"))
    capped = to_view_graph(store, ViewOptions(view="actors", max_nodes=8))
    more = [n for n in capped.nodes if n.kind is NodeKind.MORE]
    assert more
    assert len(capped.nodes) <= 8
    assert capped.hidden_nodes == len(full.nodes) - (len(capped.nodes) - len(more))
    assert "more" in capped.note


@pytest.mark.parametrize(
    ("options", "option"),
    [
        (ViewOptions(view="ego"), "actor"),
        (ViewOptions(view="issue"), "issue"),
        (ViewOptions(view="article"), "article"),
        (ViewOptions(view="ego", actor="Q57792", hops=-1), "hops"),
        (ViewOptions(max_nodes=1), "max_nodes"),
        (ViewOptions(since=date(2025, 1, 2), until=date(2025, 1, 1)), "since"),
        (ViewOptions(view="galaxy"), "view"),  # type: ignore[arg-type]
    ],
    ids=[
        "ego-no-actor",
        "issue-no-issue",
        "article-no-id",
        "negative-hops",
        "cap-1",
        "since>until",
        "bad-view",
    ],
)
def test_bad_options_raise_config_error(store: Store, options: ViewOptions, option: str) -> None:
    with pytest.raises(ConfigError) as info:
        to_view_graph(store, options)
    assert info.value.option == option


def test_empty_store_gives_an_empty_view(tmp_path: Path) -> None:
    with open_store(tmp_path / "kg") as empty:
        view = to_view_graph(empty, ViewOptions(view="actors"))
    assert view.nodes == ()
    assert view.edges == ()


def _article_view_before_scoped_queries(store: Store, opts: ViewOptions) -> ViewGraph:
    """The oracle: the article view as built before viz_article_*.rq, from the whole-store
    viz_stances and viz_events filtered to the article in Python (``article=key``).

    One change: viz_stances and viz_events give their rows in the plan's order, which decides
    the order of a stance's quotes in its tooltip and of the event nodes; they are sorted as
    viz_article_stances (stance, statement) and viz_article_events (event, graph) sort theirs,
    so that the two views can be compared exactly.
    """
    article = resolve(store, "article", opts.article or "")
    key = str(article)
    draft = Draft(nodes=load_nodes(store), opts=opts)
    draft.use(key, NodeKind.ARTICLE)
    for row in rows_of(store, "viz_articles", {"article": article}):
        if row.get("headline"):
            draft.nodes.labels[key].append((row["headline"], row.get("headline@lang", "")))
        if row.get("published"):
            draft.nodes.titles[key].append(row["published"][:10])
    for row in rows_of(store, "viz_article_mentions", {"article": article}):
        if "actor" not in row:
            continue
        count = int(row.get("mentions", "1"))
        draft.edges.append(
            ViewEdge(
                source=key,
                target=draft.use(row["actor"]),
                label=f"{count}×",
                kind=EdgeKind.REPORTS,
                title=f"mentioned {count} time(s)",
                weight=count,
            )
        )
    stances = sorted(
        rows_of(store, "viz_stances"), key=lambda r: (r["stance"], r.get("statement", ""))
    )
    add_stances(draft, [row for row in stances if row.get("article") == key])
    events = sorted(rows_of(store, "viz_events"), key=lambda r: (r["event"], r["graph"]))
    reported = {row["event"] for row in events if row.get("article") == key}
    add_events(draft, collect_events(draft, [row for row in events if row["event"] in reported]))
    view = draft.view(draft.nodes.label(key, opts.label_lang))
    return finish_view(view, max_nodes=opts.max_nodes, keep=(key,))


def _article_ids(store: Store) -> list[str]:
    return sorted(row["article"].rsplit("/", 1)[-1] for row in rows_of(store, "viz_articles"))


def test_article_view_is_the_view_of_the_whole_store_queries_filtered(cases: Store) -> None:
    ids = _article_ids(cases)
    assert len(ids) >= 10
    kinds: set[EdgeKind] = set()
    claimed = 0
    for article in ids:
        opts = ViewOptions(view="article", article=article)
        view = to_view_graph(cases, opts)
        assert view == _article_view_before_scoped_queries(cases, opts), article
        kinds |= {edge.kind for edge in view.edges}
        claimed += sum("(claimed)" in node.label for node in view.nodes)
    # the comparison covers every kind of fact the article view draws, claimed events too
    assert kinds >= {EdgeKind.REPORTS, EdgeKind.STANCE, EdgeKind.SPEAKS_FOR, EdgeKind.PARTICIPATES}
    assert claimed > 0


@pytest.mark.parametrize(
    ("since", "until", "lang"),
    [
        (None, None, "en"),
        (date(2025, 3, 10), None, None),
        (None, date(2025, 3, 9), "de"),
    ],
    ids=["english-labels", "article-day-on", "before-article-day"],
)
def test_article_view_matches_the_oracle_with_options(
    cases: Store, since: date | None, until: date | None, lang: str | None
) -> None:
    opts = ViewOptions(view="article", article="v3", since=since, until=until, label_lang=lang)
    assert to_view_graph(cases, opts) == _article_view_before_scoped_queries(cases, opts)


def test_article_view_keeps_claimed_events_and_every_quote(cases: Store) -> None:
    view = to_view_graph(cases, ViewOptions(view="article", article="v3"))
    events = {n.id: n.label for n in view.nodes if n.kind is NodeKind.EVENT}
    assert events == {
        str(iris.article_event_iri("v3", "e1")): "attack (claimed), 2025-03-09",
        str(iris.article_event_iri("v3", "e2")): "statement, 2025-03",
    }
    claimed = str(iris.article_event_iri("v3", "e1"))
    assert _edges(view, EdgeKind.PARTICIPATES) == {(_actor("russia"), claimed, "participant")}
    stances = {e.source: e.title for e in view.edges if e.kind is EdgeKind.STANCE}
    assert QUOTE_RUTTE in stances[_actor("nato")]
    assert QUOTE_RUTTE_2 in stances[_actor("nato")]
    # a quote's speaker whom the article names nowhere else keeps the label other graphs give
    assert f"“{QUOTE_SELENSKYJ}” — Wolodymyr Selenskyj;" in stances[_actor("nato")]
    assert "1 stance(s) without a quoted statement" in stances[_actor("russia")]


@pytest.mark.parametrize("article", ["v1", "v2"])
def test_article_view_from_rdflib_is_the_view_from_the_store(store: Store, article: str) -> None:
    opts = ViewOptions(view="article", article=article)
    from_dataset = to_view_graph(build_dataset(), opts)
    from_store = to_view_graph(store, opts)
    # the mentions come in each engine's GROUP BY order: compare as sets
    assert set(from_dataset.nodes) == set(from_store.nodes)
    assert set(from_dataset.edges) == set(from_store.edges)
    assert any(e.kind is EdgeKind.STANCE for e in from_store.edges)
    assert any(n.kind is NodeKind.EVENT for n in from_store.nodes)


def _description(nodes: Nodes, node: str, lang: str | None) -> tuple[object, ...]:
    """All that a view takes from ``Nodes`` about one node (kind, label, QID, title lines)."""
    return nodes.kinds.get(node), nodes.label(node, lang), nodes.qids.get(node), nodes.titles[node]


def test_article_nodes_describe_what_the_article_views_show_as_the_whole_store(
    cases: Store,
) -> None:
    """``load_nodes(store, article)`` reads only the nodes an article's views can show, and
    describes each as the whole-store ``load_nodes`` does: the article view and the comments view
    of the article take from it exactly what they took from the whole store."""
    whole = load_nodes(cases)
    ids = _article_ids(cases)
    shown: set[str] = set()
    commented = 0
    for article in ids:
        scoped = load_nodes(cases, resolve(cases, "article", article))
        known = {*scoped.kinds, *scoped.labels, *scoped.qids}
        assert 0 < len(known) < len({*whole.kinds, *whole.labels, *whole.qids}), article
        for node in known:
            assert scoped.kinds.get(node) == whole.kinds.get(node), (article, node)
            assert sorted(scoped.labels[node]) == sorted(whole.labels[node]), (article, node)
            assert scoped.qids.get(node) == whole.qids.get(node), (article, node)
        for view in ("article", "comments"):
            drawn = to_view_graph(cases, ViewOptions(view=view, article=article, max_nodes=500))
            # events, commenters and the article are drawn from their own rows, not from Nodes
            named = [
                n.id
                for n in drawn.nodes
                if n.kind not in {NodeKind.EVENT, NodeKind.COMMENT_AUTHOR, NodeKind.ARTICLE}
            ]
            commented += view == "comments" and bool(named)
            shown |= set(named)
            for node in named:
                for lang in (None, "en", "de"):
                    expected = _description(whole, node, lang)
                    assert _description(scoped, node, lang) == expected, (view, article, node)
    assert commented > 0  # some comments mention actors
    assert any(whole.qids.get(node) for node in shown)
    assert any(whole.kinds.get(node) is NodeKind.ISSUE for node in shown)


def _issue_view_before_scoped_queries(store: Store, opts: ViewOptions) -> ViewGraph:
    """The oracle: the issue view as built before viz_issue_*.rq, from the whole-store
    ``load_nodes`` and ``viz_stances`` bound to the issue.

    One change: viz_stances gives its rows in the plan's order, which decides the order of a
    stance's quotes in its tooltip (which ones a long one shows, and the cue of a stance with
    several); they are sorted as the issue view sorts the rows of viz_issue_stances (stance,
    statement, then the other cells), so that the two views can be compared exactly.
    """
    issue = resolve(store, "issue", opts.issue or "")
    draft = Draft(nodes=load_nodes(store), opts=opts)
    draft.use(str(issue), NodeKind.ISSUE)
    rows = rows_of(store, "viz_stances", {"issue": issue})
    add_stances(
        draft, sorted(rows, key=lambda r: (r["stance"], r.get("statement", ""), sorted(r.items())))
    )
    label = draft.nodes.label(str(issue), opts.label_lang)
    view = draft.view(f"Stances on {label}")
    return finish_view(view, max_nodes=opts.max_nodes, keep=(str(issue),))


def _issue_keys(store: Store) -> list[str]:
    """Every issue some stance is on, as an IRI, and two with no stance."""
    issues = {row["issue"] for row in rows_of(store, "viz_stances")}
    return [*sorted(issues), str(ISSUE_QUIET), "membership:Q212:Q999999"]


def test_issue_view_is_the_view_of_the_whole_store_queries(cases: Store) -> None:
    keys = _issue_keys(cases)
    assert len(keys) >= 8
    kinds: set[EdgeKind] = set()
    quoted = 0
    for issue in keys:
        opts = ViewOptions(view="issue", issue=issue)
        view = to_view_graph(cases, opts)
        assert view == _issue_view_before_scoped_queries(cases, opts), issue
        kinds |= {edge.kind for edge in view.edges}
        quoted += sum("“" in edge.title for edge in view.edges)
    # the comparison covers both kinds of edge the issue view draws, and quotes
    assert kinds == {EdgeKind.STANCE, EdgeKind.SPEAKS_FOR}
    assert quoted > 0


@pytest.mark.parametrize(
    ("issue", "since", "until", "lang"),
    [
        (str(ISSUE), None, None, "en"),
        (str(ISSUE), date(2025, 1, 1), None, "de"),
        (str(ISSUE_AID), None, date(2025, 4, 1), None),
        (str(ISSUE_AID), date(2025, 4, 2), None, "en"),
    ],
    ids=["english-labels", "from-2025", "aid-until-april-1st", "aid-from-april-2nd"],
)
def test_issue_view_matches_the_oracle_with_options(
    cases: Store, issue: str, since: date | None, until: date | None, lang: str | None
) -> None:
    opts = ViewOptions(view="issue", issue=issue, since=since, until=until, label_lang=lang)
    assert to_view_graph(cases, opts) == _issue_view_before_scoped_queries(cases, opts)


def test_issue_view_of_an_issue_without_stances_shows_the_issue(cases: Store) -> None:
    view = to_view_graph(cases, ViewOptions(view="issue", issue=str(ISSUE_QUIET)))
    assert [(n.id, n.label, n.kind, n.qid) for n in view.nodes] == [
        (str(ISSUE_QUIET), "An issue without stances", NodeKind.ISSUE, "Q111111111")
    ]
    assert view.edges == ()
    assert view.heading == "Stances on An issue without stances"


def test_issue_view_keeps_partial_quotes_and_unreported_stances(cases: Store) -> None:
    view = to_view_graph(cases, ViewOptions(view="issue", issue=str(ISSUE_AID)))
    stances = {(e.source, e.position): e.title for e in view.edges if e.kind is EdgeKind.STANCE}
    assert set(stances) == {
        (_actor("united-states"), "supports"),
        (_actor("ukraine"), "demands"),
        (_actor("russia"), "opposes"),
    }  # not NATO's: its stance is not typed gk:Stance
    supports = stances[(_actor("united-states"), "supports")]
    # the creator whom only v4 names; a statement without creator is the stance speaker's
    assert f"“{QUOTE_RUBIO}” — Marco Rubio; Washington sagt weitere Hilfe zu (2025-04-01)" in (
        supports
    )
    holder = next(n.label for n in view.nodes if n.id == _actor("united-states"))
    assert f"“{QUOTE_NAMELESS}” — {holder};" in supports
    assert supports.count("“") == 2  # the statement without text is no quote
    # reported in no article, with two cues: the first row's, whatever the engine's order
    assert "cue: “fordert”" in stances[(_actor("ukraine"), "demands")]
    assert _edges(view, EdgeKind.SPEAKS_FOR) == {
        (_actor("volodymyr-zelensky"), _actor("ukraine"), "speaks for")
    }


def test_issue_nodes_describe_what_the_issue_view_shows_as_the_whole_store(cases: Store) -> None:
    """``load_nodes(store, issue=…)`` reads only the nodes the issue view can show, and describes
    each as the whole-store ``load_nodes`` does, quote speakers included."""
    whole = load_nodes(cases)
    shown: set[str] = set()
    for key in _issue_keys(cases):
        issue = resolve(cases, "issue", key)
        scoped = load_nodes(cases, issue=issue)
        known = {*scoped.kinds, *scoped.labels, *scoped.qids}
        assert len(known) < len({*whole.kinds, *whole.labels, *whole.qids}), key
        for node in known:
            assert scoped.kinds.get(node) == whole.kinds.get(node), (key, node)
            assert sorted(scoped.labels[node]) == sorted(whole.labels[node]), (key, node)
            assert scoped.qids.get(node) == whole.qids.get(node), (key, node)
        view = to_view_graph(cases, ViewOptions(view="issue", issue=key, max_nodes=500))
        named = {node.id for node in view.nodes}
        named |= {r.get("creator", "") for r in rows_of(cases, "viz_stances", {"issue": issue})}
        named.discard("")
        shown |= named
        for node in named:
            for lang in (None, "en", "de"):
                expected = _description(whole, node, lang)
                assert _description(scoped, node, lang) == expected, (key, node)
    assert any(whole.qids.get(node) for node in shown)
    assert str(iris.actor_iri("marco-rubio")) in shown  # a quote's creator, named nowhere else


def test_load_nodes_takes_an_article_or_an_issue(cases: Store) -> None:
    with pytest.raises(ValueError, match="not both"):
        load_nodes(cases, iris.article_iri("v1"), issue=ISSUE)


@pytest.mark.parametrize("issue", [str(ISSUE), str(ISSUE_AID)], ids=["membership", "aid"])
def test_issue_view_from_rdflib_is_the_view_from_the_store(issue: str, tmp_path: Path) -> None:
    dataset = add_issue_cases(add_article_cases(build_dataset()))
    opts = ViewOptions(view="issue", issue=issue)
    with open_store(tmp_path / "kg") as store:
        fill_store(store, dataset)
        from_store = to_view_graph(store, opts)
    assert to_view_graph(dataset, opts) == from_store
    assert any(e.kind is EdgeKind.STANCE for e in from_store.edges)


def test_stance_rows_in_any_order_give_the_same_first_row() -> None:
    """add_stances shows the first row's cue and speaker of a stance: whatever order an engine
    returns the rows in, the article and issue views sort them to the same order."""
    from itertools import permutations

    from kg.viz.rdf import _in_stance_order

    rows = [
        {"stance": "s1", "statement": "q1", "cue": "fordert"},
        {"stance": "s1", "statement": "q1", "cue": "verlangt"},
        {"stance": "s1", "cue": "lehnt ab"},
        {"stance": "s0", "statement": "q2", "speaker": "rutte"},
    ]
    orders = {tuple(map(repr, _in_stance_order(list(p)))) for p in permutations(rows)}
    assert len(orders) == 1
    first = _in_stance_order(list(reversed(rows)))
    assert [r["stance"] for r in first] == ["s0", "s1", "s1", "s1"]
    assert first[1] == {"stance": "s1", "cue": "lehnt ab"}  # no statement sorts first
