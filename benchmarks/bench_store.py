"""Store costs on disk: atomic article replacement, reopen, lookups and export.

Run: ``python benchmarks/bench_store.py [N_ARTICLES] [QUADS_PER_ARTICLE]`` (default 2,000 × 150).
Synthetic quads from ``tests/store/store_fixtures.py`` (one claim graph on every fifth article).
Prints medians per article; nothing here is a test.
"""

from __future__ import annotations

import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "store"))

from store_fixtures import article_quads, reference_triples

from kg.rdf import iris
from kg.store import ensure_reference, open_store
from kg.store.queries import parse_query, run_query

LOOKUP = parse_query(
    "bench",
    "# param: who actor required  x\n# columns: who\nSELECT ?who WHERE { BIND(1 AS ?one) }",
)


def _timed(action: object, repeat: int) -> list[float]:
    times = []
    for i in range(repeat):
        start = time.perf_counter()
        action(i)  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return times


def main(count: int, size: int) -> None:
    articles = [article_quads(f"b{n}", triples=size, claims=int(n % 5 == 0)) for n in range(count)]
    quads_per_article = statistics.mean(len(a) for a in articles)
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "store"
        with open_store(target) as store:
            first = _timed(
                lambda n: store.replace_graphs(iris.article_graph_iri(f"b{n}"), articles[n]), count
            )
            again = _timed(
                lambda n: store.replace_graphs(iris.article_graph_iri(f"b{n}"), articles[n]), count
            )
            ref = _timed(lambda _: ensure_reference(store, reference_triples()), 5)
            total = store.count()
        reopen = _timed(lambda _: open_store(target, read_only=True).close(), 5)
        with open_store(target, read_only=True) as store:
            qid = _timed(lambda _: run_query(store, LOOKUP, {"who": "Q7184"}), 20)
            name = _timed(lambda _: run_query(store, LOOKUP, {"who": "Mark Rutte"}), 20)
            start = time.perf_counter()
            buffer = io.BytesIO()
            store.dump(buffer, "nquads")
            dump = time.perf_counter() - start
    ms = 1000.0
    print(f"{count} articles, {quads_per_article:.0f} quads each, {total} quads in store")
    print(f"replace_graphs, new article    median {statistics.median(first) * ms:6.2f} ms/article")
    print(f"replace_graphs, re-ingest      median {statistics.median(again) * ms:6.2f} ms/article")
    print(
        f"  = {quads_per_article / statistics.median(first):,.0f} quads/s new, "
        f"{quads_per_article / statistics.median(again):,.0f} quads/s replacing"
    )
    print(f"ensure_reference, unchanged    median {statistics.median(ref[1:]) * ms:6.2f} ms")
    print(f"open read-only + close         median {statistics.median(reopen) * ms:6.2f} ms")
    print(f"actor param by QID             median {statistics.median(qid) * ms:6.2f} ms")
    print(f"actor param by name (labels)   median {statistics.median(name) * ms:6.2f} ms")
    size_mb = len(buffer.getvalue()) / 1e6
    print(f"dump N-Quads                   {dump * ms:8.1f} ms ({size_mb:.1f} MB)")


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 2000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 150,
    )
