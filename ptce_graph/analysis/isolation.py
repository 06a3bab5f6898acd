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
    "main_piece",
    "cohesion",
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


def main_piece(P: nx.Graph, actors: int | None = None) -> set:
    """The piece of ``P`` that holds more than half of ``actors`` (default: ``P``'s size), the
    pole's main piece; empty when no piece does (the network has fallen apart).

    >>> sorted(main_piece(nx.path_graph(3)))
    [0, 1, 2]
    >>> main_piece(nx.Graph([(0, 1), (2, 3)]))
    set()
    """
    actors = P.number_of_nodes() if actors is None else actors
    for piece in nx.connected_components(P):
        if 2 * len(piece) > actors:
            return set(piece)
    return set()


def cut_off_by(P: nx.Graph, actor) -> set:
    """The actors of pole network ``P`` outside its main piece once ``actor`` leaves: the main
    piece is the part of what remains that still holds more than half of the pole's actors
    (``actor`` included); actors already outside it count too. When no part holds a majority,
    everyone else is cut off. A star whose centre leaves loses every tie: all its leaves are
    cut off.

    >>> cut_off_by(nx.star_graph(4), 0)
    {1, 2, 3, 4}
    >>> sorted(cut_off_by(nx.path_graph(5), 1))
    [0]
    """
    rest = P.subgraph(a for a in P if a != actor)
    return set(rest) - main_piece(rest, P.number_of_nodes())


def key_actor_impact(P: nx.Graph) -> list[tuple]:
    """The key actors of a pole network ``P``: ``(actor, cut off, others)`` for each actor of
    the main piece (:func:`main_piece`) whose departure cuts at least one other actor of it
    off, sorted by number cut off (decreasing) then id. ``cut off`` counts every other actor
    outside the main piece once the actor leaves (those already outside too, as
    :func:`cut_off_by`); ``others`` is the number of the pole's other actors. The first is the
    most critical actor: the one whose departure leaves the smallest main piece."""
    n = P.number_of_nodes()
    others = max(n - 1, 0)
    main = main_piece(P)
    # outside the main piece nobody cuts anyone from it; inside, only an articulation point
    # does, unless losing any one actor leaves no majority at all
    if 2 * (len(main) - 1) > n:
        candidates = set(nx.articulation_points(P.subgraph(main)))
    else:
        candidates = main
    found = []
    for actor in candidates:
        left = len(main_piece(P.subgraph(main - {actor}), n))
        if len(main) - 1 - left >= 1:
            found.append((actor, others - left, others))
    return sorted(found, key=lambda t: (-t[1], str(t[0])))


def cohesion(P: nx.Graph) -> tuple[float, set]:
    """``(value, main piece)`` for the ``key_actor`` component of a pole network ``P``: the
    share of the pole's other actors outside the main piece once its most critical actor
    leaves (:func:`key_actor_impact`; actors already outside count too). 0 for a network no
    single departure breaks, 1 when one departure leaves no part holding a majority, or for a
    pole of one actor; NaN without actors.

    Removing the most critical actor never lowers it: the piece it leaves behind still holds a
    majority of the smaller pole, and losing one more of its actors leaves at most one actor
    fewer in the main piece, over one actor fewer ((r - 1) / (n - 2) <= r / (n - 1)).
    Removing any tie never lowers it either (pieces only shrink).

    >>> cohesion(nx.star_graph(3))[0]
    1.0
    >>> cohesion(nx.complete_graph(4))[0]
    0.0
    """
    n = P.number_of_nodes()
    if n == 0:
        return float("nan"), set()
    main = main_piece(P)
    if n == 1:
        return 1.0, main
    impacts = key_actor_impact(P)
    if impacts:
        return impacts[0][1] / (n - 1), main
    # nobody cuts anyone off: losing any actor of the main piece leaves the rest of it
    left = len(main) - 1 if 2 * (len(main) - 1) > n else 0
    return 1 - left / (n - 1), main


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
