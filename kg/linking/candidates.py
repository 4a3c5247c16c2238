"""Candidate generation from a Wikidata-shaped SPARQL endpoint (the ``CandidateSource`` for
``kg.linking.link``).

Two queries per actor, both cached on disk by the client: ``candidates.rq`` (items whose German
or English label or alias is one of the actor's names and whose P31 fits its kind) and
``context.rq`` (labels, descriptions, citizenship/country, positions with their jurisdiction,
related items of those candidates).
"""

from __future__ import annotations

from collections.abc import Sequence

from rdflib.term import Identifier, Literal, URIRef

from kg.linking.link import KIND_TYPES, Candidate
from kg.linking.wikidata import Row, WikidataClient, load_wikidata_query, render_query
from kg.model import ActorKind
from kg.rdf.iris import WIKIDATA_ENTITY, wikidata_iri

#: Languages whose labels and aliases are searched.
LANGUAGES = ("de", "en")


def qid_of(term: Identifier | None) -> str | None:
    """``Q42`` for ``wd:Q42``; None for anything else.

    >>> qid_of(URIRef("http://www.wikidata.org/entity/Q42"))
    'Q42'
    """
    if isinstance(term, URIRef) and str(term).startswith(WIKIDATA_ENTITY):
        local = str(term)[len(WIKIDATA_ENTITY) :]
        if local.startswith("Q") and local[1:].isdigit():
            return local
    return None


class WikidataCandidates:
    """Finds candidates through a :class:`~kg.linking.wikidata.WikidataClient`."""

    def __init__(self, client: WikidataClient) -> None:
        self.client = client

    def candidates(self, names: Sequence[str], kind: ActorKind) -> tuple[Candidate, ...]:
        """Items named ``names`` (de/en label or alias) of a type fitting ``kind``.

        Raises:
            LinkingError: the endpoint failed.
        """
        types = KIND_TYPES.get(kind, ())
        if not names or not types:
            return ()
        terms = [Literal(name, lang=lang) for name in names for lang in LANGUAGES]
        query = render_query(
            load_wikidata_query("candidates"),
            {"names": terms, "types": [wikidata_iri(t) for t in types]},
        )
        via: dict[str, str] = {}
        for row in self.client.select(query):
            qid = qid_of(row.get("item"))
            if qid is not None and via.get(qid) != "label":
                via[qid] = str(row.get("via", "alias"))
        if not via:
            return ()
        facts = self.client.select(
            render_query(
                load_wikidata_query("context"),
                {"items": [wikidata_iri(q) for q in sorted(via)]},
            )
        )
        return tuple(_candidate(qid, via[qid], facts) for qid in sorted(via))


def _candidate(qid: str, via: str, facts: Sequence[Row]) -> Candidate:
    rows = [row for row in facts if qid_of(row.get("item")) == qid]
    labels = {str(r["label"].language): str(r["label"]) for r in rows if "label" in r}  # type: ignore[attr-defined]
    descriptions = {
        str(r["description"].language): str(r["description"])  # type: ignore[attr-defined]
        for r in rows
        if "description" in r
    }
    return Candidate(
        qid=qid,
        via=via,
        label=labels.get("en") or labels.get("de"),
        description=descriptions.get("en") or descriptions.get("de"),
        countries=_qids(rows, "country"),
        jurisdictions=_qids(rows, "jurisdiction"),
        related=_qids(rows, "related"),
    )


def _qids(rows: Sequence[Row], name: str) -> frozenset[str]:
    return frozenset(q for row in rows if (q := qid_of(row.get(name))) is not None)
