"""The token-level view of an article that the statement rules share (private helper).

Builds, once per article: body tokens with their sentence and paragraph, the balanced quotes and
which tokens lie inside them, the mentions indexed by their first token, and reporting-verb lookup
with separable particles.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
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
    """Article text, tokens, sentences, quotes and mentions, with lookups by token."""

    article: Article
    lex: StatementLexicon
    sentences: list[Sentence]
    mentions: list[Mention]
    actors: dict[str, Actor]
    holdings: list[PostHolding]
    tokens: list[Token] = field(default_factory=list)
    token_sentence: list[int] = field(default_factory=list)
    sentence_range: list[tuple[int, int]] = field(default_factory=list)
    sentence_paragraph: list[int] = field(default_factory=list)
    heading_paragraphs: set[int] = field(default_factory=set)  # headline, subheadline, headings
    quotes: tuple[QuoteSpan, ...] = ()
    token_quote: list[int | None] = field(default_factory=list)
    mention_at: dict[int, Mention] = field(default_factory=dict)
    mention_end: dict[str, int] = field(default_factory=dict)  # mention id -> token after it
    covered: dict[int, Mention] = field(default_factory=dict)  # token -> mention covering it
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
        return self.tokens[i].text.lower() if 0 <= i < len(self.tokens) else ""

    def quoted(self, i: int) -> bool:
        """True when token ``i`` is a quotation mark or inside a quote."""
        return 0 <= i < len(self.token_quote) and self.token_quote[i] is not None

    def is_mark(self, i: int) -> bool:
        """True when token ``i`` is a quotation mark of a balanced quote (not an apostrophe)."""
        return self.quoted(i) and self.tokens[i].text in QUOTE_MARKS

    def is_boundary(self, i: int) -> bool:
        """True when token ``i`` is clause punctuation or a quotation mark."""
        return 0 <= i < len(self.tokens) and (
            self.tokens[i].text in CLAUSE_PUNCT or self.is_mark(i)
        )

    def clause_end(self, i: int, stop: int, *, marks: bool = True) -> int:
        """Index of the first clause punctuation (or, with ``marks``, quotation mark) at or
        after ``i`` (< stop)."""
        while i < stop and not (
            self.is_boundary(i) if marks else self.tokens[i].text in CLAUSE_PUNCT
        ):
            i += 1
        return i

    def clause_start(self, i: int, start: int) -> int:
        """Index right after the last clause punctuation or quotation mark before ``i``."""
        while i > start and not self.is_boundary(i - 1):
            i -= 1
        return i

    def actor_kind(self, key: str) -> str | None:
        """The kind of actor ``key`` ("person", …) or None when unknown."""
        actor = self.actors.get(key)
        return actor.kind.value if actor else None

    def cue_at(self, i: int, stop: int) -> Cue | None:
        """The reporting verb at token ``i`` (particle searched up to ``stop``), or None.

        Capitalised tokens never count (nouns: "Frage", "Bericht"). An entry whose particle
        closes the clause wins over one without a particle; an entry licensing nothing (zusagen)
        therefore blocks the plain verb (sagen).
        """
        token = self.tokens[i]
        entries = self.lex.verbs.get(token.text.lower())
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
            if verb.particle and not token.text.lower().startswith(verb.particle.lower()):
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
        for j in range(i + 1, stop):
            word = self.tokens[j].text
            if self.is_mark(j) or word in (";", ":"):
                return None
            nxt = self.lower(j + 1)
            if word.lower() == particle and (
                not nxt or nxt in CLAUSE_PUNCT or nxt in ("und", "and", "oder")
            ):
                return j
        return None

    def __post_init__(self) -> None:
        text = self.article.text
        self.tokens = tokenize(text)
        self._starts = [t.start for t in self.tokens]
        self.sentences.sort(key=lambda s: s.start)
        paragraphs = _paragraphs(self.article)
        self.heading_paragraphs = {
            n
            for n, (start, _) in enumerate(paragraphs)
            for block in self.article.blocks
            if block.start == start and block.kind is not BlockKind.PARAGRAPH
        }
        para_starts = [p[0] for p in paragraphs]
        self.token_sentence = [-1] * len(self.tokens)
        for index, sentence in enumerate(self.sentences):
            a, b = self.tok(sentence.start), self.tok(sentence.end)
            self.sentence_range.append((a, b))
            self.sentence_paragraph.append(bisect.bisect_right(para_starts, sentence.start) - 1)
            for i in range(a, b):
                self.token_sentence[i] = index
        self.quotes = find_quote_spans(text, paragraphs)
        self.token_quote = [None] * len(self.tokens)
        for number, quote in enumerate(self.quotes):
            for i in range(self.tok(quote.open), self.tok(quote.close + 1)):
                self.token_quote[i] = number
        self._index_mentions()

    def _index_mentions(self) -> None:
        """Keep the outermost mention at each position (drop mentions nested in longer ones)."""
        ordered = sorted(self.mentions, key=lambda m: (m.start, -(m.end - m.start)))
        kept: list[Mention] = []
        for mention in ordered:
            if kept and mention.start < kept[-1].end:
                continue
            kept.append(mention)
        self.mentions = kept
        for mention in kept:
            first = self.tok(mention.start)
            self.mention_at[first] = mention
            self.mention_end[mention.id] = self.tok(mention.end)
            for i in range(first, self.mention_end[mention.id]):
                self.covered[i] = mention

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
