"""Events: typed triggers with participants in roles, time, place, quantity and known-event links.

Needs: article, sentences, mentions, actors, timexes, statements. Produces: Event.

Triggers come from ``kg/nlp/lexicons/<lang>/event_triggers.tsv``; types, roles and their
PLOVER/CAMEO alignment from ``kg/data/event_types.tsv``; well-known events from
``kg/data/events.jsonl`` (``kg.nlp.known_events``); claim cues from ``claim_cues.tsv``
(``kg.nlp.claims``).

Roles and eval/FORMAT.md: every participant has a role name; roles of the *agent side*
(agent, attacker, guarantor, signatory, requester, host, annexing-state, supplier,
sanctioning-party, mediator) count as FORMAT.md's ``agent``; all others (affected, target,
recipient, annexed-territory, captured-territory, addressee, participant, beneficiary) as
``affected``. ``is_agent_role`` answers this for the scorer.

What is *not* asserted: a trigger in a clause with a negation ("hat nicht angegriffen"), a
hypothetical or an attempt ("würde angreifen", "versucht, … zu erobern", "if … attacks"), or a
zu-/to-infinitive ("um … zu liefern") yields no event. Planned events ("will liefern", "plans to
deliver") are kept with ``Claim(status=planned-future)``; hedged ones ("nach eigenen Angaben",
"laut …", "angeblich", "according to") with ``claimed-unverified``, denied ones with ``denied``;
events inside reported speech that are not catalogue events with ``attributed``. The RDF layer
puts events with a claim into a claim graph (ontology.md §3.8). Negation, hypotheticals and
plans scope over the trigger's clause; source cues ("could not be independently verified") and
denials ("Der Kreml bestritt, dass …") over its sentence. An undated generic noun ("gegen
russische Luftangriffe", "die Sorge vor einem Angriff") is no event either.

Arguments, without a parser: clauses are cut at ";", ":", dashes and commas before a clause word
("…, dass", "…, der"; a relative clause hands its main clause on). Verbs: the passive "von/by"
group is the agent; else the first actor group before the verb that is not inside a
prepositional phrase (German; one right after the verb when nothing precedes it, "dafür sagten
die Atommächte USA, Russland und Großbritannien … zu"), or the nearest before it (English); in a
relative clause the noun phrase it hangs on ("Egypt and Qatar, which brokered …"). Nouns: a name
inside the word ("NATO-Gipfel"), a demonym or genitive before it ("russische Invasion",
"Russlands Angriff", "Russia's invasion"), a genitive or "by" group after it, the agent of a
verb event earlier in the clause, else the nearest actor before it that no preposition governs.
A demonym before a non-state group ("Syrian rebels") is not its state. Everything else in the
clause is affected (in a request, an actor after "für/for" is the beneficiary; a protest's
target follows "gegen/against"); places after "in/bei/at" give ``place`` and are no party of an
agreement, request, sanction, pledge or protest. An event needs an agent (an election only an
affected party, a protest only a place) or a catalogue link; a meeting verb needs two parties
unless its party is an organisation. What a request asks for is not a second event ("drängt …
zur Lieferung", "hatte … Angriffe auf russisches Gebiet gefordert").

Time: the nearest time expression in the clause, else in the sentence; else the catalogue date of
a linked event; else none for a pluperfect or a plan; else the publication date (news report what
happened on or just before it). One event per reported event: a headline or heading merges into
the report below it, a definite event noun ("bei dem Treffen", "the drills") into the event it
refers back to, reports of one catalogue event into one node, and repeated reports of one-off
types (same type, agent and time) into one. A second figure for a counted object nearby ("am
Vormittag … von 20 Flugabwehrsystemen") becomes a second event with its own time
(``method="quantity-revision"``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from kg.model import (
    Actor,
    ActorKind,
    Article,
    Claim,
    EpistemicStatus,
    Event,
    EventType,
    Mention,
    Participant,
    Sentence,
    Statement,
    TimeExpression,
)
from kg.nlp._event_clauses import (
    Clause,
    Trigger,
    find_arguments,
    find_triggers,
    is_infinitive,
    split_clauses,
)
from kg.nlp._event_lexicon import EventLexicon, is_agent_role, load_event_lexicon
from kg.nlp._event_merge import merge_events
from kg.nlp._literals import fold_text
from kg.nlp.claims import (
    SKIP_STATUSES,
    ClaimCue,
    author_mentions,
    build_claim,
    find_claim_cues,
)
from kg.nlp.known_events import KnownEvent, KnownEventCatalogue, times_compatible

__all__ = ["EventLexicon", "extract_events", "is_agent_role", "load_event_lexicon"]

# Claim statuses whose cue vouches for (or against) everything in its sentence.
_SENTENCE_STATUSES = frozenset({"claimed-unverified", "denied"})
# Types reported without an agent ("die Präsidentschaftswahl in Moldau"): kept with affected only.
_AGENTLESS = frozenset({EventType.ELECTION})
# Types kept with only a place ("Tausende demonstrierten in Tiflis"): the protesters are rarely
# actors, and a state is never a protester ("Georgians protested": the people, not Georgia).
_PLACE_IS_ENOUGH = frozenset({EventType.PROTEST})
# Types whose affected actors after an ``@beneficiary`` preposition ("fordert mehr Hilfe für
# Ungarn") benefit from what is asked rather than being asked; they get BENEFICIARY_ROLE.
_BENEFICIARY_TYPES = frozenset({EventType.REQUEST})
BENEFICIARY_ROLE = "beneficiary"
# Types with a counted object ("um 19 weitere Flugabwehrsysteme").
_COUNTED = frozenset({EventType.REQUEST, EventType.WEAPONS_DELIVERY, EventType.STATEMENT_OF_INTENT})
# Verb triggers whose object may be another event noun ("drängt … zur Lieferung"): that noun is
# the requested or promised content, not a second event.
_CONTENT_TAKING = frozenset({EventType.REQUEST, EventType.STATEMENT_OF_INTENT, EventType.AGREEMENT})
# Another figure for the same counted object is looked for this far (characters) from the
# event ("um 19 weitere Flugabwehrsysteme" … "von 20 Flugabwehrsystemen gesprochen").
REVISION_WINDOW = 600
# Unit nouns shorter than this are too generic to tie two figures together ("20 Jahre").
MIN_UNIT_CHARS = 6
# Confidence of events found by the rules (extractor confidence); name mentions of catalogue
# events are more certain, events without a time or with a fallback agent less so.
# A number or counting word this many words before a plural noun makes it specific.
MAX_COUNT_DISTANCE = 3
# A meeting verb needs this many parties (a visit to troops or to a place is no meeting).
MIN_MEETING_PARTIES = 2
CONFIDENCE_TRIGGER = 0.8
CONFIDENCE_NAME = 0.9
_WORDS = re.compile(r"[\w-]+")
# What may follow a verb that closes its clause ("… Angriffe auf russisches Gebiet gefordert.").
_VERB_FINAL = re.compile(r"[\s.,;:!?)\"“”»«]*")


# --------------------------------------------------------------------------------------------
# Time and quantity
# --------------------------------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _figure_pattern(lex: EventLexicon) -> re.Pattern[str]:
    """A number (digits or a number word of the lexicon) and the one or two words after it."""
    numbers = "|".join(re.escape(w) for w in sorted(lex.time.numbers, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.,-])(?P<num>\d+|{numbers})\s+(?P<unit>[\w-]+)(?:\s+(?P<unit2>[\w-]+))?",
        re.IGNORECASE,
    )


def _time_for(trigger: Trigger, timexes: Sequence[TimeExpression]) -> TimeExpression | None:
    usable = [t for t in timexes if t.comment is None and t.value is not None]

    def distance(t: TimeExpression) -> int:
        return t.start - trigger.end if t.start >= trigger.end else trigger.start - t.end

    clause = [t for t in usable if trigger.clause.start <= t.start < trigger.clause.end]
    sentence = trigger.clause.sentence
    pool = clause or [t for t in usable if sentence.start <= t.start < sentence.end]
    return min(pool, key=distance) if pool else None


def _quantity(
    text: str, trigger: Trigger, timexes: Sequence[TimeExpression], lex: EventLexicon
) -> tuple[int | None, str | None]:
    if trigger.rule.type not in _COUNTED:
        return None, None
    more = lex.words.get("@more", frozenset())
    for m in _figure_pattern(lex).finditer(text, trigger.end, trigger.clause.end):
        if any(t.start <= m.start() < t.end for t in timexes):
            continue
        raw = m.group("num").casefold()
        amount = int(raw) if raw.isdigit() else lex.time.numbers.get(raw)
        unit = m.group("unit")
        if unit.casefold() in more and m.group("unit2"):
            unit = m.group("unit2")
        if amount is not None and amount > 1:
            return amount, unit
    return None, None


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


def _participants(
    agents: Sequence[str],
    affected: Sequence[str],
    event_type: EventType,
    lex: EventLexicon,
    beneficiaries: Sequence[str] = (),
) -> tuple[Participant, ...]:
    """Participants in the type's roles; in a request, an actor the request is *for* ("mehr
    Unterstützung für Ungarn") is its beneficiary, not its addressee."""
    agent_role = lex.agent_roles.get(event_type, "agent")
    affected_role = lex.affected_roles.get(event_type, "affected")
    benefit = set(beneficiaries) if event_type in _BENEFICIARY_TYPES else set()
    result = [Participant(actor=a, role=agent_role) for a in agents]
    result += [
        Participant(actor=a, role=BENEFICIARY_ROLE if a in benefit else affected_role)
        for a in affected
        if a not in agents
    ]
    return tuple(result)


