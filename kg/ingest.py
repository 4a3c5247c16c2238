"""Ingest: read sources, analyse each article, build its graph and replace it in the store.

Each article is written atomically (its named graph and claim graphs are dropped and inserted
in one transaction), so a bad input or a crash at article N leaves articles 1..N-1 intact.
"""

from __future__ import annotations

import logging
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import InputError, KGError, PipelineError
from kg.model import Analysis, Article
from kg.nlp.pipeline import Resources, analyze
from kg.rdf import iris
from kg.rdf.build import build_article_oxquads, serialize_nquads
from kg.rdf.reference import build_reference_graph
from kg.reading import Source, read_source_results
from kg.store import Store, ensure_reference
from kg.store.bulk import optimize_after_write

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """How to read and what to do on bad input."""

    lang: str | None = None  # force the language (else detected)
    published: date | None = None  # publication date when the text gives none
    keep_going: bool = False  # skip bad articles instead of stopping at the first
    jobs: int = 1  # worker processes that analyse and build (the calling process writes)
    optimize: bool = True  # compact the store after a large run (``optimize_after_write``)


@dataclass(frozen=True, slots=True, kw_only=True)
class Ingested:
    """One article written to the store."""

    article_id: str
    source: str
    headline: str | None
    quads: int
    actors: int
    statements: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Rejected:
    """One input that could not be ingested, with the one-line reason."""

    source: str
    message: str


@dataclass(slots=True)
class IngestReport:
    """What an ingest run did."""

    ingested: list[Ingested] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)
    reference_written: bool = False

    @property
    def quads(self) -> int:
        """Quads written over all articles."""
        return sum(item.quads for item in self.ingested)


def iter_articles(
    sources: Iterable[Source], options: IngestOptions
) -> Iterator[Article | InputError]:
    """Yield every article (or the error of an unreadable record) of ``sources`` in order."""
    for source in sources:
        yield from read_source_results(source, lang=options.lang, published=options.published)


def write_reference(store: Store, resources: Resources) -> bool:
    """Write the curated reference graph (gazetteer + known events) if it changed."""
    events: Sequence[object] = ()
    try:
        from kg.nlp.known_events import load_known_events
    except ImportError:
        pass
    else:
        events = load_known_events()
    graph = build_reference_graph(resources.gazetteer, events)  # type: ignore[arg-type]
    return ensure_reference(store, graph)


def ingest_article(store: Store, article: Article, resources: Resources) -> Ingested:
    """Analyse one article and replace its graphs in the store (atomically)."""
    result, nquads = prepare_article(article, resources)
    store.replace_articles([(iris.article_graph_iri(article.id), nquads)])
    return result


def prepare_article(article: Article, resources: Resources) -> tuple[Ingested, bytes]:
    """Analyse one article and build its graphs as N-Quads bytes (no store; runs in workers).

    Bytes, not term objects, cross the process boundary: they pickle in well under a
    millisecond and the store loads them without converting a term in Python.
    """
    analysis: Analysis = analyze(article, resources)
    quads = build_article_oxquads(analysis)
    return Ingested(
        article_id=article.id,
        source=article.source,
        headline=article.headline,
        quads=len(quads),
        actors=len({m.actor for m in analysis.mentions if not m.is_place}),
        statements=len(analysis.statements),
    ), serialize_nquads(quads)


def prepare_articles(
    items: Iterable[Article | InputError], resources: Resources, *, jobs: int = 1
) -> Iterator[tuple[Ingested, bytes] | KGError]:
    """Yield, in input order, each article's prepared N-Quads or the error that stopped it.

    With ``jobs`` > 1 the work runs in that many worker processes (forked, so the resources
    loaded here are shared copy-on-write); the order of the output does not depend on ``jobs``.
    At most ``PARALLEL_WINDOW`` × ``jobs`` articles are in flight, so memory stays flat, and
    the workers keep analysing while the caller writes what they returned.
    """
    if jobs <= 1:
        for item in items:
            yield item if isinstance(item, InputError) else _prepare_or_error(item, resources)
        return
    import multiprocessing

    global _WORKER_RESOURCES  # handed to forked workers, read-only there
    _WORKER_RESOURCES = resources
    context = multiprocessing.get_context("fork")
    in_flight: deque[tuple[list[Article | InputError], Any]] = deque()
    with context.Pool(jobs) as pool:
        for chunk in _chunks(items, TASK_ARTICLES):
            articles = [item for item in chunk if not isinstance(item, InputError)]
            in_flight.append((chunk, pool.map_async(_prepare_in_worker, articles, chunksize=1)))
            if len(in_flight) * TASK_ARTICLES >= PARALLEL_WINDOW * jobs:
                yield from _finished(*in_flight.popleft())
        while in_flight:
            yield from _finished(*in_flight.popleft())


