"""Paths of the reading fixtures (tests/data/reading) and the shared seed article.

The fixtures are written for kg's tests (our own sentences; no real article text):

- ``de_wpdiscuz.txt``: German page copied as text: sub-headline, dateline, "Von:" byline, heading,
  wpDiscuz-style comments (author twice, rank, relative age), two threads, a late top-level one.
- ``en_reply_markers.txt``: English page, "By:" byline, "Tuesday, 3 December 2024 | 6:57 pm",
  comments with "2 hours ago" and "Reply" buttons.
- ``de_antworten.txt``: German page, comments without times separated by "Antworten", "@Name".
- ``en_says.txt``: English WordPress copy: "Name says:" + absolute date, "Leave a Reply".
- ``front_matter.md``: ``---`` front matter (title, date, url, lang, source, id, agencies).
- ``news_page.html``: German HTML page with navigation, teasers, related links, footer and nested
  wpDiscuz comments.
- ``wordpress_comments.html``: English HTML page in windows-1252 with nested WordPress comments.
- ``record.json`` (a list of two records), ``records.jsonl`` (five lines: two good, one
  malformed, one without text, one without id).

The expected values live in the tests.
"""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "reading"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_37f2beed3ee40e28.txt"
SEED_GOLD = SHARED / "eval" / "seed.gold.json"
