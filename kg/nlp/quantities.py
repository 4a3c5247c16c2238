"""Quantities: numbers and ranges with what they count ("19 weitere Flugabwehrsysteme").

Needs: article, sentences, time expressions (their spans are not quantities). Produces: Quantity.

Numbers are digits ("10.000", "10,000", "2,5") or number words of ``time.tsv``, optionally
scaled ("acht Milliarden Dollar", "700 million euros"); ranges are "zwischen 25 und 40",
"von 25 bis 40", "25 bis 40", "25-40", "between 25 and 40", "from 25 to 40". The unit is the
noun the number counts: in German the first capitalised word within ``MAX_UNIT_WORDS`` (skipping
"weitere", "ballistische"), in English the last word of the noun phrase that follows ("two more
IRIS-T air defence systems" -> "systems"). A hedge before the number ("rund", "fast", "about")
sets ``approximate``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence

from kg.model import Article, Quantity, Sentence, TimeExpression
from kg.nlp._event_lexicon import EventLexicon
from kg.nlp._literals import LiteralIndex, finditer_at, fold_text

# The counted noun stands at most this many words after the number ("rund 180 ballistische
# Raketen", "two more IRIS-T air defence systems").
MAX_UNIT_WORDS = 5
_NUMBER = r"\d{1,3}(?:[.,\u202f ]\d{3})+(?!\d)|\d+(?:[.,]\d+)?"


def _number_pattern(lex: EventLexicon) -> str:
    words = sorted(lex.time.numbers, key=len, reverse=True)
    alternation = "|".join(re.escape(w) for w in words if lex.time.numbers[w] > 1)
    return rf"(?:{_NUMBER}|{alternation})"


def _value(raw: str, lex: EventLexicon) -> float | None:
    """Return the value of a number as written ("10.000" in German, "10,000" in English).

    >>> from kg.nlp.events import load_event_lexicon
    >>> _value("10.000", load_event_lexicon("de")), _value("2,5", load_event_lexicon("de"))
    (10000.0, 2.5)
    >>> _value("10,000", load_event_lexicon("en")), _value("zwei", load_event_lexicon("de"))
    (10000.0, 2.0)
    """
    folded = raw.casefold().replace("\u202f", "").replace(" ", "")
    if folded in lex.time.numbers:
        return float(lex.time.numbers[folded])
    thousands, decimal = (".", ",") if lex.lang == "de" else (",", ".")
    if re.fullmatch(rf"\d{{1,3}}(?:\{thousands}\d{{3}})+", folded):
        folded = folded.replace(thousands, "")
    folded = folded.replace(decimal, ".")
    try:
        return float(folded)
    except ValueError:
        return None


def _unit(text: str, start: int, end: int, lex: EventLexicon) -> tuple[str | None, int]:
    """Return the counted noun after ``start`` and where it ends (or None, ``start``)."""
    stop = (
        lex.words.get("@preposition", frozenset())
        | lex.words.get("@clause", frozenset())
        | lex.words.get("@definite", frozenset())
        | lex.words.get("@indefinite", frozenset())
    )
    words = list(re.finditer(r"[\w%-]+", text[start:end]))[:MAX_UNIT_WORDS]
    if lex.lang == "de":
        for word in words:
            token = word.group(0)
            if token.casefold() in stop:
                break
            if token[0].isupper() or token.startswith("%"):
                return token, start + word.end()
        return None, start
    last = None
    for word in words:
        token = word.group(0)
        if token.casefold() in stop or (last is not None and text[start + last.end()] in ",;."):
            break
        if last is not None and token.endswith(("ed", "ing")):
            break  # "12 firms based in Hong Kong": a participle ends the noun phrase
        last = word
    return (last.group(0), start + last.end()) if last is not None else (None, start)


@functools.lru_cache(maxsize=8)
def _pattern(lex: EventLexicon) -> tuple[re.Pattern[str], LiteralIndex, dict[str, float]]:
    """The quantity pattern of a lexicon, the words its matches start with, and the scales."""
    number = _number_pattern(lex)
    scales = {w: float(v) for w, v in lex.time.words.get("scale", {}).items()}
    scale = "|".join(re.escape(w) for w in sorted(scales, key=len, reverse=True)) or "(?!)"
    approx_words = sorted(lex.time.words.get("approx", {}), key=len, reverse=True)
    approx = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in approx_words)
    pattern = re.compile(
        rf"(?<![\w.,-])(?:(?P<approx>{approx})\s+)?"
        rf"(?:(?:zwischen|von|between|from)\s+)?(?P<low>{number})"
        rf"(?:\s*(?:-|–|bis|und|and|to)\s*(?P<high>{number}))?"
        rf"(?:\s+(?P<scale>{scale})(?![\w]))?(?![\w])",
        re.IGNORECASE,
    )
    # The words a match starts with (keep in step with the pattern; tests/nlp/test_literals.py).
    first = [
        *approx_words,
        "zwischen",
        "von",
        "between",
        "from",
        *(str(d) for d in range(10)),
        *(w for w in lex.time.numbers if lex.time.numbers[w] > 1),
    ]
    # An empty hedge or number-word alternation lets a match start anywhere: no anchors then.
    anchored = approx_words and any(v > 1 for v in lex.time.numbers.values())
    keys = [(w.split() or [""])[0] for w in first] if anchored else None
    return pattern, LiteralIndex([keys], word_start=".,-"), scales


def find_quantities(
    article: Article,
    sentences: Sequence[Sentence],
    timexes: Sequence[TimeExpression],
    *,
    lexicon: EventLexicon,
) -> tuple[Quantity, ...]:
    """Find numbers and ranges with their units in the article body.

    Example:
        >>> from kg.nlp.events import load_event_lexicon
        >>> text = "Die Systeme haben Reichweiten zwischen 25 und 40 Kilometern."
        >>> art = Article(id="a", text=text, lang="de", source="<doc>")
        >>> sentence = Sentence(id="s", start=0, end=len(text))
        >>> [(q.low, q.high, q.unit) for q in find_quantities(art, (sentence,), (),
        ...                                                  lexicon=load_event_lexicon("de"))]
        [(25.0, 40.0, 'Kilometern')]
    """
    lex = lexicon
    pattern, starts, scales = _pattern(lex)
    text = article.text
    keys = starts.occurrences(fold_text(text), 0, len(text)).get(0, [])
    found: list[Quantity] = []
    for sentence in sentences:
        if sentence.comment is not None:
            continue
        if keys is None:
            matches = pattern.finditer(text, sentence.start, sentence.end)
        else:  # a match starts with a hedge, "zwischen"/"between", a digit or a number word
            first = bisect.bisect_left(keys, sentence.start)
            last = bisect.bisect_left(keys, sentence.end)
            matches = finditer_at(pattern, text, keys[first:last], sentence.end)
        for m in matches:
            quantity = _quantity(m, text, sentence, timexes, lex, scales)
            if quantity is not None:
                found.append(quantity)
    return tuple(found)


def _quantity(
    m: re.Match[str],
    text: str,
    sentence: Sentence,
    timexes: Sequence[TimeExpression],
    lex: EventLexicon,
    scales: dict[str, float],
) -> Quantity | None:
    if any(t.comment is None and t.start < m.end() and m.start() < t.end for t in timexes):
        return None  # "1994", "am 3. Dezember", "vor fast 30 Jahren"
    low = _value(m.group("low"), lex)
    high = _value(m.group("high"), lex) if m.group("high") else None
    if low is None or (m.group("high") and (high is None or high < low)):
        return None
    factor = scales.get(m.group("scale").casefold(), 1.0) if m.group("scale") else 1.0
    unit, end = _unit(text, m.end(), sentence.end, lex)
    if unit is None and not m.group("scale"):
        return None  # a bare number ("Platz 3") says nothing
    start = m.start("approx") if m.group("approx") else m.start("low")
    if m.group(0).split()[0].casefold() in ("zwischen", "von", "between", "from"):
        start = m.start()
    end = max(end, m.end())
    return Quantity(
        id=f"q-{start}-{end}",
        start=start,
        end=end,
        surface=text[start:end],
        low=low * factor,
        high=high * factor if high is not None else None,
        unit=unit,
        approximate=bool(m.group("approx")),
    )
