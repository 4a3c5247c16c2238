"""Bind query variables for a remote SPARQL endpoint, which has no substitution API.

Oxigraph binds ``bindings`` as substitutions (the variable takes the value everywhere, also in
sub-selects that project it). A SPARQL 1.1 endpoint only takes query text, so the same effect
is had by rewriting the text token by token: every occurrence of a bound variable becomes the
term, written as SPARQL syntax from a validated rdflib term (never from raw user text):

* in a SELECT projection, ``?x`` becomes ``(<term> AS ?x)`` so the column still appears;
* in GROUP BY / ORDER BY, ``?x`` becomes ``(<term>)`` (a bare IRI there would be a call);
* after ``AS``, ``?x`` stays: ``(SAMPLE(?x) AS ?x)`` becomes ``(SAMPLE(<term>) AS ?x)``, which
  projects the value from an aggregate as Oxigraph's substitution does;
* anywhere else ``?x`` becomes ``<term>``.

Comments, string literals and IRIs are skipped by the tokenizer, so a ``?x`` inside them is
left alone. IRIs with characters that SPARQL forbids in ``<…>`` and language tags that are not
BCP 47-shaped are refused, so a value cannot break out of its term.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from rdflib.namespace import XSD
from rdflib.term import BNode, Literal, Node, URIRef

from kg.errors import QueryError

_TOKEN = re.compile(
    r"""
      (?P<comment>\#[^\n]*)
    | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''
                |"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
    | (?P<iri><[^<>"{}|^`\\\s]*>)
    | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\uffff]+)
    | (?P<word>[A-Za-z_][A-Za-z0-9_-]*)
    | (?P<open>[({])
    | (?P<close>[)}])
    | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_BAD_IRI = re.compile(r'[<>"{}|^`\\\x00-\x20]')
_LANG = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*")
_CLAUSE_END = frozenset({"HAVING", "ORDER", "LIMIT", "OFFSET", "VALUES", "GROUP"})
_XSD_STRING = str(XSD.string)


def sparql_term(term: Node) -> str:
    """The SPARQL syntax of an rdflib IRI or literal.

    >>> sparql_term(Literal('say "hi"\\n', lang="de"))
    '"say \\\\"hi\\\\"\\\\n"@de'

    Raises:
        QueryError: a blank node, an IRI with forbidden characters or a malformed language tag.
    """
    if isinstance(term, URIRef):
        return _iri(str(term))
    if isinstance(term, Literal):
        text = '"' + _escape(str(term)) + '"'
        if term.language:
            if not _LANG.fullmatch(term.language):
                raise QueryError(f"invalid language tag {term.language!r}", query="<bindings>")
            return f"{text}@{term.language}"
        if term.datatype is not None and str(term.datatype) != _XSD_STRING:
            return f"{text}^^{_iri(str(term.datatype))}"
        return text
    kind = "a blank node" if isinstance(term, BNode) else repr(term)
    raise QueryError(
        f"cannot bind {kind} on a remote store; bind an IRI or literal", query="<bindings>"
    )


#: ``STR(?v) = ""``: the named queries' "parameter not given" test (see ``unbound_tests``).
_NOT_GIVEN = re.compile(r'\s*STR\(\s*[?$]([A-Za-z0-9_]+)\s*\)\s*=\s*""\s*')
_COALESCE = re.compile(r"\bCOALESCE\s*\(", re.IGNORECASE)


def unbound_tests(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Rewrite ``COALESCE(test, STR(?v) = "", …)`` for a ``?v`` not in ``bindings``.

    The named queries say "optional parameter not given" with ``STR(?since) = ""`` inside a
    ``COALESCE`` (``BOUND`` is false for Oxigraph substitutions): by the SPARQL spec ``test``
    (say ``?date >= ?since``) and ``STR(?since)`` are errors when ``?since`` is unbound, which
    ``COALESCE`` skips, ending at ``true``. Virtuoso 7.2 evaluates both to false instead and
    drops every row. On a remote store an unbound parameter is really unbound, so the call
    becomes ``(!BOUND(?v) || COALESCE(test, …))``, which means the same everywhere.

    >>> unbound_tests('FILTER(COALESCE(?d >= ?since, STR(?since) = "", true))', {})
    'FILTER((!BOUND(?since) || COALESCE(?d >= ?since, true)))'
    """
    out: list[str] = []
    position = 0
    for match in _COALESCE.finditer(sparql):
        if match.start() < position:
            continue
        args, end = _arguments(sparql, match.end())
        if end < 0:
            break
        tests = [_NOT_GIVEN.fullmatch(a) for a in args]
        names = [t.group(1) for t in tests if t is not None and t.group(1) not in bindings]
        if not names:
            continue
        rest = [a for a, t in zip(args, tests, strict=True) if t is None or t.group(1) in bindings]
        unbound = " || ".join(f"!BOUND(?{name})" for name in names)
        inner = unbound_tests(",".join(rest), bindings)
        out.append(sparql[position : match.start()])
        out.append(f"({unbound} || COALESCE({inner.strip()}))")
        position = end + 1
    out.append(sparql[position:])
    return "".join(out)


def _arguments(text: str, start: int) -> tuple[list[str], int]:
    """Split the call arguments starting at ``start`` (after ``(``); return them and the
    index of the closing parenthesis (-1 if unbalanced). String literals are skipped."""
    args, depth, current, i = [], 0, start, start
    while i < len(text):
        char = text[i]
        if char in "\"'":
            close = text.find(char, i + 1)
            while close > 0 and text[close - 1] == "\\":
                close = text.find(char, close + 1)
            if close < 0:
                return [], -1
            i = close
        elif char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                args.append(text[current:i])
                return args, i
            depth -= 1
        elif char == "," and depth == 0:
            args.append(text[current:i])
            current = i + 1
        i += 1
    return [], -1


def substitute(sparql: str, bindings: Mapping[str, Node]) -> str:
    """Return ``sparql`` with every bound variable replaced by its term (see module docstring).

    >>> substitute("SELECT ?a ?b WHERE { ?a ?p ?b } ORDER BY ?a", {"a": URIRef("http://x/y")})
    'SELECT (<http://x/y> AS ?a) ?b WHERE { <http://x/y> ?p ?b } ORDER BY (<http://x/y>)'
    """
    if not bindings:
        return sparql
    terms = {name: sparql_term(term) for name, term in bindings.items()}
    out: list[str] = []
    depth = 0
    clause: str | None = None  # "select" (projection), "order" (GROUP/ORDER BY) or None
    clause_depth = 0
    previous = ""
    for match in _TOKEN.finditer(sparql):
        kind, text = match.lastgroup, match.group()
        if kind == "word" and previous != ":":
            word = text.upper()
            if word == "SELECT":
                clause, clause_depth = "select", depth
            elif word == "WHERE" and clause == "select":
                clause = None
            elif word == "BY" and previous_word(out) in ("GROUP", "ORDER"):
                clause, clause_depth = "order", depth
            elif word in _CLAUSE_END and clause == "order" and depth == clause_depth:
                clause = None
        elif kind == "open":
            if text == "{" and clause is not None:
                clause = None
            depth += 1
        elif kind == "close":
            depth -= 1
            if clause == "order" and depth < clause_depth:
                clause = None
        elif kind == "var" and text[1:] in terms and previous.upper() != "AS":
            term = terms[text[1:]]
            if clause == "select" and depth == clause_depth:
                text = f"({term} AS ?{text[1:]})"
            elif clause == "order" and depth == clause_depth:
                text = f"({term})"
            else:
                text = term
        out.append(text)
        if kind not in ("other",) or not text.isspace():
            previous = text
    return "".join(out)


def names_graphs(sparql: str) -> bool:
    """True if the query uses the ``GRAPH`` keyword outside comments, strings and IRIs.

    >>> names_graphs('SELECT * WHERE { ?s ?p "GRAPH" } # GRAPH')
    False
    """
    return any(
        m.lastgroup == "word" and m.group().upper() == "GRAPH" for m in _TOKEN.finditer(sparql)
    )


def previous_word(tokens: list[str]) -> str:
    """The last non-blank token emitted, upper-cased."""
    for token in reversed(tokens):
        if not token.isspace():
            return token.upper()
    return ""


def _iri(value: str) -> str:
    if _BAD_IRI.search(value):
        raise QueryError(
            f"invalid IRI {value!r}: it contains characters SPARQL forbids in <…>",
            query="<bindings>",
        )
    return f"<{value}>"


def _escape(value: str) -> str:
    return (
        value.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\r", "\\r")
        .replace("\t", "\\t")
    )
