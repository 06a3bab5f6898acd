"""The report answers at a glance and prints (issue 11): the inter-pole section, charts over
time with empty years as zero and the as-of year marked, fragility over the years when the time
model provides it, recommendations grouped and folded, A4 printing through headless Chromium.

Expected values come from the dataset files and the CSV tables (read with pandas), not from the
report's code."""

from __future__ import annotations

import dataclasses
import re
import subprocess
from html import unescape
from types import MappingProxyType

import pandas as pd
import pytest

from ptce_graph.analysis import analyze
from ptce_graph.build import build_graph
from ptce_graph.ingest import load_dataset
from ptce_graph.report import build_report

from .conftest import CHROMIUM, DATASETS

REGION = DATASETS / "auvergne-rhone-alpes"
ESCI = "Entrepreneurs Solidaires du Centre Isère (ESCI)"


@pytest.fixture(scope="module")
def region_analysis():
    data = load_dataset(REGION)
    return analyze(build_graph(data.nodes, data.edges, name="auvergne-rhone-alpes"))


def figure(page: str, caption: str) -> str:
    """The chart (<figure>) of one pole."""
    for part in page.split('<figure class="chart">')[1:]:
        block = part.split("</figure>")[0]
        if unescape(re.search(r"<figcaption>(.*?)</figcaption>", block)[1]) == caption:
            return block
    raise AssertionError(f"no chart for {caption!r}")


def section(page: str, heading: str) -> str:
    start = page.index(f"<h2>{heading}</h2>")
    return page[start:page.index("</section>", start)]


def test_funding_chart_shows_the_years_without_funding_as_zero(region_analysis):
    # nodes.csv: ESCI was in standby 2019-2020; edges.csv has no grant covering those years
    page = build_report(region_analysis, lang="fr", as_of=2024)
    chart = figure(page, ESCI)
    titles = [unescape(t) for t in re.findall(r"<rect[^>]*><title>(.*?)</title>", chart)]
    years = sorted({int(t[:4]) for t in titles})
    assert years == list(range(years[0], years[-1] + 1))  # a bar for every year, none dropped
    assert {2018, 2019, 2020, 2021} <= set(years)
    assert "2019: 0 EUR" in titles and "2020: 0 EUR" in titles
    assert any(t.startswith("2018 · ") for t in titles)  # funded years have their funders
    # years read plainly: no "2 019"
    assert not re.search(r"\b2[\s\u202f\u00a0,.]0\d\d\b", " ".join(titles))


def test_the_as_of_year_is_marked_between_its_neighbours(region_analysis):
    page = build_report(region_analysis, lang="en", as_of=2022)
    chart = figure(page, ESCI)
    assert "as of 2022" in chart
    # each year's bar: its centre
    x = {int(title[:4]): float(left) + float(width) / 2 for left, width, title in
         re.findall(r'<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)"[^>]*><title>(.*?)</title>',
                    chart)}
    marker = float(re.search(r'<line x1="([\d.]+)"[^>]*stroke="#d73027"', chart)[1])
    assert x[2021] < marker < x[2023]
    assert marker == pytest.approx(x[2022], abs=0.3)


def without(analysis, name):
    tables = {k: v for k, v in analysis.tables.items() if k != name}
    return dataclasses.replace(analysis, tables=MappingProxyType(tables))


def test_fragility_over_the_years_is_drawn_when_the_time_model_gives_it(region_analysis):
    absent = build_report(without(region_analysis, "fragility_by_year"), lang="en")
    assert "fragility-line" not in absent
    assert "metrics/fragility_by_year.csv" in absent  # says why the chart is missing
    scores = pd.DataFrame({"pole": ["pole-esci"] * 4, "year": [2017, 2018, 2019, 2020],
                           "fragility_score": [0.2, 0.3, 0.8, None]})
    tables = dict(region_analysis.tables, fragility_by_year=scores)
    page = build_report(dataclasses.replace(region_analysis, tables=MappingProxyType(tables)),
                        lang="en", as_of=2021)
    chart = figure(page, ESCI)
    assert "fragility-line" in chart
    circles = re.findall(r'<circle cx="[\d.]+" cy="([\d.]+)"', chart)
    assert len(circles) == 3  # the unknown year is not drawn as a score
    heights = [float(c) for c in circles]
    assert heights[0] > heights[1] > heights[2]  # higher score, higher point
    assert "fragility_by_year.csv) is not available" not in page


