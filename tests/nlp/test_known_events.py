"""Tests for kg.nlp.known_events: the known-event catalogue and linking."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import ConfigError
from kg.model import EventType
from kg.nlp.known_events import KnownEventCatalogue, parse_known_event


@pytest.fixture(scope="module")
def catalogue() -> KnownEventCatalogue:
    return KnownEventCatalogue.load()


@pytest.mark.parametrize(
    ("text", "lang", "key"),
    [
        ("die Erfahrung mit dem Budapester Memorandum", "de", "budapest-memorandum"),
        ("des Budapester Memorandums", "de", "budapest-memorandum"),
        ("the Budapest Memorandum", "en", "budapest-memorandum"),
        ("der groß angelegten Invasion ab 2022", "de", "russian-invasion-of-ukraine-2022"),
        ("Russia's full-scale invasion", "en", "russian-invasion-of-ukraine-2022"),
        ("die Minsker Abkommen", "de", "minsk-ii"),
        ("at the Vilnius summit", "en", "nato-summit-vilnius-2023"),
        ("nach der Annexion der Krim", "de", "annexation-of-crimea-2014"),
    ],
    ids=lambda v: v if isinstance(v, str) and " " in v else None,
)
def test_find_names(catalogue: KnownEventCatalogue, text: str, lang: str, key: str) -> None:
    assert [event.key for _, _, event in catalogue.find_names(text, lang)] == [key]


@pytest.mark.parametrize(
    ("event_type", "when", "actors", "key"),
    [
        (EventType.INVASION, "2022", ["russia"], "russian-invasion-of-ukraine-2022"),
        (EventType.INVASION, "2022-02-24", ["ukraine"], "russian-invasion-of-ukraine-2022"),
        (EventType.ANNEXATION, "2022-09", ["russia"], "annexation-of-four-oblasts-2022"),
        (EventType.ANNEXATION, "2014", ["russia", "crimea"], "annexation-of-crimea-2014"),
        (EventType.AGREEMENT, "1994", ["united-states"], "budapest-memorandum"),
        (EventType.MEETING, "2023-07-11", ["nato"], "nato-summit-vilnius-2023"),
        (EventType.MEETING, "2023", ["nato"], None),  # a summit links only at month precision
        (EventType.ATTACK, "2014", ["russia"], None),  # the wars link only by name
        (EventType.INVASION, "2022", ["china"], None),  # no shared participant
        (EventType.INVASION, None, ["russia"], None),
    ],
    ids=["invasion-year", "invasion-day", "four-oblasts", "crimea", "budapest", "vilnius",
         "summit-year-only", "war-by-name-only", "other-actors", "no-time"],
)  # fmt: skip
def test_match(
    catalogue: KnownEventCatalogue,
    event_type: EventType,
    when: str | None,
    actors: list[str],
    key: str | None,
) -> None:
    found = catalogue.match(event_type, when, actors)
    assert (found.key if found else None) == key


def test_only_the_2022_invasion_and_the_war_carry_qids(catalogue: KnownEventCatalogue) -> None:
    assert {e.key: e.qid for e in catalogue.events() if e.qid} == {
        "russo-ukrainian-war": "Q15860072",
        "russian-invasion-of-ukraine-2022": "Q110999040",
    }


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"key": "Bad Key", "type": "agreement", "date": "1994", "names": {"en": ["x"]}}, "slug"),
        ({"key": "x", "qid": "12", "type": "agreement", "date": "1994", "names": {"en": ["x"]}},
         "Wikidata item"),
        ({"key": "x", "type": "war", "date": "1994", "names": {"en": ["x"]}}, "bad type"),
        ({"key": "x", "type": "attack", "date": "05.12.1994", "names": {"en": ["x"]}}, "ISO"),
        ({"key": "x", "type": "attack", "date": "1994", "names": {}}, "names"),
        ({"key": "x", "type": "attack", "date": "1994", "names": {"en": ["x"]}, "link": "maybe"},
         "link"),
    ],
    ids=["key", "qid", "type", "date", "names", "link"],
)  # fmt: skip
def test_parse_known_event_rejects_malformed_records(
    record: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        parse_known_event(record)


def test_load_rejects_duplicate_keys(tmp_path: Path) -> None:
    line = '{"key": "x", "type": "attack", "date": "1994", "names": {"en": ["X"]}}\n'
    path = tmp_path / "events.jsonl"
    path.write_text(line + line, encoding="utf-8")
    with pytest.raises(ConfigError, match="duplicate"):
        KnownEventCatalogue.load(path)


def test_load_known_events_feeds_a_valid_reference_graph() -> None:
    from kg.nlp.gazetteer import Gazetteer
    from kg.nlp.known_events import load_known_events
    from kg.rdf.reference import build_reference_graph
    from kg.rdf.validate import validate_graph

    events = load_known_events()
    assert {e.key for e in events} >= {"budapest-memorandum", "russian-invasion-of-ukraine-2022"}
    report = validate_graph(build_reference_graph(Gazetteer.load(), events))
    assert report.conforms, report.text
