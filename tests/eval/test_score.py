"""The scorer on hand-made gold and hand-made analyses, one FORMAT.md rule at a time."""

from __future__ import annotations

import pytest
from eval_builders import actor, make_analysis, make_gold, mention

from kg.eval.score import (
    NAME_THRESHOLD,
    ActorIdentity,
    ActorRef,
    CategoryScore,
    greedy_match,
    name_similarity,
    score_article,
    total_scores,
    when_compatible,
)
from kg.model import (
    Comment,
    Event,
    EventType,
    Issue,
    Participant,
    PostHolding,
    QuoteMode,
    Stance,
    StancePosition,
    Statement,
)

RUTTE = actor("mark-rutte", "Mark Rutte", qid="Q57792")
NATO = actor("nato", "NATO", qid="Q7184")
UKRAINE = actor("ukraine", "Ukraine", qid="Q212")
RUSSIA = actor("russia", "Russland", qid="Q159")
PESKOW = actor("dmitri-peskow", "Dmitri Peskow")
GAZETTEER = {
    "Q3874799": ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy", "Selenskyj"),
    "Q159": ("Russland", "Russia"),
    "Q7184": ("NATO",),
}


def score(gold_fields: dict[str, object], analysis: object) -> dict[str, CategoryScore]:
    gold = make_gold(**gold_fields)
    return dict(score_article(gold, analysis, qid_names=GAZETTEER).categories)  # type: ignore[arg-type]


def counts(result: CategoryScore) -> tuple[int, int, int]:
    return result.tp, result.fp, result.fn


# --------------------------------------------------------------------------------------------
# Names and actor identity
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Dmitri Peskow", "Dmitry Peskov"),
        ("Peskow", "Peskov"),
        ("Selenskyj", "Zelensky"),
        ("Wolodymyr Selenskyj", "Volodymyr Zelenskyy"),
        ("Andrej Plenkovic", "Andrej Plenković"),
        ("Madschid al-Ansari", "Majid al Ansari"),
        ("Schmyhal", "Shmyhal"),
        ("Cherson", "Kherson"),
        ("MARK RUTTE", "Mark Rutte"),
    ],
    ids=[
        "peskow-full",
        "peskow",
        "selenskyj",
        "selenskyj-full",
        "accent",
        "al-ansari",
        "sch-sh",
        "ch-kh",
        "case",
    ],
)
def test_transliteration_variants_match(a: str, b: str) -> None:
    assert name_similarity(a, b) >= NAME_THRESHOLD


@pytest.mark.parametrize(
    ("a", "b"),
    [("Mark Rutte", "Olaf Scholz"), ("Russland", "Weißrussland"), ("Ukraine", "")],
    ids=["persons", "states", "empty"],
)
def test_different_names_do_not_match(a: str, b: str) -> None:
    assert name_similarity(a, b) < NAME_THRESHOLD


def test_peskow_needs_transliteration_not_just_fuzzy() -> None:
    # Without the w->v / i->y variants the plain ratio is below 0.85 (rapidfuzz: 0.846).
    from rapidfuzz import fuzz

    assert fuzz.ratio("dmitri peskow", "dmitry peskov") / 100 < NAME_THRESHOLD
    assert name_similarity("Dmitri Peskow", "Dmitry Peskov") >= NAME_THRESHOLD


def test_identity_prefers_equal_qid_over_name() -> None:
    identity = ActorIdentity([RUSSIA], GAZETTEER)
    by_qid = identity.score(ActorRef.of(RUSSIA), "Q159")
    by_name = identity.score(ActorRef("russland-2", None, ("Russland",)), "Q159")
    assert by_qid > by_name >= NAME_THRESHOLD


def test_identity_uses_names_of_the_predicted_actor_with_the_gold_qid() -> None:
    # Gold Q999 is unknown to the gazetteer; the predicted actor with that QID lends its names.
    nato = actor("nato", "NATO", qid="Q999", names=["Nordatlantikpakt"])
    identity = ActorIdentity([nato], {})
    assert identity.score(ActorRef("x", None, ("Nordatlantikpakt",)), "Q999") > 0