def test_the_time_model_scores_are_the_points_of_each_chart(region_out):
    page = (region_out / "report.html").read_text(encoding="utf-8")
    by_year = pd.read_csv(region_out / "metrics" / "fragility_by_year.csv")
    esci = by_year[(by_year["pole"] == "pole-esci") & by_year["fragility_score"].notna()]
    chart = figure(page, ESCI)
    titles = [unescape(t) for t in re.findall(r"<circle[^>]*><title>(.*?)</title>", chart)]
    assert len(titles) == len(esci)
    for title, row in zip(titles, esci.sort_values("year").to_dict("records"), strict=True):
        assert title == f"{row['year']}: {row['fragility_score']:.2f}".replace(".", ",")


def test_interpole_section_names_the_basis_of_each_pair_and_draws_the_matrix(region_out):
    page = (region_out / "report.html").read_text(encoding="utf-8")
    part = section(page, "Coopération entre pôles")
    ties = pd.read_csv(region_out / "metrics" / "interpole.csv")
    specific = ties[ties["specific"]]
    assert f"{len(specific)} des 105 paires" in unescape(part)
    names = dict(pd.read_csv(REGION / "nodes.csv", dtype=str)[["id", "name"]].values)
    strongest = specific.sort_values("specific_weight", ascending=False).iloc[0]
    assert names[strongest["source"]] in unescape(part)
    for member in str(strongest["members"]).split(";"):
        assert names[member] in unescape(part)
    assert "Groupe de travail régional" in unescape(part)  # named once, as the umbrella
    matrix = part.split('<table class="matrix">')[1].split("</table>")[0]
    rows = matrix.split("<tr>")[2:]
    assert len(rows) == 15
    filled = [c for c in re.findall(r'<td class="cell"[^>]*>([^<]*)</td>', matrix)
              if c not in ("", "—")]
    assert len(filled) == 2 * len(specific)  # each tie twice, the matrix is symmetric
    assert sum(int(c) for c in filled) == 2 * int(specific["specific_weight"].sum())


def test_recommendations_are_grouped_per_pole_and_folded(region_out):
    page = (region_out / "report.html").read_text(encoding="utf-8")
    part = section(page, "Qui mettre en relation")
    recs = pd.read_csv(region_out / "metrics" / "recommendations.csv")
    shown = part.split('<details class="more">')
    visible = re.sub(r'<details class="more">.*?</details>', "", part, flags=re.S)
    members_visible = [m for m in set(recs["member_name"]) if m in unescape(visible)]
    assert len(members_visible) < recs["member"].nunique()  # some folded
    assert len(shown) > 1
    assert all(m in unescape(part) for m in recs["member_name"])  # none lost
    for group in re.split(r"<h3>", visible)[1:]:
        assert group.count('<ol class="partners">') <= 3
        for partners in re.findall(r'<ol class="partners">(.*?)</ol>', group, flags=re.S):
            assert partners.count("<li>") <= 3
    assert "bien connecté : 1 partenaire" not in part


def pdf_pages(path) -> tuple[int, list[str]]:
    data = path.read_bytes()
    pages = re.findall(rb"/Type\s*/Page(?!s)", data)
    boxes = re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data)
    return len(pages), [(float(w), float(h)) for w, h in boxes]


def test_report_prints_to_a4_with_a_sensible_number_of_pages(region_out, tmp_path):
    pdf = tmp_path / "report.pdf"
    result = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer",
         "--host-resolver-rules=MAP * ~NOTFOUND", f"--print-to-pdf={pdf}",
         (region_out / "report.html").resolve().as_uri()],
        capture_output=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    pages, boxes = pdf_pages(pdf)
    # about twelve sections, fifteen small charts, tables of 15 poles: more than a leaflet,
    # far less than the 19,000-pixel page (some thirty A4 pages) it was
    assert 5 <= pages <= 28, pages
    assert boxes and all(abs(w - 595.3) < 2 and abs(h - 841.9) < 2 for w, h in boxes), boxes
