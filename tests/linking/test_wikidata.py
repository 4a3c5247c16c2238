"""The SPARQL client: cache, User-Agent, retries, 429/Retry-After and every failure path.

Real HTTP servers on 127.0.0.1 (tests/linking/wikidata_fixtures.py) play the endpoint.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from wikidata_fixtures import EMPTY_RESULT, Canned, Reply, http_server_fixture  # noqa: F401

from kg.errors import LinkingError
from kg.linking.cache import ResultCache
from kg.linking.wikidata import (
    ClientOptions,
    WikidataClient,
    parse_retry_after,
    render_query,
    user_agent,
)

ROW = {
    "head": {"vars": ["item", "name"]},
    "results": {
        "bindings": [
            {
                "item": {"type": "uri", "value": "http://www.wikidata.org/entity/Q7184"},
                "name": {"type": "literal", "value": "NATO", "xml:lang": "de"},
            }
        ]
    },
}
QUERY = "SELECT ?item ?name WHERE { ?item ?p ?name }"


def _client(url: str, tmp_path: Path, **options: object) -> tuple[WikidataClient, list[float]]:
    slept: list[float] = []
    client = WikidataClient(
        url,
        cache=ResultCache(tmp_path / "cache"),
        options=ClientOptions(**{"timeout": 2, "retries": 2, "backoff": 0.5, **options}),  # type: ignore[arg-type]
        sleep=slept.append,
    )
    return client, slept


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_result_is_parsed_into_terms_and_cached(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(body=json.dumps(ROW).encode())])
    client, _ = _client(server.url, tmp_path)
    rows = client.select(QUERY)
    assert rows == (
        {
            "item": URIRef("http://www.wikidata.org/entity/Q7184"),
            "name": Literal("NATO", lang="de"),
        },
    )
    again, _ = _client(server.url, tmp_path)
    assert again.select(QUERY) == rows
    assert (client.requests, again.requests, len(server.seen)) == (1, 0, 1)


def test_the_cache_key_includes_the_endpoint(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    first = http_server([Reply(body=json.dumps(ROW).encode())])
    second = http_server([Reply()])
    _client(first.url, tmp_path)[0].select(QUERY)
    assert _client(second.url, tmp_path)[0].select(QUERY) == ()
    assert len(second.seen) == 1


def test_the_user_agent_names_kg_and_the_contact(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KG_CONTACT", "analyst@example.org")
    server = http_server([Reply()])
    _client(server.url, tmp_path)[0].select(QUERY)
    agent = server.seen[0]["User-Agent"]
    assert agent.startswith("kg/")
    assert agent.endswith("(analyst@example.org)")


def test_without_kg_contact_the_user_agent_has_the_documented_placeholder() -> None:
    assert "set KG_CONTACT" in user_agent()


def test_429_waits_for_retry_after_then_succeeds(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server(
        [Reply(429, b"slow down", {"Retry-After": "7"}), Reply(body=json.dumps(ROW).encode())]
    )
    client, slept = _client(server.url, tmp_path)
    assert len(client.select(QUERY)) == 1
    assert slept == [7.0]
    assert client.requests == 2


def test_persistent_429_is_a_retryable_error_after_the_retries(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(429, b"slow down", {"Retry-After": "3"})])
    client, slept = _client(server.url, tmp_path)
    with pytest.raises(LinkingError) as caught:
        client.select(QUERY)
    assert (caught.value.status, caught.value.retryable) == (429, True)
    assert slept == [3.0, 3.0]
    assert len(server.seen) == 3
    assert len(ResultCache(tmp_path / "cache")) == 0


def test_a_retry_after_beyond_the_cap_fails_at_once(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(429, b"", {"Retry-After": "86400"})])
    client, slept = _client(server.url, tmp_path)
    with pytest.raises(LinkingError, match="Retry-After 86400 s"):
        client.select(QUERY)
    assert slept == []
    assert len(server.seen) == 1


def test_503_is_retried_with_exponential_backoff(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(503, b""), Reply(503, b""), Reply(body=json.dumps(ROW).encode())])
    client, slept = _client(server.url, tmp_path)
    assert len(client.select(QUERY)) == 1
    assert slept == [0.5, 1.0]


@pytest.mark.parametrize(
    ("reply", "status", "retryable", "message"),
    [
        pytest.param(Reply(500, b"Query timeout"), 500, False, "internal error", id="500"),
        pytest.param(Reply(400, b"bad"), 400, False, "malformed", id="400"),
        pytest.param(Reply(body=b"{not json"), None, False, "malformed JSON", id="broken-json"),
        pytest.param(
            Reply(body=b'{"head": {}, "results": {"bindings": 3}}'),
            None,
            False,
            "malformed SPARQL results",
            id="not-sparql-json",
        ),
        pytest.param(
            Reply(body=b'{"results": {"bindings": [{"x": {"type": "nonsense", "value": "1"}}]}}'),
            None,
            False,
            "unknown term type",
            id="bad-term",
        ),
    ],
)
def test_failures_are_one_line_linking_errors_and_nothing_is_cached(
    http_server: Callable[[list[Reply]], Canned],
    tmp_path: Path,
    reply: Reply,
    status: int | None,
    retryable: bool,
    message: str,
) -> None:
    server = http_server([reply])
    client, slept = _client(server.url, tmp_path)
    with pytest.raises(LinkingError, match=message) as caught:
        client.select(QUERY)
    error = caught.value
    assert (error.status, error.retryable, error.endpoint) == (status, retryable, server.url)
    assert "\n" not in str(error)
    assert slept == []  # not retryable: no second attempt
    assert len(ResultCache(tmp_path / "cache")) == 0


def test_an_endpoint_that_is_down_fails_after_the_retries(tmp_path: Path) -> None:
    url = f"http://127.0.0.1:{_closed_port()}/sparql"
    client, slept = _client(url, tmp_path)
    with pytest.raises(LinkingError, match="unreachable") as caught:
        client.select(QUERY)
    assert caught.value.retryable
    assert caught.value.status is None
    assert slept == [0.5, 1.0]
    assert client.requests == 3


def test_a_slow_endpoint_times_out(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(delay=3.0)])
    client, _ = _client(server.url, tmp_path, timeout=1, retries=0)
    with pytest.raises(LinkingError, match="timed out") as caught:
        client.select(QUERY)
    assert caught.value.retryable
    assert len(ResultCache(tmp_path / "cache")) == 0


def test_offline_mode_answers_from_the_cache_and_refuses_a_miss(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(body=json.dumps(ROW).encode())])
    _client(server.url, tmp_path)[0].select(QUERY)
    offline, _ = _client(server.url, tmp_path, offline=True)
    assert len(offline.select(QUERY)) == 1
    with pytest.raises(LinkingError, match="offline"):
        offline.select(QUERY + " LIMIT 1")
    assert offline.requests == 0
    assert len(server.seen) == 1


def test_a_corrupt_cache_entry_is_refetched(
    http_server: Callable[[list[Reply]], Canned], tmp_path: Path
) -> None:
    server = http_server([Reply(body=json.dumps(EMPTY_RESULT).encode())])
    client, _ = _client(server.url, tmp_path)
    client.select(QUERY)
    for entry in (tmp_path / "cache").glob("*/*.json"):
        entry.write_text("{truncated", encoding="utf-8")
    assert client.select(QUERY) == ()
    assert client.requests == 2


def test_values_are_rendered_as_terms_never_pasted() -> None:
    text = render_query(
        "VALUES ?n { {{names}} }", {"names": [Literal('x" } ; DROP ALL ; #', lang="en")]}
    )
    assert text == 'VALUES ?n { "x\\" } ; DROP ALL ; #"@en }'


@pytest.mark.parametrize(
    ("header", "seconds"),
    [("0", 0.0), ("120", 120.0), ("not a date", None)],
    ids=["zero", "seconds", "garbage"],
)
def test_retry_after_values(header: str, seconds: float | None) -> None:
    assert parse_retry_after(header) == seconds
