"""Scale benchmark (issue 8): extraction, bulk load, store size and named-query latency.

One command reproduces every figure at 10k, a second one the latencies at 100k::

    python benchmarks/bench_scale.py --articles 10000 --work /tmp/kg-bench --virtuoso
    python benchmarks/bench_scale.py --articles 100000 --work /tmp/kg-bench-100k --virtuoso \
        --replicate-from /tmp/kg-bench --rdflib-articles -1 [--no-embedded]

Steps (each step's output is kept in ``--work`` and reused when present, so a second run only
re-measures what is missing; ``--fresh`` starts over):

1. generate ``--articles`` varied German/English articles (``generate.py``, seed 7);
2. throughput on a ``--sample`` of them with 1 and 2 processes: ``kg extract`` (analyse, build,
   N-Quads) and the full pipeline ``kg ingest -j N`` into a new store on disk (process start
   and resource loading included, as a user sees it);
3. extract all articles with 2 processes into N-Quads (``nq/articles.nq``); with
   ``--replicate-from WORK`` steps 1-3 are replaced by renamed copies of that run's N-Quads
   (``--no-embedded``: only into Virtuoso, when the disk cannot hold the embedded store);
4. bulk-load them into a new embedded store (quads/s, store size on disk);
5. p50/p95 latency of every named query on the embedded store (``--runs`` runs each);
6. with ``--virtuoso``: the same load and queries on a Virtuoso server started for the run;
7. the rdflib in-memory baseline on the first ``--rdflib-articles`` articles (default: all of
   them; rdflib needs ~1.8 KB per quad, so pass a smaller number when the corpus has more quads
   than fit in memory), against an embedded store holding the same articles: the ratio of
   medians per query. An rdflib query still running after ``--rdflib-timeout`` seconds is
   stopped and reported as "> limit".

Prints Markdown tables and writes them to ``WORK/results-<articles>.md``. Nothing here is a test.
"""

from __future__ import annotations

import argparse
import functools
import json
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "tests"))

from generate import QUERY_PARAMS, write  # type: ignore[import-not-found]  # noqa: E402

from kg.ingest import IngestOptions, extract_shards, write_reference  # noqa: E402
from kg.nlp.pipeline import load_resources  # noqa: E402
from kg.rdf.iris import REFERENCE_GRAPH  # noqa: E402
from kg.reading import iter_sources  # noqa: E402
from kg.store import Store, list_queries, open_store, run_query  # noqa: E402
from kg.store.bulk import load_nquads  # noqa: E402
from kg.store.oxigraph import open_oxigraph  # noqa: E402
from kg.store.queries import NamedQuery, bind_params  # noqa: E402

#: Parameter values for the latency runs (present in the generated corpus, seed 7). Only the
#: required parameters are given, so most queries read the whole corpus: NATO is named in ~77 %
#: of the articles, Mark Rutte in ~29 %, and the open range from 2024 holds ~17 % of them.
PARAMS = QUERY_PARAMS
#: The questions analysts ask first, narrowed as they would narrow them (one month; the
#: optional parameters given): the second latency table. March 2024 holds ~0.9 % of the articles.
MONTH = {"since": "2024-03-01", "until": "2024-03-31"}
NARROW_PARAMS: dict[str, dict[str, str]] = {
    "statements_in_range": MONTH,
    "events_in_range": MONTH,
    "article_overview": MONTH,
    "stance_matrix": MONTH,
    "top_speakers": MONTH,
    "viz_active_actors": MONTH,
    "actor_mentions": {"actor": QUERY_PARAMS["actor"], **MONTH},
    "articles_about_actor": {"actor": QUERY_PARAMS["actor"], **MONTH},
    "statements_by_speaker": {"speaker": QUERY_PARAMS["speaker"], **MONTH},
    "statements_mentioning_actor": {"actor": QUERY_PARAMS["actor"], **MONTH},
    "stances_of_actor": {"actor": QUERY_PARAMS["participant"], "issue": QUERY_PARAMS["issue"]},
    "stance_evidence": {"actor": QUERY_PARAMS["participant"], "issue": QUERY_PARAMS["issue"]},
    "viz_comments": {"article": QUERY_PARAMS["article"]},
    "comment_mentions": {"article": QUERY_PARAMS["article"]},
    "viz_article_mentions": {"article": QUERY_PARAMS["article"]},
    "viz_articles": {"article": QUERY_PARAMS["article"]},
}

