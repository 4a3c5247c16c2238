"""split_sentences: boundaries, abbreviations, ordinals, quotes, blocks and comments."""

from __future__ import annotations

import pytest

from kg.model import Article, Block, BlockKind, Comment
from kg.nlp.lexicon import load_mention_lexicon
from kg.nlp.sentences import split_sentences


def _split(text: str, lang: str = "de", **kwargs) -> list[str]:
    article = Article(id="t", text=text, lang=lang, source="t", **kwargs)
    abbreviations = load_mention_lexicon(lang).abbreviations
    return [text[s.start : s.end] for s in split_sentences(article, abbreviations=abbreviations)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Er kam. Sie ging.", ["Er kam.", "Sie ging."]),
        ("Am 03. Dezember kam er. Dann ging er.", ["Am 03. Dezember kam er.", "Dann ging er."]),
        ("Das gilt z.B. für Kiew. Und Moskau?", ["Das gilt z.B. für Kiew.", "Und Moskau?"]),
        ("„Wir helfen.“ Dann ging er.", ["„Wir helfen.“", "Dann ging er."]),
        (
            "Er sagte: „Wir helfen. Immer.“ Dann ging er.",
            ["Er sagte: „Wir helfen.", "Immer.“", "Dann ging er."],
        ),
        (
            "Es kostet ca. 5 Mio. Euro. Das ist viel.",
            ["Es kostet ca. 5 Mio. Euro.", "Das ist viel."],
        ),
        ("Dr. Müller kam. Ja.", ["Dr. Müller kam.", "Ja."]),
    ],
    ids=["plain", "ordinal", "abbreviation", "quote-close", "quote-inside", "amounts", "title"],
)
def test_german_boundaries(text: str, expected: list[str]) -> None:
    assert _split(text) == expected


def test_english_abbreviations() -> None:
    assert _split("Mr. Smith met Gen. Jones. They talked.", "en") == [
        "Mr. Smith met Gen. Jones.",
        "They talked.",
    ]


def test_sentences_never_cross_blocks() -> None:
    text = "Rutte: Putin hat kein Interesse\n\nRutte betonte das."
    blocks = (
        Block(kind=BlockKind.HEADING, start=0, end=31),
        Block(kind=BlockKind.PARAGRAPH, start=33, end=len(text)),
    )
    assert _split(text, blocks=blocks) == ["Rutte: Putin hat kein Interesse", "Rutte betonte das."]


def test_comment_sentences_carry_the_comment_index() -> None:
    article = Article(
        id="t",
        text="Text.",
        lang="de",
        source="t",
        comments=(Comment(index=0, author="a", text="Erstens. Zweitens!"),),
    )
    abbreviations = load_mention_lexicon("de").abbreviations
    sentences = split_sentences(article, abbreviations=abbreviations)
    assert [(s.comment, s.start, s.end) for s in sentences] == [(None, 0, 5), (0, 0, 8), (0, 9, 18)]
