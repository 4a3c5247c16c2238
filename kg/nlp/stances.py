"""Stances: an actor's position (demands, supports, hesitant, opposes) on an issue.

Needs: Article, Sentence, Mention, Actor, PostHolding, Statement. Produces: Issue, Stance.

Each body sentence is cut into clauses (";" and the lexicon's ``@boundary`` words: "aber", "if").
In a clause, every issue phrase (``kg.nlp.issues``) takes the position of the nearest stance cue
of ``kg/nlp/lexicons/<lang>/stance_cues.tsv`` ("fordert", "lehnt … ab", "als Bedrohung", "rule
out"), turned by negation: a negated cue takes the row's ``negated`` position ("unterstützt
nicht" = opposes, "schließt nicht aus" = hesitant, "kann nicht … hoffen" = nothing). Negated
substitutes negate the negation: "keine anderen Sicherheitsgarantien als eine
NATO-Mitgliedschaft akzeptieren" and "keine Alternative zu X" demand X (the substitute issue
itself gets no stance). A cue governed by another cue forms a chain: "refused to deliver" and
"welcomed the suspension of" oppose, "rejected a halt" supports. A phrase that presents its
proposition as wanted ("die Zukunft der Ukraine in der NATO") supports it without a cue.

Holder rules:

1. A cue (or cue-less phrase) inside a statement belongs to the statement's speaker. If the
   clause inside the statement names another actor as its subject ("Rutte said Russia rejected
   …"), that actor holds the stance instead, unless it is the speaker's own side ("London would
   keep supplying …" said by Starmer: Starmer and the UK) or the cue is the speaker's evaluation
   (``@speaker_modal``: "Germany should supply …", "die Ukraine brauche dringend …": the
   speaker's). A statement's reporting verb ("Orbán warnte vor …") belongs to its speaker; the
   statement is cited as evidence only when the cue or the issue lies inside its content.
2. Outside statements the narrator reports a stance: the holder is the clause's subject, the
   first actor mention of the clause before the cue (with actors coordinated to it: "die USA und
   Deutschland"), else the first one after the cue ("Allerdings sperren sich … die USA"), else a
   mention introduced by an ``@experiencer`` preposition ("für Moskau eine Bedrohung"). Mentions
   that only modify ("NATO-Generalsekretär", "Russia's", "Frankreichs Präsident Macron"), follow
   a preposition, follow another cue (its object) or lie inside the issue phrase are never
   subjects.
3. The holder also speaks for: the actor the statement names (``Statement.on_behalf_of``) and
   the ``of`` of a post the holder holds when its role is one of the lexicon's ``@speaks_for``
   roles (spokesperson, foreign minister, ambassador: the Kremlin spokesman for the presidential
   administration, a foreign minister for the state). Those actors hold the stance too,
   expressed by the speaker. Heads of state and government, ministers and secretaries general
   are not in the list: the seed and dev gold name their states or organisations as holders only
   when the text does (a president's stance is not his state's unless the state is named).

Issue slots the phrase leaves open are completed in this order: for a commissive cue ("sagt …
zu", "pledged", ``@commissive``) the giver is the holder's side; for a petition cue ("bat die
NATO um Waffen", "asked NATO for", ``@petition``) the giver is the addressed state or
organisation before the issue (no comma between it and the cue) and the recipient the clause's
other recipient, else the asker's side (which also receives when no addressee is named); then
the article's most frequent fully named issue of the same relation compatible with the phrase
("eine schnelle Einladung" after "NATO-Mitgliedschaft der Ukraine"), then the issues already
resolved in the article; an open recipient of aid or guarantees is another state in the clause
(after a ``@recipient`` preposition or none), else the article's most frequent object of that
relation; an open giver is another state in the clause (the addressee: "China warned the United
States against an arms sale to Taiwan"), else the holder's side (the holder, or the state or
organisation it speaks for, holds a post in, or belongs to); a membership candidate is the
holder's state, a membership's organisation the holder's organisation ("the bloc backs Georgia's
membership"); ceasefires and negotiations without parties are between the clause's two
coordinated holders ("Israel and Hezbollah agreed to a ceasefire"), else the article's two most
mentioned states or armed groups. Anaphoric nouns ("die Zusage", "the decision") and reaction
clauses with no issue right after a sentence with one ("Der Kreml sprach von einer Eskalation")
take the issue resolved last. Symmetric relations order their parties by identifier, so one
proposition has one key; keys use QIDs where the actor has one, else the actor key (a stable
slug of the English name), so the issue IRI is the same in every article.
"""

from __future__ import annotations

import functools
import logging
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ConfigError
from kg.model import (
    Actor,
    ActorKind,
    Article,
    Issue,
    IssueMention,
    Mention,
    MentionForm,
    PostHolding,
    Sentence,
    Stance,
    StancePosition,
    Statement,
)
from kg.nlp._tokens import Token, tokenize, tokens_of
from kg.nlp.issues import ANAPHOR, IssueLexicon, find_issues, load_issue_lexicon
from kg.nlp.lexicon import read_lexicon_lines
from kg.resources import lexicon_dir

__all__ = ["Cue", "StanceLexicon", "detect_stances", "issue_key", "load_stance_lexicon"]

logger = logging.getLogger(__name__)

