"""Turn the rows of ``queries/viz_*.rq`` into view nodes and edges (helpers of ``kg.viz.rdf``).

Every fact becomes plain text here (labels, tooltips with quotes, speakers, articles, dates);
nothing is escaped: ``kg.viz.html`` escapes when it renders.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date

from kg.rdf import iris
from kg.store.base import Store, Term
from kg.store.queries import NamedQuery, QueryParam, bind_params, load_query
from kg.viz.view import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode, ViewOptions

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


@dataclass(slots=True)
class Nodes:
    """Node descriptions from ``viz_nodes.rq`` plus everything the edges add."""

    kinds: dict[str, NodeKind] = field(default_factory=dict)
    labels: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    qids: dict[str, str] = field(default_factory=dict)
    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    #: label() by (node, lang), with how many candidates it chose from (labels only grow);
    #: the actors view asks ~300k times for the labels of ~100k nodes
    chosen: dict[tuple[str, str | None], tuple[int, str]] = field(default_factory=dict)

    def label(self, node: str, lang: str | None) -> str:
        """The best label: ``lang``, then English, German, untagged; names before keys."""
        candidates = self.labels.get(node) or []
        known = self.chosen.get((node, lang))
        if known is not None and known[0] == len(candidates):
            return known[1]
        if not candidates:
            return node.rstrip("/").rsplit("/", 1)[-1].replace("-", " ")
        order = [lang, "en", "de", ""]

        def rank(candidate: tuple[str, str]) -> tuple[bool, int, int, str]:
            text, language = candidate
            is_key = " " not in text and text.count(":") >= 2  # an issue key, not a name
            at = order.index(language) if language in order else len(order)
            return (is_key, at, len(text), text)

        best = min(candidates, key=rank)[0]
        self.chosen[(node, lang)] = (len(candidates), best)
        return best

    def node(self, node: str, lang: str | None, default: NodeKind = NodeKind.PERSON) -> ViewNode:
        """The ``ViewNode`` of ``node`` (``default`` kind when no class is known)."""
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


# -- running queries ---------------------------------------------------------------------------


def rows_of(
    store: Store, name: str, bindings: Mapping[str, Term] | None = None
) -> list[dict[str, str]]:
    """Run ``queries/<name>.rq``; return rows as dicts of strings (unbound cells left out)."""
    query = load_query(name)
    result = store.query(query.text_for(bindings or {}), bindings or {})
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


def resolve(store: Store, kind: str, value: str) -> Term:
    """Resolve an actor/issue/article given as QID, key, IRI or name (kg.store's rules)."""
    probe = NamedQuery(
        name=f"viz --{kind}",
        description="",
        params=(QueryParam(name=kind, type=kind, required=True),),
        columns=(),
        text="",
    )
    return bind_params(store, probe, {kind: value})[kind]


def load_nodes(store: Store, article: Term | None = None, *, issue: Term | None = None) -> Nodes:
    """Every actor, issue and event with its kind (most specific class), labels and QID.

    Args:
        store: the store (or rdflib source) to read.
        article: only the nodes that this article's views can show (``viz_article_nodes``:
            ~0.1 s on a 10k-article store where ``viz_nodes`` takes ~6 s), each described from
            every graph as ``viz_nodes`` describes it, so they get the same labels and kinds.
        issue: only the nodes that this issue's view can show (``viz_issue_nodes``: the issue,
            the holders, speakers and quote creators of its stances; 6 ms to 1.2 s on a
            10k-article store, by the issue's number of stances), described as ``article``'s.

    Raises:
        ValueError: both ``article`` and ``issue`` are given.
    """
    if article is not None and issue is not None:
        raise ValueError("load_nodes takes an article or an issue, not both")
    if article is not None:
        rows = rows_of(store, "viz_article_nodes", {"article": article})
    elif issue is not None:
        rows = rows_of(store, "viz_issue_nodes", {"issue": issue})
    else:
        rows = rows_of(store, "viz_nodes")
    nodes = Nodes()
    for row in rows:  # each row carries one of type, label, qid
        node, kind = row["node"], _KIND_BY_TYPE.get(row.get("type", ""))
        if kind is not None and (
            node not in nodes.kinds or _PRIORITY[kind] < _PRIORITY[nodes.kinds[node]]
        ):
            nodes.kinds[node] = kind
        if "label" in row:
            pair = (row["label"], row.get("label@lang", ""))
            if pair not in nodes.labels[node]:
                nodes.labels[node].append(pair)
        if "qid" in row:  # the smallest of several, whatever order the rows come in
            qid = row["qid"].rsplit("/", 1)[-1]
            nodes.qids[node] = min(qid, nodes.qids.get(node, qid))
    return nodes


def within(value: str | None, opts: ViewOptions) -> bool:
    """True if an ISO date/time ``value`` (any precision) overlaps [since, until].

    >>> within("2024-12", ViewOptions(since=date(2024, 12, 3)))
    True
    >>> within("1994", ViewOptions(since=date(2024, 1, 1)))
    False
    >>> within(None, ViewOptions())
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


def day_literal(value: date | None) -> Term | None:
    """An ``xsd:date`` literal for a query parameter (None stays None)."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    return None if value is None else Literal(value.isoformat(), datatype=XSD.date)


def _local(iri: str | None) -> str:
    return (iri or "").rstrip("/").rsplit("/", 1)[-1].replace("-", " ")


def clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_QUOTE_CHARS else text[: MAX_QUOTE_CHARS - 1] + "…"


# -- edges from facts --------------------------------------------------------------------------


@dataclass(slots=True)
class Draft:
    """A view under construction: nodes by id, edges in order."""

    nodes: Nodes
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


def add_stances(draft: Draft, rows: Iterable[dict[str, str]]) -> None:
    """Stance edges holder -> issue (one per holder, issue and position) and speaks-for edges."""
    stances: dict[str, dict[str, str]] = {}
    evidence: dict[str, list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        if not within(row.get("validAt") or row.get("published"), draft.opts):
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
            cues = sorted({stances[m]["cue"] for m in members if stances[m].get("cue")})
            lines += [f"cue: “{clip(cue)}”" for cue in cues[:MAX_QUOTES_PER_TOOLTIP]]
            lines.append(f"{len(members)} stance(s) without a quoted statement")
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


def _quote_line(nodes: Nodes, row: dict[str, str], lang: str | None) -> str:
    who = row.get("creator") or row.get("speaker")  # the statement's speaker first
    speaker = nodes.label(who, lang) if who else "unattributed"
    source = row.get("headline") or _local(row.get("article"))
    day = (row.get("validAt") or row.get("published") or "")[:10]
    return f"“{clip(row['text'])}” — {speaker}; {source}" + (f" ({day})" if day else "")


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


def add_holdings(draft: Draft, rows: Iterable[dict[str, str]]) -> None:
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
class EventFacts:
    label: str = ""
    time: str | None = None
    claimed: bool = False
    roles: set[tuple[str, str]] = field(default_factory=set)


def collect_events(draft: Draft, rows: Iterable[dict[str, str]]) -> dict[str, EventFacts]:
    events: dict[str, EventFacts] = {}
    for row in rows:
        facts = events.setdefault(row["event"], EventFacts())
        facts.time = facts.time or row.get("time") or row.get("begin") or row.get("end")
        label = row.get("label") or " ".join(
            part for part in (_local(row.get("eventType")), row.get("trigger")) if part
        )
        if label and (not facts.label or row.get("label")):
            facts.label = label
        facts.claimed |= "-claim-" in row.get("graph", "")
        if row.get("actor"):
            facts.roles.add((row["actor"], _local(row.get("role")) or "participant"))
        if row.get("place"):
            facts.roles.add((row["place"], "place"))
    return {event: facts for event, facts in events.items() if within(facts.time, draft.opts)}


def add_events(draft: Draft, events: Mapping[str, EventFacts]) -> None:
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


def commenter(draft: Draft, author: str, row: dict[str, str] | None, text: str | None) -> None:
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
