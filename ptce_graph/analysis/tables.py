"""Every metrics table at once, with the headline figures and the short digest people read first.
What `ptce-graph analyze` writes under OUT/metrics/ comes from :func:`metric_tables`."""

from __future__ import annotations

import math
import time

import networkx as nx
import pandas as pd

from ..schema import split_ids
from .bridges import cooperation_ties_table
from .brokerage import brokerage_roles
from .centrality import node_metrics
from .fragility import pole_fragility, reasons_list
from .funding import check_threshold, funding_dependence
from .interpole import interpole_ties
from .layers import LAYERS

__all__ = ["METRIC_TABLES", "metric_tables", "headline_figures", "metrics_digest"]

DIGEST_POLES = 10  # poles listed with their isolated members; the rest are in nodes.csv

# table name -> file under OUT/metrics/
METRIC_TABLES = {
    "nodes": "nodes.csv",
    "cooperation": "cooperation.csv",
    "brokerage": "brokerage.csv",
    "funding": "funding.csv",
    "poles": "poles.csv",
    "interpole": "interpole.csv",
}


def metric_tables(G: nx.MultiDiGraph, *, year: int | None = None, layer: str = "cooperation",
                  threshold: float = 0.5, by_year: bool = False,
                  seed: int = 42, profiles: pd.DataFrame | None = None,
                  ) -> tuple[dict[str, pd.DataFrame], list[dict], dict]:
    """All the metrics tables of ``G``: ``(tables by name, approximations made, seconds spent
    per table)``. Names and files in :data:`METRIC_TABLES`. ``profiles``: the pole profiles of
    ``G`` for ``year`` when the caller already has them.

    Raises OptionError for an unknown ``layer`` or a ``threshold`` outside (0, 1].
    """
    from ..errors import OptionError

    if layer not in LAYERS:
        raise OptionError(f"unknown layer {layer!r}: choose one of {', '.join(LAYERS)}")
    check_threshold(threshold)
    approximations: list[dict] = []
    timings: dict[str, float] = {}
    tables: dict[str, pd.DataFrame] = {}
    steps = (
        ("nodes", lambda: node_metrics(G, year=year, layer=layer, seed=seed,
                                       approximations=approximations)),
        ("cooperation", lambda: cooperation_ties_table(G, year=year,
                                                       approximations=approximations)),
        ("brokerage", lambda: brokerage_roles(G, year=year)),
        ("funding", lambda: funding_dependence(G, year=year, threshold=threshold,
                                               by_year=by_year)),
        ("poles", lambda: pole_fragility(G, year=year, threshold=threshold,
                                         profiles=profiles)),
        ("interpole", lambda: interpole_ties(G, year=year)),
    )
    for name, compute in steps:
        started = time.perf_counter()
        tables[name] = compute()
        timings[name] = round(time.perf_counter() - started, 3)
    return tables, approximations, timings


def _number(value):
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if hasattr(value, "item"):
        value = value.item()
    return round(value, 4) if isinstance(value, float) else value


def headline_figures(tables: dict[str, pd.DataFrame]) -> dict:
    """The figures summary.json gives for the metrics: sizes of the cooperation network,
    isolated and peripheral members, bridges, brokers, dependent recipients, fragile poles."""
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
             "reason": (reasons_list(r["fragility_reasons"]) or [None])[0]}
            for r in poles.head(5).to_dict("records")
        ],
    }


def metrics_digest(tables: dict[str, pd.DataFrame]) -> list[str]:
    """The lines the console prints after a run: the five strongest cross-sector brokers,
    isolated members per pole, the five most fragile poles with their first reason."""
    lines = ["Strongest cross-sector brokers (pairs of partners from different sectors):"]
    brokers = tables["brokerage"]
    brokers = brokers[brokers["cross_sector"] > 0].head(5)
    if brokers.empty:
        lines.append("  (none)")
    for r in brokers.to_dict("records"):
        poles = f" [{r['poles']}]" if isinstance(r["poles"], str) else ""
        lines.append(f"  {r['name'] or r['id']}{poles}: {int(r['cross_sector'])}")
    lines.append("Isolated members (no cooperation tie), by pole:")
    nodes = tables["nodes"]
    isolated = nodes[nodes["isolated"]]
    by_pole: dict[str, list[str]] = {}
    for r in isolated.to_dict("records"):
        for pole in split_ids(r["poles"]):
            by_pole.setdefault(pole, []).append(str(r["name"] or r["id"]))
    if not by_pole:
        lines.append("  (none)")
    shown_poles = sorted(by_pole, key=lambda p: (-len(by_pole[p]), p))[:DIGEST_POLES]
    for pole in sorted(shown_poles):
        names = sorted(by_pole[pole])
        shown = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        lines.append(f"  {pole} ({len(names)}): {shown}")
    if len(by_pole) > DIGEST_POLES:
        lines.append(f"  ... and {len(by_pole) - DIGEST_POLES} more poles (see metrics/nodes.csv)")
    lines.append("Most fragile poles (score 0-1, first reason):")
    poles = tables["poles"].head(5)
    if poles.empty:
        lines.append("  (none)")
    for r in poles.to_dict("records"):
        reason = (reasons_list(r["fragility_reasons"]) or ["no signal"])[0]
        score = r["fragility_score"]
        shown = "no score" if score != score else f"{score:.2f}"  # NaN: not enough data
        lines.append(f"  {r['name'] or r['pole']}: {shown}, {reason}")
    return lines
