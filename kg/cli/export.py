"""``kg export --format FMT -o FILE [--graph IRI]``: write the store as RDF or GraphML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target

_FORMATS = ("trig", "nquads", "turtle", "jsonld", "graphml")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``export`` subcommand."""
    parser = subparsers.add_parser(
        "export",
        help="export the store (TriG, N-Quads, Turtle, JSON-LD, GraphML)",
        description=(
            "Write the whole store, or one named graph, to a file. trig, nquads and jsonld keep "
            "named graphs; turtle is the union of all graphs; graphml is a network of resources "
            "(literals as node attributes, object properties as edges) for Gephi or networkx. "
            "Nothing is written to FILE if the export fails."
        ),
    )
    parser.add_argument("--format", choices=_FORMATS, required=True, help="output format")
    parser.add_argument(
        "-o", "--output", required=True, metavar="FILE", help="output file ('-' for stdout)"
    )
    parser.add_argument("--graph", metavar="IRI", help="export only this named graph")
    add_store_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from rdflib import URIRef

    from kg.store import open_store
    from kg.store.export import export_store

    graph = URIRef(args.graph) if args.graph else None
    with open_store(store_target(args), read_only=True) as store:
        if args.output == "-":
            export_store(store, args.format, sys.stdout.buffer, graph=graph)
            sys.stdout.flush()
        else:
            export_store(store, args.format, Path(args.output), graph=graph)
    return 0
