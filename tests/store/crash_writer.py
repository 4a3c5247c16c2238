"""Subprocess for the crash test: replace article graphs one by one until killed.

Usage: ``python crash_writer.py STORE_DIR ARTICLES``. Prints ``wrote N`` after each article
(flushed), so the test knows how far it got before it sends SIGKILL.
"""

from __future__ import annotations

import sys

from store_fixtures import article_quads

from kg.rdf import iris
from kg.store import open_store


def main() -> None:
    directory, articles = sys.argv[1], int(sys.argv[2])
    with open_store(directory) as store:
        for n in range(articles):
            # Every third article is written twice (a re-ingest) with another size and one more
            # claim graph, so a torn write would show as graphs of mixed versions.
            for version in (0, 1) if n % 3 == 0 else (0,):
                quads = article_quads(
                    f"a{n}", triples=150 + 7 * version, claims=n % 3 + version, version=version
                )
                store.replace_graphs(iris.article_graph_iri(f"a{n}"), quads)
            sys.stdout.write(f"wrote {n + 1}\n")
            sys.stdout.flush()


if __name__ == "__main__":
    main()