def _cues(clause: Clause, ctx: _Context) -> tuple[ClaimCue, ...]:
    """Cues of the clause, plus source cues elsewhere in the sentence.

    Negation, hypotheticals and plans scope over their clause; "could not be independently
    verified", "according to" and denials ("Der Kreml bestritt, dass … angegriffen hätten") over
    the sentence. Under a denial the Konjunktiv of reported speech is not a hypothetical.
    """
    own = ctx.claim_cues(clause.start, clause.end)
    sentence = clause.sentence
    others = [
        replace(c, author="before") if c.author == "subject" else c
        for c in ctx.claim_cues(sentence.start, sentence.end)
        if c.status in _SENTENCE_STATUSES and not clause.start <= c.start < clause.end
    ]
    if any(c.status == "denied" for c in (*own, *others)):
        own = tuple(c for c in own if c.status != "hypothetical")
    return tuple(sorted((*own, *others), key=lambda c: c.start))


def _agents_of(event: Event | None) -> tuple[str, ...]:
    if event is None:
        return ()
    return tuple(p.actor for p in event.participants if is_agent_role(p.role))


def _content_start(text: str, clause: Clause, triggers: Sequence[Trigger]) -> int | None:
    """Where the requested or promised content of a clause starts, or None.

    After a request verb ("drängt … zur Lieferung"); for a verb at the end of a German clause,
    the whole clause before it ("hatte … Angriffe auf russisches Gebiet gefordert").
    """
    takers = [t for t in triggers if t.rule.pos == "verb" and t.rule.type in _CONTENT_TAKING]
    if not takers:
        return None
    first = min(takers, key=lambda t: t.start)
    if _VERB_FINAL.fullmatch(text, first.end, clause.end):
        return clause.start  # verb-final: the content stands before the verb
    return first.end


