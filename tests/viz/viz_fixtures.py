"""A small knowledge graph built by hand with rdflib for the viz tests (our own sentences).

Two articles: ``v1`` (2024-12-03) with stances of NATO (supports), Russia and the Kremlin
(opposes; the Kremlin's evidenced by its spokesman's words) on Ukraine's NATO membership, a post
holding, two events and three comments (one a reply); ``v2`` (2025-02-01) with stances of
Ukraine (demands), the USA (hesitant) and Zelensky (supports, a cue but no quote), one event.
``add_article_cases`` adds ``v3`` with a claim graph (the article view's edge cases),
``add_issue_cases`` adds ``v4`` (the issue view's edge cases) and two issues, and
``ingest_corpus`` fills a store through the real pipeline (examples and generated articles).
Texts that end up in tooltips carry HTML/JS payloads: every one must be shown as text, never run.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS, TIME, XSD

from kg.rdf import iris
from kg.rdf.vocab import GAF, GK, NIF, ORG, SDO, SEM, bind_namespaces
from kg.store import Store
from kg.viz import EdgeKind, NodeKind, ViewEdge, ViewGraph, ViewNode

if TYPE_CHECKING:
    from kg.nlp.pipeline import Resources

#: Payloads: if any of them runs, ``window.__xss`` becomes truthy.
XSS_SCRIPT = "<script>window.__xss = 'script';</script>"
XSS_IMG = "<img src=x onerror=\"window.__xss='img'\">"
HEADLINE = f"Rutte: Zukunft der Ukraine in der NATO {XSS_SCRIPT}"
QUOTE_RUTTE = "Die Zukunft der Ukraine liegt in der NATO."
QUOTE_PESKOV = f"ein NATO-Beitritt Kiews sei inakzeptabel {XSS_IMG}"
QUOTE_ZELENSKY = "Wir brauchen jetzt eine klare Einladung."
QUOTE_USA = "Dafür ist es noch zu früh."
COMMENT_XSS = f"Siehe Budapester Memorandum {XSS_IMG} und </script><script>window.__xss=1</script>"
ISSUE = iris.issue_iri("membership:Q212:Q7184")

ACTORS: dict[str, tuple[URIRef, str | None, str]] = {
    # key: (class, QID, label)
    "nato": (GK.InternationalOrganization, "Q7184", "NATO"),
    "mark-rutte": (SDO.Person, "Q57792", "Mark Rutte"),
    "russia": (GK.State, "Q159", "Russland"),
    "dmitry-peskov": (SDO.Person, None, "Dmitri Peskow"),
    "ukraine": (GK.State, "Q212", "Ukraine"),
    "volodymyr-zelensky": (SDO.Person, "Q3874799", "Wolodymyr Selenskyj"),
    "united-states": (GK.State, "Q30", "USA"),
    "kremlin": (GK.GovernmentBody, None, "Kreml"),
    "brussels": (SDO.Place, "Q239", "Brüssel"),
}


def _actor(graph: Graph, key: str) -> URIRef:
    cls, qid, label = ACTORS[key]
    node = iris.actor_iri(key)
    graph.add((node, RDF.type, cls))
    graph.add((node, RDF.type, SEM.Place if cls == SDO.Place else SEM.Actor))
    graph.add((node, RDFS.label, Literal(label, lang="de")))
    if qid:
        graph.add((node, SDO.sameAs, iris.wikidata_iri(qid)))
    return node


def _article(graph: Graph, article_id: str, headline: str, day: str, text: str) -> URIRef:
    node = iris.article_iri(article_id)
    graph.add((node, RDF.type, SDO.NewsArticle))
    graph.add((node, SDO.headline, Literal(headline, lang="de")))
    graph.add((node, SDO.datePublished, Literal(day, datatype=XSD.date)))
    context = iris.text_iri(article_id)
    graph.add((node, GK.hasText, context))
    graph.add((context, RDF.type, NIF.Context))
    graph.add((context, NIF.isString, Literal(text)))
    return node


def _mention(graph: Graph, article_id: str, n: int, actor: str) -> None:
    node = iris.mention_iri(article_id, f"m{n}")
    graph.add((node, NIF.referenceContext, iris.text_iri(article_id)))
    graph.add((node, GAF.denotes, iris.actor_iri(actor)))
    # the shortcut kg.rdf.build derives from the mentions (one per article and actor)
    graph.add((iris.article_iri(article_id), GK.mentionsActor, iris.actor_iri(actor)))


def _stance(
    graph: Graph,
    article: URIRef,
    n: int,
    holder: str,
    position: str,
    speaker: str,
    quote: str | None,
    day: str,
    *,
    creator: str | None = None,
    cue: str | None = None,
) -> None:
    """A stance; ``quote`` None makes one without evidence (only a cue)."""
    article_id = str(article).rsplit("/", 1)[-1]
    stance = iris.stance_iri(article_id, f"st{n}")
    graph.add((stance, RDF.type, GK.Stance))
    graph.add((stance, GK.holder, iris.actor_iri(holder)))
    graph.add((stance, GK.issue, ISSUE))
    graph.add((stance, GK.position, iris.vocab_iri("stance", position)))
    graph.add((stance, GK.expressedBy, iris.actor_iri(speaker)))
    graph.add((stance, GK.validAt, Literal(day, datatype=XSD.date)))
    graph.add((stance, GK.reportedIn, article))
    if cue:
        graph.add((stance, GK.cue, Literal(cue, lang="de")))
    if quote is None:
        return
    who = creator or speaker
    statement = iris.statement_iri(who, quote)
    graph.add((statement, RDF.type, GK.DirectQuote))
    graph.add((statement, SDO.creator, iris.actor_iri(who)))
    graph.add((statement, SDO.text, Literal(quote, lang="de")))
    graph.add((statement, GK.reportedIn, article))
    graph.add((stance, GK.evidence, statement))


def _event(
    graph: Graph, node: URIRef, kind: str, when: Literal, roles: dict[str, str], article: URIRef
) -> None:
    graph.add((node, RDF.type, GK.Event))
    graph.add((node, SEM.eventType, iris.vocab_iri("event-type", kind)))
    graph.add((node, SEM.hasTimeStamp, when))
    graph.add((node, GK.reportedIn, article))
    for actor, role in roles.items():
        participation = iris.participation_iri(node, role, actor)
        graph.add((node, SEM.hasActor, participation))
        graph.add((participation, RDF.value, iris.actor_iri(actor)))
        graph.add((participation, SEM.roleType, iris.vocab_iri("role", role)))


def _comment(
    graph: Graph,
    article_id: str,
    index: int,
    author: str,
    text: str,
    parent: int | None,
    mentions: tuple[str, ...],
    *,
    created: str | None = "2024-12-03T20:00:00+01:00",
) -> None:
    """A reader comment; ``created`` None: only a relative age, as on many news sites."""
    article = iris.article_iri(article_id)
    node = iris.comment_iri(article_id, index)
    user = iris.user_iri("example.org", author)
    graph.add((article, SDO.comment, node))
    graph.add((node, RDF.type, SDO.Comment))
    graph.add((node, SDO.author, user))
    graph.add((node, SDO.text, Literal(text, lang="de")))
    graph.add(
        (
            node,
            SDO.parentItem,
            iris.comment_iri(article_id, parent) if parent is not None else article,
        )
    )
    if created:
        graph.add((node, SDO.dateCreated, Literal(created, datatype=XSD.dateTime)))
    for actor in mentions:
        graph.add((node, SDO.mentions, iris.actor_iri(actor)))
    graph.add((user, RDF.type, SDO.Person))
    graph.add((user, SDO.alternateName, Literal(author)))


def _ended_holding(graph: Graph, person: str, role: str, of: str, begin: str, end: str) -> None:
    holding = iris.holding_iri(person, role, of, begin)
    graph.add((holding, RDF.type, GK.PostHolding))
    graph.add((holding, ORG.member, iris.actor_iri(person)))
    graph.add((holding, ORG.organization, iris.actor_iri(of)))
    graph.add((holding, RDFS.label, Literal(role, lang="en")))
    interval = iris.interval_iri(holding)
    graph.add((holding, ORG.memberDuring, interval))
    for which, prop, day in (("begin", TIME.hasBeginning, begin), ("end", TIME.hasEnd, end)):
        instant = iris.instant_iri(holding, which)
        graph.add((interval, prop, instant))
        graph.add((instant, TIME.inXSDDate, Literal(day, datatype=XSD.date)))


def build_dataset() -> Dataset:
    """Return the fixture: a reference graph and the article graphs of v1 and v2."""
    dataset = Dataset()
    bind_namespaces(dataset)
    ref = dataset.graph(iris.REFERENCE_GRAPH)
    for key in ACTORS:
        _actor(ref, key)
    ref.add((iris.actor_iri("kremlin"), GK.partOfState, iris.actor_iri("russia")))
    _ended_holding(ref, "mark-rutte", "prime minister", "netherlands", "2010-10-14", "2024-07-02")
    ref.add((ISSUE, RDF.type, GK.Issue))
    ref.add((ISSUE, SKOS.prefLabel, Literal("NATO-Mitgliedschaft der Ukraine", lang="de")))
    ref.add((ISSUE, SKOS.prefLabel, Literal("NATO membership of Ukraine", lang="en")))

    g1 = dataset.graph(iris.article_graph_iri("v1"))
    a1 = _article(g1, "v1", HEADLINE, "2024-12-03", "…")
    for key in ("nato", "mark-rutte", "russia", "dmitry-peskov", "ukraine", "kremlin"):
        _actor(g1, key)
    for n, key in enumerate(
        ("mark-rutte", "mark-rutte", "dmitry-peskov", "ukraine", "nato", "kremlin")
    ):
        _mention(g1, "v1", n, key)
    _stance(g1, a1, 1, "nato", "supports", "mark-rutte", QUOTE_RUTTE, "2024-12-03")
    _stance(g1, a1, 2, "russia", "opposes", "dmitry-peskov", QUOTE_PESKOV, "2024-12-03")
    # the Kremlin's stance, evidenced by what its spokesman said
    _stance(
        g1,
        a1,
        3,
        "kremlin",
        "opposes",
        "kremlin",
        QUOTE_PESKOV,
        "2024-12-03",
        creator="dmitry-peskov",
    )
    holding = iris.observed_holding_iri("v1", "h1")
    g1.add((holding, RDF.type, GK.PostHolding))
    g1.add((holding, ORG.member, iris.actor_iri("mark-rutte")))
    g1.add((holding, ORG.organization, iris.actor_iri("nato")))
    g1.add((holding, RDFS.label, Literal("NATO-Generalsekretär", lang="de")))
    _event(
        g1,
        iris.article_event_iri("v1", "e1"),
        "meeting",
        Literal("2024-12-03", datatype=XSD.date),
        {"nato": "convener", "ukraine": "participant"},
        a1,
    )
    g1.add((iris.article_event_iri("v1", "e1"), SEM.hasPlace, iris.actor_iri("brussels")))
    _event(
        g1,
        iris.article_event_iri("v1", "e2"),
        "agreement",
        Literal("1994", datatype=XSD.gYear),
        {"russia": "guarantor", "ukraine": "recipient"},
        a1,
    )
    _comment(
        g1, "v1", 0, "Nordlicht_42", "Und wer garantiert das? NATO redet nur.", None, ("nato",)
    )
    _comment(g1, "v1", 1, "kaffeesatz", COMMENT_XSS, 0, ("ukraine", "russia"))
    _comment(g1, "v1", 2, "Nordlicht_42", "Abwarten.", 1, (), created=None)

    g2 = dataset.graph(iris.article_graph_iri("v2"))
    a2 = _article(g2, "v2", "Kiew fordert Einladung", "2025-02-01", "…")
    for key in ("ukraine", "volodymyr-zelensky", "united-states"):
        _actor(g2, key)
    _mention(g2, "v2", 0, "volodymyr-zelensky")
    _stance(g2, a2, 1, "ukraine", "demands", "volodymyr-zelensky", QUOTE_ZELENSKY, "2025-02-01")
    _stance(g2, a2, 2, "united-states", "hesitant", "united-states", QUOTE_USA, "2025-02-01")
    _stance(
        g2,
        a2,
        3,
        "volodymyr-zelensky",
        "supports",
        "volodymyr-zelensky",
        None,
        "2025-02-01",
        cue="setzt auf",
    )
    _event(
        g2,
        iris.article_event_iri("v2", "e1"),
        "request",
        Literal("2025-01-30", datatype=XSD.date),
        {"ukraine": "requester", "nato": "addressee"},
        a2,
    )
    return dataset


QUOTE_RUTTE_2 = "Die Tür der NATO bleibt offen."
QUOTE_SELENSKYJ = "Die NATO hat uns ihre Unterstützung zugesagt."


def add_article_cases(dataset: Dataset) -> Dataset:
    """Add article ``v3`` (2025-03-10): the shapes the article view's queries must keep apart.

    A stance with three quotes (the third by Zelensky, whom ``v3`` names nowhere else: the view
    takes his label from ``v2``), one without quote or cue, an event in the claim graph
    ``v3-claim-1`` whose participant's role has no type, and an event whose only role node
    names no actor (so it has no participant).
    The other fixtures' views are unchanged only without it: use it where a test says so.
    """
    g3 = dataset.graph(iris.article_graph_iri("v3"))
    a3 = _article(g3, "v3", "Rutte bekräftigt Einladung", "2025-03-10", "…")
    for key in ("nato", "mark-rutte", "russia"):
        _actor(g3, key)
    _mention(g3, "v3", 0, "mark-rutte")
    _stance(g3, a3, 1, "nato", "supports", "mark-rutte", QUOTE_RUTTE, "2025-03-10")
    second = iris.statement_iri("mark-rutte", QUOTE_RUTTE_2)
    g3.add((second, SDO.creator, iris.actor_iri("mark-rutte")))
    g3.add((second, SDO.text, Literal(QUOTE_RUTTE_2, lang="de")))
    g3.add((iris.stance_iri("v3", "st1"), GK.evidence, second))
    third = iris.statement_iri("volodymyr-zelensky", QUOTE_SELENSKYJ)
    g3.add((third, SDO.creator, iris.actor_iri("volodymyr-zelensky")))
    g3.add((third, SDO.text, Literal(QUOTE_SELENSKYJ, lang="de")))
    g3.add((iris.stance_iri("v3", "st1"), GK.evidence, third))
    _stance(g3, a3, 2, "russia", "opposes", "russia", None, "2025-03-10")
    claim_graph = iris.claim_graph_iri("v3", 1)
    g3.add((iris.claim_iri("v3", 1), GK.content, claim_graph))
    g3.add((claim_graph, RDF.type, GK.ClaimGraph))
    claimed = iris.article_event_iri("v3", "e1")
    claims = dataset.graph(claim_graph)
    _event(claims, claimed, "attack", Literal("2025-03-09", datatype=XSD.date), {}, a3)
    role = iris.participation_iri(claimed, "attacker", "russia")
    claims.add((claimed, SEM.hasActor, role))
    claims.add((role, RDF.value, iris.actor_iri("russia")))
    unnamed = iris.article_event_iri("v3", "e2")
    _event(g3, unnamed, "statement", Literal("2025-03"), {}, a3)
    g3.add((unnamed, SEM.hasActor, iris.participation_iri(unnamed, "witness", "nato")))  # no value
    return dataset


ISSUE_AID = iris.issue_iri("aid:Q30:Q212")
#: An issue the reference graph describes (labels, QID) but no stance is on.
#: (no key the generated corpus of ``ingest_corpus`` uses)
ISSUE_QUIET = iris.issue_iri("guarantee:Q1000:Q1001")
QUOTE_RUBIO = "Die Hilfe für die Ukraine geht weiter."
QUOTE_NAMELESS = "Wir liefern, was gebraucht wird."


def add_issue_cases(dataset: Dataset) -> Dataset:
    """Add article ``v4`` (2025-04-02) with stances on ``ISSUE_AID``, and ``ISSUE_QUIET``.

    The shapes the issue view's queries must keep apart: a stance with three statements (one
    with text and a creator whom only ``v4`` names, one without text, one without creator), a
    stance that no article reports (its graph's article must not lend it a date or headline)
    with a speaker other than its holder and two cues, a stance with no date of its own, and
    something with a holder, issue and position that is not typed as a stance (not drawn).
    The two cues are on the unreported stance: the article view shows the cue of a stance's
    first row, and its rows (sorted by stance and statement) tie there.
    """
    ref = dataset.graph(iris.REFERENCE_GRAPH)
    for issue, de, en in (
        (ISSUE_AID, "US-Hilfe für die Ukraine", "US aid to Ukraine"),
        (ISSUE_QUIET, "Eine Frage ohne Stellungnahme", "An issue without stances"),
    ):
        ref.add((issue, RDF.type, GK.Issue))
        ref.add((issue, SKOS.prefLabel, Literal(de, lang="de")))
        ref.add((issue, SKOS.prefLabel, Literal(en, lang="en")))
    ref.add((ISSUE_QUIET, SDO.sameAs, iris.wikidata_iri("Q111111111")))
    g4 = dataset.graph(iris.article_graph_iri("v4"))
    a4 = _article(g4, "v4", "Washington sagt weitere Hilfe zu", "2025-04-02", "…")
    for key in ("united-states", "ukraine", "volodymyr-zelensky", "russia", "nato"):
        _actor(g4, key)
    rubio = iris.actor_iri("marco-rubio")
    g4.add((rubio, RDF.type, SDO.Person))
    g4.add((rubio, RDFS.label, Literal("Marco Rubio", lang="en")))
    g4.add((rubio, SDO.sameAs, iris.wikidata_iri("Q324546")))

    def stance(n: int, holder: str, position: str, speaker: str | None = None) -> URIRef:
        node = iris.stance_iri("v4", f"st{n}")
        g4.add((node, GK.holder, iris.actor_iri(holder)))
        g4.add((node, GK.issue, ISSUE_AID))
        g4.add((node, GK.position, iris.vocab_iri("stance", position)))
        if speaker:
            g4.add((node, GK.expressedBy, iris.actor_iri(speaker)))
        return node

    quoted = stance(1, "united-states", "supports", "united-states")
    g4.add((quoted, RDF.type, GK.Stance))
    g4.add((quoted, GK.validAt, Literal("2025-04-01", datatype=XSD.date)))
    g4.add((quoted, GK.reportedIn, a4))
    full = iris.statement_iri("marco-rubio", QUOTE_RUBIO)
    g4.add((full, SDO.creator, rubio))
    g4.add((full, SDO.text, Literal(QUOTE_RUBIO, lang="de")))
    silent = iris.statement_iri("marco-rubio", "no text")
    g4.add((silent, SDO.creator, rubio))
    nameless = iris.statement_iri(None, QUOTE_NAMELESS)
    g4.add((nameless, SDO.text, Literal(QUOTE_NAMELESS, lang="de")))
    for statement in (full, silent, nameless):
        g4.add((quoted, GK.evidence, statement))
    unreported = stance(2, "ukraine", "demands", "volodymyr-zelensky")
    g4.add((unreported, RDF.type, GK.Stance))
    g4.add((unreported, GK.validAt, Literal("2025-04-02", datatype=XSD.date)))
    for cue in ("verlangt", "fordert"):  # two rows that differ in their cue only
        g4.add((unreported, GK.cue, Literal(cue, lang="de")))
    undated = stance(3, "russia", "opposes")
    g4.add((undated, RDF.type, GK.Stance))
    g4.add((undated, GK.reportedIn, a4))
    g4.add((undated, GK.cue, Literal("lehnt ab", lang="de")))
    untyped = stance(4, "nato", "hesitant", "nato")
    g4.add((untyped, GK.reportedIn, a4))
    return dataset


def fill_store(store: object, dataset: Dataset | None = None) -> None:
    """Write the fixture (default: ``build_dataset()``) into a kg store: the reference graph,
    then one replace per article with its claim graphs."""
    dataset = dataset or build_dataset()
    store.replace_graph(iris.REFERENCE_GRAPH, dataset.graph(iris.REFERENCE_GRAPH))  # type: ignore[attr-defined]
    for article_id in ("v1", "v2", "v3", "v4"):
        graph_iri = iris.article_graph_iri(article_id)
        own = {graph_iri, *(iris.claim_graph_iri(article_id, n) for n in (1, 2, 3))}
        quads = [
            (s, p, o, graph.identifier)
            for graph in dataset.graphs()
            if graph.identifier in own
            for s, p, o in graph
        ]
        if quads:
            store.replace_graphs(graph_iri, quads)  # type: ignore[attr-defined]


REPO = Path(__file__).resolve().parents[2]


def ingest_corpus(store: Store, resources: Resources, directory: Path, count: int = 8) -> None:
    """Ingest the example articles and ``count`` generated ones (seed 3) into ``store``.

    With the default count the corpus has claim graphs; stances with several quotes and events
    without participants come from ``add_article_cases``.
    """
    from kg.ingest import IngestOptions, ingest_articles, read_articles

    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write  # type: ignore[import-not-found]

    feed = write(count, directory / "generated.jsonl", seed=3)
    articles = read_articles([str(REPO / "examples" / "articles"), str(feed)])
    ingest_articles(articles, store, resources, options=IngestOptions())


KINDS = (NodeKind.STATE, NodeKind.PERSON, NodeKind.ISSUE)


def synthetic(n: int, seed: int = 7) -> ViewGraph:
    """A scale-free view (Barabási-Albert, m=2) with ``n`` nodes of three kinds."""
    import networkx as nx

    graph = nx.barabasi_albert_graph(n, 2, seed=seed)
    nodes = tuple(
        ViewNode(id=f"n{i}", label=f"node {i}", kind=KINDS[i % len(KINDS)]) for i in graph.nodes
    )
    edges = tuple(
        ViewEdge(source=f"n{a}", target=f"n{b}", label="", kind=EdgeKind.STANCE)
        for a, b in graph.edges
    )
    return ViewGraph(nodes=nodes, edges=edges)
