"""Every view opened in real headless Chromium with no network: no console errors, no requests,
the page's vis network holds exactly the view's nodes and edges, payloads stay text.

Screenshots land in each test's tmp_path (its output folder). Timing lives in
benchmarks/bench_viz.py, not here.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from viz_fixtures import XSS_IMG, fill_store, synthetic

from kg.rdf import iris
from kg.store import Store, open_store
from kg.viz import ViewGraph, ViewOptions, notebook_html, to_view_graph, write_html
from kg.viz._browser import Chromium, chromium_available
from kg.viz.shape import finish_view

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not chromium_available(),
        reason="needs Chromium (/usr/bin/chromium from Debian's 'chromium'; .ci/run installs it)",
    ),
]

PROBE = """JSON.stringify({
  nodes: kgViz.network.body.data.nodes.length,
  edges: kgViz.network.body.data.edges.length,
  drawnNodes: kgViz.network.body.nodeIndices.length,
  drawnEdges: kgViz.network.body.edgeIndices.length,
  physics: kgViz.network.physics.physicsEnabled,
  xss: window.__xss === undefined ? null : String(window.__xss),
  images: document.images.length
})"""

#: Attach every tooltip element to the page (as vis-network does on hover), then report.
ALL_TOOLTIPS = """new Promise(function (done) {
  var box = document.createElement("div");
  document.body.appendChild(box);
  var items = kgViz.nodes.get().concat(kgViz.edges.get());
  items.forEach(function (item) {
    if (item.title instanceof Element) { box.appendChild(item.title.cloneNode(true)); }
  });
  setTimeout(function () {
    done(JSON.stringify({
      text: box.textContent,
      markup: box.querySelectorAll("script, img, iframe, [onerror], [onmouseover]").length,
      xss: window.__xss === undefined ? null : String(window.__xss)
    }));
  }, 300);
})"""

VIEWS = [
    ViewOptions(view="actors"),
    ViewOptions(view="ego", actor="Q57792", hops=2),
    ViewOptions(view="issue", issue="membership:Q212:Q7184"),
    ViewOptions(view="article", article="v1"),
    ViewOptions(view="timeline"),
    ViewOptions(view="comments"),
    ViewOptions(view="actors", max_nodes=6),
]
VIEW_IDS = ["actors", "ego", "issue", "article", "timeline", "comments", "actors-capped"]


@pytest.fixture(scope="module")
def browser() -> Iterator[Chromium]:
    with Chromium() as chromium:
        yield chromium


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("viz-browser") / "kg") as opened:
        fill_store(opened)
        yield opened


def _open(browser: Chromium, view: ViewGraph, folder: Path, name: str, **kwargs: Any) -> Any:
    page = folder / f"{name}.html"
    write_html(view, page)
    report = browser.open_page(
        page.as_uri(), probe=PROBE, screenshot=folder / f"{name}.png", **kwargs
    )
    assert report.console_errors == []
    assert report.network_requests == []
    assert report.screenshot is not None
    assert report.screenshot.stat().st_size > 2_000
    return report


@pytest.mark.parametrize("options", VIEWS, ids=VIEW_IDS)
def test_view_renders_offline_with_the_graphs_counts(
    browser: Chromium, store: Store, tmp_path: Path, options: ViewOptions
) -> None:
    view = to_view_graph(store, options)
    assert view.nodes
    report = _open(browser, view, tmp_path, options.view)
    values = json.loads(report.values)
    assert values["nodes"] == values["drawnNodes"] == len(view.nodes)
    assert values["edges"] == len(view.edges)
    assert values["physics"] is False  # stabilised, then stopped (or never started)
    assert values["xss"] is None
    assert values["images"] == 0


@pytest.mark.parametrize(
    ("options", "needle"),
    [
        (ViewOptions(view="actors"), "ein NATO-Beitritt Kiews sei inakzeptabel " + XSS_IMG),
        (ViewOptions(view="article", article="v1"), "<script>window.__xss = 'script';</script>"),
        (ViewOptions(view="comments"), "</script><script>window.__xss=1</script>"),
    ],
    ids=["quote-img", "headline-script", "comment-close-script"],
)
def test_payloads_show_as_text_in_tooltips(
    browser: Chromium, store: Store, tmp_path: Path, options: ViewOptions, needle: str
) -> None:
    view = to_view_graph(store, options)
    page = tmp_path / "xss.html"
    write_html(view, page)
    report = browser.open_page(page.as_uri(), probe=ALL_TOOLTIPS)
    values = json.loads(report.values)
    assert needle in values["text"]
    assert values["markup"] == 0
    assert values["xss"] is None
    assert report.console_errors == []


def _hover(browser: Chromium, session: str, node_id: str) -> str:
    """Move the mouse onto a node and return the tooltip text vis-network shows."""
    key = json.dumps(node_id)
    point = browser.evaluate(
        session,
        f"""(function () {{
          var at = kgViz.network.getPositions([{key}])[{key}];
          var p = kgViz.network.canvasToDOM(at);
          var r = document.getElementById("mynetwork").getBoundingClientRect();
          return [p.x + r.left, p.y + r.top];
        }})()""",
    )
    for dx in (8, 0):
        browser.call(
            "Input.dispatchMouseEvent",
            {"type": "mouseMoved", "x": point[0] + dx, "y": point[1]},
            session=session,
        )
    text: str = browser.evaluate(
        session,
        """new Promise(function (done) { setTimeout(function () {
          var tip = document.querySelector("div.vis-tooltip");
          done(tip && tip.style.visibility !== "hidden" ? tip.textContent : "");
        }, 700); })""",
    )
    return text


def test_hover_shows_the_escaped_comment_as_text(
    browser: Chromium, store: Store, tmp_path: Path
) -> None:
    view = to_view_graph(store, ViewOptions(view="comments"))
    author = next(n.id for n in view.nodes if n.label == "kaffeesatz")
    report = _open(browser, view, tmp_path, "hover", interact=lambda b, s: _hover(b, s, author))
    assert "kaffeesatz" in report.interaction
    assert XSS_IMG in report.interaction
    assert json.loads(report.values)["xss"] is None


def test_search_and_type_filters_work_in_the_page(
    browser: Chromium, store: Store, tmp_path: Path
) -> None:
    view = to_view_graph(store, ViewOptions(view="actors"))
    persons = sum(1 for n in view.nodes if n.kind.value == "person")
    script = """JSON.stringify({
      found: kgViz.find("rutte"),
      before: kgViz.network.body.nodeIndices.length,
      after: (function () {
        document.querySelector('input.kg-kind-filter[value="person"]').click();
        return kgViz.network.body.nodeIndices.length; })()
    })"""
    report = _open(browser, view, tmp_path, "filters", interact=lambda b, s: b.evaluate(s, script))
    values = json.loads(report.interaction)
    assert values["found"] == [str(iris.actor_iri("mark-rutte"))]
    assert values["before"] - values["after"] == persons > 0


@pytest.mark.parametrize(
    ("n", "physics"),
    [(600, True), (1200, False)],
    ids=["600-seeded-physics", "1200-layout-only"],
)
def test_larger_views_start_from_the_precomputed_layout(
    browser: Chromium, tmp_path: Path, n: int, physics: bool
) -> None:
    view = finish_view(synthetic(n), max_nodes=10_000)
    assert view.physics is physics
    report = _open(browser, view, tmp_path, f"large-{n}")
    values = json.loads(report.values)
    assert values["nodes"] == n
    assert values["edges"] == len(view.edges)
    assert values["physics"] is False  # stabilised and stopped, or never started


def test_notebook_iframe_renders_without_errors(
    browser: Chromium, store: Store, tmp_path: Path
) -> None:
    view = to_view_graph(store, ViewOptions(view="ego", actor="Q57792", hops=2))
    page = tmp_path / "notebook.html"
    host = (
        "<!DOCTYPE html><html><body><h1>notebook</h1><script>"
        "window.addEventListener('message', function (e) { window.__kg = e.data; });"
        "</script>" + notebook_html(view) + "</body></html>"
    )
    page.write_text(host, encoding="utf-8")
    report = browser.open_page(
        page.as_uri(),
        ready="Boolean(window.__kg && window.__kg.kgViz === 'ready')",
        probe="JSON.stringify(window.__kg)",
        screenshot=tmp_path / "notebook.png",
    )
    assert json.loads(report.values) == {
        "kgViz": "ready",
        "nodes": len(view.nodes),
        "edges": len(view.edges),
    }
    assert report.console_errors == []
    assert report.network_requests == []


@pytest.mark.parametrize("physics", [True, False], ids=["physics", "no-physics"])
def test_empty_view_gets_ready(browser: Chromium, tmp_path: Path, physics: bool) -> None:
    view = ViewGraph(nodes=(), edges=(), heading="nothing yet", physics=physics)
    report = _open(browser, view, tmp_path, "empty")
    assert json.loads(report.values)["nodes"] == 0
