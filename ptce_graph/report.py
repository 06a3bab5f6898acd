"""OUT/report.html: the page a person reads first, built from the analysis tables.

The dataset in figures, the poles ranked by fragility with their reasons, the strongest
cross-sector brokers and the members of several poles, the isolated and peripheral members of
each pole, funding concentration as inline SVG charts, funding cliffs, each pole without its
largest funder, who to connect, and links to the views. Nothing is computed here: every figure
comes from a table of the analysis (:data:`REPORT_TABLES`). One file, no script, no external
resource; every value goes through autoescaping, and a Content-Security-Policy forbids scripts
and loads altogether."""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd

from .catalogue import column_label, reason_texts
from .i18n import Labels, labels
from .schema import split_ids
from .views.style import (
    amount_text,
    count_text,
    glossary_entries,
    pole_reasons,
    present,
    scale_colour,
    score_text,
    tie_basis,
    year_text,
)

__all__ = ["build_report", "write_report", "REPORT_TABLES", "BROKERS_SHOWN", "ROWS_SHOWN"]

BROKERS_SHOWN = 10
# Rows (poles, bars, cliffs, members...) a section shows at most: the page stays readable for a
# national dataset; each section says how many more its CSV file holds.
ROWS_SHOWN = 30
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
       "base-uri 'none'")
# The tables of the Analysis the report reads (columns of OUT/metrics/*.csv, docs/outputs.md).
# "top_funder_damage" may be missing: the analysis leaves the scenario out past a number of
# poles (``analysis.notes``, said in the section's note).
REPORT_TABLES = ("nodes", "poles", "brokerage", "funding_cliffs", "top_funder_damage",
                 "recommendations")
# Read when present: "interpole" (the inter-pole section), "funding_timeline" (charts over
# time), "fragility_by_year" (the fragility score over the years, from the time model).
OPTIONAL_TABLES = ("interpole", "funding_timeline", "fragility_by_year")
PAIRS_SHOWN = 10  # strongest inter-pole ties listed with their basis
MATRIX_POLES = 40  # the pole x pole heat map is drawn up to this many poles
MEMBERS_SHOWN = 3  # members with suggested partners shown per pole; the rest folded
PARTNERS_SHOWN = 3  # suggested partners shown per member; the rest folded
FUNDERS_COLOURED = 5  # funders with their own colour in a pole's chart; the rest "others"
# Okabe-Ito, colour-blind safe; grey for "other funders"
FUNDER_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")
OTHER_FUNDERS_COLOUR = "#BDBDBD"


@dataclass
class Bar:
    label: str
    share: float | None
    text: str
    colour: str


class _Names:
    """Ids to display names, through the graph (the one place names come from)."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G

    def __call__(self, node) -> str:
        if node in self.G:
            return str(self.G.nodes[node].get("name", node))
        return str(node)

    def many(self, value) -> str:
        """The names of a cell of ids joined by ";"."""
        return ", ".join(self(n) for n in split_ids(value))


def _fmt(value, words: Labels, digits: int = 0) -> str:
    if not present(value):
        return "–"
    number = float(value)
    return words.number(number, 0 if number.is_integer() else digits)


def _pct(value, words: Labels) -> str:
    return words.percent(value) if present(value) else "–"


def _pole_rows(poles: pd.DataFrame, words: Labels, name: _Names) -> list[dict]:
    """The poles in the analysis' order: most fragile first (score in [0, 1])."""
    return [{
        "rank": rank,
        "name": name(row["pole"]),
        "score_text": _fmt(row["fragility_score"], words, 2),
        "colour": scale_colour(row["fragility_score"]),
        "reasons": pole_reasons(row, words, name),
        "members": _fmt(row["members"], words),
        "funding": _fmt(row["funding_total"], words),
        "top_funder": name(row["top_funder"]) if present(row["top_funder"]) else "",
        "top_share": _pct(row["top_funder_share"], words),
        "public_share": _pct(row["public_share"], words),
        "key_actors": [name(a) for a in split_ids(row["key_actors"])],
    } for rank, row in enumerate(poles.to_dict("records"), start=1)]


