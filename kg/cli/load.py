"""``kg load FILE.nq...``: bulk-load N-Quads from ``kg extract`` into the store."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from kg.cli._common import add_common_options, add_store_option, store_target


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``load`` subcommand."""
    parser = subparsers.add_parser(
        "load",
        help="bulk-load N-Quads written by kg extract into the store",
        description=(
            "Load N-Quads files (or directories of *.nq) written by kg extract. Articles "
            "already in the store are replaced. The embedded store uses Oxigraph's bulk "
            "loader; a SPARQL endpoint gets batched update requests. Also writes the "
            "reference graph if it changed."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="*.nq file or directory")
    add_store_option(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    parser.add_argument(
        "--no-optimize",
        action="store_true",
        help="do not compact the store after a large load (compacting makes queries faster)",
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _files(specs: list[str]) -> list[Path]:
    from kg.errors import InputError

    files: list[Path] = []
    for spec in specs:
        path = Path(spec)
        if path.is_dir():
            found = sorted(path.glob("*.nq"))
            if not found:
                raise InputError(spec, "directory holds no *.nq files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise InputError(spec, "no such file or directory")
    return files


def _run(args: argparse.Namespace) -> int:
    from kg.ingest import write_reference
    from kg.nlp.pipeline import load_resources
    from kg.store import open_store
    from kg.store.bulk import load_nquads

    files = _files(args.paths)
    with open_store(store_target(args)) as store:
        write_reference(store, load_resources())
        report = load_nquads(store, files, optimize=not args.no_optimize)
    if args.format == "json":
        print(
            json.dumps(
                {
                    "store": store_target(args),
                    "files": report.files,
                    "articles": report.articles,
                    "quads": report.quads,
                    "replaced": report.replaced,
                },
                indent=2,
            )
        )
    elif not args.quiet:
        print(
            f"loaded {report.articles} article(s), {report.quads} quads, from "
            f"{len(report.files)} file(s) into {store_target(args)}"
            + (f"; {report.replaced} replaced" if report.replaced else "")
        )
    return 0