#: Articles written to Virtuoso through ``kg load`` (SPARQL updates) to measure that rate; the
#: whole corpus then goes in through Virtuoso's own bulk loader.
VIRTUOSO_UPDATE_ARTICLES = 200
#: Virtuoso's own bulk load of the whole corpus may take this long (20 M quads: ~3 min quiet).
VIRTUOSO_LOAD_TIMEOUT_S = 3600
#: Virtuoso's page cache (8 KB buffers, ~2.7 GB): enough for 10k articles on this 23 GB machine.
VIRTUOSO_BUFFERS = 340_000
#: Articles per bulk load when replicating (~0.7 GB of N-Quads in memory at ~350 KB each).
REPLICA_LOAD_ARTICLES = 2_000

#: Stop repeating a query once its runs took this long (p50/p95 then come from fewer runs).
QUERY_BUDGET_MS = 20_000
#: A kg query (embedded or Virtuoso) still running after this long is stopped.
QUERY_TIMEOUT_S = 45
#: Default for ``--rdflib-timeout``: an rdflib query still running after this long is stopped
#: and reported as "> limit" (its ratio is then a lower bound).
RDFLIB_TIMEOUT_S = 60


def main() -> None:
    """Run the benchmark steps and print the tables."""
    args = _parse()
    work = Path(args.work)
    if args.fresh and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    lines: list[str] = [f"# kg scale benchmark: {args.articles} articles", ""]
    nq = work / "nq"
    embedded = work / "store"
    source = Path(args.replicate_from or work) / "nq" / "articles.nq"
    if args.replicate_from:
        if args.embedded:
            lines += _replicated_store(source, embedded, args.articles, optimize=args.optimize)
    else:
        feed = work / "articles.jsonl"
        if not feed.exists():
            write(args.articles, feed)
        lines += _extraction_rates(feed, work, args.sample)
        if not (nq / "articles.nq").exists():
            seconds = _time(lambda: _extract(feed, nq, jobs=2))
            lines.append(f"full extraction, 2 processes: {args.articles / seconds:.1f} articles/s")
        lines += _loaded_store(nq / "articles.nq", embedded, args.articles, optimize=args.optimize)
    results = work / f"results-{args.articles}.md"
    results.write_text("\n".join(lines) + "\n", encoding="utf-8")  # kept if a later step fails
    latency: dict[str, dict[str, tuple[float, float, int]]] = {}
    if args.embedded:
        with open_store(embedded, read_only=True) as store:
            latency["embedded"] = _latencies(store, args.runs)
            narrowed = _latencies(store, args.runs, narrow=True)
        lines += ["", *_narrow_table(narrowed, args.articles, "embedded")]
        results.write_text(
            "\n".join([*lines, "", *_latency_table(latency, args.articles)]) + "\n",
            encoding="utf-8",
        )
    if args.virtuoso:
        if args.replicate_from:
            rows, latency["virtuoso"], narrowed = _virtuoso_replicated(
                source, args.articles, work, args.runs, buffers=args.virtuoso_buffers
            )
            lines += [*rows, "", *_narrow_table(narrowed, args.articles, "Virtuoso")]
        else:
            quads = sum(1 for _ in source.open("rb"))
            sample = _subset(source, VIRTUOSO_UPDATE_ARTICLES, work)
            rows, latency["virtuoso"] = _virtuoso(
                source, quads, work, args.runs, sample, buffers=args.virtuoso_buffers
            )
            lines += rows
    lines += ["", *_latency_table(latency, args.articles)]
    if args.rdflib_articles >= 0 and not args.replicate_from:
        rdflib_articles = min(args.rdflib_articles or args.articles, args.articles)
        whole = rdflib_articles == args.articles
        subset = nq / "articles.nq" if whole else _subset(nq / "articles.nq", rdflib_articles, work)
        lines += [
            "",
            *_rdflib_baseline(
                subset,
                rdflib_articles,
                args.runs,
                work,
                timeout=args.rdflib_timeout,
                measured=(embedded, latency["embedded"]) if whole else None,
            ),
        ]
    text = "\n".join(lines) + "\n"
    print(text)
    (work / f"results-{args.articles}.md").write_text(text, encoding="utf-8")
    (work / f"latency-{args.articles}.json").write_text(json.dumps(latency, indent=1))


