"""The Neo4j backend's own logic that needs no server: connection settings, messages that never
show the password, the Neo4j-only statements, and the batching every backend receives. The
integration tests run on a live Neo4j too (conftest.py starts one; test_neo4j_live.py holds the
guarantees only Neo4j gives)."""

from __future__ import annotations

import pandas as pd
import pytest

from ptce_graph.errors import StoreError
from ptce_graph.ingest import Dataset
from ptce_graph.schema import NODE_LABELS
from ptce_graph.store import Neo4jSettings, open_store, statements
from ptce_graph.store.load import batches, edge_keys, load_steps
from ptce_graph.store.neo4j import safe_uri
from ptce_graph.store.server import free_port


def test_settings_come_from_the_usual_variables(monkeypatch):
    monkeypatch.setenv("NEO4J_URI", "neo4j://db:7687")
    monkeypatch.setenv("NEO4J_USERNAME", "alice")
    monkeypatch.setenv("NEO4J_PASSWORD", "pw-from-env")
    monkeypatch.setenv("NEO4J_DATABASE", "ptce")
    settings = Neo4jSettings().resolved()
    assert (settings.uri, settings.user, settings.password, settings.database) == (
        "neo4j://db:7687", "alice", "pw-from-env", "ptce")
    assert "pw-from-env" not in repr(settings)
    explicit = Neo4jSettings(uri="bolt://other:7687", password="x").resolved()
    assert (explicit.uri, explicit.password, explicit.user) == ("bolt://other:7687", "x", "alice")


def test_missing_uri(monkeypatch):
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreError, match="set NEO4J_URI"):
        Neo4jSettings().resolved()


@pytest.mark.parametrize("uri, shown", [
    ("bolt://user:pa55@host:7687", "bolt://host:7687"),
    ("neo4j+s://host", "neo4j+s://host"),
    ("bolt://u:pa55@h:port", "bolt://h:port"),
])
def test_uris_in_messages_carry_no_credentials(uri, shown):
    assert safe_uri(uri) == shown


def test_unreachable_server_and_wrong_scheme(monkeypatch):
    port = free_port()
    settings = Neo4jSettings(uri=f"bolt://127.0.0.1:{port}", user="neo4j", password="pa55word")
    with pytest.raises(StoreError) as caught:
        open_store("neo4j", neo4j=settings)
    assert f"cannot reach Neo4j at bolt://127.0.0.1:{port}" in str(caught.value)
    assert "pa55word" not in str(caught.value)
    with pytest.raises(StoreError, match="not a Bolt address"):
        open_store("neo4j", neo4j=Neo4jSettings(uri="http://u:pa55word@h:7474"))


def test_neo4j_constraints_one_per_label():
    texts = [statements.neo4j_constraint(t) for t in NODE_LABELS]
    assert len(set(texts)) == len(NODE_LABELS)
    for node_type, text in zip(NODE_LABELS, texts, strict=True):
        assert f"(n:{NODE_LABELS[node_type]})" in text
        assert "IF NOT EXISTS" in text and "REQUIRE n.id IS UNIQUE" in text


def _dataset(rows: int) -> Dataset:
    nodes = pd.DataFrame({"id": ["pole-a"] + [f"org-{i}" for i in range(rows)],
                          "type": ["pole"] + ["organisation"] * rows,
                          "name": ["A"] + [f"x'}}) DETACH DELETE n // {i}" for i in range(rows)]})
    edges = pd.DataFrame({"source": [f"org-{i}" for i in range(rows)],
                          "target": ["pole-a"] * rows, "type": ["member_of"] * rows})
    return Dataset(name="synthetic", nodes=nodes, edges=edges, problems=[])


def test_batches_carry_every_row_once_and_values_only_as_parameters():
    steps = load_steps(_dataset(25), batch_size=10)
    assert [s.size for s in steps] == [1, 10, 10, 5, 10, 10, 5]
    registry = {text for text, _ in statements.registry().values()}
    for step in steps:
        assert step.statement in registry
        assert "DETACH" not in step.statement and len(step.params["rows"]) == step.size
    ids = [r["id"] for s in steps if "MERGE (n:" in s.statement for r in s.params["rows"]]
    assert sorted(ids) == sorted(_dataset(25).nodes["id"])


def test_edge_keys_are_stable_and_tell_duplicate_rows_apart():
    edges = pd.DataFrame({"source": ["f", "f", "f"], "target": ["p", "p", "p"],
                          "type": ["funds"] * 3, "amount": [10.0, 10.0, 20.0]})
    keys = edge_keys(edges)
    assert len(set(keys)) == 3 and keys == edge_keys(edges.copy())
    assert keys[0].split("#")[0] == keys[1].split("#")[0] != keys[2].split("#")[0]
    with pytest.raises(StoreError, match="at least 1"):
        batches([1], 0)


@pytest.mark.parametrize("lang,words", [("fr", "a refusé les identifiants de l'utilisateur"),
                                        ("en", "refused the credentials of user")])
def test_neo4j_errors_speak_the_readers_language_without_the_password(lang, words):
    from neo4j import exceptions as neo4j_errors

    from ptce_graph.store.neo4j import describe_error

    settings = Neo4jSettings(uri="bolt://ana:s3cret-pw@db.example:7687", user="ana",
                             password="s3cret-pw", database="neo4j")
    text = describe_error(neo4j_errors.AuthError("bad"), settings).render(lang)
    assert words in text and "'ana'" in text
    assert "s3cret-pw" not in text
    unreachable = describe_error(neo4j_errors.ServiceUnavailable("down"), settings).render(lang)
    assert ("impossible de joindre" in unreachable) == (lang == "fr")