#: Relations whose subject gives something to the object (aid, sanctions, guarantees), talks
#: with it or holds it (control): an open subject is the holder's side.
GIVER_RELATIONS = frozenset({"aid", "sanction", "guarantee", "negotiation", "control"})
#: Relations between two parties on an equal footing: parties are ordered by identifier.
SYMMETRIC_RELATIONS = frozenset({"ceasefire", "negotiation"})
#: Words of coordination that join holders ("die USA und Deutschland").
_COORDINATION = frozenset({"und", "and", "sowie", "oder", "or", ",", "die", "der", "das", "the"})
#: Tokens before an issue phrase within which a substitute word marks it as the substitute
#: ("keine anderen Sicherheitsgarantien"). Set from the seed and dev articles.
ALTERNATIVE_WINDOW = 2
#: Tokens after a negator within which a substitute word makes it a negated substitute
#: ("keine Alternativen", "keinen Ersatz", "no other guarantees").
NEGATED_ALTERNATIVE_WINDOW = 2
#: Relations whose object receives something (aid, guarantees): an open object is an actor the
#: clause names besides the holder ("Litauen will der Ukraine Flugabwehrsysteme liefern").
RECIPIENT_RELATIONS = frozenset({"aid", "guarantee"})
#: Relations whose open object is the article's most frequent object of that relation
#: ("Germany pledged new military aid" in an article on aid to Ukraine).
OBJECT_FALLBACK_RELATIONS = frozenset({"aid", "guarantee", "membership", "accession"})
#: Sentences back within which an anaphoric noun ("die Zusage") finds the issue named last.
#: The dev articles refer back at most three sentences.
ANAPHOR_WINDOW = 4
#: Trigger of an aid issue implied by a support verb with an actor object ("unterstützt Kiew").
AID_VERB = "@aid_verb"
#: Tokens after a support verb within which its actor object starts ("backs the Kyiv
#: government": 3); further mentions belong to other phrases ("… the Minsk agreements").
AID_OBJECT_WINDOW = 4
#: Sentences back (same paragraph) within which a reaction clause finds the issue it reacts to
#: ("Orbán hatte mit einem Veto gedroht. Ungarn stimmte am Ende aber doch zu.": 2).
CARRY_SENTENCES = 2
#: Confidence of an implicit reference to the issue of the previous sentence.
CARRIED_FACTOR = 0.7
_HESITANT = StancePosition.HESITANT
#: Tokens between a state/organisation and the person it qualifies ("Frankreichs Präsident
#: Emmanuel Macron": one role noun; "UN Secretary - General": three tokens).
MODIFIER_GAP = 3
#: Tokens between a governing cue and the cue it governs ("refused to deliver": 1; "welcomed
#: the suspension": 2; "weigert sich, … zu liefern" in verb-final order: up to 4).
COMPOSE_WINDOW = 4
#: Tokens between a directive cue and the cue of its infinitive complement ("hat die
#: NATO-Partner aufgefordert, der Ukraine rasch weitere Systeme zu liefern": 8).
DIRECTIVE_WINDOW = 10
#: Highest token index of a verb whose subject may follow it (German verb-second after one
#: fronted word or phrase: "Allerdings sperren sich …", "Am Montag lehnte Ungarn … ab").
V2_POSITION = 3
#: Highest token index of a verb after a fronted prepositional phrase whose subject follows it
#: ("Nach einer Nacht schwerer Angriffe bat die Ukraine …": a phrase of up to six words, as in
#: the quality dev batch).
FRONTED_PHRASE_POSITION = 7
#: Extractor confidence by source of the stance (a cue in a statement is the most reliable,
#: a narrator's framing without a cue the least). Hand-set, checked on the seed and dev sets.
CONFIDENCE_STATEMENT = 0.85
CONFIDENCE_NARRATOR = 0.75
CONFIDENCE_NO_CUE = 0.6
#: Factor for a holder reached through "speaks for" rather than named.
SPEAKS_FOR_FACTOR = 0.9
#: Factor for an issue whose open slots were completed from context.
COMPLETED_FACTOR = 0.85
_CUE_COLUMNS = 5
_WORD = re.compile(r"\w+")
_CLASSES = (
    "negation", "alternative", "first_person", "preposition", "boundary", "speaks_for",
    "experiencer", "reaction", "speaker_modal", "commissive", "determiner", "recipient",
    "aid_verb", "evaluative", "comma_boundary", "petition",
)  # fmt: skip


@dataclass(frozen=True, slots=True, kw_only=True)
class Cue:
    """One stance cue of the lexicon."""

    lemma: str
    position: StancePosition
    negated: StancePosition | None  # None: a negated cue says nothing
    particle: str | None = None
    closes: bool = False  # the particle must close the clause (separable verb)


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StanceLexicon:
    """Stance cues, word classes and issue triggers of one language (hashed by identity)."""

    lang: str
    cues: Mapping[str, tuple[tuple[tuple[str, ...], Cue], ...]]  # first word -> (form, cue)
    words: Mapping[str, frozenset[str]]  # class name (without "@") -> lower-case words
    issues: IssueLexicon

    def has(self, word_class: str, word: str) -> bool:
        """True when lower-cased ``word`` belongs to ``word_class`` ("negation", …)."""
        return word.lower() in self.words.get(word_class, frozenset())


# --------------------------------------------------------------------------------------------
# Lexicon
# --------------------------------------------------------------------------------------------


def _bad(path: Path, number: int, problem: str) -> ConfigError:
    return ConfigError(f"{path}:{number}: {problem}", option="lexicon")


def _position(value: str, path: Path, number: int, *, optional: bool) -> StancePosition | None:
    if optional and value in ("", "-"):
        return None
    try:
        return StancePosition(value)
    except ValueError:
        allowed = ", ".join(p.value for p in StancePosition)
        raise _bad(path, number, f"position {value!r} is not one of {allowed}") from None


def load_stance_lexicon(lang: str, directory: Path | None = None) -> StanceLexicon:
    """Load ``stance_cues.tsv`` and ``issue_patterns.tsv`` for ``lang`` ("de" or "en").

    Args:
        lang: the article language.
        directory: a lexicon directory to use instead of the shipped one (tests).

    Raises:
        ConfigError: the language is unsupported or a file is malformed.
    """
    base = directory if directory is not None else lexicon_dir(lang)
    path = base / "stance_cues.tsv"
    lines = read_lexicon_lines(path)
    cues: dict[str, list[tuple[tuple[str, ...], Cue]]] = {}
    words: dict[str, set[str]] = {name: set() for name in _CLASSES}
    for number, line in enumerate(lines, 1):
        if not line.strip() or line.startswith("#"):
            continue
        row = [c.strip() for c in line.split("\t")]
        if row[0].startswith("@"):
            name = row[0][1:]
            if name not in words or len(row) < 2:
                raise _bad(path, number, f"unknown word class {row[0]!r}; allowed @{_CLASSES}")
            words[name].update(w.strip().lower() for w in row[1].split(",") if w.strip())
            continue
        if len(row) < _CUE_COLUMNS:
            raise _bad(path, number, f"expected lemma, position, negated, particle, forms: {row}")
        lemma, position, negated, particle, forms = row[:_CUE_COLUMNS]
        closes = particle.endswith("$")
        particle = particle.rstrip("$")
        cue = Cue(
            lemma=lemma,
            position=_position(position, path, number, optional=False),  # type: ignore[arg-type]
            negated=_position(negated, path, number, optional=True),
            particle=particle.lower() if particle not in ("", "-") else None,
            closes=closes,
        )
        for form in forms.split(","):
            phrase = tuple(t.text.lower() for t in tokenize(form.strip()))
            if phrase:
                cues.setdefault(phrase[0], []).append((phrase, cue))
    return StanceLexicon(
        lang=lang,
        cues={first: tuple(entries) for first, entries in cues.items()},
        words={name: frozenset(values) for name, values in words.items()},
        issues=load_issue_lexicon(lang, directory),
    )


# --------------------------------------------------------------------------------------------
# Keys
# --------------------------------------------------------------------------------------------


def _part(actor: Actor) -> str:
    return actor.qid or actor.key


