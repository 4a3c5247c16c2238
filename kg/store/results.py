"""Render query results: an aligned table for people, CSV, and SPARQL 1.1 Query Results JSON."""

from __future__ import annotations

import csv
import io
import json
from typing import Literal as TypingLiteral

from rdflib.term import BNode, Literal, URIRef

from kg.rdf import iris
from kg.store.base import Term
from kg.store.queries import QueryResult

ResultFormat = TypingLiteral["table", "csv", "json"]
RESULT_FORMATS: tuple[ResultFormat, ...] = ("table", "csv", "json")

#: Widest cell a table shows before cutting it with "…" (statement texts can be paragraphs).
MAX_CELL_WIDTH = 80
#: IRI prefixes a table shortens (full IRIs stay in CSV and JSON).
_SHORT = (("wd:", iris.WIKIDATA_ENTITY), ("kg:", iris.BASE))


def format_result(result: QueryResult, fmt: ResultFormat) -> str:
    """Render ``result`` as ``table``, ``csv`` or ``json``."""
    if fmt == "csv":
        return format_csv(result)
    if fmt == "json":
        return format_json(result)
    return format_table(result)


def format_table(result: QueryResult) -> str:
    """An aligned plain-text table with a header rule, and a row count line."""
    cells = [[_display(t) for t in row] for row in result.rows]
    widths = [len(c) for c in result.columns]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    lines = [
        "  ".join(c.ljust(w) for c, w in zip(result.columns, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines.extend(
        "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() for row in cells
    )
    lines.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(lines) + "\n"


def _display(term: Term | None) -> str:
    if term is None:
        return ""
    text = str(term)
    if isinstance(term, URIRef):
        for prefix, namespace in _SHORT:
            if text.startswith(namespace):
                text = prefix + text[len(namespace) :]
                break
    elif isinstance(term, BNode):
        text = f"_:{text}"
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL_WIDTH else text[: MAX_CELL_WIDTH - 1] + "…"


def format_csv(result: QueryResult) -> str:
    """SPARQL 1.1 CSV results: a header of variable names, then plain values."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.columns)
    for row in result.rows:
        writer.writerow(["" if t is None else _csv_value(t) for t in row])
    return buffer.getvalue()


def _csv_value(term: Term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (``head.vars``, ``results.bindings``)."""
    bindings = [
        {name: _json_term(t) for name, t in zip(result.columns, row, strict=True) if t is not None}
        for row in result.rows
    ]
    document = {"head": {"vars": list(result.columns)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    out = {"type": "literal", "value": str(term)}
    if isinstance(term, Literal) and term.language:
        out["xml:lang"] = term.language
    elif isinstance(term, Literal) and term.datatype is not None:
        out["datatype"] = str(term.datatype)
    return out
