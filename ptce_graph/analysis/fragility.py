"""Which poles are fragile, and why -- ``OUT/metrics/poles.csv`` and, year by year,
``OUT/metrics/fragility_by_year.csv``.

The score (version 2) measures what the field says makes poles stall (``DOMAIN.md``: the ESCI
presentations of 2018 and 2021, the RTES studies of 2014 and 2016), as of one year (the time
model, :mod:`ptce_graph.time_model`). Eight components, each a value in [0, 1] and a column of
``poles.csv``:

=====================  ======  ==============================================================
component              weight  value (field source)
=====================  ======  ==============================================================
funding_ending         0.25    share of the pole's yearly budget that neither its own revenue
                               nor the grants known as of the year cover *next year*: the end
                               of start-up or programme funding (ESCI: start-up grants
                               2014-2016, relay 2017-2018, standby 2019)
funding_horizon        0.15    the same, two and three years ahead (funders commit for 3
                               years, consolidation takes more than 5: RTES 2016)
funder_concentration   0.15    share of the budget that would stay uncovered if the largest
                               funder of the last three years left (dependence on one funder)
subsidy_dependence     0.15    the 3/3 rule (at most a third subsidies) on the pole's own
                               economic model: 0 up to a third of subsidies, 1 at 100 %,
                               linear between; unknown without the pole's own figures (the
                               members' consolidated budgets are shown, with a reason, but
                               not scored)
public_dependence      0.05    share of the budget that neither own revenue nor private
                               funders cover (75 % of poles rely on collectivities: weak
                               signal, small weight)
key_actor              0.10    share of the pole's other actors outside the piece holding
                               most of its actors once its most critical actor leaves (those
                               already outside count: dependence on one key actor, and a
                               network in pieces)
isolation              0.05    members without any cooperation tie / members (unfinished
                               cooperation, members losing interest); half weight, as they
                               also count in key_actor
sector_closure         0.10    share of the pole's sectors whose actors have no cooperation
                               tie with another sector (sectoral, self-centred structures)
=====================  ======  ==============================================================

The budget is the pole node's ``budget`` (its animation cell), else the RTES 2014 median of
152 kEUR; its own revenue is the pole's ``own_revenue``, else the median 32 % self-financing.

**Unknown is not fragile.** Each component is known or not (evidence 1 or 0): the funding
components once the pole is documented (it has actors as of the year, or declares its
budget) and the dataset's funding record has begun (some grant, to any pole, started by
the year); the others with the pole's own figures, actors, members, sectors. A documented
pole with no grant left is known to have its budget uncovered, never unknown: losing
funding never lowers the score. The score is ``sum(weight x evidence x value)``: a missing
input adds nothing. ``coverage`` is ``sum(weight x evidence)``; a pole under
:data:`MIN_COVERAGE` gets no score (empty) and the reason ``not_enough_data`` says what is
missing; it is listed after every scored pole.

**Properties** (``tests/analysis/test_fragility_properties.py``): no threshold anywhere in the
score (every value is continuous in amounts); a component only reads the pole's own members,
animators, funders and projects (locality); removing a grant or a funder (even the last),
adding own revenue, removing a cooperation tie or the pole's key actor (with its ties,
memberships and figures) move the score the right way or leave it; a stop of funding raises
the score the year it happens and never lowers it while nothing new comes. The member-side
components are built for it: a share of actors or ties rewards the departure of whoever
lowered it (a closed member leaving opens the pole), so ``key_actor`` counts against the
pole's size before the departure and ``sector_closure`` counts sectors, which a departure
only removes when its last actor, tied to other sectors, leaves.

Reasons are :class:`ptce_graph.reasons.Reason` codes with parameters, in decreasing order of
their part in the score (``fragility_reason_codes``); ``fragility_reasons`` (English) and
``fragility_reasons_fr`` render them through :func:`ptce_graph.i18n.render_reasons`.
"""

from __future__ import annotations

import math
from collections import defaultdict

import networkx as nx
import pandas as pd

from ..build import node_name, restrict_to_year, survey_answered
from ..i18n import render_reasons
from ..reasons import Reason, parse_reasons, reason, reasons_text
from ..schema import join_ids
from ..time_model import covered_years, declared_as_of, resolve_as_of
from .funding import check_threshold, concentration, is_public
from .isolation import cohesion, key_actor_impact, pole_actors, pole_network
from .layers import cooperation_layer
from .profile import pole_funding, pole_profiles

