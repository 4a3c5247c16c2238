"""Shape a ``ViewGraph`` with networkx: centrality sizes, ego networks, the cap, the layout.

All functions are pure (a new ``ViewGraph`` out, the input untouched). networkx and numpy are
imported inside the functions, so importing ``kg.viz`` stays cheap.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable
from dataclasses import replace
from typing import TYPE_CHECKING

from kg.viz.view import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode

if TYPE_CHECKING:
    import networkx as nx
    import numpy as np
    from numpy.typing import NDArray

#: Views up to this size let vis-network's physics place the nodes (it stabilises, then stops);
#: bigger views get a layout computed here and no physics. performance.md §3.2: 500 nodes need
#: 4.5 s of physics even without smooth edges, while a precomputed layout draws in 0.5 s.
PHYSICS_MAX_NODES = 150

#: Up to this size the browser still runs a short physics pass, starting from the layout
#: computed here (it only has to polish, so ~100 iterations do); bigger views are drawn as laid
#: out, physics off (performance.md §3.2: 5,000 nodes draw in 1.5 s that way).
SEEDED_PHYSICS_MAX_NODES = 1000

#: Smallest and largest drawn node size (vis-network ``size`` units).
MIN_SIZE = 8.0
MAX_SIZE = 40.0

#: Pivots for the pivot-MDS layout (Brandes & Pich 2006 use 50; more adds little).
LAYOUT_PIVOTS = 50

#: Average distance in pixels between neighbours in a precomputed layout.
LAYOUT_EDGE_PX = 90.0

#: Fruchterman-Reingold refinement of the pivot-MDS layout: total node pairs over all steps
#: (measured ≈ 0.2-0.4 s per 10 M pairs on our 2-core box), the step bounds, and rows per
#: repulsion block (memory). With these, views up to ~2,800 nodes are refined (50 steps at
#: 900 nodes, 5 at 2,800); 5,000-node views keep the pure pivot-MDS layout.
REFINE_PAIR_BUDGET = 40_000_000
REFINE_MIN_STEPS = 5
REFINE_MAX_STEPS = 50
REFINE_BLOCK = 512

#: How many names of hidden nodes an aggregate node lists in its tooltip.
AGGREGATE_TOOLTIP_NAMES = 25

_PLURALS: dict[NodeKind, str] = {
    NodeKind.STATE: "states",
    NodeKind.ORGANIZATION: "organisations",
    NodeKind.BODY: "government bodies",
    NodeKind.PERSON: "persons",
    NodeKind.GROUP: "groups",
    NodeKind.PLACE: "places",
    NodeKind.ISSUE: "issues",
    NodeKind.EVENT: "events",
    NodeKind.ARTICLE: "articles",
    NodeKind.COMMENT_AUTHOR: "comment authors",
    NodeKind.MORE: "aggregates",
}


def to_networkx(view: ViewGraph) -> nx.MultiDiGraph:
    """Return the view as a networkx multigraph (node attribute ``kind``, edge ``weight``)."""
    import networkx as nx

    graph: nx.MultiDiGraph = nx.MultiDiGraph()
    graph.add_nodes_from((node.id, {"kind": node.kind.value}) for node in view.nodes)
    graph.add_edges_from(
        (edge.source, edge.target, {"weight": edge.weight, "kind": edge.kind.value})
        for edge in view.edges
    )
    return graph


def _degrees(view: ViewGraph) -> dict[str, float]:
    """Weighted degree centrality, normalised to [0, 1]: the sum of the weights of a node's
    edges (self-loops left out), as networkx's ``Graph.degree(weight=...)`` gives it for the
    view with parallel edges merged. Summed here directly: building the networkx graph took
    ~1.5 s for the 300k edges of the actors view on the 10k-article store.

    >>> e = [ViewEdge(source=s, target=t, label="", kind=EdgeKind.NEXT, weight=w)
    ...      for s, t, w in (("a", "b", 2), ("b", "a", 1), ("b", "c", 1), ("c", "c", 5))]
    >>> n = tuple(ViewNode(id=i, label=i, kind=NodeKind.STATE) for i in "abcd")
    >>> _degrees(ViewGraph(nodes=n, edges=tuple(e)))
    {'a': 0.75, 'b': 1.0, 'c': 0.25, 'd': 0.0}
    """
    degree: dict[str, int] = dict.fromkeys((node.id for node in view.nodes), 0)
    for edge in view.edges:
        if edge.source == edge.target:
            continue
        degree[edge.source] = degree.get(edge.source, 0) + edge.weight
        degree[edge.target] = degree.get(edge.target, 0) + edge.weight
    if len(degree) <= 1:
        return dict.fromkeys(degree, 1.0)
    top = max(degree.values()) or 1
    return {node: value / top for node, value in degree.items()}


def size_by_centrality(view: ViewGraph) -> ViewGraph:
    """Size every node by its weighted degree centrality (square-root scaled)."""
    centrality = _degrees(view)
    nodes = tuple(
        replace(node, size=MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(centrality[node.id]))
        for node in view.nodes
    )
    return replace(view, nodes=nodes)


def ego_view(view: ViewGraph, center: str, *, hops: int = 1) -> ViewGraph:
    """Keep the nodes within ``hops`` edges of ``center`` (either direction) and their edges.

    >>> v = ViewGraph(nodes=tuple(ViewNode(id=i, label=i, kind=NodeKind.STATE) for i in "abc"),
    ...               edges=(ViewEdge(source="a", target="b", label="", kind=EdgeKind.NEXT),
    ...                      ViewEdge(source="b", target="c", label="", kind=EdgeKind.NEXT)))
    >>> [n.id for n in ego_view(v, "a", hops=1).nodes]
    ['a', 'b']
    """
    neighbours: dict[str, set[str]] = defaultdict(set)
    for edge in view.edges:
        neighbours[edge.source].add(edge.target)
        neighbours[edge.target].add(edge.source)
    keep = {center}
    frontier = {center}
    for _ in range(max(hops, 0)):
        frontier = {n for node in frontier for n in neighbours[node]} - keep
        keep |= frontier
    return _restrict(view, keep)


def _restrict(view: ViewGraph, keep: Collection[str]) -> ViewGraph:
    nodes = tuple(node for node in view.nodes if node.id in keep)
    edges = tuple(e for e in view.edges if e.source in keep and e.target in keep)
    return replace(view, nodes=nodes, edges=edges)


def cap_view(view: ViewGraph, max_nodes: int, *, keep: Iterable[str] = ()) -> ViewGraph:
    """Keep the ``max_nodes`` most central nodes; fold the rest into one "+N more" node per kind.

    Edges between a kept node and hidden nodes become one edge to the aggregate (its weight is
    how many edges it stands for); edges among hidden nodes are dropped. ``keep`` names nodes
    that must stay (the centre of an ego view).
    """
    if len(view.nodes) <= max_nodes:
        return view
    centrality = _degrees(view)
    pinned = set(keep)
    hidden_kinds = len({node.kind for node in view.nodes})
    budget = max(max_nodes - hidden_kinds, 1)
    ranked = sorted(
        view.nodes, key=lambda n: (n.id not in pinned, -centrality.get(n.id, 0.0), n.label, n.id)
    )
    kept_ids = {node.id for node in ranked[:budget]}
    hidden = ranked[budget:]
    by_kind: dict[NodeKind, list[ViewNode]] = defaultdict(list)
    for node in hidden:
        by_kind[node.kind].append(node)
    owner = {node.id: f"more:{node.kind.value}" for node in hidden}
    folds = set(owner.values())  # a set: `in owner.values()` scans them (minutes at 10k articles)
    aggregates = tuple(_aggregate_node(kind, members) for kind, members in by_kind.items())
    edges = [e for e in view.edges if e.source in kept_ids and e.target in kept_ids]
    folded: Counter[tuple[str, str]] = Counter()
    for edge in view.edges:
        source = edge.source if edge.source in kept_ids else owner.get(edge.source)
        target = edge.target if edge.target in kept_ids else owner.get(edge.target)
        if source is None or target is None or (source in folds and target in folds):
            continue
        if edge.source in kept_ids and edge.target in kept_ids:
            continue
        folded[(source, target)] += edge.weight
    edges += [
        ViewEdge(
            source=source,
            target=target,
            label=f"{count}×",
            kind=EdgeKind.AGGREGATE,
            title=f"{count} edges to or from hidden nodes",
            weight=min(count, 7),
        )
        for (source, target), count in sorted(folded.items())
    ]
    nodes = tuple(node for node in view.nodes if node.id in kept_ids) + aggregates
    total = len(view.nodes)
    note = (
        f"Showing the {len(kept_ids):,} most connected of {total:,} nodes; "
        f"+{len(hidden):,} more are folded into the grey “+N more” nodes."
    )
    return replace(
        view,
        nodes=nodes,
        edges=tuple(edges),
        note=" ".join(part for part in (view.note, note) if part),
        hidden_nodes=view.hidden_nodes + len(hidden),
    )


def _aggregate_node(kind: NodeKind, members: list[ViewNode]) -> ViewNode:
    names = sorted(member.label for member in members)
    shown = names[:AGGREGATE_TOOLTIP_NAMES]
    more = len(names) - len(shown)
    lines = [f"+{len(names):,} more {_PLURALS[kind]}", *shown]
    if more:
        lines.append(f"… and {more:,} others")
    return ViewNode(
        id=f"more:{kind.value}",
        label=f"+{len(names):,} more {_PLURALS[kind]}",
        kind=NodeKind.MORE,
        title="\n".join(lines),
        size=MAX_SIZE,
    )


def layout_view(view: ViewGraph) -> ViewGraph:
    """Give every node x/y from a pivot-MDS layout (components packed side by side).

    Nodes that already have a position keep it. Runs in well under a second for 5,000 nodes
    (pivot MDS costs ``LAYOUT_PIVOTS`` breadth-first searches and one small eigenproblem).
    """
    todo = [node.id for node in view.nodes if node.x is None or node.y is None]
    if not todo:
        return view
    positions = _pivot_mds_positions(view, set(todo))
    nodes = tuple(
        replace(node, x=positions[node.id][0], y=positions[node.id][1])
        if node.id in positions
        else node
        for node in view.nodes
    )
    return replace(view, nodes=nodes)


def _pivot_mds_positions(view: ViewGraph, ids: set[str]) -> dict[str, tuple[float, float]]:
    import networkx as nx

    graph = nx.Graph()
    graph.add_nodes_from(ids)
    graph.add_edges_from(
        (e.source, e.target) for e in view.edges if e.source in ids and e.target in ids
    )
    components = sorted(nx.connected_components(graph), key=lambda c: (-len(c), min(c)))
    placed: dict[str, tuple[float, float]] = {}
    cursor_x = cursor_y = row_height = 0.0
    row_width = LAYOUT_EDGE_PX * 3 * math.sqrt(len(ids)) + LAYOUT_EDGE_PX
    for component in components:
        local = _component_layout(graph, sorted(component))
        xs = [p[0] for p in local.values()]
        ys = [p[1] for p in local.values()]
        width = max(xs) - min(xs) + LAYOUT_EDGE_PX
        height = max(ys) - min(ys) + LAYOUT_EDGE_PX
        if cursor_x and cursor_x + width > row_width:
            cursor_x, cursor_y, row_height = 0.0, cursor_y + row_height, 0.0
        left, top = min(xs), min(ys)
        for node, (x, y) in local.items():
            placed[node] = (cursor_x + x - left, cursor_y + y - top)
        cursor_x += width
        row_height = max(row_height, height)
    return placed


def _component_layout(graph: nx.Graph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Pivot MDS of one connected component, leaves spread around their shared spot."""
    import numpy as np

    n = len(nodes)
    if n <= 2:
        return {node: (i * LAYOUT_EDGE_PX, 0.0) for i, node in enumerate(nodes)}
    index = {node: i for i, node in enumerate(nodes)}
    adjacency = [[index[m] for m in graph.adj[node]] for node in nodes]
    k = min(LAYOUT_PIVOTS, n)
    dist = np.zeros((n, k))
    mindist = np.full(n, np.inf)
    pivot = max(range(n), key=lambda i: (len(adjacency[i]), nodes[i]))
    for j in range(k):
        dist[:, j] = _bfs_lengths(adjacency, pivot)
        mindist = np.minimum(mindist, dist[:, j])
        pivot = int(np.argmax(mindist))  # farthest-first: spreads pivots over the graph
    squared = dist**2
    centred = -0.5 * (
        squared - squared.mean(axis=0) - squared.mean(axis=1, keepdims=True) + squared.mean()
    )
    _, vectors = np.linalg.eigh(centred.T @ centred)
    coords = centred @ vectors[:, ::-1][:, :2]
    coords = _spread_duplicates(coords)
    edges = [(i, j) for i, row in enumerate(adjacency) for j in row if i < j]
    coords = _refine(coords, edges)
    coords *= LAYOUT_EDGE_PX / _mean_edge_length(edges, coords)
    return {node: (float(coords[i, 0]), float(coords[i, 1])) for node, i in index.items()}


