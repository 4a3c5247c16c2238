"""The named-query runner: header parsing, typed parameters bound as terms, lookups, errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD
from store_fixtures import NASTY, small_kg

from kg.errors import QueryError, UnknownQueryError
from kg.rdf import iris
from kg.store import NamedQuery, Store, list_queries, load_query, open_store, run_query
from kg.store.queries import QueryParam, parse_query

HEADER = """\
# Statements by an actor, newest first.
# Optional lower date bound.
# param: speaker actor required  The speaker (QID, key, IRI or name)
# param: since date optional  Only statements made on or after this date
# columns: statement text date
"""
BY_SPEAKER = (
    HEADER
    + """\
PREFIX schema: <http://schema.org/>
SELECT ?statement ?text ?date ?speaker ?since WHERE {
  GRAPH ?g { ?statement schema:creator ?speaker ; schema:text ?text ; schema:dateCreated ?date }
  FILTER(COALESCE(?date >= ?since, true))
} ORDER BY DESC(?date) ?statement
"""
)
BY_TEXT = """\
# Statements whose text is exactly the given string.
# param: text string required  The text
# param: limit integer optional  Unused; typed for the test
# param: article article optional  Unused; typed for the test
# columns: statement text
PREFIX schema: <http://schema.org/>
SELECT ?statement ?text ?limit ?article WHERE {
  GRAPH ?g { ?statement schema:text ?t } FILTER(STR(?t) = ?text)
}
"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with open_store(tmp_path_factory.mktemp("queries") / "store") as opened:
        small_kg(opened)
        yield opened


@pytest.fixture
def queries(tmp_path: Path) -> Path:
    (tmp_path / "by-speaker.rq").write_text(BY_SPEAKER, encoding="utf-8")
    (tmp_path / "by-text.rq").write_text(BY_TEXT, encoding="utf-8")
    (tmp_path / "README.md").write_text("not a query", encoding="utf-8")
    return tmp_path


def test_header_is_parsed_into_description_params_and_columns() -> None:
    query = parse_query("by-speaker", BY_SPEAKER)
    assert query.description == "Statements by an actor, newest first. Optional lower date bound."
    assert query.params == (
        QueryParam(
            name="speaker",
            type="actor",
            required=True,
            description="The speaker (QID, key, IRI or name)",
        ),
        QueryParam(
            name="since",
            type="date",
            required=False,
            description="Only statements made on or after this date",
        ),
    )
    assert query.columns == ("statement", "text", "date")
    assert query.declared


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        pytest.param("# param: x colour required  Bad type", "unknown type 'colour'", id="type"),
        pytest.param("# param: x iri sometimes", "malformed header line", id="need"),
        pytest.param("# param: x", "malformed header line", id="short"),
    ],
)
def test_malformed_param_lines_are_errors(line: str, problem: str) -> None:
    with pytest.raises(QueryError, match=problem):
        parse_query("q", line + "\nSELECT * WHERE {}")


def test_list_and_load_by_name(queries: Path) -> None:
    assert [q.name for q in list_queries(queries)] == ["by-speaker", "by-text"]
    assert load_query("by-text", directory=queries).columns == ("statement", "text")


def test_an_unknown_name_lists_the_available_queries(queries: Path) -> None:
    with pytest.raises(
        UnknownQueryError, match="unknown query 'nope'; available: by-speaker, by-text"
    ) as caught:
        load_query("nope", directory=queries)
    assert caught.value.available == ("by-speaker", "by-text")


# A plan of by-speaker for when `since` is given; LIMIT 1 makes it recognisable in the rows.
SINCE_PLAN = """\
# Found from the dates first.
# when: since
PREFIX schema: <http://schema.org/>
SELECT ?statement ?text ?date ?speaker ?since WHERE {
  GRAPH ?g { ?statement schema:creator ?speaker ; schema:text ?text ; schema:dateCreated ?date }
  FILTER(COALESCE(?date >= ?since, true))
} ORDER BY DESC(?date) ?statement LIMIT 1
"""


def test_a_plan_is_run_when_its_parameters_are_given(store: Store, queries: Path) -> None:
    (queries / "plans").mkdir()
    (queries / "plans" / "by-speaker.dates-first.rq").write_text(SINCE_PLAN, encoding="utf-8")
    query = load_query("by-speaker", directory=queries)
    assert [p.label for p in query.plans] == ["dates-first"]
    assert [q.plans for q in list_queries(queries)] == [query.plans, ()]
    assert len(run_query(store, query, {"speaker": "Q57792"}).rows) == 2
    assert len(run_query(store, query, {"speaker": "Q57792", "since": "2000-01-01"}).rows) == 1
    assert query.text_for({"speaker"}) == query.text
    assert query.text_for({"speaker", "since"}) == SINCE_PLAN


