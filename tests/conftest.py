"""Shared fixtures: the only conftest.py of the test suite."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_37f2beed3ee40e28.txt"
SEED_GOLD = SHARED / "eval" / "seed.gold.json"


@pytest.fixture(autouse=True)
def _no_kg_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's KG_* settings (e.g. KG_STORE)."""
    import os

    for name in list(os.environ):
        if name.startswith("KG_"):
            monkeypatch.delenv(name)


@pytest.fixture(scope="session")
def resources():  # type: ignore[no-untyped-def]
    """The shipped gazetteer and lexicons, loaded once per test session."""
    from kg.nlp.pipeline import load_resources

    return load_resources()


@pytest.fixture(scope="session")
def virtuoso(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """A Virtuoso server on 127.0.0.1 for the whole session (``tests/virtuoso.py``).

    Skips when ``virtuoso-t`` (Debian ``virtuoso-opensource-7-bin``) is not installed. Tests
    using it are marked ``virtuoso``; each should write to graphs of its own.
    """
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from virtuoso import start_virtuoso, virtuoso_available

    if not virtuoso_available():
        pytest.skip("virtuoso-t/isql-vt not installed (apt-get install virtuoso-opensource-7-bin)")
    server = start_virtuoso(tmp_path_factory.mktemp("virtuoso"))
    yield server
    server.stop()
