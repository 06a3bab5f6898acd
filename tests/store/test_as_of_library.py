"""The library's isolated-members judges membership as of a year (issue 9): a member who left
is not listed, by default as of the year the loaded dataset describes, on FalkorDB and Neo4j
alike, and the answer equals networkx's as of that year."""

import shutil
from pathlib import Path

from click.testing import CliRunner

from ptce_graph import load_graph
from ptce_graph.analysis import node_metrics
from ptce_graph.cli import cli
from ptce_graph.ingest import load_dataset
from ptce_graph.store import convert_parameters, load_into_store, run_query
from ptce_graph.store.library import library_query
from ptce_graph.store.load import load_state

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def _tiny_with_a_leaver(tmp_path) -> Path:
    """tiny plus org-4, a member of pole A 2012-2015 with no tie, and as_of 2020 declared."""
    folder = tmp_path / "tiny-leaver"
    shutil.copytree(TINY, folder)
    with open(folder / "nodes.csv", "a", encoding="utf-8") as f:
        f.write("org-4,organisation,Quatre,association,reuse" + "," * 9 + "\n")
    with open(folder / "edges.csv", "a", encoding="utf-8") as f:
        f.write("org-4,pole-a,member_of,member,2012,2015,,,,,,,\n")
    (folder / "meta.csv").write_text("key,value\nas_of,2020\n", encoding="utf-8")
    return folder


def _isolated(store, **given):
    query = library_query("isolated-members")
    params = convert_parameters(query, {"pole": "pole-a", **given})
    answer = run_query(store, query, params)
    return sorted(answer["member"]) if not answer.empty else []


def test_a_member_who_left_is_not_isolated_as_of_the_dataset_year(store, tmp_path):
    folder = _tiny_with_a_leaver(tmp_path)
    G = load_graph(folder)
    load_into_store(store, load_dataset(folder), replace=True, as_of=2020)
    assert load_state(store)["as_of"] == 2020
    by_year = {}
    for year in (2014, 2020):
        nodes = node_metrics(G, year=year).set_index("id")
        by_year[year] = sorted(m for m in ("org-1", "org-2", "org-3", "org-4")
                               if m in nodes.index and nodes.loc[m, "isolated"])
    assert by_year[2014] == ["org-4"] and by_year[2020] == []  # networkx, independently
    assert _isolated(store) == by_year[2020]  # default: the load marker's year
    assert _isolated(store, as_of="2014") == by_year[2014]
    assert _isolated(store, as_of="2020") == by_year[2020]


def test_load_keeps_the_declared_year_and_query_defaults_to_it(falkordb_server, tmp_path):
    folder = _tiny_with_a_leaver(tmp_path)
    runner = CliRunner()
    loaded = runner.invoke(cli, ["load", str(folder), "--replace"])
    assert loaded.exit_code == 0, loaded.output
    now = runner.invoke(cli, ["query", "isolated-members", "--param", "pole=pole-a",
                              "--format", "csv"])
    assert now.exit_code == 0, now.output
    assert "org-4" not in now.output  # as of 2020 (declared): org-4 left in 2015
    then = runner.invoke(cli, ["query", "isolated-members", "--param", "pole=pole-a",
                               "--param", "as_of=2014", "--format", "csv"])
    assert then.exit_code == 0, then.output
    assert then.output.splitlines()[1].startswith("org-4,Quatre")
