"""The graph: tables -> graph -> GraphML -> graph keeps every node, edge and attribute;
cooperation ties ignore direction; any valid dataset validates and builds with the right counts."""

import csv
from pathlib import Path

import networkx as nx
from hypothesis import HealthCheck, given, settings

from ptce_graph.build import (
    build_graph,
    cooperation_ties,
    graph_to_tables,
    load_graph,
    read_graphml,
    restrict_to_year,
    write_gexf,
    write_graphml,
)
from ptce_graph.ingest import load_dataset, read_dataset, write_dataset

from .strategies import datasets

TINY = Path(__file__).parent.parent / "data" / "tiny"


def tiny_graph():
    return load_graph(TINY)


def same_graph(G, H):
    assert dict(G.nodes(data=True)) == dict(H.nodes(data=True))
    assert sorted(G.edges(keys=True, data=True), key=repr) == \
        sorted(H.edges(keys=True, data=True), key=repr)


def test_graph_shape_of_tiny():
    G = tiny_graph()
    assert isinstance(G, nx.MultiDiGraph)
    assert G.number_of_nodes() == 7 and G.number_of_edges() == 12
    assert G.nodes["org-1"]["siren"] == "732829320"  # text, leading zeros safe
    assert G.nodes["org-1"]["ess"] is True and G.nodes["org-3"]["ess"] is False
    assert G.nodes["org-1"]["budget"] == 500000.0 and G.nodes["pole-a"]["founded"] == 2012
    assert "budget" not in G.nodes["pole-a"]  # empty cells are not attributes
    funds = [d for _, _, d in G.edges(data=True) if d["type"] == "funds"]
    assert sorted(d["amount"] for d in funds) == [10000.0, 30000.0, 60000.0]


def test_graphml_round_trip_keeps_everything(tmp_path):
    G = tiny_graph()
    H = read_graphml(write_graphml(G, tmp_path / "g.graphml"))
    same_graph(G, H)
    assert type(H.nodes["org-1"]["budget"]) is float and type(H.nodes["org-1"]["ess"]) is bool


def test_gexf_has_every_node_and_attribute(tmp_path):
    G = tiny_graph()
    H = nx.read_gexf(write_gexf(G, tmp_path / "g.gexf"))
    assert set(H.nodes) == set(G.nodes) and H.number_of_edges() == G.number_of_edges()
    assert H.nodes["org-2"]["label"] == "Coop Deux"
    assert H.nodes["org-2"]["sector"] == "local-food"


def test_tables_round_trip_through_files(tmp_path):
    G = tiny_graph()
    nodes, edges = graph_to_tables(G)
    write_dataset(nodes, edges, tmp_path / "copy")
    again = load_dataset(tmp_path / "copy")
    same_graph(G, build_graph(again.nodes, again.edges, name="tiny"))


def test_cooperation_direction_never_matters(tmp_path):
    G = tiny_graph()
    for name in ("nodes.csv", "edges.csv"):
        (tmp_path / name).write_text((TINY / name).read_text(encoding="utf-8"), encoding="utf-8")
    rows = list(csv.reader((TINY / "edges.csv").open(encoding="utf-8")))
    for row in rows[1:]:
        if row[2] == "cooperates_with":
            row[0], row[1] = row[1], row[0]
    with (tmp_path / "edges.csv").open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    flipped = load_dataset(tmp_path)
    H = build_graph(flipped.nodes, flipped.edges, name="tiny")
    assert sorted(cooperation_ties(G), key=repr) == sorted(cooperation_ties(H), key=repr)
    same_graph(G, H)


def test_restrict_to_year():
    G = tiny_graph()
    H = restrict_to_year(G, 2019)
    # org-3's membership ended in 2018; the 2014-2016 and 2015-2016 grants are over
    assert ("org-3", "pole-a") not in {(u, v) for u, v, t in H.edges(data="type")
                                       if t == "member_of"}
    assert [d["type"] for _, _, d in H.edges(data=True)].count("funds") == 0
    assert set(G) - set(restrict_to_year(G, 2010)) == {"pole-a", "proj-ress"}  # not yet founded


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(datasets())
def test_any_valid_dataset_validates_and_builds(tmp_path_factory, dataset):
    nodes, edges = dataset
    folder: Path = tmp_path_factory.mktemp("gen")
    for name, rows, header in (
        ("nodes.csv", nodes, ["id", "type", "name", "budget", "founded"]),
        ("edges.csv", edges, ["source", "target", "type", "amount", "start", "end"]),
    ):
        with (folder / name).open("w", newline="", encoding="utf-8") as f:
            writer = csv.DictWriter(f, fieldnames=header, delimiter=";")
            writer.writeheader()
            writer.writerows(rows)
    data = read_dataset(folder)
    assert data.errors == []
    G = build_graph(data.nodes, data.edges)
    assert G.number_of_nodes() == len(nodes)
    assert G.number_of_edges() == len(edges)
    assert [G.nodes[n["id"]]["name"] for n in nodes] == [n["name"] for n in nodes]
    H = read_graphml(write_graphml(G, folder / "g.graphml"))
    same_graph(G, H)
