"""The one place that mints IRIs. Every IRI is deterministic: re-ingest gives the same IRIs.

Layout under ``BASE`` (placeholder base until a w3id.org redirect is registered)::

    ont#Term                      the kg ontology (prefix gk:)
    graph/links                   online Wikidata links (link/<actor-key> nodes, schema:sameAs)
    graph/wikidata                Wikidata facts fetched by kg enrich (wd:/wdt:/p:/ps:/pq:)
    graph/reference               curated actors, posts, issues, known events
    graph/ontology                the T-box and code lists
    graph/<article-id>            everything extracted from one article
    graph/<article-id>-claim-<n>  a contested proposition (not asserted)
    article/<article-id>          the article; article/<article-id>/<local-id> its parts
    id/<actor-key>                actors and places
    post/<role>--<of-key>         posts ("foreign-minister--ukraine")
    holding/<person>--<role>--<of>[--<start>]  curated post holdings (one per term)
    issue/<relation>--<subject>--<object>
    event/<key>                   catalogue events; statement/<hash> statements across articles
    user/<hash>                   pseudonymous comment authors (salted hash, never the pseudonym)
    source/<slug>                 publishers and news agencies
    run/<hash>, agent/<slug>      extraction runs and the software that ran them (PROV)
    vocab/<scheme>/<value>        SKOS code lists (stance, quote-mode, event-type, role, …)

Parts of one article (``article/<article-id>/<local>``): ``text`` (the nif:Context),
``sentence-<id>``, ``mention-<id>``, ``span-<start>-<end>``, ``holding-<id>``, ``stance-<id>``,
``event-<id>`` (+ ``/role-<role>--<actor>``), ``claim-<n>``, ``comment-<index>``.

The IRIs the article builders use have a twin ``*_iri_str`` that returns the same IRI as a plain
string: the builders make their terms from it (``kg.rdf._sink.Emitter.iri``), so the
pyoxigraph path never builds an rdflib ``URIRef``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from rdflib import URIRef

BASE = "https://w3id.org/newskg/"
ONTOLOGY_NS = BASE + "ont#"
REFERENCE_GRAPH = URIRef(BASE + "graph/reference")
ONTOLOGY_GRAPH = URIRef(BASE + "graph/ontology")
ENRICHMENT_GRAPH = URIRef(BASE + "graph/wikidata")
LINKS_GRAPH = URIRef(BASE + "graph/links")  # online Wikidata links (kg link)
WIKIDATA_ENTITY = "http://www.wikidata.org/entity/"

#: Salt for commenter IRIs: the pseudonym must not be recoverable from the IRI alone
#: (ontology.md pitfall 25). Fixed so that re-ingest is deterministic.
_USER_SALT = b"kg-commenter-v1"

_UNSAFE = re.compile(r"[^a-z0-9]+")


def slugify(text: str) -> str:
    """Return a lowercase ASCII slug.

    >>> slugify("Außenministerium der Ukraine")
    'aussenministerium-der-ukraine'
    >>> slugify("Q212")
    'q212'
    """
    folded = unicodedata.normalize("NFKD", text.replace("ß", "ss"))
    ascii_text = folded.encode("ascii", "ignore").decode("ascii").lower()
    return _UNSAFE.sub("-", ascii_text).strip("-") or "x"


def short_hash(*parts: str, length: int = 16) -> str:
    """Return a hex digest of ``parts`` (joined with NUL), truncated to ``length``."""
    digest = hashlib.sha256("\x00".join(parts).encode("utf-8")).hexdigest()
    return digest[:length]


def article_iri(article_id: str) -> URIRef:
    """IRI of an article."""
    return URIRef(article_iri_str(article_id))


def article_iri_str(article_id: str) -> str:
    """``article_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}article/{article_id}"


def article_part_iri(article_id: str, local_id: str) -> URIRef:
    """IRI of something that exists only inside one article (span, mention, comment, stance)."""
    return URIRef(article_part_iri_str(article_id, local_id))


def article_part_iri_str(article_id: str, local_id: str) -> str:
    """``article_part_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}article/{article_id}/{local_id}"


def article_graph_iri(article_id: str) -> URIRef:
    """IRI of the named graph holding one article's extraction."""
    return URIRef(article_graph_iri_str(article_id))


def article_graph_iri_str(article_id: str) -> str:
    """``article_graph_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}graph/{article_id}"


def claim_graph_iri(article_id: str, number: int) -> URIRef:
    """IRI of the named graph holding contested proposition ``number`` of an article."""
    return URIRef(claim_graph_iri_str(article_id, number))


def claim_graph_iri_str(article_id: str, number: int) -> str:
    """``claim_graph_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}graph/{article_id}-claim-{number}"


