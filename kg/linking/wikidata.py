"""The SPARQL client for Wikidata and Wikidata-shaped endpoints (the only SPARQLWrapper user).

:class:`WikidataClient` sends SELECT queries by POST with a timeout, a User-Agent as the
Wikimedia User-Agent policy asks (``kg/<version> (<contact>)``; the contact comes from
``$KG_CONTACT``), retries transient failures with exponential backoff, honours ``429`` +
``Retry-After``, and answers from the disk cache (:mod:`kg.linking.cache`) whenever it can. Every
failure becomes one :class:`~kg.errors.LinkingError` with a one-line message, the endpoint, the
HTTP status (when there was one) and whether retrying later could help. Nothing is cached
unless it is a well-formed SPARQL JSON result.

Values never get pasted into query text as raw strings: :func:`render_query` substitutes
``{{name}}`` placeholders with rdflib terms rendered by ``.n3()``.
"""

from __future__ import annotations

import email.utils
import json
import logging
import os
import re
import time
import urllib.error
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from typing import Any

from rdflib.term import Identifier, Literal, URIRef

from kg.errors import LinkingError
from kg.linking.cache import ResultCache

logger = logging.getLogger(__name__)

#: Wikidata's public query service.
DEFAULT_ENDPOINT = "https://query.wikidata.org/sparql"
#: Used when ``$KG_CONTACT`` is unset; Wikimedia asks for a way to reach the operator, so
#: users running many queries should set ``KG_CONTACT`` to an e-mail address or URL.
PLACEHOLDER_CONTACT = "https://github.com/newskg/kg; set KG_CONTACT to your e-mail or URL"
#: Seconds per request. Wikidata cancels queries after 60 s, so waiting longer is pointless.
DEFAULT_TIMEOUT = 60.0
#: Attempts after the first one for retryable failures (429, 502-504, timeouts, refused).
DEFAULT_RETRIES = 3
#: First backoff in seconds; doubles per attempt (1, 2, 4 s).
DEFAULT_BACKOFF = 1.0
#: A Retry-After longer than this ends the run with an error instead of sleeping through it.
MAX_RETRY_AFTER = 300.0

#: HTTP statuses that may succeed on a later attempt. 500 is not among them: on Wikidata it
#: mostly means the query itself timed out, which a retry repeats.
RETRYABLE_STATUSES = frozenset({429, 502, 503, 504})

_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")


def user_agent() -> str:
    """The User-Agent header: ``kg/<version> (<$KG_CONTACT or a placeholder>)``."""
    from kg import __version__

    contact = os.environ.get("KG_CONTACT", "").strip() or PLACEHOLDER_CONTACT
    return f"kg/{__version__} ({contact})"


def load_wikidata_query(name: str) -> str:
    """The text of ``kg/linking/sparql/<name>.rq`` (queries sent to Wikidata, not the store)."""
    return resources.files("kg.linking").joinpath("sparql", f"{name}.rq").read_text("utf-8")


def render_query(template: str, values: Mapping[str, Iterable[Identifier]]) -> str:
    """Replace each ``{{name}}`` with the terms of ``values[name]`` rendered by ``.n3()``.

    >>> render_query("VALUES ?q { {{items}} }", {"items": [URIRef("http://x/Q1")]})
    'VALUES ?q { <http://x/Q1> }'
    >>> render_query('VALUES ?n { {{names}} }', {"names": [Literal('a "b"', lang="en")]})
    'VALUES ?n { "a \\\\"b\\\\""@en }'

    Raises:
        KeyError: the template names a placeholder ``values`` lacks.
    """

    def term_list(match: re.Match[str]) -> str:
        return " ".join(term.n3() for term in values[match.group(1)])

    return _PLACEHOLDER.sub(term_list, template)


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------

Row = dict[str, Identifier]