def issue_key(relation: str, subject: Actor, obj: Actor) -> str:
    """The key of ``relation(subject, object)``: QIDs where known, else actor keys.

    >>> from kg.model import Actor, ActorKind
    >>> ua = Actor(key="ukraine", name="Ukraine", kind=ActorKind.STATE, qid="Q212")
    >>> nato = Actor(key="nato", name="NATO", kind=ActorKind.ORGANIZATION, qid="Q7184")
    >>> issue_key("membership", ua, nato)
    'membership:Q212:Q7184'
    >>> issue_key("ceasefire", ua, Actor(key="russia", name="Russia", kind=ActorKind.STATE,
    ...                                  qid="Q159"))
    'ceasefire:Q159:Q212'
    """
    first, second = _part(subject), _part(obj)
    if relation in SYMMETRIC_RELATIONS and second < first:
        first, second = second, first
    return f"{relation}:{first}:{second}"


# --------------------------------------------------------------------------------------------
# Clauses and cues
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _CueHit:
    cue: Cue
    first: int  # token indices, inclusive
    last: int


@dataclass
class _Clause:
    tokens: list[Token]
    sentence: Sentence
    words: list[str] = field(default_factory=list)  # lower-case token texts
    # computed on first use (``_find_cues``, ``_polarity``)
    cues: list[_CueHit] | None = None
    negators: list[int] | None = None

    @property
    def start(self) -> int:
        return self.tokens[0].start

    @property
    def end(self) -> int:
        return self.tokens[-1].end


def _clauses(text: str, sentence: Sentence, lexicon: StanceLexicon) -> list[_Clause]:
    """Cut a sentence at ``@boundary`` words (";", "but", "if") and at a comma shortly before a
    ``@comma_boundary`` word ("…, werde aber keine …"); without the comma such a word is an
    adverb ("stimmte am Ende aber doch zu")."""
    clauses: list[_Clause] = []
    current: list[Token] = []
    words: list[str] = []
    boundary = lexicon.words.get("boundary", frozenset())
    comma_boundary = lexicon.words.get("comma_boundary", frozenset())
    for token in tokens_of(text, sentence.start, sentence.end):
        word = token.text.lower()
        if current and word in boundary:
            clauses.append(_Clause(current, sentence, words))
            current, words = [], []
            if token.text == ";":
                continue
        elif word in comma_boundary:
            comma = next(
                (i for i in range(len(current) - 1, max(-1, len(current) - 3), -1)
                 if current[i].text == ","),
                None,
            )  # fmt: skip
            if comma is not None and comma > 0:
                clauses.append(_Clause(current[:comma], sentence, words[:comma]))
                current, words = current[comma:], words[comma:]
        current.append(token)
        words.append(word)
    if current:
        clauses.append(_Clause(current, sentence, words))
    return clauses


def _particle_ok(words: Sequence[str], k: int, phrase: Sequence[str], cue: Cue) -> bool:
    """A separable particle must close the clause after the form; a verb's governed preposition
    may stand anywhere in the clause ("gegen neue Strafmaßnahmen gesperrt"), a noun's follows it.
    """
    if cue.particle is None or phrase[0].startswith(cue.particle):
        return True
    if not cue.closes and not cue.lemma[:1].isupper():
        return any(w == cue.particle for j, w in enumerate(words) if not k <= j < k + len(phrase))
    if not cue.closes:  # a noun cue: its preposition follows ("Unterstützung für")
        return cue.particle in words[k + len(phrase) :]
    for j in range(k + len(phrase), len(words)):
        if words[j] == cue.particle:
            after = words[j + 1] if j + 1 < len(words) else "."
            if not after[:1].isalnum():
                return True
    return False


def _find_cues(clause: _Clause, lexicon: StanceLexicon) -> list[_CueHit]:
    """The cues of a clause, left to right, longest first (memoised on the clause)."""
    if clause.cues is None:
        clause.cues = _scan_cues(clause, lexicon)
    return clause.cues


@functools.lru_cache(maxsize=8)
def _cue_starts(lexicon: StanceLexicon, word_class: str) -> frozenset[str]:
    """First words of the cue forms whose lemma belongs to ``word_class`` ("aid_verb")."""
    members = lexicon.words.get(word_class, frozenset())
    return frozenset(
        first
        for first, entries in lexicon.cues.items()
        if any(cue.lemma.lower() in members for _phrase, cue in entries)
    )


def _may_have_cue(clause: _Clause, lexicon: StanceLexicon, word_class: str) -> bool:
    """False when no cue of ``word_class`` can start in the clause (a cheap pre-filter)."""
    return not _cue_starts(lexicon, word_class).isdisjoint(clause.words)


def _scan_cues(clause: _Clause, lexicon: StanceLexicon) -> list[_CueHit]:
    words = clause.words
    hits: list[_CueHit] = []
    k = 0
    while k < len(words):
        found: _CueHit | None = None
        for phrase, cue in lexicon.cues.get(words[k], ()):
            n = len(phrase)
            if tuple(words[k : k + n]) != phrase or not _particle_ok(words, k, phrase, cue):
                continue
            rank = (n, cue.particle is not None)
            if found is None or rank > (found.last - found.first + 1, bool(found.cue.particle)):
                found = _CueHit(cue, k, k + n - 1)
        if found is not None:
            hits.append(found)
            k = found.last + 1
        else:
            k += 1
    return hits


def _negators(clause: _Clause, lexicon: StanceLexicon) -> list[int]:
    """Token indices of the clause's negators (memoised on the clause)."""
    if clause.negators is None:
        negation = lexicon.words.get("negation", frozenset())
        words, tokens = clause.words, clause.tokens
        # English contractions tokenise as "doesn", "'", "t": the "t" after an apostrophe
        # negates.
        clause.negators = [
            k
            for k, word in enumerate(words)
            if word in negation
            or (
                word == "t"
                and k >= 2
                and tokens[k - 1].text in ("'", "’")
                and words[k - 2].endswith("n")
            )
        ]
    return clause.negators


def _polarity(
    clause: _Clause,
    cue: _CueHit | None,
    issue_tokens: range,
    lexicon: StanceLexicon,
    asserts: bool,
) -> StancePosition | None:
    """The position of a cue (or an asserting phrase) after negation and substitution."""
    tokens = clause.tokens
    plain = alternatives = 0
    for k in _negators(clause, lexicon):
        if k in issue_tokens and cue is not None:
            continue
        if cue is None and not issue_tokens.start - 2 <= k <= issue_tokens.stop + 1:
            continue  # a phrase without a cue is negated only next to it ("liegt nicht in")
        window = tokens[k + 1 : k + 1 + NEGATED_ALTERNATIVE_WINDOW]
        if any(lexicon.has("alternative", t.text) for t in window):
            alternatives += 1
        else:
            plain += 1
    if cue is None:
        if not asserts:
            return None
        return StancePosition.OPPOSES if plain else StancePosition.SUPPORTS
    if plain:
        return cue.cue.negated
    if alternatives and cue.cue.position in (StancePosition.SUPPORTS, StancePosition.DEMANDS):
        return StancePosition.DEMANDS
    return cue.cue.position


