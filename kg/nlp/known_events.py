"""The known-event catalogue: well-known events that extracted events and name mentions link to.

The data are ``kg/data/events.jsonl`` (one event per line; the header comment there lists the
fields). A ``KnownEvent`` carries a Wikidata QID only when it was verified; otherwise ``qid`` is
None and the event still gets its own node in the reference graph.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.model import EventType, Participant, TimePrecision
from kg.nlp._literals import LiteralIndex, finditer_at, fold_text
from kg.nlp.gazetteer import read_json_lines

_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_ISO = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_PRECISION_RANK = {TimePrecision.YEAR: 0, TimePrecision.MONTH: 1, TimePrecision.DAY: 2}


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownEvent:
    """One curated event of the reference graph."""

    key: str
    qid: str | None
    type: EventType
    date: str  # ISO at the known precision
    end: str | None = None
    participants: tuple[Participant, ...] = ()
    place: str | None = None
    names: Mapping[str, tuple[str, ...]]  # lang -> labels first, then aliases
    link_by_type: bool = True  # False: only a mention of its name links to it
    min_precision: TimePrecision = TimePrecision.YEAR

    def label(self, lang: str) -> str:
        """Return the first name in ``lang``, falling back to English, then the key."""
        for names in (self.names.get(lang), self.names.get("en")):
            if names:
                return names[0]
        return self.key

    def actors(self) -> frozenset[str]:
        """Return the keys of every participant."""
        return frozenset(p.actor for p in self.participants)


def load_known_events(path: Path | None = None) -> tuple[KnownEvent, ...]:
    """Return the events of the catalogue (default: the shipped ``kg/data/events.jsonl``).

    This is what the reference graph is built from (``kg.rdf.reference.build_reference_graph``).

    Raises:
        ConfigError: a line is not a valid known event.
    """
    return KnownEventCatalogue.load(path).events()


def times_compatible(first: str | None, second: str | None) -> bool:
    """Return True when two ISO values are equal or one is a prefix of the other.

    >>> times_compatible("2022", "2022-02-24"), times_compatible("2014", "2022")
    (True, False)
    """
    if first is None or second is None:
        return False
    return first.startswith(second) or second.startswith(first)


def _precision(value: str) -> TimePrecision:
    return (TimePrecision.YEAR, TimePrecision.MONTH, TimePrecision.DAY)[value.count("-")]


class KnownEventCatalogue:
    """The catalogue, with name lookup and linking of extracted events."""

    def __init__(self, events: Iterable[KnownEvent]) -> None:
        self._events: dict[str, KnownEvent] = {}
        for event in events:
            if event.key in self._events:
                raise ConfigError(f"duplicate known-event key {event.key!r}", option="events")
            self._events[event.key] = event
        self._name_patterns: dict[str, re.Pattern[str]] = {}
        self._by_name: dict[str, dict[str, KnownEvent]] = {}
        self._name_starts: dict[str, LiteralIndex] = {}
        for lang in sorted({lang for e in self._events.values() for lang in e.names}):
            index = {
                " ".join(name.casefold().split()): event
                for event in self._events.values()
                for name in event.names.get(lang, ())
            }
            self._by_name[lang] = index
            # The pattern uses the names as written: casefolding turns "ß" into "ss".
            names = {n for e in self._events.values() for n in e.names.get(lang, ())}
            alternation = "|".join(
                r"\s+".join(re.escape(word) for word in name.split())
                for name in sorted(names, key=len, reverse=True)
            )
            self._name_patterns[lang] = re.compile(
                rf"(?<![\w-])(?P<core>{alternation})(?:e?s)?(?![\w-])", re.IGNORECASE
            )
            # Every match begins with the first word of a name: only those places are tried.
            self._name_starts[lang] = LiteralIndex([[(name.split() or [""])[0] for name in names]])

    @classmethod
    def load(cls, path: Path | None = None) -> KnownEventCatalogue:
        """Load the catalogue (default: the shipped ``kg/data/events.jsonl``).

        Raises:
            ConfigError: a line is not a valid known event (the message names file and line).
        """
        if path is None:
            from kg.resources import data_dir

            path = data_dir() / "events.jsonl"
        events = [
            parse_known_event(record, where=where)
            for where, record in read_json_lines(path, option="events")
        ]
        return cls(events)

    def __len__(self) -> int:
        return len(self._events)

    def events(self) -> tuple[KnownEvent, ...]:
        """Return every known event in file order."""
        return tuple(self._events.values())

    def get(self, key: str) -> KnownEvent | None:
        """Return the known event with ``key``, or None."""
        return self._events.get(key)

    def find_names(self, text: str, lang: str) -> tuple[tuple[int, int, KnownEvent], ...]:
        """Return ``(start, end, event)`` for every name of a known event in ``text``.

        German inflection of the head noun ("des Budapester Memorandums") is allowed by one
        trailing "s"/"es".
        """
        pattern = self._name_patterns.get(lang)
        if pattern is None:
            return ()
        index = self._by_name[lang]
        starts = self._name_starts[lang]
        matches = (
            finditer_at(pattern, text, starts.starts(fold_text(text)))
            if starts.complete
            else pattern.finditer(text)
        )
        found = []
        for match in matches:
            event = index.get(" ".join(match.group("core").casefold().split()))
            if event is not None:
                found.append((match.start(), match.end(), event))
        return tuple(found)

    def match(
        self,
        event_type: EventType,
        when: str | None,
        actors: Iterable[str],
    ) -> KnownEvent | None:
        """Return the known event an extracted event refers to, or None.

        An extracted event links when the type is equal, the catalogue allows linking by type,
        its time is compatible with the known date (and at least ``min_precision`` fine), and
        at least one participant is shared. With several candidates the closest date wins.
        """
        if when is None:
            return None
        keys = set(actors)
        candidates = [
            event
            for event in self._events.values()
            if event.link_by_type
            and event.type is event_type
            and times_compatible(when, event.date)
            and _PRECISION_RANK[_precision(when)] >= _PRECISION_RANK[event.min_precision]
            and keys & event.actors()
        ]
        candidates.sort(key=lambda e: -len(_common_prefix(when, e.date)))
        return candidates[0] if candidates else None


def _common_prefix(first: str, second: str) -> str:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return first[:length]


def _names(value: object, where: str) -> dict[str, tuple[str, ...]]:
    if not isinstance(value, dict) or not value:
        raise ConfigError(f"{where}: names must map languages to lists", option="events")
    result: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ConfigError(f"{where}: names.{lang} must be a list of names", option="events")
        result[str(lang)] = tuple(names)
    return result


def _participants(value: object, where: str) -> tuple[Participant, ...]:
    if not isinstance(value, list):
        raise ConfigError(f"{where}: participants must be a list", option="events")
    result = []
    for item in value:
        if not isinstance(item, dict) or not all(
            isinstance(item.get(k), str) for k in ("actor", "role")
        ):
            raise ConfigError(f"{where}: each participant needs actor and role", option="events")
        result.append(Participant(actor=item["actor"], role=item["role"]))
    return tuple(result)


def _iso(value: object, where: str, name: str, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or not _ISO.match(value):
        raise ConfigError(
            f"{where}: {name} {value!r} is not an ISO year/month/date", option="events"
        )
    return value


def parse_known_event(record: Mapping[str, object], *, where: str = "<event>") -> KnownEvent:
    """Turn one decoded JSON object into a ``KnownEvent``.

    Raises:
        ConfigError: a field is missing or malformed.
    """
    key = record.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise ConfigError(f"{where}: key {key!r} is not a lowercase slug", option="events")
    qid = record.get("qid")
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise ConfigError(f"{where}: qid {qid!r} is not a Wikidata item id", option="events")
    try:
        event_type = EventType(str(record.get("type")))
        min_precision = TimePrecision(str(record.get("min_precision", "year")))
    except ValueError as exc:
        raise ConfigError(f"{where}: bad type or min_precision: {exc}", option="events") from exc
    link = record.get("link", "type")
    if link not in ("type", "name"):
        raise ConfigError(f"{where}: link {link!r} is not 'type' or 'name'", option="events")
    place = record.get("place")
    if place is not None and not isinstance(place, str):
        raise ConfigError(f"{where}: place must be a gazetteer key", option="events")
    return KnownEvent(
        key=key,
        qid=qid,
        type=event_type,
        date=_iso(record.get("date"), where, "date", required=True) or "",
        end=_iso(record.get("end"), where, "end", required=False),
        participants=_participants(record.get("participants", []), where),
        place=place,
        names=_names(record.get("names"), where),
        link_by_type=link == "type",
        min_precision=min_precision,
    )


def unknown_actor_keys(catalogue: KnownEventCatalogue, known: Sequence[str]) -> tuple[str, ...]:
    """Return participant and place keys of the catalogue that are not in ``known`` (for tests)."""
    keys = {p.actor for e in catalogue.events() for p in e.participants}
    keys |= {e.place for e in catalogue.events() if e.place}
    return tuple(sorted(keys - set(known)))
