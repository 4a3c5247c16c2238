"""The dev set (tests/data/dev): valid gold, readable sources, and a self-consistent scorer."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from pathlib import Path

import pytest

from kg.eval import evaluate, read_gold
from kg.eval.gold import GoldArticle, local_name
from kg.eval.report import EvalReport
from kg.eval.score import CATEGORIES
from kg.model import (
    Actor,
    ActorKind,
    Analysis,
    Article,
    Comment,
    Event,
    Issue,
    Mention,
    Participant,
    PostHolding,
    Stance,
    StancePosition,
    Statement,
)
from kg.nlp.gazetteer import Gazetteer
from kg.reading import Source, SourceKind, read_source

DEV = Path(__file__).resolve().parents[1] / "data" / "dev"
GOLD = DEV / "actors.gold.jsonl"
ARTICLES = read_gold(GOLD)
IDS = [a.id for a in ARTICLES]
MIN_WORDS, MAX_WORDS = 150, 400


def read(gold: GoldArticle) -> Article:
    (article,) = read_source(
        Source(str(gold.source_path()), SourceKind.FILE), lang=gold.lang, published=gold.published
    )
    return article


def test_dev_set_composition() -> None:
    assert len(ARTICLES) >= 8
    assert Counter(a.lang for a in ARTICLES) == {"de": 4, "en": 4}
    suffixes = {a.source_path().suffix for a in ARTICLES}
    assert {".txt", ".html", ".json"} <= suffixes
    front_matter = [
        a for a in ARTICLES if a.source_path().read_text(encoding="utf-8").startswith("---\n")
    ]
    assert front_matter
    assert sum(a.comments is not None for a in ARTICLES) >= 2
    assert all(a.actors and a.roles is not None for a in ARTICLES)
    assert sum(a.statements is not None and a.stances is not None for a in ARTICLES) >= 2


@pytest.mark.parametrize("gold", ARTICLES, ids=IDS)
def test_source_reads_as_one_article_of_the_right_size(gold: GoldArticle) -> None:
    article = read(gold)
    assert article.lang == gold.lang
    assert article.published == gold.published
    words = len(re.findall(r"\w+", article.text))
    assert MIN_WORDS <= words <= MAX_WORDS
    if gold.comments is not None:
        assert [c.author for c in article.comments] == [c.author for c in gold.comments]


@pytest.mark.parametrize("gold", ARTICLES, ids=IDS)
def test_roles_and_comment_mentions_refer_to_annotated_actors(gold: GoldArticle) -> None:
    actors = set(gold.actors or ())
    for role in gold.roles or ():
        assert role.person in actors
        assert role.of in actors
    for comment in gold.comments or ():
        assert all(m.startswith(("Q", "local:")) for m in comment.mentions)


def _key(actor_id: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", actor_id.casefold()).strip("-")


def _actor(actor_id: str) -> Actor:
    name = local_name(actor_id)
    if name is not None:  # a discovered actor: matched by its name only
        return Actor(key=_key(actor_id), name=name, kind=ActorKind.PERSON, curated=False)
    return Actor(key=_key(actor_id), name=actor_id, kind=ActorKind.STATE, qid=actor_id)


def _perfect(gold: GoldArticle, article: Article) -> Analysis:
    """The analysis a perfect pipeline would return for the annotated categories."""
    ids = set(gold.actors or ())
    ids.update(m for c in gold.comments or () for m in c.mentions)
    ids.update(x for s in gold.stances or () for x in (s.holder, s.subject, s.object))
    ids.update(a for e in gold.events or () for a in e.agent)
    mentions = [
        Mention(id=f"m-{i}", start=0, end=1, surface=a, actor=_key(a))
        for i, a in enumerate(gold.actors or ())
    ]
    comments = []
    for index, comment in enumerate(gold.comments or ()):
        comments.append(
            Comment(index=index, author=comment.author, text="…", reply_to=comment.reply_to)
        )
        mentions += [
            Mention(id=f"c{index}-m-{j}", start=0, end=1, surface=m, actor=_key(m), comment=index)
            for j, m in enumerate(comment.mentions)
        ]
    holdings = [
        PostHolding(id=f"h-{i}", person=_key(r.person), role=r.role, of=_key(r.of or ""), start=0)
        for i, r in enumerate(gold.roles or ())
    ]
    statements = [
        Statement(
            id=f"s-{i}", start=0, end=1, text=f"„{s.quote} …“", mode=s.mode, speaker=_key(s.speaker)
        )
        for i, s in enumerate(gold.statements or ())
    ]
    issues = {
        s.issue: Issue(
            key=s.issue, relation=s.relation, subject=_key(s.subject), object=_key(s.object)
        )
        for s in gold.stances or ()
    }
    positions = {"support": StancePosition.SUPPORTS, "oppose": StancePosition.OPPOSES}
    stances = [
        Stance(id=f"st-{i}", holder=_key(s.holder), issue=s.issue, position=positions[s.stance])
        for i, s in enumerate(gold.stances or ())
    ]
    events = [
        Event(
            id=f"e-{i}",
            type=e.type,
            start=0,
            end=1,
            trigger="x",
            when=e.when,
            wikidata=e.wikidata,
            participants=tuple(Participant(actor=_key(a), role="agent") for a in e.agent),
        )
        for i, e in enumerate(gold.events or ())
    ]
    return Analysis(
        article=dataclasses.replace(article, comments=tuple(comments)),
        actors=tuple(_actor(a) for a in sorted(ids)),
        mentions=tuple(mentions),
        holdings=tuple(holdings),
        statements=tuple(statements),
        issues=tuple(issues.values()),
        stances=tuple(stances),
        events=tuple(events),
    )


def test_a_perfect_analysis_scores_one_everywhere() -> None:
    by_source = {str(a.source_path()): a for a in ARTICLES}

    def analyze(article: Article) -> Analysis:
        return _perfect(by_source[article.source], article)

    report: EvalReport = evaluate(GOLD, analyze=analyze, gazetteer=Gazetteer([]))
    totals = report.totals()
    for name in CATEGORIES:
        score = totals[name]
        assert score is not None, name
        assert (score.fp, score.fn, score.f1) == (0, 0, 1.0), name
        assert all(acc.value == 1.0 for acc in score.accuracies.values()), name
