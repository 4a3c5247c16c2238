"""kg.linking: tie actors to Wikidata, online, with a disk cache (DESIGN.md §2 step 3).

Offline linking from the shipped gazetteer stays the default (the mention stage sets
``Actor.qid``). With a network:

* :mod:`kg.linking.wikidata` — the SPARQL client (the only SPARQLWrapper user): timeout, retries
  with backoff, 429/Retry-After, User-Agent ``kg/<version> ($KG_CONTACT)``, errors as
  ``LinkingError``;
* :mod:`kg.linking.cache` — answers on disk, keyed by endpoint and query text;
* :mod:`kg.linking.candidates` + :mod:`kg.linking.link` — candidate generation and the choice
  among candidates (``link_actors``, ``link_analysis``) with method and confidence;
* :mod:`kg.linking.store_links` — ``kg link``: link a store's unlinked actors into graph/links;
* :mod:`kg.linking.enrich` — ``kg enrich``: Wikidata facts into graph/wikidata;
* :mod:`kg.linking.gazetteer_update` — ``kg gazetteer update``.

The Wikidata-side SPARQL lives in ``kg/linking/sparql/*.rq``; values are rendered into it as
rdflib terms (``.n3()``), never as raw strings.
"""
