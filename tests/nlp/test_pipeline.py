"""The orchestrator: stage order as data, robustness on random text, offsets that hold."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import KGError
from kg.model import Article, Comment
from kg.nlp.pipeline import STAGES, analyze
from kg.rdf.build import build_article_graph

SEED = Path(__file__).resolve().parents[3] / "shared" / "seeds" / "000_37f2beed3ee40e28.txt"


def test_every_stage_needs_only_what_earlier_stages_produce() -> None:
    available = {"article"}
    for name, needs, produces in STAGES:
        missing = set(needs) - available
        assert not missing, f"stage {name} needs {missing} before anything produces it"
        available |= set(produces)


_WORDS = st.sampled_from(
    [
        "Die",
        "NATO",
        "Russland",
        "Kiew",
        "sagte",
        "„",
        "“",
        '"',
        "der",
        "Präsident",
        "Putin",
        "Kreml-Sprecher",
        "Peskow",
        ",",
        ".",
        ":",
        "in",
        "Brüssel",
        "habe",
        "sei",
        "laut",
        "USA",
        "ukrainische",
        "Außenminister",
        "2022",
        "am",
        "Dienstag",
        "\n\n",
        "-",
        "Rutte",
        "'s",
        "Ministerin",
        "die",
        "Selenskyjs",
        "said",
        "the",
        "Kremlin",
        "spokesman",
        "according",
        "to",
    ]
)
_TEXT = st.one_of(
    st.lists(_WORDS, min_size=1, max_size=60).map(" ".join),
    st.text(min_size=1, max_size=300),
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=_TEXT, comment=_TEXT, lang=st.sampled_from(["de", "en"]))
def test_random_text_yields_an_analysis_or_a_kg_error(
    resources, text: str, comment: str, lang: str
) -> None:
    article = Article(
        id="fuzz",
        text=text,
        lang=lang,
        source="fuzz",
        published=date(2024, 12, 3),
        comments=(Comment(index=0, author="a", text=comment),),
    )
    try:
        analysis = analyze(article, resources)
        build_article_graph(analysis)
    except KGError:
        return
    for mention in analysis.mentions:
        source = text if mention.comment is None else comment
        assert source[mention.start : mention.end] == mention.surface


@pytest.fixture(scope="module")
def seed_analysis(resources):  # type: ignore[no-untyped-def]
    from kg.reading import iter_sources, read_source

    (source,) = iter_sources([str(SEED)])
    (article,) = read_source(source, lang="de", published=date(2024, 12, 3))
    return analyze(article, resources)


def test_seed_offsets_and_ids_are_consistent(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    text = seed_analysis.article.text
    ids = [m.id for m in seed_analysis.mentions]
    assert len(ids) == len(set(ids))
    for mention in seed_analysis.mentions:
        if mention.comment is None:
            assert text[mention.start : mention.end] == mention.surface
    for sentence in seed_analysis.sentences:
        if sentence.comment is None:
            assert (
                text[sentence.start : sentence.end].strip() == text[sentence.start : sentence.end]
            )


def test_seed_finds_the_posts_the_text_states(seed_analysis) -> None:  # type: ignore[no-untyped-def]
    stated = {(h.person, h.role, h.of) for h in seed_analysis.holdings if h.start is not None}
    assert ("mark-rutte", "secretary general", "nato") in stated
    assert ("dmitry-peskov", "spokesperson", "presidential-administration-of-russia") in stated
    assert ("annalena-baerbock", "foreign minister", "germany") in stated


def test_analysis_is_deterministic(resources, seed_analysis) -> None:  # type: ignore[no-untyped-def]
    again = analyze(seed_analysis.article, resources)
    assert again.mentions == seed_analysis.mentions
    assert again.holdings == seed_analysis.holdings
    assert again.statements == seed_analysis.statements
