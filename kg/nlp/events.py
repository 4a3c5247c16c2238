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
puts events with a claim into a claim graph (ontology.md §3.8).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from kg.errors import ConfigError
from kg.model import (
    Actor,
    Article,
    BlockKind,
    Claim,
    EpistemicStatus,
    Event,
    EventType,
    Mention,
    MentionForm,
    Participant,
    Sentence,
    Statement,
    TimeExpression,
)
from kg.nlp.claims import (
    SKIP_STATUSES,
    ClaimCue,
    ClaimLexicon,
    author_mentions,
    build_claim,
    find_claim_cues,
    load_claim_lexicon,
)
from kg.nlp.known_events import KnownEvent, KnownEventCatalogue, times_compatible
from kg.nlp.timex import TimeLexicon, load_time_lexicon

_POS = ("verb", "noun", "noun-pl")
# Claim statuses whose cue vouches for (or against) everything in its sentence.
_SENTENCE_STATUSES = frozenset({"claimed-unverified", "denied"})
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
# Types whose place mentions are where it happened, not who was affected ("Treffen in Brüssel").
_PLACE_ONLY = frozenset({EventType.MEETING, EventType.MILITARY_EXERCISE})
# Types reported without an agent ("die Präsidentschaftswahl in Moldau"): kept with affected only.
_AGENTLESS = frozenset({EventType.ELECTION})
# Types with a counted object ("um 19 weitere Flugabwehrsysteme").
_COUNTED = frozenset({EventType.REQUEST, EventType.WEAPONS_DELIVERY, EventType.STATEMENT_OF_INTENT})
# Verb triggers whose object may be another event noun ("drängt … zur Lieferung"): that noun is
# the requested or promised content, not a second event.
_CONTENT_TAKING = frozenset({EventType.REQUEST, EventType.STATEMENT_OF_INTENT, EventType.AGREEMENT})
# A demonym or possessive stands this close before a noun trigger to be its agent ("russische
# Invasion", "Russlands Angriff"); two short adjectives fit ("russischen massiven Luftangriff").
MAX_MODIFIER_GAP = 25
MAX_MODIFIER_WORDS = 2
# A German subject after the verb ("dafür sagten die Atommächte USA … zu", "griff Russland …
# an") stands within this many words of it; farther groups are objects ("… an die Ukraine").
MAX_INVERTED_SUBJECT_WORDS = 3
# A preposition this many words before a name makes it part of a prepositional phrase, not a
# subject ("Am Rande des G20-Gipfels trafen sich …": preposition, noun, article, name).
MAX_PHRASE_WORDS = 3
# Another figure for the same counted object is looked for this far (characters) from the
# event ("um 19 weitere Flugabwehrsysteme" … "von 20 Flugabwehrsystemen gesprochen").
REVISION_WINDOW = 600
# Unit nouns shorter than this are too generic to tie two figures together ("20 Jahre").
MIN_UNIT_CHARS = 6
# Confidence of events found by the rules (extractor confidence); name mentions of catalogue
# events are more certain, events without a time or with a fallback agent less so.
CONFIDENCE_TRIGGER = 0.8
CONFIDENCE_NAME = 0.9


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of ``event_triggers.tsv``."""

    type: EventType
    pos: str
    pattern: re.Pattern[str]
    particle: re.Pattern[str] | None
    requires: tuple[str, ...]
    particle_final: bool = True  # the particle closes the clause ("sagten … zu")


@dataclass(frozen=True, slots=True, eq=False)
class EventLexicon:
    """Everything ``extract_events`` needs for one language (hashed by identity)."""

    lang: str
    rules: tuple[TriggerRule, ...]
    classes: Mapping[str, re.Pattern[str]]
    words: Mapping[str, frozenset[str]]  # exact-word classes ("@clause", "@passive", …)
    claims: ClaimLexicon
    time: TimeLexicon
    agent_roles: Mapping[EventType, str]
    affected_roles: Mapping[EventType, str]
    role_sides: Mapping[str, str]


def _form_regex(forms: str) -> str:
    parts = []
    for form in forms.split("|"):
        body = re.escape(form.strip("*")).replace(r"\ ", r"\s+")
        prefix = r"[\w-]*" if form.startswith("*") else ""
        suffix = r"[\w-]*" if form.endswith("*") else ""
        parts.append(prefix + body + suffix)
    return rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])"


def _read_rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}", option="lexicon") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            raise ConfigError(f"{path.name}:{number}: expected {width} columns", option="lexicon")
        rows.append((number, cells))
    return rows


def _load_types(path: Path) -> tuple[dict[EventType, str], dict[EventType, str], dict[str, str]]:
    agent: dict[EventType, str] = {}
    affected: dict[EventType, str] = {}
    sides: dict[str, str] = {}
    for number, cells in _read_rows(path, 3):
        try:
            if cells[0] == "type":
                agent[EventType(cells[1])] = cells[2]
                affected[EventType(cells[1])] = cells[3]
            elif cells[0] == "role" and cells[2] in ("agent", "affected"):
                sides[cells[1]] = cells[2]
            else:
                raise ConfigError(f"{path.name}:{number}: bad row kind {cells[0]!r}")
        except (ValueError, IndexError) as exc:
            raise ConfigError(
                f"{path.name}:{number}: bad row ({exc})", option="event_types"
            ) from exc
    return agent, affected, sides


@functools.lru_cache(maxsize=8)
def load_event_lexicon(lang: str, directory: Path | None = None) -> EventLexicon:
    """Load the trigger, claim-cue and time lexicons of ``lang`` and the event-type table.

    Raises:
        ConfigError: the language is unsupported or a file is malformed.
    """
    from kg.resources import data_dir, lexicon_dir

    directory = directory or lexicon_dir(lang)
    path = directory / "event_triggers.tsv"
    rules: list[TriggerRule] = []
    classes: dict[str, re.Pattern[str]] = {}
    words: dict[str, frozenset[str]] = {}
    for number, cells in _read_rows(path, 5):
        kind, pos, forms, particle, requires = cells[:5]
        if kind.startswith("@"):
            classes[kind] = re.compile(_form_regex(forms), re.IGNORECASE)
            words[kind] = frozenset(forms.split("|"))
            continue
        try:
            event_type = EventType(kind)
        except ValueError as exc:
            raise ConfigError(
                f"{path.name}:{number}: unknown event type {kind!r}", option="lexicon"
            ) from exc
        if pos not in _POS:
            raise ConfigError(f"{path.name}:{number}: pos {pos!r} not in {_POS}", option="lexicon")
        particle_re = None
        final = True
        if particle != "-":
            final = particle.endswith("$")
            word = re.escape(particle.rstrip("$"))
            tail = r"\s*(?:[.,;:!?)\"“”»«–]|$)" if final else ""
            particle_re = re.compile(rf"(?<![\w-]){word}(?![\w-]){tail}", re.IGNORECASE)
        rules.append(
            TriggerRule(
                type=event_type,
                pos=pos,
                pattern=re.compile(_form_regex(forms), re.IGNORECASE),
                particle=particle_re,
                requires=() if requires == "-" else tuple(requires.split("|")),
                particle_final=final,
            )
        )
    for rule in rules:
        missing = [name for name in rule.requires if name.lstrip("!") not in classes]
        if missing:
            raise ConfigError(f"{path.name}: unknown word class {missing[0]!r}", option="lexicon")
    agent, affected, sides = _load_types(data_dir() / "event_types.tsv")
    return EventLexicon(
        lang=lang,
        rules=tuple(rules),
        classes=classes,
        words=words,
        claims=load_claim_lexicon(lang),
        time=load_time_lexicon(lang),
        agent_roles=agent,
        affected_roles=affected,
        role_sides=sides,
    )


@functools.lru_cache(maxsize=1)
def _role_sides() -> Mapping[str, str]:
    from kg.resources import data_dir

    return _load_types(data_dir() / "event_types.tsv")[2]


def is_agent_role(role: str) -> bool:
    """Return True when ``role`` counts as an agent in eval/FORMAT.md (else it is affected).

    >>> is_agent_role("attacker"), is_agent_role("guarantor"), is_agent_role("target")
    (True, True, False)
    """
    return _role_sides().get(role.casefold(), "affected") == "agent"


# --------------------------------------------------------------------------------------------
# Clauses, groups of mentions
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Clause:
    start: int
    end: int
    sentence: Sentence
    host: tuple[int, int] | None = None  # the main-clause part before an embedded clause


@dataclass(frozen=True, slots=True)
class _Group:
    """Mentions forming one noun phrase or coordination ("USA, Russland und Großbritannien")."""

    mentions: tuple[Mention, ...]

    @property
    def start(self) -> int:
        return self.mentions[0].start

    @property
    def end(self) -> int:
        return max(m.end for m in self.mentions)

    @property
    def actors(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(m.actor for m in self.mentions))

    @property
    def is_place(self) -> bool:
        return all(m.is_place for m in self.mentions)


_BOUNDARY = re.compile(r"[;:()–]|\s-\s|,\s*(?P<word>[\w-]+)")
_COORDINATION = re.compile(
    r"^[\s,]*(?:(?:und|and|sowie|or|oder)\s*(?:(?:the|die|der|das|den|dem)\s+)?)?$", re.IGNORECASE
)
_NP_GAP = re.compile(r"^[\w-]*\s*(?:[A-ZÄÖÜ][\w.-]*\s+){0,3}$")


def _clauses(text: str, sentence: Sentence, lex: EventLexicon) -> list[_Clause]:
    """Split a sentence at ";", ":", dashes and commas that open a clause ("…, dass", "…, der").

    A relative clause or apposition ("Sybiha, der als Gast … dabei war, bat …") ends at the next
    comma; the clause after it continues the main clause before it (its ``host``).
    """
    cuts: list[tuple[int, bool]] = [(sentence.start, False)]
    relative = lex.words.get("@relative", frozenset())
    opened = False
    for m in _BOUNDARY.finditer(text, sentence.start, sentence.end):
        word = m.group("word")
        folded = word.casefold() if word else None
        if folded is None or folded in lex.words.get("@clause", frozenset()):
            cuts.append((m.start(), folded in relative))
            opened = folded in relative
        elif opened:  # the comma closing a relative clause
            cuts.append((m.start(), False))
            opened = False
    bare = lex.classes.get("@clause_bare")
    if bare is not None:  # "said on Sunday that Russian forces had captured …"
        cuts.extend((m.start(), False) for m in bare.finditer(text, sentence.start, sentence.end))
        cuts.sort()
    cuts.append((sentence.end, False))
    clauses: list[_Clause] = []
    for index, ((start, _), (end, _)) in enumerate(itertools.pairwise(cuts)):
        host = None
        if index >= 2 and cuts[index - 1][1] and not cuts[index][1]:
            host = (cuts[index - 2][0], cuts[index - 1][0])
        if end > start:
            clauses.append(_Clause(start, end, sentence, host))
    return clauses


def _groups(text: str, mentions: Sequence[Mention]) -> list[_Group]:
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if groups:
            last = groups[-1]
            end = max(m.end for m in last)
            gap = text[end : mention.start] if mention.start >= end else ""
            if mention.start < end or _COORDINATION.match(gap) or _NP_GAP.match(gap):
                last.append(mention)
                continue
        groups.append([mention])
    return [_Group(tuple(g)) for g in groups]


def _word_before(text: str, start: int, lower: int) -> str:
    words = re.findall(r"[\w'-]+", text[lower:start])
    return words[-1].casefold() if words else ""


# --------------------------------------------------------------------------------------------
# Triggers
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Trigger:
    rule: TriggerRule
    start: int
    end: int
    clause: _Clause


def _rule_applies(
    rule: TriggerRule, m: re.Match[str], text: str, clause: _Clause, lex: EventLexicon
) -> bool:
    surface = m.group(0)
    if lex.lang == "de" and rule.pos != "verb" and not surface[0].isupper():
        return False  # German nouns are capitalised: "treffen" is a verb
    if lex.lang == "de" and rule.pos == "verb" and surface[0].isupper():
        before = text[clause.sentence.start : m.start()].strip()
        if before and before[-1] not in '"„“”»«:':
            return False  # a capitalised word inside a German sentence is a noun ("Lieferung")
    if rule.particle is not None:
        # A closing particle follows the verb; a preposition may precede a verb-final trigger
        # ("Raketen auf Israel abgefeuert", "unter ihre Kontrolle gebracht").
        since = m.end() if rule.particle_final else clause.start
        if not rule.particle.search(text, since, clause.end):
            return False
    wanted = [name for name in rule.requires if not name.startswith("!")]
    banned = [name[1:] for name in rule.requires if name.startswith("!")]
    if any(lex.classes[name].search(text, clause.start, clause.end) for name in banned):
        return False
    return not wanted or any(
        lex.classes[name].search(text, clause.start, clause.end) for name in wanted
    )


def _find_triggers(text: str, clause: _Clause, lex: EventLexicon) -> list[_Trigger]:
    """Return the triggers of a clause; one rule per span (rules with requirements first)."""
    found: dict[tuple[int, int], list[TriggerRule]] = {}
    for rule in lex.rules:
        for m in rule.pattern.finditer(text, clause.start, clause.end):
            if _rule_applies(rule, m, text, clause, lex):
                found.setdefault((m.start(), m.end()), []).append(rule)
    triggers = []
    determiners = lex.words.get("@determiner", frozenset())
    for (start, end), rules in sorted(found.items()):
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in found):
            continue  # inside a longer trigger
        ranked = sorted(rules, key=lambda r: not r.requires)
        kinds = {r.pos for r in ranked}
        if "verb" in kinds and kinds & {"noun", "noun-pl"}:
            window = re.findall(r"[\w'-]+", text[clause.start : start])[-2:]
            is_noun = any(w.casefold() in determiners for w in window)
            ranked = [r for r in ranked if (r.pos != "verb") == is_noun] or ranked
        triggers.append(_Trigger(ranked[0], start, end, clause))
    return triggers


def _is_infinitive(text: str, trigger: _Trigger, lex: EventLexicon) -> bool:
    """Return True for "zu erobern" / "to deliver" / "beschossen zu haben": not an event.

    The infinitive is what someone wants, tries, asks for or alleges ("warf Kiew vor, ein Lager
    beschossen zu haben"); a plan cue before it keeps it as a planned event (caller).
    """
    if trigger.rule.pos != "verb":
        return False
    marks = lex.words.get("@infinitive", frozenset())
    if _word_before(text, trigger.start, trigger.clause.start) in marks:
        return True
    after = re.findall(r"[\w-]+", text[trigger.end : trigger.clause.end])[:2]
    return (
        len(after) == 2
        and after[0].casefold() in marks
        and after[1].casefold() in (lex.words.get("@perfect_aux", frozenset()))
    )


# --------------------------------------------------------------------------------------------
# Arguments
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Arguments:
    agents: tuple[str, ...]
    affected: tuple[str, ...]
    place: str | None
    subject: str | None


def _in_phrase(text: str, group: _Group, prepositions: frozenset[str], lower: int) -> bool:
    """Return True for a group inside a prepositional phrase ("Am Rande des G20-Gipfels")."""
    window = re.findall(r"[\w-]+", text[max(lower, group.start - 40) : group.start])
    return any(w.casefold() in prepositions for w in window[-MAX_PHRASE_WORDS:])


def _preceded_by(text: str, group: _Group, words: frozenset[str], lower: int) -> bool:
    window = re.findall(r"[\w-]+", text[max(lower, group.start - 20) : group.start])
    return any(w.casefold() in words for w in window[-2:])


def _is_genitive(surface: str, group: _Group, actors: Sequence[Actor]) -> bool:
    """Return True for an inflected name ("Russlands"), not a name ending in s ("Vilnius")."""
    if not surface.endswith("s"):
        return False
    names = {n.casefold() for a in actors if a.key in group.actors for n in (a.name, *a.names)}
    return surface.casefold() not in names


def _noun_agent(
    text: str,
    trigger: _Trigger,
    groups: Sequence[_Group],
    actors: Sequence[Actor],
    lex: EventLexicon,
) -> _Group | None:
    inside = [g for g in groups if g.start < trigger.end and trigger.start < g.end]
    if inside:
        return inside[0]
    before = [g for g in groups if g.end <= trigger.start and not g.is_place]
    if before:
        last = before[-1]
        gap = text[last.end : trigger.start]
        head = last.mentions[-1]
        possessive = gap.startswith("'s") or _is_genitive(text[last.start : last.end], last, actors)
        words = re.findall(r"[\w-]+", gap.replace("'s", " "))
        if (
            len(gap) <= MAX_MODIFIER_GAP
            and len(words) <= MAX_MODIFIER_WORDS
            and "," not in gap
            and not any(w.casefold() in lex.words.get("@preposition", ()) for w in words)
            and (head.form is MentionForm.DEMONYM or possessive)
        ):
            return last
    after = [g for g in groups if g.start >= trigger.end and not g.is_place]
    agent_prep = lex.words.get("@agentprep", frozenset())
    for group in after:
        between = re.findall(r"[\w-]+", text[trigger.end : group.start])
        if between and between[0].casefold() in agent_prep and len(between) <= MAX_MODIFIER_WORDS:
            return group  # "attack by Russia", "Angriff durch Russland"
    if (
        lex.lang == "de"
        and after
        and re.fullmatch(r"\s*(?:des|der)?\s*", text[trigger.end : after[0].start])
    ):
        return after[0]
    return None


def _inverted_subject(
    text: str, trigger: _Trigger, post: Sequence[_Group], lex: EventLexicon
) -> _Group | None:
    """Return the subject right after a German verb ("dafür sagten die Atommächte USA … zu")."""
    if not post:
        return None
    words = re.findall(r"[\w-]+", text[trigger.end : post[0].start])
    preps = lex.words.get("@preposition", frozenset())
    if len(words) > MAX_INVERTED_SUBJECT_WORDS or any(w.casefold() in preps for w in words):
        return None
    return post[0]


def _nearest_subject(
    text: str, trigger: _Trigger, groups: Sequence[_Group], lex: EventLexicon
) -> _Group | None:
    """Return the closest actor before a noun trigger that no preposition governs.

    "Moskau habe die Vereinbarung mit dem Angriff auf die Ukraine … gebrochen" -> Moskau;
    "since Russia launched its full-scale invasion" -> Russia, not the sentence's subject.
    """
    preps = lex.words.get("@preposition", frozenset())
    before = [
        g
        for g in groups
        if g.end <= trigger.start
        and not g.is_place
        and not _preceded_by(text, g, preps, trigger.clause.start)
    ]
    return before[-1] if before else None


def _between_group(
    text: str, trigger: _Trigger, groups: Sequence[_Group], lex: EventLexicon
) -> _Group | None:
    """Return the parties of "a meeting between Trump and Zelensky" as one group."""
    between = lex.words.get("@between", frozenset())
    after = [g for g in groups if g.start >= trigger.end and not g.is_place]
    if after and _preceded_by(text, after[0], between, trigger.end):
        return _Group(tuple(m for g in after[:2] for m in g.mentions))
    return None


def _compound_agent(text: str, trigger: _Trigger, actors: Sequence[Actor]) -> str | None:
    """Return the actor named by a compound's first part ("NATO-Gipfel") without a mention."""
    surface = text[trigger.start : trigger.end]
    if "-" not in surface:
        return None
    prefix = surface.split("-")[0].casefold()
    for actor in actors:
        if any(name.casefold() == prefix for name in (actor.name, *actor.names)):
            return actor.key
    return None


def _arguments(
    text: str,
    trigger: _Trigger,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    lex: EventLexicon,
    host_mentions: Sequence[Mention] = (),
) -> _Arguments:
    groups = _groups(text, mentions)
    clause = trigger.clause
    subject_group = next((g for g in groups if not g.is_place), None)
    subject = subject_group.actors[-1] if subject_group else None
    agent: _Group | None = None
    agent_keys: tuple[str, ...] = ()
    passive_words = lex.words.get("@passive", frozenset())
    clause_words = {w.casefold() for w in re.findall(r"[\w-]+", text[clause.start : clause.end])}
    if trigger.rule.pos == "verb" and clause_words & passive_words:
        agent_prep = lex.words.get("@agentprep", frozenset())
        agent = next(
            (
                g
                for g in groups
                if not g.is_place and _preceded_by(text, g, agent_prep, clause.start)
            ),
            None,
        )
    if agent is None and trigger.rule.pos == "verb":
        pre = [g for g in groups if g.end <= trigger.start and not g.is_place]
        if not pre:  # "Sybiha, der … dabei war, bat …": the subject precedes the relative clause
            pre = [g for g in _groups(text, host_mentions) if not g.is_place]
            if pre and subject_group is None:
                subject = pre[0].actors[-1]
        post = [g for g in groups if g.start >= trigger.end and not g.is_place]
        if lex.lang == "de":
            preps = lex.words.get("@preposition", frozenset())
            pre = [g for g in pre if not _in_phrase(text, g, preps, clause.start)]
            agent = pre[0] if pre else _inverted_subject(text, trigger, post, lex)
        else:
            agent = pre[-1] if pre else None
    elif (
        agent is None
        and trigger.rule.type is EventType.MEETING
        and (between := _between_group(text, trigger, groups, lex))
    ):
        agent = between
    elif agent is None:
        agent = _noun_agent(text, trigger, groups, actors, lex)
        if agent is None:
            compound = _compound_agent(text, trigger, actors)
            if compound is not None:
                agent_keys = (compound,)
            else:
                agent = _nearest_subject(text, trigger, groups, lex)
    if agent is None and not agent_keys and trigger.rule.type is EventType.MEETING:
        with_words = lex.words.get("@with", frozenset())
        agent = next(
            (g for g in groups if g.start >= trigger.end and not g.is_place
             and _preceded_by(text, g, with_words, trigger.end)),
            None,
        )  # fmt: skip
    if agent is not None:
        agent_keys = agent.actors
    place = None
    affected: list[str] = []
    locative = lex.words.get("@locprep", frozenset())
    for group in groups:
        if group is agent or (group.start >= trigger.start and group.end <= trigger.end):
            continue
        if group.is_place and (
            trigger.rule.type in _PLACE_ONLY or _preceded_by(text, group, locative, clause.start)
        ):
            place = place or group.actors[0]
            if trigger.rule.type in _PLACE_ONLY:
                continue
        affected.extend(k for k in group.actors if k not in agent_keys)
    return _Arguments(tuple(agent_keys), tuple(dict.fromkeys(affected)), place, subject)


# --------------------------------------------------------------------------------------------
# Time and quantity
# --------------------------------------------------------------------------------------------


def _time_for(trigger: _Trigger, timexes: Sequence[TimeExpression]) -> TimeExpression | None:
    usable = [t for t in timexes if t.comment is None and t.value is not None]

    def distance(t: TimeExpression) -> int:
        return t.start - trigger.end if t.start >= trigger.end else trigger.start - t.end

    clause = [t for t in usable if trigger.clause.start <= t.start < trigger.clause.end]
    sentence = trigger.clause.sentence
    pool = clause or [t for t in usable if sentence.start <= t.start < sentence.end]
    return min(pool, key=distance) if pool else None


def _quantity(
    text: str, trigger: _Trigger, timexes: Sequence[TimeExpression], lex: EventLexicon
) -> tuple[int | None, str | None]:
    if trigger.rule.type not in _COUNTED:
        return None, None
    numbers = "|".join(re.escape(w) for w in sorted(lex.time.numbers, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w.,-])(?P<num>\d+|{numbers})\s+(?P<unit>[\w-]+)(?:\s+(?P<unit2>[\w-]+))?",
        re.IGNORECASE,
    )
    more = lex.words.get("@more", frozenset())
    for m in pattern.finditer(text, trigger.end, trigger.clause.end):
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
    agents: Sequence[str], affected: Sequence[str], event_type: EventType, lex: EventLexicon
) -> tuple[Participant, ...]:
    agent_role = lex.agent_roles.get(event_type, "agent")
    affected_role = lex.affected_roles.get(event_type, "affected")
    result = [Participant(actor=a, role=agent_role) for a in agents]
    result += [Participant(actor=a, role=affected_role) for a in affected if a not in agents]
    return tuple(result)


