"""Which poles are fragile, and why, in sentences a facilitator can repeat --
``OUT/metrics/poles.csv``.

The score follows the reasons poles stall (``DOMAIN.md``): funding that stops, dependence on
one funder or on one key actor, subsidies above the "3/3 rule", members left out, cooperation
that stays within sectors. Each signal is a value in [0, 1]; the score is their weighted sum
(weights in :data:`FRAGILITY_WEIGHTS`, summing to 1), so 0 means no signal and 1 every signal
at its worst:

========================  ======  ===========================================================
signal                    weight  value
========================  ======  ===========================================================
funding_stop              0.30    1 when funding stopped (see below); 0.5 when no funding
                                  is recorded, or (with ``year``) when funding ends that
                                  very year
funder_dependence         0.20    1 for a single funder; else, from the threshold up,
                                  0.5 + 0.5 x (top share - threshold) / (1 - threshold)
key_actor                 0.20    key_actor_impact: the largest share of the pole's other
                                  actors cut off by one actor leaving
isolation                 0.10    isolated members / members
subsidy_dependence        0.10    own revenue below a third of the members' budgets:
                                  (1/3 - own share) / (1/3)
sector_closure            0.10    with 3 ties or more inside the pole, fewer than a quarter
                                  crossing sectors: 1 - cross-sector share / 0.25
========================  ======  ===========================================================

Funding stopped: with ``year``, no funding that year while the pole had some before (the
question asked is that year's situation: Centre Isère in 2019). Without ``year`` the dataset's
horizon (the last year any grant covers) is not a real "now" -- later grants may simply not be
recorded yet -- so a stop is flagged only after :data:`STOP_GAP` years without funding before
the horizon (funders usually commit for three years). Key-actor reasons are given from a fifth
of the other actors cut off (:data:`KEY_ACTOR_REASON`); smaller effects still count in the
score. Reasons
come in decreasing order of their part in the score (the first is the main one), in English
(``fragility_reasons``) and French (``fragility_reasons_fr``), joined by ``"; "``.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import pandas as pd

from ..build import node_name, restrict_to_year
from ..ingest import year_of
from ..schema import join_ids
from .funding import check_threshold, concentration, is_public
from .isolation import key_actor_impact, pole_actors, pole_network
from .layers import cooperation_layer
from .profile import funding_by_year, pole_funding, pole_profiles

__all__ = [
    "POLE_COLUMNS",
    "FRAGILITY_WEIGHTS",
    "pole_fragility",
    "reference_year",
    "reasons_list",
]

FRAGILITY_WEIGHTS = {
    "funding_stop": 0.30,
    "funder_dependence": 0.20,
    "key_actor": 0.20,
    "isolation": 0.10,
    "subsidy_dependence": 0.10,
    "sector_closure": 0.10,
}
REASON_SEPARATOR = "; "
STOP_GAP = 3
KEY_ACTOR_REASON = 0.2

POLE_COLUMNS = [
    "pole", "name", "status", "members", "employees", "budget", "collectivities", "funders",
    "funding_total", "top_funder", "top_funder_share", "funding_hhi", "public_share",
    "own_revenue_share", "key_actors", "key_actor_impact", "isolated_members",
    "cross_sector_share", "funding_ends", "fragility_score", "fragility_reasons",
    "fragility_reasons_fr",
]


def reference_year(G: nx.MultiDiGraph) -> int | None:
    """The dataset's funding horizon: the last year any grant covers (its end, else start)."""
    years = [year_of(d.get("end")) or year_of(d.get("start")) for _, _, d in G.edges(data=True)
             if d.get("type") == "funds"]
    years = [y for y in years if y is not None]
    return max(years) if years else None


def reasons_list(text: str | None) -> list[str]:
    """The reasons of a ``fragility_reasons`` cell as a list."""
    if not text or (isinstance(text, float) and math.isnan(text)):
        return []
    return str(text).split(REASON_SEPARATOR)


def _percent(share: float) -> str:
    return f"{round(100 * share)} %"


def _funding_ends(grants: list[dict], ref: int | None) -> int | None:
    """Last year a pole had funding among its grants started by the reference year."""
    last = None
    for grant in grants:
        start, end = grant["start"], grant["end"]
        if start is pd.NA or start is None:
            continue
        if ref is not None and start > ref:
            continue  # not known yet at the reference year
        end = start if end is pd.NA or end is None else end
        last = int(end) if last is None else max(last, int(end))
    return last


