"""Who could support a proposed cooperation (issue 9): the funders of either side, listed
apart from the partners, never proposed as partners; in the CSV (last column), the console
of ``recommend`` and the report."""

from pathlib import Path

from click.testing import CliRunner

from ptce_graph.analysis.recommend import RECOMMENDATION_COLUMNS, recommend_partners
from ptce_graph.catalogue import table
from ptce_graph.cli import cli

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"


def test_supporters_are_who_funds_either_side_those_funding_both_first(tiny):
    # as of 2016: the Région funds pole A (2014-2016) and its project (org-1, org-2 take
    # part); the Caisse funds pole A only in 2015. A bank funds org-3 alone in 2016.
    G = tiny.copy()
    G.add_node("fund-bank", type="funder", name="Banque", category="bank")
    G.add_edge("fund-bank", "org-3", type="funds", amount=5000.0, start="2016", end="2016")
    recs = recommend_partners(G, members=["org-3"], top=5, year=2016)
    row = recs.set_index("partner").loc["org-2"]
    # the Région funds both sides (pole A holds both; org-2 is in its project), the bank
    # funds org-3 only; the Caisse's grant ended in 2015
    assert row["supporters"].split("; ") == ["col-region", "fund-bank"]
    assert not set(recs["partner"]) & {"col-region", "fund-bank", "fund-cdc"}


def test_supporters_is_the_last_column_and_is_described():
    assert RECOMMENDATION_COLUMNS[-1] == "supporters"
    assert [c.name for c in table("recommendations").columns][-1] == "supporters"


def test_recommend_console_names_the_supporters():
    result = CliRunner().invoke(cli, ["recommend", str(TINY), "--as-of", "2016",
                                      "--member", "org-3", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    assert "pourrait être soutenu par : Région" in result.output
    english = CliRunner().invoke(cli, ["recommend", str(TINY), "--as-of", "2016",
                                       "--member", "org-3", "--lang", "en"])
    assert "could be supported by: Région" in english.output


def test_the_report_says_who_could_support_once_per_pole(tmp_path):
    """As of 2016 org-2 and org-3 are peripheral and proposed to each other: the Région,
    funding both (pole A), supports every cooperation proposed in pole A, so the report names
    it once, under the pole's heading, in the report's language."""
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(TINY), "-o", str(out), "--as-of", "2016",
                                      "--lang", "fr"])
    assert result.exit_code == 0, result.output
    html = (out / "report.html").read_text(encoding="utf-8")
    start = html.index("<h3>Pôle A")
    section = html[start:html.index("</section>", start)]
    assert section.count("Pourraient soutenir ces coopérations") == 1
    assert ('<p class="supporters">Pourraient soutenir ces coopérations (financent déjà '
            "l&#39;un ou l&#39;autre côté) : Région Auvergne-Rhône-Alpes</p>") in section
    assert section.index('class="supporters"') < section.index('<table class="recommend">')
