"""The house layout: the analysis package is a library of pure functions over graphs and
DataFrames; files, stores, the CLI and the writers stay at the edges (STYLE: "I/O, Neo4j and
the CLI at the edges"). An import from an edge module inside ``ptce_graph/analysis`` fails here."""

from __future__ import annotations

import ast
from pathlib import Path

import ptce_graph

PACKAGE = Path(ptce_graph.__file__).parent
# modules that read or write files, talk to a store or a person, or draw
EDGES = {"ingest", "store", "cli", "outputs", "views", "report", "spreadsheet", "workbook",
         "survey", "template", "subsidies", "generate", "pseudonym"}
THIRD_PARTY_EDGES = {"click", "neo4j", "falkordb", "pyvis", "openpyxl", "graphdatascience"}


def imported_modules(path: Path) -> set[str]:
    """Every module a file imports (at any depth of the file), relative imports resolved to
    their first name inside ptce_graph."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level >= 2 and node.module:
                found.add("ptce_graph." + node.module.split(".")[0])
            elif node.level >= 2:
                found |= {"ptce_graph." + alias.name for alias in node.names}
            elif node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_the_checker_sees_an_edge_import(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from ..ingest import load_dataset\n    import click\n")
    assert {"ptce_graph.ingest", "click"} <= imported_modules(sample)


def test_the_analysis_package_imports_no_edge_module():
    offenders = []
    for path in sorted((PACKAGE / "analysis").glob("*.py")):
        for module in imported_modules(path):
            name = module.removeprefix("ptce_graph.")
            if (module.startswith("ptce_graph.") and name in EDGES) or module in THIRD_PARTY_EDGES:
                offenders.append(f"{path.name} imports {module}")
    assert not offenders, offenders
