"""Draw a ``ViewGraph`` as one self-contained HTML page (pyvis + inlined vis-network).

``render_html`` is pure and returns the page; ``write_html`` is the only function that writes,
and only to the path it is given (pyvis' ``local`` mode, which copies a ``lib/`` folder into the
current directory, is never used). Every text from the graph is escaped here and nowhere else.
"""

from __future__ import annotations

import html
import json
import logging
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kg.errors import ConfigError, InputError
from kg.viz.view import (
    EDGE_COLORS,
    NODE_COLORS,
    NODE_SHAPES,
    STANCE_COLORS,
    EdgeKind,
    NodeKind,
    ViewEdge,
    ViewGraph,
    ViewNode,
)

if TYPE_CHECKING:
    from pyvis.network import Network

logger = logging.getLogger(__name__)

_TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"
_TEMPLATE_NAME = "network.html"

#: Above this many edges, edge labels are left to the tooltips: drawing 10,000 labels per frame
#: makes panning stutter (performance.md §3.2: one redraw of 5 k nodes costs 41 ms without them).
EDGE_LABEL_MAX_EDGES = 1500

#: Above this many nodes, edges are hidden while dragging (keeps pan/zoom fluid on big views).
HIDE_EDGES_ON_DRAG_MIN_NODES = 1000

#: Physics iterations before the layout is frozen. forceAtlas2Based settles views of up to
#: ~150 nodes in about 200 iterations (checked by eye on synthetic and seed views); a view that
#: starts from kg's precomputed layout only needs polishing.
STABILIZATION_ITERATIONS = 250
SEEDED_STABILIZATION_ITERATIONS = 100

_KIND_LABELS: dict[NodeKind, str] = {
    NodeKind.STATE: "State",
    NodeKind.ORGANIZATION: "Organisation",
    NodeKind.BODY: "Government body",
    NodeKind.PERSON: "Person",
    NodeKind.GROUP: "Group",
    NodeKind.PLACE: "Place",
    NodeKind.ISSUE: "Issue",
    NodeKind.EVENT: "Event",
    NodeKind.ARTICLE: "Article",
    NodeKind.COMMENT_AUTHOR: "Comment author",
    NodeKind.MORE: "More (aggregated)",
}


def tooltip_html(text: str) -> str:
    """Return the HTML of a tooltip: ``text`` escaped, first line bold, lines broken.

    >>> tooltip_html('Rutte\\n"<b>hi</b>"')
    '<b>Rutte</b><br>&quot;&lt;b&gt;hi&lt;/b&gt;&quot;'
    >>> tooltip_html("")
    ''
    """
    if not text:
        return ""
    first, *rest = [html.escape(line, quote=True) for line in text.split("\n")]
    return "<br>".join([f"<b>{first}</b>", *rest])


def _node_dict(node: ViewNode) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": node.id,
        "label": node.label,
        "group": node.kind.value,
        "size": round(node.size, 2),
        "kind": node.kind.value,
    }
    if node.title:
        data["title"] = tooltip_html(node.title)
    if node.x is not None and node.y is not None:
        data["x"] = round(node.x, 1)
        data["y"] = round(node.y, 1)
    if node.qid:
        data["qid"] = node.qid
    return data


def _edge_dict(index: int, edge: ViewEdge, *, with_label: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": f"e{index}",
        "from": edge.source,
        "to": edge.target,
        "color": {"color": edge.display_color, "highlight": edge.display_color},
        "width": min(1.0 + edge.weight, 8.0),
        "kind": edge.kind.value,
    }
    if with_label and edge.label:
        data["label"] = edge.label
    if edge.title:
        data["title"] = tooltip_html(edge.title)
    if edge.position:
        data["position"] = edge.position
    return data


def _curve_parallel_edges(edges: list[dict[str, Any]]) -> None:
    """Bend the 2nd, 3rd … edge between the same two nodes so that none hides another."""
    seen: Counter[frozenset[str]] = Counter()
    for edge in edges:
        pair = frozenset((edge["from"], edge["to"]))
        if seen[pair]:
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.25 * seen[pair]}
        seen[pair] += 1


def _options(view: ViewGraph) -> dict[str, Any]:
    big = len(view.nodes) >= HIDE_EDGES_ON_DRAG_MIN_NODES
    seeded = bool(view.nodes) and all(n.x is not None for n in view.nodes)
    groups = {
        kind.value: {
            "color": {"background": NODE_COLORS[kind], "border": "#333333"},
            "shape": NODE_SHAPES[kind],
        }
        for kind in NodeKind
    }
    return {
        "autoResize": True,
        "groups": groups,
        "nodes": {"font": {"size": 14, "face": "sans-serif"}, "borderWidth": 1},
        "edges": {
            # arrowheads double the cost of a full redraw of 10 k edges (measured: ~300 ms ->
            # ~130 ms); on big views the direction is in every edge tooltip instead
            "arrows": {"to": {"enabled": not big, "scaleFactor": 0.5}},
            "smooth": {"enabled": True, "type": "continuous"} if view.physics else False,
            "font": {"size": 10, "align": "middle", "strokeWidth": 3},
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
        },
        "layout": {"improvedLayout": view.physics and not seeded and len(view.nodes) <= 100},
        "physics": {
            "enabled": view.physics,
            "solver": "forceAtlas2Based",
            # spacing chosen by eye on the seed and fixture views: labels rarely overlap
            "forceAtlas2Based": {
                "gravitationalConstant": -90,
                "springLength": 150,
                "avoidOverlap": 0.6,
            },
            "stabilization": {
                "enabled": True,
                "iterations": SEEDED_STABILIZATION_ITERATIONS
                if seeded
                else STABILIZATION_ITERATIONS,
                "updateInterval": 50,
                "fit": True,
            },
        },
    }


