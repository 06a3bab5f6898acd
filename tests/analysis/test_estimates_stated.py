"""summary.json and the report state the error expected for a sampled metric (issue 9)."""

import dataclasses
import json
from pathlib import Path

import networkx as nx
import pytest

from ptce_graph.analysis import analyze, fast
from ptce_graph.build import build_graph
from ptce_graph.ingest import load_dataset
from ptce_graph.outputs import Written, summary_document
from ptce_graph.report import build_report

DATASET = Path(__file__).resolve().parents[2] / "datasets" / "auvergne-rhone-alpes"


@pytest.fixture(scope="module")
def sampled():
    """The regional analysis with its betweenness taken as sampled (the dataset is below the
    size at which analyze samples; the note is the real one of a sampled run on its layer)."""
    data = load_dataset(DATASET)
    analysis = analyze(build_graph(data.nodes, data.edges, name="auvergne-rhone-alpes"))
    _, note = fast.betweenness(nx.Graph(analysis.cooperation), method="approximate", pivots=40)
    return dataclasses.replace(analysis, approximations=(note,)), note


def test_summary_json_states_the_expected_error(sampled, tmp_path):
    analysis, note = sampled
    document = summary_document(analysis, Written(tmp_path), {})
    stated = json.loads(json.dumps(document, default=str))["approximations"][0]
    measured = stated["measured"]
    assert stated["metric"] == "betweenness"
    assert set(fast.ERROR_FIGURES) <= set(measured)
    assert measured["pivots"] == 40 and measured["resamples"] == fast.ERROR_RESAMPLES
    for figure in fast.ERROR_FIGURES:
        low, high = measured["range90"][figure]
        assert low <= high
    assert "bootstrap" in measured["how"]
    # the unstable maxima are no longer claimed
    assert "max_rel_error" not in measured and "max_abs_error" not in measured


@pytest.mark.parametrize("lang, words", [("en", "Estimated metrics"), ("fr", "Mesures estimées")])
def test_report_states_the_expected_error(sampled, lang, words):
    analysis, note = sampled
    page = build_report(analysis, lang=lang)
    assert words in page
    measured = note["measured"]
    top20 = f"{measured['top20_overlap']:.0%}".replace("%", "\u202f%" if lang == "fr" else "%")
    section = page.split(words)[1].split("</section>")[0]
    assert top20.replace("\u202f", "") in section.replace("\u202f", "").replace("\xa0", "")
    mean_abs = f"{measured['mean_abs_error']:.2g}"
    assert (mean_abs if lang == "en" else mean_abs.replace(".", ",")) in section


def test_report_says_nothing_of_estimates_when_every_metric_is_exact():
    data = load_dataset(DATASET)
    analysis = analyze(build_graph(data.nodes, data.edges, name="auvergne-rhone-alpes"))
    assert not analysis.approximations
    assert "Estimated metrics" not in build_report(analysis, lang="en")
