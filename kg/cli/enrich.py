"""``kg enrich``: fetch Wikidata facts about the linked actors into graph/wikidata."""

from __future__ import annotations

import argparse
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target
from kg.cli._wikidata import add_wikidata_options, wikidata_client


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``enrich`` subcommand."""
    parser = subparsers.add_parser(
        "enrich",
        help="fetch Wikidata facts (types, citizenship, posts, memberships) of linked actors",
        description=(
            "For every Wikidata item an article graph or graph/links points to, fetch labels "
            "(de/en), instance of, citizenship, country, positions held with start and end, "
            "and memberships, plus the same facts of the items those point to, into the named "
            "graph graph/wikidata (replaced as a whole). Then e.g. "
            "'kg query statements_by_nato_member_officials'."
        ),
    )
    add_store_option(parser)
    parser.add_argument(
        "--depth",
        type=int,
        default=3,
        metavar="N",
        help="rounds of following references (default 3: actors, their posts and states, "
        "the posts' jurisdictions)",
    )
    add_wikidata_options(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.linking.enrich import enrich_store
    from kg.store import open_store

    client = wikidata_client(args)
    with open_store(store_target(args)) as store:
        report = enrich_store(store, client, depth=args.depth)
    if not args.quiet:
        print(
            f"enriched {report.linked} linked item(s) ({report.items} with references) into "
            f"{report.triples} triples of graph/wikidata; {client.requests} request(s) to "
            f"{client.endpoint}"
        )
    return 0
