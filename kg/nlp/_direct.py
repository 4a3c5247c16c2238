"""Direct quotations and who said them (private helper of statements).

A balanced quote is attributed by a cue after it ("…“, sagte Rutte" / '…," Rutte said'), a
colon or comma cue before it ("sagte Rutte: „…“", "Rutte: „…“"), or a speech verb in its own
clause ("erachtet … als „Bedrohung“"). Fragments around an inserted cue that continue one
sentence ("„Wir werden“, sagte er, „alles tun“") are one statement. Titles and names in quotes
(after a title noun), one- or two-word scare quotes without a speech verb and short unattributed
labels inside a sentence ('the "coalition of the willing"') are not statements.
"""

from __future__ import annotations

from collections.abc import Iterator

from kg.nlp._quotes import QuoteSpan
from kg.nlp._reported import speaker_of
from kg.nlp._speakers import Speaker, find_after, find_subject
from kg.nlp._speech_doc import CLAUSE_PUNCT, Cue, Doc, Found

#: Quotes of at most this many words are scare quotes or names unless a speech verb licenses them.
MAX_SCARE_WORDS = 2
#: Quotes of at most this many words, all capitalised, are names ("Frankfurter Allgemeine").
MAX_NAME_WORDS = 4
#: Tokens between a quote and its cue verb ('," the Kremlin spokesman Dmitry Peskov said').
MAX_CUE_DISTANCE = 7
#: Tokens between two fragments of one interrupted quote ("“, sagte der Minister am Dienstag, „").
MAX_INSERT_TOKENS = 10
#: Tokens a title noun may stand before its quoted name ("das Buch mit dem Titel „…“").
MAX_TITLE_DISTANCE = 3
#: Tokens from the start of a colon-introduced clause within which its subject must begin.
MAX_LABEL_OFFSET = 1
#: Unattributed quotes of at most this many words inside a sentence, without punctuation of
#: their own, are labels or scare quotes ('the "coalition of the willing" remains vague',
#: 'a "special military operation"'), not statements; the longest such label in the dev set
#: has five words.
MAX_LABEL_WORDS = 5
FRAGMENT_JOINER = " … "


def _words(doc: Doc, start: int, end: int) -> int:
    return doc.words_in(doc.tok(start), doc.tok(end))


def _is_title(doc: Doc, quote: QuoteSpan) -> bool:
    """True when a title noun stands right before the quote ("die Operation „…“")."""
    i = doc.tok(quote.open) - 1
    titles = {w.lower() for w in doc.lex.words("title_noun")}
    for k in range(i, max(i - MAX_TITLE_DISTANCE, -1), -1):
        if doc.lower(k) in titles:
            return True
        if doc.tokens[k].text in CLAUSE_PUNCT:
            return False
    return False


def _cue_after(doc: Doc, quote: QuoteSpan) -> tuple[Cue | None, Speaker | None] | None:
    i = doc.tok(quote.close + 1)
    if i >= len(doc.tokens):
        return None
    inner = doc.text[quote.open + 1 : quote.close].rstrip()
    if doc.lower(i) in (":", "–", "—", "-") and doc.token_sentence[doc.tok(quote.open)] >= 0:
        # headline style "„Wir bleiben hier“: Selenskyj schließt Rückzug aus"
        a = doc.sentence_range[doc.token_sentence[doc.tok(quote.open)]][0]
        label = find_subject(doc, i + 1, i + 2) if doc.tok(quote.open) == a else None
        return (None, label) if label is not None else None
    if doc.lower(i) == "," or (doc.lower(i) in doc.lex.words("anaphor") and inner[-1:] in ".!?"):
        i += 1
    elif inner[-1:] not in (",", "!", "?") and doc.cue_at(i, len(doc.tokens)) is None:
        return None
    sentence = doc.token_sentence[i] if i < len(doc.tokens) else -1
    stop = doc.sentence_range[sentence][1] if sentence >= 0 else len(doc.tokens)
    if doc.lower(i) in doc.lex.words("so"):  # "„…“, so Rutte."
        found = find_after(doc, i + 1, stop, verb=None, allow_source=False)
        return (None, found) if found is not None else None
    for j in range(i, min(i + MAX_CUE_DISTANCE, stop)):
        if doc.is_boundary(j):
            return None
        cue = doc.cue_at(j, stop)
        if cue is not None and {"quote", "label"} & cue.verb.frames:
            speaker = find_subject(doc, i, j) if j > i else None
            return cue, speaker or speaker_of(doc, j, stop, cue, None)
    return None


def _cue_before(doc: Doc, quote: QuoteSpan) -> tuple[Cue | None, Speaker | None] | None:
    i = doc.tok(quote.open) - 1
    if i < 0 or doc.tokens[i].text not in (":", ","):
        return None
    sentence = doc.token_sentence[i]
    if sentence < 0:
        return None
    a, b = doc.sentence_range[sentence]
    lo = a if doc.tokens[i].text == ":" else max(a, i - MAX_CUE_DISTANCE)
    colon = doc.tokens[i].text == ":"
    for j in range(i - 1, lo - 1, -1):
        cue = doc.cue_at(j, b)
        if cue is not None and "quote" in cue.verb.frames:
            speaker = speaker_of(doc, a, b, cue, None)
            if speaker is None and colon:  # "Asked about X, he was blunt: „…“"
                speaker = find_subject(doc, doc.clause_start(i, a), i)
            return cue, speaker
    if colon:  # "Rutte: „…“", "Er war deutlich: „…“", "Selenskyj reagierte mit den Worten: „…“"
        start = doc.clause_start(i, a)
        label = find_subject(doc, start, i)
        if label is not None and (label.last == i - 1 or label.first - start <= MAX_LABEL_OFFSET):
            return None, label
    return None