def _brokers(brokerage: pd.DataFrame, words: Labels, name: _Names, limit: int) -> list[dict]:
    """The strongest cross-sector brokers: brokerage.csv's ranking (``cross_sector``, then
    ``total``), the same as the console summary of `analyze`."""
    ranked = brokerage[brokerage["cross_sector"] > 0].head(limit)
    return [{
        "name": name(row["id"]),
        "sector": row["sector"] if present(row["sector"]) else "",
        "poles": name.many(row["poles"]),
        "cross_sector": _fmt(row["cross_sector"], words),
        "liaison": _fmt(row["liaison"], words),
        "gatekeeper": _fmt(row["representative_gatekeeper"], words),
        "total": _fmt(row["total"], words),
    } for row in ranked.to_dict("records")]


def _multi_pole(brokerage: pd.DataFrame, words: Labels, name: _Names) -> list[dict]:
    """Members of two or more poles (brokerage.csv's ``multi_pole``), most poles first."""
    frame = brokerage[brokerage["multi_pole"]].sort_values(
        ["n_poles", "id"], ascending=[False, True], kind="stable")
    return [{
        "name": name(row["id"]),
        "type": words[f"type.{row['type']}"],
        "sector": row["sector"] if present(row["sector"]) else "",
        "n_poles": _fmt(row["n_poles"], words),
        "poles": name.many(row["poles"]),
    } for row in frame.to_dict("records")]


def _isolation(nodes: pd.DataFrame, pole_order: list[str], name: _Names) -> list[dict]:
    """Isolated and peripheral members (nodes.csv's flags), by pole, poles in report order."""
    by_pole: dict[str, dict[str, list[str]]] = {}
    flagged = nodes[nodes["isolated"] | nodes["peripheral"]]
    for row in flagged.to_dict("records"):
        for pole in split_ids(row["poles"]):
            entry = by_pole.setdefault(pole, {"isolated": [], "peripheral": []})
            entry["isolated" if row["isolated"] else "peripheral"].append(name(row["id"]))
    order = [p for p in pole_order if p in by_pole] + sorted(p for p in by_pole
                                                             if p not in pole_order)
    return [{"pole": name(p), "isolated": sorted(by_pole[p]["isolated"]),
             "peripheral": sorted(by_pole[p]["peripheral"])} for p in order]


def _bars(poles: pd.DataFrame, column: str, words: Labels, name: _Names) -> list[Bar]:
    bars = []
    for row in poles.to_dict("records"):
        value = row[column]
        share = float(value) if present(value) else None
        bars.append(Bar(name(row["pole"]), share,
                        words.percent(share) if share is not None else "–", scale_colour(share)))
    bars.sort(key=lambda b: (-(b.share if b.share is not None else -1), b.label))
    return bars


def _cliffs(cliffs: pd.DataFrame, words: Labels, name: _Names) -> list[dict]:
    """Funding cliffs (the timeline stage's table): ahead first, then the past, latest first."""
    frame = cliffs.assign(_ahead=cliffs["when"] == "ahead").sort_values(
        ["_ahead", "year", "pole"], ascending=[False, False, True], kind="stable")
    return [{
        "pole": name(row["pole"]),
        "year": int(row["year"]),
        "when": words[f"report.cliff_{row['when']}"],
        "ahead": row["when"] == "ahead",
        "before": _fmt(row["funding_before"], words),
        "after": _fmt(row["funding_after"], words),
        "drop": _pct(row["drop"], words),
        "ending": row["ending"] if present(row["ending"]) else "",
    } for row in frame.to_dict("records")]


def _reasons(row: dict, column: str, words: Labels, name: _Names, table: str) -> list[str]:
    """The reasons of ``row[column]`` in the page's language: rendered from reason codes, or
    the sentences of ``column + "_fr"`` in French (a table without it, from an older run,
    keeps the English)."""
    return reason_texts(row, column, words, name, table=table)


def _damage(damage: pd.DataFrame, words: Labels, name: _Names) -> list[dict]:
    """Each pole without its largest funder, in the scenario's ranking."""
    return [{
        "rank": int(row["rank"]),
        "pole": name(row["pole"]),
        "funder": name(row["funder"]),
        "lost": _fmt(row["funding_lost"], words),
        "lost_share": _pct(row["lost_share"], words),
        "projects": _fmt(row["projects_unfunded"], words),
        "before": _fmt(row["fragility_before"], words, 2),
        "after": _fmt(row["fragility_after"], words, 2),
        "colour_before": scale_colour(row["fragility_before"]),
        "colour_after": scale_colour(row["fragility_after"]),
        "change": (("+" if row["fragility_change"] > 0 else "")
                   + _fmt(row["fragility_change"], words, 2)),
        "reasons": _reasons(row, "reasons_added", words, name, "top_funder_damage"),
    } for row in damage.to_dict("records")]


