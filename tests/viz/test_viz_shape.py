"""Capping, centrality sizes, ego networks and the precomputed layout (kg.viz.shape)."""

from __future__ import annotations

import networkx as nx
import pytest
from viz_fixtures import synthetic

from kg.viz import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode
from kg.viz.shape import (
    MAX_SIZE,
    MIN_SIZE,
    PHYSICS_MAX_NODES,
    SEEDED_PHYSICS_MAX_NODES,
    cap_view,
    ego_view,
    finish_view,
    layout_view,
    size_by_centrality,
)
from kg.viz.shape import _degrees as degrees


def star(leaves: int) -> ViewGraph:
    nodes = (
        ViewNode(id="hub", label="hub", kind=NodeKind.STATE),
        *(ViewNode(id=f"l{i}", label=f"leaf {i}", kind=NodeKind.PERSON) for i in range(leaves)),
    )
    edges = tuple(
        ViewEdge(source=f"l{i}", target="hub", label="", kind=EdgeKind.SPEAKS_FOR)
        for i in range(leaves)
    )
    return ViewGraph(nodes=nodes, edges=edges)


def _networkx_degrees(view: ViewGraph) -> dict[str, float]:
    """The centrality as first written: networkx's weighted degree, parallel edges merged."""
    graph = nx.Graph()
    graph.add_nodes_from(node.id for node in view.nodes)
    for edge in view.edges:
        if edge.source != edge.target:
            old = graph.get_edge_data(edge.source, edge.target, {"weight": 0})["weight"]
            graph.add_edge(edge.source, edge.target, weight=old + edge.weight)
    if graph.number_of_nodes() <= 1:
        return dict.fromkeys(graph.nodes, 1.0)
    degree = dict(graph.degree(weight="weight"))
    top = max(degree.values()) or 1
    return {node: value / top for node, value in degree.items()}


def _weighted(view: ViewGraph) -> ViewGraph:
    """``view`` with varied weights, reversed and repeated edges, self-loops and a node that
    only an edge names."""
    edges = [
        ViewEdge(source=e.source, target=e.target, label="", kind=e.kind, weight=1 + i % 4)
        for i, e in enumerate(view.edges)
    ]
    edges += [ViewEdge(source=e.target, target=e.source, label="", kind=e.kind) for e in edges[::3]]
    edges += [ViewEdge(source=n.id, target=n.id, label="", kind=EdgeKind.NEXT, weight=9)
              for n in view.nodes[::5]]  # fmt: skip
    edges.append(ViewEdge(source="n0", target="elsewhere", label="", kind=EdgeKind.NEXT))
    return ViewGraph(nodes=view.nodes, edges=tuple(edges))


@pytest.mark.parametrize(
    "view",
    [synthetic(300), _weighted(synthetic(300, seed=3)), star(0), ViewGraph(nodes=(), edges=())],
    ids=["scale-free", "weighted-loops-reversed", "one-node", "empty"],
)
def test_degrees_are_networkx_weighted_degrees(view: ViewGraph) -> None:
    expected = _networkx_degrees(view)
    got = degrees(view)
    assert got == expected
    assert list(got) == list(expected)


def test_size_follows_degree() -> None:
    sized = {n.id: n.size for n in size_by_centrality(star(5)).nodes}
    assert sized["hub"] == pytest.approx(MAX_SIZE)
    assert MIN_SIZE < sized["l0"] < sized["hub"]


@pytest.mark.parametrize("cap", [10, 50, 199], ids=["10", "50", "199"])
def test_cap_keeps_the_cap_and_accounts_for_every_node(cap: int) -> None:
    view = synthetic(200)
    capped = cap_view(view, cap)
    more = [n for n in capped.nodes if n.kind is NodeKind.MORE]
    assert len(capped.nodes) <= cap
    assert capped.hidden_nodes + len(capped.nodes) - len(more) == 200
    assert sum(int(n.label.split()[0].lstrip("+")) for n in more) == capped.hidden_nodes
    ids = {n.id for n in capped.nodes}
    assert all(e.source in ids and e.target in ids for e in capped.edges)
    assert "200 nodes" in capped.note


def test_cap_keeps_the_most_central_and_pinned_nodes() -> None:
    view = star(30)
    capped = cap_view(view, 5, keep=["l29"])
    ids = {n.id for n in capped.nodes}
    assert {"hub", "l29", "more:person"} <= ids


def test_cap_below_size_is_a_no_op() -> None:
    view = star(3)
    assert cap_view(view, 10) is view


@pytest.mark.parametrize(("hops", "expected"), [(0, 1), (1, 5), (2, 16)], ids=["0", "1", "2"])
def test_ego_view_counts_nodes_by_hops(hops: int, expected: int) -> None:
    tree = nx.balanced_tree(3, 3)
    view = ViewGraph(
        nodes=tuple(ViewNode(id=str(i), label=str(i), kind=NodeKind.STATE) for i in tree.nodes),
        edges=tuple(
            ViewEdge(source=str(a), target=str(b), label="", kind=EdgeKind.NEXT)
            for a, b in tree.edges
        ),
    )
    # node 1 is a child of the root: 1 hop adds the root and its 3 children; 2 hops add
    # the root's other 2 children and node 1's 9 grandchildren
    assert len(ego_view(view, "1", hops=hops).nodes) == expected


def test_layout_places_every_node_apart() -> None:
    laid = layout_view(synthetic(300))
    points = [(n.x, n.y) for n in laid.nodes]
    assert all(x is not None and y is not None for x, y in points)
    assert len({(round(x or 0, 3), round(y or 0, 3)) for x, y in points}) == len(points)


def test_layout_keeps_given_positions() -> None:
    view = star(3)
    fixed = ViewGraph(
        nodes=tuple(
            ViewNode(id=n.id, label=n.label, kind=n.kind, x=1.0, y=2.0) if n.id == "hub" else n
            for n in view.nodes
        ),
        edges=view.edges,
    )
    hub = next(n for n in layout_view(fixed).nodes if n.id == "hub")
    assert (hub.x, hub.y) == (1.0, 2.0)


@pytest.mark.parametrize(
    ("n", "physics", "laid_out"),
    [
        (PHYSICS_MAX_NODES, True, False),
        (PHYSICS_MAX_NODES + 1, True, True),
        (SEEDED_PHYSICS_MAX_NODES + 1, False, True),
    ],
    ids=["small-physics", "medium-seeded-physics", "large-layout-only"],
)
def test_finish_view_picks_physics_by_size(n: int, physics: bool, laid_out: bool) -> None:
    done = finish_view(synthetic(n), max_nodes=10_000)
    assert done.physics is physics
    assert all(node.x is not None for node in done.nodes) is laid_out


def test_finish_view_keeps_a_builder_layout_without_physics() -> None:
    placed = ViewGraph(
        nodes=(ViewNode(id="a", label="a", kind=NodeKind.EVENT, x=0.0, y=0.0),),
        edges=(),
        physics=False,
    )
    assert finish_view(placed, max_nodes=10).physics is False
