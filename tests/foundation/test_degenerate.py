"""Valid datasets of odd shapes never end in a traceback: regression examples found by the
end-to-end property tests (tests/foundation/test_end_to_end.py)."""

from __future__ import annotations

from click.testing import CliRunner

from ptce_graph.cli import cli


def test_four_nodes_without_a_broker(tmp_path):
    """One pole, two members tied to each other, one collectivity funding the pole: nobody
    brokers, so the brokerage table is empty; its boolean column must stay a filter (it ended
    in KeyError: 'n_poles' in the report)."""
    data = tmp_path / "four"
    data.mkdir()
    (data / "nodes.csv").write_text("id,type,name\npole-a,pole,Pole A\norg-1,organisation,Org 1\n"
                                    "org-2,organisation,Org 2\ncol-1,collectivity,Col 1\n")
    (data / "edges.csv").write_text("source,target,type,amount\norg-1,pole-a,member_of,\n"
                                    "org-2,pole-a,member_of,\ncol-1,pole-a,funds,1000\n"
                                    "org-1,org-2,cooperates_with,\n")
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    header = (tmp_path / "out" / "metrics" / "brokerage.csv").read_text().splitlines()
    assert header == ["id,name,type,sector,poles,n_poles,multi_pole,coordinator,itinerant,"
                      "representative_gatekeeper,liaison,total,cross_sector"]
    assert "Members of two or more poles" not in result.output  # the report, not the console
    assert (tmp_path / "out" / "report.html").exists()
