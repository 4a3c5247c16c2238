"""Issues: noun phrases and clauses that name a proposition ``relation(subject, object)``.

Needs: Article, Sentence, Mention, Actor. Produces: IssueMention.

A trigger word from ``kg/nlp/lexicons/<lang>/issue_patterns.tsv`` ("Mitgliedschaft",
"sanctions") opens an issue phrase; its slots are filled from the actor mentions around it, by
position and preposition as the lexicon row says: a hyphenated compound ("NATO-Mitgliedschaft"),
a mention right before the trigger ("NATO membership", "Ukraine's"), a genitive after it ("der
Ukraine", "of Ukraine"), a preposition phrase ("zur NATO", "gegen Russland"). A common noun of
the lexicon's ``@alias`` rows ("die Allianz") names its actor when the article mentions it.

Slots the text leaves open stay None here; the stance stage completes them from the article's
other mentions of the issue and from the stance holder (``kg.nlp.stances``). A trigger whose own
phrase contains another issue ("Unterstützung für eine NATO-Mitgliedschaft") is not an issue:
the outer noun is a stance word.
"""

from __future__ import annotations

import functools
import itertools
import re
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.model import Actor, ActorKind, Article, IssueMention, Mention, MentionForm, Sentence
from kg.nlp._tokens import Token, tokens_of
from kg.nlp.lexicon import read_lexicon_lines
from kg.resources import lexicon_dir

__all__ = ["ANAPHOR", "RELATIONS", "IssueLexicon", "IssueRule", "find_issues", "load_issue_lexicon"]

#: Issue relations (eval/FORMAT.md) and the Wikidata property their proposition uses, if any.
RELATIONS: Mapping[str, str | None] = {
    "membership": "P463",  # member of
    "accession": "P463",  # the process of becoming a member of
    "aid": None,
    "negotiation": None,
    "sanction": None,
    "control": None,
    "guarantee": None,
    "ceasefire": None,
    "recognition": None,
}
#: The relation of an anaphoric noun ("die Zusage", "the decision"): the issue named last.
ANAPHOR = "*"
#: Relations whose object may be a place: territory is controlled.
PLACE_RELATIONS = frozenset({"control"})
SLOTS = frozenset({"subject", "object"})
_OTHER_SLOT = {"subject": "object", "object": "subject"}
NEEDS = frozenset({"-", "subject", "object", "both"})
#: Words a preposition or genitive phrase may skip before its mention ("in das westliche
#: Verteidigungsbündnis", "to the embattled Kyiv"): determiners and adjectives. Measured on the
#: seed and dev articles: no slot mention lies further than three words after its preposition.
MAX_SKIP = 3
#: Tokens a possessive or modifier mention may lie before the trigger ("Ukraine's NATO
#: membership": the possessive is two tokens before "membership" once "NATO" is skipped).
MAX_BEFORE = 2
_COLUMNS = 9
#: Distinct words whose trigger candidates are memoised per lexicon before the memo restarts
#: (a bound on memory over a large corpus; news vocabularies stay far below it).
MAX_MEMO_WORDS = 1 << 17
_GLOB = re.compile(r"[\w*]+|[^\w\s*]")
_CONFIDENCE_PARTIAL = 0.8  # a slot left open: the stance stage must guess it


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueRule:
    """One row of ``issue_patterns.tsv``: a trigger and how its slots are filled."""

    relation: str
    patterns: tuple[tuple[re.Pattern[str], ...], ...]  # each: one regex per token
    forms: tuple[str, ...]
    before: str | None
    compound: str | None
    after: str | None
    gen: str | None
    preps: Mapping[str, str]
    need: str
    asserts: bool


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class IssueLexicon:
    """The issue triggers of one language (hashed by identity)."""

    lang: str
    rules: tuple[IssueRule, ...]
    aliases: Mapping[str, str]  # lower-case common noun -> actor key
    genitive: frozenset[str]  # words opening a genitive after the trigger ("der", "of")
    skip: frozenset[str] = frozenset()  # copulas a phrase may pass over ("liegt", "is")
    temporal: frozenset[str] = frozenset()  # "nach einem Waffenstillstand": only a date
    conjunctions: frozenset[str] = frozenset()  # "und", "and" in "zwischen X und Y"
    infinitive: frozenset[str] = frozenset()  # "to" in "Ukraine to join"


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------


def _bad(path: Path, number: int, problem: str) -> ConfigError:
    return ConfigError(f"{path}:{number}: {problem}", option="lexicon")


