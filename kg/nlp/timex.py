"""Time expressions, normalised against the article date (German and English).

Needs: article (text, lang, published), sentences. Produces: TimeExpression.

Regular expressions are built from the per-language lexicon ``kg/nlp/lexicons/<lang>/time.tsv``
(months, weekdays, relative words). Values keep the precision of the text: ``"1994"`` (year),
``"2022-09"`` (year-month), ``"2024-12-03"`` (day). Bounds and intervals ("seit 2014", "ab 2022",
"zwischen 2014 und 2022", "last week") set ``is_interval`` with ``begin``/``end_value``; a start
bound keeps its anchor as ``value`` ("ab 2022" → ``"2022"``), an end bound has no ``value``.
Relative expressions ("am Dienstag", "gestern", "vor fast 30 Jahren") resolve against
``Article.published`` (or a comment's ``created`` date); without an anchor they are not reported.
A bare weekday or month points back in time unless the sentence has a future word ("wird", "will").
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from kg.errors import ConfigError
from kg.model import Article, Sentence, TimeExpression, TimePrecision
from kg.nlp._literals import LiteralIndex, fold_text

_WORD_KINDS = (
    "approx", "since", "from", "until", "ago", "last", "this", "next", "daytime", "prep", "year",
    "future", "count", "scale",
)  # fmt: skip
_YEAR = r"(?:1[89]\d\d|20\d\d)"
# A bare four-digit number is read as a year only in this range: older years are rare in news
# and larger numbers are mostly quantities ("2500 Soldaten").
_MIN_BARE_YEAR = 1900
_MAX_BARE_YEAR = 2099
# Day ranges of "Anfang/Mitte/Ende <Monat>" (inclusive), months of "Anfang/Mitte/Ende <Jahr>".
# A month named without a year up to this many months after the article month is the coming one
# (scheduled dates are announced a few weeks ahead); later months are last year's.
MAX_MONTHS_AHEAD = 2
_PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
_PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}


@dataclass(frozen=True, slots=True, kw_only=True, eq=False)
class TimeLexicon:
    """The words of ``time.tsv`` for one language, indexed by kind (hashed by identity)."""

    lang: str
    months: Mapping[str, int]
    weekdays: Mapping[str, int]
    reldays: Mapping[str, int]
    parts: Mapping[str, str]
    units: Mapping[str, str]
    numbers: Mapping[str, int]
    words: Mapping[str, Mapping[str, str]]  # kind -> word -> value ("last" -> {"letzte": "-1"})


def _alt(words: Sequence[str]) -> str:
    """Return a regex alternation, longest word first, each word escaped (spaces flexible)."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in ordered)


