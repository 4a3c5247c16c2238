"""Tests for kg.nlp.quantities: numbers and ranges with their units."""

from __future__ import annotations

from datetime import date

import pytest

from kg.model import Article, Sentence
from kg.nlp.events import load_event_lexicon
from kg.nlp.quantities import find_quantities
from kg.nlp.timex import find_time_expressions


def _found(text: str, lang: str) -> list[tuple[str, float, float | None, str | None, bool]]:
    article = Article(id="a", text=text, lang=lang, source="<test>", published=date(2024, 12, 3))
    sentences = (Sentence(id="s", start=0, end=len(text)),)
    timexes = find_time_expressions(article, sentences)
    return [
        (q.surface, q.low, q.high, q.unit, q.approximate)
        for q in find_quantities(article, sentences, timexes, lexicon=load_event_lexicon(lang))
    ]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Reichweiten zwischen 25 und 40 Kilometern.", "de",
         [("zwischen 25 und 40 Kilometern", 25.0, 40.0, "Kilometern", False)]),
        ("Sie bat um 19 weitere Flugabwehrsysteme.", "de",
         [("19 weitere Flugabwehrsysteme", 19.0, None, "Flugabwehrsysteme", False)]),
        ("Der Iran feuerte rund 180 ballistische Raketen ab.", "de",
         [("rund 180 ballistische Raketen", 180.0, None, "Raketen", True)]),
        ("Hilfe über acht Milliarden Dollar", "de",
         [("über acht Milliarden Dollar", 8e9, None, "Dollar", True)]),
        ("10.000 Soldaten", "de", [("10.000 Soldaten", 10000.0, None, "Soldaten", False)]),
        ("two more IRIS-T air defence systems", "en",
         [("two more IRIS-T air defence systems", 2.0, None, "systems", False)]),
        ("about 10,000 soldiers", "en",
         [("about 10,000 soldiers", 10000.0, None, "soldiers", True)]),
        ("12 firms based in Hong Kong", "en", [("12 firms", 12.0, None, "firms", False)]),
        ("ranges from 25 to 40 kilometres", "en",
         [("from 25 to 40 kilometres", 25.0, 40.0, "kilometres", False)]),
    ],
    ids=["de-range", "de-count", "de-approx", "de-scale", "de-thousands", "en-count",
         "en-approx", "en-participle", "en-range"],
)  # fmt: skip
def test_find_quantities(
    text: str, lang: str, expected: list[tuple[str, float, float | None, str | None, bool]]
) -> None:
    assert _found(text, lang) == expected


@pytest.mark.parametrize(
    ("text", "lang"),
    [("1994 hatte die Ukraine abgegeben.", "de"), ("am 3. Dezember 2024", "de"),
     ("vor fast 30 Jahren", "de"), ("in September 2022", "en")],
    ids=["year", "date", "ago", "month-year"],
)  # fmt: skip
def test_find_quantities_leaves_times_alone(text: str, lang: str) -> None:
    assert _found(text, lang) == []


def test_find_quantities_offsets_point_into_the_text() -> None:
    text = "Kiew bat um 19 weitere Flugabwehrsysteme."
    article = Article(id="a", text=text, lang="de", source="<test>")
    (found,) = find_quantities(article, (Sentence(id="s", start=0, end=len(text)),), (),
                               lexicon=load_event_lexicon("de"))  # fmt: skip
    assert text[found.start : found.end] == found.surface
    assert found.id == f"q-{found.start}-{found.end}"
