"""tokenize: spans cut from the memoised tokens of the whole text equal a fresh scan."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.nlp._tokens import Token, tokenize, tokens_of
from kg.nlp.gazetteer import fold

_TOKEN = re.compile(r"\w+|[^\w\s]")


def _fresh(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """The tokens of ``text[start:end]`` scanned directly (no memo)."""
    stop = len(text) if end is None else end
    return [
        Token(m.start(), m.end(), m.group(), fold(m.group()))
        for m in _TOKEN.finditer(text, start, stop)
    ]


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (0, None, ["NATO", "-", "Chef", "Rutte", "'", "s", "Plan", ".", "Er", "kam", "."]),
        (24, None, ["Er", "kam", "."]),
        (10, 23, ["Rutte", "'", "s", "Plan", "."]),
        (12, 21, ["tte", "'", "s", "Pla"]),  # edges inside words: the words are cut
        (23, 24, []),
        (5, 2, []),
    ],
    ids=["whole", "sentence", "span", "cut-words", "space", "empty"],
)
def test_spans(start: int, end: int | None, expected: list[str]) -> None:
    text = "NATO-Chef Rutte's Plan. Er kam."
    assert [t.text for t in tokenize(text, start, end)] == expected
    assert tokenize(text, start, end) == _fresh(text, start, end)


def test_returned_list_is_a_copy() -> None:
    text = "Kiew hat erklärt."
    first = tokenize(text)
    first.clear()
    assert [t.text for t in tokenize(text)] == ["Kiew", "hat", "erklärt", "."]
    assert isinstance(tokens_of(text), tuple)


@given(
    text=st.text(alphabet="ab Ä1.,-'’\n\u00a0„“", max_size=30),
    start=st.integers(-2, 32),
    end=st.one_of(st.none(), st.integers(-2, 32)),
)
def test_any_span_equals_a_fresh_scan(text: str, start: int, end: int | None) -> None:
    assert tokenize(text, start, end) == _fresh(text, start, end)
