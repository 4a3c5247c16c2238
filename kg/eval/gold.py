"""Read and validate gold annotation files (``eval/FORMAT.md``) into frozen records.

A gold file is JSON Lines, one article per line; a file holding a single JSON object (possibly
spread over several lines, like ``seed.gold.json``) is one article. Blank lines and lines starting
with ``//`` are skipped in JSON Lines files.

A category field that is absent from an article (not merely empty) is read as ``None``: the
scorer then does not score that category for that article (dev files may annotate some
categories only). ``id``, ``source`` and ``lang`` are required; ``published`` may be null.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from kg.errors import EvalError
from kg.model import EventType, QuoteMode

logger = logging.getLogger(__name__)

T = TypeVar("T")

_QID = re.compile(r"^Q[1-9][0-9]*$")
_WHEN = re.compile(r"^[0-9]{4}(?:-(?:0[1-9]|1[0-2])(?:-(?:0[1-9]|[12][0-9]|3[01]))?)?$")
_RELATION = re.compile(r"^[a-z][a-z_]*$")
LOCAL_PREFIX = "local:"

#: Issue relations of FORMAT.md. Others are accepted with a warning ("extend only with a reason").
RELATIONS = frozenset(
    {
        "membership",
        "aid",
        "negotiation",
        "sanction",
        "control",
        "guarantee",
        "ceasefire",
        "recognition",
        "accession",
    }
)
STANCES = ("support", "oppose")
CATEGORIES = ("actors", "roles", "statements", "stances", "events", "comments")


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldRole:
    """``person`` holds ``role`` of ``of`` (actor ids)."""

    person: str
    role: str
    of: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldStatement:
    """A statement: speaker (actor id), mode and the first words of the quote."""

    speaker: str
    mode: QuoteMode
    quote: str


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldStance:
    """``holder`` supports or opposes ``relation(subject, object)``.

    ``subject`` and ``object`` are actor ids: a bare name in the issue key becomes ``local:NAME``.
    """

    holder: str
    issue: str
    relation: str
    subject: str
    object: str
    stance: str  # "support" or "oppose"


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldEvent:
    """A typed event with ISO ``when`` (or None), agents, affected and an optional QID."""

    type: EventType
    when: str | None
    agent: tuple[str, ...] = ()
    affected: tuple[str, ...] = ()
    wikidata: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldComment:
    """A reader comment in page order."""

    author: str
    rank: str | None = None
    reply_to: str | None = None
    mentions: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class GoldArticle:
    """One annotated article. A category that is None was not annotated (not scored)."""

    id: str
    source: str  # as written in the gold file
    lang: str
    published: date | None
    gold_file: Path
    line: int
    actors: tuple[str, ...] | None = None
    roles: tuple[GoldRole, ...] | None = None
    statements: tuple[GoldStatement, ...] | None = None
    stances: tuple[GoldStance, ...] | None = None
    events: tuple[GoldEvent, ...] | None = None
    comments: tuple[GoldComment, ...] | None = None
    notes: str = ""

    @property
    def is_url(self) -> bool:
        """True when ``source`` is an http(s) URL."""
        return self.source.startswith(("http://", "https://"))

    def source_path(self) -> Path:
        """Return the source resolved against the gold file's directory (not for URLs)."""
        path = Path(self.source)
        return path if path.is_absolute() else self.gold_file.parent / path


def is_actor_id(value: object) -> bool:
    """Return True for a QID (``Q7184``) or a local name (``local:Dmitry Peskov``).

    >>> is_actor_id("Q7184"), is_actor_id("local:Dmitry Peskov"), is_actor_id("NATO")
    (True, True, False)
    """
    if not isinstance(value, str):
        return False
    if value.startswith(LOCAL_PREFIX):
        return bool(value[len(LOCAL_PREFIX) :].strip())
    return bool(_QID.match(value))


def split_issue(key: str) -> tuple[str, str, str]:
    """Split ``relation:subject:object`` as FORMAT.md says (``key.split(":", 2)``).

    Extension: a ``local:NAME`` subject (which the plain split would cut in two) is kept whole,
    so ``"aid:local:Wagner Group:Q212"`` gives ``("aid", "local:Wagner Group", "Q212")``.

    Raises:
        ValueError: the key does not have three non-empty parts.
    """
    parts = key.split(":", 2)
    if len(parts) == 3 and parts[1] == "local":
        name, sep, rest = parts[2].partition(":")
        parts = [parts[0], LOCAL_PREFIX + name, rest] if sep else parts
    if len(parts) != 3 or not all(p.strip() for p in parts):
        raise ValueError(key)
    return parts[0], parts[1], parts[2]


# --------------------------------------------------------------------------------------------
# Reading
# --------------------------------------------------------------------------------------------


