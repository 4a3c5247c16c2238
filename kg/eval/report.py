"""The evaluation report: a table for people and a JSON document for machines.

JSON shape (FORMAT.md; extra figures are additional keys inside the category objects)::

    {"categories": {"actors": {"precision": …, "recall": …, "f1": …, "tp": …, "fp": …, "fn": …,
                               "articles": …},
                    "roles": {…, "role_accuracy": …, "role_accuracy_correct": …,
                              "role_accuracy_total": …}, …},
     "articles": [{"id": …, "source": …, "categories": {…}}]}

Per-article category objects gain ``false_positives``, ``false_negatives`` and ``notes`` lists
with ``details=True``. A category no article annotates has null precision, recall and f1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from kg.eval.score import CATEGORIES, ArticleScore, CategoryScore, total_scores


@dataclass(frozen=True, slots=True, kw_only=True)
class EvalReport:
    """Scores of every gold article, and their micro-averaged totals."""

    articles: tuple[ArticleScore, ...]

    def totals(self) -> dict[str, CategoryScore | None]:
        """Per category, the sum over the articles that annotate it (None: none does)."""
        return total_scores(self.articles)

    def to_json(self, *, details: bool = False) -> dict[str, object]:
        """Return the JSON document (see the module docstring)."""
        return {
            "categories": {
                name: _category_json(score, details=False) for name, score in self.totals().items()
            },
            "articles": [
                {
                    "id": article.id,
                    "source": article.source,
                    "categories": {
                        name: _category_json(score, details=details, per_article=True)
                        for name, score in article.categories.items()
                    },
                }
                for article in self.articles
            ],
        }


def _category_json(
    score: CategoryScore | None, *, details: bool, per_article: bool = False
) -> dict[str, object]:
    if score is None:
        empty: dict[str, object] = dict.fromkeys(("precision", "recall", "f1"))
        return empty | {"tp": 0, "fp": 0, "fn": 0, "articles": 0}
    result: dict[str, object] = {
        "precision": round(score.precision, 4),
        "recall": round(score.recall, 4),
        "f1": round(score.f1, 4),
        "tp": score.tp,
        "fp": score.fp,
        "fn": score.fn,
    }
    if not per_article:
        result["articles"] = score.articles
    for name, accuracy in score.accuracies.items():
        value = accuracy.value
        result[name] = None if value is None else round(value, 4)
        result[f"{name}_correct"] = accuracy.correct
        result[f"{name}_total"] = accuracy.total
    result.update(score.counts)
    if details:
        result["false_positives"] = list(score.false_positives)
        result["false_negatives"] = list(score.false_negatives)
        result["notes"] = list(score.notes)
    return result


# --------------------------------------------------------------------------------------------
# Table
# --------------------------------------------------------------------------------------------

_LABELS = {
    "role_accuracy": "role word",
    "mode_accuracy": "mode",
    "linking_accuracy": "event linking",
    "count_accuracy": "count",
    "author_accuracy": "authors",
    "reply_to_accuracy": "reply_to",
}


def _extras(score: CategoryScore) -> str:
    parts = []
    for name, accuracy in score.accuracies.items():
        label = _LABELS.get(name, name)
        value = "–" if accuracy.value is None else f"{accuracy.value:.3f}"
        parts.append(f"{label} {value} ({accuracy.correct}/{accuracy.total})")
    parts += [f"{name.replace('_', ' ')} {n}" for name, n in score.counts.items()]
    return ", ".join(parts)


def _row(name: str, score: CategoryScore | None) -> str:
    if score is None:
        return f"{name:<16} {'–':>6} {'–':>6} {'–':>6} {0:>5} {0:>5} {0:>5}  not annotated"
    return (
        f"{name:<16} {score.precision:>6.3f} {score.recall:>6.3f} {score.f1:>6.3f} "
        f"{score.tp:>5} {score.fp:>5} {score.fn:>5}  {_extras(score)}"
    ).rstrip()


def _header() -> str:
    return f"{'category':<16} {'P':>6} {'R':>6} {'F1':>6} {'tp':>5} {'fp':>5} {'fn':>5}  extra"


def _table(scores: Mapping[str, CategoryScore | None]) -> list[str]:
    return [_header()] + [_row(name, scores.get(name)) for name in CATEGORIES if name in scores]


def format_table(report: EvalReport, *, details: bool = False) -> str:
    """Return the human-readable report: totals, per-article F1, and (details) FP/FN items."""
    articles = report.articles
    lines = [f"kg eval: {len(articles)} article(s), micro-averaged", ""]
    lines += _table(report.totals())
    lines += ["", "F1 per article (– = not annotated):"]
    short = {"quote_detection": "quotes"}
    width = max([len(a.id) for a in articles] + [7])
    lines.append(f"{'article':<{width}} " + " ".join(f"{short.get(c, c):>10}" for c in CATEGORIES))
    for article in articles:
        cells = [
            f"{article.categories[c].f1:>10.3f}" if c in article.categories else f"{'–':>10}"
            for c in CATEGORIES
        ]
        lines.append(f"{article.id:<{width}} " + " ".join(cells))
    if details:
        for article in articles:
            lines += ["", f"== {article.id} ({article.source})"]
            lines += _table(article.categories)
            for name in CATEGORIES:
                score = article.categories.get(name)
                if score is None:
                    continue
                for label, items in (
                    ("FP", score.false_positives),
                    ("FN", score.false_negatives),
                    ("note", score.notes),
                ):
                    lines += [f"  {name} {label}: {item}" for item in items]
    return "\n".join(lines)
