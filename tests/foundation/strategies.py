"""Hypothesis strategies that generate valid datasets in the format."""

from hypothesis import strategies as st

from ptce_graph.schema import ALLOWED_PAIRS, NODE_TYPES

names = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
    min_size=1, max_size=12,
).map(str.strip).filter(bool)


@st.composite
def datasets(draw, max_nodes=12, max_edges=25):
    """(nodes rows, edges rows) as lists of dicts, valid by construction."""
    n = draw(st.integers(min_value=2, max_value=max_nodes))
    types = [draw(st.sampled_from(NODE_TYPES)) for _ in range(n)]
    nodes = [
        {"id": f"n{i}", "type": t, "name": draw(names),
         "budget": draw(st.none() | st.integers(0, 10**7)),
         "founded": draw(st.none() | st.integers(1900, 2024))}
        for i, t in enumerate(types)
    ]
    possible = [
        (et, a, b)
        for et, (sources, targets) in ALLOWED_PAIRS.items()
        for a in range(n) for b in range(n)
        if a != b and types[a] in sources and types[b] in targets
    ]
    edges = []
    if possible:
        for _ in range(draw(st.integers(0, max_edges))):
            et, a, b = draw(st.sampled_from(possible))
            edge = {"source": f"n{a}", "target": f"n{b}", "type": et}
            if et == "funds":
                start = draw(st.integers(2000, 2030))
                edge.update(amount=draw(st.integers(0, 10**6)), start=start,
                            end=start + draw(st.integers(0, 5)))
            edges.append(edge)
    return nodes, edges


# ---------------------------------------------------------------- end-to-end: any valid shape
# The degenerate shapes issue 10 lists; "any" draws freely. Each shape says which node types
# and edge types a dataset of that shape may hold.
SHAPES = {
    "any": (None, None),
    "one_node": (None, ()),
    "no_edges": (None, ()),
    "no_pole": (("organisation", "collectivity", "funder", "project"), None),
    "one_member_pole": (("pole", "organisation", "collectivity", "funder"), None),
    "no_funding": (None, ("member_of", "animates", "participates_in", "part_of",
                          "cooperates_with", "spins_off")),
    "no_cooperation": (None, ("member_of", "animates", "part_of", "funds", "spins_off")),
    "only_funders": (("funder",), ()),
}
_SCRIPTS = st.characters(codec="utf-8", categories=("L", "N"))
any_script = st.text(alphabet=_SCRIPTS, min_size=1, max_size=8)
any_name = st.one_of(
    names,
    st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
            min_size=1, max_size=40).map(str.strip).filter(bool),
    any_script.map(lambda s: (s * (10_000 // len(s) + 1))[:10_000]),  # a 10,000-character name
)
SECTORS = ("reuse", "insertion", "food", "culture", None)


@st.composite
def valid_datasets(draw, max_nodes=9, max_edges=16):
    """(shape, nodes rows, edges rows): a valid dataset of one of :data:`SHAPES`, with ids and
    names in any script, years, amounts, weights and optional columns."""
    shape = draw(st.sampled_from(sorted(SHAPES)))
    node_types, edge_types = SHAPES[shape]
    if shape == "one_node":
        n = 1
    elif shape == "one_member_pole":
        n = draw(st.integers(2, max_nodes))
    else:
        n = draw(st.integers(1, max_nodes))
    kinds = list(node_types or NODE_TYPES)
    types = [draw(st.sampled_from(kinds)) for _ in range(n)]
    if shape == "one_member_pole":
        types[:2] = ["pole", "organisation"]
    ids = [f"{draw(any_script)}-{i}" for i in range(n)]
    nodes = []
    for i, kind in enumerate(types):
        row = {"id": ids[i], "type": kind, "name": draw(any_name)}
        if kind in ("organisation", "collectivity") and draw(st.booleans()):
            row["sector"] = draw(st.sampled_from(SECTORS))
        if kind == "organisation":
            row["ess"] = draw(st.sampled_from(("true", "false", None)))
        if kind in ("organisation", "pole") and draw(st.booleans()):
            row["budget"] = draw(st.integers(0, 10**7))
            row["own_revenue"] = draw(st.none() | st.integers(0, 10**7))
            row["employees"] = draw(st.none() | st.integers(0, 500))
        row["founded"] = draw(st.none() | st.integers(1990, 2024))
        if kind == "pole":
            row["status"] = draw(st.sampled_from(("active", "inactive", None)))
        nodes.append(row)
    allowed = [et for et in ALLOWED_PAIRS if edge_types is None or et in edge_types]
    possible = [(et, a, b) for et in allowed for a in range(n) for b in range(n)
                if a != b and types[a] in ALLOWED_PAIRS[et][0]
                and types[b] in ALLOWED_PAIRS[et][1]]
    if shape == "one_member_pole":  # the pole has exactly one member: no other member_of
        possible = [p for p in possible if p[0] not in ("member_of", "animates")]
    edges = []
    if shape == "one_member_pole":
        edges.append({"source": ids[1], "target": ids[0], "type": "member_of"})
    if possible and shape not in ("one_node", "no_edges", "only_funders"):
        for _ in range(draw(st.integers(0, max_edges))):
            et, a, b = draw(st.sampled_from(possible))
            edge = {"source": ids[a], "target": ids[b], "type": et}
            if et == "funds":
                start = draw(st.integers(2005, 2030))
                edge.update(amount=draw(st.integers(0, 10**6)), start=start,
                            end=start + draw(st.integers(0, 4)))
            elif et == "member_of" and draw(st.booleans()):
                since = draw(st.integers(2005, 2024))
                edge.update(since=since, until=draw(st.none() | st.integers(since, 2026)))
            elif et == "cooperates_with" and draw(st.booleans()):
                edge["weight"] = draw(st.integers(1, 5))
            edges.append(edge)
    return shape, nodes, edges
