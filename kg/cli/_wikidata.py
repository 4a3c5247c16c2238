"""Options shared by the commands that talk to Wikidata (link, enrich, gazetteer, ingest)."""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kg.linking.wikidata import WikidataClient


def add_wikidata_options(parser: argparse.ArgumentParser) -> None:
    """Add ``--wikidata-endpoint``, ``--cache-dir``, ``--offline`` and ``--timeout``."""
    group = parser.add_argument_group("Wikidata")
    group.add_argument(
        "--wikidata-endpoint",
        metavar="URL",
        default=None,
        help="SPARQL endpoint of Wikidata or a Wikidata-shaped mirror "
        "(default: $KG_WIKIDATA_ENDPOINT, else https://query.wikidata.org/sparql)",
    )
    group.add_argument(
        "--cache-dir",
        metavar="DIR",
        type=Path,
        default=None,
        help="answer cache (default: $KG_CACHE_DIR/wikidata, else ~/.cache/kg/wikidata)",
    )
    group.add_argument(
        "--offline",
        action="store_true",
        help="answer from the cache only; an uncached question is an error",
    )
    group.add_argument(
        "--timeout", type=float, default=None, metavar="SECONDS", help="per request (default 60)"
    )


def wikidata_client(args: argparse.Namespace) -> WikidataClient:
    """The client the options describe (User-Agent contact from ``$KG_CONTACT``)."""
    from kg.linking.cache import ResultCache
    from kg.linking.wikidata import DEFAULT_ENDPOINT, DEFAULT_TIMEOUT, ClientOptions, WikidataClient

    endpoint = args.wikidata_endpoint or os.environ.get("KG_WIKIDATA_ENDPOINT") or DEFAULT_ENDPOINT
    options = ClientOptions(
        timeout=args.timeout if args.timeout is not None else DEFAULT_TIMEOUT,
        offline=args.offline,
    )
    return WikidataClient(endpoint, cache=ResultCache(args.cache_dir), options=options)
