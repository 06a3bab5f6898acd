"""A synthetic national-scale dataset, calibrated on the field's medians (``DOMAIN.md``): for
benchmarks, demonstrations and tests at scale. Everything generated is fictional.

Calibration, per pole (RTES 2014 study of 42 poles, 2016 study of 50 poles, 2021 count):

- members: log-normal, median 11 (at least 3); one of them animates the pole;
- employees: median about 10 per member, so about 110 per pole; budget: median about 450 kEUR
  per member, so about 5 MEUR per pole; own revenue 20-90 % of each member's budget;
- collectivities: three poles in four are supported by local authorities, on average 2 per
  pole (a commune or intercommunality of its own, its département, its region), about
  50 kEUR in total; a third of poles won a State call (about 100 kEUR); a few have national
  funders (Caisse des Dépôts, France Active, foundations);
- a quarter of poles are inactive or on standby: their funding stops 3 to 6 years after they
  start and they get no more;
- cooperation: inside a pole, ties by preferential attachment (each member ties to 2 or 3
  earlier ones, the animator first), about 8 % of members without a tie; one member in seven
  cooperates with a member of another pole, of its region nine times in ten; one in twenty
  belongs to two poles of its region;
- projects: about 3 per pole, each run by 2 to 5 members, sometimes with a collectivity;
  a few spin off to another pole.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .errors import OptionError
from .i18n import _
from .ingest import write_dataset

__all__ = ["generate_dataset", "write_generated_dataset", "SECTORS", "REGIONS"]

SECTORS = (
    "environment", "local-food", "reuse", "personal-care", "services", "eco-construction",
    "energy", "culture", "textile", "mobility", "training", "insertion",
)
REGIONS = (
    "Auvergne-Rhône-Alpes", "Bourgogne-Franche-Comté", "Bretagne", "Centre-Val de Loire",
    "Corse", "Grand Est", "Hauts-de-France", "Île-de-France", "Normandie", "Nouvelle-Aquitaine",
    "Occitanie", "Pays de la Loire", "Provence-Alpes-Côte d'Azur",
)
_CATEGORIES = ("association", "cooperative", "insertion", "company", "training", "research",
               "network", "mutual", "foundation")
_CATEGORY_WEIGHTS = (0.30, 0.20, 0.15, 0.18, 0.05, 0.02, 0.04, 0.03, 0.03)
_NATIONAL_FUNDERS = (
    ("fund-cdc", "Caisse des Dépôts (synthetic)", "public"),
    ("fund-france-active", "France Active (synthetic)", "private"),
    ("fund-fondation-a", "Fondation des territoires (synthetic)", "foundation"),
    ("fund-banque-a", "Banque coopérative (synthetic)", "bank"),
)
LAST_YEAR = 2024
MAX_POLES = 100_000


def generate_dataset(poles: int, *, seed: int = 0) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(nodes, edges) of a synthetic dataset with ``poles`` poles, in the dataset format.

    The same ``poles`` and ``seed`` give the same rows. Raises OptionError when ``poles`` is
    not between 1 and 100,000.
    """
    if not 1 <= poles <= MAX_POLES:
        raise OptionError(_("--poles {poles}: give a number of poles between 1 and {most}",
                            poles=poles, most=MAX_POLES))
    rng = np.random.default_rng(seed)
    nodes: list[dict] = []
    edges: list[dict] = []
    state = "col-etat"
    nodes.append({"id": state, "type": "collectivity", "name": "État (synthetic)",
                  "category": "state"})
    nodes.append({"id": "col-ue-feader", "type": "collectivity",
                  "name": "Union européenne – FEADER (synthetic)", "category": "eu"})
    for fid, name, category in _NATIONAL_FUNDERS:
        nodes.append({"id": fid, "type": "funder", "name": name, "category": category})
    for r, region in enumerate(REGIONS):
        nodes.append({"id": f"col-region-{r:02d}", "type": "collectivity",
                      "name": f"Région {region}", "category": "region", "region": region})
    departements = 96
    for d in range(departements):
        nodes.append({"id": f"col-dep-{d:03d}", "type": "collectivity",
                      "name": f"Département {d + 1:02d} (synthetic)", "category": "departement",
                      "region": REGIONS[d % len(REGIONS)]})

    pole_region = rng.integers(0, len(REGIONS), size=poles)
    members_of: list[list[str]] = []
    founded_of: list[int] = []
    active_of: list[bool] = []
    for p in range(poles):
        region = int(pole_region[p])
        dep = int(rng.integers(0, departements // len(REGIONS))) * len(REGIONS) + region
        dep = min(dep, departements - 1)
        pid = f"pole-{p:05d}"
        founded = int(rng.integers(2005, 2021))
        active = bool(rng.random() >= 0.25)
        status = "active" if active else ("inactive" if rng.random() < 0.7 else "standby")
        territory = f"Territoire {p:05d}"
        nodes.append({"id": pid, "type": "pole", "name": f"Pôle {p:05d} (synthetic)",
                      "territory": territory, "region": REGIONS[region], "founded": founded,
                      "status": status})
        size = max(3, int(round(rng.lognormal(np.log(11), 0.4))))
        sectors = rng.choice(SECTORS, size=int(rng.integers(2, 6)), replace=False)
        members = []
        for m in range(size):
            oid = f"org-{p:05d}-{m:02d}"
            category = str(rng.choice(_CATEGORIES, p=_CATEGORY_WEIGHTS))
            budget = float(round(rng.lognormal(np.log(450_000), 0.8), -3))
            nodes.append({
                "id": oid, "type": "organisation", "name": f"Structure {p:05d}-{m:02d}",
                "category": category, "sector": str(rng.choice(sectors)),
                "ess": category != "company", "territory": territory,
                "region": REGIONS[region],
                "employees": float(max(1, round(rng.lognormal(np.log(10), 0.9)))),
                "budget": budget,
                "own_revenue": float(round(budget * rng.uniform(0.2, 0.9), -3)),
                "founded": int(rng.integers(1970, founded + 1)),
            })
            role = "founder" if m < 3 else "member"
            since = founded if m < 3 else int(rng.integers(founded, max(founded + 1,
                                                                       LAST_YEAR - 1)))
            edge = {"source": oid, "target": pid, "type": "member_of", "role": role,
                    "since": str(since)}
            if not active and rng.random() < 0.5:
                edge["until"] = str(min(LAST_YEAR, since + int(rng.integers(2, 7))))
            edges.append(edge)
            members.append(oid)
        edges.append({"source": members[0], "target": pid, "type": "animates",
                      "since": str(founded)})
        _cooperation(rng, members, edges)
        last_funded = min(LAST_YEAR, founded + int(rng.integers(3, 7))) if not active \
            else LAST_YEAR
        local = _funding(rng, p, pid, region, dep, founded, last_funded, nodes, edges)
        _projects(rng, p, pid, members, founded, last_funded, local, nodes, edges)
        members_of.append(members)
        founded_of.append(founded)
        active_of.append(active)
    _between_poles(rng, pole_region, members_of, founded_of, edges)
    used = {e["source"] for e in edges} | {e["target"] for e in edges}
    nodes = [n for n in nodes if n["id"] in used]  # funders and départements never drawn
    node_frame = pd.DataFrame(nodes)
    edge_frame = pd.DataFrame(edges)
    for col in ("founded",):
        node_frame[col] = node_frame[col].astype("Int64")
    return node_frame, edge_frame


def _cooperation(rng, members: list[str], edges: list[dict]) -> None:
    """Preferential attachment inside the pole, the animator (members[0]) first."""
    lonely = {m for m in members[1:] if rng.random() < 0.08}
    tied = [m for m in members if m not in lonely]
    degree = {m: 0 for m in tied}
    pairs = set()
    for i, m in enumerate(tied[1:], start=1):
        earlier = tied[:i]
        weights = np.array([degree[e] + 1.0 for e in earlier])
        k = min(len(earlier), int(rng.integers(2, 4)))
        chosen = rng.choice(len(earlier), size=k, replace=False, p=weights / weights.sum())
        for c in chosen:
            a, b = sorted((m, earlier[int(c)]))
            if (a, b) not in pairs:
                pairs.add((a, b))
                degree[a] += 1
                degree[b] += 1
    for a, b in sorted(pairs):
        edges.append({"source": a, "target": b, "type": "cooperates_with",
                      "kind": "joint-offer", "weight": float(rng.integers(1, 4))})


def _grant(edges, funder, recipient, amount, start, end, purpose="animation"):
    edges.append({"source": funder, "target": recipient, "type": "funds",
                  "amount": float(round(amount, -2)), "start": str(start), "end": str(end),
                  "purpose": purpose})


def _funding(rng, p, pid, region, dep, founded, last, nodes, edges) -> str | None:
    """The pole's grants; returns its own local collectivity, if it has one."""
    start = min(founded + 1, last)
    local = None
    if rng.random() < 0.75:  # three poles in four are supported by local authorities
        local = f"col-local-{p:05d}"
        kind = "epci" if rng.random() < 0.6 else "commune"
        nodes.append({"id": local, "type": "collectivity",
                      "name": f"Collectivité {p:05d} (synthetic)", "category": kind,
                      "region": REGIONS[region]})
        total = rng.lognormal(np.log(50_000), 0.5)
        payers = [local, f"col-dep-{dep:03d}", f"col-region-{region:02d}"]
        count = int(rng.choice([1, 2, 2, 3]))
        shares = rng.dirichlet(np.ones(count))
        for payer, share in zip(payers[:count], shares, strict=True):
            _grant(edges, payer, pid, total * share, start, last)
    if rng.random() < 0.33:  # State call laureates, three years of start-up funding
        _grant(edges, "col-etat", pid, 100_000, start, min(start + 2, last))
    if rng.random() < 0.2:
        _grant(edges, "col-ue-feader", pid, rng.lognormal(np.log(40_000), 0.4),
               min(start + 3, last), last)
    if rng.random() < 0.25:
        fid = _NATIONAL_FUNDERS[int(rng.integers(0, len(_NATIONAL_FUNDERS)))][0]
        year = int(rng.integers(start, last + 1))
        _grant(edges, fid, pid, rng.lognormal(np.log(30_000), 0.6), year, year, "investment")
    return local


def _projects(rng, p, pid, members, founded, last, local, nodes, edges) -> None:
    for k in range(int(rng.poisson(3))):
        proj = f"proj-{p:05d}-{k:02d}"
        year = int(rng.integers(founded, max(founded + 1, last)))
        nodes.append({"id": proj, "type": "project", "name": f"Projet {p:05d}-{k:02d}",
                      "sector": None, "founded": year})
        edges.append({"source": proj, "target": pid, "type": "part_of"})
        size = min(len(members), int(rng.integers(2, 6)))
        team = rng.choice(len(members), size=size, replace=False)
        for i, t in enumerate(team):
            edges.append({"source": members[int(t)], "target": proj, "type": "participates_in",
                          "role": "lead" if i == 0 else "partner"})
        if rng.random() < 0.2:
            _grant(edges, local or "col-etat", proj, rng.lognormal(np.log(20_000), 0.5), year,
                   min(year + 1, LAST_YEAR), "operation")


def _between_poles(rng, pole_region, members_of, founded_of, edges) -> None:
    """Ties across poles of a region, and members of two poles."""
    by_region: dict[int, list[int]] = {}
    for p, region in enumerate(pole_region):
        by_region.setdefault(int(region), []).append(p)
    seen = set()
    for p, members in enumerate(members_of):
        neighbours = by_region[int(pole_region[p])]
        for m in members:
            if len(neighbours) > 1 and rng.random() < 1 / 7:
                # mostly within the region; national networks reach further
                pool = neighbours if rng.random() < 0.9 else range(len(members_of))
                q = pool[int(rng.integers(0, len(pool)))]
                if q == p:
                    continue
                other = members_of[q][int(rng.integers(0, len(members_of[q])))]
                a, b = sorted((m, other))
                if (a, b) not in seen:
                    seen.add((a, b))
                    edges.append({"source": a, "target": b, "type": "cooperates_with",
                                  "kind": "supply", "weight": 1.0})
            if len(neighbours) > 1 and rng.random() < 1 / 20:
                q = neighbours[int(rng.integers(0, len(neighbours)))]
                if q != p:
                    edges.append({"source": m, "target": f"pole-{q:05d}", "type": "member_of",
                                  "role": "partner",
                                  "since": str(max(founded_of[q], founded_of[p]))})
        if len(neighbours) > 1 and rng.random() < 0.05:
            q = neighbours[int(rng.integers(0, len(neighbours)))]
            if q != p:
                edges.append({"source": f"pole-{p:05d}", "target": f"pole-{q:05d}",
                              "type": "spins_off", "since": str(max(founded_of[p],
                                                                    founded_of[q]))})


def write_generated_dataset(poles: int, folder: str | Path, *, seed: int = 0) -> Path:
    """Generate a dataset (see :func:`generate_dataset`) and write nodes.csv and edges.csv
    into ``folder``."""
    nodes, edges = generate_dataset(poles, seed=seed)
    return write_dataset(nodes, edges, folder)
