"""Score the pipeline against gold annotations (``eval/FORMAT.md``).

``evaluate(gold_paths, analyze=...)`` reads every gold file, reads each article from its
``source`` (relative to the gold file, or a URL) with the gold ``lang`` and ``published`` as
metadata, runs ``analyze`` on it and scores the result. ``kg.eval.score`` is the pure scorer,
``kg.eval.gold`` the gold reader, ``kg.eval.report`` the table and JSON output.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from kg.errors import EvalError
from kg.eval.gold import GoldArticle, actor_ids_of, read_gold
from kg.eval.report import EvalReport, format_table
from kg.eval.score import ArticleScore, CategoryScore, score_article
from kg.model import Analysis, Article
from kg.nlp.gazetteer import Gazetteer

__all__ = [
    "ArticleScore",
    "CategoryScore",
    "EvalReport",
    "GoldArticle",
    "evaluate",
    "format_table",
    "read_gold",
    "score_article",
]

logger = logging.getLogger(__name__)

Analyze = Callable[[Article], Analysis]
PathLike = str | os.PathLike[str]


def evaluate(
    gold_paths: PathLike | Iterable[PathLike],
    *,
    analyze: Analyze | None = None,
    gazetteer: Gazetteer | None = None,
) -> EvalReport:
    """Read gold files, run ``analyze`` on each article's source and score it.

    Args:
        gold_paths: one gold file or several (JSON Lines, or one JSON object).
        analyze: ``Article -> Analysis``; default: ``kg.nlp.pipeline.analyze`` with resources
            loaded once.
        gazetteer: where the gold QIDs' labels come from (default: the shipped gazetteer).

    Raises:
        EvalError: a gold file is malformed or names a source that does not exist.
        InputError: a source cannot be read as an article.
    """
    paths = [gold_paths] if isinstance(gold_paths, str | os.PathLike) else list(gold_paths)
    golds = [article for path in paths for article in read_gold(Path(path))]
    for gold in golds:
        if not gold.is_url and not gold.source_path().is_file():
            raise EvalError(
                str(gold.gold_file),
                f"line {gold.line}: source {gold.source!r} of article {gold.id!r} does not exist "
                f"({gold.source_path()})",
            )
    if analyze is None:
        analyze = _default_analyze()
    if gazetteer is None:
        gazetteer = Gazetteer.load()
    qid_names = _qid_names(gazetteer, golds)
    scores = []
    for gold in golds:
        logger.info("eval: %s (%s)", gold.id, gold.source)
        analysis = analyze(read_gold_source(gold))
        scores.append(score_article(gold, analysis, qid_names=qid_names))
    return EvalReport(articles=tuple(scores))


def _default_analyze() -> Analyze:
    from kg.nlp.pipeline import analyze, load_resources  # lazy: the pipeline is heavy

    resources = load_resources()

    def run(article: Article) -> Analysis:
        return analyze(article, resources)

    return run


def _qid_names(gazetteer: Gazetteer, golds: Sequence[GoldArticle]) -> dict[str, tuple[str, ...]]:
    """Labels and aliases (every language; not metonyms) of the QIDs the gold uses."""
    names: dict[str, tuple[str, ...]] = {}
    for qid in sorted(actor_ids_of(golds)):
        entry = gazetteer.by_qid(qid)
        if entry is None:
            continue
        values = list(entry.labels.values())
        for aliases in entry.aliases.values():
            values.extend(aliases)
        names[qid] = tuple(dict.fromkeys(values))
    return names


def read_gold_source(gold: GoldArticle) -> Article:
    """Read a gold article's source with the gold ``lang`` and ``published`` as metadata.

    Raises:
        InputError: the source cannot be read as an article.
        EvalError: the source holds more than one article (a JSONL file).
    """
    from kg.reading import Source, SourceKind, read_source

    source = (
        Source(gold.source, SourceKind.URL)
        if gold.is_url
        else Source(str(gold.source_path()), SourceKind.FILE)
    )
    articles = list(read_source(source, lang=gold.lang, published=gold.published))
    if len(articles) != 1:
        raise EvalError(
            str(gold.gold_file),
            f"line {gold.line}: source {gold.source!r} holds {len(articles)} articles, not one",
        )
    return articles[0]
