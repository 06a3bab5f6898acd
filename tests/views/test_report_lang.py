"""The report's what-if and recommendation sections in the page's language: the French report
shows the analysis' French reasons (``reasons_added_fr``, ``reasons_fr``), the English one the
English reasons, never the other language."""

from __future__ import annotations

import dataclasses
import html
import re
from types import MappingProxyType

import pandas as pd
import pytest

from ptce_graph.analysis import analyze
from ptce_graph.catalogue import render_reason_columns
from ptce_graph.report import ROWS_SHOWN, build_report

DAMAGE = {"fr": "Sans son premier financeur", "en": "Without its largest funder"}
RECOMMEND = {"fr": "Qui mettre en relation", "en": "Who to connect"}


def section(page: str, title: str) -> str:
    """The text of the report section whose heading is ``title`` (tags removed)."""
    for part in page.split("<section>")[1:]:
        text = html.unescape(re.sub(r"<[^>]+>", "\n", part.split("</section>")[0]))
        if text.strip().startswith(title):
            return text
    raise AssertionError(f"no section {title!r} in the report")


def reasons(frame: pd.DataFrame, column: str) -> set[str]:
    return {r for cell in frame[column].fillna("") for r in str(cell).split("; ") if r}


# Reasons the report leaves out as carrying no information (issue 11): a partner "well
# connected" with one or two partners; "same pole" is left out under that pole's own heading.
UNINFORMATIVE = re.compile(r"^(well connected|bien connecté) ?: [0-2] |^(same pole|même pôle) ?:")


def informative(found: set[str]) -> set[str]:
    return {r for r in found if not UNINFORMATIVE.match(r)}


@pytest.fixture(scope="module")
def tiny_analysis(tiny):
    return analyze(tiny)


@pytest.mark.parametrize("lang, other", [("fr", "en"), ("en", "fr")])
def test_tiny_report_shows_the_reasons_of_its_language(tiny_analysis, lang, other):
    page = build_report(tiny_analysis, lang=lang)
    column = {"fr": "_fr", "en": ""}
    damage, recs = (render_reason_columns(tiny_analysis[name], tiny_analysis.name)
                    for name in ("top_funder_damage", "recommendations"))
    shown = {"damage": section(page, DAMAGE[lang]), "recommend": section(page, RECOMMEND[lang])}
    expected = {"damage": reasons(damage, "reasons_added" + column[lang]),
                "recommend": informative(reasons(recs, "reasons" + column[lang]))}
    hidden = {"damage": reasons(damage, "reasons_added" + column[other]),
              "recommend": reasons(recs, "reasons" + column[other])}
    for name, text in shown.items():
        assert expected[name], name  # the tiny fixture has reasons in both sections
        assert all(r in text for r in expected[name]), (name, expected[name], text)
        assert not any(r in text for r in hidden[name]), (name, hidden[name], text)


def test_a_table_from_an_older_run_without_french_columns_still_renders(tiny_analysis):
    frames = dict(tiny_analysis.tables)
    frames["recommendations"] = frames["recommendations"].drop(columns=["reasons_fr"])
    page = build_report(dataclasses.replace(tiny_analysis, tables=MappingProxyType(frames)),
                        lang="fr")
    text = section(page, RECOMMEND["fr"])
    assert all(r in text for r in informative(reasons(frames["recommendations"], "reasons")))


def test_french_regional_report_has_french_what_if_and_recommendations(region_out):
    """analyze --lang fr on auvergne-rhone-alpes: a pole left without its only funder reads
    "tous ses financements sont retirés"; no English reason in either section."""
    page = (region_out / "report.html").read_text(encoding="utf-8")
    damage = pd.read_csv(region_out / "metrics" / "top_funder_damage.csv")
    recs = pd.read_csv(region_out / "metrics" / "recommendations.csv")
    damage_text = section(page, DAMAGE["fr"])
    recommend_text = section(page, RECOMMEND["fr"])

    emptied = damage[damage["lost_share"] == 1]
    assert len(emptied) >= 1
    assert "tous ses financements sont retirés" in damage_text
    english = reasons(damage, "reasons_added") | reasons(recs, "reasons")
    assert english
    for text in (damage_text, recommend_text):
        leaked = sorted(r for r in english if r in text)
        assert not leaked, leaked

    shown = damage.head(ROWS_SHOWN)
    assert reasons(shown, "reasons_added_fr") <= set(damage_text.splitlines())
    # every member's partners are in the page (some folded), with their informative reasons
    assert all(r in recommend_text for r in informative(reasons(recs, "reasons_fr")))
    assert "bien connecté : 1 partenaire" not in recommend_text
    assert all(m in recommend_text for m in recs["member_name"])
