"""A disk cache of SPARQL results, keyed by endpoint and query text.

One JSON file per (endpoint, query) pair, named by the SHA-256 of both, under
``$KG_CACHE_DIR/wikidata`` or, without that variable, ``~/.cache/kg/wikidata``. A second run
of ``kg link``/``kg enrich`` with the same inputs reads every answer from here and makes no
network request. Entries are written atomically (temporary file + rename), so an interrupted
run never leaves a half-written entry; a corrupt entry is treated as missing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

#: Bump when the stored format changes; old entries are then ignored.
CACHE_FORMAT = 1


def default_cache_dir() -> Path:
    """``$KG_CACHE_DIR/wikidata`` if that variable is set, else ``~/.cache/kg/wikidata``."""
    root = os.environ.get("KG_CACHE_DIR")
    base = Path(root).expanduser() if root else Path.home() / ".cache" / "kg"
    return base / "wikidata"


def cache_key(endpoint: str, query: str) -> str:
    """The file stem of a cache entry: SHA-256 of endpoint and query text.

    >>> len(cache_key("http://x/sparql", "ASK {}"))
    64
    """
    digest = hashlib.sha256(f"{CACHE_FORMAT}\x00{endpoint}\x00{query}".encode())
    return digest.hexdigest()


class ResultCache:
    """SPARQL JSON results on disk (``directory/<key[:2]>/<key>.json``)."""

    def __init__(self, directory: Path | None = None) -> None:
        self.directory = directory if directory is not None else default_cache_dir()

    def _path(self, endpoint: str, query: str) -> Path:
        key = cache_key(endpoint, query)
        return self.directory / key[:2] / f"{key}.json"

    def get(self, endpoint: str, query: str) -> dict[str, Any] | None:
        """The cached result of ``query`` at ``endpoint``, or None when not cached."""
        path = self._path(endpoint, query)
        try:
            entry = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as exc:
            logger.warning("ignoring unreadable cache entry %s: %s", path, exc)
            return None
        if not isinstance(entry, dict) or not isinstance(entry.get("result"), dict):
            return None
        result: dict[str, Any] = entry["result"]
        return result

    def put(self, endpoint: str, query: str, result: dict[str, Any]) -> None:
        """Store ``result`` atomically (a reader sees the old entry or the new one)."""
        path = self._path(endpoint, query)
        path.parent.mkdir(parents=True, exist_ok=True)
        entry = {"endpoint": endpoint, "query": query, "result": result}
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=".json")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(entry, out, ensure_ascii=False, sort_keys=True)
            Path(tmp).replace(path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def __len__(self) -> int:
        return sum(1 for _ in self.directory.glob("*/*.json")) if self.directory.exists() else 0
