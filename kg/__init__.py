"""kg: turn geopolitical news articles into a Wikidata-linked knowledge graph.

The curated API (everything else is imported from its module)::

    articles = kg.read_articles(["news/"])           # files, directories, globs, URLs
    resources = kg.load_resources()                  # gazetteer + lexicons, once
    analysis = kg.analyze(articles[0], resources)    # actors, posts, statements, …
    dataset = kg.build_article_graph(analysis)       # rdflib Dataset (one named graph)
    with kg.open_store("kg-store") as store:         # embedded Oxigraph on disk
        kg.ingest_articles(articles, store, resources, options=kg.IngestOptions())
        result = kg.run_query(store, kg.load_query("actors_in_article"), {"article": "…"})

Heavy modules (rdflib, pyoxigraph, pyvis) load on first use, not on ``import kg``.
"""

from __future__ import annotations

import importlib
import logging
from typing import Any

__version__ = "0.1.0"

_API = {
    "Analysis": "kg.model",
    "Article": "kg.model",
    "IngestOptions": "kg.ingest",
    "KGError": "kg.errors",
    "analyze": "kg.nlp.pipeline",
    "build_article_graph": "kg.rdf.build",
    "ingest_articles": "kg.ingest",
    "load_query": "kg.store",
    "load_resources": "kg.nlp.pipeline",
    "open_store": "kg.store",
    "read_articles": "kg.ingest",
    "run_query": "kg.store",
}

__all__ = sorted([*_API, "__version__"])

logging.getLogger(__name__).addHandler(logging.NullHandler())


def __getattr__(name: str) -> Any:
    module = _API.get(name)
    if module is None:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return __all__
