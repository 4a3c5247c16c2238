"""Quickstart: read the bundled examples, analyse them, store them, ask a question.

Run: python examples/quickstart.py [STORE_DIR]
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

import kg

HERE = Path(__file__).resolve().parent


def main(store_dir: str) -> None:
    """Ingest the examples into ``store_dir`` and print who is mentioned where."""
    articles = kg.read_articles([str(HERE / "articles"), str(HERE / "feed.jsonl")])
    resources = kg.load_resources()
    first = kg.analyze(articles[0], resources)
    print(f"{articles[0].headline!r}: {len(first.actors)} actors, {len(first.holdings)} posts")
    for holding in first.holdings:
        if holding.start is not None:
            print(f"  {holding.descriptor}: {holding.person} ({holding.role} of {holding.of})")
    with kg.open_store(store_dir) as store:
        report = kg.ingest_articles(articles, store, resources, options=kg.IngestOptions())
        print(f"stored {len(report.ingested)} articles, {report.quads} quads")
        result = kg.run_query(store, kg.load_query("article_overview"), {})
        for row in result.rows:
            print("  " + " | ".join(str(value) for value in row))


if __name__ == "__main__":
    if len(sys.argv) > 1:
        main(sys.argv[1])
    else:
        with tempfile.TemporaryDirectory() as tmp:
            main(str(Path(tmp) / "store"))
