"""Builders for hand-made gold articles and predicted analyses (eval tests)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kg.eval.gold import parse_article
from kg.model import Actor, ActorKind, Analysis, Article, Comment, Mention


def make_gold(**fields: Any) -> Any:
    """A GoldArticle from FORMAT.md fields (id/source/lang filled in)."""
    record = {"id": "a1", "source": "a1.txt", "lang": "de", "published": "2024-12-03"}
    record.update(fields)
    return parse_article(record, gold_file=Path("/gold/test.jsonl"), line=1)


def actor(key: str, name: str, *, qid: str | None = None, names: Sequence[str] = ()) -> Actor:
    """A predicted actor."""
    return Actor(key=key, name=name, kind=ActorKind.PERSON, qid=qid, names=tuple(names))


def mention(key: str, *, comment: int | None = None, is_place: bool = False) -> Mention:
    """A mention of actor ``key`` (offsets do not matter to the scorer)."""
    prefix = f"c{comment}-" if comment is not None else ""
    return Mention(
        id=f"{prefix}m-{key}-{is_place}",
        start=0,
        end=1,
        surface=key,
        actor=key,
        comment=comment,
        is_place=is_place,
    )


def make_analysis(
    actors: Sequence[Actor] = (),
    *,
    mentioned: Sequence[str] | None = None,
    comments: Sequence[Comment] = (),
    **fields: Any,
) -> Analysis:
    """An Analysis whose body mentions every actor (or only ``mentioned``)."""
    keys = [a.key for a in actors] if mentioned is None else list(mentioned)
    mentions = tuple(fields.pop("mentions", ())) + tuple(mention(k) for k in keys)
    article = Article(id="a1", text="x", lang="de", source="a1.txt", comments=tuple(comments))
    return Analysis(article=article, actors=tuple(actors), mentions=mentions, **fields)
