"""Interactive views: self-contained HTML pages drawn with pyvis / vis-network.

The only package that imports pyvis. Every view reads the graph and the analysis tables (it
computes no metric), fits within a node budget, and writes one HTML file that works offline:

- ``network.html``: every actor, pole, funder and project (:func:`network_view`);
- ``poles.html``: the inter-pole network (:func:`poles_view`);
- ``fragility.html``: funders, what they fund and the key actors (:func:`fragility_view`);
- an ego view of one member's neighbourhood (:func:`ego_view`, ``ptce-graph view ego``).
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "VIEW_FILES",
    "network_view",
    "poles_view",
    "fragility_view",
    "ego_view",
    "write_view",
    "write_views",
    "views_summary",
]

# view name -> file under OUT/views/
VIEW_FILES = {"network": "network.html", "poles": "poles.html", "fragility": "fragility.html"}


def __getattr__(name):
    # pyvis is imported when a view is built, not when the package is (the CLI starts faster).
    if name in ("network_view", "ego_view"):
        from . import network

        return getattr(network, name)
    if name == "poles_view":
        from .poles import poles_view

        return poles_view
    if name == "fragility_view":
        from .fragility import fragility_view

        return fragility_view
    if name == "write_view":
        from .page import write_view

        return write_view
    raise AttributeError(name)


def write_views(analysis, folder: str | Path, *, lang: str | None = None,
                pseudonymised: bool = False) -> dict:
    """Write network.html, poles.html and fragility.html of ``analysis`` (an
    :class:`~ptce_graph.analysis.Analysis`) under ``folder``.

    The views read its tables ("nodes", "poles", "funding", "interpole": the columns of
    OUT/metrics/*.csv, see docs/outputs.md) and its graph of the analysed year. Returns
    ``{view name: View}`` with each view's ``path`` set.
    """
    from ..i18n import labels
    from .fragility import fragility_view
    from .network import network_view
    from .page import write_view
    from .poles import poles_view

    words = labels(lang)
    G, tables = analysis.active, analysis.tables
    nodes, poles = tables["nodes"], tables["poles"]
    views = {
        "network": network_view(G, nodes, poles, words=words),
        "poles": poles_view(G, poles, tables["interpole"], words=words, nodes_table=nodes),
        "fragility": fragility_view(G, tables["funding"], poles, words=words, nodes_table=nodes),
    }
    folder = Path(folder)
    for name, view in views.items():
        if pseudonymised:
            view.notices.insert(0, words["ui.pseudonymised"])
        if G.graph.get("year") is not None:
            # the year first; a view's own subtitle (poles.html: ties drawn of all pairs) kept
            year = f"{words['ui.year']} {G.graph['year']}"
            view.subtitle = f"{year} · {view.subtitle}" if view.subtitle else year
        view.path = write_view(view, folder / VIEW_FILES[name])
    return views


def views_summary(views: dict) -> dict:
    """What summary.json says of the views written: their files, and for each how many nodes
    it drew of how many (``nodes_drawn`` / ``nodes_total``)."""
    from .layout import NODE_BUDGET

    return {
        "node_budget": NODE_BUDGET,
        "files": {name: f"views/{VIEW_FILES[name]}" for name in views},
        **{name: {"nodes_drawn": len(v.nodes), "nodes_total": v.total_nodes,
                  "grouped": any(n.get("type") == "group" for n in v.nodes),
                  "physics": v.physics}
           for name, v in views.items()},
    }
