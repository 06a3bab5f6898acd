"""The command line: through CliRunner, and once as a real subprocess."""

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ptce_graph import __version__
from ptce_graph.cli import cli

TINY = Path(__file__).parent.parent / "data" / "tiny"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def all_commands(group: click.Group, prefix=()):
    for name, command in sorted(group.commands.items()):
        yield (*prefix, name), command
        if isinstance(command, click.Group):
            yield from all_commands(command, (*prefix, name))


def test_every_command_has_help():
    for path, command in all_commands(cli):
        assert command.help and len(command.help) > 40, path
        result = run(*path, "--help")
        assert result.exit_code == 0 and "Usage:" in result.output, path
        for param in command.params:
            if isinstance(param, click.Option):
                assert param.help, (path, param.name)


def test_version():
    result = run("--version")
    assert result.exit_code == 0 and __version__ in result.output


def test_validate_ok():
    result = run("validate", TINY)
    assert result.exit_code == 0
    assert result.output.strip().endswith("7 nodes, 12 edges: 0 error(s), 0 warning(s)")


def test_validate_lists_every_problem_then_fails(tmp_path):
    (tmp_path / "nodes.csv").write_text("id;type;nom\na;pole;A\na;pole;B\nb;x;C\n",
                                        encoding="cp1252")
    (tmp_path / "edges.csv").write_text("source;target;type\na;zz;member_of\n", encoding="utf-8")
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "nodes.csv:4: id: warning: node 'b' has no edge" in lines
    assert [line for line in lines[:-1] if "warning:" not in line] == [
        "nodes.csv:3: id: duplicate id 'a' (first on line 2)",
        "nodes.csv:4: type: unknown type 'x': expected one of pole, organisation, "
        "collectivity, funder, project",
        "edges.csv:2: target: unknown node id 'zz': add it to the nodes or fix the spelling",
    ]
    assert lines[-1].endswith("3 error(s), 1 warning(s)")


def test_bad_dataset_is_one_clear_error_not_a_traceback(tmp_path):
    result = run("summary", tmp_path / "missing")
    assert result.exit_code == 1
    assert result.output.startswith("Error: ")
    assert "no such file or folder" in result.output and "Traceback" not in result.output


def test_summary_table_and_formats():
    table = run("summary", TINY)
    assert table.exit_code == 0
    assert "Poles" in table.output and "Pôle A" in table.output
    as_json = json.loads(run("summary", TINY, "--format", "json").output)
    (pole,) = as_json
    assert (pole["members"], pole["founders"], pole["later_members"]) == (3, 2, 1)
    # as of 2015, the year tests/data/tiny declares: Région 60 000 over 2014-2016 (20 000 that
    # year) + CDC 30 000 in 2015; the project's 10 000 come in 2016
    assert pole["funding_total"] == 50000.0
    # the default is the declared as-of year: the same figures as --as-of 2015 (the funding of
    # every year is in `timeline`)
    assert as_json == json.loads(run("summary", TINY, "--format", "json", "--as-of",
                                     "2015").output)
    assert pole["funding_2015"] == 50000.0 and "funding_2016" not in pole
    assert pole["collectivities"] == 1 and pole["funders"] == 2
    assert pole["own_revenue_share"] == pytest.approx((200000 + 600000) / (500000 + 1000000))
    csv_out = run("summary", TINY, "--format", "csv", "--year", "2015").output.splitlines()
    assert csv_out[0].endswith("funding_total,funding_2015")
    assert csv_out[1].endswith(",50000.0,50000.0")


def test_analyze_writes_graph_files_and_summary(tmp_path):
    result = run("analyze", TINY, "-o", tmp_path)
    assert result.exit_code == 0, result.output
    for name in ("graph.graphml", "graph.gexf", "summary.json"):
        assert (tmp_path / name).stat().st_size > 0
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["counts"]["nodes"]["organisation"] == 3
    assert summary["dataset"] == "tiny"
    assert "graph.graphml" in summary["files"]


def test_real_subprocess(tmp_path):
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "ptce_graph", "analyze", str(TINY), "-o", str(out)],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert (out / "summary.json").exists()
    bad = subprocess.run([sys.executable, "-m", "ptce_graph", "validate", str(tmp_path)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1 and "missing file nodes.csv" in bad.stdout
    assert "Traceback" not in bad.stderr
