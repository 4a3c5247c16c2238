"""Read a view out of the knowledge graph: ``to_view_graph(store, options) -> ViewGraph``.

The facts come from the named queries ``queries/viz_*.rq`` (run on a kg store, or on any rdflib
``Dataset``); this module turns their rows into typed nodes and edges, then
``kg.viz.shape.finish_view`` caps, sizes and lays them out. Views:

* ``actors``: the whole graph of actors, issues and events (stances, who speaks for whom,
  post holdings, event participation), capped at ``max_nodes`` with "+N more" aggregates;
* ``ego``: the same graph, cut to ``hops`` edges around one actor;
* ``issue``: every stance on one issue, coloured by position;
* ``article``: one article, the actors it mentions, its stances and events;
* ``timeline``: events ordered by time (left to right) with their participants;
* ``comments``: commenters, who replies to whom, and the actors their comments mention.

``since``/``until`` keep only facts dated inside the range (undated facts are left out then).
"""

from __future__ import annotations

import logging
import warnings
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING, cast

from kg.errors import ConfigError, QueryError
from kg.store.base import QueryRows, Store, Term
from kg.store.queries import load_query
from kg.viz._facts import (
    Draft,
    add_events,
    add_holdings,
    add_stances,
    clip,
    collect_events,
    commenter,
    day_literal,
    load_nodes,
    resolve,
    rows_of,
    within,
)
from kg.viz.shape import ego_view, finish_view
from kg.viz.view import VIEWS, EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewOptions

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

logger = logging.getLogger(__name__)

__all__ = ["VIEWS", "ViewOptions", "to_view_graph"]


class _DatasetSource:
    """An rdflib ``Dataset``/``Graph`` answering ``query`` like a kg store (for notebooks)."""

    def __init__(self, dataset: Dataset | Graph) -> None:
        self.dataset = dataset

    def query(
        self, sparql: str, bindings: Mapping[str, Term] | None = None, *, union: bool = False
    ) -> QueryRows:
        from rdflib.plugins.sparql.processor import SPARQLProcessor
        from rdflib.term import Variable

        # rdflib 7.6's own SPARQL engine calls its deprecated Dataset.contexts/default_context
        # (GRAPH ?g): those warnings are about rdflib's code, not ours
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"rdflib\.")
            result = SPARQLProcessor(self.dataset).query(  # type: ignore[no-untyped-call]
                sparql, initBindings=dict(bindings or {}), initNs={}
            )
            names = [Variable(v) for v in result["vars_"]]
            rows = tuple(
                tuple(cast("Term | None", row.get(name)) for name in names)
                for row in result["bindings"]
            )
        return QueryRows(tuple(str(v) for v in names), rows)


def to_view_graph(source: Store | Dataset | Graph, options: ViewOptions | None = None) -> ViewGraph:
    """Build the view ``options.view`` from a kg store or an rdflib ``Dataset``.

    Args:
        source: a store from ``kg.store.open_store`` or an rdflib ``Dataset``/``Graph``.
        options: what to show; defaults to the whole (capped) actor graph.

    Returns:
        The view, capped, sized by centrality and laid out.

    Raises:
        ConfigError: an option is missing or out of range (``--actor`` for the ego view …).
        QueryError: the actor, issue or article is not in the graph, or a query failed.

    Example:
        >>> from rdflib import Dataset
        >>> to_view_graph(Dataset(), ViewOptions(view="actors")).nodes
        ()
    """
    opts = options or ViewOptions()
    _check_options(opts)
    store = source if hasattr(source, "replace_graphs") else _DatasetSource(source)
    store = cast("Store", store)
    builder = _BUILDERS[opts.view]
    view, keep = builder(store, opts)
    return finish_view(view, max_nodes=opts.max_nodes, keep=keep)


def _check_options(opts: ViewOptions) -> None:
    if opts.view not in VIEWS:
        raise ConfigError(f"unknown view {opts.view!r}; views: {', '.join(VIEWS)}", option="view")
    needs = {"ego": ("actor", opts.actor), "issue": ("issue", opts.issue)}
    needs["article"] = ("article", opts.article)
    if opts.view in needs and not needs[opts.view][1]:
        name = needs[opts.view][0]
        raise ConfigError(f"the {opts.view} view needs --{name}", option=name)
    if opts.hops < 0:
        raise ConfigError(f"hops must be 0 or more, not {opts.hops}", option="hops")
    if opts.max_nodes < 2:
        raise ConfigError(f"max_nodes must be at least 2, not {opts.max_nodes}", option="max_nodes")
    if opts.since and opts.until and opts.since > opts.until:
        raise ConfigError(f"since {opts.since} is after until {opts.until}", option="since")


# -- the views ---------------------------------------------------------------------------------


