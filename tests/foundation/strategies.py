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