def _refine(coords: NDArray[np.float64], edges: list[tuple[int, int]]) -> NDArray[np.float64]:
    """Fruchterman-Reingold steps from the pivot-MDS start (pulls clumps apart).

    Repulsion is computed in row blocks (memory ``REFINE_BLOCK x n``); the number of steps is
    what ``REFINE_PAIR_BUDGET`` node pairs allow, at most ``REFINE_MAX_STEPS``. Views too big
    for ``REFINE_MIN_STEPS`` steps keep the pivot-MDS layout as it is.
    """
    import numpy as np

    n = len(coords)
    steps = min(REFINE_MAX_STEPS, REFINE_PAIR_BUDGET // (n * n))
    if steps < REFINE_MIN_STEPS:
        return coords
    pos: NDArray[np.float64] = coords - coords.min(axis=0)
    pos /= float(pos.max()) or 1.0
    k2 = 1.0 / n  # FR's optimal distance k = sqrt(area / n), squared
    temperature = 0.1
    cooling = temperature / (steps + 1)
    pairs = np.array(edges, dtype=int).reshape(-1, 2)
    for _ in range(steps):
        shift = np.zeros_like(pos)
        for start in range(0, n, REFINE_BLOCK):
            block = pos[start : start + REFINE_BLOCK]
            dx = block[:, 0, None] - pos[None, :, 0]
            dy = block[:, 1, None] - pos[None, :, 1]
            push = k2 / np.maximum(dx * dx + dy * dy, 1e-4)
            shift[start : start + REFINE_BLOCK, 0] = (dx * push).sum(axis=1)
            shift[start : start + REFINE_BLOCK, 1] = (dy * push).sum(axis=1)
        if len(pairs):
            delta = pos[pairs[:, 0]] - pos[pairs[:, 1]]
            pull = delta * (np.sqrt((delta**2).sum(axis=1)) * np.sqrt(n))[:, None]
            np.add.at(shift, pairs[:, 0], -pull)
            np.add.at(shift, pairs[:, 1], pull)
        length = np.maximum(np.sqrt((shift**2).sum(axis=1)), 0.01)
        pos += shift * (temperature / length)[:, None]
        temperature -= cooling
    return pos


def _bfs_lengths(adjacency: list[list[int]], source: int) -> list[int]:
    """Hop distances from ``source`` in a connected graph given as adjacency lists.

    >>> _bfs_lengths([[1], [0, 2], [1]], 0)
    [0, 1, 2]
    """
    lengths = [-1] * len(adjacency)
    lengths[source] = 0
    frontier = [source]
    depth = 0
    while frontier:
        depth += 1
        following = []
        for node in frontier:
            for neighbour in adjacency[node]:
                if lengths[neighbour] < 0:
                    lengths[neighbour] = depth
                    following.append(neighbour)
        frontier = following
    return lengths


def _spread_duplicates(coords: NDArray[np.float64]) -> NDArray[np.float64]:
    """Put nodes that landed on the same spot (leaves of one hub) on a small circle."""
    import numpy as np

    array = np.asarray(coords, dtype=float)
    scale = float(np.abs(array).max()) or 1.0
    keys = np.round(array / scale * 200).astype(int)
    groups: dict[tuple[int, int], list[int]] = defaultdict(list)
    for i, (a, b) in enumerate(keys):
        groups[(int(a), int(b))].append(i)
    radius = scale / 200
    for members in groups.values():
        if len(members) < 2:
            continue
        ring = radius * (1 + math.sqrt(len(members)) / 2)
        for slot, i in enumerate(members):
            angle = 2 * math.pi * slot / len(members)
            array[i, 0] += ring * math.cos(angle)
            array[i, 1] += ring * math.sin(angle)
    return array


def _mean_edge_length(edges: list[tuple[int, int]], coords: NDArray[np.float64]) -> float:
    import numpy as np

    if not edges:
        return 1.0
    pairs = np.array(edges)
    lengths = np.linalg.norm(coords[pairs[:, 0]] - coords[pairs[:, 1]], axis=1)
    mean = float(lengths.mean())
    return mean if mean > 0 else 1.0


def finish_view(view: ViewGraph, *, max_nodes: int, keep: Iterable[str] = ()) -> ViewGraph:
    """Cap, size and (for big views) lay out a view; decide whether the browser runs physics."""
    capped = cap_view(view, max_nodes, keep=keep)
    sized = size_by_centrality(capped)
    if len(sized.nodes) <= PHYSICS_MAX_NODES and any(n.x is None for n in sized.nodes):
        return replace(sized, physics=True)
    if view.physics is False:  # the builder placed the nodes on purpose (timeline)
        return replace(layout_view(sized), physics=False)
    return replace(layout_view(sized), physics=len(sized.nodes) <= SEEDED_PHYSICS_MAX_NODES)
