"""Reasons as codes flow through every writer: an analysis whose tables hold Reason codes
(as the fragility and recommendation analyses give them) is written with the reasons rendered
through the message catalogue, in English and French, in the CSV files, the report, the views,
summary.json and the store write-back; sentences written by an older analysis pass unchanged."""

from __future__ import annotations

import dataclasses
import json
from types import MappingProxyType

import pandas as pd
import pytest

from ptce_graph.analysis import analyze
from ptce_graph.catalogue import TABLES, reason_texts, render_reason_columns, rendered
from ptce_graph.i18n import labels, render_reason
from ptce_graph.options import OutputOptions
from ptce_graph.outputs import write_outputs
from ptce_graph.reasons import reason, reasons_text
from ptce_graph.store.writeback import analysis_properties

STOPPED = reason("funding_stopped", year=2018)


def single(funder):
    return reason("single_funder", funder=funder)


@pytest.fixture(scope="module")
def coded(tiny):
    """The tiny analysis with its poles' reason codes replaced by Reason tuples and no
    sentence at all: only the writers can make the sentences."""
    analysis = analyze(tiny)
    poles = analysis["poles"].copy()
    funder = next(n for n, t in tiny.nodes(data="type") if t in ("funder", "collectivity"))
    poles["fragility_reason_codes"] = [(STOPPED, single(funder))] + [()] * (len(poles) - 1)
    poles["fragility_reasons"] = None
    poles["fragility_reasons_fr"] = None
    tables = dict(analysis.tables) | {"poles": poles}
    return dataclasses.replace(analysis, tables=MappingProxyType(tables)), funder


def test_the_message_catalogue_renders_each_language(tiny):
    assert render_reason(STOPPED, "en") == ("funding stopped: no funding after 2018 (funding "
                                            "discontinuity)")
    assert "2018" in render_reason(STOPPED, "fr") and "financement" in render_reason(STOPPED,
                                                                                     "fr")


def test_csv_report_summary_and_write_back_render_codes(coded, tmp_path):
    analysis, funder = coded
    name = analysis.name(funder)
    write_outputs(analysis, tmp_path, OutputOptions(lang="fr"))
    poles = pd.read_csv(tmp_path / "metrics" / "poles.csv")
    first = poles.iloc[0]
    assert first["fragility_reasons"] == "; ".join(
        render_reason(r, "en", analysis.name) for r in (STOPPED, single(funder)))
    assert first["fragility_reasons_fr"] == "; ".join(
        render_reason(r, "fr", analysis.name) for r in (STOPPED, single(funder)))
    assert name in first["fragility_reasons"] and funder not in first["fragility_reasons"]
    assert poles["fragility_reasons"].iloc[1:].isna().all()

    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert render_reason(STOPPED, "fr") in page
    assert render_reason(STOPPED, "en") not in page
    summary = json.loads((tmp_path / "summary.json").read_text(encoding="utf-8"))
    assert summary["metrics"]["most_fragile_poles"][0]["reason"] == render_reason(STOPPED, "en")

    frames = {key: frame for frame, key in analysis_properties(analysis)}
    stored = frames["pole"].set_index("pole")
    assert stored["fragility_reasons_fr"].iloc[0] == first["fragility_reasons_fr"]


def test_sentences_from_an_older_analysis_pass_unchanged(tiny):
    """A table of sentences without codes (an older analysis) is written as it is; today's
    analysis, whose sentences are the renderings of its codes, is written unchanged too."""
    analysis = analyze(tiny)
    today = analysis["poles"]
    assert rendered(today, TABLES["poles"], analysis.name).equals(today)
    poles = today.drop(columns=["fragility_reason_codes"])
    assert rendered(poles, TABLES["poles"]) is poles
    row = poles.iloc[0].to_dict()
    assert reason_texts(row, "fragility_reasons", labels("fr"), table="poles") == (
        row["fragility_reasons_fr"].split("; ") if isinstance(row["fragility_reasons_fr"], str)
        else [])


def test_codes_in_a_codes_column_are_rendered_from_their_text_form():
    """poles.csv: fragility_reasons and _fr are rendered from fragility_reason_codes."""
    spec = TABLES["poles"]
    assert spec.column("fragility_reason_codes").type == "codes"
    frame = pd.DataFrame({"pole": ["p"], "fragility_reason_codes": [reasons_text([STOPPED])],
                          "fragility_reasons": [None], "fragility_reasons_fr": [None]})
    out = rendered(frame, spec)
    assert out.loc[0, "fragility_reasons"] == render_reason(STOPPED, "en")
    assert out.loc[0, "fragility_reasons_fr"] == render_reason(STOPPED, "fr")
    assert out.loc[0, "fragility_reason_codes"] == "funding_stopped{year=2018}"


def test_what_if_sections_render_their_codes_by_column_language():
    frame = pd.DataFrame({"pole": ["p", "q"], "reasons_added": [(STOPPED,), ()],
                          "reasons_added_fr": [(STOPPED,), ()]})
    out = render_reason_columns(frame)
    assert out["reasons_added"].iloc[0] == render_reason(STOPPED, "en")
    assert out["reasons_added_fr"].iloc[0] == render_reason(STOPPED, "fr")
    assert out[["reasons_added", "reasons_added_fr"]].iloc[1].isna().all()
