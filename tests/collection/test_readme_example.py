"""The README's worked example (template -> survey make -> collect), run as written: each
`$ ptce-graph ...` line of its console block gives the lines printed below it."""

import re
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from ptce_graph.cli import cli

from .returns import fill_bray_returns

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def transcript() -> list[tuple[list[str], list[str]]]:
    section = README.split("## Collecter le réseau", 1)[1]
    block = re.search(r"```console\n(.*?)```", section, flags=re.S).group(1)
    steps = []
    for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
        command, *output = chunk.rstrip("\n").split("\n")
        steps.append((command.split(), [line for line in output if line]))
    return steps


def test_readme_worked_example_runs_as_written(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PTCE_GRAPH_LANG", "fr")  # the example is French, run as in France
    (tmp_path / "datasets").symlink_to(ROOT / "datasets")
    steps = transcript()
    assert [s[0][:3] for s in steps] == [
        ["ptce-graph", "template", "-o"], ["ptce-graph", "validate", "mon-pole.xlsx"],
        ["ptce-graph", "survey", "make"], ["ptce-graph", "survey", "collect"]]
    for command, expected in steps:
        if command[1:3] == ["survey", "collect"]:
            made = Path("enquete-2025")
            roster = list(pd.read_csv(made / "liste-d-envoi.csv")["member"])
            fill_bray_returns(made, Path(command[3]), roster)
        result = CliRunner().invoke(cli, command[1:], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == expected, command
