"""Who an isolated or peripheral member could meet: ranked partners in the same or a
neighbouring pole, each with plain reasons, never someone it already cooperates with.

The score adds up what the two actors have in common, each part with its reason:

- common partners, Adamic-Adar on the cooperation layer (a partner shared with few others
  counts more than a hub): ``sum(1 / log(degree))``;
- the same territory: 1;
- complementary sectors, i.e. two different sectors combined in the network's projects more
  often than chance would give (more projects holding both than ``n_a x n_b / projects``, the
  count if sectors joined projects independently): 0.5;
- the same pole: 0.5 (a neighbouring pole, tied by shared members, funders or projects: 0.25);
- common funders, each weighted like a common partner by 1 / log(1 + what it funds): x 0.5;
- how connected the partner already is, so that it can open its network: 0.1 log(1 + degree).

Only current members (as of the time model's year) are recommended and proposed; a
collectivity that funds the member, its poles or its projects (or is funded the other way) is
never proposed as a cooperation partner: it is a supporter, not a peer. Each proposed pair
lists those supporters apart (``supporters``): who already funds either side and could
support the cooperation.

``benchmarks/recommend_bench.py`` measures how often the top ranks recover hidden ties."""

from __future__ import annotations

import math
from collections import defaultdict
from itertools import combinations

import networkx as nx
import pandas as pd

from ..build import restrict_to_year
from ..errors import OptionError
from ..i18n import _, labels, listed
from ..schema import closest, normalise_token

__all__ = ["RECOMMENDATION_COLUMNS", "recommend_partners", "partner_scores"]

RECOMMENDATION_COLUMNS = ["member", "member_name", "rank", "partner", "partner_name",
                          "partner_poles", "score", "reasons", "reasons_fr", "supporters"]
_ACTORS = ("organisation", "collectivity")
WEIGHTS = {"territory": 1.0, "sector": 0.5, "same_pole": 0.5, "neighbour_pole": 0.25,
           "funders": 0.5, "connected": 0.1}


class _Context:
    """What scoring needs, computed once per graph."""

    def __init__(self, G: nx.MultiDiGraph, year: int | None, cooperation: nx.Graph | None = None):
        from . import cooperation_layer
        from .layers import poles_layer

        H = restrict_to_year(G, year)
        self.G = H
        self.coop = cooperation if cooperation is not None else cooperation_layer(G, year=year)
        self.poles_of: dict[str, set] = defaultdict(set)
        self.members_of: dict[str, set] = defaultdict(set)
        self.funders_of: dict[str, set] = defaultdict(set)
        funded: dict[str, int] = defaultdict(int)
        participants: dict[str, set] = defaultdict(set)
        for u, v, d in H.edges(data=True):
            kind = d.get("type")
            if kind in ("member_of", "animates") and H.nodes[u].get("type") in _ACTORS:
                self.poles_of[u].add(v)
                self.members_of[v].add(u)
            elif kind == "funds":
                self.funders_of[v].add(u)
                funded[u] += 1
            elif kind == "participates_in":
                participants[v].add(u)
        self.funder_weight = {f: 1 / math.log(1 + n) for f, n in funded.items()}
        P = poles_layer(G, year=year)
        self.neighbour_poles = {p: set(P[p]) for p in P}
        self.complementary = complementary_sectors(
            [{self.sector(a) for a in actors} | {self.sector(project)}
             for project, actors in participants.items()])
        # who funds whom, through poles and projects: funders are supporters, not peers
        project_poles: dict[str, set] = defaultdict(set)
        for u, v, d in H.edges(data=True):
            if d.get("type") == "part_of":
                project_poles[u].add(v)
        self.funded_by: dict[str, set] = defaultdict(set)
        for recipient, funders in self.funders_of.items():
            for actor in self.members_of.get(recipient, ()):
                self.funded_by[actor] |= funders
            for pole in project_poles.get(recipient, ()):
                for actor in self.members_of.get(pole, ()):
                    self.funded_by[actor] |= funders
            for actor in participants.get(recipient, ()):
                self.funded_by[actor] |= funders
            self.funded_by[recipient] |= funders

    def sector(self, node) -> str:
        return normalise_token(self.G.nodes[node].get("sector", "")) if node in self.G else ""

    def territory(self, node) -> str:
        return normalise_token(self.G.nodes[node].get("territory", "")) if node in self.G else ""

    def name(self, node) -> str:
        return self.G.nodes[node].get("name", node)

    def candidates(self, member) -> set:
        """Actors of the member's poles and of the poles next to them, no existing tie."""
        poles = set(self.poles_of.get(member, ()))
        if poles:
            near = poles | {q for p in poles for q in self.neighbour_poles.get(p, ())}
            pool = {a for p in near for a in self.members_of.get(p, ())}
        else:
            pool = set(self.coop)
        tied = set(self.coop[member]) if member in self.coop else set()
        return {a for a in pool if a != member and a not in tied and a in self.coop
                and not self.funds_either(member, a)}

    def supporters(self, a, b) -> list:
        """Who already funds ``a`` or ``b`` (directly, or their poles or projects): those
        funding both sides first, then by id; neither side itself."""
        mine, theirs = self.funded_by.get(a, set()), self.funded_by.get(b, set())
        return sorted((mine | theirs) - {a, b},
                      key=lambda f: (not (f in mine and f in theirs), str(f)))

    def funds_either(self, a, b) -> bool:
        """Whether one of ``a``, ``b`` funds the other (or its poles or projects)."""
        return a in self.funded_by.get(b, ()) or b in self.funded_by.get(a, ())


