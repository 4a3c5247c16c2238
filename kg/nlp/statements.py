"""Statements: direct quotes and reported speech, with the speaker the grammar licenses.

Needs: Article, Sentence, Mention, Actor, PostHolding (and TimeExpression when available).
Produces: Statement.

Direct quotes come from balanced quotation marks (``_quotes``, ``_direct``), reported speech from
speech verbs, attribution phrases and Konjunktiv I (``_reported``); speakers are resolved through
the mentions, pronouns and stated posts (``_speakers``). A quote or Konjunktiv sentence without a
cue inherits the speaker of the statement just before it in the same paragraph (the news
convention of continuing a quotation); otherwise it is kept without a speaker. Lexicons are data:
``kg/nlp/lexicons/<lang>/{reporting_verbs,konjunktiv,attribution}.tsv``.

``Statement.text`` is ``Article.text[start:end]``, except for a quote interrupted by its cue
("„Wir werden“, sagte er, „alles tun“"): its fragments are joined with " … " and ``start``/``end``
span from the first fragment to the last.

``Statement.date`` is the date of a time expression in the cue's sentence ("am Dienstag"); when the
text gives none it falls back to the article's publication date (a statement is reported no later
than it was made, and news reports same-day statements without a date).
"""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence

from kg.model import (
    Actor,
    ActorKind,
    Article,
    Mention,
    PostHolding,
    QuoteMode,
    Sentence,
    Statement,
    TimeExpression,
)
from kg.nlp._attribution import attribution_heads, attribution_rules, colon_headline
from kg.nlp._direct import direct_quotes
from kg.nlp._reported import clause_span, has_finite, konj_tokens, verb_rules
from kg.nlp._speakers import Speaker, find_subject
from kg.nlp._speech_doc import Doc, Found, build_doc
from kg.nlp._statement_lexicon import StatementLexicon, load_statement_lexicon

__all__ = ["StatementLexicon", "extract_statements", "load_statement_lexicon", "statement_key"]

#: A quotation filling at least this share of a reported clause is the statement itself.
QUOTE_SHARE = 0.5
#: A quote this close (characters: marks, punctuation) to a clause's edge starts or ends it.
EDGE_CHARS = 3
#: Sentences a cue-less quote or Konjunktiv sentence may lie after the statement it continues.
MAX_INHERIT_SENTENCES = 3
#: Tokens from the start of the previous sentence within which its subject must begin.
MAX_SUBJECT_OFFSET = 3
#: Confidence factors for inherited speakers (a convention, not a cue).
INHERITED = 0.7
FROM_PREVIOUS_SUBJECT = 0.55
#: A wording this long (words) inside another by the same speaker is the same statement: shorter
#: phrases ("die Lage sei ernst") recur as different statements too often.
MIN_CONTAINED_WORDS = 5
_SPEAKER_KINDS = frozenset({ActorKind.PERSON, ActorKind.GOVERNMENT_BODY, ActorKind.MILITARY})
CONTINUATION = "konjunktiv-continuation"
_NON_WORD = re.compile(r"[^\w]+")


def statement_key(statement: Statement) -> str:
    """Identity of a statement across articles: its speaker and its normalised words.

    The same quote by the same speaker in several articles is one statement with several
    reports; the RDF layer mints the statement IRI from this key.

    >>> from kg.model import QuoteMode, Statement
    >>> s = Statement(id="st-0-9", start=0, end=9, text="„Wir helfen.“", mode=QuoteMode.DIRECT,
    ...               speaker="mark-rutte")
    >>> statement_key(s) == statement_key(Statement(id="x", start=5, end=14, text="wir  helfen",
    ...                                   mode=QuoteMode.DIRECT, speaker="mark-rutte"))
    True
    """
    digest = hashlib.sha1(_normal(statement.text).encode("utf-8"), usedforsecurity=False)
    return f"{statement.speaker or '-'}:{digest.hexdigest()[:16]}"


