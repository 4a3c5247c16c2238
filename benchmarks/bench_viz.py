"""Network views: HTML generation time and time-to-interactive in headless Chromium.

Run: ``python benchmarks/bench_viz.py [--runs 3] [--sizes 150,500,5000] [--store DIR]``.
For each size it builds a synthetic scale-free ViewGraph (Barabási-Albert, m=2: ≈2 edges per
node, like an actor network) with kinds, labels, quote tooltips and stance positions, then times

* generation: ``finish_view`` (centrality sizes; for more than 150 nodes the pivot-MDS +
  Fruchterman-Reingold layout) plus ``render_html`` plus writing the file;
* browser: a fresh headless Chromium per run (no network); "interactive" is the page's own
  ``performance.now()`` (from navigation start) once the network has stabilised, frozen its
  physics and drawn (up to 1,000 nodes) or drawn its first frame (physics off, bigger views);
  "wall" is the same moment seen from Python (includes starting the renderer process);
  "redraw" is one full ``network.redraw()`` afterwards (panning and zooming hide the edges of
  views of 1,000+ nodes, so their frames cost less).

With ``--store DIR`` it also times every view built from an existing store.
Prints a table (medians over the runs). Nothing here is a test.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

from kg.viz import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode, render_html
from kg.viz._browser import Chromium, chromium_available
from kg.viz.shape import finish_view

KINDS = (
    NodeKind.STATE,
    NodeKind.PERSON,
    NodeKind.PERSON,
    NodeKind.ORGANIZATION,
    NodeKind.BODY,
    NodeKind.ISSUE,
    NodeKind.EVENT,
)
POSITIONS = ("supports", "opposes", "hesitant", "demands")
WORDS = ("Bündnis Zukunft Ukraine Sicherheit Beitritt Moskau Kiew Brüssel Waffen Frieden").split()  # noqa: SIM905 - a sentence reads better


def synthetic_view(n: int, seed: int = 1) -> ViewGraph:
    """A scale-free view with ``n`` nodes and realistic labels and tooltips."""
    rnd = random.Random(seed)
    graph = nx.barabasi_albert_graph(n, 2, seed=seed)
    nodes = tuple(
        ViewNode(
            id=f"https://w3id.org/newskg/id/node-{i}",
            label=f"{rnd.choice(WORDS)} {i}",
            kind=KINDS[i % len(KINDS)],
            title=f"{rnd.choice(WORDS)} {i}\nWikidata Q{1000 + i}",
        )
        for i in graph.nodes
    )
    edges = []
    for a, b in graph.edges:
        position = rnd.choice(POSITIONS)
        quote = " ".join(rnd.choice(WORDS) for _ in range(14))
        edges.append(
            ViewEdge(
                source=nodes[a].id,
                target=nodes[b].id,
                label=position,
                kind=EdgeKind.STANCE,
                position=position,
                title=f"holder {position} issue\n“{quote}” — Sprecher; Schlagzeile (2024-12-03)",
            )
        )
    return ViewGraph(nodes=nodes, edges=tuple(edges), heading=f"synthetic {n}")


def time_generation(view: ViewGraph, path: Path) -> tuple[float, float, float, ViewGraph]:
    """Return (shape s, render s, write s, shaped view)."""
    t0 = time.perf_counter()
    shaped = finish_view(view, max_nodes=len(view.nodes))
    t1 = time.perf_counter()
    page = render_html(shaped)
    t2 = time.perf_counter()
    path.write_text(page, encoding="utf-8")
    t3 = time.perf_counter()
    return t1 - t0, t2 - t1, t3 - t2, shaped


REDRAW = (
    "(function(){var t=performance.now(); kgViz.network.redraw(); return performance.now()-t;})()"
)


def time_browser(path: Path) -> tuple[float, float, float, int, int]:
    """Return (interactive ms in page, wall s, redraw ms, errors, requests) in a fresh browser."""
    with Chromium() as browser:
        report = browser.open_page(path.as_uri(), probe=REDRAW, timeout=600)
    return (
        float(report.page_ready_ms or 0.0),
        report.ready_s,
        float(report.values),
        len(report.console_errors),
        len(report.network_requests),
    )


def time_store_views(target: str, runs: int) -> None:
    """Time ``to_view_graph`` + ``render_html`` for each view on an existing store."""
    from kg.store import open_store
    from kg.viz import ViewOptions, to_view_graph

    options = [
        ViewOptions(view="actors"),
        ViewOptions(view="ego", actor="Q7184", hops=2),
        ViewOptions(view="timeline"),
        ViewOptions(view="comments"),
    ]
    print(f"{'view':>10} {'nodes':>6} {'edges':>6} {'query+shape s':>13} {'render s':>8}")
    with open_store(target, read_only=True) as store:
        print(f"store {target}: {store.count():,} quads")
        for option in options:
            times = []
            for _ in range(runs):
                t0 = time.perf_counter()
                view = to_view_graph(store, option)
                t1 = time.perf_counter()
                render_html(view)
                times.append((t1 - t0, time.perf_counter() - t1))
            build, render = (statistics.median(col) for col in zip(*times, strict=True))
            print(
                f"{option.view:>10} {len(view.nodes):>6} {len(view.edges):>6} "
                f"{build:>13.2f} {render:>8.2f}"
            )


def main() -> None:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", default="150,500,5000")
    parser.add_argument("--store", help="also time every view on this existing store")
    args = parser.parse_args()
    if args.store:
        time_store_views(args.store, args.runs)
    sizes = [int(s) for s in args.sizes.split(",")]
    print(
        f"{'nodes':>6} {'edges':>6} {'physics':>7} {'shape s':>8} {'render s':>8} "
        f"{'write s':>7} {'gen s':>6} {'HTML MB':>7} {'interactive s':>13} {'wall s':>7} "
        f"{'redraw ms':>9} {'errors':>6} {'requests':>8}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            view = synthetic_view(n)
            gens, browsers = [], []
            for run in range(args.runs):
                path = Path(tmp) / f"view-{n}-{run}.html"
                shape_s, render_s, write_s, shaped = time_generation(view, path)
                gens.append((shape_s, render_s, write_s))
                if chromium_available():
                    browsers.append(time_browser(path))
            med = [statistics.median(col) for col in zip(*gens, strict=True)]
            size_mb = path.stat().st_size / 1e6
            row = (
                f"{n:>6} {len(shaped.edges):>6} {shaped.physics!s:>7} {med[0]:>8.3f} "
                f"{med[1]:>8.3f} {med[2]:>7.3f} {sum(med):>6.2f} {size_mb:>7.2f}"
            )
            if browsers:
                b = [statistics.median(col) for col in zip(*browsers, strict=True)]
                row += (
                    f" {b[0] / 1000:>13.2f} {b[1]:>7.2f} {b[2]:>9.1f} "
                    f"{max(x[3] for x in browsers):>6} {max(x[4] for x in browsers):>8}"
                )
            else:
                row += "  (no /usr/bin/chromium: browser columns skipped)"
            print(row, flush=True)


if __name__ == "__main__":
    main()
