"""Where the tests find real files published by others: the small excerpts kept in
tests/data/realdata (see its README for sources and licences), or, when the environment
variable PTCE_GRAPH_REALDATA names a folder of the same layout, the full files there. The
pytest summary says which were used."""

from __future__ import annotations

import os
from pathlib import Path

ENV = "PTCE_GRAPH_REALDATA"
EXCERPTS = Path(__file__).resolve().parent / "data" / "realdata"
REALDATA = Path(os.environ[ENV]).expanduser() if os.environ.get(ENV) else EXCERPTS
FULL_FILES = REALDATA != EXCERPTS


def summary_line() -> str:
    if FULL_FILES:
        return f"real data: full files from {REALDATA} ({ENV})"
    return (f"real data: excerpts in tests/data/realdata; {ENV}=/path/to/realdata runs the same "
            "tests on the full files")
