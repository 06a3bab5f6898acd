"""Integration: `ptce-graph analyze --store local|neo4j --write-back` on a loaded bundled dataset
puts on the store's nodes the very figures the analysis wrote to OUT/metrics/*.csv (each test
runs on FalkorDB and on Neo4j)."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from click.testing import CliRunner

from ptce_graph.catalogue import write_back_properties
from ptce_graph.cli import cli
from ptce_graph.ingest import bundled_dataset
from ptce_graph.store import load_state, open_store, pull_tables
from ptce_graph.store.writeback import KEY_ACTOR_PROPERTIES

NODE_METRIC_PROPERTIES = write_back_properties("nodes")
FUNDING_PROPERTIES = write_back_properties("funding")
POLE_PROPERTIES = write_back_properties("poles")


def invoke(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def same(stored, expected) -> bool:
    if expected is None or (isinstance(expected, float) and math.isnan(expected)):
        return stored is None
    if isinstance(expected, float):
        return stored == pytest.approx(expected, rel=1e-9, abs=1e-12)
    return stored == expected


def csv(out, name) -> list[dict]:
    frame = pd.read_csv(out / "metrics" / name, keep_default_na=True)
    return [{k: (None if isinstance(v, float) and math.isnan(v) else
                 v.item() if hasattr(v, "item") else v) for k, v in r.items()}
            for r in frame.to_dict("records")]


def stored_properties(kind) -> dict[str, dict]:
    with open_store(kind) as store:
        rows = store.read("MATCH (n) WHERE n.id IS NOT NULL "
                          "RETURN n.id AS id, properties(n) AS p").rows
        return dict(rows) | {"marker": load_state(store)}


@pytest.fixture
def loaded(store_env):
    """The --store value of the backend, centre-isere loaded into it."""
    kind = store_env["store"]
    result = invoke("load", bundled_dataset("centre-isere"), "--replace", "--store", kind)
    assert result.exit_code == 0, result.output
    return kind


def test_write_back_puts_the_analysis_figures_on_the_nodes(loaded, tmp_path):
    out = tmp_path / "out"
    result = invoke("analyze", "--store", loaded, "-o", out, "--write-back")
    assert result.exit_code == 0, result.output
    count = (len(NODE_METRIC_PROPERTIES) + len(FUNDING_PROPERTIES) + len(POLE_PROPERTIES)
             + len(KEY_ACTOR_PROPERTIES))
    where = "local FalkorDB" if loaded == "local" else "Neo4j at bolt://"
    assert f"Wrote back {count} properties onto the nodes of {where}" in result.output
    stored = stored_properties(loaded)
    checked = 0
    for table, key, properties in (("nodes.csv", "id", NODE_METRIC_PROPERTIES),
                                   ("funding.csv", "recipient", FUNDING_PROPERTIES),
                                   ("poles.csv", "pole", POLE_PROPERTIES)):
        for row in csv(out, table):
            node = stored[row[key]]
            for column, prop in properties.items():
                expected = row[column]
                if prop == "key_actors" and expected is not None:
                    expected = expected.split(";")
                assert same(node.get(prop), expected), (row[key], prop, node.get(prop),
                                                        expected)
                checked += 1
    assert checked > 500
    key_actors = {a for r in csv(out, "poles.csv") if r["key_actors"]
                  for a in r["key_actors"].split(";")}
    flagged = {i for i, p in stored.items() if i != "marker" and p.get("key_actor")}
    assert key_actors and flagged == key_actors
    assert stored["marker"]["metrics_layer"] == "cooperation"

    answer = invoke("query", "key-actors", "--param", "limit=100", "--format", "csv",
                    "--store", loaded)
    assert answer.exit_code == 0
    assert {line.split(",")[0] for line in answer.output.splitlines()[1:]} == key_actors


def test_a_year_and_by_year_write_the_figures_of_that_year(loaded, tmp_path):
    everything = tmp_path / "all"
    invoke("analyze", "-o", everything, "--write-back", "--store", loaded)
    out = tmp_path / "2015"
    result = invoke("analyze", "-o", out, "--write-back", "--year", "2015", "--by-year",
                    "--store", loaded)
    assert result.exit_code == 0, result.output
    stored = stored_properties(loaded)
    nodes = {r["id"]: r for r in csv(out, "nodes.csv")}
    assert len(nodes) < len(csv(everything, "nodes.csv"))  # some nodes are not active in 2015
    for node_id, props in stored.items():
        if node_id == "marker":
            continue
        if node_id in nodes:
            assert same(props.get("betweenness"), nodes[node_id]["betweenness"]), node_id
            assert props.get("isolated") == nodes[node_id]["isolated"]
        else:  # no stale figure from the analysis of every year
            assert not set(props) & set(NODE_METRIC_PROPERTIES), node_id
    # --by-year gives a row per recipient and year; a node holds the run's year's figure
    funding = [r for r in csv(out, "funding.csv") if r["year"] == 2015]
    assert funding
    for row in funding:
        assert same(stored[row["recipient"]]["top_share"], row["top_share"]), row["recipient"]
    assert stored["marker"]["metrics_year"] == 2015


def test_pseudonymised_outputs_still_write_back_onto_the_real_ids(loaded, tmp_path):
    result = invoke("analyze", "-o", tmp_path / "p", "--write-back", "--pseudonymise",
                    "--store", loaded)
    assert result.exit_code == 0, result.output
    with open_store(loaded) as store:
        nodes, _ = pull_tables(store, with_metrics=True)
        plain, _ = pull_tables(store)
    members = nodes[nodes["type"] == "organisation"]
    assert members["betweenness"].notna().any() and members["id"].str.startswith("org-").all()
    assert "betweenness" not in plain.columns and "fragility_score" not in plain.columns
