"""``kg serve``: a SPARQL 1.1 protocol endpoint over the embedded store."""

from __future__ import annotations

import argparse
import sys

from kg.cli._common import add_common_options, add_store_option, store_target


def register(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add the ``serve`` subcommand."""
    parser = subparsers.add_parser(
        "serve",
        help="serve the store as a SPARQL 1.1 endpoint (read-only unless --writable)",
        description=(
            "Answer SPARQL 1.1 protocol requests at http://HOST:PORT/sparql (SPARQLWrapper, "
            "YASGUI, curl), named queries at /queries/NAME, and a page listing them at /."
        ),
    )
    add_store_option(parser)
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    parser.add_argument("--port", type=int, default=7878, help="port (default 7878; 0 = any)")
    parser.add_argument("--writable", action="store_true", help="accept SPARQL updates")
    parser.add_argument(
        "--union-default-graph",
        action="store_true",
        help="queries without GRAPH see all graphs (default: the catalogue only)",
    )
    add_common_options(parser)
    parser.set_defaults(handler=_run)


def _run(args: argparse.Namespace) -> int:
    from kg.errors import StoreError
    from kg.serve import make_server
    from kg.store import open_store
    from kg.store.oxigraph import OxigraphStore

    target = store_target(args)
    with open_store(target, read_only=not args.writable) as store:
        if not isinstance(store, OxigraphStore):
            raise StoreError(
                f"{target} is already a SPARQL endpoint; kg serve serves a local store directory",
                target=target,
            )
        server = make_server(
            store,
            host=args.host,
            port=args.port,
            writable=args.writable,
            union=args.union_default_graph,
        )
        host, port = str(server.server_address[0]), int(server.server_address[1])
        if not args.quiet:
            mode = "writable" if args.writable else "read-only"
            print(
                f"kg: serving {target} ({mode}) at http://{host}:{port}/sparql (Ctrl-C to stop)",
                file=sys.stderr,
                flush=True,
            )
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
    return 0
