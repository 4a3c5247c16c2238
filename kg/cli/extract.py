"""``kg extract PATH... -o DIR``: analyse articles into N-Quads files, one per input shard."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from kg.cli._common import add_common_options, progress


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``extract`` subcommand."""
    parser = subparsers.add_parser(
        "extract",
        help="analyse articles into N-Quads files (one per input) for kg load",
        description=(
            "Analyse articles like kg ingest, but write each input's graphs to DIR/<name>.nq "
            "instead of a store, so shards can be extracted on any machine or batch system "
            "and loaded once with kg load. The output is the same for any -j."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, URL or -")
    parser.add_argument("-o", "--output", required=True, metavar="DIR", help="output directory")
    parser.add_argument("--lang", choices=("de", "en"), help="language (default: detected)")
    parser.add_argument("--date", metavar="YYYY-MM-DD", help="publication date when none given")
    parser.add_argument("--keep-going", action="store_true", help="skip bad inputs")
    parser.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="worker processes")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.cli.ingest import _parse_date
    from kg.errors import ConfigError
    from kg.ingest import IngestOptions, Rejected, extract_shards
    from kg.nlp.pipeline import load_resources
    from kg.reading import iter_sources

    if args.jobs < 1:
        raise ConfigError(f"-j {args.jobs}: use 1 or more processes", option="jobs")
    options = IngestOptions(
        lang=args.lang, published=_parse_date(args.date), keep_going=args.keep_going, jobs=args.jobs
    )
    sources = iter_sources(args.paths)
    resources = load_resources()
    bar = progress(iter(int, 1), total=None, quiet=args.quiet, label="extract")

    def on_item(item: object) -> None:
        next(bar)
        if isinstance(item, Rejected):
            print(f"kg: error: {item.message}", file=sys.stderr)

    report = extract_shards(sources, Path(args.output), resources, options=options, on_item=on_item)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "files": report.files,
                    "articles": len(report.ingested),
                    "quads": report.quads,
                    "rejected": len(report.rejected),
                },
                indent=2,
            )
        )
    elif not args.quiet:
        print(
            f"extracted {len(report.ingested)} article(s), {report.quads} quads, into "
            f"{len(report.files)} file(s) in {args.output}"
            + (f"; {len(report.rejected)} rejected" if report.rejected else "")
        )
    return 1 if report.rejected else 0