def _reason_parts(context: _Context, member, partner) -> list[tuple[float, str, str]]:
    """(part of the score, English reason, French reason) for one (member, partner) pair,
    strongest first."""
    parts: list[tuple[float, str, str]] = []
    C = context.coop
    common = sorted(set(C[member]) & set(C[partner]))
    if common:
        value = sum(1 / math.log(C.degree(z)) for z in common if C.degree(z) > 1)
        names = ", ".join(context.name(z) for z in common[:3])
        extra = len(common) - 3
        more = f" and {extra} more" if extra > 0 else ""
        more_fr = (f" et {extra} autre{'s' if extra > 1 else ''}") if extra > 0 else ""
        parts.append((value, f"common partners: {names}{more}",
                      f"partenaires communs : {names}{more_fr}"))
    territory = context.territory(member)
    if territory and territory == context.territory(partner):
        shown = context.G.nodes[member].get("territory")
        parts.append((WEIGHTS["territory"], f"same territory: {shown}",
                      f"même territoire : {shown}"))
    a, b = context.sector(member), context.sector(partner)
    if a and b and a != b and frozenset((a, b)) in context.complementary:
        # sectors by their label in each language (the code itself when not in the catalogue)
        en, fr = labels("en"), labels("fr")
        sectors = (context.G.nodes[member].get("sector"), context.G.nodes[partner].get("sector"))
        pair = " + ".join(en.sector(s) for s in sectors)
        pair_fr = " + ".join(fr.sector(s) for s in sectors)
        parts.append((WEIGHTS["sector"],
                      f"complementary sectors, already combined in a project: {pair}",
                      f"secteurs complémentaires, déjà réunis dans un projet commun : {pair_fr}"))
    mine, theirs = context.poles_of.get(member, set()), context.poles_of.get(partner, set())
    if mine & theirs:
        pole = context.name(sorted(mine & theirs)[0])
        parts.append((WEIGHTS["same_pole"], f"same pole: {pole}", f"même pôle : {pole}"))
    elif theirs and mine:
        pole = context.name(sorted(theirs)[0])
        parts.append((WEIGHTS["neighbour_pole"], f"neighbouring pole: {pole}",
                      f"pôle voisin : {pole}"))
    funders = sorted(context.funders_of.get(member, set()) & context.funders_of.get(partner,
                                                                                      set()))
    if funders:
        value = WEIGHTS["funders"] * sum(context.funder_weight[f] for f in funders)
        names = ", ".join(context.name(f) for f in funders[:3])
        same_fr = "mêmes financeurs" if len(funders) > 1 else "même financeur"
        parts.append((value, f"same funders: {names}", f"{same_fr} : {names}"))
    degree = C.degree(partner)
    if degree:
        plural = "s" if degree > 1 else ""
        parts.append((WEIGHTS["connected"] * math.log(1 + degree),
                      f"well connected: {degree} partner{plural}",
                      f"bien connecté : {degree} partenaire{plural}"))
    parts.sort(key=lambda p: -p[0])
    return parts


def complementary_sectors(projects: list[set]) -> set[frozenset]:
    """Pairs of sectors that projects combine more often than chance: more projects holding
    both than ``n_a x n_b / n`` (``n_a``: projects holding sector a, ``n`` projects).

    >>> sorted(map(sorted, complementary_sectors([{"reuse", "insertion"}, {"reuse", "insertion"},
    ...                                          {"energy"}, {"food"}])))
    [['insertion', 'reuse']]
    """
    projects = [{s for s in sectors if s} for sectors in projects]
    n = len(projects)
    holding: dict[str, int] = defaultdict(int)
    together: dict[frozenset, int] = defaultdict(int)
    for sectors in projects:
        for s in sectors:
            holding[s] += 1
        for pair in combinations(sorted(sectors), 2):
            together[frozenset(pair)] += 1
    return {pair for pair, count in together.items()
            if count > math.prod(holding[s] for s in pair) / n}


