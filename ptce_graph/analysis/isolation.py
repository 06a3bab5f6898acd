"""Isolated and peripheral members, pole by pole, and who could connect them; and the key
actors whose departure would cut members off from their pole's cooperation network."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from ..build import restrict_to_year, survey_answered
from .centrality import member_positions
from .layers import cooperation_layer

__all__ = [
    "MEMBER_COLUMNS",
    "pole_network",
    "pole_actors",
    "key_actor_impact",
    "cut_off_by",
    "member_isolation",
]

MEMBER_COLUMNS = ["pole", "member", "name", "sector", "ties", "ties_in_pole", "isolated",
                  "peripheral", "suggested_partner", "answered", "unconfirmed_ties"]


def pole_actors(H: nx.MultiDiGraph) -> tuple[dict, dict]:
    """(pole -> its members, pole -> its animators), from ``member_of`` and ``animates``."""
    members: dict = defaultdict(set)
    animators: dict = defaultdict(set)
    for u, v, d in H.edges(data=True):
        kind = d.get("type")
        if kind == "member_of":
            members[v].add(u)
        elif kind == "animates":
            animators[v].add(u)
    return members, animators


def pole_network(C: nx.Graph, actors) -> nx.Graph:
    """The pole's cooperation network: the cooperation layer ``C`` restricted to its actors
    (members and animators)."""
    return C.subgraph(a for a in actors if a in C)


def cut_off_by(P: nx.Graph, actor) -> set:
    """The actors of pole network ``P`` cut off when ``actor`` leaves.

    Of what remains of ``actor``'s piece of the network, the largest part that still holds a
    tie (ties broken by smallest id) goes on; everyone else in the piece is cut off. A star
    whose centre leaves loses every tie: all its leaves are cut off.

    >>> cut_off_by(nx.star_graph(4), 0)
    {1, 2, 3, 4}
    >>> sorted(cut_off_by(nx.path_graph(5), 1))
    [0]
    """
    piece = nx.node_connected_component(P, actor) - {actor}
    rest = P.subgraph(piece)
    parts = [part for part in nx.connected_components(rest) if len(part) >= 2]
    if not parts:
        return set(piece)
    main = min(parts, key=lambda part: (-len(part), min(str(p) for p in part)))
    return piece - main


def key_actor_impact(P: nx.Graph) -> list[tuple]:
    """The key actors of a pole network ``P``: ``(actor, cut off, others)`` for each actor
    whose departure cuts at least one other actor off, sorted by number cut off (decreasing)
    then id. ``others`` is the number of the pole's other actors."""
    others = max(P.number_of_nodes() - 1, 0)
    # only articulation points, or the partner of someone with a single tie, can cut off
    candidates = set(nx.articulation_points(P))
    candidates |= {next(iter(P[v])) for v in P if P.degree(v) == 1}
    found = []
    for actor in candidates:
        cut = cut_off_by(P, actor)
        if cut:
            found.append((actor, len(cut), others))
    return sorted(found, key=lambda t: (-t[1], str(t[0])))


def member_isolation(G: nx.MultiDiGraph, *, year: int | None = None) -> pd.DataFrame:
    """A row per (pole, member) as of ``year`` (default: the time model's as-of year, so a
    member who left is not listed), sorted by pole then member.

    Columns: ``pole, member, name, sector``, ``ties`` (cooperation ties overall),
    ``ties_in_pole`` (with the pole's own actors), ``isolated`` (no tie), ``peripheral`` (one
    tie, or ties only to the pole's animator), ``suggested_partner``: for an isolated or
    peripheral member, the pole actor it is not yet tied to with the most ties in the pole,
    preferring one of its own sector -- someone who could bring it in; ``answered``: whether
    it answered the latest roster survey it was sent (empty when never surveyed; one that did
    not answer is never isolated nor peripheral); ``unconfirmed_ties``: its direct ties named
    by one side only in a survey (counted in ``ties``).
    """
    if year is None:  # the time model's year: members who left are not members
        from ..time_model import resolve_as_of

        year = resolve_as_of(G).year
    H = restrict_to_year(G, year)
    C = cooperation_layer(G, year=year)
    isolated, peripheral = member_positions(H, C)
    members, animators = pole_actors(H)
    unconfirmed: dict = defaultdict(int)
    for u, v, d in H.edges(data=True):
        if d.get("type") == "cooperates_with" and d.get("confirmed") in (False,):
            unconfirmed[u] += 1
            unconfirmed[v] += 1
    rows = []
    for pole in sorted(members, key=str):
        actors = members[pole] | animators.get(pole, set())
        P = pole_network(C, actors)
        for member in sorted(members[pole], key=str):
            if member not in C:
                continue
            attrs = C.nodes[member]
            suggestion = None
            if member in isolated or member in peripheral:
                candidates = [a for a in P if a != member and not C.has_edge(member, a)
                              and P.degree(a) > 0]
                sector = attrs.get("sector")
                candidates.sort(key=lambda a: (C.nodes[a].get("sector") != sector or not sector,
                                               -P.degree(a), str(a)))
                suggestion = candidates[0] if candidates else None
            rows.append({
                "pole": pole, "member": member, "name": attrs.get("name"),
                "sector": attrs.get("sector"), "ties": C.degree(member),
                "ties_in_pole": P.degree(member), "isolated": member in isolated,
                "peripheral": member in peripheral, "suggested_partner": suggestion,
                "answered": survey_answered(attrs, year), "unconfirmed_ties": unconfirmed[member],
            })
    return pd.DataFrame(rows, columns=MEMBER_COLUMNS)