# --------------------------------------------------------------------------------------------
# actors
# --------------------------------------------------------------------------------------------


def test_actors_by_qid_local_name_and_gazetteer_label() -> None:
    selenskyj = actor("selenskyj", "Selenskyj")  # no QID: matched by the gazetteer's labels
    analysis = make_analysis([RUTTE, PESKOW, selenskyj])
    result = score({"actors": ["Q57792", "local:Dmitry Peskov", "Q3874799"]}, analysis)["actors"]
    assert counts(result) == (3, 0, 0)
    assert result.f1 == 1.0


def test_actors_unmatched_are_fp_and_fn() -> None:
    analysis = make_analysis([RUTTE, NATO])
    result = score({"actors": ["Q57792", "Q212"]}, analysis)["actors"]
    assert counts(result) == (1, 1, 1)
    assert result.false_positives == ('nato (Q7184) "NATO"',)
    assert result.false_negatives == ("Q212",)
    assert result.precision == result.recall == 0.5


def test_actors_one_predicted_actor_matches_one_gold_actor() -> None:
    # Two predicted actors for Russia: only one can match gold Q159; the QID match wins.
    russland = actor("russland", "Russland")  # a duplicate without QID
    analysis = make_analysis([russland, RUSSIA])
    result = score({"actors": ["Q159"]}, analysis)["actors"]
    assert counts(result) == (1, 1, 0)
    assert result.false_positives == ('russland "Russland"',)


def test_actors_greedy_best_first() -> None:
    # "Dmitri Peskow" fits both gold names; the exact one takes it, the other is missed.
    analysis = make_analysis([PESKOW])
    result = score({"actors": ["local:Dmitri Peskowa", "local:Dmitri Peskow"]}, analysis)["actors"]
    assert counts(result) == (1, 0, 1)
    assert result.false_negatives == ("local:Dmitri Peskowa",)


def test_actors_places_and_comment_mentions_are_not_article_actors() -> None:
    brussels = actor("brussels", "Brüssel", qid="Q239")
    analysis = make_analysis(
        [RUTTE, brussels, NATO],
        mentioned=["mark-rutte"],
        mentions=[mention("brussels", is_place=True), mention("nato", comment=0)],
    )
    result = score({"actors": ["Q57792"]}, analysis)["actors"]
    assert counts(result) == (1, 0, 0)


def test_actor_mentioned_as_place_and_as_actor_counts() -> None:
    kyiv = actor("kyiv", "Kiew", qid="Q212")
    analysis = make_analysis([kyiv], mentioned=["kyiv"], mentions=[mention("kyiv", is_place=True)])
    assert counts(score({"actors": ["Q212"]}, analysis)["actors"]) == (1, 0, 0)


# --------------------------------------------------------------------------------------------
# roles
# --------------------------------------------------------------------------------------------


def holding(person: str, role: str, of: str | None, *, start: int | None = 0) -> PostHolding:
    return PostHolding(
        id=f"p-{person}-{start}", person=person, role=role, of=of, start=start, end=start
    )


def test_roles_pairs_and_role_word_accuracy() -> None:
    analysis = make_analysis(
        [RUTTE, NATO, PESKOW, UKRAINE],
        holdings=(
            holding("mark-rutte", "Secretary-General", "nato"),
            holding("mark-rutte", "head", "nato", start=50),  # same pair again: deduplicated
            holding("dmitri-peskow", "press secretary", "ukraine"),  # wrong of
            holding("mark-rutte", "president", "ukraine", start=None),  # gazetteer only
        ),
    )
    gold = {
        "roles": [
            {"person": "Q57792", "role": "secretary general", "of": "Q7184"},
            {"person": "local:Dmitry Peskov", "role": "spokesperson", "of": "local:Kremlin"},
        ]
    }
    result = score(gold, analysis)["roles"]
    assert counts(result) == (1, 1, 1)
    assert result.accuracies["role_accuracy"].value == 1.0