def read_gold(path: str | Path) -> tuple[GoldArticle, ...]:
    """Read a gold file: JSON Lines, or one JSON object.

    Raises:
        EvalError: the file cannot be read, is not JSON, or an article is malformed
            (the message names the file and the line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EvalError(str(path), f"cannot read gold file ({exc})") from exc
    records = _records(text, str(path))
    if not records:
        raise EvalError(str(path), "no gold articles in the file")
    articles = tuple(parse_article(record, gold_file=path, line=line) for line, record in records)
    seen: dict[str, int] = {}
    for article in articles:
        if article.id in seen:
            first = seen[article.id]
            raise EvalError(
                str(path),
                f"line {article.line}: duplicate id {article.id!r} (first on line {first})",
            )
        seen[article.id] = article.line
    return articles


def _records(text: str, where: str) -> list[tuple[int, object]]:
    if text.lstrip().startswith("{"):
        try:  # one JSON object, possibly over several lines, as seed.gold.json
            return [(text[: text.index("{")].count("\n") + 1, json.loads(text))]
        except json.JSONDecodeError as exc:
            first = next(line for line in text.splitlines() if line.strip())
            if exc.msg != "Extra data" and not _is_json(first):
                raise EvalError(where, f"line {exc.lineno}: not JSON ({exc.msg})") from exc
    records: list[tuple[int, object]] = []  # JSON Lines: one object a line
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            records.append((number, json.loads(line)))
        except json.JSONDecodeError as exc:
            raise EvalError(where, f"line {number}: not JSON ({exc.msg})") from exc
    return records


def _is_json(line: str) -> bool:
    try:
        json.loads(line)
    except json.JSONDecodeError:
        return False
    return True


class _ProblemError(Exception):
    """A validation problem inside one record (turned into EvalError with file and line)."""


def parse_article(record: object, *, gold_file: Path, line: int = 1) -> GoldArticle:
    """Validate one decoded gold record and return it as a ``GoldArticle``.

    Raises:
        EvalError: a required field is missing or a value is not allowed.
    """
    try:
        return _parse_article(record, gold_file, line)
    except _ProblemError as exc:
        raise EvalError(str(gold_file), f"line {line}: {exc}") from None


def _parse_article(record: object, gold_file: Path, line: int) -> GoldArticle:
    if not isinstance(record, dict):
        raise _ProblemError("an article must be a JSON object")
    ident = _string(record, "id")
    where = f"article {ident!r}"
    published = record.get("published")
    if published is not None:
        try:
            published = date.fromisoformat(str(published))
        except ValueError:
            raise _ProblemError(f"{where}: published {published!r} is not an ISO date") from None
    return GoldArticle(
        id=ident,
        source=_string(record, "source", where),
        lang=_string(record, "lang", where),
        published=published,
        gold_file=gold_file,
        line=line,
        actors=_optional(record, "actors", where, _actor_id),
        roles=_optional(record, "roles", where, _role),
        statements=_optional(record, "statements", where, _statement),
        stances=_optional(record, "stances", where, _stance),
        events=_optional(record, "events", where, _event),
        comments=_optional(record, "comments", where, _comment),
        notes=str(record.get("notes") or ""),
    )


def _string(record: Mapping[str, object], name: str, where: str = "article") -> str:
    value = record.get(name)
    if name not in record:
        raise _ProblemError(f"{where}: missing required field {name!r}")
    if not isinstance(value, str) or not value.strip():
        raise _ProblemError(f"{where}: {name} must be a non-empty string, not {value!r}")
    return value


def _nullable(record: Mapping[str, object], name: str, where: str) -> str | None:
    value = record.get(name)
    if value is not None and not isinstance(value, str):
        raise _ProblemError(f"{where}: {name} must be a string or null, not {value!r}")
    return value


def _optional(
    record: Mapping[str, object], name: str, where: str, parse: Callable[[object, str], T]
) -> tuple[T, ...] | None:
    if name not in record:
        return None
    items = record[name]
    if not isinstance(items, list):
        raise _ProblemError(f"{where}: {name} must be a list")
    return tuple(parse(item, f"{where}: {name}[{i}]") for i, item in enumerate(items))


def _actor_id(item: object, where: str) -> str:
    if not is_actor_id(item):
        raise _ProblemError(
            f"{where}: {item!r} is not an actor id (a QID like 'Q7184' or 'local:NAME')"
        )
    return str(item)


def _actor_ids(record: Mapping[str, object], name: str, where: str) -> tuple[str, ...]:
    value = record.get(name, [])
    if not isinstance(value, list):
        raise _ProblemError(f"{where}: {name} must be a list of actor ids")
    return tuple(_actor_id(v, f"{where}.{name}") for v in value)


def _object(item: object, where: str) -> Mapping[str, object]:
    if not isinstance(item, dict):
        raise _ProblemError(f"{where}: must be a JSON object")
    return item


def _role(item: object, where: str) -> GoldRole:
    record = _object(item, where)
    of = record.get("of")
    return GoldRole(
        person=_actor_id(record.get("person"), f"{where}.person"),
        role=_string(record, "role", where),
        of=None if of is None else _actor_id(of, f"{where}.of"),
    )


def _statement(item: object, where: str) -> GoldStatement:
    record = _object(item, where)
    mode = record.get("mode")
    try:
        quote_mode = QuoteMode(str(mode))
    except ValueError:
        allowed = ", ".join(m.value for m in QuoteMode)
        raise _ProblemError(f"{where}: mode {mode!r} is not one of {allowed}") from None
    return GoldStatement(
        speaker=_actor_id(record.get("speaker"), f"{where}.speaker"),
        mode=quote_mode,
        quote=_string(record, "quote", where),
    )


def _stance(item: object, where: str) -> GoldStance:
    record = _object(item, where)
    key = _string(record, "issue", where)
    try:
        relation, subject, obj = split_issue(key)
    except ValueError:
        raise _ProblemError(f"{where}: issue {key!r} is not 'relation:subject:object'") from None
    if not _RELATION.match(relation):
        raise _ProblemError(f"{where}: issue {key!r} has a malformed relation {relation!r}")
    if relation not in RELATIONS:
        logger.warning("%s: issue relation %r is not one of FORMAT.md's", where, relation)
    stance = record.get("stance")
    if stance not in STANCES:
        raise _ProblemError(f"{where}: stance {stance!r} is not one of {', '.join(STANCES)}")
    return GoldStance(
        holder=_actor_id(record.get("holder"), f"{where}.holder"),
        issue=key,
        relation=relation,
        subject=_issue_actor(subject),
        object=_issue_actor(obj),
        stance=str(stance),
    )


def _issue_actor(value: str) -> str:
    """Issue subjects/objects are QIDs or names; a bare name is read as ``local:NAME``."""
    return value if is_actor_id(value) else LOCAL_PREFIX + value


def _event(item: object, where: str) -> GoldEvent:
    record = _object(item, where)
    kind = record.get("type")
    try:
        event_type = EventType(str(kind))
    except ValueError:
        allowed = ", ".join(t.value for t in EventType)
        raise _ProblemError(f"{where}: event type {kind!r} is not one of {allowed}") from None
    if "when" not in record:
        raise _ProblemError(f"{where}: missing required field 'when' (use null when unknown)")
    when = _nullable(record, "when", where)
    if when is not None and not _WHEN.match(when):
        raise _ProblemError(f"{where}: when {when!r} is not an ISO year, year-month or date")
    wikidata = _nullable(record, "wikidata", where)
    if wikidata is not None and not _QID.match(wikidata):
        raise _ProblemError(f"{where}: wikidata {wikidata!r} is not a QID")
    affected = record.get("affected", [])
    if not isinstance(affected, list) or not all(isinstance(a, str) and a for a in affected):
        raise _ProblemError(f"{where}: affected must be a list of actor or place ids")
    return GoldEvent(
        type=event_type,
        when=when,
        agent=_actor_ids(record, "agent", where),
        affected=tuple(affected),
        wikidata=wikidata,
    )


def _comment(item: object, where: str) -> GoldComment:
    record = _object(item, where)
    return GoldComment(
        author=_string(record, "author", where),
        rank=_nullable(record, "rank", where),
        reply_to=_nullable(record, "reply_to", where),
        mentions=_actor_ids(record, "mentions", where),
    )


def local_name(actor_id: str) -> str | None:
    """Return NAME of ``local:NAME``, else None."""
    return actor_id[len(LOCAL_PREFIX) :] if actor_id.startswith(LOCAL_PREFIX) else None


def is_qid(value: str) -> bool:
    """Return True for a Wikidata item id."""
    return bool(_QID.match(value))


def actor_ids_of(articles: Sequence[GoldArticle]) -> frozenset[str]:
    """Return every QID the gold articles use (to look their labels up once)."""
    ids: set[str] = set()
    for article in articles:
        ids.update(article.actors or ())
        for role in article.roles or ():
            ids.update(x for x in (role.person, role.of) if x)
        ids.update(s.speaker for s in article.statements or ())
        for stance in article.stances or ():
            ids.update((stance.holder, stance.subject, stance.object))
        for event in article.events or ():
            ids.update(event.agent)
        for comment in article.comments or ():
            ids.update(comment.mentions)
    return frozenset(i for i in ids if is_qid(i))
