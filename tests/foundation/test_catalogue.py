"""The catalogue of tables (ptce_graph/catalogue.py) is complete and is what every writer
reads: each column has a type, a description, labels in both languages and a line in
docs/outputs.md; the tables `analyze` makes have exactly the catalogue's columns; and a node
metric added as one catalogue entry reaches nodes.csv, the tooltip, the write-back and the
docs with nothing else changed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pandas as pd
import pytest

from ptce_graph import catalogue
from ptce_graph.analysis import analyze
from ptce_graph.catalogue import TABLES, TYPES, Column
from ptce_graph.options import AnalysisOptions, OutputOptions
from ptce_graph.outputs import write_outputs
from ptce_graph.store.writeback import analysis_properties

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs" / "outputs.md"


@pytest.mark.parametrize("name", list(TABLES))
def test_every_column_has_a_type_a_description_and_both_labels(name):
    for column in TABLES[name].columns:
        assert column.type in TYPES, (name, column.name)
        assert column.description.strip(), (name, column.name, "description")
        assert column.fr.strip() and column.en.strip(), (name, column.name, "labels")
        assert "|" not in column.description + column.fr + column.en  # a markdown cell


def test_docs_are_generated_from_the_catalogue_and_list_every_column():
    text = DOCS.read_text(encoding="utf-8")
    assert text == catalogue.markdown(), ("docs/outputs.md is stale: run "
                                          "`python -m ptce_graph.catalogue > docs/outputs.md`")
    for spec in TABLES.values():
        if spec.file:
            section = text.split(f"## `{spec.file}` ({spec.name})")[1].split("\n## ")[0]
            for column in spec.columns:
                assert re.search(rf"^\| `{column.name}` \|", section, flags=re.M), (
                    spec.name, column.name)


@pytest.mark.parametrize("options", [AnalysisOptions(), AnalysisOptions(by_year=True, year=2019)])
def test_analysis_tables_have_exactly_the_catalogue_columns(tiny, options):
    analysis = analyze(tiny, options)
    catalogued = [n for n in analysis.tables if n in TABLES]
    assert len(catalogued) >= 11
    for name in catalogued:
        assert list(analysis[name].columns) == TABLES[name].names(), name
    assert ("funding_by_year" in analysis.tables) == options.by_year


def test_write_back_properties_are_unique_per_node():
    """A pole is a recipient (funding) and a pole (poles): no property name is written by two
    tables, so no node gets two figures under one name."""
    seen: dict[str, str] = {}
    for name in ("nodes", "funding", "poles"):
        for prop in catalogue.write_back_properties(name).values():
            assert prop not in seen, (prop, seen.get(prop), name)
            seen[prop] = name
    assert not set(seen) & set(catalogue.DERIVED_PROPERTIES)


def _shared_partners(L: nx.Graph) -> dict:
    """The dummy metric: the number of nodes two ties away (independent of every other
    column, checkable by hand)."""
    return {n: len(nx.single_source_shortest_path_length(L, n, cutoff=2)) - 1 - L.degree(n)
            for n in L}


@pytest.fixture
def dummy_metric(monkeypatch):
    column = Column("two_step_reach", "int", "Nodes two ties away.", "Portée à deux pas",
                    "Two-step reach", prop="two_step_reach", tooltip=True,
                    compute=_shared_partners)
    monkeypatch.setitem(TABLES, "nodes", TABLES["nodes"].with_column(column, after="degree"))
    return column


def test_a_node_metric_is_one_catalogue_entry(dummy_metric, tiny, tmp_path):
    analysis = analyze(tiny)
    expected = _shared_partners(analysis.cooperation)
    assert sum(expected.values()) > 0  # the tiny network has nodes two ties apart
    written = write_outputs(analysis, tmp_path, OutputOptions(lang="en"))

    nodes = pd.read_csv(tmp_path / "metrics" / "nodes.csv")
    assert list(nodes.columns).index("two_step_reach") == list(nodes.columns).index("degree") + 1
    for row in nodes.to_dict("records"):
        if row["id"] in expected:
            assert row["two_step_reach"] == expected[row["id"]], row["id"]
        else:
            assert pd.isna(row["two_step_reach"])

    page = (tmp_path / "views" / "network.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script id="ptce-data" type="application/json">(.*?)</script>',
                                page, flags=re.S).group(1))
    reached = max(expected, key=expected.get)
    tooltips = {n["id"]: n.get("title", "") for n in data["nodes"]}
    assert f"Two-step reach: {expected[reached]}" in tooltips[reached]

    properties = {}
    for frame, key in analysis_properties(analysis):
        properties.update({c: frame for c in frame.columns if c != key})
    assert "two_step_reach" in properties
    assert "| `two_step_reach` | int | Nodes two ties away." in catalogue.markdown()
    assert tmp_path / "metrics" / "nodes.csv" in written.files
