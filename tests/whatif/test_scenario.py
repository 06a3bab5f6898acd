"""What-if removals on the tiny fixture (hand-checked) and on the regional dataset
(invariants), the --remove-top-funder ranking and the simulate command."""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ptce_graph.analysis.scenario import (
    SCENARIO_COLUMNS,
    TOP_FUNDER_COLUMNS,
    simulate_removal,
    top_funder_damage,
)
from ptce_graph.build import nodes_of_type
from ptce_graph.cli import cli
from ptce_graph.errors import OptionError

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def test_region_withdraws(tiny):
    s = simulate_removal(tiny, ["col-region"])
    recipients = s.recipients.set_index("recipient")
    # pole-a: Région 60 000 + CDC 30 000 direct; the Région's 10 000 went to the project
    assert recipients.loc["pole-a", ["funding_before", "funding_after", "lost"]].tolist() == [
        90_000.0, 30_000.0, 60_000.0]
    assert recipients.loc["pole-a", "lost_share"] == pytest.approx(2 / 3)
    assert recipients.loc["proj-ress", "lost_share"] == 1.0
    assert s.poles[["pole", "funding_before", "funding_after", "status"]].values.tolist() == [
        ["pole-a", 100_000.0, 30_000.0, "below threshold"]]
    assert s.projects["project"].tolist() == ["proj-ress"]
    assert s.cut_off.empty
    assert s.fragility["pole"].tolist() == ["pole-a"]


def test_key_actor_leaves(tiny):
    s = simulate_removal(tiny, ["org-1"])
    # org-1 held the pole together: org-2 and org-3 were only tied through it
    assert s.cut_off[["member", "partners_before", "partners_after"]].values.tolist() == [
        ["org-2", 1, 0], ["org-3", 1, 0]]
    assert s.recipients.empty and s.poles.empty and s.projects.empty


def test_one_year(tiny):
    s = simulate_removal(tiny, ["fund-cdc"], year=2015)
    # 2015: Région 20 000 + CDC 30 000
    assert s.recipients[["recipient", "funding_before", "funding_after"]].values.tolist() == [
        ["pole-a", 50_000.0, 20_000.0]]
    assert s.poles["share_left"].tolist() == [pytest.approx(0.4)]
    assert simulate_removal(tiny, ["fund-cdc"], year=2016).recipients.empty


def test_threshold_decides_which_poles_are_flagged(tiny):
    assert simulate_removal(tiny, ["col-region"], threshold=0.3).poles.empty  # 30 % left
    assert len(simulate_removal(tiny, ["col-region"], threshold=0.31).poles) == 1


def test_fragility_change_is_after_minus_before(region):
    funders = nodes_of_type(region, "collectivity")[:3]
    s = simulate_removal(region, funders)
    f = s.fragility
    assert len(f) == len(nodes_of_type(region, "pole"))
    assert (f["change"] - (f["fragility_after"] - f["fragility_before"])).abs().max() < 1e-9


def test_removal_never_adds_funding_nor_changes_the_graph(region):
    edges = region.number_of_edges()
    for funder in nodes_of_type(region, "funder")[:5]:
        s = simulate_removal(region, [funder])
        assert (s.recipients["funding_after"] < s.recipients["funding_before"]).all()
        assert (s.recipients["lost"] > 0).all()
    assert region.number_of_edges() == edges


def test_bad_removals_are_clear_errors(tiny):
    with pytest.raises(OptionError, match="unknown id 'ghost'"):
        simulate_removal(tiny, ["ghost"])
    with pytest.raises(OptionError, match="it is a pole"):
        simulate_removal(tiny, ["pole-a"])
    with pytest.raises(OptionError, match="nothing to remove"):
        simulate_removal(tiny, [])


def test_top_funder_damage(tiny):
    table = top_funder_damage(tiny)
    assert list(table.columns) == TOP_FUNDER_COLUMNS
    row = table.iloc[0]
    assert (row["pole"], row["funder"]) == ("pole-a", "col-region")  # 70 000 vs 30 000
    assert row["funding_lost"] == 70_000.0 and row["lost_share"] == pytest.approx(0.7)
    assert row["projects_unfunded"] == 1


def test_top_funder_ranking_is_ordered(region):
    table = top_funder_damage(region)
    assert table["rank"].tolist() == list(range(1, len(table) + 1))
    keys = list(zip(table["fragility_change"], table["lost_share"], strict=True))
    assert keys == sorted(keys, reverse=True)


def test_simulate_command_writes_scenario_csv(tmp_path):
    result = CliRunner().invoke(cli, ["simulate", str(TINY), "--remove", "col-region",
                                      "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "Projects left without any funder" in result.output
    table = pd.read_csv(tmp_path / "scenario.csv")
    assert list(table.columns) == SCENARIO_COLUMNS
    assert set(table["section"]) >= {"recipient_funding", "pole_funding", "project_unfunded",
                                     "fragility"}
    unfunded = table[table["section"] == "project_unfunded"]
    assert unfunded["subject"].tolist() == ["proj-ress"]


def test_simulate_command_errors():
    runner = CliRunner()
    result = runner.invoke(cli, ["simulate", str(TINY), "--remove", "pole-a"])
    assert result.exit_code == 1 and result.output.startswith("Error: --remove pole-a")
    result = runner.invoke(cli, ["simulate", str(TINY)])
    assert result.exit_code == 1 and "nothing to remove" in result.output
    result = runner.invoke(cli, ["simulate", str(TINY), "--remove", "org-1",
                                 "--remove-top-funder"])
    assert result.exit_code == 1 and "not both" in result.output


def test_remove_top_funder_command(tmp_path):
    result = CliRunner().invoke(cli, ["simulate", str(TINY), "--remove-top-funder", "-o",
                                      str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert pd.read_csv(tmp_path / "top_funders.csv")["funder"].tolist() == ["col-region"]


def test_losing_funders_never_lowers_fragility(region):
    """A pole that loses its largest funder, even its only one, is never judged less fragile."""
    damage = top_funder_damage(region)
    assert (damage["fragility_change"] >= 0).all(), damage[["pole", "fragility_change"]]
    emptied = damage[damage["lost_share"] == 1]
    assert len(emptied) >= 1
    assert emptied["reasons_added"].str.contains("all its funding is withdrawn").all()