# --------------------------------------------------------------------------------------------
# Holders
# --------------------------------------------------------------------------------------------


class _Context:
    """What stance detection looks up about one article."""

    def __init__(
        self,
        article: Article,
        mentions: Sequence[Mention],
        actors: Sequence[Actor],
        holdings: Sequence[PostHolding],
        statements: Sequence[Statement],
        lexicon: StanceLexicon,
    ) -> None:
        self.article = article
        self.lexicon = lexicon
        self.actors = {a.key: a for a in actors}
        self.mentions = sorted(
            (
                m
                for m in mentions
                if m.comment is None
                and not m.is_place
                and m.actor in self.actors
                and self.actors[m.actor].kind is not ActorKind.PLACE
            ),
            key=lambda m: (m.start, -(m.end - m.start)),
        )
        # "arms to Taiwan": a state after a preposition is a recipient, though marked a place
        self.parties = sorted(
            (
                m
                for m in mentions
                if m.comment is None
                and m.actor in self.actors
                and self.actors[m.actor].kind in (ActorKind.STATE, ActorKind.ORGANIZATION)
                and m.form is not MentionForm.DEMONYM
                and self._may_receive(article.text, m)
            ),
            key=lambda m: m.start,
        )
        self.holdings = holdings
        self.statements = [s for s in statements if s.speaker is not None]
        self.counts = Counter(m.actor for m in self.mentions)
        self._mention_starts = [m.start for m in self.mentions]
        self._party_starts = [m.start for m in self.parties]

    def mentions_from(self, start: int, end: int) -> list[Mention]:
        """``mentions`` starting in ``[start, end]`` (in order; callers check their ends)."""
        lo = bisect_left(self._mention_starts, start)
        return self.mentions[lo : bisect_right(self._mention_starts, end, lo)]

    def parties_in(self, start: int, end: int) -> list[Mention]:
        """``parties`` lying inside ``[start, end)``, in order."""
        lo = bisect_left(self._party_starts, start)
        hi = bisect_right(self._party_starts, end, lo)
        return [m for m in self.parties[lo:hi] if m.end <= end]

    def _may_receive(self, text: str, mention: Mention) -> bool:
        """False after a preposition other than a recipient's ("of the Vilnius summit")."""
        # the last two words before the mention (a determiner may stand between)
        words = _WORD.findall(text, max(0, mention.start - 40), mention.start)[-2:]
        if words and self.lexicon.has("determiner", words[-1]):
            words = words[:-1]
        if not words or not self.lexicon.has("preposition", words[-1]):
            return True
        return self.lexicon.has("recipient", words[-1])

    def statement_at(self, start: int, end: int) -> Statement | None:
        """The statement whose content or reporting cue contains ``[start, end)``."""
        for statement in self.statements:
            if statement.start <= start and end <= statement.end:
                return statement
            cue_start, cue_end = statement.cue_start, statement.cue_end
            if cue_start is not None and cue_end is not None and cue_start <= start < cue_end:
                return statement
        return None

    def side(self, key: str) -> str | None:
        """The state or organisation an actor acts for (itself for states and organisations).

        A person acts for what it speaks for, else the organisation of any post it holds
        (a secretary general for the alliance), else its state; None when nothing is known.
        """
        actor = self.actors.get(key)
        if actor is None:
            return None
        if actor.kind in (ActorKind.STATE, ActorKind.ORGANIZATION, ActorKind.GROUP):
            return key
        posts = [h.of for h in self.holdings if h.person == key and h.of is not None]
        candidates = [*self.speaks_for(key, None), *posts] if posts else [actor.state]
        for candidate in candidates:
            found = self.actors.get(candidate) if candidate is not None else None
            if found is None:
                continue
            if found.kind is ActorKind.GOVERNMENT_BODY and found.state in self.actors:
                return found.state
            if found.kind in (ActorKind.STATE, ActorKind.ORGANIZATION):
                return found.key
        return None

    def speaks_for(self, key: str, statement: Statement | None) -> list[str]:
        """The actors a holder speaks for (holder rule 3), nearest first."""
        found: list[str] = []
        if statement is not None and statement.on_behalf_of is not None:
            found.append(statement.on_behalf_of)
        found.extend(
            holding.of
            for holding in self.holdings
            if holding.person == key
            and holding.of is not None
            and self.lexicon.has("speaks_for", holding.role)
        )
        return [k for k in dict.fromkeys(found) if k != key and k in self.actors]


def _subject_candidates(
    ctx: _Context, clause: _Clause, issue_spans: Sequence[tuple[int, int]]
) -> list[tuple[int, Mention]]:
    """(token index, mention) of possible clause subjects, in text order, outermost only."""
    tokens = clause.tokens
    result: list[tuple[int, Mention]] = []
    covered_until = -1
    for mention in ctx.mentions_from(clause.start, clause.end):
        if mention.start < clause.start or mention.end > clause.end:
            continue
        if mention.start < covered_until:
            continue
        covered_until = mention.end
        if mention.form is MentionForm.DEMONYM:
            continue
        if any(a <= mention.start < b for a, b in issue_spans):
            continue
        k = next((i for i, t in enumerate(tokens) if t.start >= mention.start), None)
        if k is None:
            continue
        last = k
        while last + 1 < len(tokens) and tokens[last + 1].end <= mention.end:
            last += 1
        after = tokens[last + 1].text if last + 1 < len(tokens) else ""
        if after == "-" or (after in ("'", "’") and last + 2 < len(tokens)):
            continue  # a modifier: "NATO-Generalsekretär", "Russia's"
        before = tokens[k - 1].text if k > 0 else ""
        if k > 1 and ctx.lexicon.has("determiner", before):
            before = tokens[k - 2].text  # "of the Vilnius summit"
        if ctx.lexicon.has("preposition", before) or before.lower() == "des":
            if ctx.lexicon.has("experiencer", before):
                result.append((-1 - k, mention))  # marked: experiencer, not subject
            continue
        result.append((k, mention))
    return [
        (k, m)
        for i, (k, m) in enumerate(result)
        if not _modifies_person(ctx, clause, m, result[i + 1 :])
    ]


def _modifies_person(
    ctx: _Context, clause: _Clause, mention: Mention, following: Sequence[tuple[int, Mention]]
) -> bool:
    """Say whether a state/organisation before a person only qualifies it.

    "Frankreichs Präsident Emmanuel Macron", "United Nations Secretary-General António
    Guterres": an organisation or state right before a person (no conjunction between) only
    says whose the person is."""
    if ctx.actors[mention.actor].kind is ActorKind.PERSON or not following:
        return False
    k, person = following[0]
    if k < 0 or ctx.actors[person.actor].kind is not ActorKind.PERSON:
        return False
    gap = [t for t in clause.tokens if mention.end <= t.start and t.end <= person.start]
    return len(gap) <= MODIFIER_GAP and not any(t.text.lower() in _COORDINATION for t in gap)


