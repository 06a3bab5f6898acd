"""Who is central, who connects sectors, who is isolated: the per-node metrics table
(``OUT/metrics/nodes.csv``)."""

from __future__ import annotations

from collections import Counter

import networkx as nx
import pandas as pd

from ..build import restrict_to_year, survey_answered
from ..schema import join_ids
from . import fast
from . import layers as _layers
from .layers import pole_memberships, project_poles

__all__ = ["NODE_METRIC_COLUMNS", "node_metrics", "heavy_metrics", "sector_of",
           "sector_participation"]

NODE_METRIC_COLUMNS = [
    "id", "type", "name", "poles", "sector", "degree", "degree_centrality", "betweenness",
    "closeness", "eigenvector", "pagerank", "community", "core_number", "constraint",
    "effective_size", "sector_participation", "articulation_point", "isolated", "peripheral",
]


def sector_of(attrs: dict) -> str:
    """The group a node counts in for sector metrics: its sector, else its type (a collectivity
    has no sector and counts as 'collectivity'), else 'unknown'."""
    sector = attrs.get("sector")
    if sector:
        return str(sector)
    kind = attrs.get("type")
    return "unknown" if kind in (None, "organisation") else str(kind)


def sector_participation(C: nx.Graph) -> dict:
    """Participation coefficient of each node's ties across sectors: ``1 - sum_s (k_s / k)^2``
    with ``k_s`` the node's ties to sector ``s`` (0 = every tie in one sector); NaN when no tie.

    >>> C = nx.Graph([("a", "b"), ("a", "c")])
    >>> nx.set_node_attributes(C, {"a": "x", "b": "y", "c": "z"}, "sector")
    >>> sector_participation(C)["a"]
    0.5
    """
    sectors = {n: sector_of(d) for n, d in C.nodes(data=True)}
    values = {}
    for v in C:
        k = C.degree(v)
        if k == 0:
            values[v] = float("nan")
            continue
        counts = Counter(sectors[u] for u in C[v])
        values[v] = 1.0 - sum((c / k) ** 2 for c in counts.values())
    return values


def heavy_metrics(C: nx.Graph, *, seed: int = 42, method: str = "auto"):
    """Betweenness, closeness and Louvain communities of ``C`` (see :mod:`.fast`), and the list
    of approximations made, each with the error expected for this run
    (:func:`.fast.expected_error`).
    Returns ``(dict of metric -> {node: value}, approximations)``."""
    values, notes = {}, []
    for name, compute in (("betweenness", fast.betweenness), ("closeness", fast.closeness)):
        values[name], note = compute(C, method=method, seed=seed)
        if note:
            notes.append(note)
    values["community"], _ = fast.louvain(
        C, seed=seed, method="auto" if method in ("auto", "approximate") else method)
    return values, notes


def _eigenvector(C: nx.Graph) -> dict:
    """Eigenvector centrality of each connected piece of two nodes or more, each piece's
    vector of unit length (networkx's normalisation); 0 for an isolated node. Computed piece by
    piece: on a graph in pieces the leading eigenvector lives in one piece only, which gave 0 to
    everyone outside the largest one -- the same as an isolated node."""
    import numpy as np
    from scipy.sparse.linalg import eigsh

    values = dict.fromkeys(C, 0.0)
    for piece in nx.connected_components(C):
        if len(piece) < 2:
            continue
        H = C.subgraph(piece)
        order = sorted(H, key=str)
        if len(order) == 2:
            values.update(dict.fromkeys(order, 2 ** -0.5))
            continue
        A = nx.to_scipy_sparse_array(H, nodelist=order, weight="weight", dtype=float)
        if len(order) <= 3:  # ARPACK needs k < n - 1: a dense solver for the smallest pieces
            _, vectors = np.linalg.eigh(A.toarray())
            vector = vectors[:, -1]
        else:
            # as nx.eigenvector_centrality_numpy, but from a fixed start vector: ARPACK's
            # default is random, which changes the last digits from run to run
            _, vectors = eigsh(A, k=1, which="LA", v0=np.ones(len(order)), tol=0,
                               maxiter=10 * len(order))
            vector = vectors[:, 0]
        vector = vector * np.sign(vector.sum()) / np.linalg.norm(vector)
        values.update(zip(order, vector.tolist(), strict=True))
    return values