__all__ = [
    "POLE_COLUMNS",
    "COMPONENTS",
    "FRAGILITY_WEIGHTS",
    "FRAGILITY_BY_YEAR_COLUMNS",
    "pole_fragility",
    "fragility_by_year",
    "reasons_list",
]

FRAGILITY_WEIGHTS = {
    "funding_ending": 0.25,
    "funding_horizon": 0.15,
    "funder_concentration": 0.15,
    "subsidy_dependence": 0.15,
    "public_dependence": 0.05,
    "key_actor": 0.10,
    "isolation": 0.05,
    "sector_closure": 0.10,
}
COMPONENTS = list(FRAGILITY_WEIGHTS)
FUNDING_COMPONENTS = ("funding_ending", "funding_horizon", "funder_concentration",
                      "public_dependence")
MEDIAN_BUDGET = 152_000.0  # RTES 2014, 42 poles: animation cell budget
MEDIAN_OWN_SHARE = 0.32  # RTES 2014: animation cell self-financed at 32 %
MIN_COVERAGE = 0.5
WINDOW = 3  # years: funders' usual commitment
REASON_MIN = 0.01  # a component adding less than this to the score gets no reason

REASON_SEPARATOR = "; "

POLE_COLUMNS = [
    "pole", "name", "status", "as_of", "members", "employees", "budget", "collectivities",
    "funders", "funding_total", "top_funder", "top_funder_share", "funding_hhi", "public_share",
    "own_revenue_share", "subsidy_share", "subsidy_basis", "key_actors", "key_actor_impact",
    "isolated_members", "cross_sector_share", "funding_ends", *COMPONENTS, "coverage",
    "fragility_score", "fragility_reason_codes", "fragility_reasons", "fragility_reasons_fr",
]
FRAGILITY_BY_YEAR_COLUMNS = ["pole", "name", "year", "fragility_score", *COMPONENTS, "coverage",
                             "fragility_reason_codes"]


def reasons_list(text: str | None) -> list[str]:
    """The reasons of a ``fragility_reasons`` cell as a list."""
    if not text or (isinstance(text, float) and math.isnan(text)):
        return []
    return str(text).split(REASON_SEPARATOR)


def _number(value) -> float | None:
    if value is None or value is pd.NA:
        return None
    try:
        value = float(value)
    except (TypeError, ValueError):
        return None
    return None if math.isnan(value) else value


def _economic_model(attrs: dict, member_attrs: list[dict]) -> dict:
    """The pole's budget and own revenue for the funding components, and its subsidy share
    with the basis it rests on (``pole``, ``members`` or None)."""
    budget, own = _number(attrs.get("budget")), _number(attrs.get("own_revenue"))
    if budget is not None and budget > 0 and own is not None:
        share, basis = max(0.0, 1 - own / budget), "pole"
    else:
        both = [(a["budget"], a["own_revenue"]) for a in member_attrs
                if _number(a.get("budget")) and _number(a.get("own_revenue")) is not None]
        total = sum(float(b) for b, _ in both)
        if total > 0:
            share, basis = max(0.0, 1 - sum(float(o) for _, o in both) / total), "members"
        else:
            share, basis = None, None
    if budget is None or budget <= 0:
        budget = MEDIAN_BUDGET
    if own is None:
        own = MEDIAN_OWN_SHARE * budget
    return {"budget": budget, "own": min(own, budget), "subsidy_share": share,
            "subsidy_basis": basis}


def _yearly(grants: list[dict]) -> dict:
    """year -> {funder: EUR that year} for grants with a start year."""
    by_year: dict = defaultdict(lambda: defaultdict(float))
    for g in grants:
        start, end = g["start"], g["end"]
        if start is None or start is pd.NA:
            continue
        end = start if end is None or end is pd.NA else end
        years = range(int(start), int(end) + 1)
        for y in years:
            by_year[y][g["funder"]] += g["amount"] / len(years)
    return by_year