def _normal(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return " ".join(_NON_WORD.sub(" ", folded).split())


def _inside(inner: Found, outer: Found) -> bool:
    return outer.start <= inner.start and inner.end <= outer.end


def _resolve_overlaps(doc: Doc, indirect: list[Found], direct: list[Found]) -> list[Found]:
    """Partial quotes inside reported clauses belong to the clause; a clause that is mostly one
    quote, with only a verbless lead-in ("Der russische Präsident Wladimir „Putin ist …“"), is
    that quote. Among overlapping reported clauses one with a speaker wins, then the most
    confident."""
    kept_indirect: list[Found] = []
    for found in sorted(indirect, key=lambda f: (f.speaker is None, -f.confidence, f.start)):
        if not any(f.start < found.end and found.start < f.end for f in kept_indirect):
            kept_indirect.append(found)
    drop_direct: set[int] = set()
    drop_indirect: set[int] = set()
    for d, quote in enumerate(direct):
        for n, clause in enumerate(kept_indirect):
            if not _inside(quote, clause):
                continue
            at_edge = (
                quote.start - clause.start <= EDGE_CHARS or clause.end - quote.end <= EDGE_CHARS
            )
            share = quote.end - quote.start >= QUOTE_SHARE * (clause.end - clause.start)
            rest = [
                k for k in range(doc.tok(clause.start), doc.tok(clause.end)) if not doc.quoted(k)
            ]
            verbless = not rest or not has_finite(doc, rest[0], rest[-1] + 1)
            if at_edge and share and verbless:
                drop_indirect.add(n)
            else:
                drop_direct.add(d)
    return [f for n, f in enumerate(kept_indirect) if n not in drop_indirect] + [
        f for d, f in enumerate(direct) if d not in drop_direct
    ]


def _konjunktiv_sentences(doc: Doc, indirect: list[Found], direct: list[Found]) -> list[Found]:
    """Sentences in Konjunktiv I that no cue covers: reported speech continued (speaker later).

    A partial quote inside such a sentence does not stop it ("Voraussetzung sei, dass Kiew die
    „Realitäten“ anerkenne"); a quote filling most of it does.
    """
    covered = {f.sentence for f in indirect}
    extra: list[Found] = []
    for index, (a, b) in enumerate(doc.sentence_range):
        if index in covered or a >= b or not konj_tokens(doc, a, b, substitutes=False):
            continue
        lo, hi = doc.tokens[a].start, doc.tokens[b - 1].end
        if any(f.start < hi and lo < f.end for f in indirect) or any(
            f.start < hi and lo < f.end and f.end - f.start >= QUOTE_SHARE * (hi - lo)
            for f in direct
        ):
            continue
        span = clause_span(doc, a, b)
        if span is not None:
            extra.append(Found(span[0], span[1], False, None, None, None, index, CONTINUATION, 0.6))
    return extra


def _intervening_person(doc: Doc, last: Found, found: Found) -> bool:
    """True when another person is named (outside quotes) between two statements."""
    speaker = last.speaker.actor if last.speaker else None
    for mention in doc.mentions_between(last.end, found.start):
        if not doc.quoted(doc.mention_first[mention.id]):
            actor = doc.actors.get(mention.actor)
            if actor is not None and actor.kind is ActorKind.PERSON and actor.key != speaker:
                return True
    return False


def _previous_subject(doc: Doc, sentence: int) -> Speaker | None:
    """The subject opening the previous sentence of the same paragraph ("Rutte hielt sich …")."""
    if sentence == 0 or doc.sentence_paragraph[sentence - 1] != doc.sentence_paragraph[sentence]:
        return None
    a, b = doc.sentence_range[sentence - 1]
    found = find_subject(doc, a, b)
    if found is None or found.first - a > MAX_SUBJECT_OFFSET:
        return None
    actor = doc.actors.get(found.actor)
    return found if actor is not None and actor.kind in _SPEAKER_KINDS else None


def _continues(doc: Doc, last: Found, item: Found) -> bool:
    """True when ``item`` may continue ``last``'s speech: a few sentences on in the same
    paragraph, or the very next sentence across a paragraph break (not into or out of a
    heading), with no other person named in between."""
    paragraph = doc.sentence_paragraph
    distance = item.sentence - last.sentence
    same = paragraph[last.sentence] == paragraph[item.sentence]
    headings = doc.heading_paragraphs
    crosses_heading = paragraph[last.sentence] in headings or paragraph[item.sentence] in headings
    near = (same and distance <= MAX_INHERIT_SENTENCES) or (distance == 1 and not crosses_heading)
    return near and not _intervening_person(doc, last, item)


def _with_speaker(found: Found, speaker: Speaker, method: str, factor: float) -> Found:
    return Found(
        found.start, found.end, found.direct, speaker, found.lemma, found.cue, found.sentence,
        method, round(found.confidence * factor, 3), found.text,
    )  # fmt: skip


def _continue(doc: Doc, found: list[Found]) -> list[Found]:
    """Give cue-less quotes and Konjunktiv sentences the speaker of the statement they continue."""
    result: list[Found] = []
    last: Found | None = None
    for item in sorted(found, key=lambda f: f.start):
        if item.speaker is None and item.method in ("quote", CONTINUATION):
            if last is not None and last.speaker is not None and _continues(doc, last, item):
                item = _with_speaker(item, last.speaker, item.method + "+inherited", INHERITED)
            elif item.method == CONTINUATION:
                subject = _previous_subject(doc, item.sentence)
                if subject is not None:
                    item = _with_speaker(item, subject, "konjunktiv+subject", FROM_PREVIOUS_SUBJECT)
        if item.speaker is not None:
            last = item
        result.append(item)
    return result


def _dedupe(doc: Doc, found: Iterable[Found]) -> list[Found]:
    """One statement per speaker and wording: a headline repeating a body quote, or a shorter
    wording contained in a longer one by the same speaker, is dropped. The direct report wins
    over the indirect one, then the longer, then the earlier; an unattributed statement whose
    wording an attributed one has is dropped."""
    items = [(f, _normal(f.text or doc.text[f.start : f.end])) for f in found]
    ranked = sorted(items, key=lambda p: (not p[0].direct, -len(p[1]), p[0].start))
    kept: list[tuple[Found, str | None, _Wording]] = []
    for item, text in ranked:
        speaker = _actor(item)
        wording = _Wording(text)
        if any(
            (speaker is None or speaker == actor) and wording.same(other)
            for _, actor, other in kept
        ):
            continue
        kept.append((item, speaker, wording))
    return [f for f, _, _ in kept]


def _actor(found: Found) -> str | None:
    return found.speaker.actor if found.speaker else None


class _Wording:
    """A normalised wording with what ``same`` compares precomputed."""

    __slots__ = ("long_enough", "padded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.padded = f" {text} "
        self.long_enough = len(text.split()) >= MIN_CONTAINED_WORDS

    def same(self, other: _Wording) -> bool:
        """Equal wording, or one wording of at least MIN_CONTAINED_WORDS words inside the other
        (the shorter one; on equal length the first)."""
        if self.text == other.text:
            return True
        shorter, longer = (self, other) if len(self.text) <= len(other.text) else (other, self)
        return shorter.long_enough and shorter.padded in longer.padded


def _capacity(doc: Doc, actor: str, cue_start: int) -> PostHolding | None:
    holdings = [h for h in doc.holdings if h.person == actor]
    stated = [h for h in holdings if h.start is not None and h.start <= cue_start]
    if stated:
        return max(stated, key=lambda h: h.start or 0)
    return holdings[0] if holdings else None


def _date(doc: Doc, found: Found, timexes: Sequence[TimeExpression]) -> str | None:
    a, b = doc.sentence_range[found.sentence]
    lo, hi = doc.tokens[a].start, doc.tokens[b - 1].end
    for timex in timexes:
        outside = timex.end <= found.start or timex.start >= found.end
        if timex.comment is None and lo <= timex.start < hi and outside and timex.value:
            return timex.value
    published = doc.article.published
    return published.isoformat() if published else None


def _place(doc: Doc, found: Found) -> str | None:
    if found.cue is None:
        return None
    first = doc.tok(found.cue[0])
    stop = doc.clause_end(doc.tok(found.cue[1]), len(doc.tokens))
    for mention in doc.mentions_at_tokens(first, stop):
        outside = mention.end <= found.start or mention.start >= found.end
        if mention.is_place and outside:
            return mention.actor
    return None


def _to_statement(doc: Doc, found: Found, timexes: Sequence[TimeExpression]) -> Statement:
    speaker = found.speaker
    cue_start = found.cue[0] if found.cue else found.start
    holding = _capacity(doc, speaker.actor, cue_start) if speaker else None
    spokes = holding is not None and ("spokes" in holding.role or "sprecher" in holding.role)
    lo, hi = min(found.start, cue_start), max(found.end, found.cue[1] if found.cue else found.end)
    return Statement(
        id=f"st-{found.start}-{found.end}",
        start=found.start,
        end=found.end,
        text=found.text or doc.text[found.start : found.end],
        mode=QuoteMode.DIRECT if found.direct else QuoteMode.INDIRECT,
        speaker=speaker.actor if speaker else None,
        speaker_mention=speaker.mention if speaker else None,
        on_behalf_of=holding.of if holding is not None and spokes else None,
        capacity=holding.id if holding is not None else None,
        reporting_verb=found.lemma,
        cue_start=found.cue[0] if found.cue else None,
        cue_end=found.cue[1] if found.cue else None,
        date=_date(doc, found, timexes),
        place=_place(doc, found),
        sentence_ids=tuple(
            s.id for s in doc.sentences[: bisect.bisect_left(doc.sentence_starts, hi)] if lo < s.end
        ),
        method=found.method,
        confidence=found.confidence,
    )


def extract_statements(
    article: Article,
    sentences: Sequence[Sentence],
    mentions: Sequence[Mention],
    actors: Sequence[Actor],
    holdings: Sequence[PostHolding],
    *,
    lexicon: StatementLexicon,
    timexes: Sequence[TimeExpression] = (),
) -> tuple[Statement, ...]:
    """Find the direct quotes and reported speech of the article body, with their speakers.

    Args:
        article: the article (comments are not searched).
        sentences: its sentences (``split_sentences``).
        mentions: actor mentions (``find_mentions``); speakers are resolved through them.
        actors: the actors the mentions refer to (kind and gender matter).
        holdings: post holdings (capacity of the speaker; role nouns such as "der Sprecher").
        lexicon: the statement lexicon of the article's language (``load_statement_lexicon``).
        timexes: time expressions, for ``Statement.date``.

    Returns:
        Statements in text order; ``speaker`` is None where no speaker is licensed.
    """
    doc = build_doc(article, sentences, mentions, actors, holdings, lexicon)
    indirect: list[Found] = []
    heads = attribution_heads(doc.lex)
    for index, (a, b) in enumerate(doc.sentence_range):
        if a >= b or all(doc.quoted_at[a:b]):
            continue
        if doc.verbs_in(a, b):  # the rules need a cue or an attribution phrase to fire
            indirect.extend(verb_rules(doc, index))
        if doc.where(heads, a, b):
            indirect.extend(attribution_rules(doc, index))
        headline = colon_headline(doc, index)
        if headline is not None:
            indirect.append(headline)
    direct = list(direct_quotes(doc))
    found = _resolve_overlaps(doc, indirect + _konjunktiv_sentences(doc, indirect, direct), direct)
    found = _dedupe(doc, _continue(doc, found))
    return tuple(_to_statement(doc, f, timexes) for f in sorted(found, key=lambda f: f.start))