def _with_coordinated(
    clause: _Clause, candidates: Sequence[tuple[int, Mention]], index: int
) -> list[str]:
    chosen = [candidates[index][1].actor]
    mention = candidates[index][1]
    end = mention.end
    for nk, nxt in candidates[index + 1 :]:
        if nk < 0:
            break
        gap = [t for t in clause.tokens if end <= t.start and t.end <= nxt.start]
        if not gap or not all(t.text.lower() in _COORDINATION for t in gap):
            break
        if not any(t.text.lower() in ("und", "and", "sowie", "oder", "or", ",") for t in gap):
            break
        chosen.append(nxt.actor)
        end = nxt.end
    return list(dict.fromkeys(chosen))


def _verb_second(ctx: _Context, clause: _Clause, anchor: int) -> bool:
    """Whether the cue at token ``anchor`` may be a German verb-second verb whose subject
    follows: after one fronted word or short phrase, or after a fronted prepositional phrase
    with no comma ("Nach einer Nacht schwerer Angriffe bat die Ukraine die NATO um …")."""
    if anchor <= V2_POSITION:
        return True
    return (
        ctx.lexicon.lang == "de"
        and anchor <= FRONTED_PHRASE_POSITION
        and ctx.lexicon.has("preposition", clause.words[0])
        and "," not in clause.words[:anchor]
    )


def _clause_subject(
    ctx: _Context,
    clause: _Clause,
    anchor: int,
    issue_spans: Sequence[tuple[int, int]],
    lower: int = 0,
    cues: Sequence[int] = (),
) -> list[str]:
    """Holder rule 2: the subject actors of the clause around token ``anchor``.

    A mention after another cue is that cue's object ("senators urged the administration not to
    halt …"), not the anchor's subject.
    """
    candidates = _subject_candidates(ctx, clause, issue_spans)
    candidates = [(k, m) for k, m in candidates if k < 0 or clause.tokens[k].start >= lower]
    subjects = [(i, k) for i, (k, _m) in enumerate(candidates) if k >= 0]
    before = [i for i, k in subjects if k < anchor and not any(c < k for c in cues)]
    if before:
        return _with_coordinated(clause, candidates, before[0])
    first_issue = min((a for a, _b in issue_spans), default=clause.end)
    after = [
        i
        for i, k in subjects
        if _verb_second(ctx, clause, anchor)  # "Allerdings sperren sich … die USA"
        and k > anchor
        and clause.tokens[k].start < max(first_issue, clause.tokens[anchor].end)
    ]
    if after:
        return _with_coordinated(clause, candidates, after[0])
    experiencers = [m.actor for k, m in candidates if k < 0]
    return experiencers[:1]


# --------------------------------------------------------------------------------------------
# Issue completion
# --------------------------------------------------------------------------------------------


