"""The one place that knows where kg's data files live.

``ontology/`` and ``queries/`` sit at the top of the source checkout and are mapped into the
wheel as ``kg/_resources/{ontology,queries}`` (see ``pyproject.toml``). Lexicons and the gazetteer
live inside the package (``kg/nlp/lexicons/<lang>/``, ``kg/data/gazetteer/``).
"""

from __future__ import annotations

from pathlib import Path

from kg.errors import ConfigError

_PACKAGE_DIR = Path(__file__).resolve().parent
_SOURCE_ROOT = _PACKAGE_DIR.parent

SUPPORTED_LANGUAGES = ("de", "en")


def _top_level_dir(name: str) -> Path:
    """Return ``name`` from the wheel (kg/_resources/name) or from the source checkout."""
    for candidate in (_PACKAGE_DIR / "_resources" / name, _SOURCE_ROOT / name):
        if candidate.is_dir():
            return candidate
    raise ConfigError(f"kg's {name}/ directory is missing; reinstall kg", option=name)


def ontology_dir() -> Path:
    """Return the directory holding ``kg.ttl`` and ``shapes.ttl``."""
    return _top_level_dir("ontology")


def queries_dir() -> Path:
    """Return the directory holding the named ``*.rq`` queries."""
    return _top_level_dir("queries")


def examples_dir() -> Path:
    """Return the bundled example articles (used by ``kg demo``)."""
    return _top_level_dir("examples")


def data_dir() -> Path:
    """Return ``kg/data`` (gazetteer and other curated reference data)."""
    return _PACKAGE_DIR / "data"


def gazetteer_dir() -> Path:
    """Return the directory of the shipped gazetteer files (``*.jsonl``)."""
    return data_dir() / "gazetteer"


def lexicon_dir(lang: str) -> Path:
    """Return the lexicon directory for ``lang``.

    Raises:
        ConfigError: ``lang`` is not a supported language.
    """
    if lang not in SUPPORTED_LANGUAGES:
        raise ConfigError(
            f"unsupported language {lang!r}; supported: {', '.join(SUPPORTED_LANGUAGES)}",
            option="lang",
        )
    return _PACKAGE_DIR / "nlp" / "lexicons" / lang
