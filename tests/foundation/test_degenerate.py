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


def test_one_pole_and_nothing_else(tmp_path):
    """A dataset of one pole: the cooperation layer (actors only) is empty; Burt's constraint
    raised NetworkXError on it."""
    data = tmp_path / "pole"
    data.mkdir()
    (data / "nodes.csv").write_text("id,type,name\npole-a,pole,Pole A\n")
    (data / "edges.csv").write_text("source,target,type\n")
    result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    for name in ("nodes", "cooperation", "brokerage", "funding", "interpole", "recommendations"):
        lines = (tmp_path / "out" / "metrics" / f"{name}.csv").read_text().splitlines()
        assert lines and lines[0].count(",") >= 2, name  # the header, even for no row


def test_a_pole_funded_before_it_was_founded(tmp_path):
    """--year before a pole's founding year, with a grant to it that year: the pole is not
    active then, and top_funder_damage looked for it among the active poles (KeyError)."""
    data = tmp_path / "early"
    data.mkdir()
    (data / "nodes.csv").write_text("id,type,name,founded\npole-a,pole,Pole A,2008\n"
                                    "org-1,organisation,Org 1,\nfin-1,funder,Fin 1,\n")
    (data / "edges.csv").write_text("source,target,type,amount,start,end\n"
                                    "org-1,pole-a,member_of,,,\nfin-1,pole-a,funds,900,2005,2007\n")
    for args in (["--year", "2005"], []):
        result = CliRunner().invoke(cli, ["analyze", str(data), "-o", str(tmp_path / "out"),
                                          *args])
        assert result.exit_code == 0, result.output
        damage = (tmp_path / "out" / "metrics" / "top_funder_damage.csv").read_text()
        assert damage.startswith("rank,pole,name,funder,")
