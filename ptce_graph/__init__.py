"""ptce-graph: map and analyse the partnership networks of French PTCE.

The public API: read a dataset, build the graph, analyse it.

>>> from ptce_graph import load_dataset, build_graph, pole_profiles, analyze
"""

__version__ = "0.1.0"

from .analysis import (
    Analysis,
    analyze,
    funding_by_year,
    pole_funding,
    pole_members,
    pole_profiles,
    type_counts,
)
from .build import (
    build_graph,
    graph_to_tables,
    load_graph,
    read_graphml,
    write_gexf,
    write_graphml,
)
from .errors import DatasetError, OptionError, Problem, PtceError, StoreError
from .ingest import Dataset, load_dataset, read_dataset, validate_dataset, write_dataset
from .options import AnalysisOptions, OutputOptions, Secrets

__all__ = [
    "__version__",
    "Analysis",
    "AnalysisOptions",
    "OutputOptions",
    "Secrets",
    "analyze",
    "Dataset",
    "DatasetError",
    "OptionError",
    "Problem",
    "PtceError",
    "StoreError",
    "build_graph",
    "funding_by_year",
    "graph_to_tables",
    "load_graph",
    "load_dataset",
    "pole_funding",
    "pole_members",
    "pole_profiles",
    "read_dataset",
    "read_graphml",
    "type_counts",
    "validate_dataset",
    "write_dataset",
    "write_gexf",
    "write_graphml",
]
