"""One "now" for every command: the year a dataset describes the network *as of*.

Every judgement (who is a member, who is isolated, which funding is committed ahead, which
poles are fragile) is made as of one year, resolved the same way everywhere
(:func:`resolve_as_of`):

1. the year asked for (``--as-of``, or its synonym ``--year``);
2. else the year the dataset declares: ``as_of`` in ``meta.csv`` beside ``nodes.csv`` (two
   columns ``key,value``) or in a ``meta`` sheet of a workbook, kept by
   :func:`ptce_graph.build.load_graph` as ``G.graph["as_of"]``;
3. else a year inferred from the data (:func:`infer_as_of`): the latest year that at least half
   of the poles' records reach, so that one grant dated later than the rest of the data cannot
   move it. Commands say it was inferred.

The calendar year is never used: a dataset of 2018 read in 2026 is judged as of 2018.
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass

import networkx as nx

from .errors import OptionError
from .i18n import _

__all__ = ["year_of", "AsOf", "resolve_as_of", "infer_as_of", "declared_as_of", "pole_record_years",
           "covered_years", "META_FILE", "META_SHEET"]

META_FILE = "meta.csv"
META_SHEET = "meta"
SOURCES = ("option", "declared", "inferred", "none")
_YEAR_RANGE = (1900, 2200)


def year_of(value) -> int | None:
    """The year of a normalised date value ('2014' or '2014-03-01'), None when missing."""
    if value is None or (isinstance(value, float) and value != value):
        return None
    text = str(value)
    return int(text[:4]) if text[:4].isdigit() else None


@dataclass(frozen=True)
class AsOf:
    """The reference year and where it comes from: ``option``, ``declared``, ``inferred`` or
    ``none`` (a dataset with no dated record at all: ``year`` is None, nothing is judged
    against time)."""

    year: int | None
    source: str

    @property
    def inferred(self) -> bool:
        return self.source == "inferred"

    def describe(self) -> str:
        """One console line, e.g. ``As of 2021 (declared by the dataset)``."""
        return str(self.message())

    def message(self):
        """:meth:`describe` as an :class:`ptce_graph.i18n.Message`, for the reader's language."""
        from .i18n import _

        if self.year is None:
            return _("As of: no dated record, nothing judged against time")
        how = {"option": _("asked with --as-of"), "declared": _("declared by the dataset"),
               "inferred": _("inferred from the data: the latest year most poles' records "
                             "reach; declare it in meta.csv to be sure")}[self.source]
        return _("As of {year} ({how})", year=self.year, how=how)

    def as_dict(self) -> dict:
        """What summary.json holds under ``as_of``."""
        return {"year": self.year, "source": self.source, "inferred": self.inferred}


def check_year(value, what: str = "--as-of") -> int:
    """A year given by a person, checked: an integer in a plausible range."""
    try:
        year = int(str(value).strip()[:4]) if not isinstance(value, int) else value
    except ValueError as err:
        raise OptionError(_("{what} {value!r} is not a year: give one such as 2021", what=what,
                            value=value)) from err
    if not _YEAR_RANGE[0] <= year <= _YEAR_RANGE[1]:
        raise OptionError(_("{what} {year} is out of range: give a year such as 2021",
                            what=what, year=year))
    return year


def declared_as_of(G: nx.MultiDiGraph) -> int | None:
    """The year the dataset declares (``G.graph["as_of"]``), or None."""
    value = G.graph.get("as_of")
    if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
        return None
    return check_year(value, "as_of in meta.csv")


def pole_record_years(G: nx.MultiDiGraph) -> dict:
    """Pole -> the years its records reach: memberships and animation (since, until), grants
    to the pole or its projects (start, end), its projects (start, end), its founding year.
    Poles with no dated record are left out."""
    years: dict = defaultdict(set)
    poles = {n for n, t in G.nodes(data="type") if t == "pole"}
    project_poles: dict = defaultdict(set)
    for u, v, d in G.edges(data=True):
        if d.get("type") == "part_of" and v in poles:
            project_poles[u].add(v)
    for pole in poles:
        founded = year_of(G.nodes[pole].get("founded"))
        if founded is not None:
            years[pole].add(founded)
    for project, owners in project_poles.items():
        for column in ("start", "end"):
            y = year_of(G.nodes[project].get(column))
            if y is not None:
                for pole in owners:
                    years[pole].add(y)
    for _source, v, d in G.edges(data=True):
        kind = d.get("type")
        if kind in ("member_of", "animates") and v in poles:
            owners = {v}
        elif kind == "funds":
            owners = {v} if v in poles else project_poles.get(v, set())
        else:
            continue
        for column in ("since", "until", "start", "end"):
            y = year_of(d.get(column))
            if y is not None:
                for pole in owners:
                    years[pole].add(y)
    return dict(years)


def infer_as_of(G: nx.MultiDiGraph) -> int | None:
    """The latest year that at least half of the poles' records reach (the median of each
    pole's last dated year, the upper one of the two middle ones), or None when no pole has a
    dated record. One pole's late grant moves its own last year only: the median of several
    poles moves at most to the next pole's year (not at all when, as usual, several poles
    end the same year); with a single pole it is that pole's last year.

    A dataset without poles falls back to the median of the last years of every dated edge.

    >>> G = nx.MultiDiGraph()
    >>> for p in ("a", "b", "c"):
    ...     G.add_node(p, type="pole"); G.add_node("f", type="funder")
    ...     _ = G.add_edge("f", p, type="funds", start="2014", end="2018")
    >>> _ = G.add_edge("f", "c", type="funds", start="2026", end="2028")
    >>> infer_as_of(G)
    2018
    """
    last = sorted(max(ys) for ys in pole_record_years(G).values() if ys)
    if not last:
        ends = sorted(y for _, _, d in G.edges(data=True)
                      for y in [max((year_of(d.get(c)) or 0)
                                    for c in ("since", "until", "start", "end"))] if y)
        if not ends:
            return None
        last = ends
    return last[len(last) // 2]


def resolve_as_of(G: nx.MultiDiGraph, requested=None) -> AsOf:
    """The reference year of every judgement on ``G``: ``requested`` (``--as-of``), else the
    dataset's declared ``as_of``, else :func:`infer_as_of`.

    Raises OptionError when ``requested`` or the declared value is not a year.
    """
    if requested is not None:
        return AsOf(check_year(requested), "option")
    declared = declared_as_of(G)
    if declared is not None:
        return AsOf(declared, "declared")
    inferred = infer_as_of(G)
    return AsOf(inferred, "inferred" if inferred is not None else "none")


def covered_years(G: nx.MultiDiGraph, as_of: int | None = None) -> list[int]:
    """Every year the data covers: from the first dated record of any pole to the last (or to
    ``as_of`` when it is later), for the year-by-year history of fragility."""
    years = [y for ys in pole_record_years(G).values() for y in ys]
    if not years:
        return [as_of] if as_of is not None else []
    first, last = min(years), max(years)
    if as_of is not None:
        last = max(last, as_of)
        first = min(first, as_of)
    return list(range(first, last + 1))