def _parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--work", default=str(Path(tempfile.gettempdir()) / "kg-bench"))
    parser.add_argument("--sample", type=int, default=1000, help="articles for the rate runs")
    parser.add_argument("--runs", type=int, default=7, help="runs per query")
    parser.add_argument(
        "--rdflib-articles",
        type=int,
        default=0,
        help="articles for the rdflib baseline (default: all; -1: none)",
    )
    parser.add_argument(
        "--rdflib-timeout",
        type=float,
        default=RDFLIB_TIMEOUT_S,
        help="seconds before an rdflib query is stopped",
    )
    parser.add_argument("--virtuoso", action="store_true", help="also benchmark Virtuoso")
    parser.add_argument(
        "--virtuoso-buffers",
        type=int,
        default=VIRTUOSO_BUFFERS,
        help="Virtuoso's page cache in 8 KB buffers",
    )
    parser.add_argument(
        "--no-embedded",
        dest="embedded",
        action="store_false",
        help="with --replicate-from: skip the embedded store (e.g. when the disk cannot hold it)",
    )
    parser.add_argument(
        "--no-optimize",
        dest="optimize",
        action="store_false",
        help="do not compact the store after loading (compaction can need "
        "about as much free disk as the store again)",
    )
    parser.add_argument("--fresh", action="store_true", help="delete --work first")
    parser.add_argument(
        "--replicate-from",
        metavar="WORK",
        help="build the corpus from renamed copies of another run's N-Quads "
        "(e.g. 100,000 articles from a 10,000-article run) instead of "
        "generating and extracting it",
    )
    return parser.parse_args()