def _is_generic(text: str, trigger: Trigger, lex: EventLexicon) -> bool:
    """Return True for an undated noun that names no particular event.

    A plural without a possessive or a partner ("gegen russische Luftangriffe", but "its own
    manoeuvres", "talks with Kristersson"), or an indefinite noun after a preposition ("die
    Sorge vor einem russischen Angriff", "warned of an invasion").
    """
    if trigger.rule.pos == "verb":
        return False
    before = [w.casefold() for w in _WORDS.findall(text[trigger.clause.start : trigger.start])]
    after = [w.casefold() for w in _WORDS.findall(text[trigger.end : trigger.clause.end])]
    words = lex.words
    if trigger.rule.pos == "noun-pl":
        partner = bool(after) and after[0] in words.get("@with", set()) | words.get(
            "@between", set()
        )
        counted = any(
            w.isdigit() or w in words.get("@count", ()) or w in lex.time.numbers
            for w in before[-MAX_COUNT_DISTANCE:]
        )  # "dozens of airstrikes", "mehrere Angriffe", "drei Luftangriffe"
        possessive = any(w in words.get("@possessive", ()) for w in before[-2:])
        return not (partner or possessive or counted)
    indefinite = [i for i, w in enumerate(before[-3:]) if w in words.get("@indefinite", ())]
    if not indefinite:
        return False
    head = before[-3:][: indefinite[0]]
    return bool(head) and head[-1] in words.get("@generic_prep", ())


