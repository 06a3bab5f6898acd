"""What if a funder withdraws or a key actor leaves: the network without some nodes, compared
with the unchanged network.

:func:`simulate_removal` removes funders, collectivities or organisations and reports who loses
funding, which poles fall below a threshold, which projects are left without a funder, which
members are cut off from their pole's cooperation network, and each pole's fragility before
and after. :func:`top_funder_damage` removes each pole's largest funder in turn and ranks the
poles by the damage."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx
import pandas as pd

from ..build import node_name, nodes_of_type, restrict_to_year
from ..errors import OptionError
from ..i18n import _
from ..reasons import Reason, parse_reasons
from .fragility import reasons_list
from .profile import funding_by_year, pole_funding

__all__ = [
    "Scenario",
    "SCENARIO_COLUMNS",
    "TOP_FUNDER_COLUMNS",
    "simulate_removal",
    "top_funder_damage",
    "without",
]

REMOVABLE = ("funder", "collectivity", "organisation")
SCENARIO_COLUMNS = ["section", "subject", "subject_name", "pole", "before", "after", "change",
                    "detail"]
TOP_FUNDER_COLUMNS = ["rank", "pole", "name", "funder", "funder_name", "funding_lost",
                      "lost_share", "projects_unfunded", "fragility_before", "fragility_after",
                      "fragility_change", "reasons_added", "reasons_added_fr"]


@dataclass
class Scenario:
    """The result of a removal, section by section (each a DataFrame, documented below).

    - ``recipients``: ``recipient, name, type, funding_before, funding_after, lost,
      lost_share`` for every pole, organisation or project that loses funding it receives
      directly;
    - ``poles``: ``pole, name, funding_before, funding_after, share_left, status`` (``no
      funding left`` or ``below threshold``) for poles whose funding (their own and their
      projects') falls under ``threshold`` x what it was;
    - ``projects``: ``project, name, poles, funders_before`` for projects that had a funder
      and have none left;
    - ``cut_off``: ``pole, member, name, partners_before, partners_after`` for members that
      were in their pole's main cooperation group and no longer are;
    - ``fragility``: ``pole, name, fragility_before, fragility_after, change, reasons_added,
      reasons_removed, reasons_added_fr, reasons_removed_fr`` for every pole (the ``_fr``
      columns: the same reasons in French, empty exactly where the English ones are).
    """

    removed: list
    recipients: pd.DataFrame
    poles: pd.DataFrame
    projects: pd.DataFrame
    cut_off: pd.DataFrame
    fragility: pd.DataFrame

    def table(self) -> pd.DataFrame:
        """Every section in one long table (``SCENARIO_COLUMNS``), as scenario.csv holds it."""
        rows = []
        for r in self.recipients.to_dict("records"):
            rows.append(("recipient_funding", r["recipient"], r["name"], "", r["funding_before"],
                         r["funding_after"], -r["lost"], f"{r['lost_share']:.0%} lost"))
        for r in self.poles.to_dict("records"):
            rows.append(("pole_funding", r["pole"], r["name"], r["pole"], r["funding_before"],
                         r["funding_after"], r["funding_after"] - r["funding_before"],
                         r["status"]))
        for r in self.projects.to_dict("records"):
            rows.append(("project_unfunded", r["project"], r["name"], r["poles"],
                         r["funders_before"], 0, -r["funders_before"], "no funder left"))
        for r in self.cut_off.to_dict("records"):
            rows.append(("member_cut_off", r["member"], r["name"], r["pole"],
                         r["partners_before"], r["partners_after"],
                         r["partners_after"] - r["partners_before"],
                         "cut off from the pole's cooperation network"))
        for r in self.fragility.to_dict("records"):
            detail = "; ".join(p for p in (
                f"new: {_text(r['reasons_added'])}" if r["reasons_added"] else "",
                f"gone: {_text(r['reasons_removed'])}" if r["reasons_removed"] else "") if p)
            rows.append(("fragility", r["pole"], r["name"], r["pole"], r["fragility_before"],
                         r["fragility_after"], r["change"], detail))
        return pd.DataFrame(rows, columns=SCENARIO_COLUMNS)


def _text(reasons) -> str:
    """Reasons as scenario.csv writes them: English sentences (codes rendered through the
    message catalogue)."""
    if isinstance(reasons, tuple):
        from ..i18n import render_reasons

        return render_reasons(reasons, "en")
    return str(reasons)


def without(G: nx.MultiDiGraph, remove) -> nx.MultiDiGraph:
    """A copy of ``G`` without the nodes ``remove`` (and their edges); checks each id."""
    remove = list(dict.fromkeys(remove))
    if not remove:
        raise OptionError(_("nothing to remove: pass --remove ID (a funder, collectivity or "
                            "organisation) or --remove-top-funder"))
    for node in remove:
        if node not in G:
            raise OptionError(_("unknown id {id!r} in --remove: use an id from nodes.csv",
                                id=node))
        kind = G.nodes[node].get("type")
        if kind not in REMOVABLE:
            raise OptionError(_("--remove {id}: it is a {kind}; only funders, collectivities "
                                "and organisations can be removed", id=node, kind=kind))
    H = G.copy()
    H.remove_nodes_from(remove)
    H.graph["removed"] = remove
    return H


def _received(G, year) -> dict:
    from .layers import funding_layer

    F = funding_layer(G, year=year)
    return {n: sum(d.get("weight", 0.0) for _, _, d in F.in_edges(n, data=True))
            for n in F if F.in_degree(n)}


def _pole_funding(G, year) -> dict:
    grants = pole_funding(G)
    if year is None:
        return grants.groupby("pole")["amount"].sum().to_dict()
    per_year = funding_by_year(grants)
    return per_year[per_year["year"] == year].groupby("pole")["amount"].sum().to_dict()


def _project_funders(G) -> dict:
    funders: dict = {}
    for u, v, d in G.edges(data=True):
        if d.get("type") == "funds" and G.nodes[v].get("type") == "project":
            funders.setdefault(v, set()).add(u)
    return funders


def _main_groups(G, year) -> dict:
    """pole -> (main group of its members in the cooperation layer, partners within the pole
    per member)."""
    from . import cooperation_layer

    C = cooperation_layer(G, year=year)
    members: dict = {}
    for u, v, d in G.edges(data=True):
        if d.get("type") in ("member_of", "animates") and u in C:
            members.setdefault(v, set()).add(u)
    groups = {}
    for pole, actors in members.items():
        sub = C.subgraph(actors)
        components = sorted(nx.connected_components(sub), key=lambda c: (-len(c), min(c)))
        main = components[0] if components and len(components[0]) > 1 else set()
        groups[pole] = (main, {a: sub.degree(a) for a in actors})
    return groups


def _reasons(row: pd.Series | None) -> dict:
    """A ``pole_fragility`` row's reasons: its Reason codes (each its own key and value) when
    the analysis gives codes (``fragility_reason_codes``, or Reason tuples in
    ``fragility_reasons``); else English sentence -> French sentence, paired by position
    (``pole_fragility`` writes both in the same order, one per signal)."""
    if row is None:
        return {}
    for column in ("fragility_reason_codes", "fragility_reasons"):
        value = row.get(column)
        if isinstance(value, tuple) and all(isinstance(r, Reason) for r in value):
            return {r: r for r in value}
        if column == "fragility_reason_codes" and isinstance(value, str):
            return {r: r for r in parse_reasons(value)}
    english = reasons_list(row["fragility_reasons"])
    french = reasons_list(row["fragility_reasons_fr"])
    if len(french) != len(english):  # cannot pair them: keep the English text
        french = english
    return dict(zip(english, french, strict=True))


def _changed(reasons: dict, others: dict) -> tuple:
    """The reasons in ``reasons`` and not in ``others``: as a tuple of Reason codes for both
    languages, in the pole's order (the writers render them), or as English and French
    sentences (alphabetical).

    >>> from ptce_graph.reasons import reason
    >>> r = reason("funding_stopped", year=2018)
    >>> [[str(x) for x in side] for side in _changed({r: r}, {})]
    [['funding_stopped{year=2018}'], ['funding_stopped{year=2018}']]
    """
    if any(isinstance(r, Reason) for r in reasons):  # in the pole's order: main reason first
        gone = tuple(r for r in reasons if r not in others)
        return gone, gone
    gone = sorted(set(reasons) - set(others))
    return "; ".join(gone), "; ".join(reasons[r] for r in gone)


def _fragility(G, H, year, threshold) -> pd.DataFrame:
    from ..time_model import resolve_as_of
    from . import pole_fragility

    if year is None:  # one as-of year for both sides: H's own records would infer another
        year = resolve_as_of(G).year
    before = pole_fragility(G, year=year, threshold=threshold).set_index("pole")
    funded = set(before.index[before["funders"] > 0])
    after = pole_fragility(H, year=year, threshold=threshold,
                           funding_withdrawn=funded, baseline=G).set_index("pole")
    rows = []
    for pole in before.index:
        score_before = float(before.at[pole, "fragility_score"])
        score_after = (float(after.at[pole, "fragility_score"]) if pole in after.index
                       else score_before)
        reasons_before = _reasons(before.loc[pole])
        reasons_after = (_reasons(after.loc[pole]) if pole in after.index else reasons_before)
        # scores are rounded to 3 places; NaN for a pole without enough data to score
        change = round(score_after - score_before, 3)
        added, added_fr = _changed(reasons_after, reasons_before)
        removed, removed_fr = _changed(reasons_before, reasons_after)
        rows.append((pole, node_name(G, pole), score_before, score_after, change, added, removed,
                     added_fr, removed_fr))
    return pd.DataFrame(rows, columns=["pole", "name", "fragility_before", "fragility_after",
                                       "change", "reasons_added", "reasons_removed",
                                       "reasons_added_fr", "reasons_removed_fr"])


def simulate_removal(
    G: nx.MultiDiGraph,
    remove,
    *,
    year: int | None = None,
    threshold: float = 0.5,
) -> Scenario:
    """Remove the nodes ``remove`` and compare with the unchanged network.

    Parameters
    ----------
    remove : ids of funders, collectivities or organisations.
    year : compare that year's funding (each grant's share of the year) and what is active
        that year; by default grant totals and everything.
    threshold : a pole is flagged when its funding falls under ``threshold`` x what it was;
        also passed to ``pole_fragility``.

    Returns
    -------
    Scenario
        See :class:`Scenario` for the sections and their columns; rows sorted by id.

    Raises
    ------
    OptionError
        An unknown id, or a pole or project to remove.
    """
    if not 0 < threshold <= 1:
        raise OptionError(_("--threshold must be in (0, 1], not {threshold}",
                            threshold=threshold))
    H = without(G, remove)
    gone = set(H.graph["removed"])

    received_before, received_after = _received(G, year), _received(H, year)
    rows = []
    for node in sorted(received_before):
        if node in gone:
            continue
        before, after = received_before[node], received_after.get(node, 0.0)
        if after < before - 1e-9:
            rows.append((node, node_name(G, node), G.nodes[node].get("type"), before, after,
                         before - after, (before - after) / before if before else 0.0))
    recipients = pd.DataFrame(rows, columns=["recipient", "name", "type", "funding_before",
                                             "funding_after", "lost", "lost_share"])

    poles_before, poles_after = _pole_funding(G, year), _pole_funding(H, year)
    rows = []
    for pole in nodes_of_type(G, "pole"):
        before, after = poles_before.get(pole, 0.0), poles_after.get(pole, 0.0)
        if before > 0 and after < threshold * before - 1e-9:
            status = "no funding left" if after <= 1e-9 else "below threshold"
            rows.append((pole, node_name(G, pole), before, after, after / before, status))
    poles = pd.DataFrame(rows, columns=["pole", "name", "funding_before", "funding_after",
                                        "share_left", "status"])

    funders_before, funders_after = _project_funders(G), _project_funders(H)
    part_of: dict = {}
    for u, v, d in G.edges(data=True):
        if d.get("type") == "part_of":
            part_of.setdefault(u, set()).add(v)
    rows = [(p, node_name(G, p), "; ".join(sorted(part_of.get(p, ()))), len(funders_before[p]))
            for p in sorted(funders_before) if not funders_after.get(p)]
    projects = pd.DataFrame(rows, columns=["project", "name", "poles", "funders_before"])

    groups_before, groups_after = _main_groups(G, year), _main_groups(H, year)
    rows = []
    for pole in sorted(groups_before):
        main_before, degree_before = groups_before[pole]
        main_after, degree_after = groups_after.get(pole, (set(), {}))
        for member in sorted(main_before - main_after - gone):
            rows.append((pole, member, node_name(G, member), degree_before.get(member, 0),
                         degree_after.get(member, 0)))
    cut_off = pd.DataFrame(rows, columns=["pole", "member", "name", "partners_before",
                                          "partners_after"])

    fragility = _fragility(G, H, year, threshold)
    return Scenario(list(H.graph["removed"]), recipients, poles, projects, cut_off, fragility)


def top_funder_damage(
    G: nx.MultiDiGraph, *, year: int | None = None, threshold: float = 0.5
) -> pd.DataFrame:
    """For each funded pole, remove its largest funder (grants to the pole and its projects)
    and measure the damage; poles ranked by it.

    Returns
    -------
    DataFrame
        ``rank, pole, name, funder, funder_name, funding_lost`` (EUR), ``lost_share`` (of the
        pole's funding), ``projects_unfunded``, ``fragility_before, fragility_after,
        fragility_change, reasons_added, reasons_added_fr`` (the same reasons in French).
        Ranked by fragility change, then lost share,
        then amount lost.
    """
    grants = pole_funding(G)
    if year is not None:
        grants = funding_by_year(grants)
        grants = grants[grants["year"] == year]
    rows = []
    # the poles active that year: a pole founded later may already hold grants of that year
    for pole in nodes_of_type(restrict_to_year(G, year), "pole"):
        mine = grants[grants["pole"] == pole]
        if mine.empty:
            continue
        by_funder = mine.groupby("funder")["amount"].sum().sort_index()
        top = by_funder.idxmax()
        scenario = simulate_removal(G, [top], year=year, threshold=threshold)
        total = float(by_funder.sum())
        after = _pole_funding(without(G, [top]), year).get(pole, 0.0)
        fragility = scenario.fragility.set_index("pole")
        pole_projects = scenario.projects[scenario.projects["poles"].str.split("; ")
                                          .apply(lambda ps, pole=pole: pole in ps)]
        rows.append({
            "pole": pole, "name": node_name(G, pole),
            "funder": top, "funder_name": node_name(G, top),
            "funding_lost": total - after, "lost_share": (total - after) / total if total else 0,
            "projects_unfunded": len(pole_projects),
            "fragility_before": fragility.at[pole, "fragility_before"],
            "fragility_after": fragility.at[pole, "fragility_after"],
            "fragility_change": fragility.at[pole, "change"],
            "reasons_added": fragility.at[pole, "reasons_added"],
            "reasons_added_fr": fragility.at[pole, "reasons_added_fr"],
        })
    frame = pd.DataFrame(rows, columns=TOP_FUNDER_COLUMNS[1:])
    frame = frame.sort_values(["fragility_change", "lost_share", "funding_lost", "pole"],
                              ascending=[False, False, False, True], kind="stable")
    frame.insert(0, "rank", range(1, len(frame) + 1))
    return frame.reset_index(drop=True)