def parse_results(data: object, *, endpoint: str) -> tuple[Row, ...]:
    """Turn a SPARQL 1.1 JSON result into rows of rdflib terms (unbound variables omitted).

    Raises:
        LinkingError: ``data`` is not a SPARQL JSON SELECT result.
    """
    try:
        return tuple(
            {name: _term(cell) for name, cell in binding.items()} for binding in _bindings(data)
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise LinkingError(
            f"malformed SPARQL results from {endpoint}: {exc}; expected SPARQL 1.1 JSON",
            endpoint=endpoint,
        ) from exc


def _bindings(data: object) -> list[Mapping[str, Mapping[str, str]]]:
    bindings = data["results"]["bindings"]  # type: ignore[index]
    if not isinstance(bindings, list):
        raise TypeError("results.bindings is not a list")
    return bindings


def _term(cell: Mapping[str, str]) -> Identifier:
    kind, value = cell["type"], cell["value"]
    if kind == "uri":
        return URIRef(value)
    if kind in {"literal", "typed-literal"}:
        datatype = cell.get("datatype")
        if datatype:
            return Literal(value, datatype=URIRef(datatype))
        return Literal(value, lang=cell.get("xml:lang"))
    if kind == "bnode":
        raise ValueError(f"blank node _:{value} (Wikidata-shaped data has none in results)")
    raise ValueError(f"unknown term type {kind!r}")


# --------------------------------------------------------------------------------------------
# The client
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientOptions:
    """How the client talks to the endpoint."""

    timeout: float = DEFAULT_TIMEOUT
    retries: int = DEFAULT_RETRIES
    backoff: float = DEFAULT_BACKOFF
    offline: bool = False  # answer from the cache only; a miss is an error
    default_graph: str | None = None  # restrict queries to one graph (test servers)


class WikidataClient:
    """SELECT queries against one endpoint, through the disk cache.

    ``requests`` counts the HTTP requests actually sent (a fully cached run leaves it at 0).
    ``sleep`` is injectable so that tests of backoff do not wait.
    """

    def __init__(
        self,
        endpoint: str = DEFAULT_ENDPOINT,
        *,
        cache: ResultCache | None = None,
        options: ClientOptions | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.endpoint = endpoint
        self.cache = cache
        self.options = options or ClientOptions()
        self.requests = 0
        self._sleep = sleep

    def select(self, query: str) -> tuple[Row, ...]:
        """Run a SELECT query; return its rows (from the cache when cached).

        Raises:
            LinkingError: the endpoint failed after the retries, or answered garbage, or
                (offline) the answer is not cached.
        """
        if self.cache is not None:
            cached = self.cache.get(self.endpoint, query)
            if cached is not None:
                return parse_results(cached, endpoint=self.endpoint)
        if self.options.offline:
            raise LinkingError(
                f"no cached answer for a query to {self.endpoint} and offline mode is on; "
                "run once with network access first",
                endpoint=self.endpoint,
            )
        data = self._fetch_with_retries(query)
        rows = parse_results(data, endpoint=self.endpoint)  # validate before caching
        if self.cache is not None:
            self.cache.put(self.endpoint, query, data)
        return rows

    def _fetch_with_retries(self, query: str) -> dict[str, Any]:
        attempt = 0
        while True:
            try:
                return self._fetch(query)
            except LinkingError as exc:
                delay = exc.retry_after if isinstance(exc, _ThrottledError) else None
                too_long = delay is not None and delay > MAX_RETRY_AFTER
                if not exc.retryable or too_long or attempt >= self.options.retries:
                    raise
                if delay is None:
                    delay = self.options.backoff * (2**attempt)
                attempt += 1
                logger.info("%s; retry %d in %.1f s", exc, attempt, delay)
                self._sleep(delay)

    def _fetch(self, query: str) -> dict[str, Any]:
        from SPARQLWrapper import JSON, POST, SPARQLWrapper
        from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

        client = SPARQLWrapper(self.endpoint, agent=user_agent())
        client.setMethod(POST)
        client.setReturnFormat(JSON)
        client.setTimeout(int(max(1, round(self.options.timeout))))
        if self.options.default_graph:
            client.addDefaultGraph(self.options.default_graph)
        client.setQuery(query)
        self.requests += 1
        try:
            response = client.query().response
            try:
                raw = response.read()
            finally:
                response.close()
        except urllib.error.HTTPError as exc:
            exc.close()
            raise self._http_error(exc.code, exc.headers.get("Retry-After")) from exc
        except SPARQLWrapperException as exc:
            _close(exc.__context__)  # the HTTPError SPARQLWrapper translated (unclosed)
            raise self._wrapper_error(exc) from exc
        except TimeoutError as exc:
            raise self._error("timed out", retryable=True) from exc
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, TimeoutError):
                raise self._error("timed out", retryable=True) from exc
            raise self._error(f"unreachable ({exc.reason})", retryable=True) from exc
        except OSError as exc:
            raise self._error(f"connection failed ({exc})", retryable=True) from exc
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise self._error("answered with malformed JSON", retryable=False) from exc
        if not isinstance(data, dict):
            raise self._error("answered JSON that is not a SPARQL result", retryable=False)
        return data

    def _error(self, problem: str, *, retryable: bool, status: int | None = None) -> LinkingError:
        return LinkingError(
            f"Wikidata endpoint {self.endpoint} {problem}",
            endpoint=self.endpoint,
            status=status,
            retryable=retryable,
        )

    def _http_error(self, status: int, retry_after: str | None) -> LinkingError:
        retryable = status in RETRYABLE_STATUSES
        if status != 429:
            return self._error(f"answered HTTP {status}", retryable=retryable, status=status)
        delay = parse_retry_after(retry_after) if retry_after is not None else None
        problem = "answered HTTP 429 (too many requests)"
        if delay is not None and delay > MAX_RETRY_AFTER:
            problem = (
                f"answered HTTP 429 with Retry-After {delay:.0f} s (more than "
                f"{MAX_RETRY_AFTER:.0f} s); try again later"
            )
        return _ThrottledError(
            f"Wikidata endpoint {self.endpoint} {problem}",
            endpoint=self.endpoint,
            retry_after=delay,
        )

    def _wrapper_error(self, exc: Exception) -> LinkingError:
        from SPARQLWrapper.SPARQLExceptions import (
            EndPointInternalError,
            EndPointNotFound,
            QueryBadFormed,
            Unauthorized,
            URITooLong,
        )

        statuses: list[tuple[type[Exception], int, str]] = [
            (QueryBadFormed, 400, "rejected the query as malformed (HTTP 400)"),
            (Unauthorized, 401, "refused access (HTTP 401)"),
            (EndPointNotFound, 404, "was not found (HTTP 404)"),
            (URITooLong, 414, "refused a too long request (HTTP 414)"),
            (EndPointInternalError, 500, "failed with an internal error (HTTP 500)"),
        ]
        for kind, status, problem in statuses:
            if isinstance(exc, kind):
                return self._error(problem, retryable=False, status=status)
        return self._error(f"failed ({type(exc).__name__})", retryable=False)


def _close(error: BaseException | None) -> None:
    if isinstance(error, urllib.error.HTTPError):
        error.close()


class _ThrottledError(LinkingError):
    """HTTP 429 with the delay the server asked for (None: it gave none we could read)."""

    def __init__(self, message: str, *, endpoint: str, retry_after: float | None) -> None:
        super().__init__(message, endpoint=endpoint, status=429, retryable=True)
        self.retry_after = retry_after


def parse_retry_after(value: str, *, now: datetime | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or an HTTP date).

    >>> parse_retry_after("7")
    7.0
    >>> parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT",
    ...                   now=datetime(2015, 10, 21, 7, 28, tzinfo=UTC))
    10.0
    >>> parse_retry_after("soon") is None
    True
    """
    text = value.strip()
    if text.isdigit():
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    current = now or datetime.now(UTC)
    return max(0.0, (when - current).total_seconds())
