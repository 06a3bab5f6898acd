"""The four layers every metric reads, each defined once here.

- **cooperation** (:func:`cooperation_layer`): organisations and collectivities; an undirected
  weighted tie wherever two actors cooperate directly (``cooperates_with``) or take part in the
  same project (``participates_in`` the same project). Edge attributes: ``direct`` (sum of the
  direct ties' ``weight``, 1 when not given), ``shared_projects`` (number of projects both take
  part in), ``weight = direct + shared_projects``. Every actor is a node, tied or not, so
  isolated members stay visible.
- **funding** (:func:`funding_layer`): funders and collectivities -> the poles, organisations and
  projects they fund; ``weight`` is the amount (EUR, the grant total; with ``year``, that year's
  share of each grant, spread evenly over its start..end years), ``grants`` the number of grants.
- **poles** (:func:`poles_layer`): one node per pole; a tie between two poles weighted by
  ``shared_members`` + ``shared_funders`` + ``joint_projects`` + ``spin_offs``. A funder of
  more than :data:`MAX_SHARED_FUNDER_POLES` poles (the State's national call, a national
  bank) is a programme, not a link between two poles: it ties no pair.
- **full** (:func:`full_layer`): every node and edge as one undirected simple graph, ``weight``
  counting the edges merged into each tie.

``year`` restricts every layer to what is active that year (:func:`ptce_graph.build.active_in`).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations

import networkx as nx

from ..build import restrict_to_year
from ..time_model import year_of

__all__ = [
    "ACTOR_TYPES",
    "MAX_SHARED_FUNDER_POLES",
    "LAYERS",
    "cooperation_layer",
    "funding_layer",
    "poles_layer",
    "full_layer",
    "layer",
    "project_poles",
    "pole_memberships",
]

ACTOR_TYPES = ("organisation", "collectivity")
MAX_SHARED_FUNDER_POLES = 30
LAYERS = ("cooperation", "funding", "poles", "full")


def _weight(value) -> float:
    if value is None or (isinstance(value, float) and value != value):
        return 1.0
    return float(value)


def project_poles(G: nx.MultiDiGraph) -> dict[str, set]:
    """project id -> the poles it is part of (``part_of``) or that take part in it."""
    poles: dict[str, set] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        kind = d.get("type")
        if kind == "part_of":
            poles[u].add(v)
        elif kind == "participates_in" and G.nodes[u].get("type") == "pole":
            poles[v].add(u)
    return poles


def pole_memberships(G: nx.MultiDiGraph) -> dict[str, set]:
    """actor id -> the poles it is a member of or animates."""
    poles: dict[str, set] = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d.get("type") in ("member_of", "animates"):
            poles[u].add(v)
    return poles


def cooperation_layer(G: nx.MultiDiGraph, *, year: int | None = None) -> nx.Graph:
    """Organisations and collectivities tied by direct cooperation or shared projects.

    Returns
    -------
    Graph
        Undirected; node attributes copied from ``G``; edge attributes ``weight``, ``direct``,
        ``shared_projects``.

    Examples
    --------
    >>> G = nx.MultiDiGraph()
    >>> G.add_nodes_from([("a", {"type": "organisation"}), ("b", {"type": "organisation"}),
    ...                   ("c", {"type": "collectivity"}), ("p", {"type": "project"})])
    >>> G.add_edge("a", "b", type="cooperates_with", weight=2.0)
    0
    >>> for actor in "abc":
    ...     _ = G.add_edge(actor, "p", type="participates_in")
    >>> C = cooperation_layer(G)
    >>> C["a"]["b"], C["a"]["c"]["weight"]
    ({'direct': 2.0, 'shared_projects': 1, 'weight': 3.0}, 1.0)
    """
    H = restrict_to_year(G, year)
    C = nx.Graph(name=H.graph.get("name", ""), layer="cooperation", year=year)
    # sorted: metrics that visit nodes in order (Louvain) must not depend on the rows' order
    C.add_nodes_from(sorted(((n, d) for n, d in H.nodes(data=True)
                             if d.get("type") in ACTOR_TYPES), key=lambda item: str(item[0])))
    direct: dict[tuple, float] = defaultdict(float)
    shared: dict[tuple, int] = defaultdict(int)
    participants: dict[str, set] = defaultdict(set)
    for u, v, d in H.edges(data=True):
        kind = d.get("type")
        if kind == "cooperates_with" and u in C and v in C and u != v:
            direct[(u, v) if u < v else (v, u)] += _weight(d.get("weight"))
        elif kind == "participates_in" and u in C:
            participants[v].add(u)
    for actors in participants.values():
        for a, b in combinations(sorted(actors), 2):
            shared[(a, b)] += 1
    for pair in sorted(direct.keys() | shared.keys()):
        ties, projects = direct.get(pair, 0.0), shared.get(pair, 0)
        C.add_edge(*pair, direct=ties, shared_projects=projects, weight=ties + projects)
    return C


def _grant_amount(d: dict, year: int | None) -> float:
    amount = d.get("amount")
    amount = 0.0 if amount is None or amount != amount else float(amount)
    if year is None:
        return amount
    start, end = year_of(d.get("start")), year_of(d.get("end"))
    if start is None:
        return amount  # no years known: active_in kept it, so it counts whole
    end = start if end is None else end
    return amount / (end - start + 1)


def funding_layer(G: nx.MultiDiGraph, *, year: int | None = None) -> nx.DiGraph:
    """Funders and collectivities -> what they fund, weighted by amount (EUR).

    ``weight`` sums the grants between a funder and a recipient (with ``year``: their shares
    for that year); ``grants`` counts them. Only nodes that fund or are funded are included.
    """
    H = restrict_to_year(G, year)
    F = nx.DiGraph(name=H.graph.get("name", ""), layer="funding", year=year)
    for u, v, d in H.edges(data=True):
        if d.get("type") != "funds":
            continue
        for n in (u, v):
            if n not in F:
                F.add_node(n, **H.nodes[n])
        if F.has_edge(u, v):
            F[u][v]["weight"] += _grant_amount(d, year)
            F[u][v]["grants"] += 1
        else:
            F.add_edge(u, v, weight=_grant_amount(d, year), grants=1)
    return F


def poles_layer(G: nx.MultiDiGraph, *, year: int | None = None) -> nx.Graph:
    """One node per pole; ties weighted by what two poles share.

    Edge attributes: ``shared_members`` (actors members of or animating both), ``shared_funders``
    (funders of both, directly or through their projects, funding at most
    :data:`MAX_SHARED_FUNDER_POLES` poles), ``joint_projects`` (projects tied to
    both by ``part_of`` or a pole's participation), ``spin_offs`` (``spins_off`` edges between
    them or their projects), ``weight`` (their sum), and ``members``, ``funders``, ``projects``:
    the ids behind the counts, sorted.
    """
    H = restrict_to_year(G, year)
    P = nx.Graph(name=H.graph.get("name", ""), layer="poles", year=year)
    P.add_nodes_from((n, d) for n, d in H.nodes(data=True) if d.get("type") == "pole")
    of_project = project_poles(H)
    by_part: dict[str, dict[str, set]] = {
        "members": defaultdict(set), "funders": defaultdict(set), "projects": defaultdict(set),
    }
    spin_pairs: dict[tuple, int] = defaultdict(int)

    def poles_of(n) -> set:
        kind = H.nodes[n].get("type")
        return {n} if kind == "pole" else of_project.get(n, set()) if kind == "project" else set()

    for u, v, d in H.edges(data=True):
        kind = d.get("type")
        if kind in ("member_of", "animates"):
            by_part["members"][u].add(v)
        elif kind == "funds":
            by_part["funders"][u] |= poles_of(v)
        elif kind == "spins_off":
            for a in poles_of(u):
                for b in poles_of(v):
                    if a != b:
                        spin_pairs[(a, b) if a < b else (b, a)] += 1
    for project, poles in of_project.items():
        by_part["projects"][project] |= poles
    ties: dict[tuple, dict[str, set]] = defaultdict(lambda: defaultdict(set))
    for part, owners in by_part.items():
        for owner, poles in owners.items():
            if part == "funders" and len(poles) > MAX_SHARED_FUNDER_POLES:
                continue
            for a, b in combinations(sorted(p for p in poles if p in P), 2):
                ties[(a, b)][part].add(owner)
    for pair in sorted(ties.keys() | spin_pairs.keys()):
        parts = ties.get(pair, {})
        counts = {
            "shared_members": len(parts.get("members", ())),
            "shared_funders": len(parts.get("funders", ())),
            "joint_projects": len(parts.get("projects", ())),
            "spin_offs": spin_pairs.get(pair, 0),
        }
        P.add_edge(*pair, **counts, weight=sum(counts.values()),
                   **{k: sorted(parts.get(k, ())) for k in ("members", "funders", "projects")})
    return P


def full_layer(G: nx.MultiDiGraph, *, year: int | None = None) -> nx.Graph:
    """Every node and edge of ``G`` as one undirected simple graph; ``weight`` counts the edges
    merged into each tie (both directions and every type)."""
    H = restrict_to_year(G, year)
    F = nx.Graph(name=H.graph.get("name", ""), layer="full", year=year)
    F.add_nodes_from(H.nodes(data=True))
    for u, v in H.edges():
        if u == v:
            continue
        if F.has_edge(u, v):
            F[u][v]["weight"] += 1
        else:
            F.add_edge(u, v, weight=1)
    return F


def layer(G: nx.MultiDiGraph, name: str, *, year: int | None = None) -> nx.Graph:
    """The layer called ``name`` (one of :data:`LAYERS`); the funding layer comes undirected."""
    from ..errors import OptionError
    from ..i18n import _, listed

    builders = {"cooperation": cooperation_layer, "funding": funding_layer,
                "poles": poles_layer, "full": full_layer}
    if name not in builders:
        raise OptionError(_("unknown layer {layer!r}: choose one of {layers}", layer=name,
                            layers=listed(LAYERS)))
    built = builders[name](G, year=year)
    return built.to_undirected() if built.is_directed() else built
