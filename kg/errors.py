"""The one error tree of kg.

::

    KGError                        base; never raised directly
    ├── ConfigError                bad option value; carries the option name
    ├── InputError                 unreadable/empty/binary/malformed input; carries the source
    ├── PipelineError              a stage failed on one article; carries stage and article id
    ├── GraphError                 an RDF graph could not be built or parsed
    │   └── ShapeViolationError    SHACL validation failed; carries the report text
    ├── StoreError                 cannot open/reach/write a store; carries the target
    │   ├── StoreLockedError       another process holds the embedded store
    │   └── QueryError             a query failed; carries the query name
    │       └── UnknownQueryError  no such named query / parameter; carries what exists
    ├── LinkingError               Wikidata endpoint failure; carries endpoint, status, retryable
    └── EvalError                  a gold file is malformed; carries the file

Only ``kg.cli`` turns these into messages and exit codes (1 for a KGError, 2 for usage).
"""

from __future__ import annotations

from collections.abc import Sequence


class KGError(Exception):
    """Base class of every error kg raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ConfigError(KGError):
    """An option has a value kg cannot use."""

    def __init__(self, message: str, *, option: str | None = None) -> None:
        super().__init__(message)
        self.option = option


class InputError(KGError):
    """An input (file, URL, record, stdin) cannot be read as an article.

    The message always starts with the source so that one line on stderr names the file.
    """

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem


class PipelineError(KGError):
    """A pipeline stage failed on one article."""

    def __init__(self, message: str, *, stage: str, article_id: str | None = None) -> None:
        super().__init__(message)
        self.stage = stage
        self.article_id = article_id


class GraphError(KGError):
    """An RDF graph could not be built, parsed or serialised."""


class ShapeViolationError(GraphError):
    """A graph does not conform to the SHACL shapes in ontology/."""

    def __init__(self, message: str, *, report: str) -> None:
        super().__init__(message)
        self.report = report


class StoreError(KGError):
    """A store cannot be opened, reached or written."""

    def __init__(self, message: str, *, target: str | None = None) -> None:
        super().__init__(message)
        self.target = target


class StoreLockedError(StoreError):
    """The embedded store is in use by another process."""


class QueryError(StoreError):
    """A SPARQL query failed."""

    def __init__(self, message: str, *, query: str, target: str | None = None) -> None:
        super().__init__(message, target=target)
        self.query = query


class UnknownQueryError(QueryError):
    """No named query or query parameter of that name exists."""

    def __init__(self, message: str, *, query: str, available: Sequence[str]) -> None:
        super().__init__(message, query=query)
        self.available = tuple(available)


class LinkingError(KGError):
    """A Wikidata (or Wikidata-shaped) endpoint failed."""

    def __init__(
        self,
        message: str,
        *,
        endpoint: str,
        status: int | None = None,
        retryable: bool = False,
    ) -> None:
        super().__init__(message)
        self.endpoint = endpoint
        self.status = status
        self.retryable = retryable


class EvalError(KGError):
    """A gold annotation file is malformed."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