def _speaker_as_subject(
    text: str, trigger: Trigger, statement: Statement, lex: EventLexicon
) -> tuple[str, ...]:
    """Return the speaker when a pronoun stands for it: "France said it would send missiles"."""
    start = max(statement.start, trigger.clause.start)
    words = _WORDS.findall(text[start : trigger.start])
    pronouns = lex.words.get("@pronoun", frozenset())
    clause_words = lex.words.get("@clause", frozenset()) | lex.words.get(
        "@clause_bare", frozenset()
    )
    while words and words[0].casefold() in clause_words:
        words = words[1:]
    if words and words[0].casefold() in pronouns and statement.speaker is not None:
        return (statement.speaker,)
    return ()


def _in_reporting_cue(mention: Mention, statements: Sequence[Statement]) -> bool:
    """Return True for the speaker in "…, erklärte das Außenministerium in Kiew" (no participant).

    A cue inside the reported content ("Nordkorea hat nach eigenen Angaben … getestet") names
    the agent itself and is kept.
    """
    return any(
        s.cue_start is not None
        and s.cue_end is not None
        and s.cue_start <= mention.start < s.cue_end
        and not s.start <= mention.start < s.end
        and (mention.id == s.speaker_mention or mention.actor == s.speaker)
        for s in statements
    )


def _participant_mentions(
    mentions: Sequence[Mention], statements: Sequence[Statement]
) -> tuple[Mention, ...]:
    """Return the mentions that are not the speaker of a reporting cue (``_in_reporting_cue``)."""
    cued = [s for s in statements if s.cue_start is not None and s.cue_end is not None]
    inside = {i for s in cued for i in range(s.cue_start or 0, s.cue_end or 0)}
    return tuple(m for m in mentions if m.start not in inside or not _in_reporting_cue(m, cued))


def _statement_for(start: int, statements: Sequence[Statement]) -> Statement | None:
    return next((s for s in statements if s.start <= start < s.end), None)


@dataclass(frozen=True, slots=True)
class _ClauseFacts:
    cues: tuple[ClaimCue, ...]
    mentions: list[Mention]  # the possible participants inside the clause
    host_mentions: list[Mention]  # the mentions of the main-clause part before it


@dataclass(frozen=True, slots=True)
class _Context:
    article: Article
    mentions: tuple[Mention, ...]
    actors: tuple[Actor, ...]
    timexes: tuple[TimeExpression, ...]
    statements: tuple[Statement, ...]
    lex: EventLexicon
    catalogue: KnownEventCatalogue
    names: tuple[tuple[int, int, KnownEvent], ...]
    folded: str  # fold_case(article.text)
    # Mentions inside a known event's name that are not its participants ("the Vilnius
    # summit": not Lithuania), by id.
    in_names: frozenset[str]
    # The mentions that may be participants: not the speaker of a reporting cue.
    participants: tuple[Mention, ...]
    cue_cache: dict[tuple[int, int], tuple[ClaimCue, ...]] = field(default_factory=dict)
    clause_cache: dict[Clause, _ClauseFacts] = field(default_factory=dict)

    def clause_facts(self, clause: Clause) -> _ClauseFacts:
        """Return the cues of a clause, its participant mentions and the mentions of its host.

        Mentions that name a claim's source ("laut dem Ministerium") or lie in a known event's
        name are no participants. Each clause is looked at once.
        """
        found = self.clause_cache.get(clause)
        if found is None:
            cues = _cues(clause, self)
            excluded = author_mentions(cues, self.mentions) | self.in_names
            host = clause.host
            found = self.clause_cache[clause] = _ClauseFacts(
                cues,
                [
                    m
                    for m in self.participants
                    if clause.start <= m.start and m.end <= clause.end and m.id not in excluded
                ],
                [m for m in self.mentions if host and host[0] <= m.start and m.end <= host[1]],
            )
        return found

    def claim_cues(self, start: int, end: int) -> tuple[ClaimCue, ...]:
        """Return ``find_claim_cues`` of a span of the article (each span looked up once)."""
        cues = self.cue_cache.get((start, end))
        if cues is None:
            cues = find_claim_cues(self.article.text, start, end, self.lex.claims, self.folded)
            self.cue_cache[start, end] = cues
        return cues


