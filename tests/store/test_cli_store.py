"""The store commands through the CLI (CliRunner, and once as a real subprocess)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.ingest import bundled_dataset, load_dataset
from ptce_graph.store.server import free_port

STORE_COMMANDS = [["db", "start"], ["db", "stop"], ["db", "status"], ["load"], ["pull"],
                  ["query"], ["analyze"]]


@pytest.fixture
def runner(falkordb_server):
    return CliRunner()


def invoke(runner, *args, env=None):
    return runner.invoke(cli, [str(a) for a in args], env=env, catch_exceptions=False)


@pytest.mark.parametrize("command", STORE_COMMANDS, ids=" ".join)
def test_every_store_command_explains_itself(command):
    result = CliRunner().invoke(cli, [*command, "--help"])
    assert result.exit_code == 0
    assert len(result.output.split("\n\n")[1].strip()) > 30  # a real description
    if command[0] != "db":
        assert "--store" in result.output


def test_load_query_pull_analyze(store_env, tmp_path):
    runner, kind = CliRunner(), store_env["store"]
    first = invoke(runner, "load", bundled_dataset("centre-isere"), "--replace", "--store", kind)
    assert first.exit_code == 0, first.output
    dataset = load_dataset(bundled_dataset("centre-isere"))
    n, m = len(dataset.nodes), len(dataset.edges)
    assert f"{n} nodes ({n} created, 0 updated), {m} relationships ({m} created" in first.output
    again = invoke(runner, "load", bundled_dataset("centre-isere"), "--batch-size", "5",
                   "--store", kind)
    assert f"{n} nodes (0 created, {n} updated)" in again.output
    assert f"The store holds {n} nodes and {m} relationships." in again.output

    listing = invoke(runner, "query", "--list", "--format", "csv", "--store", kind)
    assert listing.output.count("\n") >= 13 and "isolated-members" in listing.output

    # merged: poles overlap
    invoke(runner, "load", bundled_dataset("auvergne-rhone-alpes"), "--store", kind)
    result = invoke(runner, "query", "multi-pole-organisations", "--format", "json",
                    "--store", kind)
    rows = json.loads(result.output)
    assert isinstance(rows, list) and rows and set(rows[0]) == {
        "organisation", "name", "pole_count", "poles"}
    assert all(r["pole_count"] >= 2 for r in rows)
    fewer = json.loads(invoke(runner, "query", "multi-pole-organisations", "--param",
                              "min_poles=3", "--format", "json", "--store", kind).output)
    assert len(fewer) < len(rows)

    own = tmp_path / "mine.cypher"
    own.write_text("MATCH (p:Pole) WHERE p.id = $pole RETURN p.name AS name", encoding="utf-8")
    mine = invoke(runner, "query", own, "--param", "pole=pole-esci", "--format", "csv",
                  "--store", kind)
    assert mine.output.splitlines()[1] == dataset.nodes.set_index("id").loc["pole-esci", "name"]

    out = tmp_path / "pulled"
    pulled = invoke(runner, "pull", "-o", out, "--store", kind)
    assert pulled.exit_code == 0 and " nodes and " in pulled.output
    assert set(load_dataset(out).nodes["id"]) >= set(dataset.nodes["id"])

    analyzed = invoke(runner, "analyze", "-o", tmp_path / "analysis", "--write-back",
                      "--store", kind)
    assert analyzed.exit_code == 0, analyzed.output
    text = (tmp_path / "analysis" / "summary.json").read_text(encoding="utf-8")
    summary = json.loads(text)
    assert "neo4j_password" not in summary["options"]
    if kind == "neo4j":  # the run's password reaches no output
        assert store_env["NEO4J_PASSWORD"] not in text + analyzed.output
    assert "Wrote back" in analyzed.output


@pytest.mark.parametrize("args, message", [
    (["query", "isolated-members"],
     "Error: query isolated-members needs --param pole=VALUE (id of the pole, e.g. pole-esci)"),
    (["query", "nope"], "Error: no library query 'nope'"),
    (["query", "cross-sector-projects", "--param", "min_sectors=two"],
     "Error: --param min_sectors=two: expected an integer"),
    (["query", "cross-sector-projects", "--param", "pole=x"],
     "Error: query cross-sector-projects has no parameter $pole"),
])
def test_query_mistakes_say_what_to_do(runner, args, message):
    result = invoke(runner, *args)
    assert result.exit_code == 1
    assert message in result.output


def test_queries_are_read_only_by_default(store_env, tmp_path):
    runner, kind = CliRunner(), store_env["store"]
    invoke(runner, "load", bundled_dataset("pays-de-bray"), "--replace", "--store", kind)
    writer = tmp_path / "write.cypher"
    writer.write_text("MATCH (p:Pole) SET p.touched = true RETURN count(p) AS poles")
    refused = invoke(runner, "query", writer, "--store", kind)
    assert refused.exit_code == 1 and "--allow-write" in refused.output
    assert "Traceback" not in refused.output and refused.output.count("\n") == 1
    touched = "MATCH (p:Pole) WHERE p.touched RETURN count(p) AS touched"
    reader = tmp_path / "read.cypher"
    reader.write_text(touched)
    assert json.loads(invoke(runner, "query", reader, "--format", "json", "--store",
                             kind).output) == [{"touched": 0}]
    allowed = invoke(runner, "query", writer, "--allow-write", "--format", "json",
                     "--store", kind)
    assert json.loads(allowed.output)[0]["poles"] >= 1


def test_unreachable_neo4j_is_one_line_without_password(runner):
    port = free_port()
    env = {"NEO4J_URI": f"bolt://127.0.0.1:{port}", "NEO4J_PASSWORD": "s3cret-pw"}
    result = invoke(runner, "load", bundled_dataset("pays-de-bray"), "--store", "neo4j",
                    env=env)
    assert result.exit_code == 1
    assert f"Error: cannot reach Neo4j at bolt://127.0.0.1:{port}" in result.output
    assert "s3cret-pw" not in result.output and "Traceback" not in result.output
    missing = invoke(runner, "pull", "--store", "neo4j", "-o", "x", env={"NEO4J_URI": ""})
    assert "Error: no Neo4j address: set NEO4J_URI" in missing.output


def test_local_store_not_running(tmp_path):
    result = CliRunner().invoke(cli, ["query", "unfunded-projects"],
                                env={"PTCE_GRAPH_DATA": str(tmp_path)})
    assert result.exit_code == 1
    assert "Error: the local graph store is not running: start it with `ptce-graph db start`" \
        in result.output


def test_analyze_dataset_and_store_exclude_each_other(tmp_path):
    result = CliRunner().invoke(cli, ["analyze", str(bundled_dataset("pays-de-bray")),
                                      "--write-back", "-o", str(tmp_path)])
    assert result.exit_code == 1 and "exclude each other" in result.output


def test_real_subprocess(falkordb_server):
    command = [sys.executable, "-m", "ptce_graph", "load", str(bundled_dataset("pays-de-bray")),
               "--replace"]
    done = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ),
                          check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Loaded pays-de-bray into local FalkorDB at 127.0.0.1:")
