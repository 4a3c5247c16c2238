"""The statement lexicon: reporting verbs, Konjunktiv forms and attribution phrases per language.

Data live in ``kg/nlp/lexicons/<lang>/{reporting_verbs,konjunktiv,attribution}.tsv`` (the column
layout is documented in each file's header and in ``kg/nlp/lexicons/README.md``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import ConfigError
from kg.nlp._tokens import tokenize
from kg.nlp.gazetteer import fold
from kg.nlp.lexicon import read_lexicon_lines
from kg.resources import lexicon_dir

FRAMES = frozenset({"quote", "clause", "dass", "inf", "label", "es", "obj"})
ATTRIBUTION_KINDS = frozenset(
    {
        "prefix", "postfix", "self", "so", "as", "complementizer", "source_noun", "source_prep",
        "impersonal", "pronoun", "preposition", "determiner", "inf_blocker", "title_noun",
        "relative", "first_person", "anaphor", "person_noun", "body_noun", "indefinite",
        "role_noun", "subordinator", "passive_aux", "conjunction",
    }
)  # fmt: skip
_VERB_COLUMNS = 4
#: Words remembered by ``StatementLexicon.is_konj1`` (as many as ``kg.nlp.gazetteer.fold``).
MEMO_LIMIT = 1 << 17
_KONJ_COLUMNS = 3


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportingVerb:
    """One reporting verb: its lemma, separable particle and what it licenses."""

    lemma: str
    particle: str | None
    frames: frozenset[str]


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class StatementLexicon:
    """Everything the statement stage looks up for one language (hashed by identity).

    Phrases are tuples of lower-cased tokens as ``kg.nlp._tokens.tokenize`` splits them.
    """

    lang: str
    verbs: Mapping[str, tuple[ReportingVerb, ...]]  # lower-cased form -> entries
    konj1: frozenset[str]
    konj2: frozenset[str]
    konj1_suffixes: tuple[str, ...]  # endings that make any lower-case word Konjunktiv I ("-iere")
    verb_prefixes: tuple[str, ...]
    konj_excludes: tuple[tuple[str, ...], ...]
    konj_blockers: frozenset[str]  # a form right after these is irrealis ("als sei …")
    phrases: Mapping[str, tuple[tuple[str, ...], ...]]  # kind -> phrases, longest first
    pronouns: Mapping[str, str]  # pronoun -> "m", "f", "pl" or "f|pl"
    function_words: frozenset[str]  # every word of every attribution phrase: never a verb form
    values: Mapping[str, Mapping[str, str]]  # kind -> lower-cased phrase -> value column
    heads: Mapping[str, frozenset[str]]  # kind -> first words of its phrases (fast reject)
    # memo tables filled on first use (the rules ask for the same word sets per token)
    _words: dict[tuple[str, ...], frozenset[str]] = field(
        default_factory=dict, init=False, repr=False
    )
    _folded: dict[tuple[str, ...], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False
    )
    _head_kinds: dict[tuple[str, tuple[str, ...]], tuple[str, ...]] = field(
        default_factory=dict, init=False, repr=False
    )
    _konj1_yes: set[str] = field(default_factory=set, init=False, repr=False)  # memo of is_konj1
    _konj1_no: set[str] = field(default_factory=set, init=False, repr=False)

    def words(self, *kinds: str) -> frozenset[str]:
        """Return the one-word phrases of ``kinds`` (lower-cased; the union for several)."""
        found = self._words.get(kinds)
        if found is None:
            found = frozenset(
                p[0] for kind in kinds for p in self.phrases.get(kind, ()) if len(p) == 1
            )
            self._words[kinds] = found
        return found

    def konj1_forms(self, words: set[str]) -> set[str]:
        """Return the words of ``words`` that are Konjunktiv I forms (``is_konj1``)."""
        known = words & self._konj1_yes
        return known | {word for word in words - known - self._konj1_no if self.is_konj1(word)}

    def kinds_headed_by(self, word: str, kinds: tuple[str, ...]) -> tuple[str, ...]:
        """Return the ``kinds`` (in their order) with a phrase starting with ``word``."""
        key = (word, kinds)
        found = self._head_kinds.get(key)
        if found is None:
            found = tuple(kind for kind in kinds if word in self.heads.get(kind, ()))
            if len(self._head_kinds) >= MEMO_LIMIT:
                self._head_kinds.clear()
            self._head_kinds[key] = found
        return found

    def heads_of(self, *kinds: str) -> frozenset[str]:
        """Return the first words of the phrases of ``kinds`` (a token not in it starts none)."""
        key = ("heads", *kinds)
        found = self._words.get(key)
        if found is None:
            found = frozenset().union(*(self.heads.get(kind, ()) for kind in kinds))
            self._words[key] = found
        return found

    def folded_words(self, *kinds: str) -> tuple[str, ...]:
        """Return ``words(*kinds)`` folded (``kg.nlp.gazetteer.fold``), for suffix tests."""
        found = self._folded.get(kinds)
        if found is None:
            found = tuple(sorted({fold(word) for word in self.words(*kinds)}))
            self._folded[kinds] = found
        return found

    def is_konj1(self, word: str) -> bool:
        """Return True when ``word`` (as written) is a Konjunktiv I form of the lexicon.

        Capitalised words never count: "Ende" and "Die" are not verbs.
        """
        if word in self._konj1_yes:
            return True
        if word in self._konj1_no:
            return False
        known = (
            bool(word)
            and word[0].islower()
            and (
                word in self.konj1
                or word.endswith(self.konj1_suffixes)
                or any(
                    word.startswith(prefix) and word[len(prefix) :] in self.konj1
                    for prefix in self.verb_prefixes
                )
            )
        )
        if len(self._konj1_yes) + len(self._konj1_no) >= MEMO_LIMIT:
            self._konj1_yes.clear()
            self._konj1_no.clear()
        (self._konj1_yes if known else self._konj1_no).add(word)
        return known


def _rows(path: Path) -> Iterator[tuple[int, list[str]]]:
    lines = read_lexicon_lines(path)
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.startswith("#"):
            yield number, line.split("\t")


def _bad(path: Path, number: int, problem: str) -> ConfigError:
    return ConfigError(f"{path}:{number}: {problem}", option="lexicon")


def _phrase(text: str) -> tuple[str, ...]:
    return tuple(t.text.lower() for t in tokenize(text))


def _load_verbs(path: Path) -> dict[str, tuple[ReportingVerb, ...]]:
    verbs: dict[str, list[ReportingVerb]] = {}
    for number, row in _rows(path):
        if len(row) < _VERB_COLUMNS:
            raise _bad(path, number, f"expected lemma, particle, frames, forms; got {row!r}")
        lemma, particle, frames_text, forms = (column.strip() for column in row[:_VERB_COLUMNS])
        frames = frozenset(f for f in frames_text.split(",") if f)
        if not frames <= FRAMES:
            raise _bad(
                path, number, f"unknown frames {sorted(frames - FRAMES)}; allowed {sorted(FRAMES)}"
            )
        verb = ReportingVerb(lemma=lemma, particle=particle or None, frames=frames)
        for form in forms.split(","):
            if form.strip():
                verbs.setdefault(form.strip().lower(), []).append(verb)
    return {form: tuple(entries) for form, entries in verbs.items()}


def load_statement_lexicon(lang: str, directory: Path | None = None) -> StatementLexicon:
    """Load the statement lexicon for ``lang`` ("de" or "en").

    Args:
        lang: the article language.
        directory: a lexicon directory to use instead of the shipped one (tests).

    Raises:
        ConfigError: the language is unsupported or a lexicon file is malformed.
    """
    base = directory if directory is not None else lexicon_dir(lang)
    verbs = _load_verbs(base / "reporting_verbs.tsv")
    konj: dict[str, list[str]] = {
        "konj1": [], "konj2": [], "prefix": [], "exclude": [], "blocker": [], "suffix": [],
    }  # fmt: skip
    path = base / "konjunktiv.tsv"
    for number, row in _rows(path):
        if len(row) < _KONJ_COLUMNS or row[2].strip() not in konj:
            raise _bad(path, number, f"expected form, lemma, kind in {sorted(konj)}; got {row!r}")
        konj[row[2].strip()].append(row[0].strip())
    phrases: dict[str, list[tuple[str, ...]]] = {}
    pronouns: dict[str, str] = {}
    values: dict[str, dict[str, str]] = {}
    path = base / "attribution.tsv"
    for number, row in _rows(path):
        kind = row[0].strip()
        if kind not in ATTRIBUTION_KINDS or len(row) < 2:
            raise _bad(path, number, f"unknown kind {kind!r}; allowed {sorted(ATTRIBUTION_KINDS)}")
        phrases.setdefault(kind, []).append(_phrase(row[1].strip()))
        if len(row) > 2 and row[2].strip():
            values.setdefault(kind, {})[row[1].strip().lower()] = row[2].strip()
        if kind == "pronoun":
            pronouns[row[1].strip().lower()] = row[2].strip() if len(row) > 2 else ""
    return StatementLexicon(
        lang=lang,
        verbs=verbs,
        konj1=frozenset(konj["konj1"]),
        konj2=frozenset(konj["konj2"]),
        konj1_suffixes=tuple(konj["suffix"]),
        verb_prefixes=tuple(sorted(konj["prefix"], key=len, reverse=True)),
        konj_excludes=tuple(_phrase(p) for p in konj["exclude"]),
        konj_blockers=frozenset(konj["blocker"]),
        phrases={k: tuple(sorted(v, key=len, reverse=True)) for k, v in phrases.items()},
        pronouns=pronouns,
        values=values,
        heads={k: frozenset(p[0] for p in v if p) for k, v in phrases.items()},
        function_words=frozenset(
            word
            for kind in phrases
            for phrase in phrases[kind]
            for word in phrase
            if kind not in ("person_noun", "body_noun", "title_noun", "source_noun", "passive_aux")
        ),
    )
