"""Find actor mentions and the post holdings the text states.

Needs: Article, Sentence (for bounds), Gazetteer, MentionLexicon.
Produces: MentionResult (Actor, Mention, PostHolding).

What it recognises, left to right over each text (body first, then each comment):
names and aliases with German genitive -s ("Russlands", "Selenskyjs"); capitals and seats as
metonyms ("Kiew hat …", "der Kreml") unless a locative preposition makes them places
("in Brüssel"); demonym adjectives ("russische …"); role phrases ("der ukrainische
Außenminister Andrij Sybiha", "NATO-Generalsekretär Mark Rutte", "Kremlin spokesman Dmitry
Peskov") which yield a post holding, and which — without a name — refer back to the holder
("der NATO-Chef", "die Ministerin"); bodies built from a noun and a state ("das Außenministerium
in Kiew", "die russischen Streitkräfte"); surnames after a full name, or of a curated person
whose surname is unambiguous; descriptors of organisations named earlier ("die Allianz").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import TypeVar

from kg.model import (
    Actor,
    ActorKind,
    Article,
    Mention,
    MentionForm,
    MentionResult,
    PostHolding,
    Sentence,
)
from kg.nlp._names import NameHit, NameIndex, build_name_index, match_name
from kg.nlp._tokens import Token, slugify, tokenize
from kg.nlp.gazetteer import Entry, Gazetteer, fold
from kg.nlp.lexicon import MentionLexicon, RoleNoun

#: Roles tried, in order, when a descriptor names only "the head" of an organisation.
_TOP_ROLES = (
    "secretary general",
    "president",
    "commission president",
    "chancellor",
    "prime minister",
    "king",
    "queen",
    "supreme leader",
    "emir",
    "high representative",
)
#: State-level roles whose holder's state is the post's "of" when the text names no other.
_STATE_ROLES = frozenset(
    {
        "president",
        "vice president",
        "prime minister",
        "chancellor",
        "foreign minister",
        "defence minister",
        "interior minister",
        "finance minister",
        "economy minister",
        "minister",
        "king",
        "queen",
        "emir",
        "crown prince",
        "supreme leader",
    }
)
#: Person names after a role noun are at most this many tokens ("Wolodymyr Selenskyj",
#: "Annalena Charlotte Baerbock"); longer runs of capitalised words are noun phrases.
MAX_NAME_TOKENS = 3
#: Single unknown words ending like German abstract nouns are not surnames ("Journalisten" is).
_NOUN_SUFFIXES = ("ung", "heit", "keit", "schaft", "ion", "tät", "nis", "tum", "ismus", "ern")
#: Confidence of the less direct mention forms (extractor confidence, not source certainty);
#: set by judgement, checked against the dev set in tests/data/dev.
CONFIDENCE = {
    MentionForm.NAME: 1.0,
    MentionForm.SHORT_NAME: 0.9,
    MentionForm.METONYM: 0.85,
    MentionForm.DESCRIPTOR: 0.8,
    MentionForm.DEMONYM: 0.7,
}
_V = TypeVar("_V")
#: The default ``Mention.method`` of each form ("mentions.name").
_METHOD = {form: f"mentions.{form.value}" for form in MentionForm}
_QUOTES = frozenset("\"'„“”»«‚‘’")
#: Words whose role suffix lookup is memoised per lexicon before the memo restarts (a bound
#: on memory over a large corpus).
MAX_MEMO_WORDS = 1 << 16
#: A role or body phrase starts at most this many tokens before its role or body noun.
HEAD_WINDOW = 5


@dataclass(slots=True)
class _State:
    """What the stage has learnt so far in one article (shared by body and comments)."""

    article: Article
    gazetteer: Gazetteer
    index: NameIndex
    lexicon: MentionLexicon
    actors: dict[str, Actor] = field(default_factory=dict)
    mentions: list[Mention] = field(default_factory=list)
    holdings: list[PostHolding] = field(default_factory=list)
    surnames: dict[str, str] = field(default_factory=dict)  # folded surname -> actor key
    named: set[str] = field(default_factory=set)  # actor keys with a name mention
    hits: dict[int, NameHit | None] = field(default_factory=dict)  # the sentence's names by token
    # the organisation or state of the last plural role phrase ("NATO leaders"), which "the
    # leaders" refers back to
    group_of: str | None = None


@dataclass(frozen=True, slots=True)
class _Modifier:
    """What precedes a role or body noun and names its state/organisation."""

    start: int  # token index
    actor: str | None
    mentions: tuple[Mention, ...] = ()


def find_mentions(
    article: Article,
    sentences: Sequence[Sentence],
    gazetteer: Gazetteer,
    lexicon: MentionLexicon,
    *,
    index: NameIndex | None = None,
) -> MentionResult:
    """Find the actors an article and its comments mention, and the posts the text states.

    Args:
        article: the article (body text and comments).
        sentences: its sentences; mentions never cross a sentence boundary.
        gazetteer: curated actors and places.
        lexicon: role nouns, body nouns and function words of ``article.lang``.
        index: the gazetteer's name index (built once per gazetteer; built here if None).

    Returns:
        The actors (curated and discovered), mentions in text order (body, then comments) and
        post holdings (stated in the text, plus curated holdings of the persons mentioned).
    """
    state = _State(
        article=article,
        gazetteer=gazetteer,
        index=index if index is not None else build_name_index(gazetteer),
        lexicon=lexicon,
    )
    for sentence in sentences:
        text = article.text if sentence.comment is None else _comment_text(article, sentence)
        _scan(state, text, tokenize(text, sentence.start, sentence.end), sentence.comment)
    _merge_partial_names(state)
    _add_curated_holdings(state)
    return MentionResult(
        actors=tuple(state.actors.values()),
        mentions=tuple(state.mentions),
        holdings=tuple(state.holdings),
    )


def _comment_text(article: Article, sentence: Sentence) -> str:
    for comment in article.comments:
        if comment.index == sentence.comment:
            return comment.text
    return ""


# --------------------------------------------------------------------------------------------
# The scan
# --------------------------------------------------------------------------------------------


def _scan(state: _State, text: str, tokens: list[Token], comment: int | None) -> None:
    state.hits.clear()
    lexicon = state.lexicon
    heads, demonyms = lexicon.heads, state.index.demonyms
    caps = [t.text[:1].isupper() for t in tokens]
    # A role or body phrase needs a role/body word within the next few tokens: a cheap filter
    # that keeps the phrase parsers off most positions.
    near = [False] * len(tokens)
    head = len(tokens) + HEAD_WINDOW  # the nearest role/body word at or after ``i``
    for i in range(len(tokens) - 1, -1, -1):
        folded = tokens[i].folded
        if folded in heads or (caps[i] and _suffix_role(lexicon, folded) is not None):
            head = i
        near[i] = head < i + HEAD_WINDOW
    # Where a role noun (listed or by suffix) or a body noun may start (``_lookup`` rejects
    # the rest); a phrase is parsed only if its noun can follow the modifier at ``i``.
    roles = [
        t.folded in lexicon.role_firsts
        or " " in t.folded
        or (cap and bool(lexicon.role_suffixes) and _suffix_role(lexicon, t.folded) is not None)
        for t, cap in zip(tokens, caps, strict=True)
    ]
    bodies = [t.folded in lexicon.body_firsts or " " in t.folded for t in tokens]
    i = 0
    while i < len(tokens):
        if not caps[i]:
            # a lower-case word starts no name or surname, and a phrase only as a demonym
            # ("russische"), a role/body word or a descriptor ("die Allianz" in English)
            folded = tokens[i].folded
            if (
                folded not in demonyms
                and folded not in heads
                and folded not in lexicon.descriptor_firsts
                and " " not in folded
            ):
                i += 1
                continue
        consumed = (
            (
                near[i]
                and _noun_after(state, tokens, i, roles)
                and _role_phrase(state, text, tokens, i, comment)
            )
            or (
                near[i]
                and _noun_after(state, tokens, i, bodies, 3)
                and _body_phrase(state, text, tokens, i, comment)
            )
            or _name(state, text, tokens, i, comment)
            or _demonym(state, text, tokens, i, comment)
            or _surname(state, text, tokens, i, comment)
            or _descriptor(state, text, tokens, i, comment)
        )
        i = consumed if consumed else i + 1


def _noun_after(state: _State, tokens: list[Token], i: int, nouns: list[bool], *extra: int) -> bool:
    """Say whether a noun marked in ``nouns`` stands where a phrase at ``i`` puts its noun.

    That is at ``i`` or after a modifier (a demonym: ``i + 1``; a name with a hyphen or
    "'s": up to two tokens after it; see ``_modifier``) or, with ``extra``, ``i + extra``
    (a surname with "'s": ``_person_genitive``).
    """
    hit = _match(state, tokens, i)
    after = (0, 1, *extra)
    if any(i + n < len(nouns) and nouns[i + n] for n in after):
        return True
    return hit is not None and any(
        j < len(nouns) and nouns[j] for j in (hit.last, hit.last + 1, hit.last + 2)
    )


def _match(state: _State, tokens: list[Token], i: int) -> NameHit | None:
    """``match_name`` at token ``i`` of the sentence being scanned (memoised: the phrase
    parsers try the same positions)."""
    if i in state.hits:
        return state.hits[i]
    hit = state.hits[i] = match_name(state.index, tokens, i)
    return hit


def _mention(
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    actor: str,
    form: MentionForm,
    comment: int | None,
    *,
    method: str | None = None,
    confidence: float | None = None,
    is_place: bool = False,
    suffix: str = "",
) -> Mention:
    """The mention of ``actor`` over tokens ``span`` (ids: "m-<start>-<end>", "c<i>-m-…")."""
    start, end = tokens[span[0]].start, tokens[span[1] - 1].end
    prefix = "m" if comment is None else f"c{comment}-m"
    return Mention(
        id=f"{prefix}-{start}-{end}{suffix}",
        start=start,
        end=end,
        surface=text[start:end],
        actor=actor,
        form=form,
        is_place=is_place,
        comment=comment,
        method=method or _METHOD[form],
        confidence=CONFIDENCE.get(form, 1.0) if confidence is None else confidence,
    )


def _emit(
    state: _State,
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    actor: Actor,
    form: MentionForm,
    comment: int | None,
    *,
    is_place: bool = False,
) -> Mention:
    mention = _mention(text, tokens, span, actor.key, form, comment, is_place=is_place)
    state.actors.setdefault(actor.key, actor)
    state.mentions.append(mention)
    if form is MentionForm.NAME and not is_place:
        state.named.add(actor.key)
    return mention


def _actor(state: _State, entry: Entry) -> Actor:
    return state.actors.get(entry.key) or state.gazetteer.actor(entry, state.article.lang)


def _resolve_entry(
    state: _State, hit: NameHit, tokens: list[Token]
) -> tuple[Entry, MentionForm, bool]:
    """Return the entry a name stands for, its form and whether it is a place here.

    Capitals and seats stand for their government ("Kiew hat erklärt") unless a locative
    preposition makes them places ("in Kiew"); a state after a locative ("in Mali", "in der
    Ukraine", and the names coordinated with it) is a place too: FORMAT.md counts actors, not
    places.
    """
    entry = hit.entry
    locative = _is_locative(state, tokens, hit.first, entry.kind)
    if entry.kind is ActorKind.STATE:
        return entry, hit.form, locative
    if entry.kind is not ActorKind.PLACE:
        return entry, hit.form, False
    target = state.gazetteer.get(entry.metonym_of) if entry.metonym_of else None
    if target is None or locative:
        return entry, MentionForm.NAME, True
    return target, MentionForm.METONYM, False


_CONNECTORS = frozenset({",", "und", "and", "sowie", "oder", "or"})


def _is_locative(state: _State, tokens: list[Token], i: int, kind: ActorKind) -> bool:
    """True when the name at token ``i`` (of an entry of ``kind``) follows a locative
    preposition, or is coordinated with a place of the same kind that does ("In Mali, Burkina
    Faso und Niger"; but "In Vilnius, Lithuania and Ukraine signed …": a city before a state
    ends a fronted phrase)."""
    j = i - 1
    if j >= 0 and tokens[j].folded in state.lexicon.determiners:
        j -= 1
    if j < 0:
        return False
    if tokens[j].folded in state.lexicon.locatives:
        # "according to Moscow": the source, not the place
        return not (
            j > 0 and f"{tokens[j - 1].folded} {tokens[j].folded}" in state.lexicon.source_phrases
        )
    if tokens[j].folded in _CONNECTORS and state.mentions:
        last = state.mentions[-1]
        previous = state.actors.get(last.actor)
        same_kind = previous is None or previous.kind is kind
        return last.is_place and same_kind and j > 0 and last.end == tokens[j - 1].end
    return False


def _name(state: _State, text: str, tokens: list[Token], i: int, comment: int | None) -> int:
    hit = _match(state, tokens, i)
    if hit is None:
        return 0
    entry, form, is_place = _resolve_entry(state, hit, tokens)
    actor = _actor(state, entry)
    _emit(state, text, tokens, (hit.first, hit.last), actor, form, comment, is_place=is_place)
    if entry.kind is ActorKind.PERSON and hit.last - hit.first > 1:
        state.surnames[tokens[hit.last - 1].folded.removesuffix("s")] = entry.key
        state.surnames[tokens[hit.last - 1].folded] = entry.key
        _apposition(state, text, tokens, hit.last, entry.key, comment)
    return hit.last


def _demonym(state: _State, text: str, tokens: list[Token], i: int, comment: int | None) -> int:
    entry = _demonym_entry(state, tokens[i])
    if entry is None:
        return 0
    _emit(state, text, tokens, (i, i + 1), _actor(state, entry), MentionForm.DEMONYM, comment)
    return i + 1


def _demonym_entry(state: _State, token: Token) -> Entry | None:
    if state.lexicon.lang == "en" and not token.is_capitalized:
        return None
    return state.index.demonyms.get(token.folded)


def _surname(state: _State, text: str, tokens: list[Token], i: int, comment: int | None) -> int:
    token = tokens[i]
    if not token.is_capitalized or not token.text.isalpha():
        return 0
    folded = token.folded
    key = state.surnames.get(folded)
    if key is None:
        key = _curated_surname(state, tokens, i, folded)
    if key is None:
        return 0
    actor = state.actors.get(key)
    if actor is None:
        entry = state.gazetteer.get(key)
        if entry is None:
            return 0
        actor = _actor(state, entry)
    _emit(state, text, tokens, (i, i + 1), actor, MentionForm.SHORT_NAME, comment)
    return i + 1


def _curated_surname(state: _State, tokens: list[Token], i: int, folded: str) -> str | None:
    """Return the curated person with this (unambiguous) surname, guarding common nouns."""
    bare = folded.removesuffix("s") if folded not in state.index.surnames else folded
    candidates = state.index.surnames.get(bare, [])
    if len(candidates) != 1 or bare in state.lexicon.surname_blocklist:
        return None
    previous = tokens[i - 1].folded if i > 0 else ""
    if previous in state.lexicon.noun_context or previous.endswith(("en", "em", "er", "es")):
        return None
    return candidates[0].key


def _descriptor(state: _State, text: str, tokens: list[Token], i: int, comment: int | None) -> int:
    if i == 0 or tokens[i - 1].folded not in state.lexicon.determiners:
        return 0
    for length in (2, 1):
        key = " ".join(t.folded for t in tokens[i : i + length])
        target = state.lexicon.descriptors.get(key)
        if target and target in state.named and len(tokens) >= i + length:
            actor = state.actors[target]
            _emit(state, text, tokens, (i, i + length), actor, MentionForm.DESCRIPTOR, comment)
            return i + length
    return 0


# --------------------------------------------------------------------------------------------
# Role phrases: [modifier] ROLE [of-phrase] [name]
# --------------------------------------------------------------------------------------------


def _adjacent(tokens: list[Token], a: int, b: int) -> bool:
    return tokens[a].end == tokens[b].start


def _modifier(
    state: _State,
    text: str,
    tokens: list[Token],
    i: int,
    comment: int | None,
) -> tuple[_Modifier, int] | None:
    """Parse what names the state/organisation before a role or body noun.

    Returns the modifier and the token index after it, or None when there is none at ``i``.
    """
    demonym = _demonym_entry(state, tokens[i])
    if demonym is not None:
        mention = _pending(state, text, tokens, (i, i + 1), demonym, MentionForm.DEMONYM, comment)
        return _Modifier(start=i, actor=demonym.key, mentions=(mention,)), i + 1
    hit = _match(state, tokens, i)
    if hit is None or hit.last >= len(tokens):
        return None
    entry, form, _ = _resolve_entry(state, hit, tokens)
    if entry.kind is ActorKind.PERSON:
        return None
    mention = _pending(state, text, tokens, (hit.first, hit.last), entry, form, comment)
    nxt = tokens[hit.last]
    if (
        nxt.text in "-‐‑"
        and _adjacent(tokens, hit.last - 1, hit.last)
        and hit.last + 1 < len(tokens)
        and _adjacent(tokens, hit.last, hit.last + 1)
    ):
        return _Modifier(start=i, actor=entry.key, mentions=(mention,)), hit.last + 1
    if state.lexicon.lang == "en":
        if nxt.text in "'’" and hit.last + 1 < len(tokens) and tokens[hit.last + 1].text == "s":
            return _Modifier(start=i, actor=entry.key, mentions=(mention,)), hit.last + 2
        return _Modifier(start=i, actor=entry.key, mentions=(mention,)), hit.last
    if tokens[hit.last - 1].folded.endswith("s") and not fold(entry.label("de")).endswith("s"):
        # German prenominal genitive: "Russlands Außenminister", "Kiews Armee"
        return _Modifier(start=i, actor=entry.key, mentions=(mention,)), hit.last
    return None


def _pending(
    state: _State,
    text: str,
    tokens: list[Token],
    span: tuple[int, int],
    entry: Entry,
    form: MentionForm,
    comment: int | None,
) -> Mention:
    """Build a mention without recording it (the phrase may still be rejected)."""
    return _mention(text, tokens, span, entry.key, form, comment)


def _commit(state: _State, mentions: Sequence[Mention]) -> None:
    for mention in mentions:
        entry = state.gazetteer.get(mention.actor)
        if entry is not None:
            state.actors.setdefault(entry.key, _actor(state, entry))
        state.mentions.append(mention)
        if mention.form is MentionForm.NAME:
            state.named.add(mention.actor)


def _lookup(
    table: Mapping[str, _V], tokens: list[Token], j: int, longest: int, firsts: frozenset[str]
) -> tuple[_V, int] | None:
    """The longest key of ``table`` (folded words joined by spaces) at token ``j``.

    ``firsts`` are the keys' first words: most tokens start no key.
    """
    if j < len(tokens) and tokens[j].folded not in firsts and " " not in tokens[j].folded:
        return None
    for length in range(min(longest, len(tokens) - j), 0, -1):
        key = " ".join(t.folded for t in tokens[j : j + length])
        if key in table:
            return table[key], j + length
    return None


def _suffix_role(lexicon: MentionLexicon, word: str) -> RoleNoun | None:
    """A German compound role noun not listed whole: "Europaminister", "Militärsprechers"
    (memoised per lexicon and word)."""
    memo = lexicon.suffix_memo
    if word in memo:
        return memo[word]
    if len(memo) >= MAX_MEMO_WORDS:
        memo.clear()
    memo[word] = found = _find_suffix_role(lexicon, word)
    return found


def _find_suffix_role(lexicon: MentionLexicon, word: str) -> RoleNoun | None:
    for suffix, noun in lexicon.role_suffixes:
        at = word.rfind(suffix)
        # the suffix ends the word (allowing inflection) and something precedes it
        if at > 2 and word[at + len(suffix) :] in ("", "s", "n", "nen", "en"):
            return noun
    return None


def _role_at(state: _State, tokens: list[Token], j: int) -> tuple[RoleNoun, int] | None:
    """Return the role noun starting at token ``j`` and the index after it."""
    found = _lookup(
        state.lexicon.roles, tokens, j, state.lexicon.max_role_tokens, state.lexicon.role_firsts
    )
    if found is not None:
        return found
    if j < len(tokens) and tokens[j].is_capitalized and state.lexicon.role_suffixes:
        noun = _suffix_role(state.lexicon, tokens[j].folded)
        if noun is not None:
            return noun, j + 1
    return None


def _role_phrase(
    state: _State,
    text: str,
    tokens: list[Token],
    i: int,
    comment: int | None,
) -> int:
    parsed = _modifier(state, text, tokens, i, comment)
    modifier, j = parsed if parsed else (_Modifier(start=i, actor=None), i)
    found = _role_at(state, tokens, j)
    if found is None:
        return 0
    noun, k = found
    if state.lexicon.lang == "en" and modifier.actor is None and not _en_role_context(tokens, j):
        return 0
    of, k, of_mentions = _of_phrase(
        state, text, tokens, k, comment, _role_of(state, noun, modifier.actor)
    )
    person, end, person_mentions = _person_after_role(state, text, tokens, k, comment, noun.gender)
    determiner = (
        j > 0 and modifier.start == j and tokens[j - 1].folded in (state.lexicon.determiners)
    )
    role = noun.role
    if person is None and noun.plural:
        # "NATO leaders", "the EU foreign ministers": the members' office holders, not the post;
        # "the leaders" after "NATO leaders" speak for NATO as a body
        _commit(state, [*modifier.mentions, *of_mentions])
        group = of or modifier.actor
        if group is not None and comment is None:
            state.group_of = group
        elif determiner and comment is None and state.group_of is not None:
            body = state.actors.get(state.group_of)
            if body is not None:
                _emit(state, text, tokens, (j - 1, k), body, MentionForm.DESCRIPTOR, comment)
        return k
    if person is None:
        if not (determiner or modifier.actor) or (comment is not None and not of):
            if modifier.actor:
                _commit(state, [*modifier.mentions, *of_mentions])
                return k
            return 0
        person, role = _resolve_holder(state, noun, of, state.holdings)
        _commit(state, [*modifier.mentions, *of_mentions])
        if person is None:
            return k
        actor = state.actors.get(person) or _actor_for_key(state, person)
        if actor is not None:
            _emit(state, text, tokens, (modifier.start, k), actor, MentionForm.DESCRIPTOR, comment)
        return k
    _commit(state, [*modifier.mentions, *of_mentions, *person_mentions])
    if noun.of and not noun.of.startswith("@") and not modifier.actor and comment is None:
        _implied_mention(state, text, tokens, (j, k), noun.of)
    if role == "head" and of:
        role = _top_role(state, person, of)
    of = of or _implied_of(state, person, role)
    if comment is None:
        _add_holding(state, person, role, of, tokens[modifier.start].start, tokens[k - 1].end, text)
    return end


def _role_of(state: _State, noun: RoleNoun, modifier: str | None) -> str | None:
    """The organisation a role belongs to: the modifier ("NATO-", "russische"), or the role's
    own, where ``@body_type`` means that body of the modifier's state ("Regierungssprecher")."""
    if noun.of is None or not noun.of.startswith("@"):
        return modifier or noun.of
    country = state.gazetteer.get(modifier) if modifier else None
    if country is None or country.kind is not ActorKind.STATE:
        return modifier
    body = _body_actor(state, noun.of[1:], country)
    state.actors.setdefault(body.key, body)
    return body.key


def _implied_mention(
    state: _State, text: str, tokens: list[Token], span: tuple[int, int], key: str
) -> None:
    """A role noun that names its organisation ("Kommissionspräsidentin") mentions it."""
    entry = state.gazetteer.get(key)
    if entry is None:
        return
    state.actors.setdefault(entry.key, _actor(state, entry))
    state.mentions.append(
        _mention(
            text,
            tokens,
            span,
            entry.key,
            MentionForm.DESCRIPTOR,
            None,
            method="mentions.role_implies",
            confidence=0.7,
            suffix="-of",
        )
    )


def _en_role_context(tokens: list[Token], j: int) -> bool:
    """English role nouns without a modifier count only as titles ("Foreign Minister X") or
    after "the" ("the foreign minister")."""
    return tokens[j].is_capitalized or (j > 0 and tokens[j - 1].text.lower() == "the")


def _of_phrase(
    state: _State, text: str, tokens: list[Token], k: int, comment: int | None, of: str | None
) -> tuple[str | None, int, list[Mention]]:
    """Parse "der NATO", "des russischen Präsidialamts", "Russlands", "of Ukraine" after a role."""
    if of is not None or k >= len(tokens):
        return of, k, []
    word = tokens[k].folded
    start = k
    if word in ("der", "des", "of"):
        start = k + 1
        if start < len(tokens) and tokens[start].folded == "the":
            start += 1
    if start >= len(tokens):
        return None, k, []
    body = _parse_body(state, text, tokens, start, comment)
    if body is not None:
        actor, end, mentions = body
        state.actors.setdefault(actor.key, actor)
        body_mention = _mention(
            text,
            tokens,
            (start, end),
            actor.key,
            MentionForm.NAME,
            comment,
            method="mentions.body",
            confidence=1.0,
        )
        return actor.key, end, [*mentions, body_mention]
    hit = _match(state, tokens, start)
    if hit is None:
        return None, k, []
    entry, form, _ = _resolve_entry(state, hit, tokens)
    genitive = tokens[hit.last - 1].folded.endswith("s")
    if entry.kind is ActorKind.PERSON or (start == k and not genitive):
        return None, k, []
    mention = _pending(state, text, tokens, (hit.first, hit.last), entry, form, comment)
    return entry.key, hit.last, [mention]


def _person_after_role(
    state: _State,
    text: str,
    tokens: list[Token],
    k: int,
    comment: int | None,
    gender: str | None = None,
) -> tuple[str | None, int, list[Mention]]:
    """Find the person a role noun introduces: a curated name, a known surname or a new name.

    Up to two tokens may stand between the role and a known person ("Präsident Wladimir
    “Putin"); a new (uncurated) name must follow the role noun directly.
    """
    j = k
    while j < len(tokens) and j - k <= 2:
        hit = _match(state, tokens, j)
        if hit is not None:
            if hit.entry.kind is not ActorKind.PERSON:
                break
            mention = _pending(
                state, text, tokens, (hit.first, hit.last), hit.entry, MentionForm.NAME, comment
            )
            state.surnames[tokens[hit.last - 1].folded] = hit.entry.key
            return hit.entry.key, hit.last, [mention]
        folded = tokens[j].folded
        known = state.surnames.get(folded)
        if known is None and tokens[j].is_capitalized:
            known = _curated_surname(state, tokens, j, folded)
        if known is not None and (state.gazetteer.get(known) or j == k):
            if j == k and state.gazetteer.get(known) is None:
                longer = _new_person(state, text, tokens, k, comment, gender, dry_run=True)
                if longer is not None and longer[1] - k > 1:
                    break  # "Wolodymyr Selenskyj" after an earlier, cut-off "Wolodymyr"
            mention = _mention(text, tokens, (j, j + 1), known, MentionForm.SHORT_NAME, comment)
            return known, j + 1, [mention]
        if not (tokens[j].is_capitalized or tokens[j].text in _QUOTES):
            break
        j += 1
    if k + 1 < len(tokens) and tokens[k].text == "," and _is_name_token(state, tokens[k + 1]):
        # "Der Sprecher des katarischen Außenministeriums, Madschid al-Ansari, sagte …"
        person, end, mentions = _person_after_role(state, text, tokens, k + 1, comment, gender)
        if person is not None and (end >= len(tokens) or tokens[end].text in ",.;:"):
            return person, end, mentions
        return None, k, []
    new = _new_person(state, text, tokens, k, comment, gender)
    if new is not None:
        return new
    return None, k, []


def _is_name_token(state: _State, token: Token) -> bool:
    return (
        token.is_capitalized
        and token.text.isalpha()
        and len(token.text) > 1
        and token.text not in state.lexicon.function_words
        and token.folded not in state.lexicon.roles
        and token.folded not in state.lexicon.bodies
    )


def _name_end(state: _State, tokens: list[Token], k: int) -> int:
    """Return the end of a personal name starting at ``k`` (``k`` when there is none).

    Names are capitalised words, joined by hyphens ("Jean-Noël"), with lower-case particles
    inside ("Ursula von der Leyen", "Madschid al-Ansari"); at most ``MAX_NAME_TOKENS`` words.
    """
    end = k
    words = 0
    while end < len(tokens) and words < MAX_NAME_TOKENS:
        token = tokens[end]
        if _is_name_token(state, token) and _match(state, tokens, end) is None:
            end += 1
            words += 1
        elif (
            token.text in "-‐"
            and end > k
            and end + 1 < len(tokens)
            and _adjacent(tokens, end - 1, end)
            and _adjacent(tokens, end, end + 1)
            and _is_name_token(state, tokens[end + 1])
        ) or (
            token.text in state.lexicon.name_particles
            and end + 1 < len(tokens)
            and (
                _is_name_token(state, tokens[end + 1])
                or tokens[end + 1].text in "-‐"
                or tokens[end + 1].text in state.lexicon.name_particles
            )
            and (end > k or state.lexicon.lang == "de")
        ):
            end += 1
        else:
            break
    while end > k and not _is_name_token(state, tokens[end - 1]):
        end -= 1
    return end


def _new_person(
    state: _State,
    text: str,
    tokens: list[Token],
    k: int,
    comment: int | None,
    gender: str | None = None,
    *,
    dry_run: bool = False,
) -> tuple[str, int, list[Mention]] | None:
    """A person not in the gazetteer, introduced by a role noun: "Außenminister Tomas Beispiel"."""
    end = _name_end(state, tokens, k)
    if end == k or not _is_name_token(state, tokens[k]):
        return None
    if end - k == 1 and tokens[k].folded.endswith(_NOUN_SUFFIXES):
        return None
    name = text[tokens[k].start : tokens[end - 1].end]
    key = slugify(name)
    if dry_run:
        return key, end, []
    actor = state.actors.get(key) or Actor(
        key=key, name=name, kind=ActorKind.PERSON, names=(name,), gender=gender, curated=False
    )
    state.actors.setdefault(key, actor)
    mention = _mention(
        text,
        tokens,
        (k, end),
        key,
        MentionForm.NAME,
        comment,
        method="mentions.role_name",
        confidence=0.8,
    )
    state.surnames[tokens[end - 1].folded] = key
    return key, end, [mention]


def _apposition(
    state: _State, text: str, tokens: list[Token], i: int, person: str, comment: int | None
) -> None:
    """ "Mark Rutte, der NATO-Generalsekretär," / "Andrii Sybiha, Ukraine's foreign minister"."""
    if comment is not None or i + 1 >= len(tokens) or tokens[i].text != ",":
        return
    j = i + 1
    if tokens[j].folded in state.lexicon.determiners:
        j += 1
    if j >= len(tokens):
        return
    parsed = _modifier(state, text, tokens, j, comment)
    modifier, k = parsed if parsed else (_Modifier(start=j, actor=None), j)
    found = _role_at(state, tokens, k)
    if found is None:
        return
    noun, end = found
    of, end, of_mentions = _of_phrase(
        state, text, tokens, end, comment, _role_of(state, noun, modifier.actor)
    )
    _commit(state, [*modifier.mentions, *of_mentions])
    role = _top_role(state, person, of) if noun.role == "head" and of else noun.role
    of = of or _implied_of(state, person, role)
    _add_holding(state, person, role, of, tokens[j].start, tokens[end - 1].end, text)


# --------------------------------------------------------------------------------------------
# Bodies: [modifier] BODY [in CAPITAL | der STATE]
# --------------------------------------------------------------------------------------------


def _body_phrase(
    state: _State,
    text: str,
    tokens: list[Token],
    i: int,
    comment: int | None,
) -> int:
    parsed = _parse_body(state, text, tokens, i, comment)
    if parsed is None:
        return 0
    actor, end, mentions = parsed
    _commit(state, mentions)
    start = mentions[0].start if mentions else tokens[i].start
    start_token = next(n for n, t in enumerate(tokens) if t.start >= start)
    _emit(state, text, tokens, (start_token, end), actor, MentionForm.NAME, comment)
    return end


#: What "Selenskyjs Büro" / "Netanyahu's office" is, by the post its owner holds.
_OFFICE_OF_ROLE = {
    "president": "presidential_office",
    "prime minister": "head_of_government_office",
    "chancellor": "head_of_government_office",
}


def _person_genitive(state: _State, tokens: list[Token], i: int) -> tuple[str, int] | None:
    """A person in the genitive before a noun: "Selenskyjs Büro", "Netanyahu's office"."""
    hit = _match(state, tokens, i)
    if hit is not None:
        if hit.entry.kind is not ActorKind.PERSON:
            return None
        key, end = hit.entry.key, hit.last
    else:
        folded = tokens[i].folded
        key_or_none = state.surnames.get(folded) or state.surnames.get(folded.removesuffix("s"))
        if key_or_none is None and tokens[i].is_capitalized:
            key_or_none = _curated_surname(state, tokens, i, folded)
        if key_or_none is None or not tokens[i].is_capitalized:
            return None
        key, end = key_or_none, i + 1
    if state.lexicon.lang == "en":
        if end + 1 < len(tokens) and tokens[end].text in "'’" and tokens[end + 1].text == "s":
            return key, end + 2
        return None
    return (key, end) if tokens[end - 1].folded.endswith("s") else None


def _person_state_and_role(state: _State, person: str) -> tuple[str | None, str | None]:
    """The state a person serves and the post they hold (from this article, else curated)."""
    for holding in reversed(state.holdings):
        if holding.person == person and holding.of:
            entry = state.gazetteer.get(holding.of)
            if entry is not None and entry.kind is ActorKind.STATE:
                return entry.key, holding.role
    entry = state.gazetteer.get(person)
    if entry is not None:
        for post in entry.posts:
            of = state.gazetteer.get(post.of) if post.of else None
            if (
                of is not None
                and of.kind is ActorKind.STATE
                and post.held_on(state.article.published)
            ):
                return of.key, post.role
        return entry.state, None
    return None, None


def _person_body(
    state: _State,
    tokens: list[Token],
    i: int,
) -> tuple[Actor, int, list[Mention]] | None:
    """ "Selenskyjs Büro" -> the Office of the President of Ukraine; "Putins Armee" -> the
    armed forces of Russia."""
    found = _person_genitive(state, tokens, i)
    if found is None:
        return None
    person, j = found
    lexicon = state.lexicon
    body = _lookup(lexicon.bodies, tokens, j, lexicon.max_body_tokens, lexicon.body_firsts)
    if body is None:
        return None
    listed, end = body
    body_type: str | None = listed
    country, role = _person_state_and_role(state, person)
    if body_type == "office":
        body_type = _OFFICE_OF_ROLE.get(role or "")
    country_entry = state.gazetteer.get(country) if country else None
    if body_type is None or country_entry is None:
        return None
    return _body_actor(state, str(body_type), country_entry), end, []


def _parse_body(
    state: _State,
    text: str,
    tokens: list[Token],
    i: int,
    comment: int | None,
) -> tuple[Actor, int, list[Mention]] | None:
    personal = _person_body(state, tokens, i)
    if personal is not None:
        return personal
    parsed = _modifier(state, text, tokens, i, comment)
    modifier, j = parsed if parsed else (_Modifier(start=i, actor=None), i)
    lexicon = state.lexicon
    found = _lookup(lexicon.bodies, tokens, j, lexicon.max_body_tokens, lexicon.body_firsts)
    if found is None:
        return None
    body_type, end = found
    if body_type == "office":
        return None  # "das ukrainische Büro": an office is a body only through its holder
    assert isinstance(body_type, str)  # noqa: S101 - the table holds body types only
    country = modifier.actor
    mentions = list(modifier.mentions)
    if country is None and end + 1 < len(tokens):
        word = tokens[end].folded
        if word in ("in", "der", "des", "of"):
            nxt = end + 1
            if nxt < len(tokens) and tokens[nxt].folded == "the":
                nxt += 1
            hit = _match(state, tokens, nxt) if nxt < len(tokens) else None
            if hit is not None:
                entry = hit.entry
                target = state.gazetteer.get(entry.metonym_of) if entry.metonym_of else entry
                if target is not None and target.kind is ActorKind.STATE:
                    country, end = target.key, hit.last
    if country is None:
        return None
    country_entry = state.gazetteer.get(country)
    if country_entry is None or country_entry.kind is not ActorKind.STATE:
        return None
    return _body_actor(state, body_type, country_entry), end, mentions


def _body_actor(state: _State, body_type: str, country: Entry) -> Actor:
    entry = state.gazetteer.body(country.key, body_type)
    if entry is not None:
        return _actor(state, entry)
    templates = state.lexicon.body_names
    name_en = templates["en"].get(body_type, "{state}").format(state=country.label("en"))
    name_de = templates["de"].get(body_type, "{state}").format(state=country.label("de"))
    key = slugify(name_en)
    return state.actors.get(key) or Actor(
        key=key,
        name=name_de if state.article.lang == "de" else name_en,
        kind=ActorKind.MILITARY if body_type == "armed_forces" else ActorKind.GOVERNMENT_BODY,
        names=(name_en, name_de),
        state=country.key,
        curated=False,
    )


# --------------------------------------------------------------------------------------------
# Holdings and coreference
# --------------------------------------------------------------------------------------------


def _actor_for_key(state: _State, key: str) -> Actor | None:
    entry = state.gazetteer.get(key)
    return _actor(state, entry) if entry else state.actors.get(key)


def _role_matches(wanted: str, held: str) -> bool:
    return wanted == held or wanted == "head" or (wanted == "minister" and "minister" in held)


def _resolve_holder(
    state: _State, noun: RoleNoun, of: str | None, holdings: Sequence[PostHolding]
) -> tuple[str | None, str]:
    """Whom a role descriptor without a name refers to: the last matching holder in this
    article, else (when the organisation is known) the curated holder at the article date."""
    for holding in reversed(holdings):
        if not _role_matches(noun.role, holding.role) or (of and holding.of != of):
            continue
        actor = state.actors.get(holding.person)
        if noun.gender and actor is not None and actor.gender and actor.gender != noun.gender:
            continue
        return holding.person, holding.role
    if of is None:
        return _mentioned_holder(state, noun), noun.role
    day = state.article.published
    roles = _TOP_ROLES if noun.role == "head" else (noun.role,)
    for role in roles:
        holders = state.gazetteer.holders(role, of, day)
        if len(holders) == 1:
            return holders[0].key, role
    return None, noun.role


def _mentioned_holder(state: _State, noun: RoleNoun) -> str | None:
    """The person mentioned last whose curated post at the article date is ``noun``'s role
    ("Keir Starmer hosted … The prime minister said …"), or None when none is, when the role
    is only "head", or when another such person is mentioned in the same sentence (ambiguous:
    "Tusk met Starmer. … the prime minister")."""
    if noun.role == "head":
        return None
    day = state.article.published
    found: Mention | None = None
    for mention in reversed(state.mentions):
        if mention.comment is not None or (found is not None and mention.actor == found.actor):
            continue
        entry = state.gazetteer.get(mention.actor)
        if entry is None or entry.kind is not ActorKind.PERSON:
            continue
        if noun.gender and entry.gender and entry.gender != noun.gender:
            continue
        if not any(_role_matches(noun.role, p.role) and p.held_on(day) for p in entry.posts):
            continue
        if found is None:
            found = mention
            continue
        between = state.article.text[mention.end : found.start]
        return found.actor if any(mark in between for mark in ".!?") else None
    return found.actor if found is not None else None


def _top_role(state: _State, person: str, of: str) -> str:
    entry = state.gazetteer.get(person)
    if entry is not None:
        for post in entry.posts:
            if post.of == of and post.held_on(state.article.published):
                return post.role
    return "head"


def _implied_of(state: _State, person: str, role: str) -> str | None:
    entry = state.gazetteer.get(person)
    if entry is not None:
        for post in entry.posts:
            if _role_matches(role, post.role) and post.held_on(state.article.published):
                return post.of
        if role in _STATE_ROLES and entry.state:
            return entry.state
    actor = state.actors.get(person)
    return actor.state if actor is not None and role in _STATE_ROLES else None


def _add_holding(
    state: _State, person: str, role: str, of: str | None, start: int, end: int, text: str
) -> None:
    if of is None:
        return  # "Senator X": a title without the body it belongs to is no post holding
    holding = PostHolding(
        id=f"h-{start}-{end}",
        person=person,
        role=role,
        of=of,
        start=start,
        end=end,
        descriptor=text[start:end],
        observed=state.article.published,
        method="mentions.role_phrase",
        confidence=0.9,
    )
    state.holdings.append(holding)
    actor = state.actors.get(person)
    if actor is not None and actor.state is None and of and not actor.curated:
        of_entry = state.gazetteer.get(of)
        country = (
            of
            if of_entry and of_entry.kind is ActorKind.STATE
            else (of_entry.state if of_entry else None)
        )
        state.actors[person] = Actor(
            key=actor.key,
            name=actor.name,
            kind=actor.kind,
            names=actor.names,
            state=country,
            gender=actor.gender,
            curated=False,
        )


def _add_curated_holdings(state: _State) -> None:
    """Add the curated posts the mentioned persons hold at the article date (no text span)."""
    stated = {(h.person, h.role, h.of) for h in state.holdings}
    day: date | None = state.article.published
    for key in list(state.actors):
        entry = state.gazetteer.get(key)
        if entry is None or entry.kind is not ActorKind.PERSON:
            continue
        for post in entry.posts:
            if post.held_on(day) and (key, post.role, post.of) not in stated:
                state.holdings.append(
                    PostHolding(
                        id=f"h-{slugify(key)}-{slugify(post.role)}-{slugify(post.of or 'x')}",
                        person=key,
                        role=post.role,
                        of=post.of,
                        observed=day,
                        method="gazetteer",
                        confidence=1.0,
                    )
                )


def _merge_partial_names(state: _State) -> None:
    """Fold one-word discovered persons into the full name they abbreviate.

    "NATO-Generalsekretär Rutte" in a headline and "Mark Rutte" in the body are one person;
    so are "Präsident Wolodymyr" (a name cut off by an aside) and "Wolodymyr Selenskyj".
    """
    persons = [a for a in state.actors.values() if a.kind is ActorKind.PERSON]
    remap: dict[str, str] = {}
    for partial in persons:
        if partial.curated or len(partial.name.split()) != 1:
            continue
        word = fold(partial.name)
        fuller = [
            a.key
            for a in persons
            if a.key != partial.key
            and any(
                len(n.split()) > 1 and word in (fold(n.split()[0]), fold(n.split()[-1]))
                for n in (a.name, *a.names)
            )
        ]
        if len(set(fuller)) == 1:
            remap[partial.key] = fuller[0]
    if not remap:
        return
    state.mentions[:] = [
        _replace_actor(m, remap[m.actor]) if m.actor in remap else m for m in state.mentions
    ]
    state.holdings[:] = list(
        {
            (remap.get(h.person, h.person), h.role, h.of, h.start): (
                _replace_person(h, remap[h.person]) if h.person in remap else h
            )
            for h in state.holdings
        }.values()
    )
    for key in remap:
        state.actors.pop(key, None)


def _replace_actor(mention: Mention, key: str) -> Mention:
    from dataclasses import replace

    return replace(mention, actor=key, form=MentionForm.SHORT_NAME)


def _replace_person(holding: PostHolding, key: str) -> PostHolding:
    from dataclasses import replace

    return replace(holding, person=key)
