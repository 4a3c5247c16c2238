"""``kg query NAME|FILE.rq [--param NAME=VALUE …]`` and ``kg query --list``."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``query`` subcommand."""
    parser = subparsers.add_parser(
        "query",
        help="run a named SPARQL query (or a .rq file) against the store",
        description=(
            "Run one of kg's named queries (see --list) or any SPARQL SELECT in a .rq file. "
            "Parameter values are bound as RDF terms, never pasted into the query text."
        ),
    )
    parser.add_argument("query", nargs="?", metavar="NAME|FILE.rq", help="query name or file")
    parser.add_argument("--list", action="store_true", help="list the named queries and exit")
    parser.add_argument(
        "-p",
        "--param",
        action="append",
        default=[],
        type=_param,
        metavar="NAME=VALUE",
        help="a query parameter (repeatable), e.g. --param actor=Q7184",
    )
    parser.add_argument(
        "--format",
        choices=("table", "csv", "json"),
        default="table",
        help="table (default), csv, or json (SPARQL 1.1 Query Results JSON)",
    )
    add_store_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run, parser=parser)


def _param(text: str) -> tuple[str, str]:
    name, sep, value = text.partition("=")
    if not sep or not name.strip():
        raise argparse.ArgumentTypeError(f"expected NAME=VALUE, got {text!r}")
    return name.strip(), value


def _run(args: argparse.Namespace) -> int:
    parser: argparse.ArgumentParser = args.parser
    if args.list:
        if args.query or args.param:
            parser.error("--list takes no query or --param")
        return _list(args.format)
    if not args.query:
        parser.error("give a query name or .rq file, or --list")
    params: dict[str, str] = {}
    for name, value in args.param:
        if name in params:
            parser.error(f"--param {name} given twice")
        params[name] = value

    from kg.store import load_query, open_store, run_query
    from kg.store.results import format_result

    query = load_query(args.query)
    with open_store(store_target(args), read_only=True) as store:
        result = run_query(store, query, params)
    print(format_result(result, args.format), end="")
    return 0


def _list(fmt: str) -> int:
    from kg.store import list_queries

    queries = list_queries()
    if fmt == "json":
        listing = [
            {
                "name": q.name,
                "description": q.description,
                "params": [asdict(p) for p in q.params],
                "columns": list(q.columns),
            }
            for q in queries
        ]
        print(json.dumps(listing, ensure_ascii=False, indent=1))
        return 0
    if not queries:
        print("no named queries installed")
    for q in queries:
        print(f"{q.name}\n    {q.description}")
        for p in q.params:
            need = "required" if p.required else "optional"
            print(f"    --param {p.name}=<{p.type}>  ({need}) {p.description}".rstrip())
        if q.columns:
            print(f"    columns: {' '.join(q.columns)}")
    return 0
