"""``kg gazetteer update`` helpers and its failure path (the Virtuoso run is in test_commands)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import LinkingError
from kg.linking.cache import ResultCache
from kg.linking.gazetteer_update import load_role_names, role_of, update_gazetteer
from kg.linking.wikidata import ClientOptions, WikidataClient
from kg.resources import gazetteer_dir


@pytest.mark.parametrize(
    ("office", "role"),
    [
        ("Chancellor of Germany", "chancellor"),
        ("Prime Minister of Latvia", "prime minister"),
        ("President of Testland", "president"),
        ("Minister of Foreign Affairs of Poland", "minister"),  # only the generic form matches
        ("Governor of the Bank of Testland", None),
    ],
    ids=["chancellor", "prime-minister", "president", "generic", "unknown"],
)
def test_office_labels_map_to_canonical_roles(office: str, role: str | None) -> None:
    assert role_of(office, load_role_names()) == role


def test_a_failing_endpoint_writes_nothing(tmp_path: Path) -> None:
    client = WikidataClient(
        "http://127.0.0.1:9/sparql",
        cache=ResultCache(tmp_path / "cache"),
        options=ClientOptions(timeout=2, retries=0),
    )
    with pytest.raises(LinkingError):
        update_gazetteer(client, source=gazetteer_dir(), output=tmp_path / "out")
    assert not (tmp_path / "out").exists()