def actor_iri(key: str) -> URIRef:
    """IRI of an actor or place, from its key (never from a surface string)."""
    return URIRef(actor_iri_str(key))


def actor_iri_str(key: str) -> str:
    """``actor_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}id/{slugify(key)}"


def post_iri(role: str, of: str | None) -> URIRef:
    """IRI of a post: a role in/of an actor ("foreign minister" of "ukraine")."""
    return URIRef(post_iri_str(role, of))


def post_iri_str(role: str, of: str | None) -> str:
    """``post_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}post/{slugify(role)}--{slugify(of or 'unknown')}"


def holding_iri(person: str, role: str, of: str | None, start: str | None = None) -> URIRef:
    """IRI of a curated post holding; ``start`` (ISO) tells apart two terms in the same post.

    >>> str(holding_iri("mark-rutte", "prime minister", "netherlands", "2010-10-14"))
    'https://w3id.org/newskg/holding/mark-rutte--prime-minister--netherlands--2010-10-14'
    """
    term = f"--{slugify(start)}" if start else ""
    return URIRef(
        f"{BASE}holding/{slugify(person)}--{slugify(role)}--{slugify(of or 'unknown')}{term}"
    )


def issue_iri(issue_key: str) -> URIRef:
    """IRI of an issue from its key ``relation:subject:object``; one IRI across articles."""
    return URIRef(issue_iri_str(issue_key))


def issue_iri_str(issue_key: str) -> str:
    """``issue_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}issue/{'--'.join(slugify(p) for p in issue_key.split(':', 2))}"


def event_iri(key: str) -> URIRef:
    """IRI of a catalogue (known) event."""
    return URIRef(event_iri_str(key))


def event_iri_str(key: str) -> str:
    """``event_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}event/{slugify(key)}"


def statement_iri(speaker: str | None, text: str) -> URIRef:
    """IRI of a statement: the same words by the same speaker are one statement everywhere."""
    return URIRef(statement_iri_str(speaker, text))


def statement_iri_str(speaker: str | None, text: str) -> str:
    """``statement_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    normal = " ".join(text.casefold().split())
    return f"{BASE}statement/{short_hash(speaker or '', normal)}"


def user_iri(publisher: str, pseudonym: str) -> URIRef:
    """IRI of a pseudonymous comment author (salted hash per publisher)."""
    return URIRef(user_iri_str(publisher, pseudonym))


def user_iri_str(publisher: str, pseudonym: str) -> str:
    """``user_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    digest = hashlib.sha256(
        _USER_SALT + b"\x00" + publisher.encode() + b"\x00" + pseudonym.encode()
    )
    return f"{BASE}user/{digest.hexdigest()[:16]}"


def vocab_iri(scheme: str, value: str) -> URIRef:
    """IRI of a SKOS concept in one of kg's code lists."""
    return URIRef(vocab_iri_str(scheme, value))


def vocab_iri_str(scheme: str, value: str) -> str:
    """``vocab_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}vocab/{scheme}/{slugify(value)}"


def wikidata_iri(qid: str) -> URIRef:
    """IRI of a Wikidata item (``wd:Q…``); used only as the object of ``schema:sameAs``."""
    return URIRef(wikidata_iri_str(qid))


def wikidata_iri_str(qid: str) -> str:
    """``wikidata_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return WIKIDATA_ENTITY + qid


def link_iri(actor_key: str) -> URIRef:
    """IRI of the ``gk:EntityLink`` that ties an actor to a Wikidata item (graph/links).

    >>> str(link_iri("dmitry-peskov"))
    'https://w3id.org/newskg/link/dmitry-peskov'
    """
    return URIRef(f"{BASE}link/{slugify(actor_key)}")


# --------------------------------------------------------------------------------------------
# Parts of one article, provenance, sources
# --------------------------------------------------------------------------------------------


def text_iri(article_id: str) -> URIRef:
    """IRI of the ``nif:Context`` holding the exact article text all offsets refer to."""
    return URIRef(text_iri_str(article_id))


def text_iri_str(article_id: str) -> str:
    """``text_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, "text")


def sentence_iri(article_id: str, sentence_id: str) -> URIRef:
    """IRI of a ``nif:Sentence`` of an article."""
    return URIRef(sentence_iri_str(article_id, sentence_id))


def sentence_iri_str(article_id: str, sentence_id: str) -> str:
    """``sentence_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"sentence-{slugify(sentence_id)}")