def test_roles_wrong_role_word_matches_pair_but_not_accuracy() -> None:
    analysis = make_analysis([RUTTE, NATO], holdings=(holding("mark-rutte", "president", "nato"),))
    gold = {"roles": [{"person": "Q57792", "role": "secretary general", "of": "Q7184"}]}
    result = score(gold, analysis)["roles"]
    assert counts(result) == (1, 0, 0)
    assert result.accuracies["role_accuracy"].value == 0.0
    assert result.notes


# --------------------------------------------------------------------------------------------
# statements, quote detection, mode accuracy
# --------------------------------------------------------------------------------------------


def statement(
    text: str, speaker: str | None, mode: QuoteMode = QuoteMode.DIRECT, sid: str = "s"
) -> Statement:
    return Statement(id=sid, start=0, end=len(text), text=text, mode=mode, speaker=speaker)


GOLD_STATEMENTS = {
    "statements": [
        {
            "speaker": "Q57792",
            "mode": "direct",
            "quote": "Die Verbündeten haben sich darauf geeinigt",
        },
        {"speaker": "Q57792", "mode": "indirect", "quote": "Putin hat kein Interesse an Frieden"},
    ]
}


def test_statement_quote_containment_is_normalised() -> None:
    analysis = make_analysis(
        [RUTTE],
        statements=(
            statement("“Die  Verbündeten haben\nsich DARAUF geeinigt, dass …”", "mark-rutte"),
        ),
    )
    result = score(GOLD_STATEMENTS, analysis)
    assert counts(result["statements"]) == (1, 0, 1)
    assert counts(result["quote_detection"]) == (1, 0, 1)


def test_statement_with_wrong_speaker_counts_for_quote_detection_only() -> None:
    analysis = make_analysis(
        [RUTTE, NATO],
        statements=(statement("Putin hat kein Interesse an Frieden", "nato", QuoteMode.INDIRECT),),
    )
    result = score(GOLD_STATEMENTS, analysis)
    assert counts(result["statements"]) == (0, 1, 2)
    assert counts(result["quote_detection"]) == (1, 0, 1)


def test_statement_without_speaker_is_a_statement_fp() -> None:
    analysis = make_analysis(
        [RUTTE], statements=(statement("Putin hat kein Interesse an Frieden", None),)
    )
    result = score(GOLD_STATEMENTS, analysis)
    assert counts(result["statements"]) == (0, 1, 2)
    assert result["quote_detection"].tp == 1


def test_headline_duplicate_counts_once_and_is_not_a_false_positive() -> None:
    analysis = make_analysis(
        [RUTTE],
        statements=(
            statement("Putin hat kein Interesse an Frieden", "mark-rutte", QuoteMode.INDIRECT, "h"),
            statement("Putin hat kein Interesse an Frieden", "mark-rutte", QuoteMode.INDIRECT, "b"),
        ),
    )
    result = score(GOLD_STATEMENTS, analysis)
    assert counts(result["statements"]) == (1, 0, 1)
    assert counts(result["quote_detection"]) == (1, 0, 1)
    assert any(note.startswith("duplicate:") for note in result["statements"].notes)


def test_one_prediction_matches_at_most_one_gold_statement() -> None:
    both = "Die Verbündeten haben sich darauf geeinigt. Putin hat kein Interesse an Frieden."
    analysis = make_analysis([RUTTE], statements=(statement(both, "mark-rutte"),))
    result = score(GOLD_STATEMENTS, analysis)
    assert counts(result["statements"]) == (1, 0, 1)


def test_mode_accuracy_on_matched_statements() -> None:
    analysis = make_analysis(
        [RUTTE],
        statements=(
            statement("Die Verbündeten haben sich darauf geeinigt", "mark-rutte", sid="1"),
            statement("Putin hat kein Interesse an Frieden", "mark-rutte", QuoteMode.DIRECT, "2"),
        ),
    )
    result = score(GOLD_STATEMENTS, analysis)["statements"]
    assert counts(result) == (2, 0, 0)
    assert result.accuracies["mode_accuracy"].correct == 1
    assert result.accuracies["mode_accuracy"].total == 2