def _time(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def _extract(feed: Path, out: Path, *, jobs: int) -> None:
    resources = load_resources()
    extract_shards(
        iter_sources([str(feed)]), out, resources, options=IngestOptions(jobs=jobs, keep_going=True)
    )


def _extraction_rates(feed: Path, work: Path, sample: int) -> list[str]:
    head = work / f"sample-{sample}.jsonl"
    with feed.open(encoding="utf-8") as source:
        head.write_text(
            "".join(line for _, line in zip(range(sample), source, strict=False)), encoding="utf-8"
        )
    load_resources()  # warm the import and file caches before timing
    rows = ["| extraction (analyse + build + N-Quads) | articles/s |", "|---|---:|"]
    for jobs in (1, 2):
        out = work / f"rate-{jobs}"
        seconds = _time(functools.partial(_extract, head, out, jobs=jobs))
        rows.append(
            f"| {jobs} process{'es' if jobs > 1 else ''} ({sample} articles) | "
            f"{sample / seconds:.1f} |"
        )
    rows += [
        "",
        "| full pipeline (`kg ingest` into a new store on disk) | articles/s |",
        "|---|---:|",
    ]
    for jobs in (1, 2):
        store = work / f"ingest-{jobs}"
        if store.exists():
            shutil.rmtree(store)
        command = [
            sys.executable,
            "-m",
            "kg",
            "ingest",
            "-q",
            "-j",
            str(jobs),
            "--store",
            str(store),
            str(head),
        ]
        seconds = _time(functools.partial(subprocess.run, command, check=True))
        rows.append(
            f"| {jobs} process{'es' if jobs > 1 else ''} ({sample} articles) | "
            f"{sample / seconds:.1f} |"
        )
    return [*rows, ""]


def _query_params(query: NamedQuery) -> dict[str, str] | None:
    if any(p.required and p.name not in PARAMS for p in query.params):
        return None
    return {p.name: PARAMS[p.name] for p in query.params if p.required}


def _latencies(
    store: Store, runs: int, narrow: bool = False
) -> dict[str, tuple[float, float, int]]:
    """p50/p95 ms and rows of every named query (``narrow``: of those in ``NARROW_PARAMS``,
    with those parameters), each timed in a child process that is killed after
    ``QUERY_TIMEOUT_S`` (reported as the timeout, with -1 rows)."""
    results: dict[str, tuple[float, float, int]] = {}
    for query in list_queries():
        params = NARROW_PARAMS.get(query.name) if narrow else _query_params(query)
        if params is None:
            continue
        job = json.dumps(
            {
                "target": store.target,
                "query": query.name,
                "params": params,
                "runs": runs,
                "budget": QUERY_BUDGET_MS,
            }
        )
        try:
            done = subprocess.run(
                [sys.executable, __file__, "--time-query", job],
                capture_output=True,
                text=True,
                timeout=QUERY_TIMEOUT_S,
                check=False,
            )
        except subprocess.TimeoutExpired:
            results[query.name] = (QUERY_TIMEOUT_S * 1000.0, QUERY_TIMEOUT_S * 1000.0, -1)
            print(f"  {query.name}: > {QUERY_TIMEOUT_S} s", file=sys.stderr, flush=True)
            continue
        if done.returncode != 0:
            print(f"{query.name}: failed: {done.stderr.strip()[-300:]}", file=sys.stderr)
            continue
        p50, p95, rows = json.loads(done.stdout.strip().splitlines()[-1])
        results[query.name] = (p50, p95, rows)
        print(f"  {query.name}: p50 {p50:.1f} ms", file=sys.stderr, flush=True)
    return results


def _time_query(job_text: str) -> None:
    """Child side of ``_latencies``: open the store read-only, time one query, print JSON."""
    job = json.loads(job_text)
    times: list[float] = []
    rows = 0
    with open_store(job["target"], read_only=True) as store:
        while len(times) < job["runs"] and sum(times) < job["budget"]:
            start = time.perf_counter()
            rows = len(run_query(store, job["query"], job["params"]).rows)
            times.append((time.perf_counter() - start) * 1000)
    print(json.dumps([statistics.median(times), _p95(times), rows]))


def _p95(times: list[float]) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _narrow_table(latency: dict[str, tuple[float, float, int]], n: int, store: str) -> list[str]:
    rows = [
        f"Narrowed questions at {n} articles ({store} store, `NARROW_PARAMS`):",
        "",
        "| query | parameters | p50 ms | p95 ms | rows |",
        "|---|---|---:|---:|---:|",
    ]
    for name in sorted(latency):
        p50, p95, count = latency[name]
        given = ", ".join(f"{k}={v}" for k, v in NARROW_PARAMS[name].items())
        rows.append(f"| {name} | {given} | {p50:.1f} | {p95:.1f} | {count} |")
    return rows


def _latency_table(latency: dict[str, dict[str, tuple[float, float, int]]], n: int) -> list[str]:
    stores = list(latency)
    head = " | ".join(f"{s} p50 ms | {s} p95 ms | rows" for s in stores)
    rows = [
        f"Named-query latency at {n} articles:",
        "",
        f"| query | {head} |",
        "|---|" + "---:|" * (3 * len(stores)),
    ]
    for name in sorted(latency[stores[0]]):
        cells = []
        for store in stores:
            p50, p95, count = latency[store].get(name, (float("nan"), float("nan"), 0))
            cells.append(f"{p50:.1f} | {p95:.1f} | {count}")
        rows.append(f"| {name} | " + " | ".join(cells) + " |")
    return rows


def _virtuoso(
    nq: Path, quads: int, work: Path, runs: int, subset: Path, *, buffers: int
) -> tuple[list[str], dict[str, tuple[float, float, int]]]:
    """``kg load`` rate on ``subset`` (SPARQL updates), then the whole file through Virtuoso's
    own bulk loader (``ld_dir`` + ``rdf_loader_run``, as an operator would), then latencies."""
    import os

    from virtuoso import start_virtuoso  # type: ignore[import-not-found]

    directory = work / "virtuoso"
    if directory.exists():
        shutil.rmtree(directory)
    # ~2.7 GB of page cache; queries the client stops waiting for are stopped by the server
    # soon after (at 10k articles, abandoned ones left running got Virtuoso killed for memory).
    server = start_virtuoso(directory, buffers=buffers, query_seconds=QUERY_TIMEOUT_S + 5)
    try:
        subset_quads = sum(1 for _ in subset.open("rb"))
        with open_store(server.sparql_url) as store:
            write_reference(store, load_resources())
            update_s = _time(lambda: load_nquads(store, [subset]))
            os.link(nq, directory / "articles.nq")
            bulk_s = _time(lambda: _virtuoso_bulk_load(server, "articles.nq"))
            size = sum(p.stat().st_size for p in directory.glob("virtuoso*.db"))
            latency = _latencies(store, runs)
    finally:
        server.stop()
    rows = [
        f"| Virtuoso 7.2, kg load (SPARQL updates, {subset_quads:,} quads) | "
        f"{subset_quads / update_s:,.0f} | |",
        f"| Virtuoso 7.2, its bulk loader (all {quads:,} quads) | {quads / bulk_s:,.0f} | "
        f"{size / 1e6:,.0f} MB |",
    ]
    return rows, latency


def _loaded_store(nq: Path, embedded: Path, articles: int, *, optimize: bool) -> list[str]:
    """Bulk-load ``nq`` into a new embedded store, then compact it as ``kg load`` does; the
    load rate and the compaction time are reported apart. A store a previous run finished
    (``LOADED`` marker) is reused."""
    quads = sum(1 for _ in nq.open("rb"))
    lines = ["", f"N-Quads: {quads:,} quads ({quads / articles:.0f} per article)", ""]
    marker = embedded / "LOADED"
    if marker.exists():
        return [*lines, marker.read_text(encoding="utf-8")]
    if embedded.exists():
        shutil.rmtree(embedded)
    with open_store(embedded) as store:
        seconds = _time(lambda: load_nquads(store, [nq], optimize=False))
        write_reference(store, load_resources())  # as `kg load` does
        optimize_s = _time(store.optimize) if optimize else None
    return [*lines, _store_table(embedded, marker, quads / seconds, optimize_s)]


def _replicated_store(source: Path, embedded: Path, articles: int, *, optimize: bool) -> list[str]:
    """Load renamed copies of ``source`` (``_replica``) straight into a new embedded store (no
    N-Quads file of the whole corpus: 100k articles would need ~35 GB more disk) and compact
    it. Articles go in ``REPLICA_LOAD_ARTICLES`` per bulk load. A store a previous run finished
    (``LOADED`` marker) is reused.
    """
    marker = embedded / "LOADED"
    if marker.exists():
        return [marker.read_text(encoding="utf-8")]
    if embedded.exists():
        shutil.rmtree(embedded)
    quads, seconds, in_chunk = 0, 0.0, 0
    chunk: list[bytes] = []

    def flush() -> float:
        data = b"".join(chunk)
        chunk.clear()
        return _time(functools.partial(store.oxigraph.bulk_load, data, format=ox.RdfFormat.N_QUADS))

    with open_oxigraph(embedded) as store:
        write_reference(store, load_resources())
        for _copy, starts_article, line in _replica(source, articles):
            if starts_article:
                if in_chunk >= REPLICA_LOAD_ARTICLES:
                    seconds += flush()
                    in_chunk = 0
                in_chunk += 1
            chunk.append(line)
            quads += 1
        seconds += flush()
        optimize_s = _time(store.optimize) if optimize else None
    lines = [
        f"corpus: renamed copies of {source} (extraction not re-run)",
        "",
        f"quads: {quads:,} ({quads / articles:.0f} per article)",
        "",
    ]
    return [*lines, _store_table(embedded, marker, quads / seconds, optimize_s)]


def _replica(source: Path, articles: int) -> Iterator[tuple[int, bool, bytes]]:
    """The lines of ``articles`` articles made of renamed copies of ``source``, as
    ``(copy, starts_article, line)``.

    Copy ``k`` renames every generated id ``bench-S-N`` to ``bench-S-rk-N`` (IRIs and literals
    alike), so each copy is a distinct set of articles with the same content. Claim graphs
    belong to the article before them and do not count as articles.
    """
    written, copy = 0, 0
    while written < articles:
        graphs: set[bytes] = set()
        with source.open("rb") as source_lines:
            for line in source_lines:
                graph = line.rsplit(b" ", 2)[-2]
                starts = graph not in graphs and b"-claim-" not in graph
                if starts:
                    if written >= articles:
                        break
                    graphs.add(graph)
                    written += 1
                yield copy, starts, (_ID.sub(rb"bench-\1-r%d-" % copy, line) if copy else line)
        print(f"  copy {copy}: {written:,} articles", file=sys.stderr, flush=True)
        copy += 1


def _virtuoso_replicated(
    source: Path, articles: int, work: Path, runs: int, *, buffers: int
) -> tuple[list[str], dict[str, tuple[float, float, int]], dict[str, tuple[float, float, int]]]:
    """Renamed copies of ``source`` (``_replica``) through Virtuoso's bulk loader, one file per
    copy (each deleted once loaded, so the disk holds one copy at a time), then the broad and
    the narrowed latencies. A database a previous run finished (``LOADED`` marker) is reused.
    """
    from virtuoso import start_virtuoso  # type: ignore[import-not-found]

    directory = work / "virtuoso"
    marker = directory / "LOADED"
    if directory.exists() and not marker.exists():
        shutil.rmtree(directory)
    server = start_virtuoso(directory, buffers=buffers, query_seconds=QUERY_TIMEOUT_S + 5)
    try:
        with open_store(server.sparql_url) as store:
            if not marker.exists():
                write_reference(store, load_resources())
                quads, seconds, current = 0, 0.0, 0
                handle = (directory / "copy-0.nq").open("wb")
                for copy, _starts, line in _replica(source, articles):
                    if copy != current:
                        handle.close()
                        seconds += _virtuoso_load_file(server, current)
                        current = copy
                        handle = (directory / f"copy-{copy}.nq").open("wb")
                    handle.write(line)
                    quads += 1
                handle.close()
                seconds += _virtuoso_load_file(server, current)
                server.isql("checkpoint;", timeout=VIRTUOSO_LOAD_TIMEOUT_S)
                size = sum(p.stat().st_size for p in directory.glob("virtuoso*.db"))
                marker.write_text(
                    f"| Virtuoso 7.2, its bulk loader ({quads:,} quads, "
                    f"{quads / articles:.0f} per article) | {quads / seconds:,.0f} | "
                    f"{size / 1e6:,.0f} MB |",
                    encoding="utf-8",
                )
            latency = _latencies(store, runs)
            narrowed = _latencies(store, runs, narrow=True)
    finally:
        server.stop()
    rows = [
        "| store | load quads/s | size on disk |",
        "|---|---:|---:|",
        marker.read_text(encoding="utf-8"),
    ]
    return rows, latency, narrowed


def _virtuoso_load_file(server: Any, copy: int) -> float:
    """Bulk-load ``copy-<copy>.nq`` of the server's directory into Virtuoso, then delete it;
    return the seconds the load took."""
    path = server.directory / f"copy-{copy}.nq"
    seconds = _time(lambda: _virtuoso_bulk_load(server, path.name))
    path.unlink()
    return seconds


def _virtuoso_bulk_load(server: Any, name: str) -> None:
    """Virtuoso's own bulk loader on ``name`` in the server's directory (as an operator would:
    ``ld_dir`` + ``rdf_loader_run``); the N-Quads carry their graphs."""
    server.isql(
        f"ld_dir('{server.directory}', '{name}', 'http://example.org/unused'); "
        "rdf_loader_run(); checkpoint;",
        timeout=VIRTUOSO_LOAD_TIMEOUT_S,
    )


def _store_table(embedded: Path, marker: Path, rate: float, optimize_s: float | None) -> str:
    size = sum(p.stat().st_size for p in embedded.rglob("*") if p.is_file())
    table = "\n".join(
        [
            "| store | load quads/s | compaction (optimize) | size on disk |",
            "|---|---:|---:|---:|",
            f"| embedded Oxigraph (bulk load) | {rate:,.0f} | "
            f"{'not run' if optimize_s is None else f'{optimize_s:.0f} s'} | "
            f"{size / 1e6:,.0f} MB |",
        ]
    )
    marker.write_text(table, encoding="utf-8")
    return table


_ID = re.compile(rb"bench-(\d+)-")


def _subset(nq: Path, articles: int, work: Path) -> Path:
    """The first ``articles`` articles of ``nq`` (kg extract writes articles whole, in order)."""
    subset = work / f"subset-{articles}.nq"
    graphs: set[bytes] = set()  # article graphs only: claim graphs come with their article
    with nq.open("rb") as source, subset.open("wb") as target:
        for line in source:
            graph = line.rsplit(b" ", 2)[-2]
            if b"-claim-" not in graph and graph not in graphs:
                if len(graphs) >= articles:
                    break
                graphs.add(graph)
            target.write(line)
    return subset


def _rdflib_baseline(
    subset: Path,
    articles: int,
    runs: int,
    work: Path,
    *,
    timeout: float,
    measured: tuple[Path, dict[str, tuple[float, float, int]]] | None,
) -> list[str]:
    """rdflib's in-memory ``Dataset`` against the embedded store on the same quads.

    ``measured``: the embedded store already holding exactly these articles and its latencies
    (the whole corpus); otherwise a store is loaded from ``subset`` and timed here.
    """
    from rdflib import Dataset

    lines = sum(1 for _ in subset.open("rb"))
    dataset = Dataset()
    parse_s = _time(lambda: dataset.parse(subset, format="nquads"))
    if measured is None:
        store_dir = work / f"store-{articles}"
        if store_dir.exists():
            shutil.rmtree(store_dir)
        with open_store(store_dir) as store:
            load_nquads(store, [subset])
            write_reference(store, load_resources())
    else:
        store_dir = measured[0]
    with open_store(store_dir, read_only=True) as store:
        reference = dataset.graph(REFERENCE_GRAPH)
        for s, p, o, _ in store.quads(REFERENCE_GRAPH):
            reference.add((s, p, o))
        rows = [
            f"rdflib baseline at {articles} articles ({lines:,} quads; rdflib parses them "
            f"in {parse_s:.0f} s, {lines / parse_s:,.0f} quads/s):",
            "",
            "| query | embedded p50 ms | rdflib p50 ms | rdflib / embedded |",
            "|---|---:|---:|---:|",
        ]
        ours = _latencies(store, runs) if measured is None else measured[1]
        for query in list_queries():
            params = _query_params(query)
            if params is None or query.name not in ours:
                continue
            bindings = bind_params(store, query, params)
            theirs = _rdflib_time(dataset, query.text_for(bindings), bindings, timeout)
            mine = max(ours[query.name][0], 0.01)
            if theirs is None:
                rows.append(
                    f"| {query.name} | {mine:.1f} | > {timeout:.0f} s | "
                    f"> {timeout * 1000 / mine:.0f}× |"
                )
            else:
                rows.append(f"| {query.name} | {mine:.1f} | {theirs:.0f} | {theirs / mine:.0f}× |")
    return rows


def _rdflib_time(dataset: object, text: str, bindings: object, timeout: float) -> float | None:
    """Milliseconds of one rdflib run in a forked child (killed after ``timeout`` seconds)."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)

    def run() -> None:
        start = time.perf_counter()
        list(dataset.query(text, initBindings=bindings))  # type: ignore[attr-defined]
        sender.send((time.perf_counter() - start) * 1000)

    child = context.Process(target=run)
    child.start()
    ready = receiver.poll(timeout)
    result = float(receiver.recv()) if ready else None
    if child.is_alive():
        child.kill()
    child.join()
    return result


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--time-query":
        _time_query(sys.argv[2])
    else:
        main()
