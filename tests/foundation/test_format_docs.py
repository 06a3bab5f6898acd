"""The format's documentation and the bundled datasets stay true to the code."""

from pathlib import Path

import pytest

from ptce_graph.ingest import BUNDLED_DATASETS, bundled_dataset, read_dataset
from ptce_graph.schema import (
    COLUMN_ALIASES,
    EDGE_COLUMNS,
    EDGE_TYPES,
    NODE_COLUMNS,
    NODE_TYPES,
    canonical_column,
    describe_pair,
)

ROOT = Path(__file__).resolve().parents[2]
FORMAT_DOC = (ROOT / "datasets" / "README.md").read_text(encoding="utf-8")


def test_every_column_and_type_is_documented():
    for column in NODE_COLUMNS + EDGE_COLUMNS:
        assert f"| `{column.name}` |" in FORMAT_DOC, column.name
    for edge_type in EDGE_TYPES:
        assert f"| `{edge_type}` | {describe_pair(edge_type)} |" in FORMAT_DOC, edge_type
    for node_type in NODE_TYPES:
        assert f"`{node_type}`" in FORMAT_DOC


def test_every_documented_alias_is_accepted():
    for alias, canonical in COLUMN_ALIASES.items():
        assert canonical_column(alias) == canonical
    for header, canonical in [("Montant (€)", "amount"), ("Année début", "start"),
                              ("Jusqu'à", "until"), ("Catégorie", "category"),
                              ("Chiffre d'affaires", "own_revenue"), ("Libellé", "name")]:
        assert canonical_column(header) == canonical


@pytest.mark.parametrize("name", BUNDLED_DATASETS)
def test_bundled_datasets_are_valid_and_documented(name):
    folder = bundled_dataset(name)
    data = read_dataset(folder)
    assert data.errors == []
    assert (folder / "README.md").read_text(encoding="utf-8").count("seeds/") >= 1
    assert data.nodes["id"].is_unique


def test_regional_dataset_is_large_enough():
    data = read_dataset(bundled_dataset("auvergne-rhone-alpes"))
    assert len(data.nodes) >= 250
    assert (data.nodes["type"] == "pole").sum() >= 12
