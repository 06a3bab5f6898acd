"""Stable pseudonyms for member organisations, for outputs shared beyond the pole.

Organisations get a pseudonym as name ("Structure K7QX2D") and as id ("s-k7qx2d"): ids are often
made from names. The pseudonym is a hash of the id, so the same organisation keeps the same
pseudonym across runs, years and dataset versions. Funders, collectivities, poles and projects
keep their names. What else could name an organisation is removed or rewritten: its SIREN and
SIRET, free-text columns outside the format (notes, provenance) on every node and edge, and the
organisation names where they appear inside other text (a project called after its lead).

Without a key, anyone who can guess an organisation's id can recompute its pseudonym. With a
key (``--pseudonym-key`` or the variable ``PTCE_GRAPH_PSEUDONYM_KEY``) the code is an HMAC of the
id: stable for whoever keeps the key, not recomputable by a reader holding the membership list.
The key is never written to any output."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re

import networkx as nx

from .schema import EDGE_COLUMNS, NODE_COLUMNS, join_ids, split_ids

__all__ = ["PSEUDONYMISED_TYPES", "pseudonym_map", "pseudonymise"]

PSEUDONYMISED_TYPES = frozenset({"organisation"})
_DROPPED = frozenset({"siren", "siret"})
_NODE_KEEP = frozenset(c.name for c in NODE_COLUMNS) - _DROPPED
# a survey's "on what" answers are free text, as likely to name an organisation as a note
_EDGE_KEEP = frozenset(c.name for c in EDGE_COLUMNS) - {"about"}
_SALT = b"ptce-graph pseudonym v1:"


def _code(node_id: str, length: int, key: str | None = None) -> str:
    data = _SALT + str(node_id).encode("utf-8")
    if key:
        digest = hmac.new(key.encode("utf-8"), data, hashlib.sha256).digest()
    else:
        digest = hashlib.sha256(data).digest()
    return base64.b32encode(digest).decode("ascii")[:length]


def pseudonym_map(G: nx.MultiDiGraph, *, length: int = 6,
                  key: str | None = None) -> dict[str, tuple[str, str]]:
    """``{id: (new_id, pseudonym)}`` for every organisation of ``G`` (keyed by ``key``).

    Codes that collide are lengthened (for every organisation sharing them), so the map is
    one-to-one and only depends on the ids.

    >>> G = nx.MultiDiGraph()
    >>> G.add_node("org-a", type="organisation", name="Atelier A")
    >>> new_id, name = pseudonym_map(G)["org-a"]
    >>> name.startswith("Structure "), new_id == "s-" + name.split()[1].lower()
    (True, True)
    """
    ids = sorted(str(n) for n, t in G.nodes(data="type") if t in PSEUDONYMISED_TYPES)
    taken = {str(n) for n, t in G.nodes(data="type") if t not in PSEUDONYMISED_TYPES}
    codes: dict[str, str] = {}
    pending, size = ids, length
    while pending:
        attempt: dict[str, list[str]] = {}
        for node_id in pending:
            attempt.setdefault(_code(node_id, size, key), []).append(node_id)
        pending = []
        for code, owners in attempt.items():
            if len(owners) == 1 and f"s-{code.lower()}" not in taken:
                codes[owners[0]] = code
            else:
                pending.extend(owners)
        size += 2
    return {i: (f"s-{c.lower()}", f"Structure {c}") for i, c in codes.items()}


def _name_pattern(names: dict[str, str]) -> re.Pattern | None:
    # Short names ("A", "Le") would rewrite ordinary words; four letters is the floor.
    usable = sorted((n for n in names if len(n) >= 4), key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(re.escape(n) for n in usable), re.IGNORECASE)


def pseudonymise(G: nx.MultiDiGraph, *, key: str | None = None) -> nx.MultiDiGraph:
    """A copy of ``G`` in which member organisations are known by their pseudonyms only
    (``key``: see the module docstring).

    >>> G = nx.MultiDiGraph(name="demo")
    >>> G.add_node("org-a", type="organisation", name="Atelier Alpha", siren="732829320")
    >>> G.add_node("p", type="project", name="Ressourcerie d'Atelier Alpha", note="x")
    >>> G.add_node("pole", type="pole", name="Pôle")
    >>> _ = G.add_edge("org-a", "pole", type="member_of")
    >>> H = pseudonymise(G)
    >>> [org] = [n for n, t in H.nodes(data="type") if t == "organisation"]
    >>> org.startswith("s-"), H.nodes[org]["name"].startswith("Structure "), "siren" in H.nodes[org]
    (True, True, False)
    >>> H.nodes["p"]["name"].startswith("Ressourcerie d'Structure "), "note" in H.nodes["p"]
    (True, False)
    """
    mapping = pseudonym_map(G, key=key)
    by_name = {}
    for old, (_, pseudonym) in mapping.items():
        name = G.nodes[old].get("name")
        if isinstance(name, str) and name.strip():
            by_name[name.strip().casefold()] = pseudonym
    pattern = _name_pattern({n: p for n, p in by_name.items()})

    def scrub(value):
        if pattern is None or not isinstance(value, str):
            return value
        return pattern.sub(lambda m: by_name.get(m.group(0).casefold(), "Structure"), value)

    H = nx.MultiDiGraph(**G.graph)
    H.graph["pseudonymised"] = True
    for node, attrs in G.nodes(data=True):
        if node in mapping:
            new_id, pseudonym = mapping[node]
            kept = {k: v for k, v in attrs.items() if k in _NODE_KEEP}
            kept["name"] = pseudonym
            H.add_node(new_id, **kept)
        else:
            H.add_node(node, **{k: scrub(v) for k, v in attrs.items() if k in _NODE_KEEP})
    renamed = {old: new for old, (new, _) in mapping.items()}
    for u, v, key, attrs in G.edges(keys=True, data=True):
        u2, v2 = renamed.get(u, u), renamed.get(v, v)
        kept = {k: scrub(val) for k, val in attrs.items() if k in _EDGE_KEEP}
        if "reported_by" in kept:  # respondents' ids, as the survey collect step wrote them
            kept["reported_by"] = join_ids(renamed.get(i, i)
                                           for i in split_ids(attrs["reported_by"]))
        if kept.get("type") == "cooperates_with" and str(u2) > str(v2):
            u2, v2 = v2, u2  # the graph's rule: cooperation stored smaller id -> larger id
        H.add_edge(u2, v2, key=key, **kept)
    return H
