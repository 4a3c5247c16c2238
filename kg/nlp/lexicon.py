"""Load the per-language lexicons of the mention and role stages (data in ``lexicons/<lang>/``).

Inflected German forms are derived here, once, so the stages only look words up.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from kg.errors import ConfigError
from kg.nlp.gazetteer import fold
from kg.resources import lexicon_dir


@dataclass(frozen=True, slots=True, kw_only=True)
class RoleNoun:
    """A role noun: canonical role, gender and an implied organisation (``of``)."""

    role: str
    gender: str | None
    of: str | None = None
    plural: bool = False  # "leaders", "Außenministerinnen": several holders, never one person


@dataclass(frozen=True, slots=True, kw_only=True)
class MentionLexicon:
    """Everything the mention and role stages look up, for one language.

    Multiword forms are keyed by their folded tokens joined with a space.
    """

    lang: str
    roles: dict[str, RoleNoun]
    bodies: dict[str, str]  # folded form -> body_type
    body_names: dict[str, dict[str, str]]  # lang -> body_type -> name template
    descriptors: dict[str, str]  # folded form -> actor key
    function_words: frozenset[str]
    locatives: frozenset[str]
    determiners: frozenset[str]
    abbreviations: frozenset[str]
    noun_context: frozenset[str]  # words after which a capitalised word is a common noun
    surname_blocklist: frozenset[str]  # folded surnames never matched on their own
    max_role_tokens: int
    max_body_tokens: int
    heads: frozenset[str] = frozenset()  # first words of every role and body form (fast reject)
    role_suffixes: tuple[tuple[str, RoleNoun], ...] = ()  # longest first ("außenminister" …)
    name_particles: frozenset[str] = frozenset()  # "von", "al" inside personal names
    # folded two-word phrases ending in a locative preposition after which a capital is a source,
    # not a place ("according to Moscow")
    source_phrases: frozenset[str] = frozenset()
    # Derived in __post_init__ (fast rejects): the first folded word of every role, body and
    # descriptor key, and a memo of role suffix lookups by folded word.
    role_firsts: frozenset[str] = field(init=False, default=frozenset())
    body_firsts: frozenset[str] = field(init=False, default=frozenset())
    descriptor_firsts: frozenset[str] = field(init=False, default=frozenset())
    suffix_memo: dict[str, RoleNoun | None] = field(
        init=False, default_factory=dict, compare=False, repr=False
    )

    def __post_init__(self) -> None:
        for name, table in (
            ("role_firsts", self.roles),
            ("body_firsts", self.bodies),
            ("descriptor_firsts", self.descriptors),
        ):
            object.__setattr__(self, name, frozenset(key.split(" ")[0] for key in table))


def read_lexicon_lines(path: Path) -> list[str]:
    """Return the lines of a lexicon file; the one place that reads lexicon files.

    Raises:
        ConfigError: the file cannot be read.
    """
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc.strerror}", option="lexicon") from exc


def _rows(path: Path) -> Iterator[list[str]]:
    """Yield the tab-separated columns of each data line (``#`` comments skipped)."""
    for line in read_lexicon_lines(path):
        if line.strip() and not line.startswith("#"):
            yield [column.strip() for column in line.split("\t")]


def _words(path: Path) -> frozenset[str]:
    return frozenset(row[0] for row in _rows(path))


def _german_noun_forms(form: str, gender: str | None) -> tuple[str, ...]:
    """Derive the inflected forms a German role or body noun takes in news text.

    >>> _german_noun_forms("Außenminister", "m")
    ('Außenminister', 'Außenministers', 'Außenministern')
    >>> _german_noun_forms("Außenministerin", "f")
    ('Außenministerin', 'Außenministerinnen')
    """
    if gender == "f" or form.endswith("in"):
        return (form, form + "nen")
    if form.endswith(("e", "er", "el")):
        # "Außenbeauftragte(n)", "Außenminister(s/n)", "Regierung" handled below
        return (form, form + "s", form + "n")
    if form.endswith("ung"):
        return (form, form + "en")
    if form.endswith(("s", "ß", "x", "z")):
        return (form, form + "es")
    return (form, form + "s", form + "es", form + "en", form + "n")


def _english_forms(form: str) -> tuple[str, ...]:
    if form.endswith("s"):
        return (form,)
    if form.endswith("man"):
        return (form, form[:-3] + "men")
    if form.endswith("y") and not form.endswith("ey"):
        return (form, form[:-1] + "ies")
    return (form, form + "s")


def _key(form: str) -> str:
    from kg.nlp._tokens import tokenize

    return " ".join(fold(t.text) for t in tokenize(form))


def load_mention_lexicon(lang: str) -> MentionLexicon:
    """Load the mention/role lexicon for ``lang`` ("de" or "en").

    Raises:
        ConfigError: the language is unsupported or a lexicon file is malformed.
    """
    directory = lexicon_dir(lang)
    roles: dict[str, RoleNoun] = {}
    for row in _rows(directory / "roles.tsv"):
        if len(row) < 3:
            raise ConfigError(f"{directory / 'roles.tsv'}: bad row {row!r}", option="lexicon")
        gender = row[2] if row[2] in ("m", "f") else None
        noun = RoleNoun(role=row[1], gender=gender, of=row[3] if len(row) > 3 and row[3] else None)
        forms = _german_noun_forms(row[0], gender) if lang == "de" else _english_forms(row[0])
        for form in forms:
            plural = form != row[0] and (lang == "en" or form.endswith("innen"))
            roles.setdefault(_key(form), replace(noun, plural=True) if plural else noun)
    bodies: dict[str, str] = {}
    for row in _rows(directory / "bodies.tsv"):
        forms = _german_noun_forms(row[0], None) if lang == "de" else _english_forms(row[0])
        for form in forms:
            bodies.setdefault(_key(form), row[1])
    body_names = {
        other: {row[0]: row[1] for row in _rows(lexicon_dir(other) / "body_names.tsv")}
        for other in ("de", "en")
    }
    descriptors = {_key(row[0]): row[1] for row in _rows(directory / "descriptors.tsv")}
    return MentionLexicon(
        lang=lang,
        roles=roles,
        bodies=bodies,
        body_names=body_names,
        descriptors=descriptors,
        function_words=_words(directory / "function_words.txt"),
        locatives=frozenset(
            fold(w) for w in _words(directory / "locative.txt") if not w.startswith("!")
        ),
        source_phrases=frozenset(
            _key(w[1:]) for w in _words(directory / "locative.txt") if w.startswith("!")
        ),
        determiners=frozenset(fold(w) for w in _words(directory / "articles.txt")),
        abbreviations=_words(directory / "abbreviations.txt"),
        noun_context=frozenset(fold(w) for w in _words(directory / "noun_context.txt")),
        surname_blocklist=frozenset(fold(w) for w in _words(directory / "surname_blocklist.txt")),
        heads=frozenset(k.split()[0] for k in (*roles, *bodies)),
        role_suffixes=tuple(
            sorted(
                (
                    (fold(row[0]), RoleNoun(role=row[1], gender=row[2] if row[2] != "-" else None))
                    for row in _rows(directory / "role_suffixes.tsv")
                ),
                key=lambda item: -len(item[0]),
            )
        ),
        name_particles=_words(directory / "name_particles.txt"),
        max_role_tokens=max(len(k.split()) for k in roles),
        max_body_tokens=max(len(k.split()) for k in bodies),
    )