def _funding_components(grants: list[dict], year: int, economy: dict, public: dict,
                        documented: bool, dataset_year: int | None = None) -> dict:
    """The four funding components of one pole as of ``year`` (grants known by then: started
    at the latest that year), their evidence and the figures their reasons need.

    ``documented``: the pole is documented (it has actors or declares its budget) in a
    dataset that records funding. Then its funding is known, whatever the amounts: a grant
    removed only leaves more of the budget uncovered, and a pole left with no grant at all
    has all of it uncovered (evidence 1, never less). Otherwise the components are unknown.

    Known grants: those started by ``year``; from ``dataset_year`` on (the year the dataset
    declares it describes), every recorded grant, later ones being the funding committed
    ahead as of the dataset's date (an earlier year of the history cannot know them)."""
    known = [g for g in grants if g["start"] is not None and g["start"] is not pd.NA
             and (int(g["start"]) <= year
                  or (dataset_year is not None and year >= dataset_year))]
    evidence = 1.0 if documented else 0.0
    by_year = _yearly(known)
    B, own = economy["budget"], economy["own"]

    def uncovered(amount: float) -> float:
        return max(0.0, B - own - amount) / B

    def total(y: int) -> float:
        return sum(by_year.get(y, {}).values())

    ending = uncovered(total(year + 1))
    horizon = sum(uncovered(total(year + k)) for k in range(2, WINDOW + 1)) / (WINDOW - 1)
    window: dict = defaultdict(float)
    for y in range(year - WINDOW + 1, year + 1):
        for funder, amount in by_year.get(y, {}).items():
            window[funder] += amount / WINDOW
    top = min(window, key=lambda f: (-window[f], str(f))) if window else None
    others = sum(window.values()) - (window[top] if top is not None else 0.0)
    private = sum(a for f, a in window.items() if not public.get(f, True))
    funded_years = sorted(y for y, amounts in by_year.items() if sum(amounts.values()) > 0)
    past = [y for y in funded_years if y <= year]
    return {
        "values": {
            "funding_ending": ending,
            "funding_horizon": horizon,
            "funder_concentration": uncovered(others),
            "public_dependence": uncovered(private),
        },
        "evidence": evidence,
        "now": total(year), "next": total(year + 1), "window": dict(window), "top": top,
        "last_funded": past[-1] if past else None,
        "committed_until": funded_years[-1] if funded_years else None,
    }


def _funding_reasons(f: dict, year: int) -> dict:
    """Component -> its Reason, for the funding components."""
    found = {}
    if f["last_funded"] is not None and f["last_funded"] < year:
        found["funding_ending"] = reason("funding_stopped", year=f["last_funded"])
    else:
        ending = max(0.0, 1 - f["next"] / f["now"]) if f["now"] > 0 else 0.0
        found["funding_ending"] = (
            reason("funding_ends", year=year, share=round(ending, 4)) if ending >= 0.25 else
            reason("funding_short", year=year + 1, share=round(f["values"]["funding_ending"], 4)))
    until = f["committed_until"]
    found["funding_horizon"] = reason("funding_uncommitted",
                                      year=max(until, year) if until is not None else year)
    window, top = f["window"], f["top"]
    if top is not None:
        share = window[top] / sum(window.values()) if sum(window.values()) > 0 else 1.0
        found["funder_concentration"] = (reason("single_funder", funder=top)
                                         if len(window) == 1 else
                                         reason("top_funder_share", funder=top,
                                                share=round(share, 4)))
    return found


