"""render_html, write_html and notebook_html on hand-made ViewGraphs (browser: test_viz_browser)."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from markupsafe import escape

from kg.errors import ConfigError, InputError
from kg.viz import (
    EdgeKind,
    NodeKind,
    ViewEdge,
    ViewGraph,
    ViewNode,
    notebook_html,
    render_html,
    write_html,
)
from kg.viz.html import EDGE_LABEL_MAX_EDGES, tooltip_html

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "</script><script>window.__xss=3</script>",
    '" onmouseover="window.__xss=4',
]


def _view(text: str = "plain", *, edges: int = 1) -> ViewGraph:
    nodes = (
        ViewNode(id="a", label=f"A {text}", kind=NodeKind.STATE, title=f"A\n{text}"),
        ViewNode(id="b", label="B", kind=NodeKind.ISSUE),
    )
    links = tuple(
        ViewEdge(
            source="a",
            target="b",
            label=f"supports {i}",
            kind=EdgeKind.STANCE,
            position="supports",
            title=f"“{text}” — speaker; headline {text} (2024-12-03)",
        )
        for i in range(edges)
    )
    return ViewGraph(nodes=nodes, edges=links, heading=f"Heading {text}", note=f"note {text}")


def _data(page: str, name: str) -> list[dict[str, object]]:
    match = re.search(rf"var {name} = (\[.*?\]);\n", page)
    assert match, name
    return json.loads(match.group(1))  # type: ignore[no-any-return]


@pytest.mark.parametrize("payload", PAYLOADS, ids=["script", "img-onerror", "close-script", "attr"])
def test_payloads_never_reach_the_page_as_markup(payload: str) -> None:
    page = render_html(_view(payload))
    assert payload not in page
    for marker in ("<script>window.__xss", "<img src=x", 'onerror="window', 'onmouseover="window'):
        assert marker not in page
    nodes = _data(page, "rawNodes")
    # the label is data for the canvas; the tooltip is escaped HTML
    assert nodes[0]["label"] == f"A {payload}"
    assert nodes[0]["title"] == f"<b>A</b><br>{html.escape(payload, quote=True)}"
    assert f"Heading {escape(payload)}" in page  # Jinja's |e (markupsafe)


def test_tooltip_html_escapes_every_line() -> None:
    assert (
        tooltip_html("<b>x</b>\n<i>y</i>") == "<b>&lt;b&gt;x&lt;/b&gt;</b><br>&lt;i&gt;y&lt;/i&gt;"
    )


def test_page_is_self_contained() -> None:
    page = render_html(_view())
    assert "vis.Network" in page  # vis-network inlined
    assert "DataSet" in page
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)\s*=", page, re.IGNORECASE)
    assert "cdn." not in page
    assert "cdnjs" not in page
    assert "bootstrap" not in page
    assert "default-src 'none'" in page  # CSP: the page may not fetch anything


def test_edges_carry_position_colour_and_label() -> None:
    edges = _data(render_html(_view()), "rawEdges")
    assert edges[0]["from"] == "a"
    assert edges[0]["to"] == "b"
    assert edges[0]["label"] == "supports 0"
    assert edges[0]["color"] == {"color": "#2CA02C", "highlight": "#2CA02C"}


def test_many_edges_drop_drawn_labels_but_keep_tooltips() -> None:
    edges = _data(render_html(_view(edges=EDGE_LABEL_MAX_EDGES + 1)), "rawEdges")
    assert all("label" not in e and e["title"] for e in edges)


@pytest.mark.parametrize(
    "view",
    [
        ViewGraph(nodes=(ViewNode(id="a", label="a", kind=NodeKind.STATE),) * 2, edges=()),
        ViewGraph(
            nodes=(ViewNode(id="a", label="a", kind=NodeKind.STATE),),
            edges=(ViewEdge(source="a", target="zz", label="", kind=EdgeKind.NEXT),),
        ),
    ],
    ids=["duplicate-id", "dangling-edge"],
)
def test_inconsistent_views_are_refused(view: ViewGraph) -> None:
    with pytest.raises(ConfigError):
        render_html(view)


def test_write_html_writes_only_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "cwd"
    work.mkdir()
    monkeypatch.chdir(work)
    out = tmp_path / "out" / "view.html"
    out.parent.mkdir()
    written = write_html(_view(), out)
    assert written == out
    assert list(work.iterdir()) == []  # pyvis' local mode would have created lib/ here
    assert [p.name for p in out.parent.iterdir()] == ["view.html"]
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_write_html_into_missing_directory_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot write"):
        write_html(_view(), tmp_path / "missing" / "view.html")


def test_notebook_html_is_a_sandboxed_iframe() -> None:
    view = _view(PAYLOADS[0])
    frame = notebook_html(view)
    assert frame.startswith('<iframe class="kg-viz" sandbox="allow-scripts"')
    assert "<script" not in frame  # the whole page sits escaped inside srcdoc
    assert view._repr_html_() == frame
