"""The `analyze` job: one graph in, every output file out, stage by stage.

Each stage is a function ``stage(run)`` that writes its files under ``run.out`` and adds its
headline figures to ``run.summary``; ``summary.json`` is written last. The analysis, view and
report features each add their stage to :data:`STAGES` (in this order) and nothing else here.

Output layout (stable; users and scripts rely on it)::

    OUT/graph.graphml, OUT/graph.gexf   the graph (stage "graph")
    OUT/metrics/*.csv                   analysis tables (stages "metrics", "timeline", "report")
    OUT/views/*.html                    interactive views (stage "views")
    OUT/report.html                     the page a person reads first (stage "report")
    OUT/summary.json                    headline figures, options used, approximations made
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from . import __version__
from .analysis.profile import pole_profiles, type_counts
from .build import restrict_to_year, write_gexf, write_graphml
from .schema import FORMAT_VERSION

__all__ = ["AnalysisRun", "STAGES", "run_analysis", "write_summary"]


@dataclass
class AnalysisRun:
    """What every stage sees: the graph, where to write, the options, the summary so far."""

    graph: nx.MultiDiGraph
    out: Path
    options: dict = field(default_factory=dict)
    summary: dict = field(default_factory=dict)
    tables: dict = field(default_factory=dict)  # DataFrames a later stage may reuse, by name
    files: list[Path] = field(default_factory=list)
    console: list[str] = field(default_factory=list)  # lines the CLI prints after the run
    as_of: object = None  # time_model.AsOf, resolved once by run_analysis

    @property
    def year(self) -> int | None:
        """The as-of year every stage judges by: --as-of/--year, else the dataset's declared
        or inferred one (time_model)."""
        if self.options.get("year") is not None:
            return self.options.get("year")
        return self.as_of.year if self.as_of is not None else None

    def path(self, relative: str) -> Path:
        """A path under OUT, its folder created; recorded in the list of written files."""
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self.files.append(target)
        return target


def graph_stage(run: AnalysisRun) -> None:
    """OUT/graph.graphml and OUT/graph.gexf, plus the dataset in figures for summary.json."""
    if run.as_of is not None:
        run.summary["as_of"] = run.as_of.as_dict()
        run.console.append(run.as_of.describe())
    write_graphml(run.graph, run.path("graph.graphml"))
    write_gexf(run.graph, run.path("graph.gexf"))
    counts = type_counts(restrict_to_year(run.graph, run.year))
    run.summary["counts"] = {
        f"{kind}s": {r.type: int(r.count) for r in counts[counts.kind == kind].itertuples()}
        for kind in ("node", "edge")
    }
    profiles = pole_profiles(run.graph, year=run.year)
    run.tables["profiles"] = profiles
    run.summary["poles"] = _records(profiles)


def metrics_stage(run: AnalysisRun) -> None:
    """OUT/metrics/{nodes,cooperation,brokerage,funding,poles,interpole}.csv, kept in run.tables
    under those names; headline figures, options and approximations into summary.json."""
    from .analysis.tables import METRIC_TABLES, headline_figures, metric_tables, metrics_digest

    options = {"layer": run.options.get("layer") or "cooperation",
               "threshold": run.options.get("threshold") or 0.5,
               "by_year": bool(run.options.get("by_year"))}
    tables, approximations, _ = metric_tables(run.graph, year=run.year,
                                              profiles=run.tables.get("profiles"),
                                              **options)
    for name, frame in tables.items():
        frame.to_csv(run.path(f"metrics/{METRIC_TABLES[name]}"), index=False)
        run.tables[name] = frame
    # no timings here: two runs on the same data must write the same summary.json
    run.summary["metrics"] = {"options": options, **headline_figures(tables)}
    run.summary.setdefault("approximations", []).extend(approximations)
    run.console.extend(metrics_digest(tables))
    for note in approximations:
        run.console.append(f"Approximation: {note['metric']} by {note['method']}; "
                           f"{note['bound']}")


def timeline_stage(run: AnalysisRun) -> None:
    """OUT/metrics/funding_timeline.csv, funding_cliffs.csv, membership_changes.csv; the cliffs
    (past and within 3 years ahead) into summary.json and run.tables["funding_cliffs"]."""
    from .analysis.fragility import fragility_by_year
    from .analysis.timeline import funding_cliffs, funding_timeline, membership_changes

    as_of = (run.summary.get("as_of") or {}).get("year")
    timeline = funding_timeline(run.graph)
    # cliffs are past or ahead of the same as-of year as every other judgement
    cliffs = funding_cliffs(run.graph, today=as_of)
    changes = membership_changes(run.graph)
    history = fragility_by_year(run.graph, as_of=as_of)
    for name, frame in (("funding_timeline", timeline), ("funding_cliffs", cliffs),
                        ("membership_changes", changes), ("fragility_by_year", history)):
        frame.to_csv(run.path(f"metrics/{name}.csv"), index=False)
        run.tables[name] = frame
    # summary.json lists the cliffs ahead first and stops at a hundred: at national scale
    # there are thousands, all in metrics/funding_cliffs.csv
    ahead = cliffs["when"] == "ahead"
    listed = pd.concat([cliffs[ahead], cliffs[~ahead]]).head(100)
    run.summary["funding_cliffs"] = _records(listed)
    run.summary["funding_cliffs_count"] = {"ahead": int(ahead.sum()),
                                           "past": int((~ahead).sum()), "listed": len(listed)}
    for cliff in cliffs[cliffs["when"] == "ahead"].to_dict("records"):
        run.console.append(f"Funding cliff ahead: {cliff['name']} in {cliff['year']} "
                           f"(-{cliff['drop']:.0%}, ending: {cliff['ending'] or 'several'})")


def views_stage(run: AnalysisRun) -> None:
    """OUT/views/network.html, poles.html, fragility.html: self-contained, offline pages."""
    from .views import views_stage as write

    write(run)


# top_funder_damage re-runs the fragility analysis twice per pole, so its cost grows with the
# square of the number of poles (5.7 s for the 15 poles of auvergne-rhone-alpes): past this many
# poles the report leaves it to `ptce-graph simulate --remove-top-funder`.
DAMAGE_POLE_LIMIT = 40


def report_stage(run: AnalysisRun) -> None:
    """OUT/report.html, from the analysis tables, linking the views. First asks the analysis
    for the two tables no earlier stage makes, kept in run.tables and written beside the
    others: OUT/metrics/top_funder_damage.csv (each pole without its largest funder; left out
    past DAMAGE_POLE_LIMIT poles) and OUT/metrics/recommendations.csv (the top 3 partners of
    each isolated or peripheral member)."""
    from .analysis.recommend import default_members, recommend_partners
    from .analysis.scenario import top_funder_damage
    from .report import report_stage as write

    threshold = run.options.get("threshold") or 0.5
    poles = len(run.tables["poles"])
    notes = {}
    damage = None
    if poles <= DAMAGE_POLE_LIMIT:
        damage = top_funder_damage(run.graph, year=run.year, threshold=threshold)
        damage.to_csv(run.path("metrics/top_funder_damage.csv"), index=False)
    else:
        notes["top_funder_damage"] = (poles, DAMAGE_POLE_LIMIT)
    run.tables["top_funder_damage"] = damage
    members = default_members(run.graph, year=run.year, metrics=run.tables["nodes"])
    recommendations = recommend_partners(run.graph, members=members, top=3, year=run.year)
    recommendations.to_csv(run.path("metrics/recommendations.csv"), index=False)
    run.tables["recommendations"] = recommendations
    write(run, notes=notes)


# "views" and "report" read every table the stages before them made: they stay last.
STAGES: list[tuple[str, Callable[[AnalysisRun], None]]] = [
    ("graph", graph_stage),
    ("metrics", metrics_stage),
    ("timeline", timeline_stage),
    ("views", views_stage),
    ("report", report_stage),
]


def _records(frame) -> list[dict]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json_value(value):
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value.__class__.__name__ == "NAType":
        return None
    return value


def write_summary(run: AnalysisRun) -> Path:
    path = run.path("summary.json")
    document = {
        "tool": "ptce-graph",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "dataset": run.graph.graph.get("name", ""),
        "options": {k: _json_value(v) for k, v in sorted(run.options.items())},
        **run.summary,
        "files": sorted(str(p.relative_to(run.out)) for p in run.files),
    }
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
    return path


def run_analysis(
    G: nx.MultiDiGraph,
    out: str | Path,
    *,
    options: dict | None = None,
    progress: Callable[[str], None] | None = None,
    stages: list[tuple[str, Callable[[AnalysisRun], None]]] | None = None,
) -> AnalysisRun:
    """Run every stage on ``G``, writing under ``out``; ``progress(name)`` is called before
    each stage. Returns the run, whose ``summary`` is what summary.json holds."""
    run = AnalysisRun(graph=G, out=Path(out), options=dict(options or {}))
    key = run.options.pop("pseudonym_key", None)  # a secret: never in summary.json
    if run.options.get("pseudonymise"):  # before any stage: every output sees pseudonyms only
        from .pseudonym import pseudonymise

        run.graph = pseudonymise(run.graph, key=key)
        run.options["pseudonym_keyed"] = bool(key)
    from .time_model import resolve_as_of

    run.as_of = resolve_as_of(run.graph, run.options.get("year"))
    run.out.mkdir(parents=True, exist_ok=True)
    for name, stage in stages or STAGES:
        if progress:
            progress(name)
        stage(run)
    write_summary(run)
    return run
