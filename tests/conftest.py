"""Shared fixtures: the only conftest.py of the test suite."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_37f2beed3ee40e28.txt"
SEED_GOLD = SHARED / "eval" / "seed.gold.json"


@pytest.fixture(autouse=True)
def _no_kg_environment(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests never see the developer's KG_* settings (e.g. KG_STORE)."""
    import os

    for name in list(os.environ):
        if name.startswith("KG_"):
            monkeypatch.delenv(name)
    yield


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    """The shipped gazetteer and lexicons, loaded once per test session."""
    from kg.nlp.pipeline import load_resources

    return load_resources()
