"""Helpers for the scale tests: a small varied corpus and run-independent store contents."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

from kg.store import open_store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
_RUN = re.compile(rb"<https://w3id\.org/newskg/run/[0-9a-f]+>")
_STARTED = re.compile(rb'"[0-9][0-9T:.+\-]*Z?"\^\^<http://www\.w3\.org/2001/XMLSchema#dateTime>')


def corpus(directory: Path, count: int = 12) -> list[str]:
    """The example articles plus ``count`` generated German/English articles (JSON Lines)."""
    sys.path.insert(0, str(REPO / "benchmarks"))
    from generate import write  # type: ignore[import-not-found]

    feed = write(count, directory / "generated.jsonl", seed=11)
    return [str(EXAMPLES / "articles"), str(feed)]


def normalised(lines: bytes) -> list[bytes]:
    """N-Quads lines sorted, with extraction-run IRIs and their timestamps made constant."""
    out = [_STARTED.sub(b'"T"', _RUN.sub(b"<run>", line)) for line in lines.splitlines()]
    return sorted(line for line in out if line.strip())


def store_nquads(store_dir: Path) -> list[bytes]:
    """The normalised N-Quads of a whole embedded store."""
    with open_store(store_dir, read_only=True) as store:
        buffer = io.BytesIO()
        store.dump(buffer, "nquads")
    return normalised(buffer.getvalue())
