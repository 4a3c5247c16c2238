"""Score predicted analyses against gold annotations, exactly as ``eval/FORMAT.md`` says.

Pure: ``score_article(gold, analysis, qid_names=...)`` returns one ``ArticleScore``;
``total_scores(articles)`` micro-averages them. No I/O; the gold QIDs' labels are passed in.

Decisions FORMAT.md leaves open, and the extension:

- **Matching.** In every category one prediction matches at most one gold item and vice versa,
  greedy, best first: all compatible (prediction, gold) pairs are sorted by a score (actor
  identity: an equal QID beats a name match, a closer name beats a looser one; statements: a
  tighter quote containment and an equal mode win; events: an exact ``when`` and more matching
  agents win), ties broken by gold order, then prediction order.
- **Absent categories.** A category whose field is absent from a gold article (not merely empty)
  is not scored for that article; the totals cover only the articles that annotate it.
- **Predicted actors** are the actors of the body mentions (``comment is None``) that are not
  places; roles are the holdings the text states (``start is not None``), deduplicated by
  (person, of) — the first by text position gives the role word.
- **Duplicates.** "A statement repeated in headline and body counts once": a predicted statement
  left unmatched that would have matched an already matched gold statement is a duplicate,
  neither a true nor a false positive (listed as such in the details). The same holds for quote
  detection and stances (a set of tuples). Events are deduplicated only when two predictions
  are identical (type, when, agents, wikidata); other extra events are false positives.
- **Stances**: ``demands`` counts as support, ``hesitant`` predictions are not scored.
- **Events**: ``affected`` is not scored (FORMAT.md scores type, ``when`` and agents); agents
  are the participants with role ``agent``. Predicted events of a type FORMAT.md does not list
  (``protest``) are not annotated, so not scored, unless the article's gold uses that type.
- **Comments**: gold and predicted comments are paired by position. ``comments`` P/R/F1 is the
  mention F1; count accuracy is per article (equal counts), author and reply_to accuracy are over
  ``max(len(gold), len(predicted))`` positions (a missing comment is wrong).
- **Empty denominators**: precision with no predictions is 1.0 when nothing was missed (else 0.0),
  recall with no gold items is 1.0 when nothing was predicted (else 0.0). Accuracies with no
  items are None.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TypeVar

from rapidfuzz import fuzz

from kg.eval.gold import GoldArticle, GoldEvent, GoldStance, GoldStatement, is_qid, local_name
from kg.eval.gold import split_issue as _split_issue
from kg.model import Actor, Analysis, Event, EventType, StancePosition, Statement
from kg.nlp.gazetteer import fold

P = TypeVar("P")
G = TypeVar("G")

#: FORMAT.md, "Actor identity": a fuzzy ratio of at least 0.85 after folding.
NAME_THRESHOLD = 0.85
#: Score of an equal QID: above any name ratio, so QID matches are taken first.
QID_SCORE = 2.0

#: German <-> English transliteration variants, applied in order to both folded names so that
#: Peskow/Peskov, Selenskyj/Zelensky, Schmyhal/Shmyhal, Cherson/Kherson, Saporischschja/
#: Zaporizhzhia map to one skeleton (the German Duden and English BGN/PCGN romanisations of
#: Russian and Ukrainian differ in exactly these spellings).
TRANSLITERATION = (
    ("tsch", "ch"),
    ("sch", "sh"),
    ("zh", "sh"),
    ("ch", "kh"),
    ("w", "v"),
    ("z", "s"),
    ("j", "y"),
    ("yy", "y"),
    ("iy", "y"),
)

CATEGORIES = (
    "actors",
    "roles",
    "statements",
    "quote_detection",
    "stances",
    "events",
    "comments",
)

_QUOTES = re.compile(r"[\"'`´«»‹›„“”‟‚‘’‛]")
_SPACE = re.compile(r"\s+")
_NON_WORD = re.compile(r"[\W_]+")


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Accuracy:
    """``correct`` out of ``total``; ``value`` is None when there was nothing to judge."""

    correct: int = 0
    total: int = 0

    @property
    def value(self) -> float | None:
        """The ratio, or None for no items."""
        return self.correct / self.total if self.total else None

    def __add__(self, other: Accuracy) -> Accuracy:
        return Accuracy(self.correct + other.correct, self.total + other.total)


@dataclass(frozen=True, slots=True, kw_only=True)
class CategoryScore:
    """Counts of one category (one article, or summed), extra figures and the details."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    accuracies: Mapping[str, Accuracy] = field(default_factory=dict)
    counts: Mapping[str, int] = field(default_factory=dict)
    false_positives: tuple[str, ...] = ()
    false_negatives: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()  # duplicates, wrong role words/modes, comment mismatches
    articles: int = 1  # how many articles were scored in this category

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was predicted and nothing missed."""
        if self.tp + self.fp:
            return self.tp / (self.tp + self.fp)
        return 1.0 if self.fn == 0 else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when there was nothing to find and nothing predicted."""
        if self.tp + self.fn:
            return self.tp / (self.tp + self.fn)
        return 1.0 if self.fp == 0 else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: CategoryScore) -> CategoryScore:
        accuracies = dict(self.accuracies)
        for name, acc in other.accuracies.items():
            accuracies[name] = accuracies.get(name, Accuracy()) + acc
        counts = dict(self.counts)
        for name, n in other.counts.items():
            counts[name] = counts.get(name, 0) + n
        return CategoryScore(
            tp=self.tp + other.tp,
            fp=self.fp + other.fp,
            fn=self.fn + other.fn,
            accuracies=accuracies,
            counts=counts,
            articles=self.articles + other.articles,
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class ArticleScore:
    """The scores of one gold article; only annotated categories are present."""

    id: str
    source: str
    categories: Mapping[str, CategoryScore]


def total_scores(articles: Iterable[ArticleScore]) -> dict[str, CategoryScore | None]:
    """Micro-average: sum each category over the articles that score it (None: none did)."""
    totals: dict[str, CategoryScore | None] = dict.fromkeys(CATEGORIES)
    for article in articles:
        for name, score in article.categories.items():
            current = totals.get(name)
            totals[name] = score + CategoryScore(articles=0) if current is None else current + score
    return totals


# --------------------------------------------------------------------------------------------
# Actor identity
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ActorRef:
    """A predicted actor as the scorer sees it: key, QID and every label/alias."""

    key: str
    qid: str | None
    names: tuple[str, ...]

    @classmethod
    def of(cls, actor: Actor) -> ActorRef:
        """Build from an ``Actor`` (``names`` plus ``name``)."""
        return cls(actor.key, actor.qid, tuple(dict.fromkeys((actor.name, *actor.names))))

    def describe(self) -> str:
        """Human form for details: ``key (Q…) "Name"``."""
        qid = f" ({self.qid})" if self.qid else ""
        name = f' "{self.names[0]}"' if self.names and self.names[0] != self.key else ""
        return f"{self.key}{qid}{name}"


@lru_cache(maxsize=65536)
def _variants(name: str) -> tuple[str, str]:
    folded = _SPACE.sub(" ", _NON_WORD.sub(" ", fold(unicodedata.normalize("NFC", name)))).strip()
    skeleton = folded
    for source, target in TRANSLITERATION:
        skeleton = skeleton.replace(source, target)
    return folded, skeleton


@lru_cache(maxsize=262144)
def name_similarity(a: str, b: str) -> float:
    """Return the fuzzy ratio (0..1) of two names after folding and transliteration.

    >>> name_similarity("Dmitri Peskow", "Dmitry Peskov") >= NAME_THRESHOLD
    True
    >>> name_similarity("Selenskyj", "Zelensky") >= NAME_THRESHOLD
    True
    """
    (fa, sa), (fb, sb) = _variants(a), _variants(b)
    if not fa or not fb:
        return 0.0
    return max(fuzz.ratio(fa, fb), fuzz.ratio(sa, sb)) / 100.0


class ActorIdentity:
    """FORMAT.md "Actor identity" for one article.

    Args:
        actors: the article's predicted actors (their names extend the labels of their QIDs).
        qid_names: labels and aliases of gold QIDs (from the gazetteer).
    """

    def __init__(self, actors: Sequence[Actor], qid_names: Mapping[str, Sequence[str]]) -> None:
        names: dict[str, list[str]] = defaultdict(list)
        for qid, labels in qid_names.items():
            names[qid].extend(labels)
        for actor in actors:
            if actor.qid:
                names[actor.qid].extend(ActorRef.of(actor).names)
        self._names = {qid: tuple(dict.fromkeys(values)) for qid, values in names.items()}
        self._by_key = {actor.key: ActorRef.of(actor) for actor in actors}

    def gold_names(self, gold_id: str) -> tuple[str, ...]:
        """The names a gold id may be matched by (``local:NAME`` or the QID's labels)."""
        name = local_name(gold_id)
        return (name,) if name is not None else self._names.get(gold_id, ())

    def ref(self, value: str) -> ActorRef:
        """A predicted actor key, QID or bare name as an ``ActorRef``."""
        if value in self._by_key:
            return self._by_key[value]
        if is_qid(value):
            return ActorRef(value, value, self._names.get(value, ()))
        name = local_name(value) or value
        return ActorRef(value, None, (name,))

    def score(self, pred: ActorRef, gold_id: str) -> float:
        """Return QID_SCORE for an equal QID, the best name ratio if ≥ threshold, else 0."""
        if pred.qid is not None and pred.qid == gold_id:
            return QID_SCORE
        best = max(
            (name_similarity(a, b) for a in pred.names for b in self.gold_names(gold_id)),
            default=0.0,
        )
        return best if best >= NAME_THRESHOLD else 0.0


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


def greedy_match(
    preds: Sequence[P], golds: Sequence[G], score: Callable[[P, G], float]
) -> dict[int, int]:
    """Match predictions to gold items one-to-one, best score first.

    Pairs scoring 0 are incompatible. Ties: gold order, then prediction order.

    Returns:
        prediction index -> gold index.
    """
    pairs = [
        (s, gi, pi)
        for pi, pred in enumerate(preds)
        for gi, gold in enumerate(golds)
        if (s := score(pred, gold)) > 0
    ]
    pairs.sort(key=lambda t: (-t[0], t[1], t[2]))
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, pi in pairs:
        if pi not in matched and gi not in used:
            matched[pi] = gi
            used.add(gi)
    return matched


@dataclass(frozen=True, slots=True)
class _Outcome:
    matches: dict[int, int]
    fp: tuple[int, ...]
    duplicates: tuple[int, ...]
    fn: tuple[int, ...]


def _match(
    preds: Sequence[P],
    golds: Sequence[G],
    score: Callable[[P, G], float],
    *,
    forgive_duplicates: bool,
) -> _Outcome:
    matches = greedy_match(preds, golds, score)
    used = set(matches.values())
    fp: list[int] = []
    duplicates: list[int] = []
    for pi, pred in enumerate(preds):
        if pi in matches:
            continue
        if forgive_duplicates and any(score(pred, golds[gi]) > 0 for gi in used):
            duplicates.append(pi)
        else:
            fp.append(pi)
    fn = tuple(gi for gi in range(len(golds)) if gi not in used)
    return _Outcome(matches, tuple(fp), tuple(duplicates), fn)


# --------------------------------------------------------------------------------------------
# Categories
# --------------------------------------------------------------------------------------------


def normalise_quote(text: str) -> str:
    """Case-fold, drop quotation marks, collapse whitespace (FORMAT.md "statements").

    >>> normalise_quote("„Wir  werden“ Alle")
    'wir werden alle'
    """
    text = _QUOTES.sub("", unicodedata.normalize("NFC", text).casefold())
    return _SPACE.sub(" ", text).strip()


def normalise_role(role: str) -> str:
    """Canonical role strings compare case-, hyphen- and space-insensitively.

    >>> normalise_role("Secretary-General") == normalise_role("secretary general")
    True
    """
    return _SPACE.sub(" ", role.casefold().replace("-", " ").replace("_", " ")).strip()


def score_actors(gold: Sequence[str], analysis: Analysis, identity: ActorIdentity) -> CategoryScore:
    """Article actors: body mentions that are not places vs gold ids."""
    keys = dict.fromkeys(m.actor for m in analysis.mentions if m.comment is None and not m.is_place)
    preds = [identity.ref(key) for key in keys]
    golds = list(dict.fromkeys(gold))
    outcome = _match(preds, golds, identity.score, forgive_duplicates=False)
    return CategoryScore(
        tp=len(outcome.matches),
        fp=len(outcome.fp),
        fn=len(outcome.fn),
        false_positives=tuple(preds[i].describe() for i in outcome.fp),
        false_negatives=tuple(_describe_gold(golds[i], identity) for i in outcome.fn),
    )


def _describe_gold(gold_id: str, identity: ActorIdentity) -> str:
    names = identity.gold_names(gold_id)
    return f'{gold_id} "{names[0]}"' if is_qid(gold_id) and names else gold_id


def score_roles(gold: GoldArticle, analysis: Analysis, identity: ActorIdentity) -> CategoryScore:
    """(person, of) pairs the text states; role word accuracy on matched pairs."""
    holdings = sorted(
        (h for h in analysis.holdings if h.start is not None), key=lambda h: h.start or 0
    )
    pairs = list({(h.person, h.of): h for h in reversed(holdings)}.values())[::-1]
    golds = list({(r.person, r.of): r for r in reversed(gold.roles or ())}.values())[::-1]

    def pair_score(index: int, gi: int) -> float:
        holding, role = pairs[index], golds[gi]
        person = identity.score(identity.ref(holding.person), role.person)
        if holding.of is None or role.of is None:
            of = 1.0 if holding.of is role.of else 0.0
        else:
            of = identity.score(identity.ref(holding.of), role.of)
        return min(person, of)

    outcome = _match(range(len(pairs)), range(len(golds)), pair_score, forgive_duplicates=False)
    correct = 0
    notes = []
    for pi, gi in outcome.matches.items():
        if normalise_role(pairs[pi].role) == normalise_role(golds[gi].role):
            correct += 1
        else:
            notes.append(
                f"role word {pairs[pi].role!r} for gold {golds[gi].role!r} ({golds[gi].person})"
            )

    def show(index: int) -> str:
        h = pairs[index]
        return f"{identity.ref(h.person).describe()} {h.role} of {h.of} ({h.descriptor or ''})"

    return CategoryScore(
        tp=len(outcome.matches),
        fp=len(outcome.fp),
        fn=len(outcome.fn),
        accuracies={"role_accuracy": Accuracy(correct, len(outcome.matches))},
        false_positives=tuple(show(i) for i in outcome.fp),
        false_negatives=tuple(
            f"{golds[i].person} {golds[i].role} of {golds[i].of}" for i in outcome.fn
        ),
        notes=tuple(notes),
    )


def _statement_score(
    identity: ActorIdentity, *, with_speaker: bool
) -> Callable[[Statement, GoldStatement], float]:
    def score(pred: Statement, gold: GoldStatement) -> float:
        text, quote = normalise_quote(pred.text), normalise_quote(gold.quote)
        if not quote or quote not in text:
            return 0.0
        value = 1.0 + 0.5 * len(quote) / len(text) + (0.25 if pred.mode == gold.mode else 0.0)
        if not with_speaker:
            return value
        if pred.speaker is None:
            return 0.0
        speaker = identity.score(identity.ref(pred.speaker), gold.speaker)
        return value + speaker if speaker else 0.0

    return score


def score_statements(
    gold: Sequence[GoldStatement], analysis: Analysis, identity: ActorIdentity
) -> tuple[CategoryScore, CategoryScore]:
    """Statements (speaker + quote, mode accuracy) and quote detection (quote only)."""
    preds = list(analysis.statements)
    golds = list(gold)
    results = []
    for with_speaker in (True, False):
        score = _statement_score(identity, with_speaker=with_speaker)
        outcome = _match(preds, golds, score, forgive_duplicates=True)
        mode = Accuracy(
            sum(preds[pi].mode == golds[gi].mode for pi, gi in outcome.matches.items()),
            len(outcome.matches),
        )
        notes = [f"duplicate: {_show_statement(preds[i], identity)}" for i in outcome.duplicates]
        notes += [
            f"mode {preds[pi].mode.value} for gold {golds[gi].mode.value}: {golds[gi].quote!r}"
            for pi, gi in outcome.matches.items()
            if preds[pi].mode != golds[gi].mode
        ]
        results.append(
            CategoryScore(
                tp=len(outcome.matches),
                fp=len(outcome.fp),
                fn=len(outcome.fn),
                accuracies={"mode_accuracy": mode} if with_speaker else {},
                false_positives=tuple(_show_statement(preds[i], identity) for i in outcome.fp),
                false_negatives=tuple(
                    f"{golds[i].speaker} {golds[i].mode.value}: {golds[i].quote!r}"
                    for i in outcome.fn
                ),
                notes=tuple(notes) if with_speaker else tuple(notes[: len(outcome.duplicates)]),
            )
        )
    return results[0], results[1]


def _show_statement(statement: Statement, identity: ActorIdentity) -> str:
    speaker = identity.ref(statement.speaker).describe() if statement.speaker else "(no speaker)"
    text = statement.text if len(statement.text) <= 90 else statement.text[:87] + "…"
    return f"{speaker} {statement.mode.value}: {text!r}"


@dataclass(frozen=True, slots=True)
class _PredStance:
    holder: ActorRef
    relation: str
    subject: ActorRef | None
    object: ActorRef | None
    stance: str

    def describe(self) -> str:
        parts = [r.describe() if r else "?" for r in (self.subject, self.object)]
        return f"{self.holder.describe()} {self.stance} {self.relation}({', '.join(parts)})"


_POLARITY = {
    StancePosition.DEMANDS: "support",
    StancePosition.SUPPORTS: "support",
    StancePosition.OPPOSES: "oppose",
}


def _predicted_stances(analysis: Analysis, identity: ActorIdentity) -> list[_PredStance]:
    issues = {issue.key: issue for issue in analysis.issues}
    preds = []
    for stance in analysis.stances:
        polarity = _POLARITY.get(stance.position)
        if polarity is None:  # hesitant: not annotated, not scored
            continue
        issue = issues.get(stance.issue)
        if issue is not None:
            relation, subject, obj = issue.relation, issue.subject, issue.object
        else:
            try:
                relation, subject, obj = _split_issue(stance.issue)
            except ValueError:
                relation, subject, obj = stance.issue, None, None
        preds.append(
            _PredStance(
                holder=identity.ref(stance.holder),
                relation=relation,
                subject=identity.ref(subject) if subject else None,
                object=identity.ref(obj) if obj else None,
                stance=polarity,
            )
        )
    return preds


def score_stances(
    gold: Sequence[GoldStance], analysis: Analysis, identity: ActorIdentity
) -> CategoryScore:
    """(holder, relation, subject, object, stance) all match; demands = support."""
    preds = _predicted_stances(analysis, identity)
    golds = list(dict.fromkeys(gold))

    def score(pred: _PredStance, g: GoldStance) -> float:
        if pred.relation != g.relation or pred.stance != g.stance:
            return 0.0
        if pred.subject is None or pred.object is None:
            return 0.0
        parts = (
            identity.score(pred.holder, g.holder),
            identity.score(pred.subject, g.subject),
            identity.score(pred.object, g.object),
        )
        return sum(parts) if all(parts) else 0.0

    outcome = _match(preds, golds, score, forgive_duplicates=True)
    return CategoryScore(
        tp=len(outcome.matches),
        fp=len(outcome.fp),
        fn=len(outcome.fn),
        false_positives=tuple(preds[i].describe() for i in outcome.fp),
        false_negatives=tuple(
            f"{golds[i].holder} {golds[i].stance} {golds[i].issue}" for i in outcome.fn
        ),
        notes=tuple(f"duplicate: {preds[i].describe()}" for i in outcome.duplicates),
    )


def when_compatible(predicted: str | None, gold: str | None) -> bool:
    """Equal, one a prefix of the other (by ISO component), or gold null.

    >>> when_compatible("2022-09-30", "2022"), when_compatible("2022", "2022-09")
    (True, True)
    >>> when_compatible("2022-10", "2022-01"), when_compatible(None, "2022")
    (False, False)
    >>> when_compatible(None, None)
    True
    """
    if gold is None:
        return True
    if predicted is None:
        return False
    p, g = predicted.split("-"), gold.split("-")
    n = min(len(p), len(g))
    return p[:n] == g[:n]


def _agents(event: Event) -> tuple[str, ...]:
    """FORMAT.md's agents: participants on the agent side (agent, attacker, requester, …)."""
    from kg.nlp.events import is_agent_role

    return tuple(p.actor for p in event.participants if is_agent_role(p.role))


#: The event types FORMAT.md annotates; kg also extracts others (``EventType.PROTEST``).
FORMAT_EVENT_TYPES = frozenset(EventType) - {EventType.PROTEST}


def score_events(
    gold: Sequence[GoldEvent], analysis: Analysis, identity: ActorIdentity
) -> CategoryScore:
    """Type equal, ``when`` compatible, one agent matching; event linking on matches."""
    scored_types = FORMAT_EVENT_TYPES | {g.type for g in gold}
    unique: dict[tuple[object, ...], Event] = {}
    for event in analysis.events:
        if event.type not in scored_types:  # not annotated, not scored (as hesitant stances)
            continue
        key = (event.type, event.when, tuple(sorted(_agents(event))), event.wikidata)
        unique.setdefault(key, event)
    preds = list(unique.values())
    golds = list(gold)

    def score(pred: Event, g: GoldEvent) -> float:
        if pred.type != g.type or not when_compatible(pred.when, g.when):
            return 0.0
        agents = [identity.ref(a) for a in _agents(pred)]
        hits = sum(any(identity.score(a, ga) for a in agents) for ga in g.agent)
        if g.agent and not hits:
            return 0.0
        value = 1.0 + (0.5 if pred.when == g.when else 0.0)
        value += 0.5 * hits / len(g.agent) if g.agent else 0.0
        return value + (0.25 if pred.wikidata == g.wikidata else 0.0)

    outcome = _match(preds, golds, score, forgive_duplicates=False)
    linked = Accuracy(
        sum(preds[pi].wikidata == golds[gi].wikidata for pi, gi in outcome.matches.items()),
        len(outcome.matches),
    )
    notes = [
        f"event linking {preds[pi].wikidata} for gold {golds[gi].wikidata} ({golds[gi].type.value})"
        for pi, gi in outcome.matches.items()
        if preds[pi].wikidata != golds[gi].wikidata
    ]

    def show(event: Event) -> str:
        agents = ", ".join(identity.ref(a).describe() for a in _agents(event))
        return f"{event.type.value} when={event.when} agent=[{agents}] {event.trigger!r}"

    return CategoryScore(
        tp=len(outcome.matches),
        fp=len(outcome.fp),
        fn=len(outcome.fn),
        accuracies={"linking_accuracy": linked},
        false_positives=tuple(show(preds[i]) for i in outcome.fp),
        false_negatives=tuple(
            f"{g.type.value} when={g.when} agent={list(g.agent)}"
            for g in (golds[i] for i in outcome.fn)
        ),
        notes=tuple(notes),
    )


def score_comments(gold: GoldArticle, analysis: Analysis, identity: ActorIdentity) -> CategoryScore:
    """Comment count, authors in order, reply_to, and mention F1 (the P/R/F1 of the category)."""
    golds = list(gold.comments or ())
    preds = sorted(analysis.article.comments, key=lambda c: c.index)
    positions = max(len(golds), len(preds))
    authors = replies = tp = fp = fn = 0
    fps: list[str] = []
    fns: list[str] = []
    notes: list[str] = []
    for i in range(positions):
        g = golds[i] if i < len(golds) else None
        p = preds[i] if i < len(preds) else None
        if g is not None and p is not None:
            if p.author.strip() == g.author.strip():
                authors += 1
            else:
                notes.append(f"comment {i}: author {p.author!r} for gold {g.author!r}")
            if p.reply_to == g.reply_to:
                replies += 1
            else:
                notes.append(f"comment {i}: reply_to {p.reply_to!r} for gold {g.reply_to!r}")
        keys = (
            dict.fromkeys(
                m.actor for m in analysis.mentions if m.comment == p.index and not m.is_place
            )
            if p is not None
            else {}
        )
        mentioned = [identity.ref(key) for key in keys]
        gold_mentions = list(dict.fromkeys(g.mentions)) if g is not None else []
        outcome = _match(mentioned, gold_mentions, identity.score, forgive_duplicates=False)
        tp += len(outcome.matches)
        fp += len(outcome.fp)
        fn += len(outcome.fn)
        fps += [f"comment {i}: {mentioned[j].describe()}" for j in outcome.fp]
        fns += [f"comment {i}: {_describe_gold(gold_mentions[j], identity)}" for j in outcome.fn]
    return CategoryScore(
        tp=tp,
        fp=fp,
        fn=fn,
        accuracies={
            "count_accuracy": Accuracy(int(len(golds) == len(preds)), 1),
            "author_accuracy": Accuracy(authors, positions),
            "reply_to_accuracy": Accuracy(replies, positions),
        },
        counts={"gold_comments": len(golds), "predicted_comments": len(preds)},
        false_positives=tuple(fps),
        false_negatives=tuple(fns),
        notes=tuple(notes),
    )


def score_article(
    gold: GoldArticle, analysis: Analysis, *, qid_names: Mapping[str, Sequence[str]]
) -> ArticleScore:
    """Score one analysis against its gold article (only the categories the gold annotates).

    Args:
        gold: the gold article.
        analysis: what the pipeline produced for it.
        qid_names: labels and aliases (any language) of the gold QIDs, e.g. from the gazetteer.
    """
    identity = ActorIdentity(analysis.actors, qid_names)
    categories: dict[str, CategoryScore] = {}
    if gold.actors is not None:
        categories["actors"] = score_actors(gold.actors, analysis, identity)
    if gold.roles is not None:
        categories["roles"] = score_roles(gold, analysis, identity)
    if gold.statements is not None:
        statements, quotes = score_statements(gold.statements, analysis, identity)
        categories["statements"] = statements
        categories["quote_detection"] = quotes
    if gold.stances is not None:
        categories["stances"] = score_stances(gold.stances, analysis, identity)
    if gold.events is not None:
        categories["events"] = score_events(gold.events, analysis, identity)
    if gold.comments is not None:
        categories["comments"] = score_comments(gold, analysis, identity)
    return ArticleScore(id=gold.id, source=gold.source, categories=categories)
