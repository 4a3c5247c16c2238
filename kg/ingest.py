"""Ingest: read sources, analyse each article, build its graph and replace it in the store.

Each article is written atomically (its named graph and claim graphs are dropped and inserted
in one transaction), so a bad input or a crash at article N leaves articles 1..N-1 intact.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date

from kg.errors import InputError, KGError
from kg.model import Analysis, Article
from kg.nlp.pipeline import Resources, analyze
from kg.rdf import iris
from kg.rdf.build import build_article_graph
from kg.rdf.reference import build_reference_graph
from kg.reading import Source, read_source_results
from kg.store import Store, ensure_reference

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class IngestOptions:
    """How to read and what to do on bad input."""

    lang: str | None = None  # force the language (else detected)
    published: date | None = None  # publication date when the text gives none
    keep_going: bool = False  # skip bad articles instead of stopping at the first


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
    analysis: Analysis = analyze(article, resources)
    dataset = build_article_graph(analysis)
    quads = store.replace_graphs(iris.article_graph_iri(article.id), dataset)
    return Ingested(
        article_id=article.id,
        source=article.source,
        headline=article.headline,
        quads=quads,
        actors=len({m.actor for m in analysis.mentions if not m.is_place}),
        statements=len(analysis.statements),
    )


def ingest_articles(
    items: Iterable[Article | InputError],
    store: Store,
    resources: Resources,
    *,
    options: IngestOptions,
    on_item: Callable[[Ingested | Rejected], None] | None = None,
) -> IngestReport:
    """Ingest articles into ``store``.

    Args:
        items: articles, or the errors of records that could not be read (``iter_articles``).
        store: an open, writable store.
        resources: gazetteer and lexicons.
        options: reading and error policy.
        on_item: called after each article (progress, live output).

    Returns:
        What was written and what was rejected.

    Raises:
        KGError: the first failure, unless ``options.keep_going`` (then it is reported).
    """
    report = IngestReport(reference_written=write_reference(store, resources))
    for item in items:
        result: Ingested | Rejected
        try:
            if isinstance(item, InputError):
                raise item
            result = ingest_article(store, item, resources)
            report.ingested.append(result)
        except KGError as exc:
            if not options.keep_going:
                raise
            logger.info("skipped: %s", exc)
            result = Rejected(source=getattr(exc, "source", "") or "", message=str(exc))
            report.rejected.append(result)
        if on_item is not None:
            on_item(result)
    return report


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
