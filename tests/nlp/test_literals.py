"""Tests for kg.nlp._literals: case folding, literal prefilters and anchored matching.

The prefilters may only skip work, never change a result: besides the unit properties, every
lexicon that uses them is checked against running all of its patterns over the dev articles.
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.model import Article
from kg.nlp._event_clauses import find_triggers, split_clauses
from kg.nlp._literals import _SAFE_KEY_CHARS, LiteralIndex, finditer_at, fold_case, run_start
from kg.nlp.claims import find_claim_cues
from kg.nlp.events import load_event_lexicon
from kg.nlp.known_events import KnownEventCatalogue
from kg.nlp.quantities import _pattern as quantity_pattern
from kg.nlp.sentences import split_sentences
from kg.nlp.timex import _matches as time_matches
from kg.nlp.timex import _patterns as time_patterns
from kg.nlp.timex import load_time_lexicon

DEV = Path(__file__).resolve().parents[1] / "data" / "dev" / "events" / "articles"
ALL_CHARS = "".join(chr(c) for c in range(sys.maxunicode + 1) if not 0xD800 <= c < 0xE000)


def test_fold_case_keeps_offsets() -> None:
    assert len(fold_case(ALL_CHARS)) == len(ALL_CHARS)


def test_fold_case_equates_what_ignorecase_equates() -> None:
    """Every character ``re.IGNORECASE`` matches to a key character folds like that character."""
    folded = fold_case(ALL_CHARS)
    for key_char in sorted(_SAFE_KEY_CHARS):
        pattern = re.compile(re.escape(key_char), re.IGNORECASE)
        for match in pattern.finditer(ALL_CHARS):
            assert folded[match.start()] == fold_case(key_char), (hex(ord(match.group())), key_char)


def test_fold_case_keeps_word_characters() -> None:
    """Folding never turns a word character into a non-word character or back."""
    word = re.compile(r"[^\w.-]")
    assert [m.start() for m in word.finditer(ALL_CHARS)] == [
        m.start() for m in word.finditer(fold_case(ALL_CHARS))
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [("İSTANBUL", "istanbul"), ("Dıe Raſt", "die rast"), ("KELVIN", "kelvin")],
    ids=["dotted-I", "dotless-i-long-s", "kelvin-sign"],
)
def test_fold_case_fixes(text: str, expected: str) -> None:
    assert fold_case(text) == expected


def test_run_start() -> None:
    text = "Der Luft-Angriff, 2024"
    assert run_start(text, text.index("Angriff")) == text.index("Luft")
    assert run_start(text, text.index("2024")) == text.index("2024")


def test_candidates_and_occurrences() -> None:
    index = LiteralIndex([["angriff"], ["treffen", "gipfel"], None, ["zz"]])
    text = "Nach dem Luftangriff beim NATO-Gipfel"
    folded = fold_case(text)
    assert index.candidates(folded, 0, len(text)) == [0, 1, 2]
    assert index.candidates(folded, 0, 5) == [2]
    assert index.occurrences(folded, 0, len(text)) == {
        0: [text.index("angriff")],
        1: [text.index("Gipfel")],
        2: None,
    }
    assert not index.complete


def test_word_chars_keep_only_word_starts() -> None:
    index = LiteralIndex([["in"]], word_start=".-")
    text = "In Berlin, in-house, (in) x.in"
    assert index.starts(fold_case(text)) == [0, 11, 22]
    assert index.starts(fold_case(text), 12) == [22]


_WORDS = st.sampled_from(["am", "im", "in", "märz", "mai", "ſeit", "2024", "1", "a b", "in der"])
_TEXT = st.lists(
    st.sampled_from(["Am", "IM", "in", "März", "MAI", "Seit", "2024", "12", "A  b", " ", "-", "."])
    | st.sampled_from(["İn", "ın", "x", "\n", ",", "„", "Mär", "äm"]),
    max_size=30,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(words=st.lists(_WORDS, min_size=1, max_size=4), text=_TEXT, data=st.data())
def test_anchored_finditer_equals_finditer(
    words: list[str], text: str, data: st.DataObject
) -> None:
    body = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    pattern = re.compile(rf"(?<![\w.-])(?:{body})(?:\s+\d+)?", re.IGNORECASE)
    index = LiteralIndex([[w.split()[0] for w in words]], word_start=".-")
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    expected = [m.span() for m in pattern.finditer(text, start, end)]
    starts = index.starts(fold_case(text), start, end)
    assert [m.span() for m in finditer_at(pattern, text, starts, end)] == expected
    assert bool(expected) <= bool(index.candidates(fold_case(text), start, end))


# --------------------------------------------------------------------------------------------
# The lexicons: prefiltered results equal running every pattern (dev articles)
# --------------------------------------------------------------------------------------------


def _dev_texts() -> list[tuple[str, str]]:
    return [(p.read_text(encoding="utf-8"), p.name[:2]) for p in sorted(DEV.glob("*.txt"))]


@pytest.fixture(scope="module")
def dev_texts() -> list[tuple[str, str]]:
    texts = _dev_texts()
    assert len(texts) >= 20
    return texts


def test_triggers_equal_every_rule(dev_texts: list[tuple[str, str]]) -> None:
    checked = 0
    for text, lang in dev_texts:
        lex = load_event_lexicon(lang)
        everything = dataclasses.replace(
            lex,
            trigger_index=LiteralIndex([None] * len(lex.rules)),
            class_index=LiteralIndex([None] * len(lex.required)),
        )
        article = Article(id="a", text=text, lang=lang, source="<dev>")
        for sentence in split_sentences(article, abbreviations=frozenset()):
            for clause in split_clauses(text, sentence, lex):
                found = find_triggers(text, clause, lex)
                assert found == find_triggers(text, clause, everything)
                checked += len(found)
    assert checked > 50


def test_claim_cues_equal_every_cue(dev_texts: list[tuple[str, str]]) -> None:
    checked = 0
    for text, lang in dev_texts:
        lex = load_event_lexicon(lang).claims
        everything = dataclasses.replace(lex, index=LiteralIndex([None] * len(lex.patterns)))
        folded = fold_case(text)
        article = Article(id="a", text=text, lang=lang, source="<dev>")
        for sentence in split_sentences(article, abbreviations=frozenset()):
            expected = find_claim_cues(text, sentence.start, sentence.end, everything)
            assert find_claim_cues(text, sentence.start, sentence.end, lex, folded) == expected
            assert find_claim_cues(text, sentence.start, sentence.end, lex) == expected
            checked += len(expected)
    assert checked > 10


# Every kind of time pattern, in odd places too (after brackets, quotes, hyphens, digits).
_TIME_TEXTS = [
    (
        "Anfang März 2024 (am Dienstagabend) und seit dem 3. Mai, vor fast 30 Jahren, "
        "„gestern Abend“, im kommenden Monat, zwischen 2014 und 2022, 2014–2022, am 3.10.2022, "
        "ab Mitte 2025, bis Ende Juni, 12-Mai, x2024, Jahr 2023, 2000 Soldaten, am Morgen.",
        "de",
    ),
    (
        "In early March 2024 (on Tuesday evening), since May 3rd, two weeks ago, about 30 years "
        'ago, "yesterday", next month, last week, between 2014 and 2022, on 2024-12-03, '
        "the beginning of June, mid-2025, until late June, on the morning of, this evening, "
        "March 3, 2024, the year 1994, 2000 troops, may march.",
        "en",
    ),
]


def test_time_matches_equal_finditer(dev_texts: list[tuple[str, str]]) -> None:
    checked = 0
    for text, lang in [*dev_texts, *_TIME_TEXTS]:
        patterns = time_patterns(load_time_lexicon(lang))
        expected = [(name, m.span()) for name, p in patterns.items for m in p.finditer(text)]
        assert [(name, m.span()) for name, m in time_matches(text, patterns)] == expected
        checked += len(expected)
    assert checked > 50


def test_quantity_pattern_equals_finditer(dev_texts: list[tuple[str, str]]) -> None:
    checked = 0
    for text, lang in dev_texts:
        pattern, starts, _ = quantity_pattern(load_event_lexicon(lang))
        assert starts.complete
        expected = [m.span() for m in pattern.finditer(text)]
        found = finditer_at(pattern, text, starts.starts(fold_case(text)))
        assert [m.span() for m in found] == expected
        checked += len(expected)
    assert checked > 50


def test_known_event_names_equal_finditer(dev_texts: list[tuple[str, str]]) -> None:
    catalogue = KnownEventCatalogue.load()
    checked = 0
    for text, lang in dev_texts:
        pattern = catalogue._name_patterns[lang]
        index = catalogue._by_name[lang]
        expected = [
            (m.start(), m.end(), index[" ".join(m.group("core").casefold().split())])
            for m in pattern.finditer(text)
            if " ".join(m.group("core").casefold().split()) in index
        ]
        assert list(catalogue.find_names(text, lang)) == expected
        checked += len(expected)
    assert checked > 5