#: Articles in flight per worker: enough to keep workers busy while the parent writes,
#: few enough that memory stays flat on 100k-article runs (~0.4 MB of N-Quads per article).
PARALLEL_WINDOW = 32
#: Articles per task sent to a worker (fewer round trips than one at a time).
TASK_ARTICLES = 4
#: Articles per store write in ``ingest_articles`` (one bulk load for new articles; more
#: gave no faster writes on this machine, fewer costs a RocksDB file set per call).
WRITE_BATCH = 32
_WORKER_RESOURCES: Resources | None = None


def _chunks(
    items: Iterable[Article | InputError], size: int
) -> Iterator[list[Article | InputError]]:
    chunk: list[Article | InputError] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _finished(
    chunk: list[Article | InputError], pending: Any
) -> Iterator[tuple[Ingested, bytes] | KGError]:
    results = iter(pending.get())
    for item in chunk:
        yield item if isinstance(item, InputError) else next(results)


def _prepare_in_worker(article: Article) -> tuple[Ingested, bytes] | KGError:
    if _WORKER_RESOURCES is None:  # pragma: no cover - set before the pool forks
        raise RuntimeError("worker started without resources")
    result = _prepare_or_error(article, _WORKER_RESOURCES)
    if isinstance(result, KGError):
        try:  # KGError subclasses with keyword-only fields may not survive pickling
            pickle.loads(pickle.dumps(result))  # noqa: S301 - our own bytes, just made
        except (TypeError, pickle.PicklingError):
            return PipelineError(str(result), stage="ingest", article_id=article.id)
    return result


def _prepare_or_error(article: Article, resources: Resources) -> tuple[Ingested, bytes] | KGError:
    try:
        return prepare_article(article, resources)
    except KGError as exc:
        return exc


def ingest_articles(
    items: Iterable[Article | InputError],
    store: Store,
    resources: Resources,
    *,
    options: IngestOptions,
    on_item: Callable[[Ingested | Rejected], None] | None = None,
) -> IngestReport:
    """Ingest articles into ``store``.

    Articles are written ``WRITE_BATCH`` at a time (``Store.replace_articles``: each article
    replaced whole); ``on_item`` hears of an article only once it is in the store.

    Args:
        items: articles, or the errors of records that could not be read (``iter_articles``).
        store: an open, writable store.
        resources: gazetteer and lexicons.
        options: reading, error policy and ``jobs`` (worker processes; the store content is
            the same for any number).
        on_item: called after each article (progress, live output).

    Returns:
        What was written and what was rejected.

    Raises:
        KGError: the first failure, unless ``options.keep_going`` (then it is reported).
    """
    report = IngestReport(reference_written=write_reference(store, resources))
    batch: list[tuple[Ingested, bytes]] = []

    def done(result: Ingested | Rejected) -> None:
        if isinstance(result, Ingested):
            report.ingested.append(result)
        else:
            report.rejected.append(result)
        if on_item is not None:
            on_item(result)

    def write() -> None:
        for result in _write_batch(store, batch, keep_going=options.keep_going):
            done(result)
        batch.clear()

    for prepared in prepare_articles(items, resources, jobs=options.jobs):
        if not isinstance(prepared, KGError):
            batch.append(prepared)
            if len(batch) >= WRITE_BATCH:
                write()
            continue
        write()  # what came before is written (and reported) first
        if not options.keep_going:
            raise prepared
        done(_rejected(prepared))
    write()
    if options.optimize:
        optimize_after_write(store, report.quads)
    return report


