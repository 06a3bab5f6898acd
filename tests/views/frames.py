"""Every table the views and the report read, made by the analysis itself (the same calls as
the metrics, timeline and report stages of the pipeline), for graphs built in the tests."""

from __future__ import annotations

import networkx as nx
import pandas as pd

from ptce_graph.analysis.recommend import recommend_partners
from ptce_graph.analysis.scenario import top_funder_damage
from ptce_graph.analysis.tables import metric_tables
from ptce_graph.analysis.timeline import funding_cliffs, funding_timeline


def analysis_frames(G: nx.MultiDiGraph) -> dict[str, pd.DataFrame]:
    tables, _, _ = metric_tables(G)
    tables["funding_cliffs"] = funding_cliffs(G)
    tables["funding_timeline"] = funding_timeline(G)
    tables["top_funder_damage"] = top_funder_damage(G)
    tables["recommendations"] = recommend_partners(G, top=3)
    return tables