def _actors_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    """Actors that articles mention or that take part in stances and events, and their links.

    Curated reference facts (post holdings, which state a body belongs to) are drawn only for
    actors that the articles make active, so the gazetteer does not flood the view.
    """
    return _actors_draft(store, opts).view("Actors, issues and events"), ()


def _actors_draft(store: Store, opts: ViewOptions) -> Draft:
    """The actors view before ``Draft.view``: its nodes also describe the ego view's centre."""
    draft = Draft(nodes=load_nodes(store), opts=opts)
    window = _window(opts)
    # sorted as the article and issue views sort theirs: the window's plan and the whole-store
    # text (and Virtuoso) return the rows in different orders
    add_stances(draft, _in_stance_order(rows_of(store, "viz_stances", _dated(window))))
    events = _in_event_order(rows_of(store, "viz_events", _dated(window)))
    add_events(draft, collect_events(draft, events))
    for row in rows_of(store, "viz_active_actors", window):
        draft.use(row["actor"])
    active = set(draft.used)
    holdings = rows_of(store, "viz_holdings")
    # rdflib answers a GROUP BY over nothing with one empty row; Oxigraph with none
    add_holdings(draft, [r for r in holdings if r.get("person") in active and "organization" in r])
    for row in rows_of(store, "viz_part_of"):
        if row["member"] in active:
            draft.edges.append(
                ViewEdge(
                    source=row["member"],
                    target=draft.use(row["state"], NodeKind.STATE),
                    label="part of",
                    kind=EdgeKind.PART_OF,
                    title=f"{draft.nodes.label(row['member'], opts.label_lang)} belongs to "
                    f"{draft.nodes.label(row['state'], opts.label_lang)}",
                )
            )
    return draft


def _window(opts: ViewOptions) -> dict[str, Term]:
    """The ``since``/``until`` query parameters of the options' window (those given)."""
    window = {"since": day_literal(opts.since), "until": day_literal(opts.until)}
    return {name: value for name, value in window.items() if value is not None}


def _dated(window: dict[str, Term]) -> dict[str, Term]:
    """The window for ``viz_stances``/``viz_events``: given when it has a lower bound, whose
    plans find its rows from their dates (10k articles: one month 6.6 s -> 0.65 s and 9.4 s
    -> 0.6 s). An upper bound alone usually keeps most of the store, whose rows the whole-store
    text reads faster (until 2023, 75 % of it: 8.7 s vs 6.6 s, 11.7 s vs 9.4 s); then the
    rows of every date come and ``within`` keeps the window's, as it does in any case."""
    return window if "since" in window else {}


def _ego_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    center = str(resolve(store, "actor", opts.actor or ""))
    draft = _actors_draft(store, opts)
    whole = draft.view("Actors, issues and events")
    if center not in {node.id for node in whole.nodes}:
        # every node is in the actors view's descriptions (load_nodes), so the centre is
        # described from them rather than by reading every node again (~3 s at 10k articles)
        whole = replace(whole, nodes=(*whole.nodes, draft.nodes.node(center, opts.label_lang)))
    view = ego_view(whole, center, hops=opts.hops)
    label = next(n.label for n in view.nodes if n.id == center)
    return replace(view, heading=f"{label}: {opts.hops}-hop neighbourhood"), (center,)


def _issue_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    issue = resolve(store, "issue", opts.issue or "")
    draft = Draft(nodes=load_nodes(store, issue=issue), opts=opts)
    draft.use(str(issue), NodeKind.ISSUE)
    # exactly the rows of viz_stances on the issue, in the engine's order (15k rows: sorting
    # them here takes ~0.1 s, where an ORDER BY costs Oxigraph ~0.7 s)
    add_stances(draft, _in_stance_order(rows_of(store, "viz_issue_stances", {"issue": issue})))
    label = draft.nodes.label(str(issue), opts.label_lang)
    return draft.view(f"Stances on {label}"), (str(issue),)


