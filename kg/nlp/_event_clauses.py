"""Clauses, triggers and argument roles of ``kg.nlp.events`` (rules over mention spans, no parser).

See the ``kg.nlp.events`` module docstring for the rules in words.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from kg.model import Actor, EventType, Mention, MentionForm, Sentence
from kg.nlp._event_lexicon import EventLexicon, TriggerRule
from kg.nlp._literals import finditer_at, fold_case, run_start

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


# Types whose place mentions are where it happened, not who was affected ("Treffen in Brüssel").
PLACE_ONLY = frozenset({EventType.MEETING, EventType.MILITARY_EXERCISE})
# Types whose parties are states and organisations: a place after a locative preposition is
# where it happened, not a party ("unterzeichneten in Warschau ein Abkommen", "signed … in
# London"). Attacks, captures and elections keep such places as affected ("Wahl in Moldau").
LOCATIVE_PLACE_ONLY = frozenset(
    {
        EventType.AGREEMENT,
        EventType.REQUEST,
        EventType.SANCTION,
        EventType.STATEMENT_OF_INTENT,
        EventType.PROTEST,
    }
)
_PLACE_NOT_PARTY = PLACE_ONLY | LOCATIVE_PLACE_ONLY


@dataclass(frozen=True, slots=True)
class Clause:
    start: int
    end: int
    sentence: Sentence
    host: tuple[int, int] | None = None  # the main-clause part before an embedded clause
    relative: bool = False  # the clause is the relative clause; ``host`` holds its antecedent


@dataclass(frozen=True, slots=True)
class Group:
    """Mentions forming one noun phrase or coordination ("USA, Russland und Großbritannien").

    ``start``, ``end``, ``actors`` (keys in order, once each) and ``is_place`` (every mention is
    a place) are computed once from ``mentions``.
    """

    mentions: tuple[Mention, ...]
    start: int = field(init=False)
    end: int = field(init=False)
    actors: tuple[str, ...] = field(init=False)
    is_place: bool = field(init=False)

    def __post_init__(self) -> None:
        mentions = self.mentions
        object.__setattr__(self, "start", mentions[0].start)
        object.__setattr__(self, "end", max(m.end for m in mentions))
        object.__setattr__(self, "actors", tuple(dict.fromkeys(m.actor for m in mentions)))
        object.__setattr__(self, "is_place", all(m.is_place for m in mentions))


_WORDS = re.compile(r"[\w-]+")
_APOSTROPHE_WORDS = re.compile(r"[\w'-]+")
_NEXT_WORD = re.compile(r"\s*([\w-]+)")
_GENITIVE_GAP = re.compile(r"\s*(?:des|der)?\s*")  # "Angriff (der) Russlands"


_BOUNDARY = re.compile(r"[;:()–]|\s-\s|,\s*(?P<word>[\w-]+)")


_COORDINATION = re.compile(
    r"^[\s,]*(?:(?:und|and|sowie|or|oder)\s*(?:(?:the|die|der|das|den|dem)\s+)?)?$", re.IGNORECASE
)


_NP_GAP = re.compile(r"^[\w-]*\s*(?:[A-ZÄÖÜ][\w.-]*\s+){0,3}$")


def split_clauses(
    text: str, sentence: Sentence, lex: EventLexicon, folded: str | None = None
) -> list[Clause]:
    """Split a sentence at ";", ":", dashes and commas that open a clause ("…, dass", "…, der").

    A relative clause or apposition ("Sybiha, der als Gast … dabei war, bat …") ends at the next
    comma; the clause after it continues the main clause before it (its ``host``). ``folded``
    is ``fold_case(text)`` when the caller has it.
    """
    cuts: list[tuple[int, bool]] = [(sentence.start, False)]
    relative = lex.words.get("@relative", frozenset())
    clause_words = lex.words.get("@clause", frozenset())
    opened = False
    for m in _BOUNDARY.finditer(text, sentence.start, sentence.end):
        word = m.group("word")
        folded = word.casefold() if word else None
        if folded is None or folded in clause_words:
            cuts.append((m.start(), folded in relative))
            opened = folded in relative
        elif opened:  # the comma closing a relative clause
            cuts.append((m.start(), False))
            opened = False
    bare = lex.classes.get("@clause_bare")
    if folded is not None and not lex.bare_index.candidates(folded, sentence.start, sentence.end):
        bare = None  # no bare clause word in the sentence: nothing to cut
    if bare is not None:  # "said on Sunday that Russian forces had captured …"
        cuts.extend((m.start(), False) for m in bare.finditer(text, sentence.start, sentence.end))
        cuts.sort()
    cuts.append((sentence.end, False))
    clauses: list[Clause] = []
    for index, ((start, _), (end, _)) in enumerate(itertools.pairwise(cuts)):
        host, is_relative = None, False
        if index >= 2 and cuts[index - 1][1] and not cuts[index][1]:
            host = (cuts[index - 2][0], cuts[index - 1][0])
        elif index >= 1 and cuts[index][1]:  # "Egypt and Qatar, which brokered the truce"
            host, is_relative = (cuts[index - 1][0], start), True
        if end > start:
            clauses.append(Clause(start, end, sentence, host, is_relative))
    return clauses


def group_mentions(text: str, mentions: Sequence[Mention]) -> list[Group]:
    groups: list[list[Mention]] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if groups:
            last = groups[-1]
            end = max(m.end for m in last)
            gap = text[end : mention.start] if mention.start >= end else ""
            # a place and an actor are never one coordination ("In Vilnius, Lithuania and
            # Ukraine signed …": the fronted place ends at the comma)
            joinable = last[-1].is_place == mention.is_place
            if mention.start < end or (
                joinable and (_COORDINATION.match(gap) or _NP_GAP.match(gap))
            ):
                last.append(mention)
                continue
        groups.append([mention])
    return [Group(tuple(g)) for g in groups]


def word_before(text: str, start: int, lower: int) -> str:
    words = _APOSTROPHE_WORDS.findall(text[lower:start])
    return words[-1].casefold() if words else ""


@dataclass(frozen=True, slots=True)
class Trigger:
    rule: TriggerRule
    start: int
    end: int
    clause: Clause


def _rule_applies(
    rule: TriggerRule,
    m: re.Match[str],
    text: str,
    clause: Clause,
    lex: EventLexicon,
    possible: frozenset[str],
) -> bool:
    """Return True when a match of ``rule`` is a trigger (``possible``: classes it may hold)."""
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
    wanted, banned = rule.wanted, rule.banned
    if any(
        name in possible and lex.classes[name].search(text, clause.start, clause.end)
        for name in banned
    ):
        return False
    return not wanted or any(
        name in possible and lex.classes[name].search(text, clause.start, clause.end)
        for name in wanted
    )


def find_triggers(
    text: str, clause: Clause, lex: EventLexicon, folded: str | None = None
) -> list[Trigger]:
    """Return the triggers of a clause; one rule per span (rules with requirements first).

    ``folded`` is ``fold_case(text)`` (computed when omitted); only rules with a key word in
    the clause are tried.
    """
    folded = fold_case(text) if folded is None else folded
    found: dict[tuple[int, int], list[TriggerRule]] = {}
    keys = lex.trigger_index.occurrences(folded, clause.start, clause.end)
    possible: frozenset[str] | None = None  # the required classes that may occur (when needed)
    for index, positions in keys.items():
        rule = lex.rules[index]
        if positions is None:
            matches = rule.pattern.finditer(text, clause.start, clause.end)
        elif rule.compound:  # a match starts at its first word or where its compound starts
            starts = {p for q in positions for p in (q, run_start(text, q)) if p >= clause.start}
            matches = finditer_at(rule.pattern, text, sorted(starts), clause.end)
        else:
            matches = finditer_at(rule.pattern, text, positions, clause.end)
        for m in matches:
            if rule.requires and possible is None:
                found_classes = lex.class_index.candidates(folded, clause.start, clause.end)
                possible = frozenset(lex.required[i] for i in found_classes)
            if _rule_applies(rule, m, text, clause, lex, possible or frozenset()):
                found.setdefault((m.start(), m.end()), []).append(rule)
    triggers = []
    determiners = lex.words.get("@determiner", frozenset())
    for (start, end), rules in sorted(found.items()):
        if any(s <= start and end <= e and (s, e) != (start, end) for s, e in found):
            continue  # inside a longer trigger
        ranked = sorted(rules, key=lambda r: not r.requires)
        kinds = {r.pos for r in ranked}
        if "verb" in kinds and kinds & {"noun", "noun-pl"}:
            window = _APOSTROPHE_WORDS.findall(text[clause.start : start])[-2:]
            is_noun = any(w.casefold() in determiners for w in window)
            ranked = [r for r in ranked if (r.pos != "verb") == is_noun] or ranked
        triggers.append(Trigger(ranked[0], start, end, clause))
    return triggers


def is_infinitive(text: str, trigger: Trigger, lex: EventLexicon) -> bool:
    """Return True for "zu erobern" / "to deliver" / "beschossen zu haben": not an event.

    The infinitive is what someone wants, tries, asks for or alleges ("warf Kiew vor, ein Lager
    beschossen zu haben"); a plan cue before it keeps it as a planned event (caller).
    """
    if trigger.rule.pos != "verb":
        return False
    marks = lex.words.get("@infinitive", frozenset())
    if word_before(text, trigger.start, trigger.clause.start) in marks:
        return True
    after = _WORDS.findall(text[trigger.end : trigger.clause.end])[:2]
    return (
        len(after) == 2
        and after[0].casefold() in marks
        and after[1].casefold() in (lex.words.get("@perfect_aux", frozenset()))
    )


@dataclass(frozen=True, slots=True)
class Arguments:
    agents: tuple[str, ...]
    affected: tuple[str, ...]
    place: str | None
    subject: str | None
    fallback: bool = False  # the agent is only the nearest actor before a noun
    # affected actors after an ``@beneficiary`` preposition ("mehr Hilfe für Ungarn")
    beneficiaries: tuple[str, ...] = ()


def _in_phrase(text: str, group: Group, prepositions: frozenset[str], lower: int) -> bool:
    """Return True for a group inside a prepositional phrase ("Am Rande des G20-Gipfels")."""
    window = _WORDS.findall(text[max(lower, group.start - 40) : group.start])
    return any(w.casefold() in prepositions for w in window[-MAX_PHRASE_WORDS:])


def preceded_by(text: str, group: Group, words: frozenset[str], lower: int) -> bool:
    window = _WORDS.findall(text[max(lower, group.start - 20) : group.start])
    return any(w.casefold() in words for w in window[-2:])


def _is_genitive(surface: str, group: Group, actors: Sequence[Actor]) -> bool:
    """Return True for an inflected name ("Russlands"), not a name ending in s ("Vilnius")."""
    if not surface.endswith("s"):
        return False
    names = {n.casefold() for a in actors if a.key in group.actors for n in (a.name, *a.names)}
    return surface.casefold() not in names


def _noun_agent(
    text: str,
    trigger: Trigger,
    groups: Sequence[Group],
    actors: Sequence[Actor],
    lex: EventLexicon,
) -> Group | None:
    inside = [g for g in groups if g.start < trigger.end and trigger.start < g.end]
    if inside:
        return inside[0]
    before = [g for g in groups if g.end <= trigger.start and not g.is_place]
    if before:
        last = before[-1]
        gap = text[last.end : trigger.start]
        head = max(last.mentions, key=lambda m: (m.end, m.end - m.start))
        possessive = gap.startswith("'s") or _is_genitive(text[last.start : last.end], last, actors)
        words = _WORDS.findall(gap.replace("'s", " "))
        if (
            len(gap) <= MAX_MODIFIER_GAP
            and len(words) <= MAX_MODIFIER_WORDS
            and "," not in gap
            and not any(w.casefold() in lex.words.get("@preposition", ()) for w in words)
            and ((head.form is MentionForm.DEMONYM and " " not in head.surface) or possessive)
        ):
            return last
    after = [g for g in groups if g.start >= trigger.end and not g.is_place]
    agent_prep = lex.words.get("@agentprep", frozenset())
    for group in after:
        between = _WORDS.findall(text[trigger.end : group.start])
        if between and between[0].casefold() in agent_prep and len(between) <= MAX_MODIFIER_WORDS:
            return group  # "attack by Russia", "Angriff durch Russland"
    if lex.lang == "de" and after and _GENITIVE_GAP.fullmatch(text[trigger.end : after[0].start]):
        return after[0]
    return None


def _inverted_subject(
    text: str, trigger: Trigger, post: Sequence[Group], lex: EventLexicon
) -> Group | None:
    """Return the subject right after a German verb ("dafür sagten die Atommächte USA … zu")."""
    if not post:
        return None
    words = _WORDS.findall(text[trigger.end : post[0].start])
    preps = lex.words.get("@preposition", frozenset())
    if len(words) > MAX_INVERTED_SUBJECT_WORDS or any(w.casefold() in preps for w in words):
        return None
    return post[0]


def _nearest_subject(
    text: str, trigger: Trigger, groups: Sequence[Group], lex: EventLexicon
) -> Group | None:
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
        and not preceded_by(text, g, preps, trigger.clause.start)
    ]
    return before[-1] if before else None


def _between_group(
    text: str, trigger: Trigger, groups: Sequence[Group], lex: EventLexicon
) -> Group | None:
    """Return the parties of "a meeting between Trump and Zelensky" as one group."""
    between = lex.words.get("@between", frozenset())
    after = [g for g in groups if g.start >= trigger.end and not g.is_place]
    if after and preceded_by(text, after[0], between, trigger.end):
        return Group(tuple(m for g in after[:2] for m in g.mentions))
    return None


def _compound_agent(text: str, trigger: Trigger, actors: Sequence[Actor]) -> str | None:
    """Return the actor named by a compound's first part ("NATO-Gipfel") without a mention."""
    surface = text[trigger.start : trigger.end]
    if "-" not in surface:
        return None
    prefix = surface.split("-")[0].casefold()
    for actor in actors:
        if any(name.casefold() == prefix for name in (actor.name, *actor.names)):
            return actor.key
    return None


def _heads_nonstate(text: str, mention: Mention, nonstate: frozenset[str]) -> bool:
    """Return True for a demonym before a non-state group: "Syrian rebels" are not Syria."""
    if mention.form is not MentionForm.DEMONYM:
        return False
    following = _NEXT_WORD.match(text[mention.end : mention.end + 40])
    return following is not None and following.group(1).casefold() in nonstate


def find_arguments(
    text: str,
    trigger: Trigger,
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    lex: EventLexicon,
    host_mentions: Sequence[Mention] = (),
) -> Arguments:
    nonstate = lex.words.get("@nonstate", frozenset())
    mentions = [m for m in mentions if not _heads_nonstate(text, m, nonstate)]
    groups = group_mentions(text, mentions)
    clause = trigger.clause
    subject_group = next((g for g in groups if not g.is_place), None)
    subject = subject_group.actors[-1] if subject_group else None
    agent: Group | None = None
    agent_keys: tuple[str, ...] = ()
    fallback = False
    passive_words = lex.words.get("@passive", frozenset())
    if trigger.rule.pos == "verb" and not passive_words.isdisjoint(
        w.casefold() for w in _WORDS.findall(text[clause.start : clause.end])
    ):
        agent_prep = lex.words.get("@agentprep", frozenset())
        agent = next(
            (
                g
                for g in groups
                if not g.is_place and preceded_by(text, g, agent_prep, clause.start)
            ),
            None,
        )
    if agent is None and trigger.rule.pos == "verb":
        pre = [g for g in groups if g.end <= trigger.start and not g.is_place]
        if not pre:  # "Sybiha, der … dabei war, bat …": the subject precedes the relative clause
            pre = [g for g in group_mentions(text, host_mentions) if not g.is_place]
            if clause.relative:  # the relative pronoun stands for the last noun phrase before it
                pre = pre[-1:]
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
                fallback = agent is not None
    if agent is None and not agent_keys and trigger.rule.type is EventType.MEETING:
        with_words = lex.words.get("@with", frozenset())
        agent = next(
            (g for g in groups if g.start >= trigger.end and not g.is_place
             and preceded_by(text, g, with_words, trigger.end)),
            None,
        )  # fmt: skip
    if agent is not None:
        agent_keys = agent.actors
    place = None
    affected: list[str] = []
    beneficiaries: list[str] = []
    locative = lex.words.get("@locprep", frozenset())
    benefit = lex.words.get("@beneficiary", frozenset())
    for group in groups:
        if group is agent or (group.start >= trigger.start and group.end <= trigger.end):
            continue
        if group.is_place and (
            trigger.rule.type in PLACE_ONLY or preceded_by(text, group, locative, clause.start)
        ):
            place = place or group.actors[0]
            if trigger.rule.type in _PLACE_NOT_PARTY:
                continue
        if trigger.rule.type is EventType.PROTEST and not preceded_by(
            text, group, lex.words.get("@against", frozenset()), clause.start
        ):
            continue  # a protest's target follows "gegen"/"against" ("… gegen die Regierung")
        affected.extend(k for k in group.actors if k not in agent_keys)
        if benefit and preceded_by(text, group, benefit, clause.start):
            beneficiaries.extend(k for k in group.actors if k not in agent_keys)
    return Arguments(
        tuple(agent_keys),
        tuple(dict.fromkeys(affected)),
        place,
        subject,
        fallback=fallback,
        beneficiaries=tuple(dict.fromkeys(beneficiaries)),
    )
