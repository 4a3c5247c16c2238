"""Interactive network views of the knowledge graph (pyvis + networkx), as self-contained HTML.

::

    view = to_view_graph(store, ViewOptions(view="ego", actor="Q57792", hops=2))
    write_html(view, "rutte.html")      # or render_html(view) -> str; in Jupyter: display(view)
"""

from __future__ import annotations

from kg.viz.html import notebook_html, render_html, write_html
from kg.viz.rdf import VIEWS, ViewOptions, to_view_graph
from kg.viz.view import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode

__all__ = [
    "VIEWS",
    "EdgeKind",
    "NodeKind",
    "ViewEdge",
    "ViewGraph",
    "ViewNode",
    "ViewOptions",
    "notebook_html",
    "render_html",
    "to_view_graph",
    "write_html",
]
