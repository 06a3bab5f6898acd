"""Funding over time, membership changes, funding cliffs and diffs between two years, on the
tiny fixture (hand-checked) and on the Centre Isère dataset (the 2019 stop)."""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ptce_graph.analysis.timeline import (
    funding_cliffs,
    funding_timeline,
    members_between,
    membership_changes,
    ties_between,
)
from ptce_graph.build import build_graph, load_graph
from ptce_graph.cli import cli
from ptce_graph.ingest import bundled_dataset

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


@pytest.fixture(scope="module")
def centre_isere():
    return load_graph(bundled_dataset("centre-isere"))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_funding_timeline_spreads_grants_over_their_years(tiny):
    t = funding_timeline(tiny)
    per_year = t.groupby("year")["amount"].sum().to_dict()
    # Région 60 000 over 2014-2016, CDC 30 000 in 2015, Région 10 000 to the project in 2016
    assert per_year == {2014: 20_000.0, 2015: 50_000.0, 2016: 30_000.0}
    shares = t.groupby("year")["share"].sum()
    assert shares.tolist() == pytest.approx([1.0, 1.0, 1.0])
    cdc = t[(t["funder"] == "fund-cdc")]
    assert cdc[["year", "amount", "share"]].values.tolist() == [[2015, 30_000.0, 0.6]]
    assert cdc["funder_name"].tolist() == ["Caisse des Dépôts"]


def test_membership_changes(tiny):
    changes = membership_changes(tiny)
    assert changes[["year", "change", "member"]].values.tolist() == [
        [2012, "joined", "org-1"], [2012, "joined", "org-2"],
        [2014, "joined", "org-3"], [2018, "left", "org-3"]]


def test_cliff_when_funding_stops(tiny):
    cliffs = funding_cliffs(tiny, today=2020)
    assert cliffs[["year", "when", "funding_before", "funding_after"]].values.tolist() == [
        [2017, "past", 30_000.0, 0.0]]
    assert cliffs["drop"].tolist() == [1.0]
    assert cliffs["ending"].tolist() == ["Région Auvergne-Rhône-Alpes"]


def test_lower_threshold_finds_smaller_falls_and_names_who_stopped(tiny):
    cliffs = funding_cliffs(tiny, threshold=0.3, today=2020)
    assert cliffs["year"].tolist() == [2016, 2017]
    first = cliffs.iloc[0]
    assert first["drop"] == pytest.approx(0.4)  # 50 000 -> 30 000
    assert first["ending"] == "Caisse des Dépôts"  # the Région goes on in 2016


def test_cliff_ahead_within_the_horizon(tiny):
    ahead = funding_cliffs(tiny, today=2015, horizon=2)
    assert ahead[["year", "when"]].values.tolist() == [[2017, "ahead"]]
    assert funding_cliffs(tiny, today=2015, horizon=1).empty  # 2017 is beyond 2016


def test_replaced_funding_is_no_cliff():
    nodes = pd.DataFrame({"id": ["p", "a", "b"], "type": ["pole", "funder", "funder"],
                          "name": ["P", "A", "B"]})
    edges = pd.DataFrame({"source": ["a", "b"], "target": ["p", "p"],
                          "type": ["funds", "funds"], "amount": [300.0, 300.0],
                          "start": ["2014", "2017"], "end": ["2016", "2019"]})
    G = build_graph(nodes, edges)
    cliffs = funding_cliffs(G, today=2030)
    assert cliffs["year"].tolist() == [2020]  # not 2017: B takes over from A
    assert cliffs["ending"].tolist() == ["B"]


def test_centre_isere_2019_stop_is_a_cliff(centre_isere):
    cliffs = funding_cliffs(centre_isere, today=2025)
    esci = cliffs[cliffs["pole"] == "pole-esci"]
    stop = esci[esci["year"] == 2019]
    assert len(stop) == 1
    assert stop["funding_after"].iloc[0] == 0.0 and stop["funding_before"].iloc[0] > 0
    assert "LEADER" in stop["ending"].iloc[0]
    # seen from 2018, the same stop is ahead
    ahead = funding_cliffs(centre_isere, today=2018, horizon=2)
    assert ahead.loc[ahead["pole"] == "pole-esci", ["year", "when"]].values.tolist() == [
        [2019, "ahead"]]


