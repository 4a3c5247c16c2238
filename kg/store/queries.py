"""Named SPARQL queries: load ``queries/*.rq``, bind typed parameters safely, run them.

Each ``.rq`` file starts with a comment header::

    # Actors an article mentions, with mention counts and Wikidata QIDs.
    # param: article article required  The article (its id or IRI)
    # param: since date optional  Only articles published on or after this date
    # columns: actor label kind qid mentions

Parameter values are converted to RDF terms by type and bound as Oxigraph substitutions; they
are never pasted into the query text. Two rules follow from Oxigraph's substitution semantics
(pyoxigraph 0.5, tested in ``tests/store/test_queries.py``):

* every parameter variable must be in the SELECT projection (the ``columns:`` line decides which
  variables are shown, so a parameter can be projected without being displayed);
* ``BOUND(?param)`` is false for a substituted variable: write optional filters as
  ``FILTER(COALESCE(?date >= ?since, true))``, never ``!BOUND(?since) || …``.

Plans: a query may have alternative texts in ``queries/plans/<name>.<label>.rq`` for when
some parameters are given. Oxigraph plans a query from its text alone, not from the values
bound, so the plan that is fast for the whole store (scans joined by hash) is slow for one
actor or one month, whose rows are better found from the bound value by index seeks. A plan
file starts with ``# when: PARAM [PARAM …]`` lines (one per set of parameters that selects it)
and otherwise carries only comments saying why; it must select the same rows in the same
order as the query itself (``tests/rdf/test_named_queries.py`` checks this on fixture data). The
first plan, by file name, one of whose ``when:`` sets is given is run instead of the query.

Parameter types: ``iri``, ``article`` (id or IRI), ``actor`` (QID, actor key, IRI or name),
``issue`` (key ``relation:subject:object``, IRI or label), ``string``, ``date`` (YYYY-MM-DD),
``integer``. A ``.rq`` file without ``param:`` lines accepts any parameter: an absolute IRI value
binds an IRI, anything else a string.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import re
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from rdflib.namespace import XSD
from rdflib.term import Literal, URIRef

from kg.errors import QueryError, UnknownQueryError
from kg.rdf import iris
from kg.resources import queries_dir
from kg.store.base import QueryRows, Store, Term

logger = logging.getLogger(__name__)

PARAM_TYPES = ("iri", "article", "actor", "issue", "string", "date", "integer")
#: Where a query's plans live, under the queries directory.
PLANS_DIR = "plans"

_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
_PARAM_LINE = re.compile(r"param:\s+(\w+)\s+(\w+)\s+(required|optional)\b\s*(.*)")
_WHEN_LINE = re.compile(r"when:((?:\s+\w+)+)\s*")
_ABSOLUTE_IRI = re.compile(r"(?:https?|urn):[^\s<>\"{}|\\^`]+")
_QID = re.compile(r"Q[1-9][0-9]*")
_ARTICLE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: How many near-miss names an "unknown actor/issue" error lists.
MAX_CANDIDATES = 8


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryParam:
    """A declared parameter of a named query."""

    name: str
    type: str
    required: bool
    description: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class QueryPlan:
    """Another text of a named query, run when one of the ``when`` parameter sets is given."""

    label: str
    when: tuple[frozenset[str], ...]
    text: str
    path: Path | None = None

    def applies(self, given: Collection[str]) -> bool:
        """Whether every parameter of one of the ``when`` sets is in ``given``."""
        return any(names.issubset(given) for names in self.when)


@dataclass(frozen=True, slots=True, kw_only=True)
class NamedQuery:
    """A SPARQL query with its header: ``declared`` is False when the file has no header."""

    name: str
    description: str
    params: tuple[QueryParam, ...]
    columns: tuple[str, ...]
    text: str
    path: Path | None = None
    declared: bool = True
    plans: tuple[QueryPlan, ...] = ()

    def param(self, name: str) -> QueryParam | None:
        """The declared parameter ``name``, or None."""
        return next((p for p in self.params if p.name == name), None)

    def plan_for(self, given: Collection[str]) -> QueryPlan | None:
        """The first plan that applies when the parameters ``given`` are bound, or None."""
        return next((plan for plan in self.plans if plan.applies(given)), None)

    def text_for(self, given: Collection[str]) -> str:
        """The text to run when the parameters ``given`` are bound (a plan's, else the query's)."""
        plan = self.plan_for(given)
        return plan.text if plan is not None else self.text


@dataclass(frozen=True, slots=True)
class QueryResult:
    """Columns and rows (rdflib terms; None = unbound) of a named query."""

    columns: tuple[str, ...]
    rows: tuple[tuple[Term | None, ...], ...]

    def __len__(self) -> int:
        return len(self.rows)


# -- loading ---------------------------------------------------------------------------------


def list_queries(directory: Path | None = None) -> tuple[NamedQuery, ...]:
    """Every named query in ``directory`` (default: kg's ``queries/``), sorted by name."""
    folder = directory or queries_dir()
    return tuple(_load_named(folder, p.stem) for p in _rq_files(folder))


def load_query(name_or_path: str | Path, *, directory: Path | None = None) -> NamedQuery:
    """Load a named query by name, or any ``.rq`` file by path.

    Raises:
        UnknownQueryError: no query of that name (the message lists the available ones).
        QueryError: the file cannot be read or its header is malformed.
    """
    text = str(name_or_path)
    if text.endswith(".rq") or "/" in text or isinstance(name_or_path, Path):
        path = Path(text)
        try:
            return parse_query(path.stem, path.read_text(encoding="utf-8"), path)
        except (OSError, UnicodeDecodeError) as exc:
            raise QueryError(f"cannot read query file {path}: {exc}", query=text) from exc
    folder = directory or queries_dir()
    names = [p.stem for p in _rq_files(folder)]
    if not _NAME.fullmatch(text) or text not in names:
        raise UnknownQueryError(
            f"unknown query {text!r}; available: {', '.join(names) or '(none)'}",
            query=text,
            available=names,
        )
    return _load_named(folder, text)


def _load_named(folder: Path, name: str) -> NamedQuery:
    """The query ``folder/name.rq`` with its plans (``folder/plans/name.*.rq``)."""
    path = folder / f"{name}.rq"
    query = parse_query(name, path.read_text(encoding="utf-8"), path)
    plan_files = _rq_files(folder / PLANS_DIR, f"{name}.*.rq")
    if not plan_files:
        return query
    plans = tuple(_parse_plan(query, p) for p in plan_files)
    return dataclasses.replace(query, plans=plans)


def _rq_files(folder: Path, pattern: str = "*.rq") -> list[Path]:
    return sorted(p for p in folder.glob(pattern) if p.is_file())


def _parse_plan(query: NamedQuery, path: Path) -> QueryPlan:
    """Parse ``plans/<name>.<label>.rq``: ``when:`` lines naming declared parameters.

    Raises:
        QueryError: the plan has no ``when:`` line, names an undeclared parameter, or declares
            parameters or columns of its own (those of the query apply).
    """
    label = path.name.removeprefix(f"{query.name}.").removesuffix(".rq")
    text = path.read_text(encoding="utf-8")
    when: list[frozenset[str]] = []
    for body in _header_lines(text):
        if body.startswith(("param:", "columns:")):
            raise QueryError(
                f"plan {path.name}: {body.split(':')[0]!r} lines belong in {query.name}.rq",
                query=query.name,
            )
        match = _WHEN_LINE.fullmatch(body)
        if match is None:
            continue
        names = frozenset(match.group(1).split())
        unknown = sorted(n for n in names if query.param(n) is None)
        if unknown:
            raise QueryError(
                f"plan {path.name}: {query.name!r} has no parameter {', '.join(unknown)}",
                query=query.name,
            )
        when.append(names)
    if not when:
        raise QueryError(
            f"plan {path.name}: no 'when: PARAM …' line says when it is used", query=query.name
        )
    return QueryPlan(label=label, when=tuple(when), text=text, path=path)


def parse_query(name: str, text: str, path: Path | None = None) -> NamedQuery:
    """Parse the comment header of a ``.rq`` text (see the module docstring).

    Raises:
        QueryError: a ``param:`` line is malformed or names an unknown type.
    """
    description: list[str] = []
    params: list[QueryParam] = []
    columns: tuple[str, ...] = ()
    declared = False
    for body in _header_lines(text):
        if body.startswith("param:"):
            params.append(_parse_param(name, body))
            declared = True
        elif body.startswith("columns:"):
            columns = tuple(body.removeprefix("columns:").split())
            declared = True
        elif body:
            description.append(body)
    return NamedQuery(
        name=name,
        description=" ".join(description),
        params=tuple(params),
        columns=columns,
        text=text,
        path=path,
        declared=declared,
    )


def _header_lines(text: str) -> Iterator[str]:
    """The text of each comment line before the first line of SPARQL, without its ``#``."""
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if not line.startswith("#"):
            return
        yield line.lstrip("#").strip()


def _parse_param(query: str, body: str) -> QueryParam:
    match = _PARAM_LINE.fullmatch(body)
    if match is None:
        raise QueryError(
            f"query {query!r}: malformed header line {body!r}; expected "
            "'param: NAME TYPE required|optional  DESCRIPTION'",
            query=query,
        )
    name, kind, need, description = match.groups()
    if kind not in PARAM_TYPES:
        raise QueryError(
            f"query {query!r}: parameter {name!r} has unknown type {kind!r}; "
            f"allowed: {', '.join(PARAM_TYPES)}",
            query=query,
        )
    return QueryParam(name=name, type=kind, required=need == "required", description=description)


def _internal(name: str) -> NamedQuery:
    """One of kg.store's own lookup queries (``kg/store/sparql/*.rq``)."""
    text = resources.files("kg.store").joinpath("sparql", f"{name}.rq").read_text(encoding="utf-8")
    return parse_query(name, text)


# -- running ---------------------------------------------------------------------------------


def run_query(
    store: Store, query: NamedQuery | str | Path, params: Mapping[str, str] | None = None
) -> QueryResult:
    """Run a named query (or ``.rq`` path) with string parameter values converted by type.

    Raises:
        UnknownQueryError: no such query, or a parameter the query does not declare.
        QueryError: a required parameter is missing, a value is ill-typed or names no known
            resource, or the query fails.
    """
    named = query if isinstance(query, NamedQuery) else load_query(query)
    bindings = bind_params(store, named, params or {})
    plan = named.plan_for(bindings)
    if plan is not None:
        logger.info("query %s: plan %s (%s)", named.name, plan.label, plan.path or "given")
    try:
        rows = store.query(plan.text if plan is not None else named.text, bindings)
    except QueryError as exc:
        raise QueryError(f"query {named.name!r}: {exc.message}", query=named.name) from exc
    return _select_columns(named, rows)


def bind_params(store: Store, query: NamedQuery, params: Mapping[str, str]) -> dict[str, Term]:
    """Check ``params`` against the declaration of ``query`` and convert them to terms."""
    allowed = [p.name for p in query.params]
    if query.declared:
        for name in params:
            if query.param(name) is None:
                raise UnknownQueryError(
                    f"query {query.name!r} has no parameter {name!r}; "
                    f"allowed: {', '.join(allowed) or '(none)'}",
                    query=query.name,
                    available=allowed,
                )
        for p in query.params:
            if p.required and not params.get(p.name):
                raise QueryError(
                    f"query {query.name!r} needs parameter {p.name!r} ({p.type}"
                    + (f": {p.description})" if p.description else ")"),
                    query=query.name,
                )
    bindings: dict[str, Term] = {}
    for name, value in params.items():
        declared = query.param(name)
        kind = (
            declared.type if declared else ("iri" if _ABSOLUTE_IRI.fullmatch(value) else "string")
        )
        try:
            bindings[name] = _CONVERTERS[kind](store, value)
        except _BadValueError as exc:
            raise QueryError(
                f"query {query.name!r}: parameter {name!r} ({kind}): {exc}", query=query.name
            ) from None
    return bindings


def _select_columns(query: NamedQuery, rows: QueryRows) -> QueryResult:
    if not query.columns:
        return QueryResult(rows.variables, rows.rows)
    missing = [c for c in query.columns if c not in rows.variables]
    if missing:
        raise QueryError(
            f"query {query.name!r} declares columns {', '.join(missing)} that it does not "
            f"select; it selects {', '.join(rows.variables)}",
            query=query.name,
        )
    index = [rows.variables.index(c) for c in query.columns]
    return QueryResult(query.columns, tuple(tuple(row[i] for i in index) for row in rows.rows))


# -- parameter conversion ----------------------------------------------------------------------


class _BadValueError(Exception):
    """A parameter value cannot be converted; the message says why and what is allowed."""


def _to_iri(_: Store, value: str) -> Term:
    if not _ABSOLUTE_IRI.fullmatch(value):
        raise _BadValueError(f"{value!r} is not an absolute http(s) or urn IRI")
    return URIRef(value)


def _to_string(_: Store, value: str) -> Term:
    return Literal(value)


def _to_date(_: Store, value: str) -> Term:
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise _BadValueError(f"{value!r} is not a date; use YYYY-MM-DD") from None
    return Literal(day.isoformat(), datatype=XSD.date)


def _to_integer(_: Store, value: str) -> Term:
    try:
        number = int(value.strip(), 10)
    except ValueError:
        raise _BadValueError(f"{value!r} is not an integer") from None
    return Literal(str(number), datatype=XSD.integer)


def _to_article(_: Store, value: str) -> Term:
    if _ABSOLUTE_IRI.fullmatch(value):
        return URIRef(value)
    if not _ARTICLE_ID.fullmatch(value):
        raise _BadValueError(
            f"{value!r} is neither an article id (letters, digits, _.-) nor an IRI"
        )
    return iris.article_iri(value)


def _to_actor(store: Store, value: str) -> Term:
    if _QID.fullmatch(value):
        found = _run_internal(store, "same_as", item=iris.wikidata_iri(value))
        actors = sorted({str(row[0]) for row in found.rows})
        if len(actors) == 1:
            return URIRef(actors[0])
        if not actors:
            raise _BadValueError(f"no actor in the store is linked to Wikidata {value}")
        raise _BadValueError(f"several resources are linked to {value}: {', '.join(actors)}")
    if _ABSOLUTE_IRI.fullmatch(value):
        return URIRef(value)
    key_iri = iris.actor_iri(value)
    if value == iris.slugify(value) and _described(store, key_iri):
        return key_iri
    return _by_label(store, value, f"{iris.BASE}id/", "actor")


def _to_issue(store: Store, value: str) -> Term:
    if _ABSOLUTE_IRI.fullmatch(value):
        return URIRef(value)
    if value.count(":") == 2:
        return iris.issue_iri(value)
    return _by_label(store, value, f"{iris.BASE}issue/", "issue")


def _described(store: Store, resource: URIRef) -> bool:
    return bool(_run_internal(store, "described", resource=resource).rows)


def _by_label(store: Store, name: str, namespace: str, what: str) -> Term:
    """The one resource under ``namespace`` labelled ``name`` (case-insensitive)."""
    labels = _run_internal(store, "labels", namespace=Literal(namespace)).rows
    wanted = name.casefold()
    exact = sorted({str(r[0]) for r in labels if str(r[1]).casefold() == wanted})
    if len(exact) == 1:
        return URIRef(exact[0])
    if exact:
        raise _BadValueError(f"{name!r} is ambiguous; candidates: {', '.join(exact)}")
    # a surname or the last words of a name ("Rutte", "von der Leyen"), when only one fits
    tail = sorted({str(r[0]) for r in labels if str(r[1]).casefold().endswith(" " + wanted)})
    if len(tail) == 1:
        return URIRef(tail[0])
    near = _near_labels(name, [(str(r[1]), str(r[0])) for r in labels])
    hint = f"; did you mean: {', '.join(near)}" if near else ""
    raise _BadValueError(f"no {what} named {name!r} in the store (give a QID, key or IRI){hint}")


def _near_labels(name: str, labels: list[tuple[str, str]]) -> list[str]:
    from rapidfuzz import fuzz, process

    choices = {f"{label} <{iri}>": label for label, iri in labels}
    hits = process.extract(name, choices, scorer=fuzz.WRatio, limit=MAX_CANDIDATES, score_cutoff=70)
    return [key for _, _, key in hits]


def _run_internal(store: Store, name: str, **bindings: Term) -> QueryResult:
    query = _internal(name)
    return _select_columns(query, store.query(query.text, bindings))


_CONVERTERS: dict[str, Callable[[Store, str], Term]] = {
    "iri": _to_iri,
    "article": _to_article,
    "actor": _to_actor,
    "issue": _to_issue,
    "string": _to_string,
    "date": _to_date,
    "integer": _to_integer,
}
