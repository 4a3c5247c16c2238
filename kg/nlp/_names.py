"""Lookup tables over the gazetteer: names, demonyms and surnames as folded token tuples."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field

from kg.model import ActorKind, MentionForm
from kg.nlp._tokens import Token, tokenize
from kg.nlp.gazetteer import Entry, Gazetteer, fold

#: Acronyms up to this length must match case-sensitively ("US" is not "us", "EU" not "eu").
MAX_CASE_SENSITIVE_ACRONYM = 5

#: German adjective endings a demonym stem takes ("russisch" -> "russische", "russischen", …).
_GERMAN_ADJECTIVE_ENDINGS = ("", "e", "en", "er", "es", "em")

#: When two entries share a name, the kind listed first wins ("Luxemburg": the state).
_KIND_PRIORITY = (
    ActorKind.STATE,
    ActorKind.ORGANIZATION,
    ActorKind.GOVERNMENT_BODY,
    ActorKind.MILITARY,
    ActorKind.PERSON,
    ActorKind.PARTY,
    ActorKind.GROUP,
    ActorKind.PLACE,
)


@dataclass(frozen=True, slots=True)
class NameHit:
    """A gazetteer name found at tokens ``[first, last)``."""

    first: int
    last: int
    entry: Entry
    form: MentionForm


@dataclass(slots=True)
class NameIndex:
    """Folded token tuples -> entries, plus demonyms and person surnames."""

    names: dict[tuple[str, ...], list[tuple[Entry, MentionForm, bool]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    longest: dict[str, int] = field(default_factory=dict)
    prefixes: set[tuple[str, ...]] = field(default_factory=set)  # of every name, names too
    demonyms: dict[str, Entry] = field(default_factory=dict)
    surnames: dict[str, list[Entry]] = field(default_factory=lambda: defaultdict(list))

    def add(self, name: str, entry: Entry, form: MentionForm, *, genitive: bool) -> None:
        """Index ``name`` (and, for German, its genitive in -s) for ``entry``."""
        tokens = tuple(t.folded for t in tokenize(name))
        if not tokens:
            return
        exact = name.isupper() and len(name) <= MAX_CASE_SENSITIVE_ACRONYM
        variants = [tokens]
        if not exact:
            variants.extend(_german_variants(tokens, genitive=genitive))
        for variant in variants:
            bucket = self.names[variant]
            if all(existing is not entry for existing, _, _ in bucket):
                bucket.append((entry, form, exact))
            self.longest[variant[0]] = max(self.longest.get(variant[0], 0), len(variant))
            self.prefixes.update(variant[:n] for n in range(1, len(variant) + 1))


def build_name_index(gazetteer: Gazetteer) -> NameIndex:
    """Index every label, alias, metonym, demonym and person surname of ``gazetteer``."""
    index = NameIndex()
    for entry in gazetteer.entries():
        for name in (*entry.labels.values(), *_flatten(entry.aliases)):
            index.add(name, entry, MentionForm.NAME, genitive=True)
        for name in _flatten(entry.metonyms):
            index.add(name, entry, MentionForm.METONYM, genitive=True)
        for lang, stems in entry.demonyms.items():
            for stem in stems:
                endings = _GERMAN_ADJECTIVE_ENDINGS if lang == "de" else ("",)
                for ending in endings:
                    index.demonyms.setdefault(fold(stem + ending), entry)
        if entry.kind is ActorKind.PERSON:
            for name in (*entry.labels.values(), *_flatten(entry.aliases)):
                tokens = tokenize(name)
                if len(tokens) > 1 and _is_surname(tokens[-1].text):
                    surname = tokens[-1].folded
                    if entry not in index.surnames[surname]:
                        index.surnames[surname].append(entry)
    for bucket in index.names.values():
        bucket.sort(key=lambda item: _KIND_PRIORITY.index(item[0].kind))
    return index


_ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e")


def _german_variants(tokens: tuple[str, ...], *, genitive: bool) -> list[tuple[str, ...]]:
    """Inflected forms of a name: genitive "-s"/"-es" on the last word ("Russlands",
    "Amtes"), and adjective endings inside multiword names ("der Europäischen Union", "des
    Auswärtigen Amtes", "den Vereinigten Staaten")."""
    lasts = [tokens[-1]]
    if genitive and not tokens[-1].endswith(("s", "x", "z")):
        lasts += [tokens[-1] + "s"]
        if len(tokens) > 1:
            lasts += [tokens[-1] + "es"]
    heads: list[tuple[str, ...]] = [tokens[:-1]]
    for n, token in enumerate(tokens[:-1]):
        ending = next((e for e in _ADJECTIVE_ENDINGS if token.endswith(e)), None)
        if ending is None or len(token) - len(ending) < 4:
            continue
        stem = token[: -len(ending)]
        heads += [(*tokens[:n], stem + e, *tokens[n + 1 : -1]) for e in _ADJECTIVE_ENDINGS]
    return [(*head, last) for head in heads for last in lasts if (*head, last) != tokens]


_ROMAN = re.compile(r"^[IVXLC]+$")
#: Surnames shorter than this are not matched alone ("Frederik X", "Kim Il Sung" -> "Sung" is).
MIN_SURNAME_LENGTH = 3


def _is_surname(word: str) -> bool:
    """A last name token that can stand alone: not a regnal number ("Charles III", "Frederik X")."""
    return len(word) >= MIN_SURNAME_LENGTH and not _ROMAN.match(word)


def _flatten(groups: object) -> list[str]:
    names: list[str] = []
    if isinstance(groups, dict):
        for values in groups.values():
            names.extend(values)
    return names


def match_name(index: NameIndex, tokens: list[Token], i: int) -> NameHit | None:
    """Return the longest gazetteer name starting at token ``i``, or None.

    A name must start with a capital letter (German nouns and names do; this keeps "die"
    and "us" out); short acronyms must match case-sensitively.
    """
    first = tokens[i]
    if not first.is_capitalized:
        return None
    head = first.folded
    longest = index.longest.get(head)
    if longest is None:
        return None
    # Grow the key while it is the start of some name; the longest name found wins.
    found: NameHit | None = None
    key: tuple[str, ...] = ()
    for length in range(1, min(longest, len(tokens) - i) + 1):
        key = (*key, tokens[i + length - 1].folded)
        if key not in index.prefixes:
            break
        for entry, form, exact in index.names.get(key, ()):
            if exact and tokens[i].text != _exact_form(entry, tokens[i].text):
                continue
            found = NameHit(first=i, last=i + length, entry=entry, form=form)
            break
    return found


def _exact_form(entry: Entry, text: str) -> str | None:
    """Return ``text`` when it is one of the entry's upper-case acronyms, else None."""
    for name in (*entry.labels.values(), *_flatten(entry.aliases), *_flatten(entry.metonyms)):
        if name == text:
            return name
    return None
