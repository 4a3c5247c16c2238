"""Reported speech licensed by an attribution phrase or a colon label (private helper).

"laut X", "X zufolge", "nach Angaben von X", "nach eigenen Angaben", ", so X", "wie X mitteilte",
"according to X", and colon headlines ("Rutte: Putin hat kein Interesse an Frieden").
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.model import ActorKind
from kg.nlp._reported import MAX_LABEL_TOKENS, MAX_TAIL_TOKENS, clause_span, found_record
from kg.nlp._speakers import Speaker, find_after, find_subject
from kg.nlp._speech_doc import Doc, Found
from kg.nlp._statement_lexicon import StatementLexicon

#: Tokens of an unresolved source after "laut"/"according to" that still make an attribution
#: ("laut einer Aussendung"); a single word is too often something else ("laut Plan").
MIN_SOURCE_TOKENS = 2
_LABEL_KINDS = frozenset(
    {ActorKind.PERSON.value, ActorKind.GOVERNMENT_BODY.value, ActorKind.MILITARY.value}
)


_KINDS = ("self", "prefix", "postfix", "so", "as")


def attribution_heads(lex: StatementLexicon) -> frozenset[str]:
    """The words an attribution phrase can start with (a sentence without one has none)."""
    return lex.heads_of(*_KINDS)


def _phrase_at(doc: Doc, i: int, kind: str) -> int:
    """Length of the ``kind`` phrase starting at token ``i`` (0 when none)."""
    for phrase in doc.lex.phrases.get(kind, ()):
        if tuple(doc.low[i : i + len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _np_end(doc: Doc, i: int, b: int) -> int:
    """End of the noun phrase after an attribution phrase ("nach Angaben der ukrainischen
    Luftwaffe | griff …"): determiners, adjectives, capitalised words, "von", "-"."""
    allowed = (
        doc.lex.words("determiner", "indefinite", "source_prep", "source_noun") | {"-", "of"}
    )  # fmt: skip
    j = i
    roles = doc.lex.words("role_noun", "person_noun", "body_noun")
    while j < b and (
        doc.tokens[j].text[:1].isupper()
        or doc.lower(j) in allowed
        or doc.lower(j) in roles
        or (doc.tokens[j].text.islower() and doc.lower(j).endswith(("e", "en", "er", "es", "em")))
    ):
        j += 1
    return j


def _around(doc: Doc, a: int, b: int, first: int, last: int) -> tuple[int, int] | None:
    """The sentence without an attribution at its start or end (else the whole sentence)."""
    if first == a:
        return clause_span(doc, last + 1, b)
    if doc.lower(first - 1) == "," and doc.clause_end(last + 1, b) >= b - 1:
        return clause_span(doc, a, first - 1)
    return clause_span(doc, a, b)


def _attribution(doc: Doc, a: int, b: int, i: int) -> tuple[Speaker | None, int, str] | None:
    """The attribution phrase at token ``i``: (speaker, last token, method)."""
    for kind in doc.lex.kinds_headed_by(doc.low[i], _KINDS):
        n = _phrase_at(doc, i, kind)
        if not n:
            continue
        if kind == "self":  # the subject before the phrase, or after the verb that follows it
            found = find_subject(doc, a, i) or find_after(
                doc, i + n, b, verb=None, allow_source=False
            )
            return found, i + n - 1, "self"
        if kind == "prefix":
            end = _np_end(doc, i + n, b)
            found = find_after(doc, i + n, end, verb=None, allow_source=True)
            if found is None:  # "laut einer Aussendung des Ministeriums": a source, unresolved
                return (None, end - 1, "prefix") if end - (i + n) >= MIN_SOURCE_TOKENS else None
            return found, found.last, "prefix"
        if kind == "postfix":
            lo = doc.clause_start(i, a)
            found = find_after(doc, max(lo, i - MAX_LABEL_TOKENS), i, verb=None, allow_source=True)
            return (found, i, "postfix") if found else None
        if kind == "so" and doc.lower(i - 1) == ",":
            found = find_after(doc, i + 1, b, verb=None, allow_source=False)
            if found and b - found.last <= MAX_TAIL_TOKENS:
                return found, b - 1, "so"
        if kind == "as" and (i == a or doc.lower(i - 1) == ","):
            end = doc.clause_end(i + 1, b)
            cue = doc.first_cue(i + 1, end, end)
            if cue is not None:
                return find_subject(doc, i + 1, cue.index), end - 1, "as"
    return None


def attribution_rules(doc: Doc, sentence: int) -> Iterator[Found]:
    """Statements licensed by an attribution phrase in ``sentence``."""
    a, b = doc.sentence_range[sentence]
    i = a
    for k in doc.where(attribution_heads(doc.lex), a, b):
        if k < i:
            continue  # inside the attribution found before
        hit = _attribution(doc, a, b, k)
        if hit is None:
            continue
        speaker, last, method = hit
        span = _around(doc, a, b, k, last)
        found = found_record(doc, span, speaker, (k, last), sentence, method, 0.85)
        if found is not None:
            yield found
        i = last + 1


def colon_headline(doc: Doc, sentence: int) -> Found | None:
    """'Rutte: Putin hat kein Interesse an Frieden' (a label, a colon, unquoted content)."""
    a, b = doc.sentence_range[sentence]
    window = doc.low[a : min(b, a + MAX_LABEL_TOKENS + 1)]
    colon = a + window.index(":") if ":" in window else None
    if colon is None or colon == a or doc.quoted(colon + 1):
        return None
    found = find_subject(doc, a, colon)
    if found is None or doc.actor_kind(found.actor) not in _LABEL_KINDS:
        return None
    if any(k not in range(found.first, found.last + 1) and doc.tokens[k].text[:1].islower()
           for k in range(a, colon)):  # fmt: skip
        return None  # "Laut Rutte:" or a verb: not a bare label
    return found_record(
        doc, clause_span(doc, colon + 1, b), found, (a, colon - 1), sentence, "colon-headline", 0.8
    )
