"""``kg demo``: the main job on the bundled examples (ingest -> store -> query -> HTML)."""

from __future__ import annotations

import argparse
from pathlib import Path

from kg.cli._common import add_common_options


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``demo`` subcommand."""
    parser = subparsers.add_parser(
        "demo",
        help="ingest the bundled example articles, query them and draw the graph",
        description=(
            "Ingest the example articles that ship with kg into OUTPUT/store, print the answers "
            "to a few named queries and write OUTPUT/graph.html (works offline)."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        type=Path,
        default=Path("kg-demo"),
        metavar="DIR",
        help="where to write the store and the HTML (default: ./kg-demo)",
    )
    parser.add_argument("--rows", type=int, default=8, help="rows to show per query (default 8)")
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from kg.demo import run_demo
    from kg.store.results import format_table

    result = run_demo(args.output)
    if args.quiet:
        return 0
    report = result.report
    print(
        f"Ingested {len(report.ingested)} example articles ({report.quads} quads) "
        f"into {result.store}"
    )
    for item in report.ingested:
        print(
            f"  {item.headline or item.source}: {item.actors} actors, {item.statements} statements"
        )
    for title, answer in result.answers:
        print(f"\n{title}:")
        print(format_table(replace(answer, rows=answer.rows[: args.rows])))
        if len(answer.rows) > args.rows:
            print(f"  … {len(answer.rows) - args.rows} more rows")
    print(
        f"\nGraph: {result.html} ({result.nodes} nodes, {result.edges} edges); "
        "open it in a browser."
    )
    return 0