def test_the_first_plan_whose_parameter_set_is_given_wins(queries: Path) -> None:
    (queries / "plans").mkdir()
    for label, when in (("a", "# when: speaker since"), ("b", "# when: since\n# when: speaker")):
        path = queries / "plans" / f"by-speaker.{label}.rq"
        path.write_text(when + "\nSELECT * WHERE {}\n", encoding="utf-8")
    query = load_query("by-speaker", directory=queries)
    assert query.plans[1].when == (frozenset({"since"}), frozenset({"speaker"}))
    assert query.plan_for({"speaker", "since"}) == query.plans[0]
    assert query.plan_for({"speaker"}) == query.plans[1]
    assert query.plan_for({"since"}) == query.plans[1]
    assert query.plan_for(set()) is None


@pytest.mark.parametrize(
    ("header", "problem"),
    [
        pytest.param("# Faster.", "no 'when: PARAM …' line", id="no-when"),
        pytest.param("# when: speaker colour", "has no parameter colour", id="undeclared"),
        pytest.param("# when: since\n# param: x iri optional", "'param' lines belong", id="param"),
        pytest.param("# when: since\n# columns: text", "'columns' lines belong", id="columns"),
    ],
)
def test_malformed_plans_are_errors(queries: Path, header: str, problem: str) -> None:
    (queries / "plans").mkdir()
    plan = queries / "plans" / "by-speaker.x.rq"
    plan.write_text(header + "\nSELECT * WHERE {}\n", encoding="utf-8")
    with pytest.raises(QueryError, match=f"plan by-speaker.x.rq: .*{problem}"):
        load_query("by-speaker", directory=queries)


def test_a_missing_file_is_a_query_error(tmp_path: Path) -> None:
    with pytest.raises(QueryError, match="cannot read query file"):
        load_query(str(tmp_path / "missing.rq"))


def _texts(store: Store, query: NamedQuery, **params: str) -> list[str]:
    return [str(row[1]) for row in run_query(store, query, params).rows]


@pytest.mark.parametrize(
    "speaker",
    [
        pytest.param("Q57792", id="qid"),
        pytest.param("mark-rutte", id="key"),
        pytest.param(str(iris.actor_iri("mark-rutte")), id="iri"),
        pytest.param("Mark Rutte", id="name"),
        pytest.param("mark rutte", id="name-casefolded"),
    ],
)
def test_an_actor_can_be_named_by_qid_key_iri_or_label(store: Store, speaker: str) -> None:
    query = parse_query("by-speaker", BY_SPEAKER)
    assert _texts(store, query, speaker=speaker) == [
        "Wir stehen an der Seite der Ukraine.",
        "Die Ukraine wird Mitglied der NATO.",
    ]


def test_columns_select_and_order_the_output(store: Store) -> None:
    result = run_query(store, parse_query("by-speaker", BY_SPEAKER), {"speaker": "Q57792"})
    assert result.columns == ("statement", "text", "date")
    assert result.rows[0] == (
        iris.article_part_iri("t2", "stmt-2"),
        Literal("Wir stehen an der Seite der Ukraine.", lang="de"),
        Literal("2025-01-10", datatype=XSD.date),
    )


def test_an_optional_date_filters_when_given(store: Store) -> None:
    query = parse_query("by-speaker", BY_SPEAKER)
    assert _texts(store, query, speaker="Q57792", since="2025-01-01") == [
        "Wir stehen an der Seite der Ukraine."
    ]
    assert _texts(store, query, speaker="Q57792", since="2025-06-01") == []


@pytest.mark.parametrize(
    ("speaker", "problem"),
    [
        pytest.param("Dmitri Peskow", "'Dmitri Peskow' is ambiguous; candidates: ", id="ambiguous"),
        pytest.param("Q999999", "no actor in the store is linked to Wikidata Q999999", id="qid"),
        pytest.param(
            "Mark Rute", "no actor named 'Mark Rute'.*did you mean: Mark Rutte <", id="typo"
        ),
    ],
)
def test_unresolvable_actors_name_the_parameter_and_the_candidates(
    store: Store, speaker: str, problem: str
) -> None:
    with pytest.raises(QueryError, match=r"parameter 'speaker' \(actor\): " + problem):
        run_query(store, parse_query("by-speaker", BY_SPEAKER), {"speaker": speaker})


def test_ambiguous_actor_lists_both_iris(store: Store) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(store, parse_query("by-speaker", BY_SPEAKER), {"speaker": "dmitri peskow"})
    assert str(iris.actor_iri("peskov-a")) in str(caught.value)
    assert str(iris.actor_iri("peskov-b")) in str(caught.value)


