"""Dependence on funders: for each funded pole, organisation or project, how concentrated its
funding is -- ``OUT/metrics/funding.csv``.

A grant's ``amount`` is its total over ``start``..``end`` (years inclusive); a year's figure is the
amount spread evenly over those years. Public money: collectivities (communes to the EU) and
funders of category ``public`` or ``eu``."""

from __future__ import annotations

from collections import defaultdict

import networkx as nx
import pandas as pd

from ..build import restrict_to_year
from ..errors import OptionError
from ..i18n import _
from ..time_model import year_of
from .profile import spread_over_years

__all__ = [
    "FUNDING_COLUMNS",
    "check_threshold",
    "concentration",
    "funding_dependence",
    "grants",
    "is_public",
]

FUNDING_COLUMNS = [
    "recipient", "recipient_type", "total", "n_funders", "top_funder", "top_share", "hhi",
    "public_share", "single_funder_dependent",
]


def check_threshold(threshold: float) -> float:
    """The dependence threshold, checked: a share above 0 and at most 1."""
    try:
        value = float(threshold)
    except (TypeError, ValueError) as err:
        raise OptionError(_("threshold {threshold!r} is not a number: give a share such as "
                            "0.5", threshold=threshold)) from err
    if not 0 < value <= 1:
        raise OptionError(_("threshold {threshold} is out of range: give a share above 0 and "
                            "at most 1, such as 0.5 for half of the funding",
                            threshold=threshold))
    return value


def is_public(attrs: dict) -> bool:
    """Whether a funder spends public money: a collectivity, or a public or EU funder."""
    return attrs.get("type") == "collectivity" or attrs.get("category") in ("public", "eu")


def grants(G: nx.MultiDiGraph) -> pd.DataFrame:
    """A row per ``funds`` edge: ``funder, recipient, amount, start, end`` (years, may be
    empty), in file order."""
    rows = []
    for u, v, d in G.edges(data=True):
        if d.get("type") != "funds":
            continue
        amount = d.get("amount")
        amount = 0.0 if amount is None or amount != amount else float(amount)
        rows.append((u, v, amount, year_of(d.get("start")), year_of(d.get("end"))))
    frame = pd.DataFrame(rows, columns=["funder", "recipient", "amount", "start", "end"])
    frame["start"] = frame["start"].astype("Int64")
    frame["end"] = frame["end"].astype("Int64")
    return frame


def concentration(amounts: dict, threshold: float = 0.5) -> dict:
    """Figures of one recipient's funding from ``{funder: amount}``: ``total, n_funders,
    top_funder, top_share, hhi`` and ``single_funder_dependent``.

    ``hhi`` is the Herfindahl-Hirschman index of the funders' shares (1/n when n funders give
    equally, 1 for a single funder). Shares are undefined (NaN) when the total is 0.

    >>> c = concentration({"region": 60, "state": 30, "bank": 10})
    >>> c["top_funder"], c["top_share"], round(c["hhi"], 2), c["single_funder_dependent"]
    ('region', 0.6, 0.46, True)
    """
    total = float(sum(amounts.values()))
    top = min(amounts, key=lambda f: (-amounts[f], str(f))) if amounts else None
    if total > 0:
        top_share = amounts[top] / total
        hhi = sum((a / total) ** 2 for a in amounts.values())
    else:
        top_share = hhi = float("nan")
    return {
        "total": total,
        "n_funders": len(amounts),
        "top_funder": top,
        "top_share": top_share,
        "hhi": hhi,
        "single_funder_dependent": bool(len(amounts) == 1 or top_share >= threshold),
    }


def funding_dependence(G: nx.MultiDiGraph, *, year: int | None = None, threshold: float = 0.5,
                       by_year: bool = False) -> pd.DataFrame:
    """A row per recipient of ``funds`` edges (per recipient and year with ``by_year``), sorted
    by recipient (then year).

    Columns: ``recipient, recipient_type`` (then ``year`` with ``by_year``), ``total`` (EUR:
    grant totals, or with ``year`` / ``by_year`` the year's share), ``n_funders``,
    ``top_funder``, ``top_share``, ``hhi``, ``public_share`` (share of public money),
    ``single_funder_dependent`` (a single funder, or ``top_share >= threshold``).

    ``year`` keeps the grants active that year; ``by_year`` spreads grants over their years
    (grants without a start year have no year and are left out).

    Raises OptionError when ``threshold`` is not a share in (0, 1].
    """
    threshold = check_threshold(threshold)
    H = restrict_to_year(G, year)
    table = grants(H)
    amounts: dict[tuple, dict] = defaultdict(lambda: defaultdict(float))
    for grant in table.to_dict("records"):
        recipient, funder = grant["recipient"], grant["funder"]
        spread = spread_over_years(grant["amount"], grant["start"], grant["end"])
        if by_year:
            for y, share in spread:
                if year is None or y == year:
                    amounts[(recipient, y)][funder] += share
        elif year is not None and spread:
            amounts[(recipient, None)][funder] += dict(spread).get(year, 0.0)
        else:
            amounts[(recipient, None)][funder] += grant["amount"]
    rows = []
    for (recipient, y), by_funder in amounts.items():
        figures = concentration(dict(by_funder), threshold)
        public = sum(a for f, a in by_funder.items() if is_public(H.nodes[f]))
        row = {"recipient": recipient, "recipient_type": H.nodes[recipient].get("type")}
        if by_year:
            row["year"] = y
        row.update(figures)
        row["public_share"] = public / figures["total"] if figures["total"] > 0 else float("nan")
        rows.append(row)
    columns = FUNDING_COLUMNS[:2] + (["year"] if by_year else []) + FUNDING_COLUMNS[2:]
    frame = pd.DataFrame(rows, columns=columns)
    frame = frame[columns]
    if by_year:
        frame["year"] = frame["year"].astype("Int64")
    frame["n_funders"] = frame["n_funders"].astype(int)
    keys = ["recipient", "year"] if by_year else ["recipient"]
    return frame.sort_values(keys, kind="stable").reset_index(drop=True)