def _write_batch(
    store: Store, batch: list[tuple[Ingested, bytes]], *, keep_going: bool
) -> list[Ingested | Rejected]:
    """Write ``batch`` in one ``replace_articles`` call; on failure, article by article."""
    if not batch:
        return []
    try:
        store.replace_articles(
            [(iris.article_graph_iri(result.article_id), data) for result, data in batch]
        )
        return [result for result, _ in batch]
    except KGError:
        if len(batch) == 1 and not keep_going:
            raise
    results: list[Ingested | Rejected] = []
    for result, data in batch:  # find the culprit; the others are written
        try:
            store.replace_articles([(iris.article_graph_iri(result.article_id), data)])
            results.append(result)
        except KGError as exc:
            if not keep_going:
                raise
            results.append(_rejected(exc))
    return results


def _rejected(exc: KGError) -> Rejected:
    logger.info("skipped: %s", exc)
    return Rejected(source=getattr(exc, "source", "") or "", message=str(exc))


def read_articles(
    specs: Sequence[str], *, lang: str | None = None, published: date | None = None
) -> list[Article]:
    """Read every article of ``specs`` (paths, directories, globs, URLs).

    Raises:
        InputError: the first input that cannot be read.
    """
    from kg.reading import iter_sources

    options = IngestOptions(lang=lang, published=published)
    articles = []
    for item in iter_articles(iter_sources(specs), options):
        if isinstance(item, InputError):
            raise item
        articles.append(item)
    return articles


@dataclass(slots=True)
class ExtractReport:
    """What an extract run wrote: one N-Quads file per input shard."""

    files: list[str] = field(default_factory=list)
    ingested: list[Ingested] = field(default_factory=list)
    rejected: list[Rejected] = field(default_factory=list)

    @property
    def quads(self) -> int:
        """Quads written over all articles."""
        return sum(item.quads for item in self.ingested)


def extract_shards(
    sources: Sequence[Source],
    out_dir: Path,
    resources: Resources,
    *,
    options: IngestOptions,
    on_item: Callable[[Ingested | Rejected], None] | None = None,
) -> ExtractReport:
    """Analyse every article and write its quads as N-Quads, one file per input source.

    The files (``<source stem>.nq`` in ``out_dir``) hold whole articles in input order and are
    the same for any ``options.jobs``; ``kg load`` (:func:`kg.store.bulk.load_nquads`) loads
    them. This is the distributable half of ``kg ingest``: shards can be extracted anywhere.

    Raises:
        KGError: the first failure, unless ``options.keep_going``.
        InputError: ``out_dir`` cannot be written.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(str(out_dir), f"cannot create output directory: {exc}") from exc
    report = ExtractReport()
    shards: deque[int] = deque()

    def tagged() -> Iterator[Article | InputError]:
        for index, source in enumerate(sources):
            for item in read_source_results(source, lang=options.lang, published=options.published):
                shards.append(index)
                yield item

    names = _shard_names(sources)
    current, handle = -1, None
    try:
        for prepared in prepare_articles(tagged(), resources, jobs=options.jobs):
            shard = shards.popleft()
            if shard != current:
                if handle is not None:
                    handle.close()
                path = out_dir / names[shard]
                writer = path.open("wb")
                handle, current = writer, shard
                report.files.append(str(path))
            result: Ingested | Rejected
            if isinstance(prepared, KGError):
                if not options.keep_going:
                    raise prepared
                result = Rejected(
                    source=getattr(prepared, "source", "") or "", message=str(prepared)
                )
                report.rejected.append(result)
            else:
                result, nquads = prepared
                writer.write(nquads)
                report.ingested.append(result)
            if on_item is not None:
                on_item(result)
    finally:
        if handle is not None:
            handle.close()
    return report


def _shard_names(sources: Sequence[Source]) -> list[str]:
    """``<stem>.nq`` per source, made unique with a counter where stems repeat."""
    names: list[str] = []
    used: set[str] = set()
    for number, source in enumerate(sources):
        stem = "stdin" if source.name == "<stdin>" else Path(source.location).stem or "source"
        name = f"{stem}.nq"
        if name in used:
            name = f"{stem}-{number}.nq"
        used.add(name)
        names.append(name)
    return names