def _kg_config(view: ViewGraph) -> dict[str, Any]:
    counts = Counter(node.kind for node in view.nodes)
    kinds = [
        {"kind": k.value, "label": _KIND_LABELS[k], "color": NODE_COLORS[k], "count": counts[k]}
        for k in NodeKind
        if counts[k]
    ]
    edge_kinds = {edge.kind for edge in view.edges}
    positions = {edge.position for edge in view.edges if edge.position}
    legend = [
        {"label": f"stance: {p}", "color": c} for p, c in STANCE_COLORS.items() if p in positions
    ]
    legend += [
        {"label": k.value.replace("_", " "), "color": EDGE_COLORS[k]}
        for k in EdgeKind
        if k in edge_kinds and k is not EdgeKind.STANCE
    ]
    return {"kinds": kinds, "edgeLegend": legend}


def _check(view: ViewGraph) -> None:
    ids = [node.id for node in view.nodes]
    known = set(ids)
    if len(known) != len(ids):
        dupes = sorted(i for i, n in Counter(ids).items() if n > 1)[:5]
        raise ConfigError(f"view has duplicate node ids {dupes!r}; ids must be unique")
    for edge in view.edges:
        if edge.source not in known or edge.target not in known:
            raise ConfigError(
                f"edge {edge.source!r} -> {edge.target!r} names a node that is not in the view"
            )


def _network(view: ViewGraph, height: str) -> Network:
    from jinja2 import Environment, FileSystemLoader
    from pyvis.network import Network

    net = Network(height=height, width="100%", directed=True, cdn_resources="in_line")
    pyvis_templates = Path(net.template_dir)
    # our template first; pyvis' template dir supplies lib/vis-9.1.2/* for inlining
    net.templateEnv = Environment(
        loader=FileSystemLoader([str(_TEMPLATE_DIR), str(pyvis_templates)]), autoescape=True
    )
    net.path = _TEMPLATE_NAME
    net.templateEnv.globals["kg_note"] = view.note
    net.templateEnv.globals["kg_config"] = _kg_config(view)
    net.heading = view.heading
    with_labels = len(view.edges) <= EDGE_LABEL_MAX_EDGES
    # Filling nodes/edges directly: add_node/add_edge are quadratic (performance.md §3.1).
    net.nodes = [_node_dict(node) for node in view.nodes]
    net.edges = [_edge_dict(i, edge, with_label=with_labels) for i, edge in enumerate(view.edges)]
    if view.physics:
        _curve_parallel_edges(net.edges)
    net.node_ids = [node.id for node in view.nodes]
    net.options = _options(view)
    return net


def render_html(view: ViewGraph, *, height: str = "750px") -> str:
    """Return a self-contained HTML page that draws ``view``.

    The page inlines vis-network (no CDN, no ``lib/`` folder), forbids every network fetch with
    a Content-Security-Policy, escapes every text of the view, and exposes ``window.kgViz``
    (``ready``, ``nodeCount``, ``edgeCount``, ``network``) for tests and embedding scripts.

    Args:
        view: what to draw.
        height: CSS height of the drawing area.

    Returns:
        The page as a string.

    Raises:
        ConfigError: the view is inconsistent (duplicate node ids, dangling edges).
    """
    _check(view)
    page: str = _network(view, height).generate_html(name="kg.html")
    logger.debug(
        "rendered %d nodes, %d edges (%d chars)", len(view.nodes), len(view.edges), len(page)
    )
    return page


def write_html(view: ViewGraph, path: str | Path, *, height: str = "750px") -> Path:
    """Render ``view`` and write it to ``path`` (nothing else is written).

    Args:
        view: what to draw.
        path: the output file; its directory must exist.
        height: CSS height of the drawing area.

    Returns:
        The path written.

    Raises:
        InputError: the file cannot be written.
    """
    target = Path(path)
    page = render_html(view, height=height)
    try:
        target.write_text(page, encoding="utf-8")
    except OSError as exc:
        raise InputError(str(target), f"cannot write the HTML page: {exc.strerror}") from exc
    return target


def notebook_html(view: ViewGraph, *, height: str = "750px") -> str:
    """Return an ``<iframe srcdoc>`` holding the page, for Jupyter (``_repr_html_``).

    The iframe is sandboxed (scripts only, no same-origin access to the notebook), so the page's
    script cannot touch the notebook, and nothing is written to disk.
    """
    page = render_html(view, height=height)
    frame_height = _frame_height(height)
    return (
        f'<iframe class="kg-viz" sandbox="allow-scripts" style="width:100%;'
        f'height:{frame_height};border:1px solid #ddd" srcdoc="{html.escape(page, quote=True)}">'
        "</iframe>"
    )


def _frame_height(height: str) -> str:
    """Height of the notebook iframe: the drawing plus ~140 px of header and legend."""
    if height.endswith("px") and height[:-2].isdigit():
        return f"{int(height[:-2]) + 140}px"
    return json.dumps(height)[1:-1]
