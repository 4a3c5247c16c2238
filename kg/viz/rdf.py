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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Literal, cast, get_args

from kg.errors import ConfigError, QueryError
from kg.rdf import iris
from kg.store.base import QueryRows, Store, Term
from kg.store.queries import NamedQuery, QueryParam, bind_params, load_query
from kg.viz.shape import ego_view, finish_view
from kg.viz.view import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode

if TYPE_CHECKING:
    from rdflib import Dataset, Graph

logger = logging.getLogger(__name__)

ViewName = Literal["actors", "ego", "issue", "article", "timeline", "comments"]
VIEWS: tuple[str, ...] = get_args(ViewName)

#: Default cap on the nodes of a view (performance.md §5: ≤ 5,000 nodes stay interactive with a
#: precomputed layout; 500 keeps labels readable).
DEFAULT_MAX_NODES = 500

#: Quotes listed in one edge tooltip before "… and N more".
MAX_QUOTES_PER_TOOLTIP = 6

#: Characters of a quote or comment shown in a tooltip.
MAX_QUOTE_CHARS = 280

_GK = iris.ONTOLOGY_NS
_SDO = "http://schema.org/"
_KIND_BY_TYPE: dict[str, NodeKind] = {  # priority order: the first matching type wins
    _GK + "Issue": NodeKind.ISSUE,
    _GK + "Event": NodeKind.EVENT,
    _SDO + "NewsArticle": NodeKind.ARTICLE,
    _GK + "State": NodeKind.STATE,
    _GK + "InternationalOrganization": NodeKind.ORGANIZATION,
    _GK + "GovernmentBody": NodeKind.BODY,
    _GK + "MilitaryOrganization": NodeKind.BODY,
    _GK + "PoliticalParty": NodeKind.GROUP,
    _GK + "NonStateGroup": NodeKind.GROUP,
    _SDO + "Person": NodeKind.PERSON,
    _SDO + "Place": NodeKind.PLACE,
}
_PRIORITY = {kind: i for i, kind in enumerate(_KIND_BY_TYPE.values())}


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewOptions:
    """What to show.

    Attributes:
        view: which view (see the module docstring).
        actor: the ego view's centre: a QID ("Q57792"), actor key, IRI or name.
        hops: the ego view's radius in edges.
        issue: the issue view's issue: key ``relation:subject:object``, IRI or label.
        article: the article view's article (id or IRI); also narrows the comment view.
        since: keep facts dated on or after this day.
        until: keep facts dated on or before this day.
        max_nodes: the cap; the rest is folded into "+N more" nodes.
        label_lang: preferred label language ("de", "en"); None takes English, then German.
    """

    view: ViewName = "actors"
    actor: str | None = None
    hops: int = 1
    issue: str | None = None
    article: str | None = None
    since: date | None = None
    until: date | None = None
    max_nodes: int = DEFAULT_MAX_NODES
    label_lang: str | None = None


@dataclass(slots=True)
class _Nodes:
    """Node descriptions from ``viz_nodes.rq`` plus everything the edges add."""

    kinds: dict[str, NodeKind] = field(default_factory=dict)
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    qids: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def label(self, node: str, lang: str | None) -> str:
        candidates = self.labels.get(node) or []
        if not candidates:
            return node.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
        order = [lang, "en", "de", ""]

        def rank(candidate: tuple[str, str]) -> tuple[bool, int, int, str]:
            text, language = candidate
            is_key = " " not in text and text.count(":") >= 2  # an issue key, not a name
            at = order.index(language) if language in order else len(order)
            return (is_key, at, len(text), text)

        return min(candidates, key=rank)[0]

    def node(self, node: str, lang: str | None, default: NodeKind = NodeKind.PERSON) -> ViewNode:
        label = self.label(node, lang)
        qid = self.qids.get(node)
        lines = [label, *([f"Wikidata {qid}"] if qid else []), *self.titles.get(node, [])]
        return ViewNode(
            id=node,
            label=label,
            kind=self.kinds.get(node, default),
            title="\n".join(lines),
            qid=qid,
        )


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


