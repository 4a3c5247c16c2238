"""The gazetteer: curated actors, places and posts with Wikidata QIDs (data structure only).

The data are JSON Lines files in ``kg/data/gazetteer/`` (one entry per line, see the README
there). This module loads and indexes them; finding mentions in text is ``kg.nlp.mentions``.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kg.errors import ConfigError
from kg.model import Actor, ActorKind

_QID = re.compile(r"^Q[1-9][0-9]*$")
_KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True, slots=True, kw_only=True)
class PostSpec:
    """A post a curated person holds or held: ``role`` of ``of`` between ``start`` and ``end``."""

    role: str
    of: str | None
    start: date | None = None
    end: date | None = None

    def held_on(self, day: date | None) -> bool:
        """Return True when the post was held on ``day`` (or when ``day`` is unknown)."""
        if day is None:
            return self.end is None
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass(frozen=True, slots=True, kw_only=True)
class Entry:
    """One gazetteer entry: an actor or place with its names per language."""

    key: str
    kind: ActorKind
    qid: str | None
    labels: Mapping[str, str]
    aliases: Mapping[str, tuple[str, ...]]
    demonyms: Mapping[str, tuple[str, ...]]  # adjective stems ("russisch", "Russian")
    metonyms: Mapping[str, tuple[str, ...]]  # names of a seat that stand for it ("Kreml")
    state: str | None = None  # key of the state it belongs to
    metonym_of: str | None = None  # places: the actor the place stands for ("kyiv" -> "ukraine")
    body_type: str | None = None  # "foreign_ministry", "armed_forces", …
    gender: str | None = None
    posts: tuple[PostSpec, ...] = ()

    def label(self, lang: str) -> str:
        """Return the label in ``lang``, falling back to English, then any label."""
        return self.labels.get(lang) or self.labels.get("en") or next(iter(self.labels.values()))

    def all_names(self) -> tuple[str, ...]:
        """Return every label, alias and metonym in every language (deduplicated, ordered)."""
        names: list[str] = list(self.labels.values())
        for group in (self.aliases, self.metonyms):
            for values in group.values():
                names.extend(values)
        return tuple(dict.fromkeys(names))

    def to_actor(self, lang: str) -> Actor:
        """Return the ``Actor`` record of this entry for an article in ``lang``."""
        return Actor(
            key=self.key,
            name=self.label(lang),
            kind=self.kind,
            qid=self.qid,
            names=self.all_names(),
            state=self.state,
            gender=self.gender,
            curated=True,
        )


@functools.lru_cache(maxsize=1 << 17)
def fold(text: str) -> str:
    """Case-fold and strip accents: the key used for name lookup (memoised: words repeat).

    >>> fold("Außenministerin Baerbock")
    'aussenministerin baerbock'
    >>> fold("Selenskyj")
    'selenskyj'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


class Gazetteer:
    """Curated entries indexed by key, QID, folded name, demonym and role.

    Build one with ``Gazetteer.load()`` (the shipped data) or ``Gazetteer(entries)``.
    """

    def __init__(self, entries: Iterable[Entry]) -> None:
        self._by_key: dict[str, Entry] = {}
        self._by_qid: dict[str, Entry] = {}
        self._by_post: dict[tuple[str, str | None], list[Entry]] = {}
        self._bodies: dict[tuple[str, str], Entry] = {}
        self._actors: dict[tuple[str, str], tuple[Entry, Actor]] = {}  # see ``actor``
        for entry in entries:
            if entry.key in self._by_key:
                raise ConfigError(f"duplicate gazetteer key {entry.key!r}", option="gazetteer")
            self._by_key[entry.key] = entry
            if entry.qid:
                if entry.qid in self._by_qid:
                    other = self._by_qid[entry.qid].key
                    raise ConfigError(
                        f"QID {entry.qid} is used by both {other!r} and {entry.key!r}",
                        option="gazetteer",
                    )
                self._by_qid[entry.qid] = entry
            for post in entry.posts:
                holders = self._by_post.setdefault((post.role, post.of), [])
                if entry not in holders:
                    holders.append(entry)
            if entry.state and entry.body_type:
                self._bodies.setdefault((entry.state, entry.body_type), entry)

    @classmethod
    def load(cls, directory: Path | None = None) -> Gazetteer:
        """Load every ``*.jsonl`` file in ``directory`` (default: the shipped gazetteer).

        Raises:
            ConfigError: a line is not a valid entry (the message names file and line).
        """
        if directory is None:
            from kg.resources import gazetteer_dir

            directory = gazetteer_dir()
        entries: list[Entry] = []
        for path in sorted(directory.glob("*.jsonl")):
            entries.extend(read_entries(path))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._by_key)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._by_key.values())

    def __contains__(self, key: object) -> bool:
        return key in self._by_key

    def entries(self) -> tuple[Entry, ...]:
        """Return all entries in load order."""
        return tuple(self._by_key.values())

    def actor(self, entry: Entry, lang: str) -> Actor:
        """Return ``entry.to_actor(lang)``, memoised (records are immutable; every article
        that mentions the entry needs the same one)."""
        found = self._actors.get((entry.key, lang))
        if found is None or found[0] is not entry:
            found = self._actors[(entry.key, lang)] = (entry, entry.to_actor(lang))
        return found[1]

    def get(self, key: str) -> Entry | None:
        """Return the entry with ``key``, or None."""
        return self._by_key.get(key)

    def by_qid(self, qid: str) -> Entry | None:
        """Return the entry linked to Wikidata ``qid``, or None."""
        return self._by_qid.get(qid)

    def holders(self, role: str, of: str, day: date | None) -> tuple[Entry, ...]:
        """Return the curated persons holding ``role`` of ``of`` on ``day``."""
        return tuple(
            entry
            for entry in self._by_post.get((role, of), ())
            if entry.kind is ActorKind.PERSON
            and any(p.role == role and p.of == of and p.held_on(day) for p in entry.posts)
        )

    def body(self, state: str, body_type: str) -> Entry | None:
        """Return the first curated body of ``body_type`` ("foreign_ministry") of ``state``."""
        return self._bodies.get((state, body_type))


