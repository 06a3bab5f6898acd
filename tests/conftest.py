"""Fixtures shared by every test folder: the tiny hand-checkable dataset and the regional one."""

import os
from pathlib import Path

import pytest
from hypothesis import settings

from ptce_graph.build import load_graph
from ptce_graph.ingest import bundled_dataset

# No hypothesis deadline anywhere: speed is measured in benchmarks, never in tests, and a
# deadline turns a loaded machine (2 cores, servers, a browser) into flaky failures.
settings.register_profile("ptce-graph", deadline=None)
settings.load_profile("ptce-graph")

TINY = Path(__file__).resolve().parent / "data" / "tiny"


@pytest.fixture(scope="module")
def tiny():
    """The tiny fixture (tests/data/tiny) as a graph: 7 nodes, 12 edges, checkable by hand."""
    return load_graph(TINY)


@pytest.fixture(scope="module")
def region():
    """The bundled Auvergne-Rhône-Alpes network as a graph."""
    return load_graph(bundled_dataset("auvergne-rhone-alpes"))


# Tests read English unless they choose a language: the same on a French developer's machine
# (set at import, before any session fixture runs a command; subprocesses inherit it).
os.environ["PTCE_GRAPH_LANG"] = "en"


def pytest_terminal_summary(terminalreporter):
    """Say whether the real-data tests read the excerpts or the full files."""
    from .realdata import summary_line

    terminalreporter.write_line(summary_line())
