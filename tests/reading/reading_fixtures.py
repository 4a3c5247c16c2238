"""Paths of the reading fixtures (tests/data/reading) and the shared seed article."""

from __future__ import annotations

from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "data" / "reading"
SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seeds" / "000_37f2beed3ee40e28.txt"
SEED_GOLD = SHARED / "eval" / "seed.gold.json"
