"""``kg.rdf.iris``: deterministic, absolute IRIs that never leak a commenter's pseudonym."""

from __future__ import annotations

import pytest

from kg.rdf import iris


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Außenministerium der Ukraine", "aussenministerium-der-ukraine"),
        ("Q212", "q212"),
        ("  --  ", "x"),
        ("Selenskyj/Зеленський", "selenskyj"),
    ],
    ids=["german", "qid", "empty", "cyrillic-dropped"],
)
def test_slugify(text: str, slug: str) -> None:
    assert iris.slugify(text) == slug


def test_statement_iri_ignores_case_and_spacing_but_not_speaker() -> None:
    assert iris.statement_iri("mark-rutte", "Wir stehen fest") == iris.statement_iri(
        "mark-rutte", "wir   STEHEN fest"
    )
    assert iris.statement_iri("mark-rutte", "Wir stehen fest") != iris.statement_iri(
        "nato", "Wir stehen fest"
    )


def test_user_iri_is_salted_per_publisher_and_hides_the_pseudonym() -> None:
    first = iris.user_iri("news.example", "Nordlicht_42")
    assert first == iris.user_iri("news.example", "Nordlicht_42")
    assert first != iris.user_iri("other.example", "Nordlicht_42")
    assert "nordlicht" not in str(first).lower()


def test_issue_iri_follows_the_key_parts() -> None:
    assert str(iris.issue_iri("membership:Q212:Q7184")) == (
        "https://w3id.org/newskg/issue/membership--q212--q7184"
    )


def test_claim_graph_iri_extends_the_article_graph_iri() -> None:
    """The store drops ``<article graph>-claim-<n>`` graphs together with the article graph."""
    assert str(iris.claim_graph_iri("a1", 2)) == f"{iris.article_graph_iri('a1')}-claim-2"


@pytest.mark.parametrize(
    "iri",
    [
        iris.article_iri("a"),
        iris.actor_iri("Mark Rutte"),
        iris.post_iri("foreign minister", None),
        iris.holding_iri("p", "r", "o", "2024-01-01"),
        iris.vocab_iri("event-type", "weapons_test"),
        iris.participation_iri(iris.event_iri("e"), "agent", "ukraine"),
        iris.source_iri("APA"),
        iris.run_iri("a", "kg 0.1.0", ""),
        iris.agent_iri("kg 0.1.0"),
    ],
    ids=["article", "actor", "post", "holding", "vocab", "role", "source", "run", "agent"],
)
def test_iris_are_absolute_and_have_no_spaces(iri: str) -> None:
    assert str(iri).startswith(iris.BASE)
    assert " " not in str(iri)