def _signals(row: dict, G, threshold: float, ref: int | None, explicit_year: bool,
             impact_actor, impact_cut, impact_others, internal_ties: int,
             member_count: int) -> list[tuple]:
    """(signal, value, English reason, French reason) for each signal present."""
    found = []
    ends = row["funding_ends"]
    if row["funding_withdrawn"]:  # both funding signals at their worst: nothing is left
        found.append(("funding_stop", 1.0, "all its funding is withdrawn",
                      "tous ses financements sont retirés"))
        found.append(("funder_dependence", 1.0, None, None))
    elif ends is None:
        if row["funders"] == 0:
            found.append(("funding_stop", 0.5, "no funding recorded",
                          "aucun financement enregistré"))
    elif ref is not None and ends <= ref - (1 if explicit_year else STOP_GAP):
        found.append(("funding_stop", 1.0, f"no funding after {ends}",
                      f"aucun financement après {ends}"))
    elif explicit_year and ref is not None and ends == ref:
        found.append(("funding_stop", 0.5, f"funding ends in {ends} with no renewal known",
                      f"les financements s'arrêtent en {ends} sans relais connu"))
    top, share = row["top_funder"], row["top_funder_share"]
    if top is not None and share == share and share is not None:
        name = node_name(G, top)
        if row["funders"] == 1:
            found.append(("funder_dependence", 1.0, f"all funding comes from {name}",
                          f"tous les financements viennent de {name}"))
        elif share >= threshold:
            value = 0.5 + 0.5 * (share - threshold) / (1 - threshold) if threshold < 1 else 1.0
            found.append(("funder_dependence", value,
                          f"{_percent(share)} of funding comes from {name}",
                          f"{_percent(share)} des financements viennent de {name}"))
    if impact_actor is not None and impact_others:
        value = impact_cut / impact_others
        name = node_name(G, impact_actor)
        if value >= KEY_ACTOR_REASON:
            found.append(("key_actor", value,
                          f"removing {name} cuts {impact_cut} of {impact_others} members off",
                          f"sans {name}, {impact_cut} des {impact_others} membres "
                          f"{'est coupé' if impact_cut == 1 else 'sont coupés'} du réseau"))
        else:
            found.append(("key_actor", value, None, None))
    if row["isolated_members"] and member_count:
        k, n = row["isolated_members"], member_count
        verb_en, verb_fr = ("has", "n'a") if k == 1 else ("have", "n'ont")
        found.append(("isolation", k / n,
                      f"{k} of {n} members {verb_en} no cooperation tie",
                      f"{k} des {n} membres {verb_fr} aucun lien de coopération"))
    own = row["own_revenue_share"]
    if own is not None and own == own and own < 1 / 3:
        found.append(("subsidy_dependence", (1 / 3 - own) * 3,
                      f"own revenue is only {_percent(own)} of members' budgets "
                      "(3/3 rule: at least a third)",
                      f"les recettes propres ne font que {_percent(own)} des budgets des membres "
                      "(règle des 3/3 : au moins un tiers)"))
    cross = row["cross_sector_share"]
    if internal_ties >= 3 and cross == cross and cross is not None and cross < 0.25:
        found.append(("sector_closure", 1 - cross / 0.25,
                      f"only {_percent(cross)} of cooperation ties cross sectors",
                      f"seuls {_percent(cross)} des liens de coopération relient des secteurs "
                      "différents"))
    return found


