"""``kg viz -o FILE.html [--view …] [--actor …] [--hops N] [--issue …] [--article …] …``."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from kg.cli._common import add_common_options, add_store_option, store_target

_VIEWS = ("actors", "ego", "issue", "article", "timeline", "comments")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``viz`` subcommand."""
    parser = subparsers.add_parser(
        "viz",
        help="draw a view of the graph as a self-contained interactive HTML page",
        description=(
            "Write one self-contained HTML page (no network access needed, nothing written "
            "besides -o) showing a view of the knowledge graph: the whole actor graph, an "
            "actor's ego network, every stance on an issue, one article, an event timeline, "
            "or the reader-comment network."
        ),
    )
    parser.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="FILE.html",
        help="the page to write (its directory must exist)",
    )
    parser.add_argument(
        "--view",
        choices=_VIEWS,
        default=None,
        help="which view (default: ego with --actor, issue with --issue, article with "
        "--article, else actors)",
    )
    parser.add_argument("--actor", metavar="QID|KEY|NAME", help="centre of the ego view")
    parser.add_argument("--hops", type=int, default=1, metavar="N", help="ego radius (default 1)")
    parser.add_argument("--issue", metavar="KEY|IRI|LABEL", help="the issue view's issue")
    parser.add_argument("--article", metavar="ID|IRI", help="the article (article/comment views)")
    parser.add_argument("--since", type=_day, metavar="YYYY-MM-DD", help="facts on/after this day")
    parser.add_argument("--until", type=_day, metavar="YYYY-MM-DD", help="facts on/before this day")
    parser.add_argument(
        "--max-nodes",
        type=int,
        default=500,
        metavar="N",
        help="cap; more nodes are folded into '+N more' nodes (default 500)",
    )
    parser.add_argument("--lang", metavar="LANG", help="preferred label language (de, en)")
    add_store_option(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run, parser=parser)


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def _view_name(args: argparse.Namespace) -> str:
    if args.view:
        return str(args.view)
    for option, view in (("actor", "ego"), ("issue", "issue"), ("article", "article")):
        if getattr(args, option):
            return view
    return "actors"


def _run(args: argparse.Namespace) -> int:
    from kg.store import open_store
    from kg.viz import ViewOptions, to_view_graph, write_html

    if not args.output.parent.is_dir():
        args.parser.error(f"the directory of {str(args.output)!r} does not exist")
    options = ViewOptions(
        view=_view_name(args),  # type: ignore[arg-type]  # argparse checked the choice
        actor=args.actor,
        hops=args.hops,
        issue=args.issue,
        article=args.article,
        since=args.since,
        until=args.until,
        max_nodes=args.max_nodes,
        label_lang=args.lang,
    )
    with open_store(store_target(args), read_only=True) as store:
        view = to_view_graph(store, options)
    write_html(view, args.output)
    if not args.quiet:
        hidden = f" (+{view.hidden_nodes} folded)" if view.hidden_nodes else ""
        print(
            f"{args.output}: {options.view} view, {len(view.nodes)} nodes{hidden}, "
            f"{len(view.edges)} edges"
        )
    return 0