@pytest.mark.parametrize(
    ("params", "error", "problem"),
    [
        pytest.param(
            {"speaker": "Q57792", "sinse": "2024-01-01"},
            UnknownQueryError,
            r"has no parameter 'sinse'; allowed: speaker, since",
            id="unknown",
        ),
        pytest.param(
            {}, QueryError, r"needs parameter 'speaker' \(actor: The speaker", id="missing"
        ),
        pytest.param(
            {"speaker": "Q57792", "since": "3.12.2024"},
            QueryError,
            r"parameter 'since' \(date\): '3.12.2024' is not a date; use YYYY-MM-DD",
            id="date",
        ),
    ],
)
def test_parameter_errors_name_the_parameter(
    store: Store, params: dict[str, str], error: type[Exception], problem: str
) -> None:
    with pytest.raises(error, match=problem):
        run_query(store, parse_query("by-speaker", BY_SPEAKER), params)


def test_an_injection_attempt_stays_a_literal(store: Store) -> None:
    before = store.count()
    query = parse_query("by-text", BY_TEXT)
    attack = 'x" } ; DROP ALL ; #'
    assert run_query(store, query, {"text": attack}).rows == ()
    assert store.count() == before
    (row,) = run_query(store, query, {"text": NASTY}).rows
    assert row == (iris.article_part_iri("t1", "stmt-1"), Literal(NASTY))


@pytest.mark.parametrize(
    ("name", "value", "problem"),
    [
        pytest.param("limit", "ten", "'ten' is not an integer", id="integer"),
        pytest.param("article", "a b", "neither an article id", id="article"),
    ],
)
def test_ill_typed_values_are_refused(store: Store, name: str, value: str, problem: str) -> None:
    with pytest.raises(QueryError, match=f"parameter '{name}'.*{problem}"):
        run_query(store, parse_query("by-text", BY_TEXT), {"text": "x", name: value})


def test_typed_values_become_terms(store: Store) -> None:
    from kg.store.queries import bind_params

    query = parse_query("by-text", BY_TEXT)
    bound = bind_params(store, query, {"text": "x", "limit": " 10", "article": "t1"})
    assert bound == {
        "text": Literal("x"),
        "limit": Literal("10", datatype=XSD.integer),
        "article": iris.article_iri("t1"),
    }


def test_a_file_without_header_accepts_any_parameter(store: Store, tmp_path: Path) -> None:
    path = tmp_path / "adhoc.rq"
    path.write_text(
        "PREFIX schema: <http://schema.org/>\n"
        "SELECT ?s ?who WHERE { GRAPH ?g { ?s schema:creator ?who } } ORDER BY ?s",
        encoding="utf-8",
    )
    query = load_query(str(path))
    assert not query.declared
    result = run_query(store, query, {"who": str(iris.actor_iri("nato"))})
    assert result.columns == ("s", "who")
    assert result.rows == ((iris.article_part_iri("t3", "stmt-3"), iris.actor_iri("nato")),)


def test_a_declared_column_the_query_does_not_select_is_an_error(store: Store) -> None:
    query = parse_query("bad", "# columns: a b\nSELECT ?a WHERE { BIND(1 AS ?a) }")
    with pytest.raises(QueryError, match="declares columns b that it does not select"):
        run_query(store, query, {})


def test_an_unprojected_parameter_is_explained(store: Store) -> None:
    query = parse_query("bad", "# param: x string required  X\nSELECT ?a WHERE { BIND(?x AS ?a) }")
    with pytest.raises(
        QueryError, match=r"query 'bad': \?x is bound but not in the SELECT projection"
    ):
        run_query(store, query, {"x": "1"})


def test_oxigraph_bound_quirk_that_the_header_rules_work_around(store: Store) -> None:
    """``BOUND(?p)`` is false for a substituted ``?p`` in pyoxigraph 0.5 (hence COALESCE)."""
    rows = store.query("SELECT ?p ?b WHERE { BIND(BOUND(?p) AS ?b) }", {"p": Literal(1)}).rows
    assert rows == ((Literal(1), Literal(False)),)


def test_issue_parameter_accepts_a_key(store: Store) -> None:
    query = parse_query(
        "issue", "# param: issue issue required  I\nSELECT ?issue WHERE { BIND(1 AS ?one) }"
    )
    (row,) = run_query(store, query, {"issue": "membership:Q212:Q7184"}).rows
    assert row == (iris.issue_iri("membership:Q212:Q7184"),)
    assert isinstance(row[0], URIRef)


def test_real_named_queries_have_valid_headers() -> None:
    for query in list_queries():
        assert query.description, query.name
        assert query.columns, query.name
