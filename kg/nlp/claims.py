"""Claim cues: the words that keep an event from being asserted ("nach eigenen Angaben", "nicht").

Needs: a clause of article text, mentions. Produces: ClaimCue (used by ``kg.nlp.events``).

The cue lexicon is ``kg/nlp/lexicons/<lang>/claim_cues.tsv``. Statuses:

- ``claimed-unverified``, ``attributed``, ``denied``, ``planned-future``: the event is kept and
  gets a ``Claim`` with that status; the RDF builder puts such events into a claim graph
  (ontology.md §3.8), so queries over facts do not see them.
- ``negation``, ``hypothetical`` ("hat nicht angegriffen", "würde angreifen", "versucht zu
  erobern"): the event is not asserted by anyone and is skipped.
- ``not-negation``: phrases such as "nicht nur" that contain a negation word without negating.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from kg.errors import ConfigError
from kg.model import Claim, EpistemicStatus, Mention
from kg.nlp._literals import LiteralIndex, fold_case

SKIP_STATUSES = frozenset({"negation", "hypothetical"})
_STATUSES = frozenset({s.value for s in EpistemicStatus} | SKIP_STATUSES | {"not-negation"})
_AUTHOR_RULES = frozenset({"self", "after", "before", "subject", "none"})
# How far (characters) an author mention may stand from its cue: "laut dem russischen
# Verteidigungsministerium" puts the head ~35 characters after "laut"; tuned on the dev set.
MAX_AUTHOR_DISTANCE = 60
# Words a "…" in a cue phrase may stand for ("soll am Dienstag zwei Dörfer erobert haben").
MAX_GAP_WORDS = 12
# Claim statuses by strength: when several cues fire in one clause the strongest wins.
_RANK = {
    "denied": 5,
    "claimed-unverified": 4,
    "attributed": 3,
    "planned-future": 2,
}


@dataclass(frozen=True, slots=True)
class ClaimCue:
    """One cue found in the text: ``status`` and how to find its ``author``."""

    status: str
    phrase: str
    start: int
    end: int
    author: str


@dataclass(frozen=True, slots=True, eq=False)
class ClaimLexicon:
    """The cue patterns of one language (hashed by identity)."""

    lang: str
    patterns: tuple[tuple[str, str, str, re.Pattern[str]], ...]  # status, phrase, author, regex
    index: LiteralIndex  # which patterns may match in a span (by position)


def _phrase_keys(phrase: str) -> tuple[str, ...]:
    """Return the longest literal word of a cue phrase (every match of it contains that word)."""
    words = [w.removesuffix("*") for w in phrase.split() if w != "…"]
    return (max(words, key=len),) if words else ()


def _phrase_regex(phrase: str) -> re.Pattern[str]:
    parts = []
    for word in phrase.split():
        if word == "…":
            parts.append(rf"(?:[\w,-]+\s+){{0,{MAX_GAP_WORDS}}}?[\w,-]*")
            continue
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w-]*")
        else:
            parts.append(re.escape(word))
    body = r"\s+".join(parts)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", re.IGNORECASE)


@functools.lru_cache(maxsize=8)
def load_claim_lexicon(lang: str, directory: Path | None = None) -> ClaimLexicon:
    """Load ``claim_cues.tsv`` of ``lang`` (default: the shipped lexicon).

    Raises:
        ConfigError: the language is unsupported or a line is malformed.
    """
    if directory is None:
        from kg.resources import lexicon_dir

        directory = lexicon_dir(lang)
    path = directory / "claim_cues.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read claim cues {path}: {exc}", option="lexicon") from exc
    patterns = []
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3 or cells[0] not in _STATUSES or cells[2] not in _AUTHOR_RULES:
            raise ConfigError(
                f"{path.name}:{number}: expected status, phrase, author "
                f"(status one of {', '.join(sorted(_STATUSES))}; "
                f"author one of {', '.join(sorted(_AUTHOR_RULES))})",
                option="lexicon",
            )
        status, phrase, author = cells
        patterns.append((status, phrase, author, _phrase_regex(phrase)))
    return ClaimLexicon(
        lang=lang,
        patterns=tuple(patterns),
        index=LiteralIndex([_phrase_keys(phrase) for _, phrase, _, _ in patterns]),
    )


def find_claim_cues(
    text: str, start: int, end: int, lexicon: ClaimLexicon, folded: str | None = None
) -> tuple[ClaimCue, ...]:
    """Return the cues in ``text[start:end]`` (offsets into ``text``), in text order.

    Negation words inside a ``not-negation`` phrase ("nicht nur") are dropped. ``folded`` is
    ``kg.nlp._literals.fold_case(text)`` when the caller has it (only cues with a key word in
    the span are tried).

    Example:
        >>> lex = load_claim_lexicon("de")
        >>> text = "Russland hat nach eigenen Angaben nicht nur Dörfer erobert."
        >>> [c.status for c in find_claim_cues(text, 0, len(text), lex)]
        ['claimed-unverified']
    """
    if folded is None:
        folded, offset = fold_case(text[start:end]), 0
    else:
        offset = start
    span = text[start:end]
    found: list[ClaimCue] = []
    for index in lexicon.index.candidates(folded, offset, offset + len(span)):
        status, phrase, author, pattern = lexicon.patterns[index]
        found.extend(
            ClaimCue(status, phrase, start + m.start(), start + m.end(), author)
            for m in pattern.finditer(span)
        )
    blockers = [c for c in found if c.status == "not-negation"]
    kept = [
        cue
        for cue in found
        if cue.status != "not-negation"
        and not (
            cue.status == "negation"
            and any(b.start <= cue.start and cue.end <= b.end for b in blockers)
        )
    ]
    # A longer cue hides the shorter ones inside it ("nach eigenen Angaben" vs "nach Angaben").
    kept = [
        cue
        for cue in kept
        if not any(
            o is not cue
            and o.start <= cue.start
            and cue.end <= o.end
            and o.end - o.start > cue.end - cue.start
            for o in kept
        )
    ]
    return tuple(sorted(kept, key=lambda c: (c.start, c.end)))


def _after_chain(cue: ClaimCue, mentions: Sequence[Mention]) -> list[Mention]:
    """Return the noun phrase of mentions right after a cue ("laut dem russischen MoD")."""
    after = sorted(
        (m for m in mentions if 0 <= m.start - cue.end <= MAX_AUTHOR_DISTANCE),
        key=lambda m: m.start,
    )
    chain = after[:1]
    for mention in after[1:]:
        if (
            mention.start - chain[-1].end <= 1
        ):  # adjacent: "russischen" + "Verteidigungsministerium"
            chain.append(mention)
    return chain


def _before(cue: ClaimCue, mentions: Sequence[Mention]) -> Mention | None:
    before = [m for m in mentions if 0 <= cue.start - m.end <= MAX_AUTHOR_DISTANCE]
    return max(before, key=lambda m: m.end) if before else None


def claim_author(
    cue: ClaimCue,
    mentions: Sequence[Mention],
    *,
    agent: str | None,
    subject: str | None,
) -> str | None:
    """Return the actor key vouching for a claim cue (None when the text names nobody)."""
    if cue.author == "self":
        return agent
    if cue.author == "subject":
        return subject
    if cue.author == "after":
        chain = _after_chain(cue, mentions)
        return chain[-1].actor if chain else None
    if cue.author == "before":
        mention = _before(cue, mentions)
        return mention.actor if mention else None
    return None


def author_mentions(cues: Sequence[ClaimCue], mentions: Sequence[Mention]) -> frozenset[str]:
    """Return the ids of mentions that name a claim's source (not a participant of the event)."""
    ids: set[str] = set()
    for cue in cues:
        if cue.author == "after":
            ids.update(m.id for m in _after_chain(cue, mentions))
        elif cue.author == "before":
            mention = _before(cue, mentions)
            if mention is not None:
                ids.add(mention.id)
    return frozenset(ids)


def build_claim(
    cues: Sequence[ClaimCue],
    mentions: Sequence[Mention],
    *,
    agent: str | None,
    subject: str | None,
    text: str,
) -> Claim | None:
    """Return the ``Claim`` of the strongest kept cue, or None when no cue changes the status."""
    ranked = [c for c in cues if c.status in _RANK]
    if not ranked:
        return None
    cue = max(ranked, key=lambda c: (_RANK[c.status], -c.start))
    return Claim(
        author=claim_author(cue, mentions, agent=agent, subject=subject),
        status=EpistemicStatus(cue.status),
        phrase=text[cue.start : cue.end],
        start=cue.start,
        end=cue.end,
    )
