"""Ingest throughput and named-query latency on generated articles.

Run: ``python benchmarks/bench_ingest.py [N_ARTICLES]`` (default 1,000). Prints a table; nothing
here is a test. Figures go into the issue notes with the command that produced them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from generate import QUERY_PARAMS, write  # type: ignore[import-not-found]

from kg.ingest import IngestOptions, ingest_articles, read_articles
from kg.nlp.pipeline import analyze, load_resources
from kg.store import list_queries, open_store, run_query

#: Query parameter values used for the latency run (present in the generated corpus).
PARAMS = QUERY_PARAMS
RUNS = 7


def main(count: int) -> None:
    """Generate ``count`` articles, ingest them, then time every named query."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = write(count, Path(tmp) / "feed.jsonl")
        t0 = time.perf_counter()
        resources = load_resources()
        load_s = time.perf_counter() - t0
        articles = read_articles([str(feed)])
        t0 = time.perf_counter()
        for article in articles:
            analyze(article, resources)
        analyse_s = time.perf_counter() - t0
        with open_store(Path(tmp) / "store") as store:
            t0 = time.perf_counter()
            report = ingest_articles(articles, store, resources, options=IngestOptions())
            ingest_s = time.perf_counter() - t0
            print(f"articles                {count}")
            print(f"resources load          {load_s:.2f} s")
            print(f"analysis only           {count / analyse_s:.0f} articles/s")
            print(
                f"ingest (analyse+build+store) {count / ingest_s:.0f} articles/s, "
                f"{report.quads / ingest_s:.0f} quads/s, {report.quads} quads"
            )
            print()
            print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'rows':>6}")
            for query in list_queries():
                params = {
                    p.name: PARAMS[p.name] for p in query.params if p.required and p.name in PARAMS
                }
                if any(p.required and p.name not in PARAMS for p in query.params):
                    continue
                times, rows = [], 0
                try:
                    for _ in range(RUNS):
                        t0 = time.perf_counter()
                        rows = len(run_query(store, query, params).rows)
                        times.append((time.perf_counter() - t0) * 1000)
                except Exception as exc:  # noqa: BLE001 - report and go on with the next query
                    print(f"{query.name:32} failed: {exc}")
                    continue
                times.sort()
                p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
                print(f"{query.name:32} {statistics.median(times):8.1f} {p95:8.1f} {rows:6}")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
