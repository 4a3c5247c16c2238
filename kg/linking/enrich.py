"""``kg enrich``: fetch Wikidata facts about the linked actors into ``graph/wikidata``.

For every Wikidata item the store links to (``schema:sameAs`` in any graph) the facts of
``kg/linking/sparql/enrich.rq`` are fetched as Wikidata publishes them (labels de/en, P31,
P27, P17, P1001, P463, P39 and the full P39/P463 statements with start/end qualifiers). The
items those facts point to (countries, positions, organisations) are fetched in a second round,
and the jurisdictions of positions in a third, so that "office holders of NATO member states"
can be answered locally (``queries/statements_by_nato_member_officials.rq``).

Everything is fetched before anything is written; the enrichment graph is then replaced in one
transaction. A failing endpoint leaves the store as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib.namespace import DCTERMS
from rdflib.term import URIRef

from kg.linking.candidates import qid_of
from kg.linking.wikidata import WikidataClient, load_wikidata_query, render_query
from kg.rdf import iris
from kg.rdf.vocab import WDT
from kg.store import Store, Triple

logger = logging.getLogger(__name__)

#: Items per query: keeps each request well under Wikidata's URL and time limits.
BATCH_SIZE = 50
#: Rounds of fetching: actors, then what they point to, then the jurisdictions of positions.
DEFAULT_DEPTH = 3
#: Properties whose objects are fetched in the next round.
FOLLOWED = frozenset({WDT.P27, WDT.P17, WDT.P39, WDT.P463, WDT.P1001})


@dataclass(frozen=True, slots=True, kw_only=True)
class EnrichReport:
    """What ``kg enrich`` wrote."""

    items: int  # Wikidata items fetched
    linked: int  # items the store links to (round 1)
    triples: int  # triples in graph/wikidata


def linked_qids(store: Store) -> tuple[str, ...]:
    """Every QID an article graph or ``graph/links`` ties an actor to, sorted.

    The reference graph is left out: it links the whole gazetteer, most of which no article
    in the store mentions.
    """
    rows = store.query(load_wikidata_query("store_same_as")).rows
    return tuple(
        sorted(
            {
                q
                for _, item, graph in rows
                if graph != iris.REFERENCE_GRAPH and (q := qid_of(item)) is not None
            }
        )
    )


def fetch_facts(
    client: WikidataClient, qids: Iterable[str], *, depth: int = DEFAULT_DEPTH
) -> tuple[list[Triple], int]:
    """Fetch the facts of ``qids`` and, ``depth`` - 1 rounds deep, of the items they point to.

    Returns the triples and the number of items fetched.

    Raises:
        LinkingError: the endpoint failed.
    """
    templates = (load_wikidata_query("enrich"), load_wikidata_query("enrich_statements"))
    seen: set[str] = set()
    triples: list[Triple] = []
    frontier = sorted(set(qids))
    for _ in range(depth):
        frontier = [q for q in frontier if q not in seen]
        if not frontier:
            break
        seen.update(frontier)
        following: set[str] = set()
        for batch in _batches(frontier, BATCH_SIZE):
            items = {"items": [iris.wikidata_iri(q) for q in batch]}
            rows = [row for t in templates for row in client.select(render_query(t, items))]
            for row in rows:
                s, p, o = row.get("s"), row.get("p"), row.get("o")
                if s is None or p is None or o is None:
                    continue
                triples.append((s, p, o))
                if p in FOLLOWED and (q := qid_of(o)) is not None:
                    following.add(q)
        frontier = sorted(following)
    return triples, len(seen)


def enrich_store(
    store: Store, client: WikidataClient, *, depth: int = DEFAULT_DEPTH
) -> EnrichReport:
    """Replace ``graph/wikidata`` with the facts about every item the store links to.

    Raises:
        LinkingError: the endpoint failed (nothing is written).
        StoreError: the store could not be read or written.
    """
    qids = linked_qids(store)
    triples, items = fetch_facts(client, qids, depth=depth)
    unique = list(dict.fromkeys(triples))
    written = store.replace_graph(
        iris.ENRICHMENT_GRAPH, unique, catalogue=[(DCTERMS.source, URIRef(client.endpoint))]
    )
    logger.info("enriched %d items (%d linked) into %d triples", items, len(qids), written)
    return EnrichReport(items=items, linked=len(qids), triples=written)


def _batches(items: Sequence[str], size: int) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
