"""`analyze` says before starting when a dataset is beyond what the local path handles well,
and reports its progress table by table."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from ptce_graph import cli as cli_module
from ptce_graph.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def test_a_large_dataset_is_announced_before_the_analysis(tmp_path, monkeypatch):
    result = CliRunner().invoke(cli, ["analyze", str(TINY), "-o", str(tmp_path / "a")])
    assert result.exit_code == 0 and "Warning:" not in result.output
    assert "[analysis] node metrics..." in result.output and "[write] report..." in result.output
    monkeypatch.setattr(cli_module, "LOCAL_NODES", 5)  # the tiny dataset has 7 nodes
    result = CliRunner().invoke(cli, ["analyze", str(TINY), "-o", str(tmp_path / "b")])
    assert result.exit_code == 0, result.output
    warning = result.output.index("Warning: 7 nodes")
    assert warning < result.output.index("[analysis] counts...")
    assert "ptce-graph load" in result.output