def _damage_note(notes: dict | None, words: Labels) -> str:
    if not notes or "top_funder_damage" not in notes:
        return ""
    poles, limit = notes["top_funder_damage"]
    return words.format("report.damage_skipped", poles=words.number(poles),
                        limit=words.number(limit))


# "well connected: 1 partner" says nothing a reader can use: a partner's own network counts as a
# reason from three partners on.
_WEAK_CONNECTION = re.compile(r"^(well connected|bien connecté)\s*:\s*([0-2])\b")


_SAME_POLE = re.compile(r"^(same pole|même pôle)\s*:\s*(?P<pole>.+)$")


def _informative(reason_text: str, pole_name: str = "") -> bool:
    """False for a reason that tells the reader nothing: a partner with one or two partners
    "well connected", or "same pole" under the heading of that very pole."""
    text = reason_text.strip()
    same = _SAME_POLE.match(text)
    return not _WEAK_CONNECTION.match(text) and not (same and same["pole"] == pole_name)


def _recommendations(recommendations: pd.DataFrame, nodes: pd.DataFrame, pole_order: list,
                     words: Labels, name: _Names) -> list[dict]:
    """Partners proposed to each isolated or peripheral member, grouped by the member's pole
    (poles in report order), best first. A reason every partner of a member shares is said
    once for the member ("common"); reasons that carry no information are left out. Per
    pole, the first :data:`MEMBERS_SHOWN` members are shown and the others folded; per member
    the best :data:`PARTNERS_SHOWN` partners, the others folded."""
    pole_of = {row["id"]: (split_ids(row["poles"]) or [""])[0]
               for row in nodes.to_dict("records")}
    members: dict[str, dict] = {}
    for row in recommendations.sort_values(["member", "rank"], kind="stable").to_dict("records"):
        pole = pole_of.get(row["member"], "")
        entry = members.setdefault(row["member"], {"member": name(row["member"]), "pole": pole,
                                                   "pole_name": name(pole) if pole else "",
                                                   "partners": []})
        entry["partners"].append({
            "rank": int(row["rank"]), "name": name(row["partner"]),
            "poles": name.many(row["partner_poles"]),
            "reasons": [r for r in _reasons(row, "reasons", words, name, "recommendations")
                        if _informative(r, entry["pole_name"])]})
    for entry in members.values():
        partners = entry["partners"]
        common = (set.intersection(*(set(p["reasons"]) for p in partners))
                  if len(partners) > 1 else set())
        entry["common"] = [r for r in partners[0]["reasons"] if r in common]
        for p in partners:
            p["reasons"] = [r for r in p["reasons"] if r not in common]
        entry["shown"], entry["folded"] = partners[:PARTNERS_SHOWN], partners[PARTNERS_SHOWN:]
    by_pole: dict[str, list] = {}
    for entry in members.values():
        by_pole.setdefault(entry["pole"], []).append(entry)
    order = [p for p in pole_order if p in by_pole] + sorted(p for p in by_pole
                                                             if p not in pole_order)
    return [{"pole": name(p) if p else words["ui.no_pole"], "count": len(by_pole[p]),
             "shown": by_pole[p][:MEMBERS_SHOWN], "folded": by_pole[p][MEMBERS_SHOWN:]}
            for p in order]


def _heat(value: float, top: float) -> tuple[str, str]:
    """Background and text colour of a heat-map cell: white (0) to deep blue (top)."""
    if not value or not top:
        return "#ffffff", "#222222"
    t = 0.2 + 0.8 * math.sqrt(value / top)
    r, g, b = (round(255 + (c - 255) * t) for c in (0, 90, 160))
    return f"#{r:02x}{g:02x}{b:02x}", "#ffffff" if t > 0.55 else "#222222"