def test_statement_speaker_by_local_name() -> None:
    gold = {
        "statements": [{"speaker": "local:Dmitry Peskov", "mode": "indirect", "quote": "Bedrohung"}]
    }
    analysis = make_analysis(
        [PESKOW], statements=(statement("eine Bedrohung", "dmitri-peskow", QuoteMode.INDIRECT),)
    )
    assert counts(score(gold, analysis)["statements"]) == (1, 0, 0)


# --------------------------------------------------------------------------------------------
# stances
# --------------------------------------------------------------------------------------------


def stance(holder: str, issue: str, position: StancePosition, sid: str = "st") -> Stance:
    return Stance(id=sid, holder=holder, issue=issue, position=position)


MEMBERSHIP = Issue(
    key="membership:Q212:Q7184", relation="membership", subject="ukraine", object="nato"
)
GOLD_STANCES = {
    "stances": [
        {"holder": "Q57792", "issue": "membership:Q212:Q7184", "stance": "support"},
        {"holder": "local:Dmitry Peskov", "issue": "membership:Q212:Q7184", "stance": "oppose"},
    ]
}


def test_demands_counts_as_support_and_hesitant_is_not_scored() -> None:
    analysis = make_analysis(
        [RUTTE, PESKOW, UKRAINE, NATO],
        issues=(MEMBERSHIP,),
        stances=(
            stance("mark-rutte", MEMBERSHIP.key, StancePosition.DEMANDS, "1"),
            stance("dmitri-peskow", MEMBERSHIP.key, StancePosition.HESITANT, "2"),
        ),
    )
    result = score(GOLD_STANCES, analysis)["stances"]
    assert counts(result) == (1, 0, 1)


def test_stance_polarity_must_match() -> None:
    analysis = make_analysis(
        [RUTTE, UKRAINE, NATO],
        issues=(MEMBERSHIP,),
        stances=(stance("mark-rutte", MEMBERSHIP.key, StancePosition.OPPOSES),),
    )
    assert counts(score(GOLD_STANCES, analysis)["stances"]) == (0, 1, 2)


def test_stance_issue_without_issue_record_and_local_object() -> None:
    # The predicted issue key names actor keys; the gold object is a local name.
    wagner = actor("wagner-group", "Gruppe Wagner", names=["Wagner Group"])
    analysis = make_analysis(
        [RUTTE, wagner],
        stances=(stance("mark-rutte", "sanction:Q7184:wagner-group", StancePosition.SUPPORTS),),
    )
    gold = {
        "stances": [
            {"holder": "Q57792", "issue": "sanction:Q7184:Wagner Group", "stance": "support"}
        ]
    }
    assert counts(score(gold, analysis)["stances"]) == (1, 0, 0)


def test_duplicate_stance_is_not_a_false_positive() -> None:
    analysis = make_analysis(
        [RUTTE, UKRAINE, NATO],
        issues=(MEMBERSHIP,),
        stances=(
            stance("mark-rutte", MEMBERSHIP.key, StancePosition.SUPPORTS, "1"),
            stance("mark-rutte", MEMBERSHIP.key, StancePosition.DEMANDS, "2"),
        ),
    )
    assert counts(score(GOLD_STANCES, analysis)["stances"]) == (1, 0, 1)


# --------------------------------------------------------------------------------------------
# events
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("predicted", "gold", "expected"),
    [
        ("2022-09", "2022-09", True),
        ("2022-09-30", "2022-09", True),
        ("2022", "2022-09", True),
        ("2022-10", "2022-09", False),
        ("2021", "2022", False),
        (None, "2022", False),
        (None, None, True),
        ("2014", None, True),
    ],
    ids=[
        "equal",
        "pred-finer",
        "gold-finer",
        "other-month",
        "other-year",
        "pred-null",
        "both-null",
        "gold-null",
    ],
)
def test_when_compatibility(predicted: str | None, gold: str | None, expected: bool) -> None:
    assert when_compatible(predicted, gold) is expected