@functools.lru_cache(maxsize=8)
def load_time_lexicon(lang: str, directory: Path | None = None) -> TimeLexicon:
    """Load ``time.tsv`` of ``lang`` (default: the shipped lexicon).

    Raises:
        ConfigError: the language is unsupported or a line is malformed.
    """
    if directory is None:
        from kg.resources import lexicon_dir

        directory = lexicon_dir(lang)
    path = directory / "time.tsv"
    tables: dict[str, dict[str, str]] = {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ConfigError(f"cannot read time lexicon {path}: {exc}", option="lexicon") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if len(cells) != 3:
            raise ConfigError(f"{path.name}:{number}: expected kind, word, value", option="lexicon")
        kind, word, value = cells
        table = tables.setdefault(kind, {})
        # Both spellings: patterns need the word as written ("dreißig"), lookups casefold it.
        table[word.lower()] = value
        table[word.casefold()] = value
    try:
        return TimeLexicon(
            lang=lang,
            months={w: int(v) for w, v in tables.get("month", {}).items()},
            weekdays={w: int(v) for w, v in tables.get("weekday", {}).items()},
            reldays={w: int(v) for w, v in tables.get("reladay", {}).items()},
            parts=dict(tables.get("part", {})),
            units=dict(tables.get("unit", {})),
            numbers={w: int(v) for w, v in tables.get("number", {}).items()},
            words={kind: dict(tables.get(kind, {})) for kind in _WORD_KINDS},
        )
    except ValueError as exc:
        raise ConfigError(
            f"{path.name}: a numeric value is not an integer", option="lexicon"
        ) from exc


# --------------------------------------------------------------------------------------------
# Patterns
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Patterns:
    """Compiled patterns of one lexicon, tried in this order (longest match wins overall)."""

    items: tuple[tuple[str, re.Pattern[str]], ...]
    # Every match of ``items[i]`` begins with one of its first words (or a digit), at a place
    # no word character, "." or "-" precedes: only those places are tried.
    # The patterns in ``_RARE`` (their first words are everywhere: "a", "one", "on", "the",
    # the words they need are rare: "ago", "morning") have their own index, searched only when
    # a word they need occurs; ``slots[i]`` says which index holds pattern ``i`` at which place.
    starts: LiteralIndex
    rare_starts: LiteralIndex
    slots: tuple[tuple[bool, int], ...]
    # A word of ``required[i]`` occurs in every match of ``items[i]`` (the month of "dmy").
    required: LiteralIndex
    # What every match of the patterns in ``_LEADS`` starts with: an optional bound and
    # preposition, then a weekday, a month, a year word or a digit.
    lead: re.Pattern[str]


# The patterns that start like ``_Patterns.lead``: bound? prep? (weekday | month | year | digit).
_LEADS = frozenset({"dmy", "mdy", "numeric", "monthyear", "month", "weekday", "year"})
_RARE = frozenset({"ago_after", "daytime", "part"})


@functools.lru_cache(maxsize=8)
def _patterns(lex: TimeLexicon) -> _Patterns:
    w = lex.words
    month = rf"(?P<mon>{_alt(list(lex.months))})(?!\w)"
    weekday = rf"(?P<wd>{_alt(list(lex.weekdays))})"
    year = rf"(?P<y>{_YEAR})(?![\d\w])"
    bound = (
        rf"(?:(?P<bound>{_alt([*w['since'], *w['from'], *w['until']])})\s+(?:de[mn]\s+|the\s+)?)"
    )
    prep = rf"(?:(?:{_alt(list(w['prep']))})\s+)"
    number = rf"(?P<num>\d{{1,3}}|{_alt(list(lex.numbers))})"
    unit = rf"(?P<unit>{_alt(list(lex.units))})(?!\w)"
    approx = rf"(?:(?:{_alt(list(w['approx']))})\s+)?"
    rel = rf"(?P<rel>{_alt([*w['last'], *w['this'], *w['next']])})"
    part = rf"(?P<part>{_alt(list(lex.parts))})"
    daytime = rf"(?P<dt>{_alt(list(w['daytime']))})"
    year_word = rf"(?:(?:{_alt(list(w['year']))})\s+)?"
    ago_words = [k for k, v in w["ago"].items() if v == "before"]
    ago_after = [k for k, v in w["ago"].items() if v == "after"]
    sp = r"\s+"
    # The words a match of each pattern may begin with (see ``_Patterns.starts``). Keep these
    # lists, ``need`` and ``lead`` in step with the regexes below: a start left out here is a
    # time expression lost (tests/nlp/test_literals.py compares with plain ``finditer``).
    digits = [str(d) for d in range(10)]
    bound_first = [*w["since"], *w["from"], *w["until"], *w["prep"]]
    first: dict[str, list[str]] = {
        "iso": digits,
        "range": ["zwischen", "von", "between", "from", "1", "2"],  # years: 1[89]xx, 20xx
        "dmy": [*bound_first, *lex.weekdays, *digits],
        "mdy": [*bound_first, *lex.weekdays, *lex.months],
        "numeric": [*bound_first, *digits],
        "part": list(lex.parts),
        "monthyear": [*bound_first, *lex.months],
        "month": bound_first,
        "ago_before": ago_words,
        "ago_after": [*w["approx"], *lex.numbers, *digits],
        "relative": [*w["last"], *w["this"], *w["next"]],
        "weekday": [*w["since"], *w["from"], *w["until"], *lex.weekdays],
        "reladay": list(lex.reldays),
        "daytime": ["am", "on", "in", "this"],
        "year": [*bound_first, *w["year"], "1", "2"],
    }
    # The words each pattern needs somewhere (the digits of the digit patterns need no check:
    # they start there, so ``starts`` finds them; no words means no check).
    need: dict[str, list[str]] = {
        "iso": [],
        "range": [],
        "dmy": list(lex.months),
        "mdy": list(lex.months),
        "numeric": [],
        "part": list(lex.parts),
        "monthyear": list(lex.months),
        "month": list(lex.months),
        "ago_before": ago_words,
        "ago_after": ago_after,
        "relative": [*w["last"], *w["this"], *w["next"]],
        "weekday": list(lex.weekdays),
        "reladay": list(lex.reldays),
        "daytime": list(w["daytime"]),
        "year": [],
    }
    lead = (
        rf"{bound}?{prep}?(?:{_alt(list(lex.weekdays))}|{_alt(list(lex.months))}"
        rf"|{_alt(list(w['year']))}|\d)"
    )
    # An empty word list would let a pattern match without its word: try it everywhere then.
    lists = (lex.months, lex.weekdays, lex.numbers, lex.units, lex.parts, lex.reldays)
    anchored = all(lists) and all(w[kind] for kind in ("prep", "approx", "daytime", "year"))
    items: list[tuple[str, str]] = [
        ("iso", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
        (
            "range",
            rf"(?:zwischen|von|between|from)\s+(?P<y1>{_YEAR})\s+(?:und|bis|and|to)\s+"
            rf"(?P<y2>{_YEAR})(?!\d)|(?P<y3>{_YEAR})\s*[–-]\s*(?P<y4>{_YEAR})(?!\d)",
        ),
        (
            "dmy",
            rf"{bound}?{prep}?(?:{weekday},?\s+(?:de[nm]\s+|the\s+)?)?(?P<d>[0-3]?\d)"
            rf"(?:\.|st|nd|rd|th)?\s*(?:of\s+)?{month}(?:,?{sp}{year})?",
        ),
        (
            "mdy",
            rf"{bound}?{prep}?(?:{weekday},?\s+)?{month}\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?"
            rf"(?![\d.])(?:,?{sp}{year})?",
        ),
        (
            "numeric",
            rf"{bound}?{prep}?(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>(?:19|20)\d\d)?(?!\d)",
        ),
        ("part", rf"{part}(?:\s*-\s*|\s+)(?:(?:of\s+)?{month})?(?:\s*{year})?"),
        ("monthyear", rf"{bound}?{prep}?{month}(?:\s+of)?{sp}{year}"),
        ("month", rf"(?:{bound}|{prep}){month}"),
        ("ago_before", rf"(?:{_alt(ago_words) or '(?!)'})\s+{approx}{number}{sp}{unit}"),
        ("ago_after", rf"{approx}{number}{sp}{unit}{sp}(?:{_alt(ago_after) or '(?!)'})(?!\w)"),
        ("relative", rf"{rel}{sp}(?:{unit}|{weekday})"),
        ("weekday", rf"{bound}?(?:{weekday}(?:{daytime})?)(?!\w)"),
        ("reladay", rf"(?P<rd>{_alt(list(lex.reldays))})(?!\w)(?:\s+{daytime})?"),
        ("daytime", rf"(?:am|on\s+the|in\s+the|this)\s+{daytime}(?!\w)"),
        ("year", rf"{bound}?{prep}?{year_word}{year}"),
    ]
    # Without "ago" words of a kind its pattern cannot match ("(?!)"): leave it out.
    impossible = {"ago_before"} if not ago_words else set()
    impossible |= {"ago_after"} if not ago_after else set()
    items = [(name, regex) for name, regex in items if name not in impossible]
    return _Patterns(
        items=tuple(
            (name, re.compile(rf"(?<![\w.-])(?:{regex})", re.IGNORECASE)) for name, regex in items
        ),
        starts=LiteralIndex(
            [
                [(word.split() or [""])[0] for word in first[name]] if anchored else None
                for name, _ in items
                if name not in _RARE
            ],
            word_start=".-",
        ),
        rare_starts=LiteralIndex(
            [
                [(word.split() or [""])[0] for word in first[name]] if anchored else None
                for name, _ in items
                if name in _RARE
            ],
            word_start=".-",
        ),
        slots=tuple(
            (name in _RARE, [n in _RARE for n, _ in items[:i]].count(name in _RARE))
            for i, (name, _) in enumerate(items)
        ),
        required=LiteralIndex(
            [[max(word.split() or [""], key=len) for word in need[name]] for name, _ in items]
        ),
        lead=re.compile(rf"(?<![\w.-])(?:{lead})", re.IGNORECASE),
    )


# --------------------------------------------------------------------------------------------
# Date arithmetic
# --------------------------------------------------------------------------------------------


def _add_months(day: date, months: int) -> date:
    """Return ``day`` shifted by ``months`` (clamped to the month's last day).

    >>> _add_months(date(2024, 3, 31), -1)
    datetime.date(2024, 2, 29)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def resolve_weekday(weekday: int, anchor: date, *, forward: bool = False) -> date:
    """Return the date of ``weekday`` (0 = Monday) nearest ``anchor`` in the given direction.

    The anchor's own weekday resolves to the anchor itself ("am Dienstag" in a Tuesday article).

    >>> resolve_weekday(1, date(2024, 12, 3))  # Tuesday article, "am Dienstag"
    datetime.date(2024, 12, 3)
    >>> resolve_weekday(4, date(2024, 12, 3))  # "am Freitag", looking back
    datetime.date(2024, 11, 29)
    >>> resolve_weekday(4, date(2024, 12, 3), forward=True)
    datetime.date(2024, 12, 6)
    """
    if forward:
        return anchor + timedelta(days=(weekday - anchor.weekday()) % 7)
    return anchor - timedelta(days=(anchor.weekday() - weekday) % 7)


def _month_year(month: int, anchor: date | None, *, forward: bool) -> int | None:
    """Return the year of a month named without one.

    Forward-looking sentences take the next occurrence; otherwise the past one, unless the month
    lies at most ``MAX_MONTHS_AHEAD`` ahead ("die Stichwahl ist für den 3. November angesetzt"
    in October).

    >>> _month_year(9, date(2024, 12, 3), forward=False)
    2024
    >>> _month_year(11, date(2024, 10, 21), forward=False)
    2024
    >>> _month_year(8, date(2024, 3, 1), forward=False)
    2023
    """
    if anchor is None:
        return None
    if forward:
        return anchor.year if month >= anchor.month else anchor.year + 1
    if month <= anchor.month or month - anchor.month <= MAX_MONTHS_AHEAD:
        return anchor.year
    return anchor.year - 1


@dataclass(frozen=True, slots=True)
class _Value:
    value: str | None
    precision: TimePrecision | None
    begin: str | None = None
    end: str | None = None
    is_interval: bool = False


def _day(d: date) -> _Value:
    return _Value(d.isoformat(), TimePrecision.DAY)


def _month(year: int, month: int) -> _Value:
    return _Value(f"{year:04d}-{month:02d}", TimePrecision.MONTH)


def _year(year: int) -> _Value:
    return _Value(f"{year:04d}", TimePrecision.YEAR)


# --------------------------------------------------------------------------------------------
# Normalisers, one per pattern
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Context:
    lex: TimeLexicon
    anchor: date | None
    forward: bool  # the sentence points forward in time


def _number(text: str, lex: TimeLexicon) -> int | None:
    folded = " ".join(text.casefold().split())
    return int(folded) if folded.isdigit() else lex.numbers.get(folded)


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _norm_day_month(m: re.Match[str], ctx: _Context) -> _Value | None:
    month = (
        int(m.group("m")) if "m" in m.re.groupindex else ctx.lex.months[m.group("mon").casefold()]
    )
    day = int(m.group("d"))
    year_text = m.group("y")
    year = int(year_text) if year_text else _month_year(month, ctx.anchor, forward=ctx.forward)
    if year is None:
        return None
    found = _safe_date(year, month, day)
    return _day(found) if found else None


def _norm_iso(m: re.Match[str], ctx: _Context) -> _Value | None:
    found = _safe_date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
    return _day(found) if found else None


def _norm_range(m: re.Match[str], ctx: _Context) -> _Value | None:
    first, second = (
        (m.group("y1"), m.group("y2")) if m.group("y1") else (m.group("y3"), m.group("y4"))
    )
    if int(second) < int(first):
        return None
    return _Value(None, TimePrecision.YEAR, begin=first, end=second, is_interval=True)


def _norm_part(m: re.Match[str], ctx: _Context) -> _Value | None:
    part = ctx.lex.parts[" ".join(m.group("part").casefold().split())]
    month_text, year_text = m.group("mon"), m.group("y")
    if month_text is None and year_text is None:
        return None
    if month_text is None:
        first, last = _PART_MONTHS[part]
        return _Value(
            year_text,
            TimePrecision.YEAR,
            begin=f"{year_text}-{first:02d}",
            end=f"{year_text}-{last:02d}",
        )
    month = ctx.lex.months[month_text.casefold()]
    year = int(year_text) if year_text else _month_year(month, ctx.anchor, forward=ctx.forward)
    if year is None:
        return None
    first_day, last_day = _PART_DAYS[part]
    last_day = min(last_day, calendar.monthrange(year, month)[1])
    value = _month(year, month)
    return _Value(
        value.value,
        value.precision,
        begin=f"{value.value}-{first_day:02d}",
        end=f"{value.value}-{last_day:02d}",
    )


def _norm_month(m: re.Match[str], ctx: _Context) -> _Value | None:
    month = ctx.lex.months[m.group("mon").casefold()]
    year_text = m.groupdict().get("y")
    year = int(year_text) if year_text else _month_year(month, ctx.anchor, forward=ctx.forward)
    return _month(year, month) if year is not None else None


def _norm_ago(m: re.Match[str], ctx: _Context) -> _Value | None:
    amount = _number(m.group("num"), ctx.lex)
    if amount is None or ctx.anchor is None:
        return None
    unit = ctx.lex.units[m.group("unit").casefold()]
    if unit == "year":
        return _year(ctx.anchor.year - amount)
    if unit == "month":
        shifted = _add_months(ctx.anchor, -amount)
        return _month(shifted.year, shifted.month)
    days = amount * 7 if unit == "week" else amount
    return _day(ctx.anchor - timedelta(days=days))


def _norm_relative(m: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return None
    rel_word = m.group("rel").casefold()
    offset = next(int(table[rel_word]) for kind, table in ctx.lex.words.items()
                  if kind in ("last", "this", "next") and rel_word in table)  # fmt: skip
    if m.group("wd"):
        weekday = ctx.lex.weekdays[m.group("wd").casefold()]
        if offset == 0:
            return _day(resolve_weekday(weekday, ctx.anchor, forward=ctx.forward))
        shifted = ctx.anchor + timedelta(days=7 * offset)
        monday = shifted - timedelta(days=shifted.weekday())
        return _day(monday + timedelta(days=weekday))
    unit = ctx.lex.units[m.group("unit").casefold()]
    if unit == "year":
        return _year(ctx.anchor.year + offset)
    if unit == "month":
        shifted = _add_months(ctx.anchor, offset)
        return _month(shifted.year, shifted.month)
    if unit == "day":
        return _day(ctx.anchor + timedelta(days=offset))
    monday = ctx.anchor - timedelta(days=ctx.anchor.weekday()) + timedelta(days=7 * offset)
    sunday = monday + timedelta(days=6)
    same_month = monday.month == sunday.month
    return _Value(
        f"{monday.year:04d}-{monday.month:02d}" if same_month else None,
        TimePrecision.MONTH if same_month else None,
        begin=monday.isoformat(),
        end=sunday.isoformat(),
        is_interval=True,
    )


def _norm_weekday(m: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return None
    weekday = ctx.lex.weekdays[m.group("wd").casefold()]
    return _day(resolve_weekday(weekday, ctx.anchor, forward=ctx.forward))


def _norm_reladay(m: re.Match[str], ctx: _Context) -> _Value | None:
    if ctx.anchor is None:
        return None
    return _day(ctx.anchor + timedelta(days=ctx.lex.reldays[m.group("rd").casefold()]))


def _norm_daytime(m: re.Match[str], ctx: _Context) -> _Value | None:
    return _day(ctx.anchor) if ctx.anchor is not None else None


def _norm_year(m: re.Match[str], ctx: _Context) -> _Value | None:
    year = int(m.group("y"))
    return _year(year) if _MIN_BARE_YEAR <= year <= _MAX_BARE_YEAR else None


_NORMALISERS: dict[str, Callable[[re.Match[str], _Context], _Value | None]] = {
    "iso": _norm_iso,
    "range": _norm_range,
    "dmy": _norm_day_month,
    "mdy": _norm_day_month,
    "numeric": _norm_day_month,
    "part": _norm_part,
    "monthyear": _norm_month,
    "month": _norm_month,
    "ago_before": _norm_ago,
    "ago_after": _norm_ago,
    "relative": _norm_relative,
    "weekday": _norm_weekday,
    "reladay": _norm_reladay,
    "daytime": _norm_daytime,
    "year": _norm_year,
}


# --------------------------------------------------------------------------------------------
# The stage
# --------------------------------------------------------------------------------------------


def _has_word(text: str, words: Mapping[str, str]) -> bool:
    tokens = re.findall(r"[\w-]+", text.casefold())
    folded = " " + " ".join(tokens) + " "
    return any(f" {word} " in folded for word in words)


def _accept(name: str, m: re.Match[str], text: str, lex: TimeLexicon) -> bool:
    """Reject words of another kind: "may"/"march" (verbs), "Morgen", "2000 Soldaten"."""
    groups = m.groupdict()
    if lex.lang == "en":
        for key in ("mon", "wd"):
            word = groups.get(key)
            if word and not word[0].isupper():
                return False
    rd = groups.get("rd")
    if lex.lang == "de" and rd and rd[0].isupper() and rd.casefold() == "morgen":
        return False  # "Morgen" is the morning; "morgen" is tomorrow
    if name != "year" or groups.get("bound") or not m.group(0)[0].isdigit():
        return True
    before = text[max(0, m.start() - 25) : m.start()].casefold().split()
    if before and (
        before[-1] in lex.words["approx"] or " ".join(before[-2:]) in lex.words["approx"]
    ):
        return False  # "mehr als 2000", "about 2000"
    after = text[m.end() : m.end() + 30]
    nxt = re.match(r"\s*([^\W\d]+)", after)
    if nxt is None:
        return True
    word = nxt.group(1)
    if word.casefold() in lex.units or word.casefold() in lex.words["count"]:
        return False
    # German nouns are capitalised: "2000 Soldaten" is a quantity; "1994 hatte …" is a year.
    return not (lex.lang == "de" and word[0].isupper() and word.casefold() not in lex.months)


def _strip_prep(surface: str, lex: TimeLexicon) -> int:
    """Return how many leading characters of ``surface`` are a bare preposition ("am ", "im ")."""
    first = re.match(r"(\w+)\s+", surface)
    if first and first.group(1).casefold() in lex.words["prep"]:
        return first.end()
    return 0


def _matches(text: str, patterns: _Patterns) -> list[tuple[str, re.Match[str]]]:
    """Return ``(name, match)`` for every ``pattern.finditer(text)`` match, pattern by pattern.

    Only the places where a pattern can start are tried (``_Patterns``), so the result is that
    of running every pattern over the whole text.
    """
    folded = fold_text(text)
    possible = set(patterns.required.candidates(folded, 0, len(text)))
    common = patterns.starts.occurrences(folded, 0, len(text))
    rare = (
        patterns.rare_starts.occurrences(folded, 0, len(text))
        if any(patterns.slots[index][0] for index in possible)
        else {}
    )
    leads: dict[int, bool] = {}
    found: list[tuple[str, re.Match[str]]] = []
    for index, (name, pattern) in enumerate(patterns.items):
        is_rare, slot = patterns.slots[index]
        keys = rare if is_rare else common
        if index not in possible or slot not in keys:
            continue  # none of the words it needs, or none of its first words, occurs
        positions = keys[slot]
        if positions is None:
            found.extend((name, m) for m in pattern.finditer(text))
            continue
        if name in _LEADS:
            for p in positions:
                if p not in leads:
                    leads[p] = patterns.lead.match(text, p) is not None
            positions = [p for p in positions if leads[p]]
        end = 0  # as in finditer: a match starts after the previous one
        for p in positions:
            if p >= end and (m := pattern.match(text, p)) is not None:
                found.append((name, m))
                end = m.end()
    return found


def _scan(
    text: str,
    base: int,
    *,
    lex: TimeLexicon,
    anchor: date | None,
    sentences: Sequence[tuple[int, int]],
) -> list[tuple[int, int, _Value]]:
    """Find and normalise time expressions in ``text``; offsets are shifted by ``base``."""
    candidates = [
        (m.start(), m.end(), name, m)
        for name, m in _matches(text, _patterns(lex))
        if m.end() > m.start() and _accept(name, m, text, lex)
    ]
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[0]))
    taken: list[tuple[int, int, _Value]] = []
    future: dict[str, bool] = {}  # sentence -> it points forward in time
    for start, end, name, m in candidates:
        if any(start < t_end and t_start < end for t_start, t_end, _ in taken):
            continue
        sentence = next((text[s:e] for s, e in sentences if s <= start < e), None)
        if sentence is None:  # no sentence given: the text between sentence punctuation
            left = max(text.rfind(p, 0, start) for p in ".!?\n")
            right = min(
                (i for i in (text.find(p, end) for p in ".!?\n") if i >= 0), default=len(text)
            )
            sentence = text[left + 1 : right]
        forward = future.get(sentence)
        if forward is None:
            forward = future[sentence] = _has_word(sentence, lex.words["future"])
        ctx = _Context(lex, anchor, forward)
        value = _NORMALISERS[name](m, ctx)
        if value is None:
            continue
        bound = m.groupdict().get("bound")
        if bound:
            value = _bounded(value, bound.casefold(), lex)
        else:
            start += _strip_prep(text[start:end], lex)
        taken.append((start, end, value))
    taken.sort(key=lambda t: t[0])
    return [(start + base, end + base, value) for start, end, value in taken]


def _bounded(value: _Value, bound: str, lex: TimeLexicon) -> _Value:
    """Turn a point into a start bound ("seit 2014") or an end bound ("bis 2025")."""
    bound = " ".join(bound.split())
    if bound in lex.words["until"]:
        return _Value(None, value.precision, begin=None, end=value.value, is_interval=True)
    return _Value(value.value, value.precision, begin=value.value, end=None, is_interval=True)


def find_time_expressions(
    article: Article,
    sentences: Sequence[Sentence],
    *,
    lexicon: TimeLexicon | None = None,
) -> tuple[TimeExpression, ...]:
    """Find the time expressions of an article and its comments, normalised to ISO values.

    Args:
        article: the article; ``published`` anchors relative expressions.
        sentences: its sentences (comment sentences make their comments scanned too).
        lexicon: the time lexicon of ``article.lang`` (loaded when omitted).

    Returns:
        The time expressions in text order, body first, then comments.

    Example:
        >>> art = Article(id="a", text="Seit 2014 und am Dienstag.", lang="de", source="<doc>",
        ...               published=date(2024, 12, 3))
        >>> [(t.surface, t.value, t.begin) for t in find_time_expressions(art, ())]
        [('Seit 2014', '2014', '2014'), ('Dienstag', '2024-12-03', None)]
    """
    lex = lexicon if lexicon is not None else load_time_lexicon(article.lang)
    body_spans = [(s.start, s.end) for s in sentences if s.comment is None]
    found: list[TimeExpression] = []
    for start, end, value in _scan(
        article.text, 0, lex=lex, anchor=article.published, sentences=body_spans
    ):
        found.append(_record(f"t-{start}-{end}", start, end, article.text, value, None))
    for index in sorted({s.comment for s in sentences if s.comment is not None}):
        if not 0 <= index < len(article.comments):
            continue
        comment = article.comments[index]
        anchor = comment.created.date() if comment.created else article.published
        spans = [(s.start, s.end) for s in sentences if s.comment == index]
        for start, end, value in _scan(comment.text, 0, lex=lex, anchor=anchor, sentences=spans):
            found.append(
                _record(f"c{index}-t-{start}-{end}", start, end, comment.text, value, index)
            )
    return tuple(found)


def _record(
    ident: str, start: int, end: int, text: str, value: _Value, comment: int | None
) -> TimeExpression:
    return TimeExpression(
        id=ident,
        start=start,
        end=end,
        surface=text[start:end],
        value=value.value,
        precision=value.precision,
        begin=value.begin,
        end_value=value.end,
        is_interval=value.is_interval,
        comment=comment,
    )