def _slot(value: str, path: Path, number: int) -> str | None:
    if value in ("", "-"):
        return None
    if value not in SLOTS:
        raise _bad(path, number, f"slot {value!r} is not one of {sorted(SLOTS)} or '-'")
    return value


def _pattern(form: str) -> tuple[re.Pattern[str], ...]:
    parts = _GLOB.findall(form.lower())
    return tuple(re.compile(re.escape(p).replace(r"\*", r"\w*")) for p in parts)


def _rule(row: list[str], path: Path, number: int) -> IssueRule:
    relation, forms_text, before, compound, after, gen, preps_text, need, polarity = (
        c.strip() for c in row[:_COLUMNS]
    )
    if relation not in RELATIONS:
        raise _bad(path, number, f"relation {relation!r} is not one of {sorted(RELATIONS)}")
    if need not in NEEDS:
        raise _bad(path, number, f"need {need!r} is not one of {sorted(NEEDS)}")
    if polarity not in ("+", "."):
        raise _bad(path, number, f"polarity {polarity!r} is not '+' or '.'")
    preps: dict[str, str] = {}
    for item in preps_text.split(","):
        if item.strip() in ("", "-"):
            continue
        word, _, slot = item.partition("=")
        value = "both" if slot.strip() == "both" else _slot(slot.strip(), path, number)
        if value is None:
            raise _bad(path, number, f"preposition {item!r} names no slot (word=subject|object)")
        preps[word.strip().lower()] = value
    forms = tuple(f.strip() for f in forms_text.split(",") if f.strip())
    if not forms:
        raise _bad(path, number, "a trigger row needs at least one form")
    return IssueRule(
        relation=relation,
        patterns=tuple(_pattern(f) for f in forms),
        forms=forms,
        before=_slot(before, path, number),
        compound=_slot(compound, path, number),
        after=_slot(after, path, number),
        gen=_slot(gen, path, number),
        preps=preps,
        need=need,
        asserts=polarity == "+",
    )


def load_issue_lexicon(lang: str, directory: Path | None = None) -> IssueLexicon:
    """Load ``issue_patterns.tsv`` for ``lang`` ("de" or "en").

    Args:
        lang: the article language.
        directory: a lexicon directory to use instead of the shipped one (tests).

    Raises:
        ConfigError: the language is unsupported or the file is malformed.
    """
    base = directory if directory is not None else lexicon_dir(lang)
    path = base / "issue_patterns.tsv"
    lines = read_lexicon_lines(path)
    rules: list[IssueRule] = []
    aliases: dict[str, str] = {}
    genitive: set[str] = set()
    classes: dict[str, set[str]] = {
        "@skip": set(), "@temporal": set(), "@and": set(), "@infinitive": set(),
    }  # fmt: skip
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = line.split("\t")
        if row[0] == "@alias":
            if len(row) < 3:
                raise _bad(path, number, f"expected @alias, words, actor key; got {row!r}")
            for word in row[1].split(","):
                aliases[word.strip().lower()] = row[2].strip()
        elif row[0] == "@anaphor":
            forms = tuple(w.strip().lower() for w in row[1].split(",") if w.strip())
            rules.append(
                IssueRule(
                    relation=ANAPHOR,
                    patterns=tuple(_pattern(f) for f in forms),
                    forms=forms,
                    before=None,
                    compound=None,
                    after=None,
                    gen=None,
                    preps={},
                    need="-",
                    asserts=False,
                )
            )
        elif row[0] == "@genitive":
            genitive.update(w.strip().lower() for w in row[1].split(",") if w.strip())
        elif row[0] in classes:
            classes[row[0]].update(w.strip().lower() for w in row[1].split(",") if w.strip())
        elif len(row) < _COLUMNS:
            raise _bad(path, number, f"expected {_COLUMNS} tab-separated columns; got {row!r}")
        else:
            rules.append(_rule(row, path, number))
    if not genitive:
        raise _bad(path, len(lines), "no @genitive row (words that open a genitive phrase)")
    return IssueLexicon(
        lang=lang,
        rules=tuple(rules),
        aliases=aliases,
        genitive=frozenset(genitive),
        skip=frozenset(classes["@skip"]),
        temporal=frozenset(classes["@temporal"]),
        conjunctions=frozenset(classes["@and"]),
        infinitive=frozenset(classes["@infinitive"]),
    )


# --------------------------------------------------------------------------------------------
# Matching
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Hit:
    rule: IssueRule
    form: str
    first: int  # token index of the trigger's first token
    last: int  # token index of its last token (inclusive)


_Candidate = tuple[IssueRule, str, tuple[re.Pattern[str], ...]]