# -- running queries ---------------------------------------------------------------------------


def _rows(
    store: Store, name: str, bindings: Mapping[str, Term] | None = None
) -> list[dict[str, str]]:
    """Run ``queries/<name>.rq``; return rows as dicts of strings (unbound cells left out)."""
    query = load_query(name)
    result = store.query(query.text, bindings or {})
    rows = []
    for row in result.rows:
        values: dict[str, str] = {}
        for var, cell in zip(result.variables, row, strict=True):
            if cell is None:
                continue
            values[var] = str(cell)
            language = getattr(cell, "language", None)
            if language:
                values[f"{var}@lang"] = str(language)
        rows.append(values)
    return rows


def _resolve(store: Store, kind: str, value: str) -> Term:
    """Resolve an actor/issue/article given as QID, key, IRI or name (kg.store's rules)."""
    probe = NamedQuery(
        name=f"viz --{kind}",
        description="",
        params=(QueryParam(name=kind, type=kind, required=True),),
        columns=(),
        text="",
    )
    return bind_params(store, probe, {kind: value})[kind]


def _load_nodes(store: Store) -> _Nodes:
    nodes = _Nodes()
    for row in _rows(store, "viz_nodes"):  # each row carries one of type, label, qid
        node, kind = row["node"], _KIND_BY_TYPE.get(row.get("type", ""))
        if kind is not None and (
            node not in nodes.kinds or _PRIORITY[kind] < _PRIORITY[nodes.kinds[node]]
        ):
            nodes.kinds[node] = kind
        if "label" in row:
            pair = (row["label"], row.get("label@lang", ""))
            if pair not in nodes.labels[node]:
                nodes.labels[node].append(pair)
        if "qid" in row:
            nodes.qids[node] = row["qid"].rsplit("/", 1)[-1]
    return nodes


def _within(value: str | None, opts: ViewOptions) -> bool:
    """True if an ISO date/time ``value`` (any precision) overlaps [since, until].

    >>> _within("2024-12", ViewOptions(since=date(2024, 12, 3)))
    True
    >>> _within("1994", ViewOptions(since=date(2024, 1, 1)))
    False
    >>> _within(None, ViewOptions())
    True
    """
    if opts.since is None and opts.until is None:
        return True
    if not value:
        return False
    day = value[:10]
    if opts.since is not None and day < opts.since.isoformat()[: len(day)]:
        return False
    return opts.until is None or day[:10] <= opts.until.isoformat()