def mention_iri(article_id: str, mention_id: str) -> URIRef:
    """IRI of a mention span (``nif:Phrase``) of an article."""
    return URIRef(mention_iri_str(article_id, mention_id))


def mention_iri_str(article_id: str, mention_id: str) -> str:
    """``mention_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"mention-{slugify(mention_id)}")


def span_iri(article_id: str, start: int, end: int) -> URIRef:
    """IRI of an evidence span ``[start, end)`` of the article text (quotes, triggers, hedges).

    >>> str(span_iri("a1", 71, 162))
    'https://w3id.org/newskg/article/a1/span-71-162'
    """
    return URIRef(span_iri_str(article_id, start, end))


def span_iri_str(article_id: str, start: int, end: int) -> str:
    """``span_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"span-{start}-{end}")


def observed_holding_iri(article_id: str, holding_id: str) -> URIRef:
    """IRI of a post holding observed in one article (not curated)."""
    return URIRef(observed_holding_iri_str(article_id, holding_id))


def observed_holding_iri_str(article_id: str, holding_id: str) -> str:
    """``observed_holding_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"holding-{slugify(holding_id)}")


def stance_iri(article_id: str, stance_id: str) -> URIRef:
    """IRI of a stance extracted from one article."""
    return URIRef(stance_iri_str(article_id, stance_id))


def stance_iri_str(article_id: str, stance_id: str) -> str:
    """``stance_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"stance-{slugify(stance_id)}")


def article_event_iri(article_id: str, event_id: str) -> URIRef:
    """IRI of an event as reported in one article."""
    return URIRef(article_event_iri_str(article_id, event_id))


def article_event_iri_str(article_id: str, event_id: str) -> str:
    """``article_event_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"event-{slugify(event_id)}")


def participation_iri(event: URIRef, role: str, actor_key: str) -> URIRef:
    """IRI of a ``sem:Role`` node: ``actor_key`` takes part in ``event`` as ``role``.

    >>> str(participation_iri(event_iri("budapest-memorandum"), "guarantor", "usa"))
    'https://w3id.org/newskg/event/budapest-memorandum/role-guarantor--usa'
    """
    return URIRef(participation_iri_str(event, role, actor_key))


def participation_iri_str(event: str, role: str, actor_key: str) -> str:
    """``participation_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{event}/role-{slugify(role)}--{slugify(actor_key)}"


def claim_iri(article_id: str, number: int) -> URIRef:
    """IRI of the ``gk:Claim`` node for contested proposition ``number`` of an article."""
    return URIRef(claim_iri_str(article_id, number))


def claim_iri_str(article_id: str, number: int) -> str:
    """``claim_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"claim-{number}")


def comment_iri(article_id: str, index: int) -> URIRef:
    """IRI of reader comment ``index`` (page order, from 0) of an article."""
    return URIRef(comment_iri_str(article_id, index))


def comment_iri_str(article_id: str, index: int) -> str:
    """``comment_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return article_part_iri_str(article_id, f"comment-{index}")


def interval_iri(holding: URIRef) -> URIRef:
    """IRI of the ``time:Interval`` during which a curated post holding lasted."""
    return URIRef(f"{holding}/interval")


def instant_iri(holding: URIRef, which: str) -> URIRef:
    """IRI of the ``time:Instant`` beginning (``which="begin"``) or ending an interval."""
    return URIRef(f"{interval_iri(holding)}/{slugify(which)}")


def source_iri(name: str) -> URIRef:
    """IRI of a publisher or news agency, from its name ("APA", "stol.it")."""
    return URIRef(source_iri_str(name))


def source_iri_str(name: str) -> str:
    """``source_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}source/{slugify(name)}"


def agent_iri(extractor: str) -> URIRef:
    """IRI of the software agent (name and version) that extracted a graph."""
    return URIRef(agent_iri_str(extractor))


def agent_iri_str(extractor: str) -> str:
    """``agent_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}agent/{slugify(extractor)}"


def run_iri(article_id: str, extractor: str, started: str) -> URIRef:
    """IRI of one extraction run (``prov:Activity``): article, software and start time."""
    return URIRef(run_iri_str(article_id, extractor, started))


def run_iri_str(article_id: str, extractor: str, started: str) -> str:
    """``run_iri`` as a plain string (the builders' ``Emitter.iri``)."""
    return f"{BASE}run/{short_hash(article_id, extractor, started)}"