def _event_from_trigger(
    trigger: Trigger, ctx: _Context, inherited: tuple[str, ...] | None = None
) -> Event | None:
    """Build the event of one trigger, or None when it is not asserted or has no agent.

    ``inherited``: the agents of a verb event earlier in the clause; a noun whose agent would
    only be a guess takes them ("captured the capital Damascus after a lightning offensive").
    """
    text = ctx.article.text
    clause = trigger.clause
    facts = ctx.clause_facts(clause)
    cues = facts.cues
    if any(c.status in SKIP_STATUSES for c in cues):
        return None
    planned = any(c.status == "planned-future" and c.end <= trigger.start for c in cues)
    if is_infinitive(text, trigger, ctx.lex) and not planned:
        return None  # "um … zu liefern", "asked NATO to deliver": content, not an event
    args = find_arguments(text, trigger, facts.mentions, ctx.actors, ctx.lex, facts.host_mentions)
    if args.fallback and inherited is not None:
        args = replace(args, agents=inherited, fallback=False)
    timex = _time_for(trigger, ctx.timexes)
    when = timex.value if timex else None
    known = next(
        (
            k
            for s, e, k in ctx.names
            if k.type is trigger.rule.type and clause.start <= s and e <= clause.end
        ),
        None,
    ) or ctx.catalogue.match(trigger.rule.type, when, (*args.agents, *args.affected))
    # "nach eigenen Angaben" refers to the clause's subject, which for a noun trigger need not
    # be the event's agent ("Die Ukraine hat nach eigenen Angaben eine russische Offensive …").
    own = args.subject if trigger.rule.pos != "verb" else (args.agents or (None,))[0]
    claim = build_claim(cues, ctx.mentions, agent=own or args.subject, subject=args.subject,
                        text=text)  # fmt: skip
    statement = _statement_for(trigger.start, ctx.statements)
    if claim is not None and claim.author is None and statement is not None:
        claim = replace(claim, author=statement.speaker)  # "Moscow says it has captured …"
    if claim is None and statement is not None and known is None:
        claim = Claim(author=statement.speaker, status=EpistemicStatus.ATTRIBUTED)
    if known is not None and when is not None and not times_compatible(when, known.date):
        when, timex = known.date, None  # the nearby time belongs to something else
    if when is None:
        when = _default_when(text, trigger, known, claim, ctx)
    agents, affected = args.agents, args.affected
    if trigger.rule.type in _PLACE_IS_ENOUGH:
        kinds = {a.key: a.kind for a in ctx.actors}
        agents = tuple(a for a in agents if kinds.get(a) is not ActorKind.STATE)
    if known is not None:  # the catalogue knows who was on which side
        victims = {p.actor for p in known.participants if not is_agent_role(p.role)}
        agents = tuple(a for a in agents if a not in victims)
    if not agents and known is not None:
        agents = tuple(p.actor for p in known.participants if is_agent_role(p.role))
    if not agents and statement is not None and statement.speaker is not None:
        agents = _speaker_as_subject(text, trigger, statement, ctx.lex)
    placed = trigger.rule.type in _PLACE_IS_ENOUGH and (args.place is not None or bool(affected))
    if not agents and (trigger.rule.type not in _AGENTLESS or not affected) and not placed:
        return None  # who did it is the point of the event; elections and protests have none
    if known is None and _lone_visit(trigger, agents, affected, ctx):
        return None
    if timex is None and known is None and _is_generic(text, trigger, ctx.lex):
        return None
    quantity, unit = _quantity(text, trigger, ctx.timexes, ctx.lex)
    return Event(
        id=f"e-{trigger.start}-{trigger.end}",
        type=trigger.rule.type,
        start=trigger.start,
        end=trigger.end,
        trigger=text[trigger.start : trigger.end],
        participants=_participants(
            agents, affected, trigger.rule.type, ctx.lex, args.beneficiaries
        ),
        when=when,
        time=timex.id if timex else None,
        place=args.place,
        known_event=known.key if known else None,
        wikidata=known.qid if known else None,
        quantity=quantity,
        quantity_unit=unit,
        claim=claim,
        statement=statement.id if statement else None,
        sentence_id=clause.sentence.id,
        method=f"trigger.{trigger.rule.pos}",
        confidence=CONFIDENCE_TRIGGER,
    )


