"""The event lexicon of one language: trigger rules, word classes, claim cues, time words, roles.

Read from ``kg/nlp/lexicons/<lang>/event_triggers.tsv`` (its header explains the columns) and
``kg/data/event_types.tsv`` (roles per type and how eval/FORMAT.md reads them). Used by
``kg.nlp.events``; ``load_event_lexicon`` and ``is_agent_role`` are re-exported there.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.model import EventType
from kg.nlp._literals import LiteralIndex
from kg.nlp.claims import ClaimLexicon, load_claim_lexicon
from kg.nlp.timex import TimeLexicon, load_time_lexicon

_POS = ("verb", "noun", "noun-pl")


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One row of ``event_triggers.tsv``."""

    type: EventType
    pos: str
    pattern: re.Pattern[str]
    particle: re.Pattern[str] | None
    requires: tuple[str, ...]
    particle_final: bool = True  # the particle closes the clause ("sagten … zu")
    keys: tuple[str, ...] = ()  # the first word of each form: every match begins with one
    compound: bool = False  # a form starts with "*": a match may start before its word
    wanted: tuple[str, ...] = ()  # the classes of ``requires`` one of which must occur
    banned: tuple[str, ...] = ()  # the classes of ``requires`` ("!@class") that may not occur


@dataclass(frozen=True, slots=True, eq=False)
class EventLexicon:
    """Everything ``extract_events`` needs for one language (hashed by identity)."""

    lang: str
    rules: tuple[TriggerRule, ...]
    classes: Mapping[str, re.Pattern[str]]
    words: Mapping[str, frozenset[str]]  # exact-word classes ("@clause", "@passive", …)
    claims: ClaimLexicon
    time: TimeLexicon
    agent_roles: Mapping[EventType, str]
    affected_roles: Mapping[EventType, str]
    role_sides: Mapping[str, str]
    trigger_index: LiteralIndex  # which rules may match in a span (``rules`` by position)
    required: tuple[str, ...]  # the classes that rules require or ban
    class_index: LiteralIndex  # which of ``required`` may match in a span (by position)
    bare_index: LiteralIndex  # whether "@clause_bare" may match in a span


def _form_keys(forms: str) -> tuple[str, ...]:
    """Return the first literal word of each form (a ``_form_regex`` match starts with one).

    A match starts where its word does, or, for a form with a leading "*", where the run of
    word characters and hyphens holding it starts ("Luftangriff" for "*angriff").
    """
    return tuple((form.strip("*").split() or [""])[0] for form in forms.split("|"))


def _form_regex(forms: str) -> str:
    parts = []
    for form in forms.split("|"):
        body = re.escape(form.strip("*")).replace(r"\ ", r"\s+")
        prefix = r"[\w-]*" if form.startswith("*") else ""
        suffix = r"[\w-]*" if form.endswith("*") else ""
        parts.append(prefix + body + suffix)
    return rf"(?<![\w-])(?:{'|'.join(parts)})(?![\w-])"


def _read_rows(path: Path, width: int) -> list[tuple[int, list[str]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}", option="lexicon") from exc
    rows = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) < width:
            raise ConfigError(f"{path.name}:{number}: expected {width} columns", option="lexicon")
        rows.append((number, cells))
    return rows


def _load_types(path: Path) -> tuple[dict[EventType, str], dict[EventType, str], dict[str, str]]:
    agent: dict[EventType, str] = {}
    affected: dict[EventType, str] = {}
    sides: dict[str, str] = {}
    for number, cells in _read_rows(path, 3):
        try:
            if cells[0] == "type":
                agent[EventType(cells[1])] = cells[2]
                affected[EventType(cells[1])] = cells[3]
            elif cells[0] == "role" and cells[2] in ("agent", "affected"):
                sides[cells[1]] = cells[2]
            else:
                raise ConfigError(f"{path.name}:{number}: bad row kind {cells[0]!r}")
        except (ValueError, IndexError) as exc:
            raise ConfigError(
                f"{path.name}:{number}: bad row ({exc})", option="event_types"
            ) from exc
    return agent, affected, sides


