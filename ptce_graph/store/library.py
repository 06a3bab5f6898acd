"""The analysts' Cypher library (``cypher/*.cypher``, shipped as ``ptce_graph.cypher``) and how a
query, from the library or a user's file, is run (``ptce-graph query``).

Each library file holds one query under a ``//`` header::

    // Question: Which members of a pole have no cooperation tie at all?
    // Parameter: $pole (text) id of the pole, e.g. pole-esci
    // Parameter: $limit (integer, default 10) how many rows
    // Returns: member, name, category, sector

Parameters are typed by their header (text, integer, number, boolean); a parameter with a
default may be left out. Queries run read-only unless the caller allows writes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import pandas as pd

from ..errors import OptionError, StoreError
from .backend import GraphStore
from .load import require_complete

__all__ = ["Parameter", "LibraryQuery", "library", "library_query", "parse_query",
           "resolve_query", "convert_parameters", "run_query"]

_PARAMETER = re.compile(r"^//\s*Parameter:\s*\$(\w+)\s*\(([^)]*)\)\s*(.*)$")
_FIELD = re.compile(r"^//\s*(Question|Returns|Compare):\s*(.*)$")
_KINDS = ("text", "integer", "number", "boolean")


@dataclass(frozen=True)
class Parameter:
    name: str
    kind: str
    default: object = None
    has_default: bool = False
    description: str = ""


@dataclass(frozen=True)
class LibraryQuery:
    name: str
    text: str
    question: str = ""
    parameters: tuple[Parameter, ...] = ()
    returns: tuple[str, ...] = ()
    source: str = ""


def _convert(kind: str, value: str, name: str):
    text = str(value).strip()
    try:
        if kind == "integer":
            return int(text)
        if kind == "number":
            return float(text.replace(",", "."))
        if kind == "boolean":
            lowered = text.lower()
            if lowered in ("true", "yes", "oui", "1"):
                return True
            if lowered in ("false", "no", "non", "0"):
                return False
            raise ValueError(text)
    except ValueError:
        raise OptionError(f"--param {name}={value}: expected {_a(kind)} {kind}") from None
    return text


def _a(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def parse_query(text: str, name: str = "", source: str = "") -> LibraryQuery:
    """Read the ``//`` header of a query file."""
    question, returns, parameters = "", (), []
    for line in text.splitlines():
        line = line.strip()
        if not line.startswith("//"):
            if line:
                break
            continue
        match = _PARAMETER.match(line)
        if match:
            pname, spec, description = match.groups()
            kind, *rest = [p.strip() for p in spec.split(",")]
            if kind not in _KINDS:
                raise StoreError(f"{source or name}: parameter ${pname} has unknown type {kind!r}"
                                 f"; use one of {', '.join(_KINDS)}")
            default, has_default = None, False
            for part in rest:
                if part.startswith("default "):
                    default = _convert(kind, part.removeprefix("default "), pname)
                    has_default = True
            parameters.append(Parameter(pname, kind, default, has_default, description.strip()))
            continue
        match = _FIELD.match(line)
        if match and match.group(1) == "Question":
            question = match.group(2).strip()
        elif match and match.group(1) == "Returns":
            returns = tuple(c.strip() for c in match.group(2).split(",") if c.strip())
    return LibraryQuery(name=name, text=text, question=question, parameters=tuple(parameters),
                        returns=returns, source=source)


@lru_cache(maxsize=1)
def library() -> dict[str, LibraryQuery]:
    """Every library query by name (the file name without .cypher), sorted."""
    folder = files("ptce_graph.cypher")
    found = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".cypher"):
            name = entry.name.removesuffix(".cypher")
            found[name] = parse_query(entry.read_text(encoding="utf-8"), name,
                                      f"cypher/{entry.name}")
    return found


def library_query(name: str) -> LibraryQuery:
    queries = library()
    if name not in queries:
        raise OptionError(f"no library query {name!r}: `ptce-graph query --list` shows them, "
                          "or give the path of a .cypher file")
    return queries[name]


def resolve_query(name_or_file: str) -> LibraryQuery:
    """A library query by name, or a user's .cypher file (its header is read the same way)."""
    path = Path(name_or_file)
    if name_or_file.endswith(".cypher") or path.is_file():
        if not path.is_file():
            raise OptionError(f"no such query file: {name_or_file}")
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            raise OptionError(f"{name_or_file}: the file holds no query")
        return parse_query(text, path.stem, str(path))
    return library_query(name_or_file)


def convert_parameters(query: LibraryQuery, given: dict[str, str]) -> dict:
    """Typed parameter values: the header's types and defaults, text for undeclared ones
    (numbers guessed for a user's file without a header)."""
    declared = {p.name: p for p in query.parameters}
    values = {}
    for name, value in given.items():
        if name in declared:
            values[name] = _convert(declared[name].kind, value, name)
        elif query.parameters:
            known = ", ".join(f"${p}" for p in declared)
            raise OptionError(f"query {query.name} has no parameter ${name}; it takes {known}")
        else:
            values[name] = _guess(value)
    for p in query.parameters:
        if p.name not in values:
            if not p.has_default:
                raise OptionError(f"query {query.name} needs --param {p.name}=VALUE "
                                  f"({p.description or p.kind})")
            values[p.name] = p.default
    return values


def _guess(value: str):
    for kind in ("integer", "number"):
        try:
            return _convert(kind, value, "")
        except OptionError:
            continue
    return value


def run_query(store: GraphStore, query: LibraryQuery, params: dict | None = None, *,
              allow_write: bool = False) -> pd.DataFrame:
    """Run a query (parameters already typed) and return its rows, columns in RETURN order."""
    require_complete(store)
    params = params or {}
    result = store.run(query.text, params) if allow_write else store.read(query.text, params)
    return pd.DataFrame.from_records(result.rows, columns=result.columns) if result.columns \
        else pd.DataFrame()
