"""The local store's own write path: its parameter text equals the FalkorDB client's, values
come back from the server unchanged, and a failing batch in the pipeline stops the write cleanly."""

from __future__ import annotations

import math

import pytest
from falkordb.helpers import stringify_param_value
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ptce_graph.errors import StoreError
from ptce_graph.store import Step, open_store
from ptce_graph.store.falkor import cypher_literal, parameter_header

KEYS = st.from_regex(r"[a-z_][a-z0-9_]{0,8}", fullmatch=True)
SCALARS = (st.none() | st.booleans() | st.integers(-2**53, 2**53)
           | st.floats(allow_nan=False, allow_infinity=False, width=64)
           | st.text(st.characters(blacklist_categories=("Cs",))))
VALUES = st.recursive(SCALARS, lambda inner: st.lists(inner, max_size=4)
                      | st.dictionaries(KEYS, inner, max_size=4), max_leaves=12)


def _has_nul(value) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_has_nul(v) for v in value.values())
    return isinstance(value, list) and any(_has_nul(v) for v in value)


@given(VALUES)
def test_parameter_text_is_the_clients(value):
    if _has_nul(value):
        with pytest.raises(ValueError, match="NUL character"):
            cypher_literal(value)
    else:
        assert cypher_literal(value) == stringify_param_value(value)


# FalkorDB replies with 15 significant digits: a float of more comes back rounded, whatever
# client sends it
SHORT_FLOATS = st.floats(allow_nan=False, allow_infinity=False).map(
    lambda x: float(f"{x:.15g}")).filter(math.isfinite)
SERVER_SCALARS = (st.none() | st.booleans() | st.integers(-2**53, 2**53) | SHORT_FLOATS
                  | st.text(st.characters(blacklist_categories=("Cs",),
                                          blacklist_characters="\x00")))


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.fixed_dictionaries({"id": st.text(st.characters(
                         blacklist_categories=("Cs",), blacklist_characters="\x00"), min_size=1),
                         "v": SERVER_SCALARS}),
                     max_size=5))
def test_values_come_back_unchanged(falkordb_server, rows):
    with open_store("local", address=(falkordb_server.host, falkordb_server.port),
                    graph="literals") as store:
        text = parameter_header({"rows": rows}) + "UNWIND $rows AS row RETURN row.id, row.v"
        reply = store._graph.query(text)
    assert [tuple(r) for r in reply.result_set] == [(r["id"], r["v"]) for r in rows]


def test_a_failing_batch_stops_the_write_and_the_store_still_answers(falkordb_server):
    with open_store("local", address=(falkordb_server.host, falkordb_server.port),
                    graph="pipeline") as store:
        store.ensure_schema()
        create = "UNWIND $rows AS row CREATE (:Pole {id: row})"
        steps = [Step(create, {"rows": ["p1"]}, 1), Step(create, {"rows": ["p1"]}, 1),
                 Step(create, {"rows": ["p2"]}, 1), Step(create, {"rows": ["p3"]}, 1)]
        done = []
        with pytest.raises(StoreError, match="FalkorDB refused the query"):
            store.write(steps, progress=done.append)
        assert done == steps[:1]  # the unique id refused the second batch
        ids = {r[0] for r in store.read("MATCH (p:Pole) RETURN p.id").rows}
        assert {"p1"} <= ids <= {"p1", "p2", "p3"}  # p2, p3: already sent, may have run
        with pytest.raises(StoreError, match="map key"):
            store.write([Step(create, {"rows": [{"a`b": 1}]}, 1)])
        with pytest.raises(StoreError, match="NUL character"):
            store.write([Step(create, {"rows": ["nul\x00name"]}, 1)])
        assert store.read("RETURN 1 AS one").rows == [(1,)]