def _row(G: nx.MultiDiGraph, H: nx.MultiDiGraph, C: nx.Graph, pole, year: int, profile,
         grants: list[dict], members: dict, animators: dict, threshold: float,
         funding_withdrawn: bool, recorded: float | None, funding_recorded: bool,
         dataset_year: int | None = None) -> dict:
    attrs = G.nodes[pole]
    member_ids = [m for m in members.get(pole, ()) if H.nodes[m].get("type") == "organisation"]
    economy = _economic_model(attrs, [H.nodes[m] for m in member_ids])
    public = {g["funder"]: is_public(G.nodes[g["funder"]]) for g in grants}
    actors = set(members.get(pole, ())) | set(animators.get(pole, ()))
    documented = bool(actors) or (_number(attrs.get("budget")) or 0) > 0
    funding = _funding_components(grants, year, economy, public,
                                  documented and funding_recorded, dataset_year)
    values = dict(funding["values"])
    evidence = dict.fromkeys(FUNDING_COMPONENTS, funding["evidence"])
    reasons = _funding_reasons(funding, year)
    # in a scenario: the baseline recorded grants for the pole, the scenario leaves none
    emptied = recorded is not None and recorded > 0 and not any(g["amount"] > 0 for g in grants)
    if (funding_withdrawn or emptied) and funding["now"] == 0:
        reasons["funding_ending"] = reason("funding_withdrawn")

    share, basis = economy["subsidy_share"], economy["subsidy_basis"]
    # the 3/3 rule scores the pole's own economic model only; the members' consolidated
    # budgets are shown (subsidy_share, basis "members", a reason after the scored ones) but
    # not scored: an average over members moves either way when one leaves
    scored_share = share if basis == "pole" else None
    values["subsidy_dependence"] = (min(1.0, max(0.0, (share - 1 / 3) / (2 / 3)))
                                    if scored_share is not None else float("nan"))
    evidence["subsidy_dependence"] = 1.0 if scored_share is not None else 0.0
    informative = []
    if scored_share is not None:
        reasons["subsidy_dependence"] = reason("subsidy_share_above_third",
                                               share=round(share, 4), basis=basis)
    elif share is not None and share > 1 / 3:
        informative.append(reason("subsidy_share_above_third", share=round(share, 4),
                                  basis=basis))
    uncovered_public = values["public_dependence"]
    reasons["public_dependence"] = reason("public_dependence", share=round(uncovered_public, 4))

    # the pole's cooperation network: its member and animator organisations; collectivities
    # that join a pole fund and sponsor it more than they cooperate (supporters, not peers),
    # so that losing one as a funder never reads as a more cohesive pole
    P = pole_network(C, {a for a in actors if H.nodes[a].get("type") == "organisation"})
    impacts = key_actor_impact(P)
    values["key_actor"], main = cohesion(P)
    evidence["key_actor"] = 1.0 if P.number_of_nodes() >= 1 else 0.0
    if impacts:
        actor, cut, others = impacts[0]
        reasons["key_actor"] = reason("key_actor", actor=actor, cut=cut, others=others)
    elif values["key_actor"] > 0:
        reasons["key_actor"] = reason("pole_in_pieces", outside=P.number_of_nodes() - len(main),
                                      actors=P.number_of_nodes())
    in_layer = [m for m in member_ids if m in C]
    # a member that did not answer the roster survey is "no answer", never isolated
    isolated = sum(1 for m in in_layer if C.degree(m) == 0
                   and survey_answered(H.nodes[m], year) is not False)
    values["isolation"] = isolated / len(in_layer) if in_layer else float("nan")
    evidence["isolation"] = 1.0 if in_layer else 0.0
    if isolated:
        reasons["isolation"] = reason("isolated_members", count=isolated, members=len(in_layer))
    internal = list(P.edges())
    cross = sum(1 for a, b in internal if _cross(P, a, b))
    cross_share = cross / len(internal) if internal else float("nan")
    sectors, closed = _closed_sectors(P)
    values["sector_closure"] = len(closed) / len(sectors) if sectors else float("nan")
    evidence["sector_closure"] = 1.0 if sectors else 0.0
    if closed:
        reasons["sector_closure"] = reason("sectors_closed", closed=len(closed),
                                           sectors=len(sectors))

    coverage = sum(FRAGILITY_WEIGHTS[c] * evidence[c] for c in COMPONENTS)
    parts = {c: FRAGILITY_WEIGHTS[c] * evidence[c] * values[c] for c in COMPONENTS
             if evidence[c] > 0 and values[c] == values[c]}
    if coverage + 1e-12 < MIN_COVERAGE:
        score = float("nan")
        missing = [label for label, comps in (
            ("funding", FUNDING_COMPONENTS), ("members", ("isolation", "key_actor")),
            ("economic_model", ("subsidy_dependence",)), ("cooperation", ("sector_closure",)))
            if all(evidence[c] < 1 for c in comps)]
        ordered: list[Reason] = [reason("not_enough_data", missing="+".join(missing))]
    else:
        score = round(min(1.0, sum(parts.values())), 3)
        ordered = [reasons[c] for c in sorted(parts, key=lambda c: (-parts[c], COMPONENTS.index(c)))
                   if parts[c] >= REASON_MIN and c in reasons] + informative
    window = funding["window"]
    figures = concentration(window, threshold) if window else None
    total = sum(window.values())
    def name(node):
        return node_name(G, node)
    return {
        "pole": pole, "name": attrs.get("name"), "status": attrs.get("status"), "as_of": year,
        "members": int(profile["members"]), "employees": profile["employees"],
        "budget": profile["budget"], "collectivities": int(profile["collectivities"]),
        "funders": int(profile["funders"]), "funding_total": float(profile["funding_total"]),
        "top_funder": figures["top_funder"] if figures else None,
        "top_funder_share": figures["top_share"] if figures else float("nan"),
        "funding_hhi": figures["hhi"] if figures else float("nan"),
        "public_share": (sum(a for f, a in window.items() if public.get(f)) / total
                         if total > 0 else float("nan")),
        "own_revenue_share": profile["own_revenue_share"],
        "subsidy_share": share if share is not None else float("nan"),
        "subsidy_basis": basis,
        "key_actors": join_ids(a for a, _, _ in impacts),
        "key_actor_impact": values["key_actor"],
        "isolated_members": isolated,
        "cross_sector_share": cross_share,
        "funding_ends": funding["last_funded"],
        **{c: (round(values[c], 4) if evidence[c] > 0 and values[c] == values[c]
               else float("nan")) for c in COMPONENTS},
        "coverage": round(coverage, 4),
        "fragility_score": score,
        "fragility_reason_codes": reasons_text(ordered),
        "fragility_reasons": render_reasons(ordered, "en", name) or None,
        "fragility_reasons_fr": render_reasons(ordered, "fr", name) or None,
    }


