"""The analysis layer: pure functions that take the graph and return DataFrames."""

from .bridges import cooperation_ties_table
from .brokerage import brokerage_roles
from .centrality import node_metrics
from .fragility import pole_fragility
from .funding import funding_dependence
from .interpole import interpole_ties
from .isolation import key_actor_impact, member_isolation
from .layers import cooperation_layer, full_layer, funding_layer, poles_layer
from .profile import funding_by_year, pole_funding, pole_members, pole_profiles, type_counts
from .tables import Analysis, analyze

__all__ = [
    "Analysis",
    "analyze",
    "brokerage_roles",
    "cooperation_layer",
    "cooperation_ties_table",
    "full_layer",
    "funding_dependence",
    "funding_layer",
    "interpole_ties",
    "key_actor_impact",
    "member_isolation",
    "node_metrics",
    "pole_fragility",
    "poles_layer",
    "funding_by_year",
    "pole_funding",
    "pole_members",
    "pole_profiles",
    "type_counts",
]
