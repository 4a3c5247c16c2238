"""The orchestrator: runs the stages in order over one article. Boring on purpose.

Stage order (each stage needs only what earlier stages produced)::

    sentences -> mentions (actors, posts) -> time expressions -> statements
              -> stances (issues) -> events (claims)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from kg import __version__
from kg.errors import KGError, PipelineError
from kg.model import Analysis, Article, MentionResult, Sentence
from kg.nlp._names import NameIndex, build_name_index
from kg.nlp.events import extract_events, load_event_lexicon
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.known_events import KnownEventCatalogue
from kg.nlp.lexicon import MentionLexicon, load_mention_lexicon
from kg.nlp.mentions import find_mentions
from kg.nlp.quantities import find_quantities
from kg.nlp.sentences import split_sentences
from kg.nlp.stances import detect_stances, load_stance_lexicon
from kg.nlp.statements import extract_statements, load_statement_lexicon
from kg.nlp.timex import find_time_expressions, load_time_lexicon

logger = logging.getLogger(__name__)

#: The stages as data: (name, what it needs, what it produces). Checked by a test.
STAGES: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = (
    ("sentences", ("article",), ("sentences",)),
    ("mentions", ("article", "sentences"), ("actors", "mentions", "holdings")),
    ("timex", ("article", "sentences"), ("timexes",)),
    ("statements", ("article", "sentences", "mentions", "actors", "holdings"), ("statements",)),
    (
        "stances",
        ("article", "sentences", "mentions", "actors", "holdings", "statements"),
        ("issues", "stances"),
    ),
    (
        "events",
        ("article", "sentences", "mentions", "actors", "timexes", "statements"),
        ("events",),
    ),
)


@dataclass
class Resources:
    """Gazetteer and lexicons, loaded once and shared by every article (per language)."""

    gazetteer: Gazetteer
    index: NameIndex
    catalogue: KnownEventCatalogue
    _lexicons: dict[tuple[str, str], Any] = field(default_factory=dict)

    def mention_lexicon(self, lang: str) -> MentionLexicon:
        """Return the mention/role lexicon for ``lang`` (loaded on first use)."""
        return self.lexicon("mentions", lang, load_mention_lexicon)  # type: ignore[no-any-return]

    def lexicon(self, stage: str, lang: str, loader: Callable[[str], Any]) -> Any:
        """Return ``loader(lang)``, memoised per stage and language."""
        key = (stage, lang)
        if key not in self._lexicons:
            self._lexicons[key] = loader(lang)
        return self._lexicons[key]


def load_resources(gazetteer: Gazetteer | None = None) -> Resources:
    """Load the shipped gazetteer (or use ``gazetteer``) and index it."""
    gazetteer = gazetteer if gazetteer is not None else Gazetteer.load()
    return Resources(
        gazetteer=gazetteer,
        index=build_name_index(gazetteer),
        catalogue=KnownEventCatalogue.load(),
    )


def analyze(article: Article, resources: Resources) -> Analysis:
    """Run every stage over one article and return its ``Analysis``.

    Raises:
        PipelineError: a stage failed (the error names the stage and the article).
    """
    stage = "sentences"
    try:
        lexicon = resources.mention_lexicon(article.lang)
        sentences = split_sentences(article, abbreviations=lexicon.abbreviations)
        stage = "mentions"
        found = find_mentions(
            article, sentences, resources.gazetteer, lexicon, index=resources.index
        )
        extra = _later_stages(article, resources, sentences, found)
    except KGError:
        raise
    except Exception as exc:
        raise PipelineError(
            f"stage {stage!r} failed on article {article.id} ({article.source}): {exc}",
            stage=stage,
            article_id=article.id,
        ) from exc
    return Analysis(
        article=article,
        sentences=sentences,
        actors=found.actors,
        mentions=found.mentions,
        holdings=found.holdings,
        extractor=f"kg {__version__}",
        extracted_at=datetime.now(UTC).replace(microsecond=0),
        **extra,
    )


def _later_stages(
    article: Article, resources: Resources, sentences: tuple[Sentence, ...], found: MentionResult
) -> dict[str, Any]:
    """Run the stages after mentions: time, statements, stances, events."""
    lang = article.lang
    timexes = find_time_expressions(
        article, sentences, lexicon=resources.lexicon("timex", lang, load_time_lexicon)
    )
    statements = extract_statements(
        article,
        sentences,
        found.mentions,
        found.actors,
        found.holdings,
        lexicon=resources.lexicon("statements", lang, load_statement_lexicon),
        timexes=timexes,
    )
    issues, stances = detect_stances(
        article,
        sentences,
        found.mentions,
        found.actors,
        found.holdings,
        statements,
        lexicon=resources.lexicon("stances", lang, load_stance_lexicon),
    )
    events = extract_events(
        article,
        sentences,
        found.mentions,
        found.actors,
        timexes,
        statements,
        lexicon=resources.lexicon("events", lang, load_event_lexicon),
        catalogue=resources.catalogue,
    )
    quantities = find_quantities(
        article, sentences, timexes, lexicon=resources.lexicon("events", lang, load_event_lexicon)
    )
    return {
        "quantities": quantities,
        "timexes": timexes,
        "statements": statements,
        "issues": issues,
        "stances": stances,
        "events": events,
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class Failed:
    """An article the batch skipped, with the reason (``on_error="skip"``)."""

    article_id: str
    source: str
    stage: str
    error: KGError


def analyze_many(
    articles: Iterable[Article],
    resources: Resources,
    *,
    on_error: Literal["raise", "skip"] = "raise",
) -> Iterator[Analysis | Failed]:
    """Analyse articles one by one; with ``on_error="skip"`` failures come back as ``Failed``."""
    for article in articles:
        try:
            yield analyze(article, resources)
        except PipelineError as exc:
            if on_error == "raise":
                raise
            logger.warning("skipped %s: %s", article.source, exc)
            yield Failed(article_id=article.id, source=article.source, stage=exc.stage, error=exc)