def event(
    kind: EventType,
    when: str | None,
    agents: tuple[str, ...],
    wikidata: str | None = None,
    eid: str = "e",
) -> Event:
    return Event(
        id=eid,
        type=kind,
        start=0,
        end=1,
        trigger="x",
        when=when,
        participants=tuple(Participant(actor=a, role="agent") for a in agents),
        wikidata=wikidata,
    )


GOLD_EVENTS = {
    "events": [
        {
            "type": "invasion",
            "when": "2022",
            "agent": ["Q159"],
            "affected": ["Q212"],
            "wikidata": "Q110999040",
        },
        {
            "type": "request",
            "when": None,
            "agent": ["Q3874799", "Q212"],
            "affected": [],
            "wikidata": None,
        },
        {"type": "meeting", "when": "2024-12-03", "agent": [], "affected": [], "wikidata": None},
    ]
}


def test_events_type_when_agent_and_linking() -> None:
    analysis = make_analysis(
        [RUSSIA, UKRAINE],
        events=(
            event(EventType.INVASION, "2022-02-24", ("russia",), "Q110999040", "1"),
            event(EventType.REQUEST, "2024-12", ("ukraine",), None, "2"),  # one agent suffices
            event(EventType.MEETING, "2024-12", (), None, "3"),  # gold-finer prefix, no agents
        ),
    )
    result = score(GOLD_EVENTS, analysis)["events"]
    assert counts(result) == (3, 0, 0)
    assert result.accuracies["linking_accuracy"].value == 1.0


def test_events_wrong_agent_type_or_time_do_not_match() -> None:
    analysis = make_analysis(
        [RUSSIA, UKRAINE],
        events=(
            event(EventType.INVASION, "2022", ("ukraine",), eid="1"),  # wrong agent
            event(EventType.ATTACK, "2022", ("russia",), eid="2"),  # wrong type
            event(EventType.MEETING, "2024-11", (), eid="3"),  # wrong month
        ),
    )
    assert counts(score(GOLD_EVENTS, analysis)["events"]) == (0, 3, 3)


def test_event_linking_counts_wrong_qid() -> None:
    analysis = make_analysis(
        [RUSSIA], events=(event(EventType.INVASION, "2022", ("russia",), None),)
    )
    result = score(GOLD_EVENTS, analysis)["events"]
    assert result.tp == 1
    assert result.accuracies["linking_accuracy"].value == 0.0


def test_identical_predicted_events_count_once() -> None:
    analysis = make_analysis(
        [RUSSIA],
        events=(
            event(EventType.INVASION, "2022", ("russia",), "Q110999040", "1"),
            event(EventType.INVASION, "2022", ("russia",), "Q110999040", "2"),
        ),
    )
    assert counts(score(GOLD_EVENTS, analysis)["events"]) == (1, 0, 2)


def test_protests_are_scored_only_where_the_gold_annotates_them() -> None:
    analysis = make_analysis([RUSSIA], events=(event(EventType.PROTEST, "2024-12", (), None, "1"),))
    assert counts(score(GOLD_EVENTS, analysis)["events"]) == (0, 0, 3)  # FORMAT.md has none
    gold = {
        "events": [
            {"type": "protest", "when": "2024-12", "agent": [], "affected": [], "wikidata": None}
        ]
    }
    assert counts(score(gold, analysis)["events"]) == (1, 0, 0)
    assert counts(score(gold, make_analysis([RUSSIA]))["events"]) == (0, 0, 1)


# --------------------------------------------------------------------------------------------
# comments
# --------------------------------------------------------------------------------------------

GOLD_COMMENTS = {
    "comments": [
        {
            "author": "Speedy",
            "rank": "Superredner",
            "reply_to": None,
            "mentions": ["Q212", "Q57792"],
        },
        {"author": "N. G.", "rank": "Kinig", "reply_to": "Speedy", "mentions": ["Q159"]},
    ]
}


def comment(index: int, author: str, reply_to: str | None = None) -> Comment:
    return Comment(index=index, author=author, text="…", reply_to=reply_to)