class _Issues:
    """Completes open issue slots (module docstring) and collects the article's Issue records."""

    def __init__(self, ctx: _Context, mentions: Sequence[IssueMention]) -> None:
        self.ctx = ctx
        self.full: dict[str, Counter[tuple[str, str]]] = {}
        self.objects: dict[str, Counter[str]] = {}
        for m in mentions:
            if m.subject is not None and m.object is not None:
                self.full.setdefault(m.relation, Counter())[(m.subject, m.object)] += 1
            if m.object is not None:
                self.objects.setdefault(m.relation, Counter())[m.object] += 1
        self.first = {(m.relation, m.subject, m.object): i for i, m in enumerate(mentions)}
        parties = [
            key
            for key, _n in ctx.counts.most_common()
            if ctx.actors[key].kind in (ActorKind.STATE, ActorKind.GROUP)
        ]
        self.top_parties = parties[:2]
        self.records: dict[str, Issue] = {}
        self.resolved: Counter[tuple[str, str, str]] = Counter()
        self.last: tuple[Issue, int] | None = None  # the issue named last, its sentence index

    def _default(self, mention: IssueMention) -> tuple[str, str] | None:
        counts = self.full.get(mention.relation)
        if not counts:
            return None
        fits = [
            (n, -self.first.get((mention.relation, s, o), 0), (s, o))
            for (s, o), n in counts.items()
            if mention.subject in (None, s) and mention.object in (None, o)
        ]
        return max(fits)[2] if fits else None

    def _addressed(
        self,
        mention: IssueMention,
        obj: str | None,
        holder: str,
        side: str | None,
        recipients: Sequence[str],
    ) -> tuple[str, str] | None:
        """Giver and recipient when the clause names both besides the holder: "hat die
        NATO-Partner aufgefordert, der Ukraine … zu liefern" (NATO gives, Ukraine receives)."""
        own = (holder, side)
        if obj is None and mention.relation in RECIPIENT_RELATIONS:
            obj = next((r for r in recipients if r not in own), None)
        if obj is None:
            return None
        giver = next((r for r in recipients if r not in (*own, obj)), None)
        return (giver, obj) if giver is not None else None

    def _resolved_default(self, mention: IssueMention) -> tuple[str, str] | None:
        fits = [
            (n, (s, o))
            for (r, s, o), n in self.resolved.items()
            if r == mention.relation
            and mention.subject in (None, s)
            and mention.object in (None, o)
        ]
        return max(fits)[1] if fits else None

    def complete(
        self,
        mention: IssueMention,
        holder: str,
        recipients: Sequence[str],
        sentence: int,
        *,
        commissive: bool = False,
        co_holders: Sequence[str] = (),
        petition: bool = False,
        addressees: Sequence[str] = (),
    ) -> tuple[Issue, bool] | None:
        """The issue a mention names for ``holder``, and whether a slot was completed.

        ``recipients`` are other actors of the clause, nearest first; ``sentence`` is the index
        of the mention's sentence (anaphors look back ``ANAPHOR_WINDOW`` sentences).
        """
        if mention.relation == ANAPHOR:
            if self.last is None or sentence - self.last[1] > ANAPHOR_WINDOW:
                return None
            return self.last[0], True
        subject, obj = self._typed(mention)
        completed = subject is None or obj is None
        side = self.ctx.side(holder)
        if (
            commissive
            and subject is None
            and side not in (None, obj)
            and (
                mention.relation in GIVER_RELATIONS - SYMMETRIC_RELATIONS  # a mediator is no party
                or (
                    mention.relation in ("membership", "accession")
                    and side is not None
                    and self.ctx.actors[side].kind is ActorKind.STATE
                )
            )
        ):
            subject = side  # "Norway pledged military aid": Norway gives
        addressee = next((a for a in addressees if a not in (holder, side, obj)), None)
        if (
            addressee is not None
            and subject is None
            and mention.relation in GIVER_RELATIONS - SYMMETRIC_RELATIONS
        ):
            # "Kiew bat die NATO um Waffen": the addressee gives; the asker's side receives
            # unless the clause names another recipient ("asked NATO for jets for Moldova")
            subject = addressee
            if obj is None and mention.relation in RECIPIENT_RELATIONS:
                obj = next((r for r in recipients if r not in (holder, side, subject)), side)
        elif (
            petition and obj is None and subject is None and mention.relation in RECIPIENT_RELATIONS
        ):
            obj = side  # "Kyiv asks allies for air defence": the asker receives
        if completed:
            default = self._default(mention)
            if default is None and subject is None and mention.relation in GIVER_RELATIONS:
                default = self._addressed(mention, obj, holder, side, recipients)
            default = default or self._resolved_default(mention)
            if default is not None and subject not in (None, default[0]):
                default = None
            if default is not None:
                subject, obj = default
        if obj is None and mention.relation in RECIPIENT_RELATIONS:
            obj = next((r for r in recipients if r not in (side, holder, subject)), None)
        if obj is None and mention.relation in OBJECT_FALLBACK_RELATIONS:
            obj = next(
                (o for o, _n in self.objects.get(mention.relation, Counter()).most_common()
                 if o not in (subject, holder)),
                None,
            )  # fmt: skip
        if subject is None and obj is not None and mention.relation in GIVER_RELATIONS:
            # "China warned the United States against an arms sale to Taiwan": the addressee
            subject = next((r for r in recipients if r not in (side, holder, obj)), None)
        if subject is None and obj is not None and mention.relation in ("membership", "accession"):
            # "Kiew müsse … auf einen NATO-Beitritt verzichten": the other state of the clause
            subject = next((r for r in recipients if r not in (holder, side, obj)), None)
        if (
            subject is None
            and obj is not None
            and side is not None
            and side != obj
            and (
                mention.relation in GIVER_RELATIONS
                or (
                    mention.relation in ("membership", "accession")
                    and self.ctx.actors[side].kind is ActorKind.STATE
                )
            )
        ):
            subject = side
        if (
            obj is None
            and subject is not None
            and side is not None
            and side != subject
            and mention.relation in ("membership", "accession")
            and self.ctx.actors[side].kind is ActorKind.ORGANIZATION
        ):
            obj = side  # "the bloc backs Georgia's membership"
        if subject is None and obj is None and mention.relation in SYMMETRIC_RELATIONS:
            # "Israel and Hezbollah agreed to a ceasefire": coordinated holders are the parties
            pair = list(co_holders) if len(co_holders) == 2 else self.top_parties
            if len(pair) == 2:
                subject, obj = pair
        subject, obj = self._party(subject), self._party(obj)
        if subject is None or obj is None or subject == obj:
            return None
        issue = self._record(mention.relation, subject, obj)
        self.resolved[(mention.relation, subject, obj)] += 1
        self.last = (issue, sentence)
        return issue, completed

    def _typed(self, mention: IssueMention) -> tuple[str | None, str | None]:
        """A state is the member, an organisation what it joins: "an invitation to Ukraine"
        names the candidate even where "to" usually names the organisation."""
        subject, obj = mention.subject, mention.object
        if mention.relation in ("membership", "accession") and obj is not None:
            kinds = self.ctx.actors
            joinable = (ActorKind.ORGANIZATION, ActorKind.GOVERNMENT_BODY)
            if kinds[obj].kind not in joinable and (
                subject is None or kinds[subject].kind in joinable
            ):
                return obj, subject
        return subject, obj

    def _party(self, key: str | None) -> str | None:
        """Issues are between states, organisations and groups: a person stands for his side
        ("negotiations with Vladimir Putin" are negotiations with Russia)."""
        if key is None or self.ctx.actors[key].kind is not ActorKind.PERSON:
            return key
        return self.ctx.side(key)

    def _record(self, relation: str, subject: str, obj: str) -> Issue:
        s, o = self.ctx.actors[subject], self.ctx.actors[obj]
        key = issue_key(relation, s, o)
        if key not in self.records:
            if relation in SYMMETRIC_RELATIONS and key.split(":")[1] != _part(s):
                s, o = o, s
            self.records[key] = Issue(
                key=key,
                relation=relation,
                subject=_part(s),
                object=_part(o),
                label=f"{relation}({s.name}, {o.name})",
            )
        return self.records[key]


# --------------------------------------------------------------------------------------------
# Detection
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    holders: tuple[tuple[str, float], ...]  # (actor key, confidence factor)
    speaker: str | None
    statement: Statement | None
    mention: IssueMention
    position: StancePosition
    cue: str | None
    start: int
    end: int
    sentence: Sentence
    confidence: float
    recipients: tuple[str, ...] = ()
    commissive: bool = False  # the cue commits the holder itself ("sagt … zu", "pledged")
    # the cue asks an addressee to give ("bat die NATO um Waffen"), and the parties it addresses
    petition: bool = False
    addressees: tuple[str, ...] = ()
    co_holders: tuple[str, ...] = ()  # coordinated subjects of the clause ("Israel and Hezbollah")


def _token_range(clause: _Clause, start: int, end: int) -> range:
    ks = [k for k, t in enumerate(clause.tokens) if start <= t.start and t.end <= end]
    return range(ks[0], ks[-1] + 1) if ks else range(0)


def _is_substitute(clause: _Clause, span: range, lexicon: StanceLexicon) -> bool:
    lo = max(0, span.start - ALTERNATIVE_WINDOW)
    return any(lexicon.has("alternative", t.text) for t in clause.tokens[lo : span.start])


def _in_statement(statement: Statement, anchor: int, mention: IssueMention) -> bool:
    """True when the cue or the issue lies inside the statement's content (not only its cue)."""
    if statement.start <= anchor < statement.end:
        return True
    return statement.start < mention.end and mention.start < statement.end


def _outer_cue(
    cues: Sequence[_CueHit], inner: _CueHit | None, lexicon: StanceLexicon
) -> _CueHit | None:
    """The cue governing ``inner`` ("weigert sich, … zu liefern", "welcomed the suspension").

    A reaction noun is governed by nothing: "warnte vor einer Eskalation" opposes once.
    """
    if inner is None or lexicon.has("evaluative", inner.cue.lemma):
        return None
    before = [
        c
        for c in cues
        if c.last < inner.first
        and inner.first - c.last
        <= (DIRECTIVE_WINDOW if c.cue.position is StancePosition.DEMANDS else COMPOSE_WINDOW)
    ]
    return max(before, key=lambda c: c.last, default=None)


