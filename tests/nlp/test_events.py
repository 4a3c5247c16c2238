"""Tests for kg.nlp.events (with kg.nlp.claims and kg.nlp.known_events).

Stage tests build ``Sentence``/``Mention``/``Actor`` records by hand; the end-to-end tests run the
real sentence, mention, statement and time stages over the seed article and the dev set in
``tests/data/dev/events`` and score events as eval/FORMAT.md says.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest

from kg.model import (
    Actor,
    ActorKind,
    Article,
    Block,
    BlockKind,
    EpistemicStatus,
    Event,
    EventType,
    Mention,
    MentionForm,
    Sentence,
)
from kg.nlp.events import extract_events, is_agent_role, load_event_lexicon
from kg.nlp.gazetteer import Gazetteer
from kg.nlp.known_events import KnownEventCatalogue, times_compatible
from kg.nlp.pipeline import analyze
from kg.nlp.timex import find_time_expressions
from kg.reading import parse_news_text

TESTS = Path(__file__).resolve().parents[1]
DEV_GOLD = TESTS / "data" / "dev" / "events" / "events.gold.jsonl"
DEV_GOLDS = (DEV_GOLD, *sorted((TESTS / "data" / "dev" / "events").glob("blind*.gold.jsonl")))
SEED_GOLD = Path(__file__).resolve().parents[3] / "shared" / "eval" / "seed.gold.json"

ACTORS = {
    "russia": Actor(key="russia", name="Russland", kind=ActorKind.STATE, qid="Q159",
                    names=("Russland", "Russia", "Moskau", "Moscow")),
    "ukraine": Actor(key="ukraine", name="Ukraine", kind=ActorKind.STATE, qid="Q212",
                     names=("Ukraine", "Kiew", "Kyiv")),
    "nato": Actor(key="nato", name="NATO", kind=ActorKind.ORGANIZATION, qid="Q7184",
                  names=("NATO",)),
    "germany": Actor(key="germany", name="Deutschland", kind=ActorKind.STATE, qid="Q183",
                     names=("Deutschland", "Germany")),
    "china": Actor(key="china", name="China", kind=ActorKind.STATE, qid="Q148", names=("China",)),
    "crimea": Actor(key="crimea", name="Krim", kind=ActorKind.PLACE, names=("Krim", "Crimea")),
    "armed-forces-of-russia": Actor(key="armed-forces-of-russia", name="russische Streitkräfte",
                                    kind=ActorKind.MILITARY, state="russia"),
    "boris-pistorius": Actor(key="boris-pistorius", name="Boris Pistorius", kind=ActorKind.PERSON,
                             state="germany"),
    "ministry-of-defence-of-russia": Actor(
        key="ministry-of-defence-of-russia", name="russisches Verteidigungsministerium",
        kind=ActorKind.GOVERNMENT_BODY, state="russia"),
}  # fmt: skip


@pytest.fixture(scope="module")
def catalogue() -> KnownEventCatalogue:
    return KnownEventCatalogue.load()


def _mention(text: str, surface: str, actor: str, **kwargs: object) -> Mention:
    start = text.index(surface)
    return Mention(id=f"m-{start}-{start + len(surface)}", start=start,
                   end=start + len(surface), surface=surface, actor=actor, **kwargs)  # type: ignore[arg-type]  # fmt: skip


def _run(
    text: str,
    lang: str,
    mentions: Sequence[tuple[str, str] | tuple[str, str, dict[str, object]]],
    catalogue: KnownEventCatalogue,
    *,
    blocks: tuple[Block, ...] = (),
) -> tuple[Event, ...]:
    article = Article(id="a", text=text, lang=lang, source="<test>",
                      published=date(2024, 12, 3), blocks=blocks)  # fmt: skip
    spans = blocks or (Block(kind=BlockKind.PARAGRAPH, start=0, end=len(text)),)
    sentences = tuple(Sentence(id=f"s-{b.start}-{b.end}", start=b.start, end=b.end) for b in spans)
    found = [_mention(text, m[0], m[1], **(m[2] if len(m) > 2 else {})) for m in mentions]  # type: ignore[misc]
    return extract_events(
        article, sentences, found, tuple(ACTORS.values()),
        find_time_expressions(article, sentences), (),
        lexicon=load_event_lexicon(lang), catalogue=catalogue,
    )  # fmt: skip


def _agents(event: Event) -> list[str]:
    return [p.actor for p in event.participants if is_agent_role(p.role)]


def _affected(event: Event) -> list[str]:
    return [p.actor for p in event.participants if not is_agent_role(p.role)]


def test_extract_events_reads_the_agent_of_a_passive(catalogue: KnownEventCatalogue) -> None:
    text = "Die Krim wurde im März 2014 von Russland annektiert."
    (event,) = _run(text, "de", [("Krim", "crimea", {"is_place": True}), ("Russland", "russia")],
                    catalogue)  # fmt: skip
    assert (event.type, event.when, _agents(event), _affected(event)) == (
        EventType.ANNEXATION, "2014-03", ["russia"], ["crimea"])  # fmt: skip
    assert event.known_event == "annexation-of-crimea-2014"
    assert event.claim is None


@pytest.mark.parametrize(
    ("text", "lang", "mentions"),
    [
        ("Russland hat die Ukraine nicht angegriffen.", "de",
         [("Russland", "russia"), ("Ukraine", "ukraine")]),
        ("Russland würde die Ukraine angreifen, wenn die NATO sie aufnähme.", "de",
         [("Russland", "russia"), ("Ukraine", "ukraine")]),
        ("Russland versucht, weitere Gebiete der Ukraine zu erobern.", "de",
         [("Russland", "russia"), ("Ukraine", "ukraine")]),
        ("China did not attack Taiwanese vessels.", "en", [("China", "china")]),
        ("China said it would impose sanctions if the delivery of missiles went ahead.", "en",
         [("China", "china")]),
    ],
    ids=["de-negated", "de-hypothetical", "de-attempt", "en-negated", "en-conditional"],
)  # fmt: skip
def test_extract_events_skips_what_is_not_asserted(
    text: str, lang: str, mentions: list[tuple[str, str]], catalogue: KnownEventCatalogue
) -> None:
    assert _run(text, lang, mentions, catalogue) == ()


@pytest.mark.parametrize(
    ("text", "lang", "event_type"),
    [
        ("Deutschland will der Ukraine weitere Panzer liefern.", "de", EventType.WEAPONS_DELIVERY),
        ("Germany will deliver more air defence systems to Ukraine.", "en",
         EventType.WEAPONS_DELIVERY),
    ],
    ids=["de-will", "en-will"],
)  # fmt: skip
def test_extract_events_marks_planned_events(
    text: str, lang: str, event_type: EventType, catalogue: KnownEventCatalogue
) -> None:
    mentions = [(w, k) for w, k in (("Deutschland", "germany"), ("Germany", "germany"),
                                    ("Ukraine", "ukraine")) if w in text]  # fmt: skip
    (event,) = _run(text, lang, mentions, catalogue)
    assert event.type is event_type
    assert event.claim is not None
    assert event.claim.status is EpistemicStatus.PLANNED_FUTURE
    assert event.when is None
    assert _agents(event) == ["germany"]


def test_extract_events_keeps_a_claim_with_its_author(catalogue: KnownEventCatalogue) -> None:
    text = ("Die russischen Streitkräfte brachten nach eigenen Angaben zwei weitere Siedlungen "
            "in der Ukraine unter ihre Kontrolle.")  # fmt: skip
    mentions = [("russischen Streitkräfte", "armed-forces-of-russia"),
                ("Ukraine", "ukraine", {"is_place": True})]  # fmt: skip
    (event,) = _run(text, "de", mentions, catalogue)
    assert event.type is EventType.CAPTURE
    assert event.claim is not None
    assert (event.claim.status, event.claim.author, event.claim.phrase) == (
        EpistemicStatus.CLAIMED_UNVERIFIED,
        "armed-forces-of-russia",
        "nach eigenen Angaben",
    )
    assert event.when == "2024-12-03"


def test_extract_events_takes_the_source_after_laut(catalogue: KnownEventCatalogue) -> None:
    text = "Laut dem russischen Verteidigungsministerium eroberte Russland das Dorf."
    mentions = [("russischen Verteidigungsministerium", "ministry-of-defence-of-russia"),
                ("Russland", "russia")]  # fmt: skip
    (event,) = _run(text, "de", mentions, catalogue)
    assert _agents(event) == ["russia"]
    assert event.claim is not None
    assert event.claim.author == "ministry-of-defence-of-russia"


def test_extract_events_counts_what_is_requested(catalogue: KnownEventCatalogue) -> None:
    text = "Die Ukraine bat die NATO um 19 weitere Flugabwehrsysteme."
    (event,) = _run(text, "de", [("Ukraine", "ukraine"), ("NATO", "nato")], catalogue)
    assert (event.type, _agents(event), _affected(event)) == (
        EventType.REQUEST, ["ukraine"], ["nato"])  # fmt: skip
    assert (event.quantity, event.quantity_unit) == (19, "Flugabwehrsysteme")
    assert [p.role for p in event.participants] == ["requester", "addressee"]


def test_extract_events_links_a_named_known_event(catalogue: KnownEventCatalogue) -> None:
    text = "Kiew erinnerte an das Budapester Memorandum."
    (event,) = _run(text, "de", [("Kiew", "ukraine", {"form": MentionForm.METONYM})], catalogue)
    assert (event.type, event.known_event, event.when) == (
        EventType.AGREEMENT, "budapest-memorandum", "1994-12-05")  # fmt: skip
    assert set(_agents(event)) == {"united-states", "russia", "united-kingdom"}


def test_extract_events_links_the_2022_invasion(catalogue: KnownEventCatalogue) -> None:
    text = ("Moskau habe die Vereinbarung mit dem Angriff auf die Ukraine 2014 und der groß "
            "angelegten Invasion ab 2022 gebrochen.")  # fmt: skip
    mentions = [("Moskau", "russia", {"form": MentionForm.METONYM}), ("Ukraine", "ukraine")]
    attack, invasion = _run(text, "de", mentions, catalogue)
    assert (attack.type, attack.when, _agents(attack), attack.wikidata) == (
        EventType.ATTACK, "2014", ["russia"], None)  # fmt: skip
    assert (invasion.type, invasion.when, _agents(invasion), invasion.wikidata) == (
        EventType.INVASION, "2022", ["russia"], "Q110999040")  # fmt: skip


def test_extract_events_merges_a_headline_into_its_report(catalogue: KnownEventCatalogue) -> None:
    text = ("Russland erobert weitere Siedlungen\n\nDie russischen Streitkräfte brachten nach "
            "eigenen Angaben zwei Siedlungen unter ihre Kontrolle.")  # fmt: skip
    blocks = (Block(kind=BlockKind.HEADLINE, start=0, end=35),
              Block(kind=BlockKind.PARAGRAPH, start=37, end=len(text)))  # fmt: skip
    mentions = [("Russland", "russia"), ("russischen Streitkräfte", "armed-forces-of-russia")]
    (event,) = _run(text, "de", mentions, catalogue, blocks=blocks)
    assert event.trigger == "brachten"
    assert event.claim is not None  # the body's hedge stands


def test_extract_events_english_noun_agent(catalogue: KnownEventCatalogue) -> None:
    text = "Ukraine on Monday marked three years since Russia launched its full-scale invasion."
    (event,) = _run(text, "en", [("Ukraine", "ukraine"), ("Russia", "russia")], catalogue)
    assert (event.type, _agents(event), event.wikidata) == (
        EventType.INVASION, ["russia"], "Q110999040")  # fmt: skip


@pytest.mark.parametrize(
    ("role", "is_agent"),
    [("agent", True), ("attacker", True), ("guarantor", True), ("requester", True),
     ("host", True), ("target", False), ("addressee", False), ("recipient", False),
     ("annexed-territory", False), ("unknown-role", False)],
    ids=lambda v: str(v),
)  # fmt: skip
def test_is_agent_role(role: str, is_agent: bool) -> None:
    assert is_agent_role(role) is is_agent


def test_catalogue_uses_only_verified_qids_and_known_actor_keys(
    catalogue: KnownEventCatalogue,
) -> None:
    verified = {"Q110999040", "Q15860072"}  # the event QIDs verified in /work/shared/qids.tsv
    assert {e.qid for e in catalogue.events() if e.qid} <= verified
    gazetteer = Gazetteer.load()
    keys = {p.actor for e in catalogue.events() for p in e.participants}
    keys |= {e.place for e in catalogue.events() if e.place}
    assert sorted(k for k in keys if k not in gazetteer) == []


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("2022", "2022-02-24", True), ("2022-09", "2022", True), ("2014", "2022", False),
     (None, "2022", False)],
    ids=["year-day", "month-year", "different", "none"],
)  # fmt: skip
def test_times_compatible(first: str | None, second: str, expected: bool) -> None:
    assert times_compatible(first, second) is expected


# --------------------------------------------------------------------------------------------
# End to end: seed and dev set, scored as eval/FORMAT.md says
# --------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return re.sub(r"\s+", " ", "".join(c for c in decomposed if not unicodedata.combining(c)))


def _actor_matches(actor: Actor | None, gold_id: str) -> bool:
    if actor is None:
        return False
    if gold_id.startswith("local:"):
        name = _fold(gold_id.removeprefix("local:"))
        return any(_fold(n) == name for n in (actor.name, *actor.names))
    return actor.qid == gold_id


def _score(gold_events: list[dict[str, object]], events: Sequence[Event], actors: dict[str, Actor]
           ) -> tuple[int, int, int, int]:  # fmt: skip
    """Return (tp, fp, fn, linked): greedy matching, type/when/agent as FORMAT.md says."""
    free = list(events)
    tp = linked = 0
    for gold in gold_events:
        for event in free:
            when = gold["when"]
            if event.type.value != gold["type"]:
                continue
            if when is not None and (
                event.when is None or not times_compatible(event.when, str(when))
            ):
                continue
            agents = [actors.get(a) for a in _agents(event)]
            if gold["agent"] and not any(
                _actor_matches(a, g)
                for a in agents
                for g in gold["agent"]  # type: ignore[attr-defined]
            ):
                continue
            tp += 1
            linked += event.wikidata == gold["wikidata"]
            free.remove(event)
            break
    return tp, len(free), len(gold_events) - tp, linked


def _gold_records() -> list[tuple[Path, dict[str, object]]]:
    records = [
        (path.parent, json.loads(line))
        for path in DEV_GOLDS
        for line in path.read_text().splitlines()
    ]
    if SEED_GOLD.is_file():
        records.append((SEED_GOLD.parent, json.loads(SEED_GOLD.read_text())))
    return records


def test_events_end_to_end_meet_the_bars(catalogue: KnownEventCatalogue) -> None:
    """The stages events need (sentences, mentions, time, statements) on seed and dev set."""
    from kg.eval import read_gold_source
    from kg.eval.gold import read_gold
    from kg.nlp.lexicon import load_mention_lexicon
    from kg.nlp.mentions import find_mentions
    from kg.nlp.sentences import split_sentences
    from kg.nlp.statements import extract_statements, load_statement_lexicon

    gazetteer = Gazetteer.load()
    totals = [0, 0, 0, 0]
    paths = [*DEV_GOLDS, *([SEED_GOLD] if SEED_GOLD.is_file() else [])]
    for path in paths:
        for gold in read_gold(path):
            article = read_gold_source(gold)
            lexicon = load_mention_lexicon(article.lang)
            sentences = split_sentences(article, abbreviations=lexicon.abbreviations)
            found = find_mentions(article, sentences, gazetteer, lexicon)
            statements = extract_statements(
                article, sentences, found.mentions, found.actors, found.holdings,
                lexicon=load_statement_lexicon(article.lang),
            )  # fmt: skip
            events = extract_events(
                article, sentences, found.mentions, found.actors,
                find_time_expressions(article, sentences), statements,
                lexicon=load_event_lexicon(article.lang), catalogue=catalogue,
            )  # fmt: skip
            record = next(r for _, r in _gold_records() if r["id"] == gold.id)
            result = _score(record["events"], events, {a.key: a for a in found.actors})  # type: ignore[arg-type]
            totals = [t + r for t, r in zip(totals, result, strict=True)]
    tp, fp, fn, linked = totals
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= 0.70, (tp, fp, fn)
    assert linked / tp >= 0.90


def test_extract_events_keeps_a_denied_event_as_a_denial(catalogue: KnownEventCatalogue) -> None:
    text = "Russland bestritt, dass russische Truppen die Ukraine angegriffen hätten."
    mentions = [("Russland", "russia"), ("russische Truppen", "armed-forces-of-russia"),
                ("Ukraine", "ukraine")]  # fmt: skip
    (event,) = _run(text, "de", mentions, catalogue)
    assert event.type is EventType.ATTACK
    assert event.claim is not None
    assert (event.claim.status, event.claim.author) == (EpistemicStatus.DENIED, "russia")


def test_extract_events_reads_unverified_anywhere_in_the_sentence(
    catalogue: KnownEventCatalogue,
) -> None:
    text = "Russia captured two villages, a claim that could not be independently verified."
    (event,) = _run(text, "en", [("Russia", "russia")], catalogue)
    assert event.claim is not None
    assert event.claim.status is EpistemicStatus.CLAIMED_UNVERIFIED


@pytest.mark.parametrize(
    ("text", "lang", "mentions"),
    [
        ("In Vilnius ist die Sorge vor einem russischen Angriff groß.", "de",
         [("russischen", "russia", {"form": MentionForm.DEMONYM})]),
        ("Kiew bat um Schutz gegen russische Luftangriffe.", "de",
         [("Kiew", "ukraine", {"form": MentionForm.METONYM}),
          ("russische", "russia", {"form": MentionForm.DEMONYM})]),
        ("China warned of an invasion by Russia.", "en",
         [("China", "china"), ("Russia", "russia")]),
    ],
    ids=["de-fear-of-an-attack", "de-generic-plural", "en-warned-of-an-invasion"],
)  # fmt: skip
def test_extract_events_skips_generic_event_nouns(
    text: str, lang: str, mentions: list[tuple[str, ...]], catalogue: KnownEventCatalogue
) -> None:
    events = _run(text, lang, mentions, catalogue)  # type: ignore[arg-type]
    assert [e.type for e in events if e.type is not EventType.REQUEST] == []


def test_extract_events_merges_an_anaphoric_event_noun(catalogue: KnownEventCatalogue) -> None:
    text = ("Die NATO-Außenminister trafen sich am Dienstag in Brüssel. Auch die Ukraine nahm an "
            "dem Treffen teil.")  # fmt: skip
    first = Block(kind=BlockKind.PARAGRAPH, start=0, end=text.index(" Auch"))
    second = Block(kind=BlockKind.PARAGRAPH, start=text.index("Auch"), end=len(text))
    mentions = [("NATO", "nato"), ("Ukraine", "ukraine")]
    (event,) = _run(text, "de", mentions, catalogue, blocks=(first, second))
    assert (event.type, event.when, _agents(event)) == (EventType.MEETING, "2024-12-03", ["nato"])
    assert ("ukraine", "participant") in [(p.actor, p.role) for p in event.participants]


def test_extract_events_keeps_conflicting_figures_with_their_times(
    catalogue: KnownEventCatalogue,
) -> None:
    text = ("Die Ukraine bat die NATO am Dienstag um 19 Flugabwehrsysteme. Am Montag hatte sie "
            "noch von 20 Flugabwehrsystemen gesprochen.")  # fmt: skip
    first = Block(kind=BlockKind.PARAGRAPH, start=0, end=text.index(" Am Montag"))
    second = Block(kind=BlockKind.PARAGRAPH, start=text.index("Am Montag"), end=len(text))
    events = _run(text, "de", [("Ukraine", "ukraine"), ("NATO", "nato")], catalogue,
                  blocks=(first, second))  # fmt: skip
    assert [(e.quantity, e.when) for e in events] == [(19, "2024-12-03"), (20, "2024-12-02")]
    assert {e.method for e in events} == {"trigger.verb", "quantity-revision"}


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("Verteidigungsminister Pistorius besuchte am Dienstag die Truppe in Pabrade.",
         [("Pistorius", "boris-pistorius")]),
    ],
    ids=["visit-to-troops"],
)  # fmt: skip
def test_extract_events_needs_two_parties_for_a_meeting_verb(
    text: str, mentions: list[tuple[str, str]], catalogue: KnownEventCatalogue
) -> None:
    assert _run(text, "de", mentions, catalogue) == ()


def test_extract_events_does_not_read_a_named_event_as_an_anaphor(
    catalogue: KnownEventCatalogue,
) -> None:
    text = ("Die NATO hat am Montag ein Manöver begonnen. Russland hatte im September 2021 das "
            "Großmanöver „Sapad“ abgehalten.")  # fmt: skip
    first = Block(kind=BlockKind.PARAGRAPH, start=0, end=text.index(" Russland"))
    second = Block(kind=BlockKind.PARAGRAPH, start=text.index("Russland"), end=len(text))
    events = _run(text, "de", [("NATO", "nato"), ("Russland", "russia")], catalogue,
                  blocks=(first, second))  # fmt: skip
    assert [(e.when, _agents(e)) for e in events if e.type is EventType.MILITARY_EXERCISE] == [
        ("2024-12-02", ["nato"]), ("2021-09", ["russia"])]  # fmt: skip


def test_extract_events_reads_content_before_a_verb_final_request(
    catalogue: KnownEventCatalogue,
) -> None:
    text = "Die Ukraine hatte im Mai Angriffe mit westlichen Waffen auf Russland gefordert."
    (event,) = _run(text, "de", [("Ukraine", "ukraine"), ("Russland", "russia")], catalogue)
    assert (event.type, event.when, _agents(event)) == (EventType.REQUEST, "2024-05", ["ukraine"])


def test_extract_events_counted_plural_is_specific(catalogue: KnownEventCatalogue) -> None:
    text = "The United States carried out dozens of airstrikes against targets in Syria."
    (event,) = _run(text, "en", [("United States", "germany")], catalogue)
    assert (event.type, _agents(event)) == (EventType.ATTACK, ["germany"])


@pytest.mark.parametrize(
    ("text", "lang", "mentions", "roles"),
    [
        ("Deutschland forderte mehr Unterstützung für die Ukraine.", "de",
         [("Deutschland", "germany"), ("Ukraine", "ukraine")],
         [("germany", "requester"), ("ukraine", "beneficiary")]),
        ("Deutschland forderte von der NATO mehr Hilfe für die Ukraine.", "de",
         [("Deutschland", "germany"), ("NATO", "nato"), ("Ukraine", "ukraine")],
         [("germany", "requester"), ("nato", "addressee"), ("ukraine", "beneficiary")]),
        ("Germany demanded more support for Ukraine.", "en",
         [("Germany", "germany"), ("Ukraine", "ukraine")],
         [("germany", "requester"), ("ukraine", "beneficiary")]),
        ("Ukraine asked NATO for more weapons.", "en",
         [("Ukraine", "ukraine"), ("NATO", "nato")],
         [("ukraine", "requester"), ("nato", "addressee")]),
    ],
    ids=["de-fuer", "de-addressee-and-beneficiary", "en-for", "en-asked-for-keeps-addressee"],
)  # fmt: skip
def test_extract_events_request_for_a_state_makes_it_the_beneficiary(
    catalogue: KnownEventCatalogue,
    text: str,
    lang: str,
    mentions: Sequence[tuple[str, str]],
    roles: list[tuple[str, str]],
) -> None:
    (event,) = _run(text, lang, mentions, catalogue)
    assert event.type is EventType.REQUEST
    assert [(p.actor, p.role) for p in event.participants] == roles


@pytest.mark.parametrize(
    ("lang", "body", "place", "parties"),
    [
        ("de", "Die Ukraine und Polen unterzeichneten am Montag in Warschau ein "
               "Sicherheitsabkommen.", "warsaw", {"ukraine", "poland"}),
        ("de", "Großbritannien sicherte Kiew in London Sicherheitsgarantien zu.", "london",
         {"united-kingdom", "ukraine"}),
        ("en", "Ukraine and Poland signed a security agreement in Warsaw on Monday.", "warsaw",
         {"ukraine", "poland"}),
        ("en", "In Vilnius, Lithuania and Ukraine signed an agreement on Tuesday.", "vilnius",
         {"lithuania", "ukraine"}),
    ],
    ids=["de-signed-in-city", "de-guarantee-in-city", "en-signed-in-city",
         "en-fronted-city-before-states"],
)  # fmt: skip
def test_extract_events_city_after_locative_is_the_place_not_a_party(
    resources,  # type: ignore[no-untyped-def]
    lang: str,
    body: str,
    place: str,
    parties: set[str],
) -> None:
    article = parse_news_text(f"Meldung\n\n{body}\n", source="<t>", lang=lang,
                              published=date(2025, 3, 3))  # fmt: skip
    (event,) = [e for e in analyze(article, resources).events if e.type is EventType.AGREEMENT]
    assert event.place == place
    assert {p.actor for p in event.participants} == parties


@pytest.mark.parametrize(
    ("lang", "body", "author"),
    [
        ("en", "According to Russia, Russian troops captured the village of Nove on Monday.",
         "russia"),
        ("en", "Russian troops captured the village of Nove on Monday, according to Moscow.",
         "russia"),
        ("en", "According to the Russian defence ministry, Ukrainian drones attacked the Belgorod "
               "region on Monday.", "ministry-of-defence-of-russia"),
        ("de", "Nach Angaben Moskaus eroberten russische Truppen am Montag das Dorf Nowe.",
         "russia"),
        ("de", "Laut dem russischen Verteidigungsministerium griffen ukrainische Drohnen am Montag "
               "die Region Belgorod an.", "ministry-of-defence-of-russia"),
    ],
    ids=["en-according-to-state", "en-according-to-capital", "en-according-to-ministry",
         "de-nach-angaben-genitive", "de-laut-ministry"],
)  # fmt: skip
def test_extract_events_source_phrase_makes_the_event_a_claim_of_the_source(
    resources,  # type: ignore[no-untyped-def]
    lang: str,
    body: str,
    author: str,
) -> None:
    article = parse_news_text(f"Meldung\n\n{body}\n", source="<t>", lang=lang,
                              published=date(2025, 3, 3))  # fmt: skip
    (event,) = analyze(article, resources).events
    assert event.claim is not None
    assert (event.claim.author, event.claim.status) == (author, EpistemicStatus.CLAIMED_UNVERIFIED)


@pytest.mark.parametrize(
    ("lang", "body", "place", "found"),
    [
        ("de", "Am Dienstag demonstrierten erneut Tausende Menschen in Tiflis.", "tbilisi", True),
        ("en", "Thousands of protesters gathered in Tbilisi on Tuesday.", "tbilisi", True),
        ("en", "Tens of thousands rallied in Tbilisi against the Georgian government on Sunday.",
         "tbilisi", True),
        ("en", "Russia protested against the new sanctions on Monday.", None, False),
        ("en", "NATO leaders gathered in Brussels on Monday.", None, False),
    ],
    ids=["de-demonstrierten", "en-protesters-gathered", "en-rallied-against",
         "en-diplomatic-protest-is-none", "en-leaders-gathered-is-none"],
)  # fmt: skip
def test_extract_events_protests_need_a_crowd_and_keep_their_place(
    resources,  # type: ignore[no-untyped-def]
    lang: str,
    body: str,
    place: str | None,
    found: bool,
) -> None:
    article = parse_news_text(f"Meldung\n\n{body}\n", source="<t>", lang=lang,
                              published=date(2025, 10, 8))  # fmt: skip
    protests = [e for e in analyze(article, resources).events if e.type is EventType.PROTEST]
    assert bool(protests) is found
    if found:
        (event,) = protests
        assert event.place == place
        assert not _agents(event)  # no state demonstrates; the crowd is no actor