def _lone_visit(
    trigger: Trigger, agents: Sequence[str], affected: Sequence[str], ctx: _Context
) -> bool:
    """Return True for a meeting verb with one party ("besuchte die Truppe", "visited Guam").

    A meeting needs two parties, unless its one party is an organisation whose members meet
    ("NATO leaders met", "Foreign ministers of the G7 will meet").
    """
    if trigger.rule.type is not EventType.MEETING or trigger.rule.pos != "verb":
        return False
    kinds = {a.key: a.kind for a in ctx.actors}
    states = {a.key: a.state for a in ctx.actors}
    places = {m.actor for m in ctx.mentions if m.is_place} - set(agents)
    present = set(agents) | {a for a in affected if kinds.get(a) is not ActorKind.PLACE} - places
    parties = {states.get(a) or a for a in present}  # "Taiwans Präsident Lai" is one party
    organisation = any(kinds.get(a) is ActorKind.ORGANIZATION for a in agents)
    return len(parties) < MIN_MEETING_PARTIES and not organisation


def _default_when(
    text: str, trigger: Trigger, known: KnownEvent | None, claim: Claim | None, ctx: _Context
) -> str | None:
    """Time of an event whose sentence gives none: the catalogue date, else the article date.

    News report what happened on or just before the publication day; a pluperfect ("hatte …
    gefordert") or a planned event has no date of its own.
    """
    if known is not None:
        return known.date
    if claim is not None and claim.status is EpistemicStatus.PLANNED_FUTURE:
        return None
    words = {w.casefold() for w in _WORDS.findall(text[trigger.clause.start : trigger.start])}
    if words & ctx.lex.words.get("@pluperfect", frozenset()):
        return None
    published = ctx.article.published
    return published.isoformat() if published else None


def _name_events(ctx: _Context, covered: set[str]) -> list[Event]:
    """Events for catalogue names that no trigger event links to ("Budapester Memorandum")."""
    events = []
    for start, end, known in ctx.names:
        if known.key in covered:
            continue
        covered.add(known.key)
        events.append(
            Event(
                id=f"e-{start}-{end}",
                type=known.type,
                start=start,
                end=end,
                trigger=ctx.article.text[start:end],
                participants=known.participants,
                when=known.date,
                place=known.place,
                known_event=known.key,
                wikidata=known.qid,
                method="known-event.name",
                confidence=CONFIDENCE_NAME,
            )
        )
    return events