def _cues(text: str, clause: _Clause, lex: EventLexicon) -> tuple[ClaimCue, ...]:
    """Cues of the clause, plus source cues elsewhere in the sentence.

    Negation, hypotheticals and plans scope over their clause; "could not be independently
    verified", "according to" and denials ("Der Kreml bestritt, dass … angegriffen hätten") over
    the sentence. Under a denial the Konjunktiv of reported speech is not a hypothetical.
    """
    own = find_claim_cues(text, clause.start, clause.end, lex.claims)
    sentence = clause.sentence
    others = [
        replace(c, author="before") if c.author == "subject" else c
        for c in find_claim_cues(text, sentence.start, sentence.end, lex.claims)
        if c.status in _SENTENCE_STATUSES and not clause.start <= c.start < clause.end
    ]
    if any(c.status == "denied" for c in (*own, *others)):
        own = tuple(c for c in own if c.status != "hypothetical")
    return tuple(sorted((*own, *others), key=lambda c: c.start))


def _is_generic(text: str, trigger: _Trigger, lex: EventLexicon) -> bool:
    """Return True for an undated noun that names no particular event.

    A plural without a possessive or a partner ("gegen russische Luftangriffe", but "its own
    manoeuvres", "talks with Kristersson"), or an indefinite noun after a preposition ("die
    Sorge vor einem russischen Angriff", "warned of an invasion").
    """
    if trigger.rule.pos == "verb":
        return False
    before = [
        w.casefold() for w in re.findall(r"[\w-]+", text[trigger.clause.start : trigger.start])
    ]
    after = [w.casefold() for w in re.findall(r"[\w-]+", text[trigger.end : trigger.clause.end])]
    words = lex.words
    if trigger.rule.pos == "noun-pl":
        partner = bool(after) and after[0] in words.get("@with", set()) | words.get(
            "@between", set()
        )
        return not (partner or any(w in words.get("@possessive", ()) for w in before[-2:]))
    indefinite = [i for i, w in enumerate(before[-3:]) if w in words.get("@indefinite", ())]
    if not indefinite:
        return False
    head = before[-3:][: indefinite[0]]
    return bool(head) and head[-1] in words.get("@generic_prep", ())


