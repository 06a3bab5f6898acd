"""`ptce-graph view ego`: one member's neighbourhood as a page of its own."""

from __future__ import annotations

from pathlib import Path

import networkx as nx

from ..build import restrict_to_year
from ..errors import OptionError
from ..i18n import _, labels, listed
from .network import ego_view
from .page import write_view

__all__ = ["EGO_TABLES", "check_ego_centre", "write_ego_view"]

# the tables of the Analysis an ego view reads
EGO_TABLES = ("nodes", "poles")


def check_ego_centre(G: nx.MultiDiGraph, node_id: str, year: int | None = None) -> None:
    """Raise OptionError unless ``node_id`` is a node of ``G`` active in ``year``."""
    if node_id not in G:
        close = sorted(n for n in G if str(node_id).lower() in str(n).lower())[:5]
        hint = _(" Close ids: {ids}.", ids=listed(close)) if close else ""
        raise OptionError(_("No node with id {id!r} in the dataset: give a value of the `id` "
                            "column of nodes.csv (ids are case-sensitive).{hint}", id=node_id,
                            hint=hint))
    if node_id not in restrict_to_year(G, year):
        raise OptionError(_("{id!r} is not active in {year}: try another --year, or none.",
                            id=node_id, year=year))


def write_ego_view(analysis, centre: str, out: str | Path, *, radius: int = 2,
                   lang: str | None = None, pseudonymised: bool = False) -> Path:
    """Write the neighbourhood of ``centre`` within ``radius`` ties to ``out``.

    ``analysis``: an :class:`~ptce_graph.analysis.Analysis` of the whole graph (for its year),
    so that a node's size means the same here as in network.html (its tables
    :data:`EGO_TABLES` at least). ``centre``: a node of ``analysis.active`` (its pseudonym when
    the analysis is of a pseudonymised graph).
    """
    words = labels(lang)
    check_ego_centre(analysis.active, centre)
    view = ego_view(analysis.active, centre, analysis["nodes"], analysis["poles"], words=words,
                    radius=radius)
    if pseudonymised:
        view.notices.insert(0, words["ui.pseudonymised"])
    return write_view(view, Path(out))