def _compose(outer: StancePosition, inner: StancePosition) -> StancePosition:
    """The position of a cue chain: refusing to deliver opposes, welcoming a halt opposes,
    rejecting a halt supports; a supporting or demanding outer cue keeps the inner position."""
    if outer is StancePosition.OPPOSES:
        if inner is StancePosition.OPPOSES:
            return StancePosition.SUPPORTS
        return StancePosition.OPPOSES if inner is not StancePosition.HESITANT else inner
    if outer is StancePosition.HESITANT:
        return outer
    if outer is StancePosition.DEMANDS and inner is StancePosition.SUPPORTS:
        return StancePosition.DEMANDS
    return inner


def _clause_stances(
    ctx: _Context, clause: _Clause, issues: Sequence[IssueMention]
) -> Iterator[_Found]:
    lexicon = ctx.lexicon
    modals = lexicon.words.get("speaker_modal", frozenset())
    spans = {m.id: _token_range(clause, m.start, m.end) for m in issues}
    cues = _find_cues(clause, lexicon)
    # A trigger that is also a cue word and names nothing itself is the cue ("we support …").
    kept: list[IssueMention] = []
    for m in issues:
        overlapping = [c for c in cues if c.first in spans[m.id] or c.last in spans[m.id]]
        if overlapping and m.subject is None and m.object is None:
            continue
        cues = [c for c in cues if c not in overlapping]
        kept.append(m)
    issue_spans = [(m.start, m.end) for m in kept]
    for m in kept:
        span = spans[m.id]
        if not span or _is_substitute(clause, span, lexicon):
            continue
        cue = min(
            cues,
            key=lambda c: min(abs(c.first - span.start), abs(c.last - (span.stop - 1))),
            default=None,
        )
        position = _polarity(clause, cue, span, lexicon, m.asserts)
        if position is None:
            continue
        outer = _outer_cue(cues, cue, lexicon)
        if outer is not None:  # the governing cue decides who acts ("forderte X auf, … zu liefern")
            position = _compose(outer.cue.position, position)
            cue = outer
        anchor = cue.first if cue is not None else span.start
        modal = cue is not None and not modals.isdisjoint(
            clause.words[: cue.last + 1]
        )  # "Kiew müsse … auf einen NATO-Beitritt verzichten": the speaker's demand
        anchor_token = clause.tokens[anchor]
        statement = ctx.statement_at(anchor_token.start, anchor_token.end)
        holders: list[tuple[str, float]] = []
        speaker: str | None = None
        if statement is not None and statement.speaker is not None:
            inside = (
                _clause_subject(ctx, clause, anchor, issue_spans, lower=statement.start)
                if statement.start <= anchor_token.start
                else []
            )
            speaker = statement.speaker
            own = {speaker, ctx.side(speaker), *ctx.speaks_for(speaker, statement)}
            named_own = [a for a in inside if a in own and a != speaker]
            inside = [a for a in inside if a not in own]
            if modal:
                inside = named_own = []
            if inside and clause.tokens[anchor].start >= statement.start:
                holders = [(a, 1.0) for a in inside]
                speaker = None
                statement = None
            else:
                holders = [(speaker, 1.0)]
                holders += [(a, SPEAKS_FOR_FACTOR) for a in ctx.speaks_for(speaker, statement)]
                holders += [(a, 1.0) for a in named_own]  # "London would keep supplying …"
            if statement is not None and not _in_statement(statement, anchor_token.start, m):
                statement = None  # "Orbán warnte vor X, solange …": his verb, not his quote
            base = CONFIDENCE_STATEMENT
        else:
            statement = None
            others = [c.first for c in cues if c is not cue]
            for actor in _clause_subject(ctx, clause, anchor, issue_spans, cues=others):
                holders.append((actor, 1.0))
                holders += [(a, SPEAKS_FOR_FACTOR) for a in ctx.speaks_for(actor, None)]
            base = CONFIDENCE_NARRATOR
        if not holders:
            continue
        if cue is None:
            base = min(base, CONFIDENCE_NO_CUE)
        named = {h for h, _f in holders}
        recipients = [
            r.actor
            for r in sorted(
                ctx.parties_in(clause.start, clause.end),
                key=lambda r: (r.start < m.start, abs(r.start - m.start)),  # after it first
            )
            if r.actor not in named
        ]
        lo = min(m.start, anchor_token.start)
        hi = max(m.end, clause.tokens[cue.last].end if cue is not None else m.end)
        yield _Found(
            holders=tuple(dict.fromkeys(holders)),
            speaker=speaker,
            statement=statement,
            mention=m,
            position=position,
            cue=cue.cue.lemma if cue is not None else None,
            start=lo,
            end=hi,
            sentence=clause.sentence,
            confidence=base,
            recipients=tuple(dict.fromkeys(recipients)),
            commissive=(cue is not None and lexicon.has("commissive", cue.cue.lemma))
            or m.trigger == AID_VERB,
            petition=cue is not None and lexicon.has("petition", cue.cue.lemma),
            addressees=_addressees(ctx, clause, cue, m, named),
            co_holders=tuple(h for h, f in holders if f == 1.0),
        )


def _addressees(
    ctx: _Context, clause: _Clause, cue: _CueHit | None, mention: IssueMention, named: set[str]
) -> tuple[str, ...]:
    """For a petition cue (``@petition``: "bat … um", "asked … for"), the parties before the
    issue that do not hold the stance and that no comma separates from the cue, nearest to the
    cue first: "Kiew bat die NATO um Waffen", "hat die NATO-Partner aufgefordert, der Ukraine …
    zu liefern" (the addressee gives; "der Ukraine" after the comma is the content)."""
    if cue is None or not ctx.lexicon.has("petition", cue.cue.lemma):
        return ()
    starts = [t.start for t in clause.tokens]
    found: list[tuple[int, str]] = []
    for party in ctx.mentions_from(clause.start, mention.start):
        kind = ctx.actors[party.actor].kind
        if (
            party.actor in named
            or party.end > mention.start
            or party.form is MentionForm.DEMONYM
            or kind not in (ActorKind.STATE, ActorKind.ORGANIZATION)
        ):
            continue  # "called on NATO": the addressee may follow any preposition
        k = min(bisect_left(starts, party.start), len(starts) - 1)
        lo, hi = (k, cue.first) if k < cue.first else (cue.last, k)
        if "," in clause.words[lo:hi]:
            continue
        found.append((hi - lo, party.actor))
    return tuple(dict.fromkeys(actor for _d, actor in sorted(found)))


