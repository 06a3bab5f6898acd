"""Funding dependence: hand-checked figures and invariants."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ptce_graph.analysis import funding_dependence, funding_layer
from ptce_graph.analysis.funding import FUNDING_COLUMNS, concentration
from ptce_graph.errors import OptionError

from .helpers import dataset, three_funder_pole


def test_three_funders_60_30_10():
    table = funding_dependence(three_funder_pole())
    assert list(table.columns) == FUNDING_COLUMNS
    row = table.set_index("recipient").loc["pole"]
    assert row["total"] == 100000
    assert row["n_funders"] == 3
    assert row["top_funder"] == "region"
    assert row["top_share"] == pytest.approx(0.6)
    assert row["hhi"] == pytest.approx(0.46)
    assert row["public_share"] == pytest.approx(0.9)
    assert bool(row["single_funder_dependent"])
    relaxed = funding_dependence(three_funder_pole(), threshold=0.7).iloc[0]
    assert not bool(relaxed["single_funder_dependent"])


def test_by_year_spreads_grants_and_keeps_totals():
    table = funding_dependence(three_funder_pole(), by_year=True)
    assert list(table["year"]) == [2015, 2016, 2017]
    assert list(table["total"]) == pytest.approx([50000, 30000, 20000])
    assert table["total"].sum() == pytest.approx(100000)
    year_2016 = table[table["year"] == 2016].iloc[0]
    assert year_2016["top_funder"] == "region" and year_2016["top_share"] == pytest.approx(2 / 3)
    only_2015 = funding_dependence(three_funder_pole(), year=2015)
    assert only_2015.iloc[0]["total"] == pytest.approx(50000)
    assert only_2015.iloc[0]["top_funder"] == "state"


def test_funding_layer_weights_by_amount_and_year():
    F = funding_layer(three_funder_pole())
    assert F["region"]["pole"]["weight"] == 60000
    F2016 = funding_layer(three_funder_pole(), year=2016)
    assert set(F2016.predecessors("pole")) == {"region", "bank"}
    assert F2016["region"]["pole"]["weight"] == pytest.approx(20000)


@pytest.mark.parametrize("bad", [0, -0.1, 1.5, "half"])
def test_bad_threshold_says_what_to_give(bad):
    with pytest.raises(OptionError, match="threshold"):
        funding_dependence(three_funder_pole(), threshold=bad)


amounts = st.dictionaries(st.sampled_from([f"f{i}" for i in range(8)]),
                          st.floats(1, 1e7, allow_nan=False), min_size=1)


@settings(max_examples=100, deadline=None)
@given(amounts)
def test_hhi_between_one_over_n_and_one(by_funder):
    figures = concentration(by_funder)
    n = len(by_funder)
    assert 1 / n - 1e-12 <= figures["hhi"] <= 1 + 1e-12
    shares = [a / figures["total"] for a in by_funder.values()]
    assert sum(shares) == pytest.approx(1)
    assert figures["top_share"] == pytest.approx(max(shares))


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["r", "s", "b"]), st.integers(1, 100),
                          st.integers(2014, 2020), st.integers(0, 3)), min_size=1, max_size=8))
def test_public_and_top_shares_are_shares(grants):
    node_rows = [{"id": "pole", "type": "pole", "name": "P"},
                 {"id": "r", "type": "collectivity", "name": "R"},
                 {"id": "s", "type": "funder", "name": "S", "category": "public"},
                 {"id": "b", "type": "funder", "name": "B", "category": "bank"}]
    edge_rows = [{"source": f, "target": "pole", "type": "funds", "amount": float(a),
                  "start": str(y), "end": str(y + span)} for f, a, y, span in grants]
    G = dataset(node_rows, edge_rows)
    row = funding_dependence(G).iloc[0]
    expected_public = sum(a for f, a, _, _ in grants if f != "b") / sum(a for _, a, _, _ in grants)
    assert row["public_share"] == pytest.approx(expected_public)
    by_year = funding_dependence(G, by_year=True)
    assert by_year["total"].sum() == pytest.approx(row["total"])
    assert (by_year["top_share"] <= 1 + 1e-12).all() and (by_year["hhi"] > 0).all()