def test_members_between_years(tiny):
    joined = members_between(tiny, 2013, 2015)
    assert joined[["change", "member"]].values.tolist() == [["joined", "org-3"]]
    left = members_between(tiny, 2015, 2019)
    assert left[["change", "member", "role"]].values.tolist() == [["left", "org-3", "member"]]
    assert members_between(tiny, 2013, 2019).empty


def test_ties_between_years(tiny):
    created = ties_between(tiny, 2013, 2014)
    assert created[["change", "a", "b"]].values.tolist() == [["created", "org-1", "org-3"]]
    lost = ties_between(tiny, 2014, 2013)
    assert lost[["change", "a", "b"]].values.tolist() == [["lost", "org-1", "org-3"]]


def test_timeline_command_prints_the_cliff():
    result = run("timeline", bundled_dataset("centre-isere"), "--today", "2025", "--show",
                 "cliffs", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = [line for line in result.output.splitlines() if line.startswith("pole-esci,")]
    assert any(",2019,past," in line for line in rows)


def test_timeline_command_writes_csv(tmp_path):
    result = run("timeline", TINY, "--today", "2020", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "Funding cliffs" in result.output and "total per year" in result.output
    cliffs = pd.read_csv(tmp_path / "cliffs.csv")
    assert cliffs["year"].tolist() == [2017]
    funding = pd.read_csv(tmp_path / "funding.csv")
    assert funding["amount"].sum() == pytest.approx(100_000.0)


def test_csv_needs_one_table():
    result = run("timeline", TINY, "--format", "csv")
    assert result.exit_code == 1 and "--show" in result.output


def test_diff_rejects_years_in_the_wrong_order():
    result = run("diff", TINY, "--from", "2016", "--to", "2014")
    assert result.exit_code == 1
    assert result.output.startswith("Error: --to 2014 must come after --from 2016")


def test_analyze_writes_the_timeline_tables(tmp_path):
    result = run("analyze", bundled_dataset("centre-isere"), "-o", tmp_path)
    assert result.exit_code == 0, result.output
    cliffs = pd.read_csv(tmp_path / "metrics" / "funding_cliffs.csv")
    assert 2019 in cliffs.loc[cliffs["pole"] == "pole-esci", "year"].tolist()
    import json

    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert any(c["year"] == 2019 for c in summary["funding_cliffs"])
    assert "metrics/funding_timeline.csv" in summary["files"]


def test_pole_changes_between_years(centre_isere):
    from ptce_graph.analysis.timeline import POLE_CHANGE_COLUMNS, pole_changes

    table = pole_changes(centre_isere, 2018, 2020)
    assert list(table.columns) == POLE_CHANGE_COLUMNS
    esci = table[table["pole"] == "pole-esci"].set_index("metric")
    assert esci.loc["funding_total", "before"] == pytest.approx(95_500.0)
    assert esci.loc["funding_total", "after"] in (None, 0.0)
    assert esci.loc["funding_total", "change"] == pytest.approx(-95_500.0)
    score = esci.loc["fragility_score"]
    assert score["change"] == pytest.approx(float(score["after"] or 0) - float(score["before"]))
    assert esci.loc["fragility_reasons", "change"] == "changed"


def test_diff_command(tmp_path):
    result = run("diff", TINY, "--from", "2013", "--to", "2015", "-o", tmp_path)
    assert result.exit_code == 0, result.output
    assert "org-3" in result.output and "joined" in result.output
    ties = pd.read_csv(tmp_path / "ties.csv")
    assert ties[["change", "a", "b"]].values.tolist() == [["created", "org-1", "org-3"]]
    poles = pd.read_csv(tmp_path / "poles.csv")
    members = poles[(poles["pole"] == "pole-a") & (poles["metric"] == "members")]
    assert members[["before", "after"]].astype(float).values.tolist() == [[2.0, 3.0]]