def pole_fragility(G: nx.MultiDiGraph, *, year: int | None = None, threshold: float = 0.5,
                   profiles: pd.DataFrame | None = None,
                   funding_withdrawn=frozenset(),
                   cooperation: nx.Graph | None = None) -> pd.DataFrame:
    """A row per pole (active in ``year``), sorted by ``fragility_score`` (decreasing) then id.

    Columns (:data:`POLE_COLUMNS`): ``pole, name, status``; from
    :func:`.profile.pole_profiles`: ``members`` (member organisations), ``employees``,
    ``budget``, ``collectivities``, ``funders``, ``funding_total``, ``own_revenue_share``;
    funding of the pole and its projects: ``top_funder`` (id), ``top_funder_share``,
    ``funding_hhi``, ``public_share``, ``funding_ends`` (last funded year known at the
    reference year); on the pole's cooperation network (members and animators on the
    cooperation layer): ``key_actors`` (ids of the actors whose departure cuts others off,
    most damaging first, joined by ``;``), ``key_actor_impact`` (largest share of the other
    actors cut off by one departure), ``isolated_members`` (member organisations with no
    cooperation tie), ``cross_sector_share`` (share of the pole's internal ties joining two
    sectors); then ``fragility_score`` in [0, 1] and ``fragility_reasons`` /
    ``fragility_reasons_fr`` (see the module docstring for how they are built).

    ``profiles``: ``pole_profiles(G, year=year)`` when the caller already has it;
    ``cooperation``: ``cooperation_layer(G, year=year)`` likewise.
    ``funding_withdrawn``: poles a what-if scenario has taken every funder from; with no
    funding left both funding signals count at their worst (not as "no funding recorded"),
    so that losing funders never lowers a score.
    Raises OptionError when ``threshold`` is not a share in (0, 1].
    """
    threshold = check_threshold(threshold)
    H = restrict_to_year(G, year)
    if profiles is None:
        profiles = pole_profiles(G, year=year)
    profiles = profiles.set_index("pole")
    C = cooperation if cooperation is not None else cooperation_layer(G, year=year)
    members, animators = pole_actors(H)
    grants_now = pole_funding(H)
    if year is not None:
        per_year = funding_by_year(grants_now)
        grants_now = per_year[per_year["year"] == year]
    funding_now: dict = defaultdict(dict)
    for (pole, funder), amount in grants_now.groupby(["pole", "funder"])["amount"].sum().items():
        funding_now[pole][funder] = float(amount)
    history: dict = defaultdict(list)
    for grant in pole_funding(G).to_dict("records"):
        history[grant["pole"]].append(grant)
    ref = year if year is not None else reference_year(G)
    rows = []
    for pole in sorted(profiles.index, key=str):
        profile = profiles.loc[pole]
        by_funder = funding_now.get(pole, {})
        figures = concentration(by_funder, threshold) if by_funder else None
        total = figures["total"] if figures else 0.0
        public = sum(a for f, a in by_funder.items() if is_public(H.nodes[f]))
        actors = members.get(pole, set()) | animators.get(pole, set())
        P = pole_network(C, actors)
        impacts = key_actor_impact(P)
        pole_members = [m for m in members.get(pole, ())
                        if m in C and C.nodes[m].get("type") == "organisation"]
        isolated = sum(1 for m in pole_members if C.degree(m) == 0)
        internal = list(P.edges())
        cross = [e for e in internal if _cross(P, *e)]
        row = {
            "pole": pole, "name": profile["name"], "status": profile["status"],
            "members": int(profile["members"]), "employees": profile["employees"],
            "budget": profile["budget"], "collectivities": int(profile["collectivities"]),
            "funders": int(profile["funders"]), "funding_total": float(profile["funding_total"]),
            "top_funder": figures["top_funder"] if figures else None,
            "top_funder_share": figures["top_share"] if figures else float("nan"),
            "funding_hhi": figures["hhi"] if figures else float("nan"),
            "public_share": public / total if total > 0 else float("nan"),
            "own_revenue_share": profile["own_revenue_share"],
            "key_actors": join_ids(a for a, _, _ in impacts),
            "key_actor_impact": impacts[0][1] / impacts[0][2] if impacts else 0.0,
            "isolated_members": isolated,
            "cross_sector_share": len(cross) / len(internal) if internal else float("nan"),
            "funding_ends": _funding_ends(history.get(pole, []), ref),
            "funding_withdrawn": pole in funding_withdrawn and not by_funder,
        }
        signals = _signals(row, H, threshold, ref, year is not None,
                           *(impacts[0] if impacts else (None, 0, 0)), len(internal),
                           len(pole_members))
        signals.sort(key=lambda s: -FRAGILITY_WEIGHTS[s[0]] * s[1])
        score = sum(FRAGILITY_WEIGHTS[s[0]] * s[1] for s in signals)
        row["fragility_score"] = round(min(score, 1.0), 3)
        row["fragility_reasons"] = REASON_SEPARATOR.join(s[2] for s in signals if s[2]) or None
        row["fragility_reasons_fr"] = REASON_SEPARATOR.join(s[3] for s in signals if s[3]) or None
        del row["funding_withdrawn"]
        rows.append(row)
    frame = pd.DataFrame(rows, columns=POLE_COLUMNS)
    frame["funding_ends"] = frame["funding_ends"].astype("Int64")
    for col in ("employees", "budget", "own_revenue_share"):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    frame = frame.sort_values("fragility_score", ascending=False, kind="stable")
    return frame.reset_index(drop=True)


def _cross(P: nx.Graph, a, b) -> bool:
    sa, sb = P.nodes[a].get("sector"), P.nodes[b].get("sector")
    return bool(sa and sb and sa != sb)