def _stances(
    found: Iterable[_Found], issues: _Issues, article: Article, order: Mapping[str, int]
) -> tuple[Stance, ...]:
    merged: dict[tuple[str, str, StancePosition], Stance] = {}
    published = article.published.isoformat() if article.published else None
    for item in found:
        for holder, factor in item.holders:
            completed = issues.complete(
                item.mention,
                holder,
                item.recipients,
                order[item.sentence.id],
                commissive=item.commissive,
                co_holders=item.co_holders,
                petition=item.petition,
                addressees=item.addressees,
            )
            if completed is None:
                continue
            issue, was_completed = completed
            confidence = item.confidence * factor * (COMPLETED_FACTOR if was_completed else 1.0)
            key = (holder, issue.key, item.position)
            evidence = (item.statement.id,) if item.statement is not None else ()
            previous = merged.get(key)
            if previous is not None:
                merged[key] = Stance(
                    id=previous.id,
                    holder=previous.holder,
                    issue=previous.issue,
                    position=previous.position,
                    expressed_by=previous.expressed_by or item.speaker,
                    evidence=tuple(dict.fromkeys(previous.evidence + evidence)),
                    sentence_id=previous.sentence_id,
                    start=previous.start,
                    end=previous.end,
                    valid_at=previous.valid_at,
                    cue=previous.cue or item.cue,
                    method=previous.method,
                    confidence=round(max(previous.confidence, confidence), 3),
                )
                continue
            merged[key] = Stance(
                id=f"sn-{item.start}-{item.end}-{holder}-{issue.relation}",
                holder=holder,
                issue=issue.key,
                position=item.position,
                expressed_by=item.speaker,
                evidence=evidence,
                sentence_id=item.sentence.id,
                start=item.start,
                end=item.end,
                valid_at=(item.statement.date if item.statement else None) or published,
                cue=item.cue,
                method="rule:statement" if item.statement is not None else "rule:narrator",
                confidence=round(confidence, 3),
            )
    return tuple(sorted(merged.values(), key=lambda s: (s.start or 0, s.holder, s.issue)))


def _implied_aid(ctx: _Context, clause: _Clause, sentence: Sentence) -> list[IssueMention]:
    """Aid named by a support verb and its actor object: "Deutschland werde die Ukraine so lange
    unterstützen", "Germany will keep supporting Kyiv" (aid from the holder's side).

    The object is the first state or organisation of the clause that is not its first actor
    mention before the verb (the subject).
    """
    if not _may_have_cue(clause, ctx.lexicon, "aid_verb"):
        return []
    cues = [c for c in _find_cues(clause, ctx.lexicon) if ctx.lexicon.has("aid_verb", c.cue.lemma)]
    if not cues:
        return []
    verb_index = cues[0].first
    verb = clause.tokens[verb_index]
    parties = ctx.parties_in(clause.start, clause.end)
    first_person = any(
        ctx.lexicon.has("first_person", t.text) for t in clause.tokens if t.start < verb.start
    )
    if parties and parties[0].start < verb.start and not first_person:
        parties = parties[1:]  # the subject ("Wir dürfen die Ukraine nicht im Stich lassen")
    # the object follows the verb closely ("supporting Ukraine") or precedes it (verb-final)
    limit = clause.tokens[min(verb_index + AID_OBJECT_WINDOW, len(clause.tokens) - 1)].end
    parties = [m for m in parties if m.end <= limit]
    if not parties:
        return []
    target = parties[0]
    return [
        IssueMention(
            id=f"i-{target.start}-{target.end}-aid-verb",
            start=target.start,
            end=target.end,
            surface=target.surface,
            relation="aid",
            object=target.actor,
            sentence_id=sentence.id,
            # "wir" may be the state, the alliance or Europe: then the giver is left to context
            trigger="" if first_person else AID_VERB,
            confidence=CARRIED_FACTOR,
        )
    ]


def _same_block(article: Article, first: Sentence, second: Sentence) -> bool:
    for block in article.blocks:
        if block.start <= first.start < block.end:
            return block.start <= second.start < block.end
    return False


def _carried(
    clauses: Sequence[_Clause], sentence: Sentence, lexicon: StanceLexicon
) -> list[IssueMention]:
    """An implicit reference to the issue just named: a cue clause with no issue of its own
    right after a sentence that names one ("Moskau reagierte scharf auf die Ankündigung. Der
    Kreml sprach von einer „gefährlichen Eskalation“.").

    The reference is anchored on the clause's last token, which the cue must not cover.
    """
    carried: list[IssueMention] = []
    for clause in clauses:
        if not _may_have_cue(clause, lexicon, "reaction"):
            continue
        cues = [c for c in _find_cues(clause, lexicon) if lexicon.has("reaction", c.cue.lemma)]
        last = clause.tokens[-1]
        if not cues or any(c.last == len(clause.tokens) - 1 for c in cues):
            continue
        carried.append(
            IssueMention(
                id=f"i-{last.start}-{last.end}-carried",
                start=last.start,
                end=last.end,
                surface="",
                relation=ANAPHOR,
                sentence_id=sentence.id,
                trigger="",
                confidence=CARRIED_FACTOR,
            )
        )
    return carried


def detect_stances(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    holdings: Sequence[PostHolding],
    statements: Sequence[Statement],
    *,
    lexicon: StanceLexicon,
) -> tuple[tuple[Issue, ...], tuple[Stance, ...]]:
    """Find the issues an article's actors take positions on, and those positions.

    Args:
        article: the article whose text the offsets refer to.
        sentences: its sentences.
        mentions: its actor mentions.
        actors: its actors.
        holdings: the posts its persons hold (holder rule 3).
        statements: its statements (holder rule 1; the evidence of stances).
        lexicon: ``load_stance_lexicon(article.lang)``.

    Returns:
        The issues stances are about (one per key) and the stances, one per holder, issue and
        position, in text order.
    """
    ctx = _Context(article, mentions, actors, holdings, statements, lexicon)
    issue_mentions = find_issues(article, sentences, mentions, actors, lexicon=lexicon.issues)
    issues = _Issues(ctx, issue_mentions)
    found: list[_Found] = []
    recent: list[tuple[Sentence, bool]] = []  # body sentences so far, with "names an issue"
    by_sentence: dict[str | None, list[IssueMention]] = {}
    for m in issue_mentions:
        by_sentence.setdefault(m.sentence_id, []).append(m)
    for sentence in sentences:
        if sentence.comment is not None:
            continue
        inside = by_sentence.get(sentence.id, [])
        clauses = _clauses(article.text, sentence, lexicon)
        if not inside and any(
            named and _same_block(article, earlier, sentence)
            for earlier, named in recent[-CARRY_SENTENCES:]
        ):
            inside = _carried(clauses, sentence, lexicon)
        recent.append((sentence, bool(inside)))
        for clause in clauses:
            in_clause = [m for m in inside if clause.start <= m.start < clause.end]
            if not in_clause:
                in_clause = _implied_aid(ctx, clause, sentence)
            if in_clause:
                found.extend(_clause_stances(ctx, clause, in_clause))
    order = {sentence.id: i for i, sentence in enumerate(sentences)}
    found.sort(key=lambda f: (order[f.sentence.id], f.start))
    stances = _stances(found, issues, article, order)
    used = {s.issue for s in stances}
    return tuple(i for k, i in sorted(issues.records.items()) if k in used), stances
