"""The analysis layer: pure functions that take the graph and return DataFrames."""

from .profile import funding_by_year, pole_funding, pole_members, pole_profiles, type_counts

__all__ = ["funding_by_year", "pole_funding", "pole_members", "pole_profiles", "type_counts"]
