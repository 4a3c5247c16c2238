"""``queries/event_chain_for_issue.rq`` on a real Oxigraph store built from the rdf fixtures."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdf_fixture import KNOWN_EVENTS, make_gazetteer, make_t1, make_t2

from kg.rdf import iris
from kg.rdf.build import build_article_graph, build_reference_graph
from kg.store import Store, ensure_reference, load_query, open_store, run_query

ISSUE = "membership:Q212:Q7184"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    directory: Path = tmp_path_factory.mktemp("store") / "kg"
    with open_store(directory) as opened:
        for analysis in (make_t1(), make_t2()):
            opened.replace_graphs(
                iris.article_graph_iri(analysis.article.id), build_article_graph(analysis)
            )
        ensure_reference(opened, build_reference_graph(make_gazetteer(), KNOWN_EVENTS))
        yield opened


def _rows(store: Store, params: dict[str, str]) -> list[tuple[str, ...]]:
    result = run_query(store, "event_chain_for_issue", params)
    columns = ("when", "eventType", "side", "participant", "roleName", "event")
    index = [result.columns.index(c) for c in columns]
    return [
        tuple("" if row[i] is None else str(row[i]).removeprefix(iris.BASE) for i in index)
        for row in result.rows
    ]


def test_event_chain_header_declares_its_parameters() -> None:
    query = load_query("event_chain_for_issue")
    assert [p.name for p in query.params] == ["issue", "type"]
    assert query.columns


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"issue": ISSUE}, [
            ("1994", "agreement", "subject", "id/ukraine", "agent", "article/t1/event-e2"),
            ("1994-12-05", "agreement", "subject", "id/ukraine", "recipient",
             "event/budapest-memorandum"),
            ("2024-12-03", "meeting", "object", "id/nato", "convener", "article/t1/event-e3"),
        ]),
        ({"issue": ISSUE, "type": "meeting"}, [
            ("2024-12-03", "meeting", "object", "id/nato", "convener", "article/t1/event-e3"),
        ]),
    ],
    ids=["all", "meetings"],
)  # fmt: skip
def test_event_chain_lists_asserted_events_of_both_sides(
    store: Store, params: dict[str, str], expected: list[tuple[str, ...]]
) -> None:
    assert _rows(store, params) == expected