def _in_stance_order(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sort stance rows by stance and statement, ties by the other cells: a stance's quotes, and
    the cue or speaker of its first row, are then the same on every engine (``add_stances``
    shows the first row's when a stance has several)."""
    rows.sort(key=lambda row: (row["stance"], row.get("statement", ""), sorted(row.items())))
    return rows


def _in_event_order(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """Sort event rows by event, then by every column: an event's first time stamp and last
    label (``collect_events``) and the order nodes are drawn in are then the same whichever
    text (the window's plan or the whole-store query) or engine returned them."""
    columns = load_query("viz_events").columns
    rows.sort(key=lambda row: tuple(row.get(column, "") for column in columns))
    return rows


def _article_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    article = resolve(store, "article", opts.article or "")
    key = str(article)
    found = rows_of(store, "viz_articles", {"article": article})
    if not found:
        raise QueryError(
            f"no article {opts.article!r} in the store (give its id or IRI; "
            "`kg query` lists articles)",
            query="viz_articles",
        )
    draft = Draft(nodes=load_nodes(store, article), opts=opts)
    draft.use(key, NodeKind.ARTICLE)
    for row in found:
        if row.get("headline"):
            draft.nodes.labels[key].append((row["headline"], row.get("headline@lang", "")))
        if row.get("published"):
            draft.nodes.titles[key].append(row["published"][:10])
    mentions = rows_of(store, "viz_article_mentions", {"article": article})
    for row in mentions:
        if "actor" not in row:  # rdflib's one empty row for a GROUP BY over nothing
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
    # the article-scoped queries give exactly the rows of viz_stances reported in the article
    # and the events of viz_events with a row from it
    stances = rows_of(store, "viz_article_stances", {"article": article})
    add_stances(draft, _in_stance_order(stances))
    events = rows_of(store, "viz_article_events", {"article": article})
    add_events(draft, collect_events(draft, events))
    return draft.view(draft.nodes.label(key, opts.label_lang)), (key,)


def _timeline_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    draft = Draft(nodes=load_nodes(store), opts=opts)
    rows = _in_event_order(rows_of(store, "viz_events", _dated(_window(opts))))
    events = collect_events(draft, rows)
    dated = sorted((facts.time or "", event) for event, facts in events.items() if facts.time)
    add_events(draft, {event: events[event] for _, event in dated})
    for (_, first), (_, second) in pairwise(dated):
        draft.edges.append(ViewEdge(source=first, target=second, label="", kind=EdgeKind.NEXT))
    view = draft.view("Timeline of events")
    undated = len(events) - len(dated)
    note = f"{undated} undated event(s) not shown." if undated else ""
    laid = _timeline_layout(view, [event for _, event in dated])
    return replace(laid, note=note, physics=False), ()  # physics would undo the time order


def _timeline_layout(view: ViewGraph, order: Sequence[str]) -> ViewGraph:
    """Events left to right in time order; each participant under the mean of its events."""
    step, lane = 220.0, 260.0
    x_of = {event: i * step for i, event in enumerate(order)}
    linked: dict[str, list[float]] = defaultdict(list)
    for edge in view.edges:
        if edge.target in x_of and edge.source not in x_of:
            linked[edge.source].append(x_of[edge.target])
    placed: dict[str, tuple[float, float]] = {
        e: (x, 70.0 * (i % 2)) for i, (e, x) in enumerate(x_of.items())
    }
    others = sorted(linked, key=lambda n: (sum(linked[n]) / len(linked[n]), n))
    for i, node in enumerate(others):
        x = sum(linked[node]) / len(linked[node])
        placed[node] = (x + 40.0 * (i % 3), lane + 80.0 * (i % 4))
    nodes = tuple(
        replace(n, x=placed[n.id][0], y=placed[n.id][1]) if n.id in placed else n
        for n in view.nodes
    )
    return replace(view, nodes=nodes)


def _comments_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    bindings = {"article": resolve(store, "article", opts.article)} if opts.article else {}
    draft = Draft(nodes=load_nodes(store, bindings.get("article")), opts=opts)
    comments: dict[str, dict[str, str]] = {}
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in rows_of(store, "viz_comments", bindings):
        # comments often carry only a relative age: then the article's date stands in
        if not within(row.get("created") or row.get("published"), opts):
            continue
        comments.setdefault(row["comment"], row)
        if row.get("mentioned"):
            mentioned[row["comment"]].add(row["mentioned"])
    replies: dict[tuple[str, str], list[str]] = defaultdict(list)
    mentions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for comment, row in sorted(comments.items()):
        author = row["author"]
        text = clip(row.get("text", ""))
        commenter(draft, author, row, text)
        if row.get("parentAuthor"):
            commenter(draft, row["parentAuthor"], None, None)
            replies[(author, row["parentAuthor"])].append(text)
        for actor in sorted(mentioned[comment]):
            mentions[(author, actor)].append(text)
    for kind, label, pairs in (
        (EdgeKind.REPLIES, "replies to", replies),
        (EdgeKind.MENTIONS, "mentions", mentions),
    ):
        for (source, target), texts in sorted(pairs.items()):
            draft.edges.append(
                ViewEdge(
                    source=source,
                    target=draft.use(target),
                    label=label,
                    kind=kind,
                    title="\n".join([f"{label} ({len(texts)}×)", *(f"“{t}”" for t in texts[:6])]),
                    weight=len(texts),
                )
            )
    return draft.view("Reader comments: who replies to whom, and whom they mention"), ()


_BUILDERS = {
    "actors": _actors_view,
    "ego": _ego_view,
    "issue": _issue_view,
    "article": _article_view,
    "timeline": _timeline_view,
    "comments": _comments_view,
}
