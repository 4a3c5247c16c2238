"""``kg validate [FILE | --store DIR]``: check graphs against the SHACL shapes in ontology/."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``validate`` subcommand."""
    parser = subparsers.add_parser(
        "validate",
        help="check an RDF file or the store against the SHACL shapes",
        description=(
            "Validate an RDF file (TriG, N-Quads, Turtle, N-Triples, JSON-LD) or, without FILE, "
            "the whole store (the union of all its graphs) against ontology/shapes.ttl. "
            "Exit status 1 when a shape is violated."
        ),
    )
    parser.add_argument(
        "file", nargs="?", type=Path, metavar="FILE", help="RDF file to check (not the store)"
    )
    add_store_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.rdf.validate import validate_file, validate_quads

    if args.file is not None:
        report = validate_file(args.file)
        what = str(args.file)
    else:
        from kg.store import open_store

        target = store_target(args)
        with open_store(target, read_only=True) as store:
            report = validate_quads(store.quads())
        what = target
    if report.conforms:
        if not args.quiet:
            print(f"{what}: conforms to ontology/shapes.ttl")
        return 0
    print(report.text.rstrip())
    print(f"{what}: {len(report.violations)} SHACL violation(s)")
    return 1
