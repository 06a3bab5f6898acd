"""Fixtures for the analysis tests: a small Pajek reader turning the classic networks of
tests/data/realdata/sna/ (tests/realdata.py) into ptce-graph datasets, and hand-made poles."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import networkx as nx
import pandas as pd

from ptce_graph.build import build_graph

from ..realdata import REALDATA

SNA = REALDATA / "sna"


def read_pajek(path: Path) -> tuple[dict[int, str], dict[str, list[tuple[int, int]]]]:
    """(vertex number -> label, relation name -> list of (u, v)) from a Pajek .net/.paj file.

    Reads *Vertices, *Arcs/*Edges (one pair per line, optional ':n "Label"' relation names)
    and *Arcslist/*Edgeslist (a vertex then its neighbours)."""
    labels: dict[int, str] = {}
    relations: dict[str, list[tuple[int, int]]] = {}
    section, relation = None, "ties"
    for raw in path.read_text(encoding="latin-1").splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("*"):
            head = line.split()[0].lower()
            section = head
            named = re.search(r'"([^"]+)"', line)
            relation = named.group(1) if named and head in ("*arcs", "*edges") else "ties"
            continue
        if section == "*vertices":
            parts = shlex.split(line)
            if len(parts) >= 2:  # a *Vertices line in a *Partition section holds only a number
                labels.setdefault(int(parts[0]), parts[1])
        elif section in ("*arcs", "*edges"):
            u, v = (int(x) for x in line.split()[:2])
            relations.setdefault(relation, []).append((u, v))
        elif section in ("*arcslist", "*edgeslist"):
            u, *others = (int(x) for x in line.split())
            relations.setdefault(relation, []).extend((u, v) for v in others)
    return labels, relations


def padgett_marriages() -> nx.MultiDiGraph:
    """Padgett's Florentine families, marriage ties as cooperation (families without a marriage
    tie, i.e. the Pucci, left out as in the classic analyses)."""
    labels, relations = read_pajek(SNA / "Padgett.paj")
    pairs = {tuple(sorted((labels[u], labels[v]))) for u, v in relations["Marital"]}
    families = sorted({f for pair in pairs for f in pair})
    nodes = pd.DataFrame({"id": families, "type": "organisation", "name": families})
    edges = pd.DataFrame([{"source": a, "target": b, "type": "cooperates_with"}
                          for a, b in sorted(pairs)])
    return build_graph(nodes, edges, name="padgett")


def davis_southern_women() -> tuple[nx.MultiDiGraph, list[str], list[str]]:
    """Davis's Southern Women: women as organisations, events as projects they take part in."""
    labels, relations = read_pajek(SNA / "DAVIS.NET")
    events = [name for _, name in sorted(labels.items()) if re.fullmatch(r"E\d+", name)]
    women = [name for _, name in sorted(labels.items()) if name not in events]
    nodes = pd.DataFrame(
        [{"id": w, "type": "organisation", "name": w.title()} for w in women]
        + [{"id": e, "type": "project", "name": e} for e in events]
    )
    edges = pd.DataFrame([{"source": labels[u], "target": labels[v], "type": "participates_in"}
                          for u, v in relations["ties"]])
    return build_graph(nodes, edges, name="davis"), women, events


def dataset(node_rows: list[dict], edge_rows: list[dict], name: str = "fixture"):
    """A graph from hand-written rows (missing columns stay empty)."""
    return build_graph(pd.DataFrame(node_rows), pd.DataFrame(edge_rows), name=name)


def org(node_id: str, sector: str | None = None, **attrs) -> dict:
    return {"id": node_id, "type": "organisation", "name": node_id.title(), "sector": sector,
            **attrs}


def star_pole(leaves: int = 5) -> nx.MultiDiGraph:
    """A pole whose animator 'hub' cooperates with every member; members have no other tie."""
    members = [f"m{i}" for i in range(leaves)]
    node_rows = [{"id": "pole", "type": "pole", "name": "Star"}, org("hub", "services")]
    node_rows += [org(m, "reuse") for m in members]
    edge_rows = [{"source": "hub", "target": "pole", "type": "member_of"},
                 {"source": "hub", "target": "pole", "type": "animates"}]
    for m in members:
        edge_rows.append({"source": m, "target": "pole", "type": "member_of"})
        edge_rows.append({"source": "hub", "target": m, "type": "cooperates_with"})
    return dataset(node_rows, edge_rows, "star")


def three_funder_pole() -> nx.MultiDiGraph:
    """A pole funded 60/30/10 % by a region, the State and a bank, with two members."""
    node_rows = [
        {"id": "pole", "type": "pole", "name": "Three funders"},
        org("a", "reuse"), org("b", "local-food"),
        {"id": "region", "type": "collectivity", "name": "Région", "category": "region"},
        {"id": "state", "type": "collectivity", "name": "État", "category": "state"},
        {"id": "bank", "type": "funder", "name": "Banque", "category": "bank"},
    ]
    edge_rows = [
        {"source": "a", "target": "pole", "type": "member_of"},
        {"source": "b", "target": "pole", "type": "member_of"},
        {"source": "a", "target": "b", "type": "cooperates_with"},
        {"source": "region", "target": "pole", "type": "funds", "amount": 60000.0,
         "start": "2015", "end": "2017"},
        {"source": "state", "target": "pole", "type": "funds", "amount": 30000.0,
         "start": "2015", "end": "2015"},
        {"source": "bank", "target": "pole", "type": "funds", "amount": 10000.0,
         "start": "2016", "end": "2016"},
    ]
    return dataset(node_rows, edge_rows, "three-funders")
