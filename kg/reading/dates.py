"""Dates as news pages write them: datelines, ISO values and relative comment ages.

Times of day are returned as *naive* datetimes: the wall-clock time printed on the page, in
the publisher's local time. A page rarely states its time zone and kg does not guess one from
the site; a caller that knows the zone (Europe/Rome for South Tyrolean sites) can attach it.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time

from kg.reading.vocabulary import PageVocabulary, page_vocabulary

_ISO = re.compile(
    r"(?P<y>[0-9]{4})-(?P<m>[0-9]{1,2})-(?P<d>[0-9]{1,2})"
    r"(?:[T ](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2})(?::[0-9]{2}(?:\.[0-9]+)?)?"
    r"(?P<tz>Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
_NUMERIC = re.compile(
    r"(?<![0-9])(?P<d>[0-9]{1,2})\.\s?(?P<m>[0-9]{1,2})\.\s?(?P<y>[0-9]{4})(?![0-9])"
)
_WORD = r"(?P<mon>[^\W\d_]{3,}\.?)"
_DAY_MONTH_YEAR = re.compile(
    rf"(?<![0-9])(?P<d>[0-9]{{1,2}})\.?\s+{_WORD}\s+(?P<y>[0-9]{{4}})(?![0-9])"
)
_MONTH_DAY_YEAR = re.compile(
    rf"{_WORD}\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})(?![0-9])", re.IGNORECASE
)
_CLOCK = re.compile(
    r"(?<![0-9:])(?P<H>[0-9]{1,2})[:.](?P<M>[0-9]{2})(?![0-9:])\s*(?P<ampm>[ap]\.?\s?m\.?)?",
    re.IGNORECASE,
)
_AGE_PART = re.compile(r"(?P<n>[0-9]+|[^\W\d_]+)\s*(?P<unit>[^\W\d_]+\.?)")

#: The earliest and latest years accepted as a publication date: earlier or later numbers in a
#: dateline are typos or not dates at all (online news starts in the 1990s; 2100 is far off).
MIN_YEAR = 1900
MAX_YEAR = 2100

#: Longest line still read as a dateline or an age line (characters). The seed's dateline
#: "Dienstag, 03. Dezember 2024 | 18:57 Uhr" has 39; a body sentence that merely contains a date
#: is far longer, and must not be mistaken for the dateline.
MAX_DATELINE_CHARS = 80

#: Words besides the date and the time that a dateline may carry: a weekday plus a label such as
#: "Veröffentlicht am" / "Updated on" (3). "Am 3. Mai 2024 fiel in Bozen Schnee" has 5 and is a
#: sentence, not a dateline.
MAX_DATELINE_EXTRA_WORDS = 3


def _make_date(year: int, month: int, day: int) -> date | None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _find_date(text: str, vocab: PageVocabulary) -> tuple[date, int] | None:
    """Return the first calendar date in ``text`` and the offset where it ends."""
    for pattern in (_ISO, _NUMERIC, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        match = pattern.search(text)
        if match is None:
            continue
        groups = match.groupdict()
        if "mon" in groups:
            month = vocab.months.get(groups["mon"].casefold())
            if month is None:
                continue
        else:
            month = int(groups["m"])
        found = _make_date(int(groups["y"]), month, int(groups["d"]))
        if found is not None:
            end = match.end("H") if groups.get("H") else match.end()
            return found, end
    return None


def _find_time(text: str) -> time | None:
    match = _CLOCK.search(text)
    if match is None:
        return None
    hour, minute = int(match["H"]), int(match["M"])
    ampm = (match["ampm"] or "").replace(".", "").replace(" ", "").lower()
    if ampm == "pm" and hour < 12:
        hour += 12
    elif ampm == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return time(hour, minute)


def parse_date_text(
    text: str, *, vocab: PageVocabulary | None = None
) -> tuple[date, datetime | None] | None:
    """Find a date (and a time of day after it) in a dateline, header field or record value.

    Args:
        text: "Dienstag, 03. Dezember 2024 | 18:57 Uhr", "December 3, 2024", "2024-12-03T18:57".
        vocab: the page vocabulary (month names); loaded when omitted.

    Returns:
        ``(date, naive datetime or None)``, or None when ``text`` holds no valid date.

    Example:
        >>> parse_date_text("Dienstag, 03. Dezember 2024 | 18:57 Uhr")
        (datetime.date(2024, 12, 3), datetime.datetime(2024, 12, 3, 18, 57))
    """
    vocab = vocab or page_vocabulary()
    found = _find_date(text, vocab)
    if found is None:
        return None
    day, end = found
    iso = _ISO.match(text.strip())
    if iso is not None and iso["H"]:
        return day, datetime(day.year, day.month, day.day, int(iso["H"]), int(iso["M"]))
    clock = _find_time(text[end:])
    if clock is None:
        return day, None
    return day, datetime.combine(day, clock)


def is_dateline(line: str, *, vocab: PageVocabulary | None = None) -> bool:
    """Tell whether a whole line is a dateline: short, and little besides a date and a time.

    Example:
        >>> is_dateline("Tuesday, 3 December 2024 | 6:57 pm")
        True
        >>> is_dateline("Am 3. Mai 2024 fiel in Bozen Schnee.")
        False
    """
    vocab = vocab or page_vocabulary()
    if len(line) > MAX_DATELINE_CHARS or parse_date_text(line, vocab=vocab) is None:
        return False
    rest = _CLOCK.sub(" ", _ISO.sub(" ", line))
    for pattern in (_NUMERIC, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        rest = pattern.sub(" ", rest)
    extra = [
        word
        for word in re.findall(r"[^\W\d_]+", rest)
        if word.casefold() not in vocab.clock_words | vocab.joiners
    ]
    return len(extra) <= MAX_DATELINE_EXTRA_WORDS


def parse_age(line: str, *, vocab: PageVocabulary | None = None) -> int | None:
    """Read a relative comment age in seconds ("9 h 51 Min", "vor 2 Stunden", "3 days ago").

    Returns None unless the whole line is an age.

    Example:
        >>> parse_age("4 Min 18 Sek")
        258
    """
    vocab = vocab or page_vocabulary()
    text = line.strip(" •·|-–—").casefold()  # bullets and rules around the age are layout
    if not text or len(text) > MAX_DATELINE_CHARS:
        return None
    words = text.split()
    if words and words[0] in vocab.ago_words:
        words = words[1:]
    if words and words[-1] in vocab.ago_words:
        words = words[:-1]
    rest = " ".join(words)
    total, pos, parts = 0, 0, 0
    for match in _AGE_PART.finditer(rest):
        if rest[pos : match.start()].strip(" ,"):
            return None
        number, unit = match["n"], match["unit"]
        count = int(number) if number.isascii() and number.isdigit() else vocab.counts.get(number)
        seconds = vocab.units.get(unit)
        if count is None or seconds is None:
            return None
        total += count * seconds
        pos, parts = match.end(), parts + 1
    if parts == 0 or rest[pos:].strip():
        return None
    return total
