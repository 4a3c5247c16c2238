"""Fixtures of the eval tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture
def gold_file(tmp_path: Path) -> Path:
    """A directory with one source text; returns the gold path to write."""
    (tmp_path / "a1.txt").write_text("Rutte sagte etwas.\n", encoding="utf-8")
    return tmp_path / "gold.jsonl"