@functools.lru_cache(maxsize=8)
def _candidate_memo(lexicon: IssueLexicon) -> dict[str, tuple[_Candidate, ...]]:
    """The (growing) memo of ``_candidates`` for one lexicon."""
    return {}


def _candidates(lexicon: IssueLexicon, word: str) -> tuple[_Candidate, ...]:
    """The trigger forms whose first word matches lower-case ``word``, rows in file order
    (memoised per word: most tokens start no trigger, and words repeat)."""
    memo = _candidate_memo(lexicon)
    found = memo.get(word)
    if found is None:
        found = tuple(
            (rule, form, pattern)
            for rule in lexicon.rules
            for form, pattern in zip(rule.forms, rule.patterns, strict=True)
            if pattern[0].fullmatch(word)
        )
        if len(memo) >= MAX_MEMO_WORDS:
            memo.clear()
        memo[word] = found
    return found


def _triggers(tokens: Sequence[Token], lexicon: IssueLexicon) -> Iterator[_Hit]:
    """Longest trigger at each token, rows in file order; overlapping triggers are skipped."""
    words = [t.text.lower() for t in tokens]
    count = len(words)
    memo = _candidate_memo(lexicon)
    i = 0
    while i < count:
        candidates = memo.get(words[i])
        if candidates is None:
            candidates = _candidates(lexicon, words[i])
        if not candidates:
            i += 1
            continue
        best: _Hit | None = None
        size = 0  # tokens of ``best``
        for rule, form, pattern in candidates:
            n = len(pattern)
            if i + n > count or (best is not None and n <= size):
                continue
            if all(p.fullmatch(w) for p, w in zip(pattern[1:], words[i + 1 : i + n], strict=True)):
                best, size = _Hit(rule, form, i, i + n - 1), n
        if best is not None:
            yield best
            i = best.last + 1
        else:
            i += 1