def _speaker_as_subject(
    text: str, trigger: _Trigger, statement: Statement, lex: EventLexicon
) -> tuple[str, ...]:
    """Return the speaker when a pronoun stands for it: "France said it would send missiles"."""
    start = max(statement.start, trigger.clause.start)
    words = re.findall(r"[\w-]+", text[start : trigger.start])
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


def _statement_for(start: int, statements: Sequence[Statement]) -> Statement | None:
    return next((s for s in statements if s.start <= start < s.end), None)


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


def _event_from_trigger(trigger: _Trigger, ctx: _Context) -> Event | None:
    text = ctx.article.text
    clause = trigger.clause
    cues = _cues(text, clause, ctx.lex)
    if any(c.status in SKIP_STATUSES for c in cues):
        return None
    planned = any(c.status == "planned-future" and c.end <= trigger.start for c in cues)
    if _is_infinitive(text, trigger, ctx.lex) and not planned:
        return None  # "um … zu liefern", "asked NATO to deliver": content, not an event
    excluded = author_mentions(cues, ctx.mentions) | {  # "the Vilnius summit": not Lithuania
        m.id
        for m in ctx.mentions
        for s, e, k in ctx.names
        if s <= m.start and m.end <= e and m.actor not in k.actors()
    }
    in_clause = [
        m
        for m in ctx.mentions
        if clause.start <= m.start and m.end <= clause.end and m.id not in excluded
        and not _in_reporting_cue(m, ctx.statements)
    ]  # fmt: skip
    host = clause.host
    host_mentions = [m for m in ctx.mentions if host and host[0] <= m.start and m.end <= host[1]]
    args = _arguments(text, trigger, in_clause, ctx.actors, ctx.lex, host_mentions)
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
    if known is not None:  # the catalogue knows who was on which side
        victims = {p.actor for p in known.participants if not is_agent_role(p.role)}
        agents = tuple(a for a in agents if a not in victims)
    if not agents and known is not None:
        agents = tuple(p.actor for p in known.participants if is_agent_role(p.role))
    if not agents and statement is not None and statement.speaker is not None:
        agents = _speaker_as_subject(text, trigger, statement, ctx.lex)
    if not agents and (trigger.rule.type not in _AGENTLESS or not affected):
        return None  # who did it is the point of the event; elections have no agent
    if timex is None and known is None and _is_generic(text, trigger, ctx.lex):
        return None
    quantity, unit = _quantity(text, trigger, ctx.timexes, ctx.lex)
    return Event(
        id=f"e-{trigger.start}-{trigger.end}",
        type=trigger.rule.type,
        start=trigger.start,
        end=trigger.end,
        trigger=text[trigger.start : trigger.end],
        participants=_participants(agents, affected, trigger.rule.type, ctx.lex),
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


def _default_when(
    text: str, trigger: _Trigger, known: KnownEvent | None, claim: Claim | None, ctx: _Context
) -> str | None:
    """Time of an event whose sentence gives none: the catalogue date, else the article date.

    News report what happened on or just before the publication day; a pluperfect ("hatte …
    gefordert") or a planned event has no date of its own.
    """
    if known is not None:
        return known.date
    if claim is not None and claim.status is EpistemicStatus.PLANNED_FUTURE:
        return None
    words = {
        w.casefold() for w in re.findall(r"[\w-]+", text[trigger.clause.start : trigger.start])
    }
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
        article, body, tuple(actors), tuple(timexes), tuple(statements), lexicon, catalogue, names
    )
    events: list[Event] = []
    for sentence in sentences:
        if sentence.comment is not None:
            continue
        for clause in _clauses(article.text, sentence, lexicon):
            triggers = _find_triggers(article.text, clause, lexicon)
            content_from = min(
                (
                    t.end
                    for t in triggers
                    if t.rule.pos == "verb" and t.rule.type in _CONTENT_TAKING
                ),
                default=None,
            )
            verb_types = {t.rule.type for t in triggers if t.rule.pos == "verb"}
            for trigger in triggers:
                if trigger.rule.pos != "verb" and trigger.rule.type in verb_types:
                    continue  # "hat ein Sanktionspaket beschlossen": one event, the verb's
                if (
                    content_from is not None
                    and trigger.rule.pos != "verb"
                    and trigger.start >= content_from
                ):
                    continue  # "drängt … zur Lieferung": the delivery is what is requested
                event = _event_from_trigger(trigger, ctx)
                if event is not None:
                    events.append(event)
    covered = {e.known_event for e in events if e.known_event}
    events.extend(_name_events(ctx, covered))
    events.sort(key=lambda e: e.start)
    merged = _merge(events, article, actors, lexicon)
    revisions = [r for event in merged for r in _revisions(event, sentences, ctx)]
    return tuple(sorted([*merged, *revisions], key=lambda e: e.start))


