"""The cooperation ties themselves: which cross sectors or join ESS and conventional companies,
and which hold the network together (bridges, local bridges) -- ``OUT/metrics/cooperation.csv``."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from . import fast
from .layers import cooperation_layer

__all__ = ["COOPERATION_COLUMNS", "cooperation_ties_table", "cooperation_bridges"]

COOPERATION_COLUMNS = [
    "source", "target", "weight", "direct", "shared_projects", "cross_sector", "ess_company",
    "bridge", "local_bridge_span",
]


def cooperation_bridges(C: nx.Graph) -> set[tuple]:
    """The ties of ``C`` whose removal splits a connected piece in two, as sorted pairs."""
    return {tuple(sorted((u, v), key=str)) for u, v in nx.bridges(C)}


def _is_ess(attrs: dict) -> bool | None:
    ess = attrs.get("ess")
    if ess is None or ess != ess:
        return None
    return bool(ess)


def cooperation_ties_table(G: nx.MultiDiGraph, *, year: int | None = None,
                           approximations: list | None = None,
                           cooperation: nx.Graph | None = None) -> pd.DataFrame:
    """A row per tie of the cooperation layer, sorted by (source, target), source < target.

    Columns: ``source, target, weight, direct, shared_projects`` (see
    :func:`.layers.cooperation_layer`); ``cross_sector``: both sectors known and different;
    ``ess_company``: one end in the ESS (``ess`` true) and the other not (``ess`` false), the
    ESS-conventional company cooperation the field finds slow to build; ``bridge``: removing the
    tie splits its piece of the network; ``local_bridge_span``: for a local bridge (the ends
    share no neighbour) that is not a bridge, the length of the shortest other path between its
    ends, as text: ``"3"``, or a lower bound such as ``">6"`` when the search stopped there on
    a very large graph (empty only for ties that are not local bridges, or are bridges).
    ``cooperation``: ``cooperation_layer(G, year=year)`` when the caller already has it.
    """
    C = cooperation if cooperation is not None else cooperation_layer(G, year=year)
    bridges = cooperation_bridges(C)
    spans, note = fast.local_bridge_spans(C)
    if note and approximations is not None:
        approximations.append(note)
    rows = []
    for u, v, d in C.edges(data=True):
        a, b = sorted((u, v), key=str)
        sa, sb = C.nodes[a].get("sector"), C.nodes[b].get("sector")
        ea, eb = _is_ess(C.nodes[a]), _is_ess(C.nodes[b])
        span = spans.get((u, v), spans.get((v, u)))
        rows.append({
            "source": a, "target": b, "weight": float(d["weight"]), "direct": float(d["direct"]),
            "shared_projects": int(d["shared_projects"]),
            "cross_sector": bool(sa and sb and sa != sb),
            "ess_company": ea is not None and eb is not None and ea != eb,
            "bridge": (a, b) in bridges,
            "local_bridge_span": _span_text(span, (u, v) in spans or (v, u) in spans,
                                            note["cutoff"] if note else None),
        })
    frame = pd.DataFrame(rows, columns=COOPERATION_COLUMNS)
    return frame.sort_values(["source", "target"], kind="stable").reset_index(drop=True)


def _span_text(span, local_bridge: bool, cutoff: int | None) -> str | None:
    """A local bridge's span as text: its length, or ``>cutoff`` when the search stopped
    before finding the other path (a lower bound); None for a bridge or a tie that is not a
    local bridge."""
    if not local_bridge or span == float("inf"):
        return None
    if span is None:
        return f">{cutoff}" if cutoff is not None else None
    return str(int(span))
