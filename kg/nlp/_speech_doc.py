"""The token-level view of an article that the statement rules share (private helper).

Builds, once per article: body tokens with their sentence and paragraph, the balanced quotes and
which tokens lie inside them, the mentions indexed by their first token, and reporting-verb lookup
with separable particles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, compress
from operator import attrgetter, itemgetter
from typing import TYPE_CHECKING

from kg.model import Actor, Article, BlockKind, Mention, MentionForm, PostHolding, Sentence
from kg.nlp._quotes import QuoteSpan, find_quote_spans
from kg.nlp._statement_lexicon import ReportingVerb, StatementLexicon
from kg.nlp._tokens import Token, tokenize

if TYPE_CHECKING:
    from kg.nlp._speakers import Speaker

QUOTE_MARKS = frozenset("\"„“”«»'‚‘’‹›")
CLAUSE_PUNCT = frozenset(",;:.!?()–—")
SENTENCE_PUNCT = frozenset(".!?;")
_PARAGRAPH = re.compile(r"(?:(?!\n\s*\n).)+", re.DOTALL)
_START = attrgetter("start")
_TEXT = attrgetter("text")
_FIRST = itemgetter(0)
_END = attrgetter("end")


def _positions(items: list[str], among: Collection[str]) -> list[int]:
    """The indices of ``items`` that are in ``among`` (without a Python loop per item)."""
    return list(compress(range(len(items)), map(among.__contains__, items)))


@dataclass(frozen=True, slots=True)
class Cue:
    """A reporting verb found at token ``index`` (``particle``: token index of its particle)."""

    index: int
    verb: ReportingVerb
    particle: int | None = None

    @property
    def last(self) -> int:
        """The last token of the cue verb (its particle when split)."""
        return self.particle if self.particle is not None else self.index


@dataclass
class Doc:
    """Article text, tokens, sentences, quotes and mentions, with lookups by token.

    Everything the rules ask per token (lower-cased text, quoted, boundary, Konjunktiv form) is
    computed once here into lists indexed by token; the methods only bound-check.
    """

    article: Article
    lex: StatementLexicon
    sentences: list[Sentence]
    mentions: list[Mention]
    actors: dict[str, Actor]
    holdings: list[PostHolding]
    tokens: list[Token] = field(default_factory=list)
    token_sentence: list[int] = field(default_factory=list)
    sentence_range: list[tuple[int, int]] = field(default_factory=list)
    sentence_starts: list[int] = field(default_factory=list)  # character starts of ``sentences``
    sentence_paragraph: list[int] = field(default_factory=list)
    heading_paragraphs: set[int] = field(default_factory=set)  # headline, subheadline, headings
    quotes: tuple[QuoteSpan, ...] = ()
    token_quote: list[int | None] = field(default_factory=list)
    mention_at: dict[int, Mention] = field(default_factory=dict)
    mention_end: dict[str, int] = field(default_factory=dict)  # mention id -> token after it
    mention_first: dict[str, int] = field(default_factory=dict)  # mention id -> its first token
    _covered: set[int] | None = None  # see ``covered``
    low: list[str] = field(default_factory=list)  # lower-cased token texts
    quoted_at: list[bool] = field(default_factory=list)  # token is a mark or inside a quote
    mark_at: list[bool] = field(default_factory=list)  # token is a mark of a balanced quote
    boundary_at: list[bool] = field(default_factory=list)  # clause punctuation or a mark
    punct_at: list[bool] = field(default_factory=list)  # clause punctuation
    konj_at: list[int] = field(default_factory=list)  # tokens that may be Konjunktiv forms
    verb_at: list[int] = field(default_factory=list)  # tokens that may be cues (``cue_at``)
    may_speak: list[bool] = field(default_factory=list)  # a mention, pronoun or determiner
    mention_starts: list[int] = field(default_factory=list)  # character starts of ``mentions``
    mention_tokens: list[int] = field(default_factory=list)  # first tokens of ``mentions``
    _ending: dict[int, list[Mention]] | None = None  # see ``mentions_ending``
    memo: dict[tuple[object, ...], object] = field(default_factory=dict)  # rule results per doc
    texts: list[str] = field(default_factory=list)  # token texts
    _word_prefix: list[int] = field(default_factory=list)  # word tokens before each token
    _kinds: dict[str, str] = field(default_factory=dict)  # actor key -> kind value
    _where: dict[frozenset[str], list[int]] = field(default_factory=dict)  # see ``where``
    _konj1: set[int] = field(default_factory=set)  # Konjunktiv I forms (rule context applied)
    _konj2: set[int] = field(default_factory=set)  # Konjunktiv II forms (rule context applied)
    _konj_cover: list[int] = field(default_factory=list)  # token -> last fixed phrase start on it
    _cues: dict[tuple[int, int], Cue | None] = field(default_factory=dict)
    _starts: list[int] = field(default_factory=list)

    @property
    def text(self) -> str:
        """The article text all offsets point into."""
        return self.article.text

    def tok(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self._starts, offset)

    def lower(self, i: int) -> str:
        """Lower-cased text of token ``i`` ("" outside the text)."""
        if i < 0:
            return ""
        try:
            return self.low[i]
        except IndexError:
            return ""

    def quoted(self, i: int) -> bool:
        """True when token ``i`` is a quotation mark or inside a quote."""
        if i < 0:
            return False
        try:
            return self.quoted_at[i]
        except IndexError:
            return False

    def is_mark(self, i: int) -> bool:
        """True when token ``i`` is a quotation mark of a balanced quote (not an apostrophe)."""
        return 0 <= i < len(self.mark_at) and self.mark_at[i]

    def is_boundary(self, i: int) -> bool:
        """True when token ``i`` is clause punctuation or a quotation mark."""
        return 0 <= i < len(self.boundary_at) and self.boundary_at[i]

    def clause_end(self, i: int, stop: int, *, marks: bool = True) -> int:
        """Index of the first clause punctuation (or, with ``marks``, quotation mark) at or
        after ``i`` (< stop)."""
        flags = self.boundary_at if marks else self.punct_at
        if marks and i < 0 < stop:
            i = 0  # nothing before the text is a boundary
        end = min(stop, len(flags))
        while i < end and not flags[i]:
            i += 1
        return stop if marks and end <= i < stop else i

    def clause_start(self, i: int, start: int) -> int:
        """Index right after the last clause punctuation or quotation mark before ``i``."""
        flags = self.boundary_at
        n = len(flags)
        while i > start and not (0 < i <= n and flags[i - 1]):
            i -= 1
        return i

    def konj_tokens(self, i: int, j: int, *, substitutes: bool) -> list[int]:
        """Konjunktiv I (and, with ``substitutes``, II) verb forms in tokens ``i..j`` outside
        quotes, except after "ich" and blockers ("als sei") and inside fixed phrases ("es sei
        denn") that start in ``i..j``."""
        at = self.konj_at
        first, last = bisect.bisect_left(at, i), bisect.bisect_left(at, j)
        if first == last:
            return []
        konj1, konj2, cover = self._konj1, self._konj2, self._konj_cover
        return [
            k
            for k in at[first:last]
            if (k in konj1 or (substitutes and k in konj2)) and cover[k] < i
        ]

    def words_in(self, i: int, j: int) -> int:
        """Number of word tokens (starting with a letter or digit) in ``i..j``."""
        return self._word_prefix[j] - self._word_prefix[i] if i < j else 0

    def where(self, words: frozenset[str], i: int, j: int) -> list[int]:
        """The unquoted tokens in ``i..j`` whose lower-cased text is one of ``words``."""
        at = self._where.get(words)
        if at is None:
            quoted = self.quoted_at
            at = [k for k, word in enumerate(self.low) if word in words and not quoted[k]]
            self._where[words] = at
        return at[bisect.bisect_left(at, i) : bisect.bisect_left(at, j)]

    def verbs_in(self, i: int, j: int) -> list[int]:
        """The tokens in ``i..j`` that may be reporting verbs (all others have no cue)."""
        at = self.verb_at
        return at[bisect.bisect_left(at, i) : bisect.bisect_left(at, j)]

    def first_cue(self, i: int, j: int, stop: int) -> Cue | None:
        """The first cue in tokens ``i..j`` (particles searched up to ``stop``), or None."""
        for k in self.verbs_in(i, j):
            cue = self.cue_at(k, stop)
            if cue is not None:
                return cue
        return None

    @property
    def covered(self) -> set[int]:
        """The tokens inside a mention (built on first use)."""
        if self._covered is None:
            self._covered = set()
            for mention, first in zip(self.mentions, self.mention_tokens, strict=True):
                self._covered.update(range(first, self.mention_end[mention.id]))
        return self._covered

    @property
    def mentions_ending(self) -> dict[int, list[Mention]]:
        """The mentions by the token right after them (built on first use)."""
        if self._ending is None:
            self._ending = {}
            for mention in self.mentions:
                self._ending.setdefault(self.mention_end[mention.id], []).append(mention)
        return self._ending

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The mentions starting at characters ``start..end``, in text order."""
        starts = self.mention_starts
        return self.mentions[bisect.bisect_left(starts, start) : bisect.bisect_left(starts, end)]

    def mentions_at_tokens(self, first: int, last: int) -> list[Mention]:
        """The mentions whose first token is in ``first..last`` (inclusive), in text order."""
        at = self.mention_tokens
        return self.mentions[bisect.bisect_left(at, first) : bisect.bisect_right(at, last)]

    def actor_kind(self, key: str) -> str | None:
        """The kind of actor ``key`` ("person", …) or None when unknown."""
        return self._kinds.get(key)

    def cue_at(self, i: int, stop: int) -> Cue | None:
        """The reporting verb at token ``i`` (particle searched up to ``stop``), or None.

        Capitalised tokens never count (nouns: "Frage", "Bericht"). An entry whose particle
        closes the clause wins over one without a particle; an entry licensing nothing (zusagen)
        therefore blocks the plain verb (sagen).
        """
        if self.low[i] not in self.lex.verbs:
            return None
        key = (i, stop)
        if key not in self._cues:
            self._cues[key] = self._cue_at(i, stop)
        return self._cues[key]

    def _cue_at(self, i: int, stop: int) -> Cue | None:
        token = self.tokens[i]
        entries = self.lex.verbs.get(self.low[i])
        if not entries or not token.text[0].islower() or self.quoted(i):
            return None
        nxt = self.tokens[i + 1].text if i + 1 < len(self.tokens) else ""
        if self.lower(i - 1) in self.lex.words("passive_aux") and any(
            "obj" in verb.frames for verb in entries
        ):
            return None  # "Rutte was told that …": the subject is the hearer, not the speaker
        attributive = nxt[:1].isupper() and (i + 1) not in self.mention_at
        if self.lower(i - 1) in self.lex.words("determiner") and attributive:
            return None  # an attributive participle: "das erklärte Ziel", "die genannte Zahl"
        best: Cue | None = None
        for verb in entries:
            if verb.particle and not self.low[i].startswith(verb.particle.lower()):
                particle = self._particle(i, stop, verb.particle.lower())
                if particle is None:
                    continue
                best = Cue(i, verb, particle)
                break
            if best is None:
                best = Cue(i, verb)
        if best is None or not best.verb.frames:
            return None
        if "es" in best.verb.frames and "es" not in (self.lower(i - 1), self.lower(i + 1)):
            return None
        return best

    def _particle(self, i: int, stop: int, particle: str) -> int | None:
        """The separable particle closing verb ``i``'s clause ("teilte … mit und", "… zu.")."""
        low, mark = self.low, self.mark_at
        for j in range(i + 1, stop):
            word = low[j]
            if mark[j] or word in (";", ":"):
                return None
            if word == particle:
                nxt = self.lower(j + 1)
                if not nxt or nxt in CLAUSE_PUNCT or nxt in ("und", "and", "oder"):
                    return j
        return None

    def __post_init__(self) -> None:
        text = self.article.text
        self._kinds = {key: actor.kind.value for key, actor in self.actors.items()}
        self.tokens = tokenize(text)
        self._starts = list(map(_START, self.tokens))
        texts = self.texts = list(map(_TEXT, self.tokens))
        # one call instead of one per token: tokens never contain white space, and a line
        # break stops the context of a final sigma as the end of a token does
        self.low = "\n".join(texts).lower().split("\n") if texts else []
        self.sentences.sort(key=lambda s: s.start)
        self.sentence_starts = [s.start for s in self.sentences]
        paragraphs = _paragraphs(self.article)
        heading_starts = {b.start for b in self.article.blocks if b.kind is not BlockKind.PARAGRAPH}
        self.heading_paragraphs = {
            n for n, (start, _) in enumerate(paragraphs) if start in heading_starts
        }
        para_starts = [p[0] for p in paragraphs]
        self.token_sentence = [-1] * len(self.tokens)
        starts, at = self._starts, bisect.bisect_left
        for index, sentence in enumerate(self.sentences):
            a, b = at(starts, sentence.start), at(starts, sentence.end)
            self.sentence_range.append((a, b))
            self.sentence_paragraph.append(bisect.bisect_right(para_starts, sentence.start) - 1)
            self.token_sentence[a:b] = [index] * (b - a)
        self.quotes = find_quote_spans(text, paragraphs)
        n = len(texts)
        self._word_prefix = list(accumulate(map(str.isalnum, map(_FIRST, texts)), initial=0))
        self.token_quote = [None] * n
        self.quoted_at = [False] * n
        self.mark_at = [False] * n
        self.punct_at = list(map(CLAUSE_PUNCT.__contains__, texts))
        self.boundary_at = self.punct_at.copy()
        quoted_ranges = []
        for number, quote in enumerate(self.quotes):
            first, stop = self.tok(quote.open), self.tok(quote.close + 1)
            quoted_ranges.append((first, stop))
            self.token_quote[first:stop] = [number] * (stop - first)
            self.quoted_at[first:stop] = [True] * (stop - first)
            for i in range(first, stop):
                if texts[i] in QUOTE_MARKS:
                    self.mark_at[i] = self.boundary_at[i] = True
        self.verb_at = [
            k
            for k in _positions(self.low, self.lex.verbs)
            if texts[k][0].islower() and not self.quoted_at[k]
        ]
        self._index_konjunktiv(texts)
        self._index_mentions()
        self.may_speak = list(
            map((self.lex.pronouns.keys() | self.lex.words("determiner")).__contains__, self.low)
        )
        for k in self.mention_at:
            self.may_speak[k] = True
        for first, stop in quoted_ranges:
            self.may_speak[first:stop] = [False] * (stop - first)

    def _index_konjunktiv(self, texts: list[str]) -> None:
        """Mark the tokens ``konj_tokens`` may return and where fixed phrases exclude them."""
        lex, low = self.lex, self.low
        first_person = lex.words("first_person")
        function_words = lex.function_words
        forms = lex.konj1_forms(set(texts))
        konj2 = lex.konj2
        for k in sorted({*_positions(texts, forms), *_positions(low, konj2)}):
            word = low[k]
            one, two = texts[k] in forms, word in konj2
            if word in function_words or self.quoted_at[k]:
                continue  # "zufolge" is not zu + folge
            before = low[k - 1] if k > 0 else ""
            if before in first_person or before in lex.konj_blockers:
                continue  # "ich sei", "als sei nichts geschehen"
            if one:
                self._konj1.add(k)
            if two:
                self._konj2.add(k)
            if one or two:
                self.konj_at.append(k)
        # a token is excluded when a fixed phrase starting at or after the first searched
        # token covers it ("es sei denn"): keep the latest such start per token
        self._konj_cover = cover = [-1] * len(low)
        heads = {phrase[0] for phrase in lex.konj_excludes if phrase}
        for k in _positions(low, heads):
            for phrase in lex.konj_excludes:
                if tuple(low[k : k + len(phrase)]) == phrase:
                    for covered in range(k, k + len(phrase)):
                        cover[covered] = k

    def _index_mentions(self) -> None:
        """Keep the outermost mention at each position (drop mentions nested in longer ones)."""
        # by start, the longest first at one start (two stable sorts in C, no key function)
        ordered = sorted(sorted(self.mentions, key=_END, reverse=True), key=_START)
        kept: list[Mention] = []
        for mention in ordered:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        self.mentions = kept
        self.mention_starts = [m.start for m in kept]
        starts, at = self._starts, bisect.bisect_left
        self.mention_tokens = [at(starts, start) for start in self.mention_starts]
        mention_at, mention_end, first_of = self.mention_at, self.mention_end, self.mention_first
        for mention, first in zip(kept, self.mention_tokens, strict=True):
            mention_at[first] = mention
            first_of[mention.id] = first
            mention_end[mention.id] = at(starts, mention.end)

    def is_speaker_form(self, mention: Mention) -> bool:
        """Demonyms ("russische") and places ("in Brüssel") never speak."""
        return mention.form is not MentionForm.DEMONYM and not mention.is_place


def _paragraphs(article: Article) -> list[tuple[int, int]]:
    if article.blocks:
        return sorted((b.start, b.end) for b in article.blocks)
    return [(m.start(), m.end()) for m in _PARAGRAPH.finditer(article.text) if m.group().strip()]


def build_doc(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    holdings: Sequence[PostHolding],
    lex: StatementLexicon,
) -> Doc:
    """Build the shared view over the article body (comments are left out)."""
    return Doc(
        article=article,
        lex=lex,
        sentences=[s for s in sentences if s.comment is None],
        mentions=[m for m in mentions if m.comment is None],
        actors={a.key: a for a in actors},
        holdings=list(holdings),
    )


@dataclass(frozen=True, slots=True)
class Found:
    """A statement candidate before it becomes a ``Statement`` record.

    ``start``/``end`` are character offsets of the content, ``cue`` the character span of the
    verb or attribution phrase with the speaker, ``sentence`` the index of the cue's sentence.
    """

    start: int
    end: int
    direct: bool
    speaker: Speaker | None
    lemma: str | None
    cue: tuple[int, int] | None
    sentence: int
    method: str
    confidence: float
    text: str | None = None  # only when the content is not text[start:end] (joined fragments)
