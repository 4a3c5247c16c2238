"""Merging repeated reports of one event within an article (for ``kg.nlp.events``).

A headline or heading merges into the report below it, a definite event noun into the event it
refers back to, reports of one catalogue event into one node, and repeated reports of one-off
types (same type, agent and compatible time) into one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace

from kg.model import Actor, Article, BlockKind, Event, EventType, Participant
from kg.nlp._event_lexicon import EventLexicon, is_agent_role
from kg.nlp.known_events import times_compatible

# Event types of which an article usually reports one occurrence per agent and time: repeated
# mentions of them are merged. Requests, pledges, deliveries and sanctions often come in several
# distinct acts by the same agent on the same day, so they merge only through headlines.
_REPEATABLE = frozenset(
    {
        EventType.REQUEST,
        EventType.STATEMENT_OF_INTENT,
        EventType.WEAPONS_DELIVERY,
        EventType.SANCTION,
    }
)


_SUMMARY_BLOCKS = frozenset({BlockKind.HEADLINE, BlockKind.SUBHEADLINE, BlockKind.HEADING})


def _agent_keys(event: Event, lex: EventLexicon) -> set[str]:
    return {p.actor for p in event.participants if is_agent_role(p.role)}


def _participant_keys(event: Event, lex: EventLexicon) -> set[str]:
    """Agents, or every participant of an event without agents (an election)."""
    return _agent_keys(event, lex) or {p.actor for p in event.participants}


def _related(first: set[str], second: set[str], states: Mapping[str, str | None]) -> bool:
    """Return True when two agent sets share an actor or an actor and its state."""
    widened = first | {states[k] for k in first if states.get(k)}
    other = second | {states[k] for k in second if states.get(k)}
    return bool(widened & other)


def _combine(base: Event, other: Event, *, summary: bool = False) -> Event:
    """Merge ``other`` into ``base``: union of participants, missing fields filled in.

    One asserted report makes the event asserted, except a headline (``summary``), whose
    wording is shortened: the body's hedge ("nach eigenen Angaben") stands.
    """
    seen = {p.actor for p in base.participants}
    participants = base.participants + tuple(p for p in other.participants if p.actor not in seen)
    if summary and any(is_agent_role(p.role) for p in base.participants):
        participants = base.participants  # a headline's wording adds no participants
    return replace(
        base,
        participants=participants,
        when=base.when or other.when,
        time=base.time or other.time,
        place=base.place or other.place,
        known_event=base.known_event or other.known_event,
        wikidata=base.wikidata or other.wikidata,
        quantity=base.quantity if base.quantity is not None else other.quantity,
        quantity_unit=base.quantity_unit or other.quantity_unit,
        claim=base.claim if summary else (None if other.claim is None else base.claim),
    )


def _times_agree(first: Event, second: Event) -> bool:
    """Return True unless both events carry their own, incompatible times.

    A time taken from the article date (no time expression, no catalogue date) is a default,
    not evidence of a second event ("Bei dem Angriff wurden …" after "griff am Dienstag … an").
    """

    def dated(event: Event) -> bool:
        return event.when is not None and (event.time is not None or event.known_event is not None)

    if not dated(first) or not dated(second):
        return True
    return times_compatible(first.when, second.when)


def _is_anaphor(event: Event, article: Article, lex: EventLexicon) -> bool:
    """Return True for a definite event noun that refers back ("bei dem Treffen", "the drills")."""
    if not event.method.startswith("trigger.noun"):
        return False
    words = re.findall(r"[\w-]+", article.text[max(0, event.start - 30) : event.start])
    if not words or words[-1].casefold() not in lex.words.get("@definite", frozenset()):
        return False
    # A name in quotation marks introduces an event ("das Großmanöver „Sapad“").
    return not re.match(r"\s*[„“”\"»«‚‘']", article.text[event.end : event.end + 3])


def is_summary(event: Event, article: Article) -> bool:
    return any(b.start <= event.start < b.end and b.kind in _SUMMARY_BLOCKS for b in article.blocks)


def merge_events(
    events: Sequence[Event], article: Article, actors: Sequence[Actor], lex: EventLexicon
) -> list[Event]:
    states = {a.key: a.state for a in actors}
    merged: list[Event] = []
    for event in events:
        target = next(
            (
                i
                for i, e in enumerate(merged)
                if e.known_event and e.known_event == event.known_event
            ),
            None,
        )
        if target is None and event.type not in _REPEATABLE:
            target = next(
                (
                    i
                    for i, e in enumerate(merged)
                    if e.type is event.type
                    and _times_agree(e, event)
                    and _agent_keys(e, lex) & _agent_keys(event, lex)
                ),
                None,
            )
        if target is None and event.type not in _REPEATABLE and _is_anaphor(event, article, lex):
            target = next(
                (
                    i
                    for i in range(len(merged) - 1, -1, -1)
                    if merged[i].type is event.type
                    and _times_agree(merged[i], event)
                    and not is_summary(merged[i], article)  # a headline is no antecedent
                ),
                None,
            )
            if target is not None:  # "nahm an dem Treffen teil": a participant, not a host
                event = replace(
                    event,
                    participants=tuple(Participant(actor=p.actor, role="participant")
                                       for p in event.participants),
                )  # fmt: skip
        if target is None:
            merged.append(event)
            continue
        earlier = merged[target]
        if is_summary(earlier, article) and not is_summary(event, article):
            merged[target] = _combine(event, earlier, summary=True)
        elif is_summary(event, article):
            merged[target] = _combine(earlier, event, summary=True)
        elif earlier.method.startswith("known") and event.method.startswith("trigger"):
            merged[target] = _combine(event, earlier)
        else:
            merged[target] = _combine(earlier, event)
    # A headline or heading summarises the report below it.
    result: list[Event] = []
    for index, event in enumerate(merged):
        if is_summary(event, article):
            body = next(
                (
                    j
                    for j in range(index + 1, len(merged))
                    if merged[j].type is event.type
                    and not is_summary(merged[j], article)
                    and _related(
                        _participant_keys(event, lex), _participant_keys(merged[j], lex), states
                    )
                    and (merged[j].when is None or event.time is None
                         or times_compatible(merged[j].when, event.when))
                ),
                None,
            )  # fmt: skip
            if body is not None:
                merged[body] = _combine(merged[body], event, summary=True)
                continue
        result.append(event)
    return result