class _Slots:
    """The mentions of one sentence indexed by token, for slot filling."""

    def __init__(
        self,
        text: str,
        tokens: Sequence[Token],
        mentions: Sequence[Mention],
        actors: Mapping[str, Actor],
        lexicon: IssueLexicon,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.lexicon = lexicon
        self.actors = actors
        self.starting: dict[int, Mention] = {}
        self.inside: dict[int, Mention] = {}
        starts = [t.start for t in tokens]
        for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
            if actors.get(mention.actor) is None:
                continue  # a city or region ("in Brüssel"); a state stays ("aid to Ukraine")
            # tokens are in order and disjoint: those inside the mention are one run
            k = bisect_left(starts, mention.start)
            if k < len(tokens) and starts[k] == mention.start:
                self.starting.setdefault(k, mention)
            while k < len(tokens) and tokens[k].end <= mention.end:
                self.inside.setdefault(k, mention)
                k += 1

    def mention_at(self, k: int, *, places: bool = False) -> tuple[str, int] | None:
        """Actor key and last token index of a mention or alias starting at token ``k``.

        Places (cities, regions) fill a slot only when ``places`` ("Kontrolle über die Krim").
        """
        mention = self.starting.get(k)
        if (
            mention is not None
            and not places
            and self.actors[mention.actor].kind is ActorKind.PLACE
        ):
            return None
        if mention is not None:
            last = k
            while last + 1 < len(self.tokens) and self.tokens[last + 1].end <= mention.end:
                last += 1
            if mention.form is MentionForm.DEMONYM:
                return None  # "russische Streitkräfte": the adjective is not the slot's actor
            return mention.actor, last
        alias = self.lexicon.aliases.get(self.tokens[k].text.lower())
        if alias is not None and alias in self.actors:
            return alias, k
        return None

    def mention_ending(self, k: int) -> str | None:
        """Actor key of a (non-demonym, non-place) mention whose last token is ``k``."""
        mention = self.inside.get(k)
        if mention is None or mention.form is MentionForm.DEMONYM:
            return None
        if self.actors[mention.actor].kind is ActorKind.PLACE:
            return None
        if self.tokens[k].end != mention.end:
            return None
        return mention.actor


def _is_word(token: Token) -> bool:
    return token.text[:1].isalpha()


def _modifies_trigger(tokens: Sequence[Token], last: int, triggers: set[int]) -> bool:
    """True when the mention ending at token ``last`` modifies a following issue trigger."""
    if last + 1 in triggers:
        return True
    return (
        last + 2 in triggers
        and tokens[last + 1].text == "-"
        and tokens[last + 1].start == tokens[last].end
    )


def _fill_after(
    slots: _Slots,
    hit: _Hit,
    filled: dict[str, str],
    triggers: set[int],
    end: int,
    extra: list[tuple[str, str]],
) -> tuple[int, bool]:
    """Fill slots from the phrases after the trigger; return the phrase end and a conflict flag.

    A conflict is another issue trigger inside the phrase (the outer noun is then a stance word).
    Actors coordinated with a slot's actor ("mit der Ukraine und Moldau") go to ``extra`` as
    (slot, actor): each names an issue of its own.
    """
    rule, tokens = hit.rule, slots.tokens
    k = hit.last + 1
    phrase_end = hit.last
    role: str | None = rule.after
    skipped = 0
    direct = True  # no article or preposition yet: the "after" slot
    genitive = False  # the current role was opened by a genitive ("der EU")
    by_genitive: tuple[str, str] | None = None  # (slot, actor) a genitive filled
    while k < end:
        token = tokens[k]
        word = token.text.lower()
        if k in triggers:  # "support for NATO membership": the outer noun is a stance word
            return phrase_end, role is not None and not direct and not filled
        found = slots.mention_at(k, places=rule.relation in PLACE_RELATIONS)
        if found is not None and role is not None:
            actor, last = found
            if _modifies_trigger(tokens, last, triggers):
                return phrase_end, True  # "für eine NATO-Mitgliedschaft", "for NATO membership"
            if genitive and role in _OTHER_SLOT and role not in filled:
                by_genitive = (role, actor)
            elif by_genitive is not None and role == by_genitive[0] and actor != by_genitive[1]:
                # "Militärhilfe der EU für die Ukraine": the preposition names the slot the
                # genitive took; the genitive is then the other party (the giver)
                other = _OTHER_SLOT[role]
                if filled.get(role) == by_genitive[1] and other not in filled:
                    filled[other], filled[role] = by_genitive[1], actor
            filled.setdefault("subject" if role == "both" else role, actor)
            phrase_end = last
            pair = role == "both" and last + 1 < end
            if pair and tokens[last + 1].text.lower() in slots.lexicon.conjunctions:
                k, role, skipped = last + 2, "object", 0  # "zwischen Russland und der Ukraine"
                continue
            if role != "both":
                last = _coordinated(slots, role, last, end, extra)
                phrase_end = last
            k, role, skipped, direct = last + 1, None, 0, False
            continue
        if word in slots.lexicon.skip and role is None:
            k += 1
            continue
        if word in rule.preps:
            role, skipped, direct, genitive = rule.preps[word], 0, False, False
        elif word in slots.lexicon.genitive and rule.gen is not None and role is None:
            role, skipped, direct, genitive = rule.gen, 0, False, True
        elif role is not None and _is_word(token) and skipped < MAX_SKIP:
            skipped += 1
            if not direct and token.text[:1].isupper() and slots.lexicon.lang == "de":
                role = None  # a German noun that is no actor ends the phrase
        else:
            break
        k += 1
    return phrase_end, False


def _coordinated(
    slots: _Slots, role: str, last: int, end: int, extra: list[tuple[str, str]]
) -> int:
    """Collect actors joined to the slot's actor by "und"/"and"; return the last token used."""
    tokens = slots.tokens
    while last + 2 < end and tokens[last + 1].text.lower() in slots.lexicon.conjunctions:
        k = last + 2
        if not slots.mention_at(k) and k + 1 < end and tokens[k].text[:1].islower():
            k += 1  # a determiner: "und der Ukraine"
        found = slots.mention_at(k)
        if found is None or _modifies_trigger(tokens, found[1], set()):
            break
        extra.append((role, found[0]))
        last = found[1]
    return last


def _fill_before(slots: _Slots, hit: _Hit, filled: dict[str, str]) -> int:
    """Fill compound, possessive and modifier slots before the trigger; return the phrase start."""
    rule, tokens = hit.rule, slots.tokens
    start = hit.first
    k = hit.first - 1
    if k >= 1 and tokens[k].text == "-" and tokens[k].end == tokens[hit.first].start:
        actor = slots.mention_ending(k - 1)
        if actor is not None and rule.compound is not None:
            filled.setdefault(rule.compound, actor)
            mention = slots.inside[k - 1]
            start = next(i for i in range(k) if tokens[i].start >= mention.start)
        return start
    for distance in range(MAX_BEFORE + 1):
        j = hit.first - 1 - distance
        if j < 0:
            break
        if j >= 2 and tokens[j].text.lower() == "s" and tokens[j - 1].text in ("'", "’"):
            actor = slots.mention_ending(j - 2)
            if actor is not None and rule.gen is not None:
                filled.setdefault(rule.gen, actor)
                start = min(start, j - 2)
            break
        actor = slots.mention_ending(j)
        if actor is not None:
            infinitive = distance == 1 and tokens[j + 1].text.lower() in slots.lexicon.infinitive
            if (distance == 0 or infinitive) and rule.before is not None:
                filled.setdefault(rule.before, actor)
                start = j
            continue
        if not _is_word(tokens[j]):
            break
    return start


def _after_temporal(tokens: Sequence[Token], first: int, lexicon: IssueLexicon) -> bool:
    """True for "nach einem Waffenstillstand", "after a ceasefire": the phrase only dates."""
    for k in range(first - 1, max(-1, first - 1 - MAX_BEFORE - 1), -1):
        word = tokens[k].text.lower()
        if word in lexicon.temporal:
            return True
        if not tokens[k].text[:1].islower():
            return False
    return False


def _needs_met(need: str, filled: Mapping[str, str]) -> bool:
    if need == "both":
        return filled.keys() >= SLOTS
    return need == "-" or need in filled


def _sentence_issues(
    article: Article,
    sentence: Sentence,
    mentions: Sequence[Mention],
    actors: Mapping[str, Actor],
    lexicon: IssueLexicon,
) -> Iterator[IssueMention]:
    text = article.text
    tokens = tokens_of(text, sentence.start, sentence.end)
    hits = list(_triggers(tokens, lexicon))
    if not hits:
        return
    slots = _Slots(text, tokens, mentions, actors, lexicon)
    trigger_tokens = {h.first for h in hits}
    for hit in hits:
        filled: dict[str, str] = {}
        first = _fill_before(slots, hit, filled)
        extra: list[tuple[str, str]] = []
        last, conflict = _fill_after(slots, hit, filled, trigger_tokens, len(tokens), extra)
        if conflict or not _needs_met(hit.rule.need, filled):
            continue
        subject, obj = filled.get("subject"), filled.get("object")
        if subject is not None and subject == obj:
            continue
        if _after_temporal(tokens, first, lexicon):
            continue
        start, end = tokens[first].start, tokens[max(last, hit.last)].end
        variants = [(subject, obj)] + [
            (actor, obj) if role == "subject" else (subject, actor) for role, actor in extra
        ]
        for n, (s, o) in enumerate(dict.fromkeys(variants)):
            if s is not None and s == o:
                continue
            yield IssueMention(
                id=f"i-{start}-{end}" + (f"-{n}" if n else ""),
                start=start,
                end=end,
                surface=text[start:end],
                relation=hit.rule.relation,
                subject=s,
                object=o,
                sentence_id=sentence.id,
                trigger=hit.form,
                asserts=hit.rule.asserts,
                confidence=1.0 if s and o else _CONFIDENCE_PARTIAL,
            )


def find_issues(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    *,
    lexicon: IssueLexicon,
) -> tuple[IssueMention, ...]:
    """Find the issue phrases of an article's body (comments are not searched).

    Args:
        article: the article whose text the offsets refer to.
        sentences: its sentences (``split_sentences``).
        mentions: its actor mentions (``find_mentions``).
        actors: its actors.
        lexicon: ``load_issue_lexicon(article.lang)``.

    Returns:
        Issue mentions in text order; slots the phrase leaves open are None.
    """
    by_key = {a.key: a for a in actors}
    body = [s for s in sentences if s.comment is None]
    inside = _by_sentence(body, [m for m in mentions if m.comment is None])
    found: list[IssueMention] = []
    for n, sentence in enumerate(body):
        found.extend(_sentence_issues(article, sentence, inside[n], by_key, lexicon))
    return tuple(found)


def _by_sentence(sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> list[list[Mention]]:
    """The mentions lying inside each sentence, in their given order."""
    inside: list[list[Mention]] = [[] for _ in sentences]
    spans = sorted((s.start, s.end, n) for n, s in enumerate(sentences))
    if any(a[1] > b[0] for a, b in itertools.pairwise(spans)):  # overlapping: test them all
        for n, s in enumerate(sentences):
            inside[n] = [m for m in mentions if s.start <= m.start and m.end <= s.end]
        return inside
    starts = [start for start, _end, _n in spans]
    for mention in mentions:
        k = bisect_left(starts, mention.start + 1) - 1  # the last sentence starting at or before
        if k >= 0 and mention.end <= spans[k][1]:
            inside[spans[k][2]].append(mention)
    return inside
