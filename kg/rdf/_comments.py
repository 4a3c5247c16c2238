"""Reader comments, their pseudonymous authors and the actors they mention."""

from __future__ import annotations

import dataclasses
import logging
from urllib.parse import urlsplit

from kg.model import Analysis, Comment
from kg.rdf import iris
from kg.rdf._context import ArticleContext
from kg.rdf._sink import Emitter, L, N

logger = logging.getLogger(__name__)


def add_comments(graph: Emitter[N, L], ctx: ArticleContext[N, L], analysis: Analysis) -> None:
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
    graph: Emitter[N, L],
    ctx: ArticleContext[N, L],
    comment: Comment,
    publisher: str,
    mentions: list[str],
) -> None:
    """Add one comment and its author (terms listed in ``_add_comments``)."""
    sdo, rdf_type = graph.SDO, graph.RDF.type
    node = graph.iri(iris.comment_iri_str(ctx.article_id, comment.index))
    parent = (
        graph.iri(iris.comment_iri_str(ctx.article_id, comment.parent))
        if comment.parent is not None
        else ctx.article
    )
    user = graph.iri(iris.user_iri_str(publisher, comment.author))
    graph.add(ctx.article, sdo.comment, node)
    graph.add(node, rdf_type, sdo.Comment)
    graph.add(node, sdo.parentItem, parent)
    graph.add(node, sdo.author, user)
    graph.add(node, sdo.text, graph.text(comment.text, ctx.lang))
    graph.add(node, sdo.position, graph.integer(comment.index + 1))
    if comment.created is not None:
        graph.add(node, sdo.dateCreated, graph.datetime(comment.created))
    if comment.upvotes is not None:
        graph.add(node, sdo.upvoteCount, graph.integer(comment.upvotes))
    if comment.downvotes is not None:
        graph.add(node, sdo.downvoteCount, graph.integer(comment.downvotes))
    for actor in mentions:
        graph.add(node, sdo.mentions, graph.actor(actor))
    graph.add(user, rdf_type, sdo.Person)
    graph.add(user, sdo.alternateName, graph.string(comment.author))
    if comment.rank:
        graph.add(user, graph.GK.userRank, graph.string(comment.rank))


def _host(url: str | None) -> str | None:
    """Return the host name of ``url`` (the publisher of last resort for commenter IRIs)."""
    return urlsplit(url).hostname if url else None
