"""One fixture per error kind: each must be reported with its file, line, column and message,
and `ptce-graph validate` must list them all in one run, then exit 1."""

from pathlib import Path

import pytest

from ptce_graph.ingest import read_dataset

NODES = """id,type,name,siren
pole-a,pole,Pôle A,
org-1,organisation,Atelier Un,732829320
org-2,organisation,Coop Deux,
fund-1,funder,Fondation,
proj-1,project,Projet,
"""
EDGES = """source,target,type,amount,start,end
org-1,pole-a,member_of,,,
org-2,pole-a,member_of,,,
fund-1,pole-a,funds,1000,2014,2016
org-1,proj-1,participates_in,,,
proj-1,pole-a,part_of,,,
"""


def write(tmp_path: Path, nodes: str = NODES, edges: str = EDGES) -> Path:
    (tmp_path / "nodes.csv").write_text(nodes, encoding="utf-8")
    (tmp_path / "edges.csv").write_text(edges, encoding="utf-8")
    return tmp_path


def errors(path):
    return [(p.file, p.line, p.column, p.message) for p in read_dataset(path).errors]


def test_valid_fixture_has_no_problem(tmp_path):
    assert read_dataset(write(tmp_path)).problems == []


# (what to change in NODES / EDGES, expected file, line, column, words in the message)
CASES = {
    "missing required value": (
        NODES.replace("org-2,organisation,Coop Deux", "org-2,organisation,"), EDGES,
        "nodes.csv", 4, "name", "missing required value 'name'"),
    "duplicate id": (
        NODES + "org-1,organisation,Encore,\n", EDGES,
        "nodes.csv", 7, "id", "duplicate id 'org-1' (first on line 3)"),
    "unknown node type": (
        NODES.replace("fund-1,funder", "fund-1,bailleur"), EDGES,
        "nodes.csv", 5, "type", "unknown type 'bailleur'"),
    "invalid siren": (
        NODES.replace("732829320", "732829321"), EDGES,
        "nodes.csv", 3, "siren", "invalid SIREN '732829321'"),
    "unknown edge type": (
        NODES, EDGES.replace("proj-1,pole-a,part_of", "proj-1,pole-a,belongs"),
        "edges.csv", 6, "type", "unknown type 'belongs'"),
    "edge to unknown id": (
        NODES, EDGES.replace("org-2,pole-a,member_of", "org-9,pole-a,member_of"),
        "edges.csv", 3, "source", "unknown node id 'org-9'"),
    "pair not allowed": (
        NODES, EDGES.replace("fund-1,pole-a,funds", "pole-a,fund-1,funds"),
        "edges.csv", 4, "type", "funds cannot go from a pole to a funder"),
    "non-numeric amount": (
        NODES, EDGES.replace(",1000,", ",mille,"),
        "edges.csv", 4, "amount", "expected a number, found 'mille'"),
    "negative amount": (
        NODES, EDGES.replace(",1000,", ",-1000,"),
        "edges.csv", 4, "amount", "expected a number >= 0, found '-1000'"),
    "end before start": (
        NODES, EDGES.replace("2014,2016", "2016,2014"),
        "edges.csv", 4, "end", "end 2014 is before start 2016"),
    "bad date": (
        NODES, EDGES.replace("2014,2016", "2014,demain"),
        "edges.csv", 4, "end", "expected a year (2014) or a date"),
    "missing column": (
        NODES.replace("id,type,name", "id,type,label_x"), EDGES,
        "nodes.csv", 1, "name", "missing required column 'name'"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_error_kind_names_file_line_column(tmp_path, case):
    nodes, edges, file, line, column, words = CASES[case]
    found = errors(write(tmp_path, nodes, edges))
    assert any(f == file and n == line and c == column and words in m
               for f, n, c, m in found), found


def test_missing_file(tmp_path):
    (tmp_path / "nodes.csv").write_text(NODES, encoding="utf-8")
    found = errors(tmp_path)
    assert found == [(f"{tmp_path.name}/edges.csv", 0, "", "missing file edges.csv")]


def test_missing_dataset(tmp_path):
    found = errors(tmp_path / "nope")
    assert found and found[0][3] == "no such file or folder"


def test_unreadable_file(tmp_path):
    write(tmp_path)
    (tmp_path / "edges.csv").write_bytes(b"\x00\x01\x02PK\x00garbage")
    found = errors(tmp_path)
    assert found[0][0] == "edges.csv" and "not a text file" in found[0][3]


def test_extra_cells_point_at_separator(tmp_path):
    found = errors(write(tmp_path, NODES + "x,organisation,X,,surplus\n"))
    assert ("nodes.csv", 7, "") in [(f, n, c) for f, n, c, _ in found]


def test_all_errors_reported_in_one_run(tmp_path):
    nodes = NODES.replace("732829320", "1").replace("fund-1,funder", "fund-1,bailleur")
    edges = EDGES.replace(",1000,", ",abc,").replace("org-2,pole-a", "org-9,pole-a")
    found = errors(write(tmp_path, nodes, edges))
    assert {(f, c) for f, _, c, _ in found} >= {
        ("nodes.csv", "siren"), ("nodes.csv", "type"), ("edges.csv", "amount"),
        ("edges.csv", "source")}


def test_warnings_do_not_fail(tmp_path):
    nodes = NODES.replace("org-1,organisation,Atelier Un,732829320",
                          "org-1,organisation,Atelier Un,732829320") + "lone,organisation,Seul,\n"
    data = read_dataset(write(tmp_path, nodes))
    assert data.errors == []
    assert [(w.line, w.column) for w in data.warnings] == [(7, "id")]
    assert "has no edge" in data.warnings[0].message


def test_sector_spelled_two_ways_is_a_warning(tmp_path):
    nodes = "id,type,name,sector\np,pole,P,\na,organisation,A,Réemploi\nb,organisation,B,reemploi\n"
    edges = "source,target,type\na,p,member_of\nb,p,member_of\n"
    data = read_dataset(write(tmp_path, nodes, edges))
    assert data.errors == []
    assert [(w.line, w.column) for w in data.warnings] == [(4, "sector")]


def test_multiline_cell_keeps_spreadsheet_line_numbers(tmp_path):
    nodes = NODES.replace("Coop Deux", '"Coop\nDeux"').replace("fund-1,funder,Fondation",
                                                             "fund-1,bad,Fondation")
    found = errors(write(tmp_path, nodes))
    # the record of org-2 spans lines 4-5, so fund-1 stands on line 6
    assert ("nodes.csv", 6, "type") in [(f, n, c) for f, n, c, _ in found]


def test_no_valid_row_dropped(tmp_path):
    data = read_dataset(write(tmp_path, NODES.replace("732829320", "bad")))
    assert len(data.nodes) == 5 and len(data.edges) == 5
