"""``kg eval GOLD [GOLD…]``: score the pipeline against gold annotations (eval/FORMAT.md)."""

from __future__ import annotations

import argparse
import json
from typing import Any

from kg.cli._common import add_common_options


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``eval`` subcommand."""
    parser = subparsers.add_parser(
        "eval",
        help="score extraction against gold annotations",
        description=(
            "Read gold files (JSON Lines, or one JSON object; see eval/FORMAT.md), run the "
            "pipeline on each article's source and print precision, recall and F1 per category "
            "(micro-averaged) and per article."
        ),
    )
    parser.add_argument("gold", nargs="+", metavar="GOLD", help="gold annotation file(s)")
    parser.add_argument(
        "--format",
        choices=("table", "json"),
        default="table",
        help="output format (default: table)",
    )
    parser.add_argument(
        "--details",
        action="store_true",
        help="list false positives, false negatives and mismatches per article (also -v)",
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.eval import evaluate, format_table

    report = evaluate(args.gold)
    details = bool(args.details or args.verbose)
    if args.format == "json":
        print(json.dumps(report.to_json(details=details), ensure_ascii=False, indent=2))
    else:
        print(format_table(report, details=details))
    return 0
