"""The time model: one as-of year, declared, asked for or inferred robustly."""

import shutil

import networkx as nx
import pytest

from ptce_graph import load_graph
from ptce_graph.errors import DatasetError, OptionError
from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset
from ptce_graph.time_model import infer_as_of, resolve_as_of


@pytest.mark.parametrize("name,year", [("centre-isere", 2021), ("auvergne-rhone-alpes", 2023),
                                       ("pays-de-bray", 2016)])
def test_bundled_datasets_declare_their_year(name, year):
    as_of = resolve_as_of(load_graph(bundled_dataset(name)))
    assert (as_of.year, as_of.source, as_of.inferred) == (year, "declared", False)
    assert name in BUNDLED_DATASETS


def test_asked_year_wins_and_is_checked():
    G = load_graph(bundled_dataset("centre-isere"))
    assert resolve_as_of(G, 2019).year == 2019
    assert resolve_as_of(G, "2019").source == "option"
    with pytest.raises(OptionError, match="not a year"):
        resolve_as_of(G, "soon")


def test_without_declaration_the_year_is_inferred_and_said_so(tmp_path):
    folder = tmp_path / "ci"
    shutil.copytree(bundled_dataset("centre-isere"), folder)
    (folder / "meta.csv").unlink()
    as_of = resolve_as_of(load_graph(folder))
    assert as_of.inferred and "inferred" in as_of.describe()
    # two poles: ESCI's records reach 2023, Alp'En's only its founding (2014); at least half
    # of the poles reach 2023
    assert as_of.year == 2023


def test_meta_csv_with_a_wrong_header_or_year_says_where(tmp_path):
    folder = tmp_path / "ci"
    shutil.copytree(bundled_dataset("centre-isere"), folder)
    (folder / "meta.csv").write_text("name,year\nas_of,2021\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"meta.csv:1: expected the header 'key,value'"):
        load_graph(folder)
    (folder / "meta.csv").write_text("key,value\nas_of,soon\n", encoding="utf-8")
    with pytest.raises(DatasetError, match=r"meta.csv:2: value: as_of 'soon' is not a year"):
        load_graph(folder)


def test_the_median_pole_decides_not_the_latest_record():
    """Several poles whose records stop the same year (the usual case: a survey's year) hold
    the inferred year against one late grant anywhere."""
    G = nx.MultiDiGraph()
    G.add_node("f", type="funder")
    for pole, end in (("a", 2016), ("b", 2018), ("c", 2018), ("d", 2018), ("e", 2019)):
        G.add_node(pole, type="pole")
        G.add_edge("f", pole, type="funds", amount=1.0, start="2014", end=str(end))
    assert infer_as_of(G) == 2018
    for pole in "abcde":
        H = G.copy()
        H.add_edge("f", pole, type="funds", amount=1000.0, start="2026", end="2028")
        assert infer_as_of(H) == 2018, pole