def pole_fragility(G: nx.MultiDiGraph, *, year: int | None = None, threshold: float = 0.5,
                   profiles: pd.DataFrame | None = None,
                   funding_withdrawn=frozenset(),
                   baseline: nx.MultiDiGraph | None = None,
                   cooperation: nx.Graph | None = None) -> pd.DataFrame:
    """A row per pole active as of ``year``, scored poles first by ``fragility_score``
    (decreasing, then id), then the poles without enough data (by id).

    ``year``: the as-of year (``--as-of``); ``None`` resolves it with
    :func:`ptce_graph.time_model.resolve_as_of` (declared, else inferred). Members, animators,
    ties and the profile are those of that year; funding components read the grants known by
    then (started at the latest that year; from the as-of year the dataset declares on,
    every recorded grant: later ones are funding committed ahead), over the years around it.

    Columns (:data:`POLE_COLUMNS`): ``pole, name, status, as_of``; from the profile as of the
    year: ``members, employees, budget, collectivities, funders, funding_total`` (that year's
    funding), ``own_revenue_share`` (members'); funding of the last three years:
    ``top_funder, top_funder_share, funding_hhi, public_share``; the pole's economic model:
    ``subsidy_share`` (1 - own revenue / budget) and ``subsidy_basis`` (``pole`` or
    ``members``); on the pole's cooperation network: ``key_actors, key_actor_impact,
    isolated_members, cross_sector_share``; ``funding_ends`` (last funded year up to the
    as-of year); the eight components (empty when unknown), ``coverage``,
    ``fragility_score`` (empty without enough data), ``fragility_reason_codes``
    (language-free), ``fragility_reasons`` (English) and ``fragility_reasons_fr``.

    ``threshold`` only sets ``single_funder_dependent`` figures of the funding table; the score
    has no threshold. ``baseline``: in a what-if scenario, the graph before the change; the
    dataset's funding record is judged on it, so that losing funders never reads as missing
    data.
    ``funding_withdrawn``: poles the scenario took every funder from (their reason says so).
    ``profiles`` and ``cooperation``: ``pole_profiles(G, year=year)`` and
    ``cooperation_layer(G, year=year)`` for the as-of year when the caller already has them.
    Raises OptionError when ``threshold`` is not a share in (0, 1].
    """
    threshold = check_threshold(threshold)
    if year is None:
        year = resolve_as_of(G).year
        profiles = cooperation = None  # given for "every year", not for the as-of year
    if year is None:  # no dated record at all: judge the whole graph as it stands
        year = 0
    H = restrict_to_year(G, year) if year else G
    if profiles is None:
        profiles = pole_profiles(G, year=year or None)
    profiles = profiles.set_index("pole")
    C = cooperation if cooperation is not None else cooperation_layer(G, year=year or None)
    members, animators = pole_actors(H)
    history: dict = defaultdict(list)
    for grant in pole_funding(G).to_dict("records"):
        history[grant["pole"]].append(grant)
    # a dataset whose funding record has not begun by the year (no grant started by then,
    # to any pole) says nothing about any pole's funding; once it has, a documented pole's
    # funding is known, even when none of it is left
    starts = [g["start"] for g in pole_funding(baseline if baseline is not None else G)
              .to_dict("records") if g["start"] is not None and g["start"] is not pd.NA]
    funding_recorded = bool(starts) and min(int(s) for s in starts) <= year
    # the date the dataset declares (not an inferred one, which other poles' records move)
    dataset_year = declared_as_of(baseline if baseline is not None else G)
    recorded: dict = {}
    if baseline is not None:
        base: dict = defaultdict(list)
        for grant in pole_funding(baseline).to_dict("records"):
            base[grant["pole"]].append(grant)
        recorded = {pole: sum(g["amount"] for g in grants) for pole, grants in base.items()}
    rows = [_row(G, H, C, pole, year, profiles.loc[pole], history.get(pole, []), members,
                 animators, threshold, pole in funding_withdrawn,
                 recorded.get(pole, 0.0) if baseline is not None else None, funding_recorded,
                 dataset_year)
            for pole in sorted(profiles.index, key=str)]
    return _table(rows)


