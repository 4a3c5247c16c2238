"""Choosing among Wikidata candidates (pure: candidates are records, no endpoint)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from kg.linking.link import (
    ACCEPT_CONFIDENCE,
    Candidate,
    LinkContext,
    choose,
    link_actors,
)
from kg.model import Actor, ActorKind, PostHolding

CONTEXT = LinkContext(
    qids={"russia": "Q159", "poland": "Q36", "nato": "Q7184"},
    state_of={"dmitry-peskov": "russia", "kremlin-office": "russia", "anna-nowak": "poland"},
    co_mentioned={"dmitry-peskov": frozenset({"nato"})},
)
PESKOV = Actor(key="dmitry-peskov", name="Dmitry Peskov", kind=ActorKind.PERSON, state="russia")
SPOKESPERSON = PostHolding(
    id="h1", person="dmitry-peskov", role="spokesperson", of="kremlin-office"
)


class Fixed:
    """A CandidateSource with canned answers (the Protocol's test double, no network)."""

    def __init__(self, answers: dict[str, tuple[Candidate, ...]]) -> None:
        self.answers = answers
        self.asked: list[tuple[str, ...]] = []

    def candidates(self, names: Sequence[str], kind: ActorKind) -> tuple[Candidate, ...]:
        self.asked.append(tuple(names))
        return self.answers.get(names[0], ())


def test_the_post_decides_between_namesakes() -> None:
    spokesman = Candidate(
        qid="Q1", via="label", countries=frozenset({"Q159"}), jurisdictions=frozenset({"Q159"})
    )
    player = Candidate(qid="Q2", via="label", countries=frozenset({"Q159"}))
    link = choose(PESKOV, [player, spokesman], [SPOKESPERSON], CONTEXT)
    assert (link.qid, link.accepted, link.alternatives) == ("Q1", True, ("Q2",))
    assert link.method == "wikidata.label+country+post"


def test_namesakes_with_the_same_evidence_are_ambiguous() -> None:
    nowak = Actor(key="anna-nowak", name="Anna Nowak", kind=ActorKind.PERSON, state="poland")
    first = Candidate(qid="Q10", via="label", countries=frozenset({"Q36"}))
    second = Candidate(qid="Q11", via="label", countries=frozenset({"Q36"}))
    link = choose(nowak, [second, first], [], CONTEXT)
    assert link.qid == "Q10"  # ties break by QID, deterministically
    assert not link.accepted
    assert link.method.endswith("+ambiguous")


@pytest.mark.parametrize(
    ("candidate", "accepted"),
    [
        pytest.param(Candidate(qid="Q1", via="label"), False, id="label-only"),
        pytest.param(
            Candidate(qid="Q1", via="label", countries=frozenset({"Q159"})),
            True,
            id="label+country",
        ),
        pytest.param(
            Candidate(qid="Q1", via="alias", countries=frozenset({"Q159"})),
            False,
            id="alias+country",
        ),
        pytest.param(
            Candidate(qid="Q1", via="label", countries=frozenset({"Q30"})),
            False,
            id="country-conflict",
        ),
    ],
)
def test_a_person_needs_more_than_a_name(candidate: Candidate, accepted: bool) -> None:
    link = choose(
        PESKOV, [candidate], [], LinkContext(qids=CONTEXT.qids, state_of=CONTEXT.state_of)
    )
    assert link.accepted is accepted
    assert (link.confidence >= ACCEPT_CONFIDENCE) is accepted


def test_co_mentioned_actors_add_evidence() -> None:
    member = Candidate(
        qid="Q1", via="alias", countries=frozenset({"Q159"}), related=frozenset({"Q7184"})
    )
    link = choose(PESKOV, [member], [], CONTEXT)
    assert "co-mention" in link.method
    assert link.confidence == pytest.approx(0.75)


def test_link_actors_skips_linked_and_unlinkable_actors() -> None:
    actors = [
        PESKOV,
        Actor(key="russia", name="Russia", kind=ActorKind.STATE, qid="Q159"),
        Actor(key="moscow", name="Moscow", kind=ActorKind.PLACE),
        Actor(key="nobody", name="Nobody Known", kind=ActorKind.PERSON),
    ]
    source = Fixed(
        {"Dmitry Peskov": (Candidate(qid="Q1", via="label", countries=frozenset({"Q159"})),)}
    )
    links = link_actors(actors, [], source, context=CONTEXT)
    assert [(link.actor, link.qid) for link in links] == [("dmitry-peskov", "Q1")]
    assert source.asked == [("Dmitry Peskov",), ("Nobody Known",)]
