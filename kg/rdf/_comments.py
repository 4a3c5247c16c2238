"""Reader comments, their pseudonymous authors and the actors they mention."""

from __future__ import annotations

import dataclasses
import logging
from urllib.parse import urlsplit

from rdflib import Literal

from kg.model import Analysis, Comment
from kg.rdf import iris
from kg.rdf._context import ArticleContext
from kg.rdf._sink import TripleSink
from kg.rdf.vocab import GK, RDF, SDO, XSD

logger = logging.getLogger(__name__)


def add_comments(graph: TripleSink, ctx: ArticleContext, analysis: Analysis) -> None:
    """Add the reader comments, their pseudonymous authors and the actors they mention.

    Emits: schema:comment, schema:Comment, schema:parentItem, schema:author, schema:text,
    schema:position, schema:dateCreated, schema:upvoteCount, schema:downvoteCount,
    schema:mentions, schema:Person, schema:alternateName, gk:userRank.
    """
    article = analysis.article
    publisher = article.publisher or _host(article.url) or ""
    mentioned: dict[int, set[str]] = {}
    for mention in analysis.mentions:
        if mention.comment is not None:
            mentioned.setdefault(mention.comment, set()).add(mention.actor)
    indices = {comment.index for comment in article.comments}
    for comment in article.comments:
        if comment.parent is not None and comment.parent not in indices:
            logger.warning(
                "article %s: comment %d replies to unknown comment %d; attached to the article",
                article.id,
                comment.index,
                comment.parent,
            )
            comment = dataclasses.replace(comment, parent=None)
        _add_comment(graph, ctx, comment, publisher, sorted(mentioned.get(comment.index, ())))


def _add_comment(
    graph: TripleSink, ctx: ArticleContext, comment: Comment, publisher: str, mentions: list[str]
) -> None:
    """Add one comment and its author (terms listed in ``_add_comments``)."""
    node = iris.comment_iri(ctx.article_id, comment.index)
    parent = (
        iris.comment_iri(ctx.article_id, comment.parent)
        if comment.parent is not None
        else ctx.article
    )
    user = iris.user_iri(publisher, comment.author)
    graph.add((ctx.article, SDO.comment, node))
    graph.add((node, RDF.type, SDO.Comment))
    graph.add((node, SDO.parentItem, parent))
    graph.add((node, SDO.author, user))
    graph.add((node, SDO.text, Literal(comment.text, lang=ctx.lang)))
    graph.add((node, SDO.position, Literal(comment.index + 1, datatype=XSD.integer)))
    if comment.created is not None:
        graph.add((node, SDO.dateCreated, Literal(comment.created)))
    if comment.upvotes is not None:
        graph.add((node, SDO.upvoteCount, Literal(comment.upvotes, datatype=XSD.integer)))
    if comment.downvotes is not None:
        graph.add((node, SDO.downvoteCount, Literal(comment.downvotes, datatype=XSD.integer)))
    for actor in mentions:
        graph.add((node, SDO.mentions, iris.actor_iri(actor)))
    graph.add((user, RDF.type, SDO.Person))
    graph.add((user, SDO.alternateName, Literal(comment.author)))
    if comment.rank:
        graph.add((user, GK.userRank, Literal(comment.rank)))


def _host(url: str | None) -> str | None:
    """Return the host name of ``url`` (the publisher of last resort for commenter IRIs)."""
    return urlsplit(url).hostname if url else None
