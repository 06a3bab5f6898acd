"""OUT/report.html: the page a person reads first, built from the analysis tables.

The dataset in figures, the poles ranked by fragility with their reasons, the strongest
cross-sector brokers and the members of several poles, the isolated and peripheral members of
each pole, funding concentration as inline SVG charts, funding cliffs, each pole without its
largest funder, who to connect, and links to the views. Nothing is computed here: every figure
comes from a table of the analysis (:data:`REPORT_TABLES`). One file, no script, no external
resource; every value goes through autoescaping, and a Content-Security-Policy forbids scripts
and loads altogether."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd

from .analysis.fragility import reasons_list
from .i18n import Labels, labels
from .schema import split_ids
from .views.style import pole_reasons, present, scale_colour

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
        "reasons": pole_reasons(row, words),
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


def _reasons(row: dict, column: str, words: Labels) -> list[str]:
    """The reasons of ``row[column]`` in the page's language: ``column + "_fr"`` in French
    (the analysis writes both; a table without it, from an older run, keeps the English)."""
    if words.lang == "fr" and column + "_fr" in row:
        column += "_fr"
    value = row[column]
    return reasons_list(str(value)) if present(value) else []


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
        "reasons": _reasons(row, "reasons_added", words),
    } for row in damage.to_dict("records")]


def _damage_note(notes: dict | None, words: Labels) -> str:
    if not notes or "top_funder_damage" not in notes:
        return ""
    poles, limit = notes["top_funder_damage"]
    return words.format("report.damage_skipped", poles=words.number(poles),
                        limit=words.number(limit))


def _recommendations(recommendations: pd.DataFrame, words: Labels,
                     name: _Names) -> list[dict]:
    """Partners proposed to each isolated or peripheral member, best first."""
    members: dict[str, dict] = {}
    for row in recommendations.to_dict("records"):
        entry = members.setdefault(row["member"], {"member": name(row["member"]),
                                                   "partners": []})
        entry["partners"].append({"rank": int(row["rank"]), "name": name(row["partner"]),
                                  "poles": name.many(row["partner_poles"]),
                                  "reasons": _reasons(row, "reasons", words)})
    return list(members.values())


def _shown(rows: list) -> dict:
    """The first :data:`ROWS_SHOWN` rows of a section, and how many more there are."""
    return {"rows": rows[:ROWS_SHOWN], "more": max(len(rows) - ROWS_SHOWN, 0)}


def build_report(
    analysis,
    *,
    lang: str | None = None,
    views: dict[str, str] | None = None,
    pseudonymised: bool = False,
    brokers: int = BROKERS_SHOWN,
) -> str:
    """The report page of ``analysis`` (an :class:`~ptce_graph.analysis.Analysis`) as one
    HTML string.

    Reads the tables named in :data:`REPORT_TABLES`; ``views`` maps view names to links
    relative to the report ("views/network.html").
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
        recommendations=_shown(_recommendations(tables["recommendations"], words, name)),
        views=view_links,
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
