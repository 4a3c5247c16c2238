"""Link actors without a QID to Wikidata items, disambiguated by what the article says.

Needs: actors, post holdings, a :class:`CandidateSource`. Produces: :class:`~kg.model.Link`.

Candidate generation (which items carry one of the actor's names as a German or English label
or alias and have a type that fits the actor's kind) is the source's job; choosing among the
candidates is :func:`link_actors`'s. It scores each candidate from the evidence the article
gives (the posts the actor holds, the state it belongs to, the other actors it appears with)
and accepts the best one only when the score clears :data:`ACCEPT_CONFIDENCE` *and* beats the
runner-up by :data:`AMBIGUITY_MARGIN`. A rejected best candidate is still returned (with
``accepted=False``) so that it can be reviewed, but it is never written as ``schema:sameAs``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from kg.model import Actor, ActorKind, Analysis, Link, PostHolding

logger = logging.getLogger(__name__)

# Scores. The values were set by reasoning about the evidence, then checked on the Wikidata
# fixture (tests/data/wikidata/fixture.ttl): an exact label alone never links a person (there
# are too many namesakes); a label plus agreeing citizenship or a matching post does.
#: An exact German/English label match of a person, party or body (namesakes are common).
LABEL_SCORE = 0.6
#: An alias (skos:altLabel) match: weaker, aliases are shared more often than labels.
ALIAS_SCORE = 0.5
#: An exact label match of a state or international organisation (few namesakes of that type).
INSTITUTION_LABEL_SCORE = 0.8
#: The candidate's citizenship (P27) or country (P17) is the state the article ties it to.
COUNTRY_BONUS = 0.2
#: The candidate held a position (P39) whose jurisdiction (P1001) is where the article's post is.
POST_BONUS = 0.25
#: Per co-mentioned actor the candidate is related to (P463, P102, P108, P749, P361); at most 2.
CO_MENTION_BONUS = 0.05
#: The article ties the actor to a state and the candidate to a different one only.
COUNTRY_CONFLICT_PENALTY = 0.3
#: Below this a link is kept for review but never written as ``schema:sameAs``.
ACCEPT_CONFIDENCE = 0.75
#: The best candidate must beat the runner-up by this much, else the link is ambiguous.
AMBIGUITY_MARGIN = 0.15
#: At most this many of an actor's names are sent to the endpoint.
MAX_NAMES = 8

#: Wikidata classes (P31 values) a candidate must have, per actor kind. Kinds not listed
#: (military, group, place) are not linked online: their Wikidata typing is too varied.
KIND_TYPES: Mapping[ActorKind, tuple[str, ...]] = {
    ActorKind.PERSON: ("Q5",),  # human
    ActorKind.STATE: ("Q3624078", "Q6256"),  # sovereign state, country
    ActorKind.ORGANIZATION: (
        "Q484652",  # international organization
        "Q245065",  # intergovernmental organization
        "Q1127126",  # military alliance
        "Q43229",  # organization
    ),
    ActorKind.GOVERNMENT_BODY: (
        "Q327333",  # government agency
        "Q2659904",  # government organization
        "Q192350",  # ministry
        "Q7188",  # government
    ),
    ActorKind.PARTY: ("Q7278",),  # political party
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Candidate:
    """A Wikidata item that might be the actor, with the facts that disambiguate it."""

    qid: str
    via: str  # "label" or "alias": what matched one of the actor's names
    label: str | None = None
    description: str | None = None
    countries: frozenset[str] = frozenset()  # P27 / P17 QIDs
    jurisdictions: frozenset[str] = frozenset()  # P1001 of positions held (P39)
    related: frozenset[str] = frozenset()  # P463, P102, P108, P749, P361 QIDs


class CandidateSource(Protocol):
    """Finds Wikidata candidates for names (implemented by ``WikidataCandidates``)."""

    def candidates(self, names: Sequence[str], kind: ActorKind) -> tuple[Candidate, ...]:
        """Items with one of ``names`` as label or alias and a type fitting ``kind``."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class LinkContext:
    """What the surrounding text says about the actors to link.

    ``qids`` maps actor keys to known QIDs (the gazetteer's and the already linked actors');
    ``state_of`` maps keys of bodies and persons to the key of their state; ``co_mentioned``
    maps an actor key to the keys it appears with (same article).
    """

    qids: Mapping[str, str] = field(default_factory=dict)
    state_of: Mapping[str, str] = field(default_factory=dict)
    co_mentioned: Mapping[str, frozenset[str]] = field(default_factory=dict)


