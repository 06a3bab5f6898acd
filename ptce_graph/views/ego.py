"""`ptce-graph view ego`: one member's neighbourhood as a page of its own."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..analysis import node_metrics, pole_fragility
from ..build import restrict_to_year
from ..errors import OptionError
from ..i18n import labels
from .network import ego_view
from .page import write_view

__all__ = ["write_ego_view"]


def write_ego_view(G: nx.MultiDiGraph, node_id: str, out: str | Path, *, radius: int = 2,
                   year: int | None = None, lang: str | None = None,
                   pseudonymised: bool = False, pseudonym_key: str | None = None) -> Path:
    """Write the neighbourhood of ``node_id`` within ``radius`` ties to ``out``.

    Metrics are those of the whole graph (for ``year`` if given), so a node's size means the
    same here as in network.html.
    """
    words = labels(lang)
    if node_id not in G:
        close = sorted(n for n in G if str(node_id).lower() in str(n).lower())[:5]
        hint = f" Close ids: {', '.join(close)}." if close else ""
        raise OptionError(f"No node with id {node_id!r} in the dataset: give a value of the `id` "
                          f"column of nodes.csv (ids are case-sensitive).{hint}")
    H = restrict_to_year(G, year)
    if node_id not in H:
        raise OptionError(f"{node_id!r} is not active in {year}: try another --year, or none.")
    centre = node_id
    if pseudonymised:
        from ..pseudonym import pseudonym_map, pseudonymise

        centre = pseudonym_map(H, key=pseudonym_key).get(node_id, (node_id, None))[0]
        H = pseudonymise(H, key=pseudonym_key)
    nodes = node_metrics(H)
    poles = pole_fragility(H)
    view = ego_view(H, centre, nodes, poles, words=words, radius=radius)
    if pseudonymised:
        view.notices.insert(0, words["ui.pseudonymised"])
    return write_view(view, Path(out))