def _cue_within(doc: Doc, quote: QuoteSpan) -> tuple[Cue, Speaker | None] | None:
    """A speech or labelling verb earlier in the quote's own clause."""
    i = doc.tok(quote.open)
    sentence = doc.token_sentence[i]
    if sentence < 0:
        return None
    a, b = doc.sentence_range[sentence]
    for j in range(i - 1, a - 1, -1):
        if doc.tokens[j].text in (".", ";", "!", "?"):
            return None
        cue = doc.cue_at(j, b)
        if cue is not None and {"quote", "label"} & cue.verb.frames:
            return cue, speaker_of(doc, a, b, cue, None)
    return None


def _name_like(doc: Doc, quote: QuoteSpan, words: int) -> bool:
    """A short quote of capitalised words only: a name or title, not an utterance."""
    content = doc.text[quote.open + 1 : quote.close].split()
    return words <= MAX_NAME_WORDS and all(w[:1].isupper() for w in content)


def _label_like(doc: Doc, group: list[QuoteSpan], words: int) -> bool:
    """A short unattributed quote embedded in a sentence, with no punctuation of its own: a
    label or scare quote ('the "coalition of the willing" remains vague'), not an utterance."""
    if len(group) > 1 or words > MAX_LABEL_WORDS:
        return False
    quote = group[0]
    inner = doc.text[quote.open + 1 : quote.close].strip()
    if any(mark in inner for mark in ".!?,;:"):
        return False
    opened = doc.tok(quote.open)
    sentence = doc.token_sentence[opened]
    return sentence >= 0 and opened > doc.sentence_range[sentence][0]


def _licensed(doc: Doc, quote: QuoteSpan, words: int, cue: Cue, speaker: Speaker | None) -> bool:
    """A quote in the clause of a speech verb is the speaker's unless it is a short or name-like
    phrase ("sagte der „Frankfurter Allgemeinen Zeitung“") that only a labelling verb licenses
    ("erachtet … als „Bedrohung“", 'called it "reckless"')."""
    if words <= MAX_SCARE_WORDS or _name_like(doc, quote, words):
        return "label" in cue.verb.frames and speaker is not None
    return True


def _joined(doc: Doc, first: QuoteSpan, second: QuoteSpan) -> bool:
    """True when ``second`` continues ``first``'s sentence after an inserted cue."""
    between = range(doc.tok(first.close + 1), doc.tok(second.open))
    inner = doc.text[second.open + 1 : second.close].lstrip()
    return (
        len(between) <= MAX_INSERT_TOKENS
        and inner[:1].islower()
        and not any(doc.tokens[k].text in (".", "!", "?", ";") for k in between)
        and any(doc.cue_at(k, between.stop) or doc.lower(k) in doc.lex.words("so") for k in between)
        and doc.text[first.close - 1 : first.close + 2].count(",") > 0
    )


def _groups(doc: Doc) -> Iterator[list[QuoteSpan]]:
    group: list[QuoteSpan] = []
    for quote in doc.quotes:
        if group and _joined(doc, group[-1], quote):
            group.append(quote)
            continue
        if group:
            yield group
        group = [quote]
    if group:
        yield group


def _record(
    doc: Doc, group: list[QuoteSpan], found: tuple[Cue | None, Speaker | None] | None, method: str
) -> Found:
    cue, speaker = found if found else (None, None)
    start, end = group[0].open + 1, group[-1].close
    text = None
    if len(group) > 1:
        text = FRAGMENT_JOINER.join(doc.text[q.open + 1 : q.close].strip() for q in group)
    firsts = [
        t for t in (cue.index if cue else None, speaker.first if speaker else None) if t is not None
    ]
    lasts = [
        t for t in (cue.last if cue else None, speaker.last if speaker else None) if t is not None
    ]
    cue_span = (doc.tokens[min(firsts)].start, doc.tokens[max(lasts)].end) if firsts else None
    sentence = doc.token_sentence[doc.tok(group[0].open)]
    confidence = 0.95 if speaker else 0.5
    if speaker:
        confidence *= speaker.confidence
    return Found(
        start, end, True, speaker, cue.verb.lemma if cue else None, cue_span, sentence,
        method, round(confidence, 3), text,
    )  # fmt: skip


def direct_quotes(doc: Doc) -> Iterator[Found]:
    """Every direct quotation that is a statement; unattributed ones have ``speaker=None``."""
    for group in _groups(doc):
        last = group[-1]
        words = sum(_words(doc, q.open + 1, q.close) for q in group)
        for method, finder in (("quote+after", _cue_after), ("quote+before", _cue_before)):
            # an interrupted quote has its cue after the first fragment
            found = finder(doc, group[0] if len(group) > 1 or method == "quote+before" else last)
            if found is not None:
                if found[1] is not None or not _label_like(doc, group, words):
                    yield _record(doc, group, found, method)
                break  # a speakerless label ('a "reassurance force" continued') is no statement
        else:
            if _is_title(doc, group[0]):
                continue
            within = _cue_within(doc, group[0])
            if within is not None and within[1] is None and _label_like(doc, group, words):
                continue  # 'Analysts say the "coalition of the willing" …': no speaker's words
            if within is not None and _licensed(doc, group[0], words, *within):
                yield _record(doc, group, within, "quote+clause")
            elif (
                words > MAX_SCARE_WORDS
                and not _name_like(doc, group[0], words)
                and not _label_like(doc, group, words)
            ):
                yield _record(doc, group, None, "quote")
