"""Options and helpers shared by the subcommands (store target, verbosity, progress)."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

#: Where the embedded store lives when neither ``--store`` nor ``$KG_STORE`` says otherwise.
DEFAULT_STORE_DIR = Path.home() / ".local" / "share" / "kg" / "store"


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """Add ``-q``, ``-v`` and ``--debug`` to a subcommand parser."""
    parser.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    parser.add_argument(
        "-v", "--verbose", action="count", default=0, help="more log output (-vv: debug)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")


def add_store_option(parser: argparse.ArgumentParser) -> None:
    """Add ``--store`` (a directory, or an http(s) SPARQL endpoint)."""
    parser.add_argument(
        "--store",
        metavar="DIR|URL",
        default=None,
        help=(
            "embedded store directory or SPARQL endpoint URL "
            f"(default: $KG_STORE, else {DEFAULT_STORE_DIR})"
        ),
    )


def store_target(args: argparse.Namespace) -> str:
    """Resolve the store target: ``--store``, else ``$KG_STORE``, else the default directory."""
    target = getattr(args, "store", None) or os.environ.get("KG_STORE")
    return str(target) if target else str(DEFAULT_STORE_DIR)


def progress(items: Iterable[T], *, total: int | None, quiet: bool, label: str) -> Iterator[T]:
    """Yield ``items`` while drawing a one-line progress bar on stderr (when it is a terminal)."""
    show = not quiet and sys.stderr.isatty() and (total is None or total > 1)
    for done, item in enumerate(items, start=1):
        yield item
        if show:
            width = 30
            if total:
                filled = int(width * done / total)
                bar = "#" * filled + "-" * (width - filled)
                sys.stderr.write(f"\r{label} [{bar}] {done}/{total}")
            else:
                sys.stderr.write(f"\r{label} {done}")
            sys.stderr.flush()
    if show:
        sys.stderr.write("\n")
