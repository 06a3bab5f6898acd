"""CSV files written for people, who open them in a spreadsheet: cells a person can read and
that a spreadsheet cannot run.

- **CSV injection** (OWASP): a cell starting with ``=``, ``+``, ``-``, ``@``, tab or carriage
  return would be read as a formula by Excel or LibreOffice; it gets a leading ``'``, which
  the spreadsheet shows as text and which keeps the value readable. Numbers are left as
  numbers (``-3`` stays a number: only text cells are neutralised).
- **Readable cells**: no ``None``/``nan``, lists joined with ``;`` (never ``['a', 'b']``),
  whole numbers without ``.0`` (a year is ``2014``, not ``2014.0``).

Machine-facing tables (``metrics/*.csv``) keep their stable columns; this module only
changes how cells are written. See README "Files for people, files for scripts"."""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from .schema import ID_SEPARATOR

__all__ = ["FORMULA_STARTS", "safe_cell", "readable_cell", "people_frame", "write_people_csv"]

# What a spreadsheet takes as the start of a formula (OWASP "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that no spreadsheet runs as a formula; other values unchanged.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")"), safe_cell("-3 members"), safe_cell(-3)
    ('\\'=HYPERLINK("http://x")', "'-3 members", -3)
    >>> safe_cell("Pôle Alp'En")
    "Pôle Alp'En"
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def readable_cell(value):
    """A value as a person reads it in a cell: '' for missing, lists joined with ';', whole
    floats as integers.

    >>> readable_cell(None), readable_cell(float("nan")), readable_cell(2014.0)
    ('', '', 2014)
    >>> readable_cell(["pole-a", "pole-b"]), readable_cell(2.5), readable_cell(True)
    ('pole-a;pole-b', 2.5, True)
    """
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return int(value) if value.is_integer() and abs(value) < 1e15 else value
    if isinstance(value, (list, tuple, set, frozenset)):
        return ID_SEPARATOR.join(str(readable_cell(v)) for v in _ordered(value))
    return value


def _ordered(values: Iterable) -> list:
    return sorted(values, key=str) if isinstance(values, (set, frozenset)) else list(values)


def people_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every cell readable and safe (object columns; numbers stay numbers)."""
    return frame.astype(object).map(lambda v: safe_cell(readable_cell(v)))


def write_people_csv(frame: pd.DataFrame, path: str | Path, **to_csv) -> Path:
    """Write ``frame`` as a CSV for people (UTF-8 with BOM, so that Excel reads the accents)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    people_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", **to_csv)
    return path
