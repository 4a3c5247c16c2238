"""The disk cache of SPARQL answers."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.linking.cache import ResultCache, default_cache_dir

RESULT = {"head": {"vars": []}, "results": {"bindings": []}}


def test_entries_are_keyed_by_endpoint_and_query(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("http://a/sparql", "ASK {}", RESULT)
    assert cache.get("http://a/sparql", "ASK {}") == RESULT
    assert cache.get("http://b/sparql", "ASK {}") is None
    assert cache.get("http://a/sparql", "ASK { }") is None
    assert len(cache) == 1
    assert not list(tmp_path.glob("*/.tmp-*"))  # no temporary file left behind


def test_a_corrupt_entry_is_a_miss(tmp_path: Path) -> None:
    cache = ResultCache(tmp_path)
    cache.put("http://a/sparql", "ASK {}", RESULT)
    for path in tmp_path.glob("*/*.json"):
        path.write_text('{"result": [', encoding="utf-8")
    assert cache.get("http://a/sparql", "ASK {}") is None


def test_the_default_directory_follows_kg_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    assert default_cache_dir() == tmp_path / "wikidata"
    monkeypatch.delenv("KG_CACHE_DIR")
    assert default_cache_dir() == Path.home() / ".cache" / "kg" / "wikidata"