def node_metrics(G: nx.MultiDiGraph, *, year: int | None = None, layer: str = "cooperation",
                 seed: int = 42, method: str = "auto",
                 approximations: list | None = None,
                 cooperation: nx.Graph | None = None) -> pd.DataFrame:
    """A row per node of ``G`` (active in ``year``), sorted by id, with the columns of
    ``OUT/metrics/nodes.csv`` (:data:`NODE_METRIC_COLUMNS`):

    - ``id, type, name, sector``; ``poles``: the poles a node is a member of or animates (for a
      project: the poles it belongs to; for a pole: itself), ids joined by ``;``;
    - on ``layer`` (``cooperation`` by default; empty for nodes not in it): ``degree`` (number
      of ties), and networkx's normalised ``degree_centrality``, ``betweenness`` and
      ``closeness`` (unweighted: a weight is a strength, not a distance), ``eigenvector`` and
      ``pagerank`` (weighted), ``community`` (Louvain, weighted, seed ``seed``, numbered by
      decreasing size), ``core_number``, Burt's ``constraint`` (weighted) and
      ``effective_size`` (Borgatti's form), ``sector_participation`` (see
      :func:`sector_participation`), ``articulation_point``;
    - ``isolated``: a member organisation with no cooperation tie; ``peripheral``: a member
      with one tie, or whose only ties go to its pole's animator (always on the cooperation
      layer; see :func:`member_positions`).

    Large graphs use the fast or approximate paths of :mod:`.fast`; pass a list as
    ``approximations`` to receive the notes describing any approximation made;
    ``cooperation``: ``cooperation_layer(G, year=year)`` when the caller already has it.
    """
    H = restrict_to_year(G, year)
    C = cooperation if cooperation is not None else _layers.cooperation_layer(G, year=year)
    L = C if layer == "cooperation" else _layers.layer(G, layer, year=year)
    heavy, notes = heavy_metrics(L, seed=seed, method=method)
    if approximations is not None:
        approximations.extend(notes)
    degree = dict(L.degree())
    degree_centrality = nx.degree_centrality(L) if len(L) > 1 else dict.fromkeys(L, 0.0)
    pagerank = nx.pagerank(L, weight="weight") if len(L) else {}
    eigenvector = _eigenvector(L)
    core = nx.core_number(L) if len(L) else {}
    constraint, _ = fast.constraint(L)
    esize, _ = fast.effective_size(L)
    participation = sector_participation(L)
    articulation = set(nx.articulation_points(L))
    isolated, peripheral = member_positions(H, C)
    memberships = pole_memberships(H)
    of_project = project_poles(H)
    rows = []
    for node in sorted(H.nodes(), key=str):
        attrs = H.nodes[node]
        kind = attrs.get("type")
        if kind == "pole":
            poles = {node}
        elif kind == "project":
            poles = of_project.get(node, set())
        else:
            poles = memberships.get(node, set())
        row = {
            "id": node, "type": kind, "name": attrs.get("name"),
            "poles": join_ids(sorted(poles)), "sector": attrs.get("sector"),
        }
        if node in L:
            row.update({
                "degree": degree[node],
                "degree_centrality": degree_centrality[node],
                "betweenness": heavy["betweenness"][node],
                "closeness": heavy["closeness"][node],
                "eigenvector": eigenvector[node],
                "pagerank": pagerank[node],
                "community": heavy["community"][node],
                "core_number": core[node],
                "constraint": constraint[node],
                "effective_size": esize[node],
                "sector_participation": participation[node],
                "articulation_point": node in articulation,
            })
        row["isolated"] = node in isolated
        row["peripheral"] = node in peripheral
        rows.append(row)
    frame = pd.DataFrame(rows, columns=NODE_METRIC_COLUMNS)
    for col in ("degree", "community", "core_number"):
        frame[col] = frame[col].astype("Int64")
    frame["articulation_point"] = frame["articulation_point"].astype("boolean")
    return frame


def member_positions(H: nx.MultiDiGraph, C: nx.Graph) -> tuple[set, set]:
    """(isolated members, peripheral members) of the poles of ``H`` on its cooperation layer
    ``C``. Isolated: no cooperation tie. Peripheral: one tie, or every tie to an animator of
    one of its poles. A member that did not answer the roster survey it was sent
    (:func:`~ptce_graph.build.survey_answered`) is neither. Members here are member
    organisations: collectivities that join a pole as partners are funders and sponsors more
    than cooperators, and are not flagged."""
    animators: dict = {}
    members: dict = {}
    for u, v, d in H.edges(data=True):
        kind = d.get("type")
        if kind == "animates":
            animators.setdefault(v, set()).add(u)
        elif kind == "member_of" and H.nodes[u].get("type") == "organisation":
            members.setdefault(u, set()).add(v)
    isolated, peripheral = set(), set()
    for member, poles in members.items():
        if member not in C:
            continue
        if survey_answered(H.nodes[member], H.graph.get("year")) is False:
            continue  # surveyed, did not answer: missing answers say nothing of its ties
        ties = set(C[member])
        if not ties:
            isolated.add(member)
            continue
        pole_animators = set().union(*(animators.get(p, set()) for p in poles)) - {member}
        if len(ties) == 1 or (pole_animators and ties <= pole_animators):
            peripheral.add(member)
    return isolated, peripheral
