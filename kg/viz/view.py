"""What a network view shows, as plain data: ``ViewGraph`` with typed nodes and edges.

``to_view_graph`` (``kg.viz.rdf``) builds these records from the store; ``render_html``
(``kg.viz.html``) draws them. Texts here are plain (unescaped) strings: escaping happens in one
place, the renderer, so that an article containing ``<script>`` is shown as text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Literal, get_args


class NodeKind(StrEnum):
    """The type of a node; decides its colour, shape and legend entry."""

    STATE = "state"
    ORGANIZATION = "organization"  # international organisation, alliance
    BODY = "body"  # government body, ministry, military
    PERSON = "person"
    GROUP = "group"  # party, armed group, company, media outlet
    PLACE = "place"
    ISSUE = "issue"
    EVENT = "event"
    ARTICLE = "article"
    COMMENT_AUTHOR = "comment_author"
    MORE = "more"  # an aggregate standing for the nodes beyond the cap


class EdgeKind(StrEnum):
    """The type of an edge."""

    STANCE = "stance"  # holder -> issue, coloured by position
    SPEAKS_FOR = "speaks_for"  # speaker -> the actor whose stance the speaker expressed
    HOLDS_POST = "holds_post"  # person -> organisation/state of the post
    PART_OF = "part_of"  # body/military/party -> its state; person -> state of nationality
    PARTICIPATES = "participates"  # actor -> event, labelled with the role
    REPORTS = "reports"  # article -> actor/event/issue it reports on
    NEXT = "next"  # event -> the following event on a timeline
    REPLIES = "replies"  # commenter -> commenter replied to
    MENTIONS = "mentions"  # commenter -> actor named in a comment
    AGGREGATE = "aggregate"  # an edge to or from a "+N more" node


#: Okabe-Ito colours (safe for the common colour-vision deficiencies), one per node kind.
NODE_COLORS: dict[NodeKind, str] = {
    NodeKind.STATE: "#0072B2",
    NodeKind.ORGANIZATION: "#56B4E9",
    NodeKind.BODY: "#009E73",
    NodeKind.PERSON: "#E69F00",
    NodeKind.GROUP: "#CC79A7",
    NodeKind.PLACE: "#999999",
    NodeKind.ISSUE: "#D55E00",
    NodeKind.EVENT: "#F0E442",
    NodeKind.ARTICLE: "#6A5ACD",
    NodeKind.COMMENT_AUTHOR: "#8C8C8C",
    NodeKind.MORE: "#DDDDDD",
}

#: vis-network shapes, so that kinds differ by more than colour.
NODE_SHAPES: dict[NodeKind, str] = {
    NodeKind.STATE: "dot",
    NodeKind.ORGANIZATION: "hexagon",
    NodeKind.BODY: "square",
    NodeKind.PERSON: "dot",
    NodeKind.GROUP: "triangle",
    NodeKind.PLACE: "triangleDown",
    NodeKind.ISSUE: "diamond",
    NodeKind.EVENT: "star",
    NodeKind.ARTICLE: "box",
    NodeKind.COMMENT_AUTHOR: "ellipse",
    NodeKind.MORE: "database",
}

#: Stance colours as DESIGN.md §5 asks: green supports, red opposes; blue-ish for demands
#: (a stronger "supports"), amber for hesitant.
STANCE_COLORS: dict[str, str] = {
    "supports": "#2CA02C",
    "demands": "#1F77B4",
    "hesitant": "#FFB000",
    "opposes": "#D62728",
}

#: Colour of edges that carry no stance.
EDGE_COLORS: dict[EdgeKind, str] = {
    EdgeKind.STANCE: "#7F7F7F",  # overridden by STANCE_COLORS when the position is known
    EdgeKind.SPEAKS_FOR: "#9467BD",
    EdgeKind.HOLDS_POST: "#8C564B",
    EdgeKind.PART_OF: "#B0B0B0",
    EdgeKind.PARTICIPATES: "#BCBD22",
    EdgeKind.REPORTS: "#C7C7C7",
    EdgeKind.NEXT: "#555555",
    EdgeKind.REPLIES: "#17BECF",
    EdgeKind.MENTIONS: "#E377C2",
    EdgeKind.AGGREGATE: "#CCCCCC",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewNode:
    """A node of a view.

    Attributes:
        id: unique within the view (an IRI, or a synthetic id for aggregates).
        label: short plain-text label drawn next to the node.
        kind: the node type.
        title: plain-text tooltip; lines separated by ``\\n``; escaped by the renderer.
        size: drawing size (vis-network ``size``), usually from a centrality.
        x: precomputed layout position, or None to let the browser place the node.
        y: see ``x``.
        qid: Wikidata QID when the node is linked, else None.
    """

    id: str
    label: str
    kind: NodeKind
    title: str = ""
    size: float = 12.0
    x: float | None = None
    y: float | None = None
    qid: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewEdge:
    """A directed edge of a view.

    Attributes:
        source: ``ViewNode.id`` of the start.
        target: ``ViewNode.id`` of the end.
        label: short plain-text label drawn on the edge ("supports", "guarantor").
        kind: the edge type.
        title: plain-text tooltip (the quotes behind a stance, with speaker, article, date).
        position: stance position for ``EdgeKind.STANCE`` edges, else None.
        weight: how many facts the edge stands for (drawn as its width).
        color: explicit colour; None means the colour of its kind or position.
    """

    source: str
    target: str
    label: str
    kind: EdgeKind
    title: str = ""
    position: str | None = None
    weight: int = 1
    color: str | None = None

    @property
    def display_color(self) -> str:
        """The colour the edge is drawn in."""
        if self.color:
            return self.color
        if self.position in STANCE_COLORS:
            return STANCE_COLORS[self.position]
        return EDGE_COLORS[self.kind]


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewGraph:
    """A whole view: nodes, edges and what the page says about them.

    Attributes:
        nodes: the nodes, ids unique.
        edges: the edges; every end is the id of a node in ``nodes``.
        heading: plain-text heading of the page.
        note: plain-text note shown above the network ("+1,234 more nodes not shown").
        hidden_nodes: how many nodes of the underlying graph the cap left out.
        physics: run vis-network's physics in the browser (small graphs without layout).
    """

    nodes: tuple[ViewNode, ...]
    edges: tuple[ViewEdge, ...]
    heading: str = ""
    note: str = ""
    hidden_nodes: int = 0
    physics: bool = True

    def _repr_html_(self) -> str:
        """Show the view in a Jupyter notebook (an ``<iframe srcdoc>`` holding the page)."""
        from kg.viz.html import notebook_html

        return notebook_html(self)


ViewName = Literal["actors", "ego", "issue", "article", "timeline", "comments"]
VIEWS: tuple[str, ...] = get_args(ViewName)

#: Default cap on the nodes of a view (performance.md §5: ≤ 5,000 nodes stay interactive with a
#: precomputed layout; 500 keeps labels readable).
DEFAULT_MAX_NODES = 500


@dataclass(frozen=True, slots=True, kw_only=True)
class ViewOptions:
    """What to show.

    Attributes:
        view: which view (see ``kg.viz.rdf``).
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
