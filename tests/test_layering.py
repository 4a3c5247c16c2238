"""The layers form a one-way DAG (aesthetics.md §5.1): checked by walking the imports."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "kg"

# module prefix -> imports it must never make
FORBIDDEN = {
    "kg/model.py": (
        "rdflib",
        "pyvis",
        "networkx",
        "SPARQLWrapper",
        "pyoxigraph",
        "kg.rdf",
        "kg.store",
        "kg.viz",
        "kg.cli",
        "kg.nlp",
        "kg.reading",
    ),
    "kg/nlp/": (
        "rdflib",
        "pyvis",
        "networkx",
        "SPARQLWrapper",
        "pyoxigraph",
        "oxrdflib",
        "kg.rdf",
        "kg.store",
        "kg.viz",
        "kg.cli",
    ),
    "kg/reading/": (
        "rdflib",
        "pyvis",
        "networkx",
        "SPARQLWrapper",
        "pyoxigraph",
        "kg.rdf",
        "kg.store",
        "kg.viz",
        "kg.cli",
        "kg.nlp",
    ),
    "kg/rdf/": ("kg.store", "kg.viz", "kg.cli", "pyvis"),
    "kg/store/": ("kg.viz", "kg.cli", "pyvis"),
    "kg/viz/": ("kg.cli",),
    "kg/eval/": ("kg.cli", "kg.viz"),
    "kg/linking/": ("kg.cli", "kg.viz", "pyvis"),
    # matching logic stays free of RDF and stores; only the store/enrich adapters use them
    "kg/linking/link.py": ("rdflib", "kg.rdf", "kg.store", "SPARQLWrapper"),
    "kg/linking/candidates.py": ("kg.store", "kg.viz"),
}


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


def _cases() -> list[tuple[str, Path]]:
    cases = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE.parent).as_posix()
        cases.extend((prefix, path) for prefix in FORBIDDEN if relative.startswith(prefix))
    return cases


@pytest.mark.parametrize(("prefix", "path"), _cases(), ids=lambda v: str(v).split("kg/")[-1])
def test_module_respects_layering(prefix: str, path: Path) -> None:
    bad = sorted(
        name
        for name in _imports(path)
        for forbidden in FORBIDDEN[prefix]
        if name == forbidden or name.startswith(forbidden + ".")
    )
    assert not bad, f"{path} imports {bad}, which its layer must not"


def test_library_never_prints() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        if "cli" in path.relative_to(PACKAGE).parts:
            continue
        offenders.extend(
            f"{path}:{node.lineno}"
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "print"
        )
    assert not offenders