def test_comments_authors_in_order_reply_to_and_mentions() -> None:
    analysis = make_analysis(
        [RUTTE, UKRAINE, RUSSIA, NATO],
        mentioned=[],
        comments=[comment(0, "Speedy"), comment(1, "N. G.", "Speedy")],
        mentions=[
            mention("ukraine", comment=0),
            mention("mark-rutte", comment=0),
            mention("russia", comment=1),
            mention("nato", comment=1),  # not in gold: FP
        ],
    )
    result = score(GOLD_COMMENTS, analysis)["comments"]
    assert counts(result) == (3, 1, 0)
    assert result.accuracies["count_accuracy"].value == 1.0
    assert result.accuracies["author_accuracy"].value == 1.0
    assert result.accuracies["reply_to_accuracy"].value == 1.0
    assert result.false_positives == ('comment 1: nato (Q7184) "NATO"',)


def test_comments_order_matters() -> None:
    analysis = make_analysis(
        [], comments=[comment(0, "N. G.", "Speedy"), comment(1, "Speedy")], mentioned=[]
    )
    result = score(GOLD_COMMENTS, analysis)["comments"]
    assert result.accuracies["author_accuracy"].correct == 0
    assert result.accuracies["reply_to_accuracy"].correct == 0
    assert counts(result) == (0, 0, 3)


def test_comments_missing_and_extra() -> None:
    analysis = make_analysis(
        [],
        comments=[comment(0, "Speedy"), comment(1, "N. G.", "Speedy"), comment(2, "X")],
        mentioned=[],
    )
    result = score(GOLD_COMMENTS, analysis)["comments"]
    assert result.accuracies["count_accuracy"].value == 0.0
    assert result.accuracies["author_accuracy"].correct == 2
    assert result.accuracies["author_accuracy"].total == 3
    assert result.counts == {"gold_comments": 2, "predicted_comments": 3}


# --------------------------------------------------------------------------------------------
# Absent categories, conventions, totals, matching
# --------------------------------------------------------------------------------------------


def test_absent_category_is_not_scored_but_empty_one_is() -> None:
    analysis = make_analysis(
        [RUTTE, UKRAINE, NATO],
        issues=(MEMBERSHIP,),
        stances=(stance("mark-rutte", MEMBERSHIP.key, StancePosition.SUPPORTS),),
    )
    result = score({"actors": ["Q57792"], "stances": []}, analysis)
    assert set(result) == {"actors", "stances"}
    assert counts(result["stances"]) == (0, 1, 0)
    assert result["stances"].precision == 0.0


@pytest.mark.parametrize(
    ("tp", "fp", "fn", "p", "r"),
    [(0, 0, 0, 1.0, 1.0), (0, 0, 2, 0.0, 0.0), (0, 2, 0, 0.0, 0.0), (1, 1, 2, 0.5, 1 / 3)],
    ids=["nothing", "only-missed", "only-wrong", "mixed"],
)
def test_precision_recall_conventions(tp: int, fp: int, fn: int, p: float, r: float) -> None:
    result = CategoryScore(tp=tp, fp=fp, fn=fn)
    assert (result.precision, result.recall) == pytest.approx((p, r))


def test_totals_are_micro_averaged_over_annotating_articles() -> None:
    one = score_article(
        make_gold(id="a", actors=["Q57792", "Q7184"]), make_analysis([RUTTE]), qid_names={}
    )
    two = score_article(
        make_gold(id="b", actors=["Q7184"], roles=[]), make_analysis([NATO, RUTTE]), qid_names={}
    )
    totals = total_scores([one, two])
    actors = totals["actors"]
    assert actors is not None
    assert counts(actors) == (2, 1, 1)
    assert actors.articles == 2
    assert totals["roles"] is not None
    assert totals["roles"].articles == 1
    assert totals["events"] is None


def test_greedy_match_is_one_to_one_and_best_first() -> None:
    scores = {(0, 0): 0.9, (0, 1): 1.0, (1, 1): 0.95}
    matches = greedy_match([0, 1], [0, 1], lambda p, g: scores.get((p, g), 0.0))
    assert matches == {0: 1}  # pred 0 takes gold 1 (best); pred 1 has nothing left