def context_of(analysis: Analysis, known: Mapping[str, str] | None = None) -> LinkContext:
    """The link context of one analysed article (``known`` adds QIDs, e.g. the gazetteer's)."""
    qids = dict(known or {})
    qids.update({a.key: a.qid for a in analysis.actors if a.qid})
    keys = frozenset(a.key for a in analysis.actors)
    return LinkContext(
        qids=qids,
        state_of={a.key: a.state for a in analysis.actors if a.state},
        co_mentioned={key: keys - {key} for key in keys},
    )


def link_analysis(
    analysis: Analysis, source: CandidateSource, *, known: Mapping[str, str] | None = None
) -> tuple[Link, ...]:
    """Link the actors of one analysed article that have no QID (see :func:`link_actors`)."""
    return link_actors(
        analysis.actors, analysis.holdings, source, context=context_of(analysis, known)
    )


def link_actors(
    actors: Sequence[Actor],
    holdings: Sequence[PostHolding],
    source: CandidateSource,
    *,
    context: LinkContext,
) -> tuple[Link, ...]:
    """Find the Wikidata item of each actor without a QID, where the evidence suffices.

    Args:
        actors: the actors; those with a QID or of a kind not in :data:`KIND_TYPES` are skipped.
        holdings: post holdings (the article's or the gazetteer's) of those actors.
        source: where candidates come from.
        context: known QIDs, states and co-mentions.

    Returns:
        One link per actor that had at least one candidate, in actor order; ``accepted`` says
        whether it may be written as ``schema:sameAs``.

    Raises:
        LinkingError: the candidate source failed.
    """
    links: list[Link] = []
    for actor in actors:
        if actor.qid or actor.kind not in KIND_TYPES:
            continue
        names = tuple(dict.fromkeys((actor.name, *actor.names)))[:MAX_NAMES]
        candidates = source.candidates(names, actor.kind)
        if not candidates:
            logger.debug("no Wikidata candidate for %s", actor.key)
            continue
        own = [h for h in holdings if h.person == actor.key]
        links.append(choose(actor, candidates, own, context))
    return tuple(links)


def choose(
    actor: Actor,
    candidates: Sequence[Candidate],
    holdings: Sequence[PostHolding],
    context: LinkContext,
) -> Link:
    """Score ``candidates`` for ``actor`` and return the best as a (possibly rejected) link."""
    scored = sorted(
        ((*score(actor, c, holdings, context), c) for c in candidates),
        key=lambda item: (-item[0], item[2].qid),
    )
    best_score, evidence, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else None
    confidence = min(1.0, best_score)
    ambiguous = runner_up is not None and best_score - runner_up < AMBIGUITY_MARGIN
    method = "wikidata." + "+".join(evidence)
    if ambiguous:
        method += "+ambiguous"
        confidence = max(0.0, confidence - AMBIGUITY_MARGIN)
    return Link(
        actor=actor.key,
        qid=best.qid,
        method=method,
        confidence=round(confidence, 3),
        accepted=confidence >= ACCEPT_CONFIDENCE and not ambiguous,
        label=best.label,
        description=best.description,
        alternatives=tuple(c.qid for _, _, c in scored[1:]),
    )


def score(
    actor: Actor, candidate: Candidate, holdings: Sequence[PostHolding], context: LinkContext
) -> tuple[float, tuple[str, ...]]:
    """The score of one candidate and the evidence names behind it ("label", "post", …)."""
    institution = actor.kind in {ActorKind.STATE, ActorKind.ORGANIZATION}
    if candidate.via == "label":
        value = INSTITUTION_LABEL_SCORE if institution else LABEL_SCORE
    else:
        value = ALIAS_SCORE
    evidence = [candidate.via]
    state_qid = _state_qid(actor.key, context)
    if state_qid and candidate.countries:
        if state_qid in candidate.countries:
            value += COUNTRY_BONUS
            evidence.append("country")
        else:
            value -= COUNTRY_CONFLICT_PENALTY
            evidence.append("country-conflict")
    post_places = {q for h in holdings if h.of for q in (_qid_or_state(h.of, context),) if q}
    if post_places & candidate.jurisdictions:
        value += POST_BONUS
        evidence.append("post")
    others = {
        context.qids[key] for key in context.co_mentioned.get(actor.key, ()) if key in context.qids
    }
    shared = len(others & (candidate.related | candidate.jurisdictions)) if others else 0
    if shared:
        value += CO_MENTION_BONUS * min(shared, 2)
        evidence.append("co-mention")
    return value, tuple(evidence)


def _state_qid(key: str, context: LinkContext) -> str | None:
    state = context.state_of.get(key)
    return context.qids.get(state) if state else None


def _qid_or_state(key: str, context: LinkContext) -> str | None:
    """The QID of ``key`` if it is a state (or has a QID), else of the state it belongs to."""
    state = context.state_of.get(key)
    if state is not None:
        return context.qids.get(state)
    return context.qids.get(key)
