"""Online linking, enrichment and the NATO-member-officials query against a real SPARQL server.

Virtuoso on 127.0.0.1 (tests/virtuoso.py) serves the Wikidata-shaped fixture
tests/data/wikidata/fixture.ttl; articles from tests/data/wikidata/articles are ingested into a
real Oxigraph store in tmp_path.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from wikidata_fixtures import (  # noqa: F401
    ARTICLES,
    fixture_client,
    wikidata_endpoint_fixture,
)

from kg.errors import LinkingError
from kg.ingest import IngestOptions, ingest_articles, read_articles
from kg.linking.candidates import WikidataCandidates
from kg.linking.enrich import enrich_store
from kg.linking.link import LinkContext, link_actors, link_analysis
from kg.linking.store_links import link_store
from kg.model import Actor, ActorKind
from kg.nlp.pipeline import analyze
from kg.rdf import iris
from kg.rdf.vocab import SDO
from kg.store import Store, open_store, run_query

pytestmark = pytest.mark.virtuoso

#: What the fixture says each unlinked actor of the articles is.
EXPECTED = {
    "dmitry-peskov": "Q9990001",  # gazetteer entry without QID; a namesake exists (Q9990002)
    "andrii-sybiha": "Q9990006",  # gazetteer entry without QID
    "sergey-lavrov": "Q9990005",  # gazetteer entry without QID (German article)
    "andris-spruds": "Q9990007",  # not in the gazetteer: discovered, matched by an alias
}


def _ingest(store_dir: Path, resources) -> Store:  # type: ignore[no-untyped-def]
    articles = [
        *read_articles(
            [str(ARTICLES / "en_baltic_air_defence.txt")], lang="en", published=date(2025, 3, 3)
        ),
        *read_articles(
            [str(ARTICLES / "de_lawrow_warschau.txt")], lang="de", published=date(2025, 3, 4)
        ),
    ]
    store = open_store(store_dir)
    ingest_articles(articles, store, resources, options=IngestOptions())
    return store


def test_online_linking_finds_the_actors_the_gazetteer_lacks(
    wikidata_endpoint: str,
    tmp_path: Path,
    resources,  # type: ignore[no-untyped-def]
) -> None:
    client = fixture_client(wikidata_endpoint, tmp_path / "cache")
    with _ingest(tmp_path / "kg", resources) as store:
        report = link_store(store, WikidataCandidates(client))
        found = {link.actor: link.qid for link in report.accepted}
        assert found == EXPECTED
        for actor, qid in EXPECTED.items():
            assert store.ask(
                "ASK { GRAPH ?g { ?a ?p ?q } }",
                {"a": iris.actor_iri(actor), "p": SDO.sameAs, "q": iris.wikidata_iri(qid)},
            )
        nowak = next(link for link in report.links if link.actor == "anna-nowak")
        assert not nowak.accepted
        assert "ambiguous" in nowak.method
        assert not store.ask(
            "ASK { GRAPH ?g { ?a ?p ?q } }",
            {"a": iris.actor_iri("anna-nowak"), "p": SDO.sameAs, "q": iris.wikidata_iri(nowak.qid)},
        )


def test_the_post_rules_out_a_namesake(
    wikidata_endpoint: str,
    tmp_path: Path,
    resources,  # type: ignore[no-untyped-def]
) -> None:
    articles = read_articles(
        [str(ARTICLES / "en_baltic_air_defence.txt")], lang="en", published=date(2025, 3, 3)
    )
    analysis = analyze(articles[0], resources)
    client = fixture_client(wikidata_endpoint, None)
    known = {e.key: e.qid for e in resources.gazetteer.entries() if e.qid}
    links = {
        link.actor: link
        for link in link_analysis(analysis, WikidataCandidates(client), known=known)
    }
    peskov = links["dmitry-peskov"]
    assert (peskov.qid, peskov.accepted, peskov.alternatives) == ("Q9990001", True, ("Q9990002",))
    assert "post" in peskov.method


def test_a_name_alone_does_not_link_a_person(wikidata_endpoint: str) -> None:
    lone = Actor(
        key="boris-pistorius", name="Boris Pistorius", kind=ActorKind.PERSON, curated=False
    )
    links = link_actors(
        [lone],
        [],
        WikidataCandidates(fixture_client(wikidata_endpoint, None)),
        context=LinkContext(),
    )
    assert [(link.qid, link.accepted) for link in links] == [("Q9990003", False)]


def test_a_state_is_linked_by_its_label(wikidata_endpoint: str) -> None:
    state = Actor(key="testland", name="Testland", kind=ActorKind.STATE, curated=False)
    links = link_actors(
        [state],
        [],
        WikidataCandidates(fixture_client(wikidata_endpoint, None)),
        context=LinkContext(),
    )
    assert [(link.qid, link.accepted) for link in links] == [("Q9990200", True)]


def test_enrichment_answers_the_nato_member_officials_query_and_reruns_offline(
    wikidata_endpoint: str,
    tmp_path: Path,
    resources,  # type: ignore[no-untyped-def]
) -> None:
    cache = tmp_path / "cache"
    with _ingest(tmp_path / "kg", resources) as store:
        first = fixture_client(wikidata_endpoint, cache)
        link_store(store, WikidataCandidates(first))
        enrich_store(store, first)
        assert first.requests > 0
        result = run_query(store, "statements_by_nato_member_officials")
        rows = {(str(r[1]), str(r[2]), str(r[3])) for r in result.rows}
        assert rows == {
            ("Andris Spruds", "Minister of Defence of Latvia", "Latvia"),
            ("Hanno Pevkur", "Minister of Defence of Estonia", "Estonia"),
        }
        links_before = sorted(store.quads(iris.LINKS_GRAPH))
        facts_before = sorted(store.quads(iris.ENRICHMENT_GRAPH))
    # A second run on a fresh store from the same articles: every answer comes from the cache.
    with _ingest(tmp_path / "kg2", resources) as store:
        second = fixture_client(wikidata_endpoint, cache, offline=True)
        link_store(store, WikidataCandidates(second))
        enrich_store(store, second)
        assert second.requests == 0
        assert sorted(store.quads(iris.LINKS_GRAPH)) == links_before
        assert sorted(store.quads(iris.ENRICHMENT_GRAPH)) == facts_before


def test_an_endpoint_failure_writes_nothing(
    tmp_path: Path,
    resources,  # type: ignore[no-untyped-def]
) -> None:
    client = fixture_client("http://127.0.0.1:9/sparql", tmp_path / "cache", retries=0)
    with _ingest(tmp_path / "kg", resources) as store:
        before = store.count()
        with pytest.raises(LinkingError):
            link_store(store, WikidataCandidates(client))
        with pytest.raises(LinkingError):
            enrich_store(store, client)
        assert store.count() == before
        assert not store.has_graph(iris.LINKS_GRAPH)
        assert not store.has_graph(iris.ENRICHMENT_GRAPH)