def _table(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=POLE_COLUMNS)
    frame["funding_ends"] = frame["funding_ends"].astype("Int64")
    for col in ("employees", "budget", "own_revenue_share", "fragility_score", *COMPONENTS):
        frame[col] = pd.to_numeric(frame[col], errors="coerce").astype(float)
    frame["_unscored"] = frame["fragility_score"].isna()
    frame["_key"] = -frame["fragility_score"].fillna(0)
    frame = frame.sort_values(["_unscored", "_key", "pole"], kind="stable")
    return frame.drop(columns=["_unscored", "_key"]).reset_index(drop=True)


def fragility_by_year(G: nx.MultiDiGraph, *, as_of: int | None = None) -> pd.DataFrame:
    """Each pole's score and components for every year the data covers, up to the as-of year
    (later years would judge commitments not yet recorded as stops).

    Returns
    -------
    DataFrame
        :data:`FRAGILITY_BY_YEAR_COLUMNS`: ``pole, name, year, fragility_score``, the eight
        components, ``coverage`` and ``fragility_reason_codes``; sorted by pole then year.
        A pole appears from the year it is active.
    """
    if as_of is None:
        as_of = resolve_as_of(G).year
    frames = []
    for y in covered_years(G, as_of):
        if as_of is not None and y > as_of:
            break
        table = pole_fragility(G, year=y)
        table["year"] = y
        frames.append(table[FRAGILITY_BY_YEAR_COLUMNS])
    if not frames:
        return pd.DataFrame(columns=FRAGILITY_BY_YEAR_COLUMNS)
    frame = pd.concat(frames, ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    return frame.sort_values(["pole", "year"], kind="stable").reset_index(drop=True)


def reason_codes(cell) -> tuple[Reason, ...]:
    """The reasons of a ``fragility_reason_codes`` cell."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return ()
    return parse_reasons(cell)


def _closed_sectors(P: nx.Graph) -> tuple[set, set]:
    """(the sectors of the pole's actors, those whose actors have no cooperation tie with an
    actor of another sector). A tie stays within a sector only when both ends are known to
    share it: a tie to an actor of unknown sector (a collectivity, say) opens the sector."""
    sector = {a: P.nodes[a].get("sector") or None for a in P}
    sectors = {s for s in sector.values() if s}
    opened = set()
    for a, b in P.edges():
        for s, t in ((sector[a], sector[b]), (sector[b], sector[a])):
            if s and s != t:
                opened.add(s)
    return sectors, sectors - opened


def _cross(P: nx.Graph, a, b) -> bool:
    sa, sb = P.nodes[a].get("sector"), P.nodes[b].get("sector")
    return bool(sa and sb and sa != sb)

