"""Language identification by function words."""

from __future__ import annotations

import pytest

from kg.reading import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Der Minister sagte, dass die Regierung dem Plan nicht zustimmen werde.", "de"),
        ("The minister said that the government would not agree to the plan.", "en"),
        (
            'Die Ukraine kann nicht so schnell auf eine Einladung hoffen, sagte er. "We see".',
            "de",
        ),
        ("Il ministro ha detto che il governo non approverà il piano.", None),
        ("NATO Rutte Ukraine Kiew", None),
        ("", None),
    ],
    ids=["de", "en", "de-with-english-quote", "italian", "names-only", "empty"],
)
def test_detect_language(text: str, lang: str | None) -> None:
    assert detect_language(text) == lang