# --------------------------------------------------------------------------------------------
# Merging repeated reports of one event
# --------------------------------------------------------------------------------------------


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
    return bool(words) and words[-1].casefold() in lex.words.get("@definite", frozenset())


def _is_summary(event: Event, article: Article) -> bool:
    return any(b.start <= event.start < b.end and b.kind in _SUMMARY_BLOCKS for b in article.blocks)


def _merge(
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
                    if merged[i].type is event.type and _times_agree(merged[i], event)
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
        if _is_summary(earlier, article) and not _is_summary(event, article):
            merged[target] = _combine(event, earlier, summary=True)
        elif _is_summary(event, article):
            merged[target] = _combine(earlier, event, summary=True)
        elif earlier.method.startswith("known") and event.method.startswith("trigger"):
            merged[target] = _combine(event, earlier)
        else:
            merged[target] = _combine(earlier, event)
    # A headline or heading summarises the report below it.
    result: list[Event] = []
    for index, event in enumerate(merged):
        if _is_summary(event, article):
            body = next(
                (
                    j
                    for j in range(index + 1, len(merged))
                    if merged[j].type is event.type
                    and not _is_summary(merged[j], article)
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
    numbers = "|".join(re.escape(w) for w in sorted(ctx.lex.time.numbers, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w.,-])(?P<num>\d+|{numbers})\s+(?P<unit>[\w-]+)(?:\s+(?P<unit2>[\w-]+))?",
        re.IGNORECASE,
    )
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
