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

__all__ = ["FORMULA_STARTS", "safe_cell", "unsafe_cell", "readable_cell", "safe_frame",
           "people_frame", "write_csv", "write_people_csv"]

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


def unsafe_cell(text: str) -> str:
    """The value :func:`safe_cell` neutralised, as it was (for reading a file written here).

    >>> unsafe_cell("'=1+1"), unsafe_cell("l'Atelier"), unsafe_cell("'quoted'")
    ('=1+1', "l'Atelier", "'quoted'")
    """
    if text.startswith("'") and text[1:2] and text[1] in "".join(FORMULA_STARTS):
        return text[1:]
    return text


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


def _one_line_break(value):
    """Carriage returns inside a text cell as line feeds: a CSV writer quotes a cell holding a
    line feed, not one holding a lone carriage return, which then splits the row for readers."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its text cells neutralised (:func:`safe_cell`); the rest untouched."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype) in ("str", "string"):
            frame[col] = frame[col].astype(object).map(lambda v: safe_cell(_one_line_break(v)))
    return frame


def write_csv(frame: pd.DataFrame, path: str | Path, **to_csv) -> Path:
    """Write a table for scripts *and* spreadsheets: the stable columns and values, but no text
    cell a spreadsheet would run as a formula (UTF-8, no BOM)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    safe_frame(frame).to_csv(path, index=False, **to_csv)
    return path


def people_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every cell readable and safe (object columns; numbers stay numbers)."""
    return frame.astype(object).map(lambda v: safe_cell(_one_line_break(readable_cell(v))))


def write_people_csv(frame: pd.DataFrame, path: str | Path, **to_csv) -> Path:
    """Write ``frame`` as a CSV for people (UTF-8 with BOM, so that Excel reads the accents)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    people_frame(frame).to_csv(path, index=False, encoding="utf-8-sig", **to_csv)
    return path
