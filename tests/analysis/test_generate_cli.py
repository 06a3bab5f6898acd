"""The generator and the command line: `generate`, then `analyze` with the metrics options."""

import json
import statistics
import subprocess
import sys

import pandas as pd
from click.testing import CliRunner

from ptce_graph import build_graph, load_dataset, read_dataset
from ptce_graph.analysis import pole_profiles
from ptce_graph.analysis.bridges import COOPERATION_COLUMNS
from ptce_graph.analysis.centrality import NODE_METRIC_COLUMNS
from ptce_graph.analysis.fragility import POLE_COLUMNS
from ptce_graph.analysis.funding import FUNDING_COLUMNS
from ptce_graph.catalogue import TABLES
from ptce_graph.cli import cli
from ptce_graph.generate import generate_dataset


def test_generated_dataset_is_valid_and_calibrated(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--poles", "120", "--seed", "4", "-o",
                                      str(tmp_path / "gen")])
    assert result.exit_code == 0, result.output
    assert "Wrote" in result.output
    data = read_dataset(tmp_path / "gen")
    assert data.errors == []
    G = build_graph(data.nodes, data.edges)
    profiles = pole_profiles(G)
    assert len(profiles) == 120
    assert 9 <= statistics.median(profiles["members"]) <= 13
    assert 60 <= statistics.median(profiles["employees"]) <= 180
    assert 3e6 <= statistics.median(profiles["budget"]) <= 8e6
    inactive = (profiles["status"] != "active").mean()
    assert 0.15 <= inactive <= 0.35
    validate = CliRunner().invoke(cli, ["validate", str(tmp_path / "gen")])
    assert validate.exit_code == 0 and "0 error(s)" in validate.output


def test_same_seed_same_rows_other_seed_other_rows():
    nodes_a, edges_a = generate_dataset(15, seed=1)
    nodes_b, edges_b = generate_dataset(15, seed=1)
    pd.testing.assert_frame_equal(nodes_a, nodes_b)
    pd.testing.assert_frame_equal(edges_a, edges_b)
    _, edges_c = generate_dataset(15, seed=2)
    assert not edges_a.equals(edges_c)


def test_generate_refuses_a_bad_number_of_poles(tmp_path):
    result = CliRunner().invoke(cli, ["generate", "--poles", "0", "-o", str(tmp_path)])
    assert result.exit_code == 2
    assert "--poles" in result.output


def test_analyze_writes_the_metrics_tables(tmp_path):
    CliRunner().invoke(cli, ["generate", "--poles", "8", "--seed", "2", "-o",
                             str(tmp_path / "gen")])
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(tmp_path / "gen"), "-o", str(out),
                                      "--threshold", "0.6", "--by-year"])
    assert result.exit_code == 0, result.output
    assert "Strongest cross-sector brokers" in result.output
    assert "Most fragile poles" in result.output
    # the catalogue's node metrics with their own compute function come after the core ones
    extra = [c.name for c in TABLES["nodes"].columns if c.compute is not None]
    assert list(pd.read_csv(out / "metrics" / "nodes.csv").columns) == \
        NODE_METRIC_COLUMNS + extra
    assert list(pd.read_csv(out / "metrics" / "cooperation.csv").columns) == \
        COOPERATION_COLUMNS
    funding = pd.read_csv(out / "metrics" / "funding.csv")
    assert list(funding.columns) == FUNDING_COLUMNS[:2] + ["year"] + FUNDING_COLUMNS[2:]
    poles = pd.read_csv(out / "metrics" / "poles.csv")
    assert list(poles.columns) == POLE_COLUMNS and len(poles) == 8
    assert (out / "metrics" / "brokerage.csv").exists()
    assert (out / "metrics" / "interpole.csv").exists()
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["options"] == {"layer": "cooperation", "threshold": 0.6,
                                             "by_year": True}
    assert summary["metrics"]["cooperation_ties"] == len(
        pd.read_csv(out / "metrics" / "cooperation.csv"))
    assert summary["approximations"] == []


def test_layer_option_changes_the_centrality_network(tmp_path):
    data = tmp_path / "gen"
    CliRunner().invoke(cli, ["generate", "--poles", "5", "-o", str(data)])
    for layer in ("cooperation", "full"):
        result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / layer),
                                          "--layer", layer])
        assert result.exit_code == 0, result.output
    coop = pd.read_csv(tmp_path / "cooperation" / "metrics" / "nodes.csv")
    full = pd.read_csv(tmp_path / "full" / "metrics" / "nodes.csv")
    assert coop.loc[coop["type"] == "pole", "degree"].isna().all()
    assert full.loc[full["type"] == "pole", "degree"].notna().all()


def test_bad_options_end_in_one_error_line(tmp_path):
    data = tmp_path / "gen"
    CliRunner().invoke(cli, ["generate", "--poles", "3", "-o", str(data)])
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "o"),
                                      "--threshold", "1.5"])
    # --threshold is the same checked range for every command (analyze, simulate, timeline)
    assert result.exit_code == 2
    assert "1.5 is not in the range 0<x<=1" in result.output.strip().splitlines()[-1]
    result = CliRunner().invoke(cli, ["analyze", str(data), "--layer", "nope"])
    assert result.exit_code == 2 and "nope" in result.output


def test_generate_as_a_real_subprocess(tmp_path):
    done = subprocess.run([sys.executable, "-m", "ptce_graph", "generate", "--poles", "2",
                           "-o", str(tmp_path / "g")], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    assert load_dataset(tmp_path / "g").errors == []
