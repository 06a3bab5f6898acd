"""Every Cypher text of ptce-graph passes Neo4j's own front-end with no error and no warning:
the library files and every statement the store code can run (collected from its registry)."""

from __future__ import annotations

import pytest

from ptce_graph.store import statements
from ptce_graph.store.library import library

CYPHER_TEXTS = {
    **{f"statement {name}": (text, params)
       for name, (text, params) in statements.registry().items()},
    **{f"library {name}": (query.text, tuple(p.name for p in query.parameters))
       for name, query in library().items()},
}


@pytest.mark.parametrize("name", sorted(CYPHER_TEXTS))
def test_neo4j_front_end_accepts(cypher_linter, name):
    text, parameters = CYPHER_TEXTS[name]
    diagnostics = cypher_linter.lint(text, parameters)
    assert diagnostics == [], f"{name}:\n{text}"


def test_the_front_end_catches_what_falkordb_would_let_through(cypher_linter):
    # size() of a pattern runs on FalkorDB but is not Neo4j 5 Cypher: the check must see it
    found = cypher_linter.lint("MATCH (n:Pole) RETURN size((n)<-[:MEMBER_OF]-()) AS members")
    assert any(d["severity"] == "error" and "COUNT" in d["message"] for d in found)
    assert cypher_linter.lint("MATCH (n:Pole {id: $pole}) RETURN n", ())[0]["severity"] == "error"


def test_every_statement_builder_is_in_the_registry():
    texts = {text for text, _ in statements.registry().values()}
    built = {statements.merge_nodes("pole"), statements.merge_edges("funds", "funder", "project"),
             statements.write_back_nodes("organisation"), statements.pull_edges("spins_off"),
             statements.neo4j_constraint("project"), statements.falkordb_index("funder"),
             statements.delete_nodes("collectivity"), statements.MARK_METRICS}
    assert built <= texts


def test_library_has_at_least_twelve_documented_queries():
    queries = library()
    assert len(queries) >= 12
    for query in queries.values():
        assert query.question.endswith("?"), query.name
        assert query.returns, query.name
        for parameter in query.parameters:
            assert f"${parameter.name}" in query.text, (query.name, parameter.name)


def test_readme_shows_every_query():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "cypher" / "README.md").read_text("utf-8")
    for name in library():
        assert f"### `{name}`" in readme and f"$ ptce-graph query {name}" in readme