def partner_scores(context: _Context, member, partner) -> tuple[float, list[str]]:
    """The score of one (member, partner) pair and its reasons (English), strongest first."""
    parts = _reason_parts(context, member, partner)
    return sum(p[0] for p in parts), [p[1] for p in parts]


def recommend_partners(
    G: nx.MultiDiGraph,
    *,
    members=None,
    top: int = 5,
    year: int | None = None,
    cooperation: nx.Graph | None = None,
) -> pd.DataFrame:
    """Ranked partners for each of ``members``.

    Parameters
    ----------
    members : ids of organisations or collectivities; by default the isolated and peripheral
        members that ``node_metrics`` reports.
    top : how many partners per member.
    year : work on what is active that year.
    cooperation : ``cooperation_layer(G, year=year)`` when the caller already has it.

    Returns
    -------
    DataFrame
        ``member, member_name, rank`` (1 = best), ``partner, partner_name, partner_poles``
        (ids, '; '-separated), ``score`` (see the module), ``reasons`` ('; '-separated,
        strongest first), ``reasons_fr`` (the same reasons in French), ``supporters`` (ids,
        '; '-separated: who already funds either side, directly or through their poles or
        projects, and could support the cooperation; those funding both first). Members in
        the given order; an existing cooperation tie (direct or a shared project) is never
        proposed, nor is a supporter ever proposed as a partner.

    Raises
    ------
    OptionError
        A member id that is not an organisation or collectivity of ``G``.
    """
    if top < 1:
        raise OptionError(_("--top must be at least 1, not {top}", top=top))
    if year is None:  # the time model's year: members who left are neither helped nor proposed
        from ..time_model import resolve_as_of

        year = resolve_as_of(G).year
        cooperation = None  # a layer given for "every year" is not the as-of year's
    context = _Context(G, year, cooperation)
    if members is None:
        members = default_members(G, year=year)
    rows = []
    for member in members:
        if member not in G:
            near = closest(str(member), [n for n, t in G.nodes(data="type") if t in _ACTORS],
                           cutoff=0.75)
            if near:
                raise OptionError(_("unknown member id {id!r}: did you mean {words}?",
                                    id=member, words=listed(repr(n) for n in near)))
            raise OptionError(_("unknown member id {id!r}: use an id from nodes.csv",
                                id=member))
        if G.nodes[member].get("type") not in _ACTORS:
            raise OptionError(_("{id!r} is of type {type}: recommendations are for organisations "
                                "and collectivities", id=member,
                                type=_(f"type.{G.nodes[member].get('type')}")))
        if member not in context.coop:
            continue  # not active that year
        scored = []
        for partner in context.candidates(member):
            parts = _reason_parts(context, member, partner)
            scored.append((-sum(p[0] for p in parts), partner, parts))
        scored.sort(key=lambda s: s[:2])
        for rank, (negative, partner, parts) in enumerate(scored[:top], start=1):
            rows.append((member, context.name(member), rank, partner, context.name(partner),
                         "; ".join(sorted(context.poles_of.get(partner, ()))), -negative,
                         "; ".join(p[1] for p in parts), "; ".join(p[2] for p in parts),
                         "; ".join(context.supporters(member, partner))))
    return pd.DataFrame(rows, columns=RECOMMENDATION_COLUMNS)


def default_members(G: nx.MultiDiGraph, *, year: int | None = None,
                    metrics: pd.DataFrame | None = None) -> list:
    """The isolated and peripheral pole members, as ``node_metrics`` flags them (``metrics``:
    its table for ``year`` when the caller already has it)."""
    from ..time_model import resolve_as_of
    from . import node_metrics

    if year is None:
        year = resolve_as_of(G).year
    if metrics is None:
        metrics = node_metrics(G, year=year)
    flagged = metrics[(metrics["isolated"].fillna(False).astype(bool))
                      | (metrics["peripheral"].fillna(False).astype(bool))]
    node_column = "node" if "node" in flagged.columns else flagged.columns[0]
    H = restrict_to_year(G, year)  # current members only: those who left are not flagged
    members = {u for u, v, d in H.edges(data=True) if d.get("type") == "member_of"}
    return sorted(n for n in flagged[node_column] if n in members
                  and G.nodes[n].get("type") in _ACTORS)