def extract_events(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    timexes: Sequence[TimeExpression],
    statements: Sequence[Statement],
    *,
    lexicon: EventLexicon,
    catalogue: KnownEventCatalogue,
) -> tuple[Event, ...]:
    """Find the events the article body reports, with roles, time, place and catalogue links.

    Args:
        article: the article (its ``published`` date is the default time of recent events).
        sentences: its sentences; comment sentences are ignored.
        mentions: actor and place mentions (comment mentions are ignored).
        actors: the article's actors (keys, names and states).
        timexes: normalised time expressions.
        statements: quotes and reported speech (events inside them are attributed).
        lexicon: ``load_event_lexicon(article.lang)``.
        catalogue: ``KnownEventCatalogue.load()``.

    Returns:
        One event per reported event: a headline event merges into its body report, repeated
        mentions of one event and of one catalogue event merge into one, in text order.
    """
    body = tuple(m for m in mentions if m.comment is None)
    names = tuple(
        (s, e, k)
        for s, e, k in catalogue.find_names(article.text, article.lang)
        if any(x.comment is None and x.start <= s < x.end for x in sentences)
    )
    ctx = _Context(
        article,
        body,
        tuple(actors),
        tuple(timexes),
        tuple(statements),
        lexicon,
        catalogue,
        names,
        fold_text(article.text),
        frozenset(
            m.id
            for m in body
            for s, e, k in names
            if s <= m.start and m.end <= e and m.actor not in k.actors()
        ),
        _participant_mentions(body, statements),
    )
    events: list[Event] = []
    for sentence in sentences:
        if sentence.comment is not None:
            continue
        for clause in split_clauses(article.text, sentence, lexicon, ctx.folded):
            triggers = find_triggers(article.text, clause, lexicon, ctx.folded)
            content_from = _content_start(article.text, clause, triggers)
            verb_types = {t.rule.type for t in triggers if t.rule.pos == "verb"}
            inherited: tuple[str, ...] | None = None
            for trigger in triggers:
                if trigger.rule.pos != "verb" and trigger.rule.type in verb_types:
                    continue  # "hat ein Sanktionspaket beschlossen": one event, the verb's
                if (
                    content_from is not None
                    and trigger.rule.pos != "verb"
                    and trigger.start >= content_from
                ):
                    continue  # "drängt … zur Lieferung": the delivery is what is requested
                event = _event_from_trigger(trigger, ctx, inherited)
                if trigger.rule.pos == "verb" and inherited is None:
                    inherited = _agents_of(event)
                if event is not None:
                    events.append(event)
    covered = {e.known_event for e in events if e.known_event}
    events.extend(_name_events(ctx, covered))
    events.sort(key=lambda e: e.start)
    merged = merge_events(events, article, actors, lexicon)
    revisions = [r for event in merged for r in _revisions(event, sentences, ctx)]
    return tuple(sorted([*merged, *revisions], key=lambda e: e.start))


# --------------------------------------------------------------------------------------------
# Conflicting figures: "Am Vormittag hatte er noch von 20 Flugabwehrsystemen gesprochen"
# --------------------------------------------------------------------------------------------


def _same_noun(first: str, second: str) -> bool:
    """Return True for two inflections of one noun ("Flugabwehrsysteme", "Flugabwehrsystemen")."""
    a, b = first.casefold(), second.casefold()
    shorter = min(len(a), len(b))
    return shorter >= MIN_UNIT_CHARS and a[: shorter - 2] == b[: shorter - 2]


def _revisions(event: Event, sentences: Sequence[Sentence], ctx: _Context) -> list[Event]:
    """Other figures for the counted object of ``event`` nearby: one event per figure and time.

    Both figures are kept (the text reports both), each with the time of its own sentence.
    """
    if event.quantity is None or event.quantity_unit is None:
        return []
    text = ctx.article.text
    pattern = _figure_pattern(ctx.lex)
    more = ctx.lex.words.get("@more", frozenset())
    lower, upper = max(0, event.start - REVISION_WINDOW), event.end + REVISION_WINDOW
    found = []
    for sentence in sentences:
        if sentence.comment is not None or sentence.end < lower or sentence.start > upper:
            continue
        for m in pattern.finditer(text, sentence.start, sentence.end):
            raw = m.group("num").casefold()
            amount = int(raw) if raw.isdigit() else ctx.lex.time.numbers.get(raw)
            if amount is None or amount == event.quantity or sentence.id == event.sentence_id:
                continue  # the event's own sentence holds its own figure
            unit = m.group("unit")
            if unit.casefold() in more and m.group("unit2"):
                unit = m.group("unit2")
            if not _same_noun(unit, event.quantity_unit):
                continue
            if any(t.start <= m.start() < t.end for t in ctx.timexes):
                continue
            timex = next(
                (t for t in ctx.timexes if t.comment is None and t.value is not None
                 and sentence.start <= t.start < sentence.end),
                None,
            )  # fmt: skip
            found.append(
                replace(
                    event,
                    id=f"e-{m.start()}-{m.end()}",
                    start=m.start(),
                    end=m.end(),
                    trigger=m.group(0),
                    when=timex.value if timex else event.when,
                    time=timex.id if timex else event.time,
                    quantity=amount,
                    quantity_unit=unit,
                    sentence_id=sentence.id,
                    method="quantity-revision",
                )
            )
    return found
