"""OUT/report.html: the page a person reads first, built from the analysis tables.

The dataset in figures, the poles ranked by fragility with their reasons, the strongest
cross-sector brokers, the isolated and peripheral members of each pole, funding concentration as
inline SVG charts, and links to the views. One file, no script, no external resource; every value
goes through autoescaping, and a Content-Security-Policy forbids scripts and loads altogether."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
import networkx as nx
import pandas as pd

from .analysis.profile import type_counts
from .i18n import Labels, labels
from .views.style import present as _present
from .views.style import scale_colour as _colour
from .views.style import split_list as _split

__all__ = ["build_report", "write_report", "report_stage", "BROKERS_SHOWN"]

BROKERS_SHOWN = 10
CSP = ("default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; "
       "base-uri 'none'")


def _truthy(value) -> bool:
    return value is True or (_present(value) and str(value).strip().lower() in ("true", "1"))


@dataclass
class Bar:
    label: str
    share: float | None
    text: str
    colour: str


class _Names:
    """Ids to display names, through the graph."""

    def __init__(self, G: nx.MultiDiGraph):
        self.G = G

    def __call__(self, node) -> str:
        if node in self.G:
            return str(self.G.nodes[node].get("name", node))
        return str(node)


def _pole_rows(G, poles: pd.DataFrame | None, words: Labels, name) -> list[dict]:
    if poles is None or poles.empty:
        return []
    frame = poles.copy()
    scores = pd.to_numeric(frame.get("fragility_score"), errors="coerce")
    top = scores.max(skipna=True)
    frame["_share"] = scores / 100.0 if _present(top) and top > 1 else scores
    frame = frame.sort_values(["_share", "pole"], ascending=[False, True], na_position="last",
                              kind="stable")
    rows = []
    for rank, row in enumerate(frame.to_dict("records"), start=1):
        share = row.get("_share")
        rows.append({
            "rank": rank,
            "name": name(row["pole"]),
            "score": row.get("fragility_score"),
            "score_text": _fmt(row.get("fragility_score"), words, 2),
            "share": float(share) if _present(share) else None,
            "colour": _colour(share),
            "reasons": _split(row.get("fragility_reasons")),
            "members": _fmt(row.get("members"), words),
            "funding": _fmt(row.get("funding_total"), words),
            "top_funder": name(row["top_funder"]) if _present(row.get("top_funder")) else "",
            "top_share": _pct(row.get("top_funder_share"), words),
            "public_share": _pct(row.get("public_share"), words),
            "key_actors": [name(a) for a in _split(row.get("key_actors"))],
        })
    return rows


def _fmt(value, words: Labels, digits: int = 0) -> str:
    if not _present(value):
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    return words.number(number, 0 if number.is_integer() else digits)


def _pct(value, words: Labels) -> str:
    return words.percent(value) if _present(value) else "–"


def _brokers(nodes: pd.DataFrame | None, brokerage: pd.DataFrame | None, words: Labels,
             name, limit: int) -> list[dict]:
    """Organisations that tie different sectors, by betweenness: the analysis's own ranking
    fields, sorted; nothing recomputed."""
    if nodes is None or nodes.empty or "betweenness" not in nodes.columns:
        return []
    frame = nodes
    if "type" in frame.columns:
        frame = frame[frame["type"].isin(["organisation", "collectivity"])]
    if "sector_participation" in frame.columns:
        participation = pd.to_numeric(frame["sector_participation"], errors="coerce")
        frame = frame[participation > 0]
    frame = frame.assign(_b=pd.to_numeric(frame["betweenness"], errors="coerce"))
    frame = frame[frame["_b"] > 0]
    sort = ["_b"] + (["sector_participation"] if "sector_participation" in frame.columns
                     else [])
    frame = frame.sort_values(sort + ["id"], ascending=[False] * len(sort) + [True],
                              kind="stable").head(limit)
    roles = {}
    if brokerage is not None and not brokerage.empty and "id" in brokerage.columns:
        for row in brokerage.to_dict("records"):
            parts = [f"{k.replace('_', ' ')} {_fmt(v, words, 2)}" for k, v in row.items()
                     if k not in ("id", "name", "type", "sector", "poles")
                     and isinstance(v, (int, float)) and not isinstance(v, bool)
                     and _present(v) and v]
            roles[row["id"]] = ", ".join(parts)
    return [{
        "name": name(row["id"]),
        "sector": row.get("sector") if _present(row.get("sector")) else "",
        "poles": ", ".join(name(p) for p in _split(row.get("poles"))),
        "betweenness": _fmt(row.get("betweenness"), words, 3),
        "participation": _fmt(row.get("sector_participation"), words, 2),
        "effective_size": _fmt(row.get("effective_size"), words, 1),
        "roles": roles.get(row["id"], ""),
    } for row in frame.to_dict("records")]


def _isolation(G, nodes: pd.DataFrame | None, pole_order: list[str], name) -> list[dict]:
    if nodes is None or nodes.empty or "poles" not in nodes.columns:
        return []
    by_pole: dict[str, dict[str, list[str]]] = {}
    for row in nodes.to_dict("records"):
        isolated, peripheral = _truthy(row.get("isolated")), _truthy(row.get("peripheral"))
        if not (isolated or peripheral):
            continue
        for pole in _split(row.get("poles")):
            entry = by_pole.setdefault(pole, {"isolated": [], "peripheral": []})
            entry["isolated" if isolated else "peripheral"].append(name(row["id"]))
    order = pole_order + sorted(p for p in by_pole if p not in pole_order)
    all_poles = order or sorted(by_pole)
    return [{"pole": name(p), "isolated": sorted(by_pole.get(p, {}).get("isolated", [])),
             "peripheral": sorted(by_pole.get(p, {}).get("peripheral", []))}
            for p in all_poles]


def _bars(poles: pd.DataFrame | None, column: str, words: Labels, name) -> list[Bar]:
    if poles is None or poles.empty or column not in poles.columns:
        return []
    bars = []
    for row in poles.to_dict("records"):
        value = row.get(column)
        share = float(value) if _present(value) else None
        bars.append(Bar(name(row["pole"]), share,
                        words.percent(share) if share is not None else "–", _colour(share)))
    bars.sort(key=lambda b: (-(b.share if b.share is not None else -1), b.label))
    return bars


def build_report(
    G: nx.MultiDiGraph,
    tables: dict,
    *,
    lang: str | None = None,
    views: dict[str, str] | None = None,
    pseudonymised: bool = False,
    year: int | None = None,
    brokers: int = BROKERS_SHOWN,
) -> str:
    """The report page as one HTML string.

    ``tables`` holds the analysis DataFrames by name ("nodes", "poles", "brokerage", ...);
    ``views`` maps view names to links relative to the report ("views/network.html").
    """
    words = labels(lang)
    name = _Names(G)
    poles = tables.get("poles")
    nodes = tables.get("nodes")
    counts = type_counts(G)
    pole_rows = _pole_rows(G, poles, words, name)
    pole_order = []
    if poles is not None and not poles.empty:
        by_name = {name(p): p for p in poles["pole"]}
        pole_order = [by_name[r["name"]] for r in pole_rows]
    charts = [
        (words["report.top_share_chart"], _bars(poles, "top_funder_share", words, name), None),
        (words["report.public_share_chart"], _bars(poles, "public_share", words, name),
         1 / 3),
    ]
    charts = [c for c in charts if c[1]]
    view_links = [(words[f"view.{k}"], href) for k, href in (views or {}).items()]
    return _template().render(
        w=words, lang=words.lang, csp=CSP,
        dataset=G.graph.get("name") or "", year=year, pseudonymised=pseudonymised,
        node_counts=[(words[f"types.{r.type}"], words.number(r.count))
                     for r in counts[counts.kind == "node"].itertuples()],
        edge_counts=[(words.get(f"edge.{r.type}", r.type), words.number(r.count))
                     for r in counts[(counts.kind == "edge") & (counts["count"] > 0)].itertuples()],
        poles=pole_rows,
        brokers=_brokers(nodes, tables.get("brokerage"), words, name, brokers),
        isolation=_isolation(G, nodes, pole_order, name),
        charts=charts,
        views=view_links,
        has_metrics=nodes is not None and poles is not None,
    )


def write_report(path: str | Path, G: nx.MultiDiGraph, tables: dict, **options) -> Path:
    """Write :func:`build_report` to ``path`` (UTF-8)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(build_report(G, tables, **options), encoding="utf-8")
    return path


def report_stage(run) -> None:
    """The pipeline's "report" stage: OUT/report.html, linking the views written before it."""
    from .build import restrict_to_year

    G = restrict_to_year(run.graph, run.year)
    views = {}
    for key, relative in run.summary.get("views", {}).get("files", {}).items():
        views[key] = relative
    path = run.path("report.html")
    write_report(path, G, run.tables, lang=run.options.get("lang"), views=views,
                 pseudonymised=bool(run.options.get("pseudonymise")), year=run.year)
    run.console.append(f"Report: {path}")


def _template() -> jinja2.Template:
    # The report's template sits with the views' assets: one folder of shipped page templates.
    source = (resources.files("ptce_graph.views") / "assets" / "report.html").read_text(
        encoding="utf-8")
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined,
                                     trim_blocks=True, lstrip_blocks=True)
    return environment.from_string(source)
