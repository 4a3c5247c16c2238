"""The main job on the bundled examples: ingest -> store -> query -> HTML (``kg demo``)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kg.ingest import IngestOptions, IngestReport, ingest_articles, read_articles
from kg.nlp.pipeline import load_resources
from kg.resources import examples_dir
from kg.store import QueryResult, load_query, open_store, run_query

#: The questions the demo asks, as (title, named query).
DEMO_QUERIES = (
    ("Articles", "article_overview"),
    ("Who speaks most", "top_speakers"),
    ("Whom the reader comments mention", "comment_mentions"),
)


@dataclass(frozen=True, slots=True, kw_only=True)
class DemoResult:
    """What the demo wrote and found."""

    store: Path
    html: Path
    report: IngestReport
    answers: tuple[tuple[str, QueryResult], ...]
    nodes: int
    edges: int


def run_demo(output: Path) -> DemoResult:
    """Ingest the bundled examples into ``output/store``, ask the demo queries, draw the graph.

    Re-running replaces the articles (no duplicates).
    """
    from kg.viz import ViewOptions, to_view_graph, write_html

    output.mkdir(parents=True, exist_ok=True)
    examples = examples_dir()
    sources = sorted(str(p) for p in (examples / "articles").iterdir() if p.is_file())
    articles = read_articles([*sources, str(examples / "feed.jsonl")])
    resources = load_resources()
    store_dir = output / "store"
    with open_store(store_dir) as store:
        report = ingest_articles(articles, store, resources, options=IngestOptions())
        answers = tuple(
            (title, run_query(store, load_query(name), {})) for title, name in DEMO_QUERIES
        )
        view = to_view_graph(store, ViewOptions(view="actors"))
    html = write_html(view, output / "graph.html")
    return DemoResult(
        store=store_dir,
        html=html,
        report=report,
        answers=answers,
        nodes=len(view.nodes),
        edges=len(view.edges),
    )
