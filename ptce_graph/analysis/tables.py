"""The analysis as one value: :func:`analyze` computes every table `ptce-graph analyze` writes
and returns them in an immutable :class:`Analysis`; writers (files, views, report, store
write-back, console) take that value and compute nothing. The tables and their columns are
described in :mod:`ptce_graph.catalogue`.

How to add a table: a function ``G -> DataFrame`` in ``analysis/``, a step in :func:`analyze`
and a :class:`~ptce_graph.catalogue.Table` in the catalogue (with its ``file``: the CSV writer
then writes it, the docs list it). A node metric: a :class:`~ptce_graph.catalogue.Column` with a
``compute`` function in the catalogue's nodes table (nothing else).
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from types import MappingProxyType
from typing import Any

import networkx as nx
import pandas as pd

from ..build import restrict_to_year
from ..i18n import Message, Score, Text, _
from ..options import AnalysisOptions
from ..schema import split_ids
from .bridges import cooperation_ties_table
from .brokerage import brokerage_roles
from .centrality import node_metrics
from .fragility import pole_fragility
from .funding import funding_dependence
from .interpole import interpole_ties
from .layers import cooperation_layer, layer

__all__ = ["Analysis", "analyze", "DAMAGE_POLE_LIMIT", "METRIC_TABLES", "headline_figures",
           "metrics_digest"]

DIGEST_POLES = 10  # poles listed with their isolated members; the rest are in nodes.csv

# top_funder_damage re-runs the fragility analysis twice per pole, so its cost grows with the
# square of the number of poles (5.7 s for the 15 poles of auvergne-rhone-alpes): past this many
# poles the analysis leaves it to `ptce-graph simulate --remove-top-funder`.
DAMAGE_POLE_LIMIT = 40

# the first six tables, as `analyze` has always named them: table name -> file under OUT/
METRIC_TABLES = {name: f"{name}.csv" for name in
                 ("nodes", "cooperation", "brokerage", "funding", "poles", "interpole")}


@dataclass(frozen=True)
class Analysis:
    """Every table of one analysis of ``graph``, and what was needed to read them.

    - ``graph``: the graph analysed (every year); ``active``: restricted to ``options.year``;
    - ``options``: the :class:`~ptce_graph.options.AnalysisOptions` used;
    - ``cooperation``: the cooperation layer every table was computed on (frozen);
    - ``tables``: table name -> DataFrame, read-only mapping; names and columns in
      :data:`ptce_graph.catalogue.TABLES`, plus ``profiles`` (one row per pole, as ``ptce-graph
      summary``) and ``counts`` (nodes and edges by type). The DataFrames are shared: treat them
      as read-only;
    - ``approximations``: the approximations made (metric, method, bound);
    - ``notes``: tables left out and why (``top_funder_damage: (poles, limit)``);
    - ``seconds``: time spent per table (for benchmarks; never written to an output).
    """

    graph: nx.MultiDiGraph
    active: nx.MultiDiGraph
    options: AnalysisOptions
    cooperation: nx.Graph
    tables: Mapping[str, pd.DataFrame]
    approximations: tuple[Mapping, ...] = ()
    notes: Mapping[str, tuple] = field(default_factory=lambda: MappingProxyType({}))
    seconds: Mapping[str, float] = field(default_factory=lambda: MappingProxyType({}),
                                         compare=False)
    as_of: Any = None  # time_model.AsOf: the year every judgement is made as of, and its source

    def __getitem__(self, name: str) -> pd.DataFrame:
        return self.tables[name]

    @property
    def year(self) -> int | None:
        """The as-of year (--as-of/--year, else the dataset's declared or inferred one)."""
        return self.as_of.year if self.as_of is not None else self.options.year

    @cached_property
    def headline(self) -> dict:
        """The figures summary.json gives for the metrics (:func:`headline_figures`)."""
        return headline_figures(self.tables, name=self.name)

    def name(self, node) -> str:
        """A node's display name (its id when it has none)."""
        from ..build import node_name

        return node_name(self.graph, node) if node in self.graph else str(node)


def _extra_node_metrics(frame: pd.DataFrame, G, C: nx.Graph, options: AnalysisOptions):
    """The catalogue's node metrics that have their own ``compute`` function, added to the
    nodes table (empty for nodes not on the metric layer)."""
    from ..catalogue import TABLES

    extra = [c for c in TABLES["nodes"].columns if c.compute is not None
             and c.name not in frame.columns]
    if not extra:
        return frame
    L = C if options.layer == "cooperation" else layer(G, options.layer, year=options.year)
    frame = frame.copy()
    for column in extra:
        values = column.compute(L)
        frame[column.name] = [values.get(n) for n in frame["id"]]
    return frame


# tables a table is computed from (``only`` brings them along)
NEEDS = {"poles": ("profiles",), "recommendations": ("nodes",), "top_funder_damage": ("poles",)}


def analyze(G: nx.MultiDiGraph, options: AnalysisOptions | None = None, *,
            progress: Callable[[str], None] | None = None,
            only: Collection[str] | None = None, engine=None) -> Analysis:
    """Every table of ``G`` for ``options``, as one :class:`Analysis`. Pure: writes nothing,
    leaves ``G`` as it is. ``progress(name)`` is called before each table; ``only``: compute
    just these tables (and those they need, :data:`NEEDS`), as the ego view does;
    ``engine``: where the heavy node metrics are computed (``--engine gds``:
    :class:`ptce_graph.store.gds.GdsEngine`; see :func:`.centrality.node_metrics`), here when
    None.

    The cooperation layer is built once and handed to every table that reads it. Tables are
    conformed to the catalogue: the columns in its order, and an empty table with its header
    and the catalogue's column types.

    >>> from ptce_graph.build import build_graph
    >>> import pandas as pd
    >>> nodes = pd.DataFrame({"id": ["p", "a"], "type": ["pole", "organisation"],
    ...                       "name": ["P", "A"]})
    >>> edges = pd.DataFrame({"source": ["a"], "target": ["p"], "type": ["member_of"]})
    >>> analysis = analyze(build_graph(nodes, edges))
    >>> analysis["nodes"]["isolated"].tolist(), len(analysis["brokerage"])
    ([True, False], 0)
    """
    from ..catalogue import TABLES, conform
    from ..time_model import resolve_as_of
    from .fragility import fragility_by_year
    from .profile import pole_profiles, type_counts
    from .recommend import default_members, recommend_partners
    from .scenario import top_funder_damage
    from .timeline import funding_cliffs, funding_timeline, membership_changes

    options = options or AnalysisOptions()
    # one "now" for every table (time_model): --as-of/--year, else declared, else inferred
    as_of = resolve_as_of(G, options.year if options.year is not None else options.as_of)
    year, threshold = as_of.year, options.threshold
    H = restrict_to_year(G, year)
    C = nx.freeze(cooperation_layer(G, year=year))
    approximations: list[dict] = []
    tables: dict[str, pd.DataFrame] = {}
    seconds: dict[str, float] = {}
    notes: dict[str, tuple] = {}

    def nodes():
        frame = node_metrics(G, year=year, layer=options.layer, seed=options.seed,
                             approximations=approximations, cooperation=C, engine=engine)
        return _extra_node_metrics(frame, G, C, options)

    def damage():
        poles = len(tables["poles"])
        if poles > DAMAGE_POLE_LIMIT:
            notes["top_funder_damage"] = (poles, DAMAGE_POLE_LIMIT)
            return None
        return top_funder_damage(G, year=year, threshold=threshold)

    def recommendations():
        members = default_members(G, year=year, metrics=tables["nodes"])
        return recommend_partners(G, members=members, top=3, year=year, cooperation=C)

    steps: tuple[tuple[str, Callable[[], pd.DataFrame | None]], ...] = (
        ("counts", lambda: type_counts(H)),
        ("profiles", lambda: pole_profiles(G, year=year)),
        ("nodes", nodes),
        ("cooperation", lambda: cooperation_ties_table(G, year=year, cooperation=C,
                                                       approximations=approximations)),
        ("brokerage", lambda: brokerage_roles(G, year=year, cooperation=C)),
        ("funding", lambda: funding_dependence(G, year=year, threshold=threshold)),
        ("funding_by_year", lambda: funding_dependence(G, year=year, threshold=threshold,
                                                       by_year=True)
         if options.by_year else None),
        ("poles", lambda: pole_fragility(G, year=year, threshold=threshold, cooperation=C,
                                         profiles=tables["profiles"])),
        ("interpole", lambda: interpole_ties(G, year=year)),
        ("funding_timeline", lambda: funding_timeline(G)),
        ("funding_cliffs", lambda: funding_cliffs(G, today=year)),
        ("fragility_by_year", lambda: fragility_by_year(G, as_of=year)),
        ("membership_changes", lambda: membership_changes(G)),
        ("top_funder_damage", damage),
        ("recommendations", recommendations),
    )
    wanted = None
    if only is not None:
        wanted = set(only)
        for name in list(wanted):
            wanted.update(NEEDS.get(name, ()))
            for need in NEEDS.get(name, ()):
                wanted.update(NEEDS.get(need, ()))
    for name, compute in steps:
        if wanted is not None and name not in wanted:
            continue
        if progress:
            progress(name)
        started = time.perf_counter()
        frame = compute()
        seconds[name] = round(time.perf_counter() - started, 3)
        if frame is None:
            continue
        tables[name] = conform(frame, TABLES[name]) if name in TABLES else frame
    return Analysis(graph=G, active=H, options=options, cooperation=C,
                    tables=MappingProxyType(tables),
                    approximations=tuple(approximations),
                    notes=MappingProxyType(notes), seconds=MappingProxyType(seconds),
                    as_of=as_of)


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return round(value, 4) if isinstance(value, float) else value


def _first_reason(row, name, default=None, lang="en"):
    """A poles row's main fragility reason, in English (summary.json) or ``lang`` (console)."""
    from ..catalogue import reason_texts
    from ..i18n import labels

    return (reason_texts(row, "fragility_reasons", labels(lang), name, table="poles")
            or [default])[0]


def headline_figures(tables: Mapping[str, pd.DataFrame], name=None) -> dict:
    """The figures summary.json gives for the metrics: sizes of the cooperation network,
    isolated and peripheral members, bridges, brokers, dependent recipients, fragile poles.
    ``name(id)``: a node's display name, for reasons given as codes."""
    nodes, ties = tables["nodes"], tables["cooperation"]
    brokers, poles = tables["brokerage"], tables["poles"]
    in_layer = nodes[nodes["degree"].notna()]
    top_brokers = brokers[brokers["cross_sector"] > 0].head(5)
    return {
        "cooperation_actors": int(len(in_layer)),
        "cooperation_ties": int(len(ties)),
        "communities": int(in_layer["community"].nunique()) if len(in_layer) else 0,
        "isolated_members": int(nodes["isolated"].sum()),
        "peripheral_members": int(nodes["peripheral"].sum()),
        "articulation_points": int(nodes["articulation_point"].fillna(False).sum()),
        "bridges": int(ties["bridge"].sum()),
        "cross_sector_ties": int(ties["cross_sector"].sum()),
        "ess_company_ties": int(ties["ess_company"].sum()),
        "multi_pole_members": int(brokers["multi_pole"].sum()),
        "single_funder_dependent": int(tables["funding"]["single_funder_dependent"].sum()),
        "interpole_ties": int(len(tables["interpole"])),
        "top_brokers": [
            {"id": r["id"], "name": r["name"], "cross_sector": int(r["cross_sector"])}
            for r in top_brokers.to_dict("records")
        ],
        "most_fragile_poles": [
            {"pole": r["pole"], "name": r["name"], "fragility_score": _number(r["fragility_score"]),
             "reason": _first_reason(r, name)}
            for r in poles.head(5).to_dict("records")
        ],
    }


def metrics_digest(tables: Mapping[str, pd.DataFrame], name=None) -> list[Message]:
    """The lines the console prints after a run: the five strongest cross-sector brokers,
    isolated members per pole, the five most fragile poles with their first reason. Messages,
    rendered in the reader's language by the CLI (``str()`` gives English)."""
    none = _("  (none)")
    lines = [_("Strongest cross-sector brokers (pairs of partners from different sectors):")]
    brokers = tables["brokerage"]
    brokers = brokers[brokers["cross_sector"] > 0].head(5)
    if brokers.empty:
        lines.append(none)
    for r in brokers.to_dict("records"):
        poles = f" [{r['poles']}]" if isinstance(r["poles"], str) else ""
        lines.append(_("  {name}{poles}: {pairs}", name=r["name"] or r["id"], poles=poles,
                       pairs=int(r["cross_sector"])))
    lines.append(_("Isolated members (no cooperation tie), by pole:"))
    nodes = tables["nodes"]
    isolated = nodes[nodes["isolated"]]
    by_pole: dict[str, list[str]] = {}
    for r in isolated.to_dict("records"):
        for pole in split_ids(r["poles"]):
            by_pole.setdefault(pole, []).append(str(r["name"] or r["id"]))
    if not by_pole:
        lines.append(none)
    shown_poles = sorted(by_pole, key=lambda p: (-len(by_pole[p]), p))[:DIGEST_POLES]
    for pole in sorted(shown_poles):
        names = sorted(by_pole[pole])
        shown = ", ".join(names[:5])
        lines.append(_("  {pole} ({n}): {names} and {more} more", pole=pole, n=len(names),
                       names=shown, more=len(names) - 5) if len(names) > 5 else
                     _("  {pole} ({n}): {names}", pole=pole, n=len(names), names=shown))
    if len(by_pole) > DIGEST_POLES:
        lines.append(_("  ... and {n} more poles (see metrics/nodes.csv)",
                       n=len(by_pole) - DIGEST_POLES))
    lines.append(_("Most fragile poles (score 0-1, first reason):"))
    poles = tables["poles"].head(5)
    if poles.empty:
        lines.append(none)
    for r in poles.to_dict("records"):
        reason = Text(_first_reason(r, name, "no signal"),
                      _first_reason(r, name, "aucun signal", lang="fr"))
        score = r["fragility_score"]
        shown = _("no score") if score != score else Score(score)  # NaN: not enough data
        lines.append(_("  {pole}: {score}, {reason}", pole=r["name"] or r["pole"],
                       score=shown, reason=reason))
    return lines