@functools.lru_cache(maxsize=8)
def load_event_lexicon(lang: str, directory: Path | None = None) -> EventLexicon:
    """Load the trigger, claim-cue and time lexicons of ``lang`` and the event-type table.

    Raises:
        ConfigError: the language is unsupported or a file is malformed.
    """
    from kg.resources import data_dir, lexicon_dir

    directory = directory or lexicon_dir(lang)
    path = directory / "event_triggers.tsv"
    rules: list[TriggerRule] = []
    classes: dict[str, re.Pattern[str]] = {}
    words: dict[str, frozenset[str]] = {}
    class_keys: dict[str, tuple[str, ...]] = {}
    for number, cells in _read_rows(path, 5):
        kind, pos, forms, particle, requires = cells[:5]
        if kind.startswith("@"):
            classes[kind] = re.compile(_form_regex(forms), re.IGNORECASE)
            class_keys[kind] = _form_keys(forms)
            words[kind] = frozenset(forms.split("|"))
            continue
        try:
            event_type = EventType(kind)
        except ValueError as exc:
            raise ConfigError(
                f"{path.name}:{number}: unknown event type {kind!r}", option="lexicon"
            ) from exc
        if pos not in _POS:
            raise ConfigError(f"{path.name}:{number}: pos {pos!r} not in {_POS}", option="lexicon")
        particle_re = None
        final = True
        if particle != "-":
            final = particle.endswith("$")
            word = re.escape(particle.rstrip("$"))
            tail = r"\s*(?:[.,;:!?)\"“”»«–]|$)" if final else ""
            particle_re = re.compile(rf"(?<![\w-]){word}(?![\w-]){tail}", re.IGNORECASE)
        needs = () if requires == "-" else tuple(requires.split("|"))
        rules.append(
            TriggerRule(
                type=event_type,
                pos=pos,
                pattern=re.compile(_form_regex(forms), re.IGNORECASE),
                particle=particle_re,
                requires=needs,
                wanted=tuple(name for name in needs if not name.startswith("!")),
                banned=tuple(name[1:] for name in needs if name.startswith("!")),
                particle_final=final,
                keys=_form_keys(forms),
                compound=any(form.startswith("*") for form in forms.split("|")),
            )
        )
    for rule in rules:
        missing = [name for name in rule.requires if name.lstrip("!") not in classes]
        if missing:
            raise ConfigError(f"{path.name}: unknown word class {missing[0]!r}", option="lexicon")
    required = tuple(dict.fromkeys(name.lstrip("!") for rule in rules for name in rule.requires))
    agent, affected, sides = _load_types(data_dir() / "event_types.tsv")
    return EventLexicon(
        lang=lang,
        rules=tuple(rules),
        classes=classes,
        words=words,
        claims=load_claim_lexicon(lang),
        time=load_time_lexicon(lang),
        agent_roles=agent,
        affected_roles=affected,
        role_sides=sides,
        trigger_index=LiteralIndex([rule.keys for rule in rules]),
        required=required,
        class_index=LiteralIndex([class_keys[name] for name in required]),
        bare_index=LiteralIndex([class_keys.get("@clause_bare", ())]),
    )


@functools.lru_cache(maxsize=1)
def _role_sides() -> Mapping[str, str]:
    from kg.resources import data_dir

    return _load_types(data_dir() / "event_types.tsv")[2]


def is_agent_role(role: str) -> bool:
    """Return True when ``role`` counts as an agent in eval/FORMAT.md (else it is affected).

    >>> is_agent_role("attacker"), is_agent_role("guarantor"), is_agent_role("target")
    (True, True, False)
    """
    return _role_sides().get(role.casefold(), "affected") == "agent"