def _interpole(G: nx.MultiDiGraph, interpole: pd.DataFrame | None, pole_order: list,
               words: Labels, name: _Names) -> dict | None:
    """The inter-pole section: strongest specific ties with their basis, poles with no
    specific tie, and the pole x pole heat map of specific weights (interpole.csv)."""
    if interpole is None or "specific" not in interpole.columns or not pole_order:
        return None
    specific = interpole[interpole["specific"].astype(bool)].sort_values(
        ["specific_weight", "source", "target"], ascending=[False, True, True], kind="stable")
    strongest = [{"a": name(r["source"]), "b": name(r["target"]),
                  "weight": count_text(r["specific_weight"], words),
                  "basis": tie_basis(G, r, words)}
                 for r in specific.head(PAIRS_SHOWN).to_dict("records")]
    linked = set(specific["source"]) | set(specific["target"])
    lonely = [name(p) for p in pole_order if p not in linked]
    umbrellas = sorted({u for v in interpole.get("umbrella", pd.Series(dtype=str))
                        for u in split_ids(v)})
    matrix = None
    if len(pole_order) <= MATRIX_POLES:
        weight = {}
        for r in specific.to_dict("records"):
            weight[(r["source"], r["target"])] = weight[(r["target"], r["source"])] = r
        degree = {p: sum(1 for q in pole_order if (p, q) in weight) for p in pole_order}
        order = sorted(pole_order, key=lambda p: (-degree[p], name(p)))
        top = max((float(r["specific_weight"]) for r in specific.to_dict("records")),
                  default=0.0)
        rows = []
        for p in order:
            cells = []
            for q in order:
                r = weight.get((p, q))
                value = float(r["specific_weight"]) if r is not None else 0.0
                background, ink = _heat(value, top)
                cells.append({"text": "—" if p == q else (count_text(value, words) if value
                                                           else ""),
                              "background": "#f4f4f4" if p == q else background, "ink": ink,
                              "title": f"{name(p)} — {name(q)}: " + "; ".join(
                                  tie_basis(G, r, words)) if r is not None else ""})
            rows.append({"name": name(p), "cells": cells})
        matrix = {"rows": rows, "size": len(order)}
    return {"strongest": strongest, "lonely": lonely, "matrix": matrix,
            "drawn": count_text(len(specific), words),
            "pairs": count_text(len(pole_order) * (len(pole_order) - 1) // 2, words),
            "umbrellas": ", ".join(name(u) for u in umbrellas)}


def _nice_ceiling(value: float) -> float:
    """The axis top: 1, 2, 2.5 or 5 times a power of ten, at least ``value``."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if step * power >= value:
            return step * power
    return 10 * power


def _time_charts(timeline: pd.DataFrame | None, fragility_by_year: pd.DataFrame | None,
                 pole_order: list, as_of: int | None, words: Labels,
                 name: _Names) -> dict:
    """Per pole, funding per year stacked by funder (years without funding drawn as zero)
    and, when the time model provides it, the fragility score over the years; the as-of year
    marked. Geometry only: the template draws it as inline SVG."""
    if timeline is None or timeline.empty:
        return {"charts": [], "fragility": fragility_by_year is not None}
    first = int(timeline["year"].min())
    last = int(timeline["year"].max())
    scored = (fragility_by_year.dropna(subset=["fragility_score"])
              if fragility_by_year is not None else None)
    if scored is not None and not scored.empty:  # years without a score add nothing to draw
        first = min(first, int(scored["year"].min()))
        last = max(last, int(scored["year"].max()))
    if as_of is not None and last < as_of <= last + 6:
        last = as_of  # the years since the last grant, up to today, are part of the story
    years = list(range(first, last + 1))
    width, left, right, top_pad, height = 520, 64, 12, 14, 150
    plot_w = width - left - right
    step = plot_w / len(years)
    bar = max(step * 0.72, 2.0)
    label_every = 1 if len(years) <= 14 else 2 if len(years) <= 28 else 5
    charts = []
    for pole in pole_order[:ROWS_SHOWN]:
        rows = timeline[timeline["pole"] == pole]
        totals = rows.groupby("funder")["amount"].sum().sort_values(ascending=False,
                                                                     kind="stable")
        coloured = list(totals.index[:FUNDERS_COLOURED])
        colour = {f: FUNDER_COLOURS[i] for i, f in enumerate(coloured)}
        per_year = rows.groupby("year")["amount"].sum()
        axis_top = _nice_ceiling(float(per_year.max()) if len(per_year) else 0.0)
        bars = []
        for k, year in enumerate(years):
            x = left + k * step + (step - bar) / 2
            base = 0.0
            in_year = rows[rows["year"] == year]
            if in_year.empty:
                bars.append({"x": round(x, 1), "y": round(top_pad + height - 1.5, 1),
                             "w": round(bar, 1), "h": 1.5, "colour": "#9e9e9e",
                             "title": f"{year_text(year)}: 0 EUR"})
                continue
            stack = in_year.groupby("funder")["amount"].sum()
            ordered = [f for f in coloured if f in stack.index] + (
                ["others"] if any(f not in colour for f in stack.index) else [])
            for funder in ordered:
                amount = (float(stack[funder]) if funder != "others"
                          else float(stack[[f for f in stack.index if f not in colour]].sum()))
                h = height * amount / axis_top
                base += h
                who = name(funder) if funder != "others" else words["report.other_funders"]
                bars.append({"x": round(x, 1), "y": round(top_pad + height - base, 1),
                             "w": round(bar, 1), "h": round(h, 1),
                             "colour": colour.get(funder, OTHER_FUNDERS_COLOUR),
                             "title": f"{year_text(year)} · {who}: "
                                      f"{amount_text(amount, words)} EUR"})
        ticks = [{"x": round(left + k * step + step / 2, 1), "text": year_text(year)}
                 for k, year in enumerate(years) if (year - first) % label_every == 0]
        marker = None
        if as_of is not None and first <= as_of <= last:
            marker = {"x": round(left + (as_of - first) * step + step / 2, 1),
                      "text": words.format("report.as_of_marker", year=year_text(as_of))}
        legend = [{"colour": colour[f], "name": name(f)} for f in coloured]
        if len(totals) > len(coloured):
            legend.append({"colour": OTHER_FUNDERS_COLOUR,
                           "name": words["report.other_funders"]})
        line = None
        if fragility_by_year is not None and not fragility_by_year.empty:
            scores = fragility_by_year[(fragility_by_year["pole"] == pole)
                                       & fragility_by_year["fragility_score"].notna()]
            points = [{"x": round(left + (int(r["year"]) - first) * step + step / 2, 1),
                       "y": round(8 + 60 * (1 - float(r["fragility_score"])), 1),
                       "colour": scale_colour(r["fragility_score"]),
                       "title": f"{year_text(r['year'])}: "
                                f"{score_text(r['fragility_score'], words)}"}
                      for r in scores.sort_values("year").to_dict("records")
                      if first <= int(r["year"]) <= last]
            line = {"points": points,
                    "path": " ".join(f"{p['x']},{p['y']}" for p in points)}
        charts.append({"pole": name(pole), "bars": bars, "ticks": ticks, "marker": marker,
                       "legend": legend, "axis_top": amount_text(axis_top, words),
                       "width": width, "height": height + top_pad + 22, "left": left,
                       "base_y": top_pad + height, "top_y": top_pad, "right_x": width - right,
                       "fragility": line})
    return {"charts": charts,
            "fragility": fragility_by_year is not None,
            "more": max(len(pole_order) - ROWS_SHOWN, 0)}


def _estimates(approximations, words: Labels) -> list[str]:
    """One sentence per sampled metric: the error expected for this run, as summary.json's
    ``approximations[].measured`` states it (:func:`ptce_graph.analysis.fast.expected_error`)."""
    lines = []
    for note in approximations:
        measured = note.get("measured")
        if not measured or "top10pct_mean_rel_error" not in measured:
            continue
        low, high = measured["range90"]["top10pct_mean_rel_error"]
        lines.append(words.format(
            "report.estimate_line",
            metric=column_label("nodes", note["metric"], words.lang) or note["metric"],
            pivots=words.number(measured["pivots"]),
            ratio=_fine_percent(measured["sampling_ratio"], words),
            top_rel=_fine_percent(measured["top10pct_mean_rel_error"], words),
            top_rel_low=_fine_percent(low, words), top_rel_high=_fine_percent(high, words),
            top20=words.percent(measured["top20_overlap"]),
            top100=words.percent(measured["top100_overlap"]),
            zero=words.percent(measured["zero_share"]),
            mean_abs=_two_digits(measured["mean_abs_error"], words)))
    return lines


def _two_digits(value: float, words: Labels) -> str:
    """A small positive number to two significant digits, as the language writes it."""
    if value <= 0:
        return words.number(0)
    return words.number(value, max(0, 1 - math.floor(math.log10(value))))


def _fine_percent(share: float, words: Labels) -> str:
    """0.0123 -> '1,2 %' / '1.2%': a percentage to one decimal (errors below 1 % exist)."""
    text = words.number(100 * share, 1)
    return f"{text}\u202f%" if words.lang == "fr" else f"{text}%"


def _shown(rows: list) -> dict:
    """The first :data:`ROWS_SHOWN` rows of a section, and how many more there are."""
    return {"rows": rows[:ROWS_SHOWN], "more": max(len(rows) - ROWS_SHOWN, 0)}


# metric names the report's glossary explains, in this order
GLOSSARY = ("fragility_score", "top_funder_share", "public_share", "hhi", "key_actors",
            "specific_tie", "umbrella_project", "shared_funders", "funding_ends",
            "cross_sector_share", "own_revenue_share", "isolated", "peripheral", "betweenness",
            "constraint")


def build_report(
    analysis,
    *,
    lang: str | None = None,
    views: dict[str, str] | None = None,
    pseudonymised: bool = False,
    brokers: int = BROKERS_SHOWN,
    as_of: int | None = None,
) -> str:
    """The report page of ``analysis`` (an :class:`~ptce_graph.analysis.Analysis`) as one
    HTML string.

    Reads the tables named in :data:`REPORT_TABLES` (and :data:`OPTIONAL_TABLES` when the
    analysis has them); ``views`` maps view names to links relative to the report
    ("views/network.html"). ``as_of``: the year the analysis speaks of ("today"), marked on
    the charts over time; by default the analysis' ``as_of`` (time model), else its year, else
    the current year.
    """
    words = labels(lang)
    G, tables = analysis.active, analysis.tables
    name = _Names(G)
    poles, nodes, brokerage = tables["poles"], tables["nodes"], tables["brokerage"]
    counts = tables["counts"]
    damage = tables.get("top_funder_damage")
    charts = [
        {"title": words["report.top_share_chart"], "reference": None,
         **_shown(_bars(poles, "top_funder_share", words, name))},
        {"title": words["report.public_share_chart"], "reference": 1 / 3,
         **_shown(_bars(poles, "public_share", words, name))},
    ]
    view_links = [(words[f"view.{k}"], href) for k, href in (views or {}).items()]
    pole_order = list(poles["pole"])
    if as_of is None and getattr(analysis, "as_of", None) is not None:
        as_of = analysis.as_of.year
    if as_of is None:
        as_of = analysis.year if analysis.year is not None else dt.date.today().year
    return _template().render(
        w=words, lang=words.lang, csp=CSP,
        dataset=G.graph.get("name") or "", year=analysis.year, pseudonymised=pseudonymised,
        as_of_text=(words.format(f"report.as_of.{analysis.as_of.source}",
                                 year=analysis.as_of.year)
                    if analysis.as_of is not None and analysis.as_of.year is not None
                    else ""),
        node_counts=[(words[f"types.{r.type}"], words.number(r.count))
                     for r in counts[counts.kind == "node"].itertuples()],
        edge_counts=[(words.get(f"edge.{r.type}", r.type), words.number(r.count))
                     for r in counts[(counts.kind == "edge") & (counts["count"] > 0)].itertuples()],
        poles=_shown(_pole_rows(poles, words, name)),
        brokers=_brokers(brokerage, words, name, brokers),
        multi_pole=_shown(_multi_pole(brokerage, words, name)),
        isolation=_shown(_isolation(nodes, list(poles["pole"]), name)),
        charts=[c for c in charts if c["rows"]],
        cliffs=_shown(_cliffs(tables["funding_cliffs"], words, name)),
        damage=_shown(_damage(damage, words, name)) if damage is not None else None,
        damage_note=_damage_note(dict(analysis.notes), words),
        recommendations=_recommendations(tables["recommendations"], nodes, pole_order, words,
                                         name),
        recommendations_total=len(tables["recommendations"]),
        interpole=_interpole(G, tables.get("interpole"), pole_order, words, name),
        time=_time_charts(tables.get("funding_timeline"), tables.get("fragility_by_year"),
                          pole_order, as_of, words, name),
        glossary=glossary_entries(words, GLOSSARY),
        views=view_links,
        estimates=_estimates(getattr(analysis, "approximations", ()), words),
    )


def write_report(path: str | Path, analysis, **options) -> Path:
    """Write :func:`build_report` of ``analysis`` to ``path`` (UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(analysis, **options), encoding="utf-8")
    return path


def _template() -> jinja2.Template:
    # The report's template sits with the views' assets: one folder of shipped page templates.
    source = (resources.files("ptce_graph.views") / "assets" / "report.html").read_text(
        encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(source)
