"""Kill a writing process with SIGKILL mid-ingest: the store must reopen with no torn article."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

import pytest
from store_fixtures import COUNT, graph_is_complete

from kg.rdf import iris
from kg.store import open_store

ARTICLES = 5000  # far more than get written before the kill
KILL_AFTER = 40  # articles reported written before SIGKILL (plus 20 per round)
WRITER = Path(__file__).with_name("crash_writer.py")


@pytest.mark.slow
@pytest.mark.parametrize("round_", [pytest.param(n, id=f"round{n}") for n in range(3)])
def test_sigkill_mid_ingest_leaves_only_complete_articles(tmp_path: Path, round_: int) -> None:
    directory = tmp_path / "store"
    writer = subprocess.Popen(
        [sys.executable, str(WRITER), str(directory), str(ARTICLES)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    reported = 0
    for line in writer.stdout:
        reported = int(line.split()[1])
        if reported >= KILL_AFTER + 20 * round_:
            time.sleep(0.003 * round_)  # land at different points of the next write
            writer.send_signal(signal.SIGKILL)
            break
    writer.wait(timeout=60)
    writer.stdout.close()
    assert writer.returncode == -signal.SIGKILL

    with open_store(directory) as store:
        graphs = store.graphs()
        articles: dict[str, list[str]] = defaultdict(list)
        for graph in graphs:
            assert graph_is_complete(store, graph), graph
            article = str(graph).removeprefix(f"{iris.BASE}graph/").split("-claim-")[0]
            articles[article].append(str(graph))
        # Everything reported before the kill is there (reported writes were committed) ...
        assert {f"a{n}" for n in range(reported)} <= set(articles)
        # ... at most the one in flight after it, and each article is one whole version.
        assert len(articles) <= reported + 1
        for article, names in articles.items():
            n = int(article[1:])
            sizes = {store.count(iris.article_graph_iri(article))}
            sizes |= {store.count(iris.claim_graph_iri(article, c)) for c in range(1, len(names))}
            version = 1 if sizes == {157} else 0
            assert sizes == {150 + 7 * version}, (article, sizes)
            assert len(names) == 1 + n % 3 + version, (article, names)
            if n % 3 == 0 and n < reported:
                assert version == 1, article  # the re-ingest reported as done replaced v0
        assert store.count() == sum(store.count(g) for g in graphs)
        markers = [q for q in store.quads() if q[1] == COUNT]
        assert len(markers) == len(graphs)
