"""``kg ingest PATH...``: read articles, extract, write one named graph per article."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from typing import TYPE_CHECKING

from kg.cli._common import add_common_options, add_store_option, progress, store_target
from kg.cli._wikidata import add_wikidata_options, wikidata_client
from kg.errors import ConfigError

if TYPE_CHECKING:
    from kg.store import Store


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``ingest`` subcommand."""
    parser = subparsers.add_parser(
        "ingest",
        help="read articles (files, directories, globs, URLs, - for stdin) into the store",
        description=(
            "Read articles, extract actors, posts, statements, stances and events, and write "
            "one named graph per article. Re-ingesting an article replaces its graph."
        ),
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="file, directory, glob, URL or -")
    add_store_option(parser)
    parser.add_argument("--lang", choices=("de", "en"), help="language (default: detected)")
    parser.add_argument(
        "--date", metavar="YYYY-MM-DD", help="publication date when the text gives none"
    )
    parser.add_argument(
        "--keep-going", action="store_true", help="skip bad inputs and ingest the rest"
    )
    parser.add_argument("--format", choices=("text", "json"), default="text", help="summary format")
    parser.add_argument(
        "-j",
        "--jobs",
        type=_jobs,
        default=1,
        metavar="N",
        help="worker processes for analysis (default 1; the store content is the same for any N)",
    )
    parser.add_argument(
        "--no-optimize",
        action="store_true",
        help="do not compact the store after a large run (compacting makes queries faster)",
    )
    parser.add_argument(
        "--link",
        choices=("offline", "online"),
        default="offline",
        help="offline: QIDs from the shipped gazetteer only (default); online: also look up "
        "the ingested actors without a QID on Wikidata afterwards (as 'kg link' does)",
    )
    add_wikidata_options(parser)
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _jobs(value: str) -> int:
    try:
        jobs = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of processes") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{value!r}: use 1 or more processes")
    return jobs


def _parse_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ConfigError(
            f"--date {value!r} is not an ISO date (YYYY-MM-DD)", option="date"
        ) from exc


def _run(args: argparse.Namespace) -> int:
    from kg.ingest import Ingested, IngestOptions, Rejected, ingest_articles, iter_articles
    from kg.nlp.pipeline import load_resources
    from kg.reading import iter_sources
    from kg.store import open_store

    options = IngestOptions(
        lang=args.lang,
        published=_parse_date(args.date),
        keep_going=args.keep_going,
        jobs=args.jobs,
        optimize=not args.no_optimize,
    )
    sources = iter_sources(args.paths)
    resources = load_resources()

    def report_item(item: Ingested | Rejected) -> None:
        if isinstance(item, Rejected):
            print(f"kg: error: {item.message}", file=sys.stderr)
        elif args.verbose and not args.quiet:
            print(f"ingested {item.source}: {item.quads} quads", file=sys.stderr)

    with open_store(store_target(args)) as store:
        items = progress(
            iter_articles(sources, options),
            total=len(sources) or None,
            quiet=args.quiet,
            label="ingest",
        )
        report = ingest_articles(items, store, resources, options=options, on_item=report_item)
        if args.link == "online" and report.ingested:
            _link_online(args, store, [item.article_id for item in report.ingested])
    if args.format == "json":
        print(
            json.dumps(
                {
                    "store": store_target(args),
                    "ingested": [vars_of(i) for i in report.ingested],
                    "rejected": [vars_of(r) for r in report.rejected],
                    "quads": report.quads,
                },
                ensure_ascii=False,
                indent=2,
            )
        )
    elif not args.quiet:
        print(
            f"ingested {len(report.ingested)} article(s), {report.quads} quads, into "
            f"{store_target(args)}"
            + (f"; {len(report.rejected)} rejected" if report.rejected else "")
        )
    return 1 if report.rejected else 0


def _link_online(args: argparse.Namespace, store: Store, article_ids: list[str]) -> None:
    """Link the unlinked actors of the ingested articles on Wikidata (``--link online``)."""
    from kg.linking.candidates import WikidataCandidates
    from kg.linking.store_links import link_store
    from kg.rdf import iris

    client = wikidata_client(args)
    graphs = [iris.article_graph_iri(article_id) for article_id in article_ids]
    linked = link_store(store, WikidataCandidates(client), graphs=graphs)
    if not args.quiet:
        print(
            f"linked {len(linked.accepted)} of {linked.actors} unlinked actor(s) online "
            f"({client.requests} request(s) to {client.endpoint})",
            file=sys.stderr,
        )


def vars_of(item: object) -> dict[str, object]:
    """Return a dataclass instance's fields as a dict (for JSON output)."""
    from dataclasses import asdict

    return asdict(item)  # type: ignore[call-overload, no-any-return]
