"""``kg link``: link the unlinked actors of a store to Wikidata and write ``graph/links``.

The actors, their states, posts and co-mentions are read back from the article graphs; every
candidate is fetched before anything is written, and the links graph is then replaced in one
transaction (links of actors not relinked this time are kept). A failing endpoint therefore
leaves the store exactly as it was.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rdflib.term import URIRef

from kg.linking.candidates import qid_of
from kg.linking.link import CandidateSource, LinkContext, link_actors
from kg.linking.wikidata import load_wikidata_query
from kg.model import Actor, ActorKind, Link, PostHolding
from kg.rdf import iris
from kg.rdf.links import build_links_graph
from kg.store import Store, Triple

logger = logging.getLogger(__name__)

_KIND_BY_SLUG = {iris.vocab_iri("actor-kind", kind.value): kind for kind in ActorKind}
_ACTOR_PREFIX = str(iris.actor_iri("x"))[:-1]


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkReport:
    """What a ``kg link`` run found: every link considered, accepted or not."""

    links: tuple[Link, ...]
    actors: int  # unlinked actors of a linkable kind that were looked up

    @property
    def accepted(self) -> tuple[Link, ...]:
        """The links written as ``schema:sameAs``."""
        return tuple(link for link in self.links if link.accepted)


@dataclass(slots=True)
class _Gathered:
    actors: dict[str, Actor]
    holdings: list[PostHolding]
    context: LinkContext


def link_store(
    store: Store,
    source: CandidateSource,
    *,
    graphs: Iterable[URIRef] | None = None,
    relink: bool = False,
) -> LinkReport:
    """Link the actors of ``store`` (or of the article ``graphs``) that have no QID.

    Args:
        store: an open, writable store.
        source: where candidates come from (``WikidataCandidates``).
        graphs: only actors of these article graphs (default: all).
        relink: also look up actors that ``graph/links`` already links.

    Raises:
        LinkingError: the endpoint failed (nothing is written).
        StoreError: the store could not be read or written.
    """
    gathered = _gather(store, None if graphs is None else set(graphs), relink=relink)
    linked = _linked(store, include_links_graph=not relink)
    todo = [a for key, a in sorted(gathered.actors.items()) if key not in linked]
    links = link_actors(todo, gathered.holdings, source, context=gathered.context)
    write_links(store, links)
    considered = sum(1 for a in todo if not a.qid and a.kind in _LINKABLE)
    return LinkReport(links=links, actors=considered)


_LINKABLE = frozenset(
    {
        ActorKind.PERSON,
        ActorKind.STATE,
        ActorKind.ORGANIZATION,
        ActorKind.GOVERNMENT_BODY,
        ActorKind.PARTY,
    }
)


def write_links(store: Store, links: Sequence[Link]) -> int:
    """Replace ``graph/links`` with its old content plus ``links`` (which win); one transaction.

    Returns the number of triples in the links graph afterwards.
    """
    relinked = {iris.actor_iri(link.actor) for link in links}
    relinked |= {iris.link_iri(link.actor) for link in links}
    kept: list[Triple] = [
        (s, p, o) for s, p, o, _ in store.quads(iris.LINKS_GRAPH) if s not in relinked
    ]
    new = build_links_graph(links)
    triples = kept + list(new.triples((None, None, None)))
    return store.replace_graph(iris.LINKS_GRAPH, triples)


def _linked(store: Store, *, include_links_graph: bool) -> set[str]:
    """Keys of actors that already have a ``schema:sameAs`` to Wikidata somewhere."""
    keys = set()
    for resource, _item, graph in store.query(load_wikidata_query("store_same_as")).rows:
        if graph == iris.LINKS_GRAPH and not include_links_graph:
            continue
        key = _key(resource)
        if key is not None:
            keys.add(key)
    return keys


def _key(term: object) -> str | None:
    text = str(term) if isinstance(term, URIRef) else ""
    return text[len(_ACTOR_PREFIX) :] if text.startswith(_ACTOR_PREFIX) else None


def _gather(store: Store, graphs: set[URIRef] | None, *, relink: bool) -> _Gathered:
    """Actors, post holdings and link context from the article graphs of ``store``.

    With ``relink`` an actor's own QID ignores ``graph/links`` (its previous online link).
    """
    qids: dict[str, str] = {}
    own: dict[str, str] = {}
    for resource, item, graph in store.query(load_wikidata_query("store_same_as")).rows:
        key, qid = _key(resource), qid_of(item)
        if key is not None and qid is not None:
            qids.setdefault(key, qid)
            if not (relink and graph == iris.LINKS_GRAPH):
                own.setdefault(key, qid)
    names: dict[str, list[str]] = defaultdict(list)
    for actor, name in store.query(load_wikidata_query("store_names")).rows:
        key = _key(actor)
        if key is not None and name is not None:
            names[key].append(str(name))
    actors: dict[str, Actor] = {}
    holdings: dict[tuple[str, str, str], PostHolding] = {}
    state_of: dict[str, str] = {}
    members: dict[URIRef, set[str]] = defaultdict(set)
    rows = store.query(load_wikidata_query("store_actors")).rows
    for graph, actor_iri, label, kind_iri, state, of, role in rows:
        key = _key(actor_iri)
        kind = _KIND_BY_SLUG.get(kind_iri)  # type: ignore[arg-type]
        if key is None or kind is None or not isinstance(graph, URIRef):
            continue
        if graphs is not None and graph not in graphs:
            continue
        members[graph].add(key)
        state_key = _key(state)
        if state_key:
            state_of[key] = state_key
        if key not in actors:
            actors[key] = Actor(
                key=key,
                name=str(label),
                kind=kind,
                qid=own.get(key),
                names=tuple(dict.fromkeys(names.get(key, []))),
                state=state_key,
                curated=False,
            )
        of_key = _key(of)
        if of_key:
            role_text = str(role).rsplit("/", 1)[-1] if role is not None else ""
            holdings[(key, role_text, of_key)] = PostHolding(
                id=f"{key}--{role_text}--{of_key}", person=key, role=role_text, of=of_key
            )
    co_mentioned: dict[str, set[str]] = defaultdict(set)
    for keys in members.values():
        for key in keys:
            co_mentioned[key] |= keys - {key}
    context = LinkContext(
        qids=qids,
        state_of=state_of,
        co_mentioned={k: frozenset(v) for k, v in co_mentioned.items()},
    )
    return _Gathered(actors=actors, holdings=list(holdings.values()), context=context)
