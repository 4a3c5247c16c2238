"""``kg link``: link the store's actors that have no QID to Wikidata (graph/links)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target
from kg.cli._wikidata import add_wikidata_options, wikidata_client


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``link`` subcommand."""
    parser = subparsers.add_parser(
        "link",
        help="link actors without a Wikidata QID, online (cached on disk)",
        description=(
            "Find Wikidata items for the actors in the store that have no QID (gazetteer "
            "entries without one, actors discovered in text), disambiguated by the posts, "
            "states and co-mentioned actors the articles give. Accepted links become "
            "schema:sameAs in graph/links; links below the confidence threshold are kept "
            "there for review without schema:sameAs."
        ),
    )
    add_store_option(parser)
    parser.add_argument(
        "--relink", action="store_true", help="look up actors graph/links already links, too"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    add_wikidata_options(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.linking.candidates import WikidataCandidates
    from kg.linking.store_links import link_store
    from kg.store import open_store

    client = wikidata_client(args)
    with open_store(store_target(args)) as store:
        report = link_store(store, WikidataCandidates(client), relink=args.relink)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "endpoint": client.endpoint,
                    "requests": client.requests,
                    "links": [
                        {
                            "actor": link.actor,
                            "qid": link.qid,
                            "accepted": link.accepted,
                            "method": link.method,
                            "confidence": link.confidence,
                            "label": link.label,
                            "description": link.description,
                            "alternatives": list(link.alternatives),
                        }
                        for link in report.links
                    ],
                },
                ensure_ascii=False,
                indent=2,
            )
        )
        return 0
    if not args.quiet:
        for link in report.links:
            mark = "linked " if link.accepted else "review "
            print(
                f"{mark} {link.actor:32} {link.qid:>11}  {link.confidence:.2f}  {link.method}"
                f"  ({link.label or '?'}: {link.description or ''})"
            )
        print(
            f"{len(report.accepted)} of {report.actors} unlinked actor(s) linked; "
            f"{len(report.links) - len(report.accepted)} below the threshold; "
            f"{client.requests} request(s) to {client.endpoint}"
        )
    return 0