# --------------------------------------------------------------------------------------------
# Reading the JSONL files
# --------------------------------------------------------------------------------------------


def read_json_lines(path: Path, *, option: str) -> Iterator[tuple[str, dict[str, object]]]:
    """Yield ``("file:line", record)`` for each JSON line of a data file (``//`` comments skipped).

    Raises:
        ConfigError: the file cannot be read or a line is not a JSON object.
    """
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror}", option=option) from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        where = f"{path.name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{where}: not JSON ({exc.msg})", option=option) from exc
        if not isinstance(record, dict):
            raise ConfigError(f"{where}: not a JSON object", option=option)
        yield where, record


def read_entries(path: Path) -> list[Entry]:
    """Read one gazetteer JSONL file.

    Raises:
        ConfigError: the file has a malformed line.
    """
    return [
        parse_entry(record, where=where)
        for where, record in read_json_lines(path, option="gazetteer")
    ]


def _names(value: object, where: str, field_name: str) -> dict[str, tuple[str, ...]]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{where}: {field_name} must be an object", option="gazetteer")
    result: dict[str, tuple[str, ...]] = {}
    for lang, names in value.items():
        if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
            raise ConfigError(
                f"{where}: {field_name}.{lang} must be a list of names", option="gazetteer"
            )
        result[lang] = tuple(names)
    return result


def _date(value: object, where: str) -> date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: post dates must be ISO strings", option="gazetteer")
    try:
        # Wikidata often knows only the year or the month of a term's start.
        parts = [int(p) for p in value.split("-")]
        parts += [1] * (3 - len(parts))
        return date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError) as exc:
        raise ConfigError(f"{where}: bad date {value!r}", option="gazetteer") from exc


def _posts(value: object, where: str) -> tuple[PostSpec, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        raise ConfigError(f"{where}: posts must be a list", option="gazetteer")
    posts = []
    for post in value:
        if not isinstance(post, dict) or not isinstance(post.get("role"), str):
            raise ConfigError(f"{where}: each post needs a role", option="gazetteer")
        posts.append(
            PostSpec(
                role=post["role"],
                of=post.get("of"),
                start=_date(post.get("start"), where),
                end=_date(post.get("end"), where),
            )
        )
    return tuple(posts)


def parse_entry(record: Mapping[str, object], *, where: str = "<entry>") -> Entry:
    """Turn one decoded JSON object into an ``Entry``.

    Raises:
        ConfigError: a required field is missing or malformed.
    """
    key = record.get("key")
    if not isinstance(key, str) or not _KEY.match(key):
        raise ConfigError(f"{where}: key {key!r} is not a lowercase slug", option="gazetteer")
    try:
        kind = ActorKind(str(record.get("kind")))
    except ValueError as exc:
        allowed = ", ".join(k.value for k in ActorKind)
        raise ConfigError(
            f"{where}: kind {record.get('kind')!r} is not one of {allowed}", option="gazetteer"
        ) from exc
    qid = record.get("qid")
    if qid is not None and (not isinstance(qid, str) or not _QID.match(qid)):
        raise ConfigError(f"{where}: qid {qid!r} is not a Wikidata item id", option="gazetteer")
    labels = record.get("labels")
    if (
        not isinstance(labels, dict)
        or not labels
        or not all(isinstance(v, str) and v for v in labels.values())
    ):
        raise ConfigError(f"{where}: labels must map languages to names", option="gazetteer")
    optional = {name: record.get(name) for name in ("state", "metonym_of", "body_type", "gender")}
    for name, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{where}: {name} must be a string", option="gazetteer")
    return Entry(
        key=key,
        kind=kind,
        qid=qid,
        labels=dict(labels),
        aliases=_names(record.get("aliases"), where, "aliases"),
        demonyms=_names(record.get("demonyms"), where, "demonyms"),
        metonyms=_names(record.get("metonyms"), where, "metonyms"),
        state=optional["state"],  # type: ignore[arg-type]
        metonym_of=optional["metonym_of"],  # type: ignore[arg-type]
        body_type=optional["body_type"],  # type: ignore[arg-type]
        gender=optional["gender"],  # type: ignore[arg-type]
        posts=_posts(record.get("posts"), where),
    )


def check_references(gazetteer: Gazetteer) -> Sequence[str]:
    """Return problems with cross-references (unknown state/of/metonym_of keys)."""
    problems: list[str] = []
    for entry in gazetteer.entries():
        refs = [("state", entry.state), ("metonym_of", entry.metonym_of)]
        refs += [("posts.of", post.of) for post in entry.posts]
        problems.extend(
            f"{entry.key}: {name} refers to unknown key {ref!r}"
            for name, ref in refs
            if ref is not None and ref not in gazetteer
        )
    return problems