def _day(value: date | None) -> Term | None:
    """An ``xsd:date`` literal for a query parameter (None stays None)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    return None if value is None else Literal(value.isoformat(), datatype=XSD.date)


def _local(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


# -- edges from facts --------------------------------------------------------------------------


@dataclass(slots=True)
class _Draft:
    """A view under construction: nodes by id, edges in order."""

    nodes: _Nodes
    opts: ViewOptions
    used: dict[str, NodeKind | None] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)
    extra: dict[str, ViewNode] = field(default_factory=dict)

    def use(self, node: str, default: NodeKind | None = None) -> str:
        self.used.setdefault(node, default)
        return node

    def view(self, heading: str) -> ViewGraph:
        nodes = [
            self.extra[n]
            if n in self.extra
            else self.nodes.node(n, self.opts.label_lang, d or NodeKind.PERSON)
            for n, d in self.used.items()
        ]
        return ViewGraph(nodes=tuple(nodes), edges=tuple(self.edges), heading=heading)


def _add_stances(
    draft: _Draft, rows: Iterable[dict[str, str]], *, article: str | None = None
) -> None:
    """Stance edges holder -> issue (one per holder, issue and position) and speaks-for edges."""
    stances: dict[str, dict[str, str]] = {}
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if article is not None and row.get("article") != article:
            continue
        if not _within(row.get("validAt") or row.get("published"), draft.opts):
            continue
        stances.setdefault(row["stance"], row)
        if row.get("text") and row not in evidence[row["stance"]]:
            evidence[row["stance"]].append(row)
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    speakers: dict[tuple[str, str], int] = defaultdict(int)
    for stance, row in stances.items():
        grouped[(row["holder"], row["issue"], _local(row["position"]))].append(stance)
        if row.get("speaker") and row["speaker"] != row["holder"]:
            speakers[(row["speaker"], row["holder"])] += 1
    lang = draft.opts.label_lang
    for (holder, issue, position), members in sorted(grouped.items()):
        lines = [f"{draft.nodes.label(holder, lang)} {position} {draft.nodes.label(issue, lang)}"]
        quotes = [q for stance in members for q in evidence[stance]]
        lines += [_quote_line(draft.nodes, q, lang) for q in quotes[:MAX_QUOTES_PER_TOOLTIP]]
        if len(quotes) > MAX_QUOTES_PER_TOOLTIP:
            lines.append(f"… and {len(quotes) - MAX_QUOTES_PER_TOOLTIP} more statements")
        if not quotes:
            lines.append(f"{len(members)} stance(s), no quoted statement")
        draft.edges.append(
            ViewEdge(
                source=draft.use(holder),
                target=draft.use(issue, NodeKind.ISSUE),
                label=position,
                kind=EdgeKind.STANCE,
                title="\n".join(lines),
                position=position,
                weight=len(members),
            )
        )
    for (speaker, holder), count in sorted(speakers.items()):
        draft.edges.append(
            ViewEdge(
                source=draft.use(speaker, NodeKind.PERSON),
                target=draft.use(holder),
                label="speaks for",
                kind=EdgeKind.SPEAKS_FOR,
                title=f"{draft.nodes.label(speaker, lang)} expressed {count} stance(s) of "
                f"{draft.nodes.label(holder, lang)}",
                weight=count,
            )
        )


def _quote_line(nodes: _Nodes, row: dict[str, str], lang: str | None) -> str:
    speaker = nodes.label(row["speaker"], lang) if row.get("speaker") else "unattributed"
    source = row.get("headline") or _local(row.get("article"))
    day = (row.get("validAt") or row.get("published") or "")[:10]
    return f"“{_clip(row['text'])}” — {speaker}; {source}" + (f" ({day})" if day else "")


def _holding_applies(row: dict[str, str], opts: ViewOptions) -> bool:
    """Observed holdings count while [first, last observation] overlaps the window; curated
    ones while their interval does, and (without a window) only while they have not ended."""
    if row.get("firstObserved"):
        row = {"begin": row["firstObserved"], "end": row.get("lastObserved", "")}
        if opts.since is None and opts.until is None:
            return True
    end = row.get("end")
    if opts.since is None and opts.until is None:
        return end is None
    if end is not None and opts.since is not None and end[:10] < opts.since.isoformat():
        return False
    begin = row.get("begin")
    return not (begin and opts.until is not None and begin[:10] > opts.until.isoformat())


def _add_holdings(draft: _Draft, rows: Iterable[dict[str, str]]) -> None:
    seen: dict[tuple[str, str], str] = {}
    for row in rows:
        if not _holding_applies(row, draft.opts):
            continue
        label = row.get("descriptor") or row.get("roleLabel") or "holds post"
        seen.setdefault((row["person"], row["organization"]), label)
    for (person, organization), label in sorted(seen.items()):
        draft.edges.append(
            ViewEdge(
                source=draft.use(person, NodeKind.PERSON),
                target=draft.use(organization),
                label=label,
                kind=EdgeKind.HOLDS_POST,
                title=f"{draft.nodes.label(person, draft.opts.label_lang)}: {label}",
            )
        )


@dataclass(slots=True)
class _EventFacts:
    label: str = ""
    time: str | None = None
    claimed: bool = False
    articles: set[str] = field(default_factory=set)
    roles: set[tuple[str, str]] = field(default_factory=set)


def _events(
    draft: _Draft, rows: Iterable[dict[str, str]], *, article: str | None
) -> dict[str, _EventFacts]:
    events: dict[str, _EventFacts] = {}
    for row in rows:
        facts = events.setdefault(row["event"], _EventFacts())
        facts.time = facts.time or row.get("time") or row.get("begin") or row.get("end")
        label = row.get("label") or " ".join(
            part for part in (_local(row.get("eventType")), row.get("trigger")) if part
        )
        if label and (not facts.label or row.get("label")):
            facts.label = label
        facts.claimed |= "-claim-" in row.get("graph", "")
        if row.get("article"):
            facts.articles.add(row["article"])
        if row.get("actor"):
            facts.roles.add((row["actor"], _local(row.get("role")) or "participant"))
        if row.get("place"):
            facts.roles.add((row["place"], "place"))
    return {
        event: facts
        for event, facts in events.items()
        if _within(facts.time, draft.opts) and (article is None or article in facts.articles)
    }


def _add_events(draft: _Draft, events: Mapping[str, _EventFacts]) -> None:
    for event, facts in events.items():
        status = "claimed by a source, not asserted" if facts.claimed else ""
        lines = [facts.label or _local(event), *([facts.time] if facts.time else []), status]
        label = (facts.label or _local(event)) + (" (claimed)" if facts.claimed else "")
        if facts.time:
            label += f", {facts.time[:10]}"
        draft.extra[event] = ViewNode(
            id=event, label=label, kind=NodeKind.EVENT, title="\n".join(x for x in lines if x)
        )
        draft.use(event, NodeKind.EVENT)
        for actor, role in sorted(facts.roles):
            draft.edges.append(
                ViewEdge(
                    source=draft.use(actor, NodeKind.PLACE if role == "place" else None),
                    target=event,
                    label=role,
                    kind=EdgeKind.PARTICIPATES,
                    title=f"{draft.nodes.label(actor, draft.opts.label_lang)}: {role}",
                )
            )


# -- the views ---------------------------------------------------------------------------------


def _actors_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    """Actors that articles mention or that take part in stances and events, and their links.

    Curated reference facts (post holdings, which state a body belongs to) are drawn only for
    actors that the articles make active, so the gazetteer does not flood the view.
    """
    draft = _Draft(nodes=_load_nodes(store), opts=opts)
    _add_stances(draft, _rows(store, "viz_stances"))
    _add_events(draft, _events(draft, _rows(store, "viz_events"), article=None))
    window = {name: _day(value) for name, value in (("since", opts.since), ("until", opts.until))}
    for row in _rows(store, "viz_active_actors", {k: v for k, v in window.items() if v}):
        draft.use(row["actor"])
    active = set(draft.used)
    _add_holdings(draft, [r for r in _rows(store, "viz_holdings") if r["person"] in active])
    for row in _rows(store, "viz_part_of"):
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
    return draft.view("Actors, issues and events"), ()


def _ego_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    center = str(_resolve(store, "actor", opts.actor or ""))
    whole, _ = _actors_view(store, opts)
    if center not in {node.id for node in whole.nodes}:
        nodes = _load_nodes(store)
        whole = replace(whole, nodes=(*whole.nodes, nodes.node(center, opts.label_lang)))
    view = ego_view(whole, center, hops=opts.hops)
    label = next(n.label for n in view.nodes if n.id == center)
    return replace(view, heading=f"{label}: {opts.hops}-hop neighbourhood"), (center,)


def _issue_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    issue = _resolve(store, "issue", opts.issue or "")
    draft = _Draft(nodes=_load_nodes(store), opts=opts)
    draft.use(str(issue), NodeKind.ISSUE)
    _add_stances(draft, _rows(store, "viz_stances", {"issue": issue}))
    label = draft.nodes.label(str(issue), opts.label_lang)
    return draft.view(f"Stances on {label}"), (str(issue),)


def _article_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    article = _resolve(store, "article", opts.article or "")
    key = str(article)
    found = _rows(store, "viz_articles", {"article": article})
    if not found:
        raise QueryError(
            f"no article {opts.article!r} in the store (give its id or IRI; "
            "`kg query` lists articles)",
            query="viz_articles",
        )
    draft = _Draft(nodes=_load_nodes(store), opts=opts)
    draft.use(key, NodeKind.ARTICLE)
    for row in found:
        if row.get("headline"):
            draft.nodes.labels[key].append((row["headline"], row.get("headline@lang", "")))
        if row.get("published"):
            draft.nodes.titles[key].append(row["published"][:10])
    mentions = _rows(store, "viz_article_mentions", {"article": article})
    for row in mentions:
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
    _add_stances(draft, _rows(store, "viz_stances"), article=key)
    _add_events(draft, _events(draft, _rows(store, "viz_events"), article=key))
    return draft.view(draft.nodes.label(key, opts.label_lang)), (key,)


def _timeline_view(store: Store, opts: ViewOptions) -> tuple[ViewGraph, tuple[str, ...]]:
    draft = _Draft(nodes=_load_nodes(store), opts=opts)
    events = _events(draft, _rows(store, "viz_events"), article=None)
    dated = sorted((facts.time or "", event) for event, facts in events.items() if facts.time)
    _add_events(draft, {event: events[event] for _, event in dated})
    for (_, first), (_, second) in pairwise(dated):
        draft.edges.append(ViewEdge(source=first, target=second, label="", kind=EdgeKind.NEXT))
    view = draft.view("Timeline of events")
    undated = len(events) - len(dated)
    note = f"{undated} undated event(s) not shown." if undated else ""
    return replace(_timeline_layout(view, [event for _, event in dated]), note=note), ()


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
    bindings = {"article": _resolve(store, "article", opts.article)} if opts.article else {}
    draft = _Draft(nodes=_load_nodes(store), opts=opts)
    comments: dict[str, dict[str, str]] = {}
    mentioned: dict[str, set[str]] = defaultdict(set)
    for row in _rows(store, "viz_comments", bindings):
        if not _within(row.get("created"), opts):
            continue
        comments.setdefault(row["comment"], row)
        if row.get("mentioned"):
            mentioned[row["comment"]].add(row["mentioned"])
    replies: dict[tuple[str, str], list[str]] = defaultdict(list)
    mentions: dict[tuple[str, str], list[str]] = defaultdict(list)
    for comment, row in sorted(comments.items()):
        author = row["author"]
        text = _clip(row.get("text", ""))
        _commenter(draft, author, row, text)
        if row.get("parentAuthor"):
            _commenter(draft, row["parentAuthor"], None, None)
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


def _commenter(draft: _Draft, author: str, row: dict[str, str] | None, text: str | None) -> None:
    node = draft.extra.get(author)
    if node is None:
        name = (row or {}).get("pseudonym") or "commenter"
        rank = (row or {}).get("rank")
        node = ViewNode(
            id=author,
            label=name,
            kind=NodeKind.COMMENT_AUTHOR,
            title="\n".join([name, *([rank] if rank else [])]),
        )
    if row is not None and node.label == "commenter" and row.get("pseudonym"):
        node = replace(node, label=row["pseudonym"])
    if text:
        node = replace(node, title=f"{node.title}\n“{text}”")
    draft.extra[author] = node
    draft.use(author, NodeKind.COMMENT_AUTHOR)


_BUILDERS = {
    "actors": _actors_view,
    "ego": _ego_view,
    "issue": _issue_view,
    "article": _article_view,
    "timeline": _timeline_view,
    "comments": _comments_view,
}
