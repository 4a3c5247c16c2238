"""to_view_graph on a real Oxigraph store (and an rdflib Dataset) holding the hand-made fixture."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from viz_fixtures import HEADLINE, ISSUE, QUOTE_PESKOV, QUOTE_RUTTE, build_dataset, fill_store

from kg.errors import ConfigError, QueryError
from kg.rdf import iris
from kg.store import Store, open_store
from kg.viz import EdgeKind, NodeKind, ViewGraph, ViewOptions, to_view_graph


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("viz-store") / "kg"
    with open_store(path) as opened:
        fill_store(opened)
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
