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
from ..i18n import Message, _, listed
from ..schema import EDGE_COLUMNS, NODE_COLUMNS, NODE_LABELS, closest
from .backend import GraphStore
from .load import require_complete

__all__ = ["Parameter", "LibraryQuery", "library", "library_query", "parse_query",
           "resolve_query", "inline_query", "convert_parameters", "run_query",
           "referenced_parameters", "explain_empty"]

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
        raise OptionError(_("--param {name}={value}: expected {kind}", name=name, value=value,
                            kind=_KIND_WORDS[kind])) from None
    return text


_KIND_WORDS = {"integer": _("an integer"), "number": _("a number"),
               "boolean": _("a boolean (true or false)"), "text": _("a text")}


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
                raise StoreError(_("{query}: parameter ${parameter} has unknown type {kind!r}; "
                                   "use one of {kinds}", query=source or name, parameter=pname,
                                   kind=kind, kinds=listed(_KINDS)))
            default, has_default = None, False
            for part in rest:
                if part == "default none":  # filled by run_query (as_of: the load marker's)
                    has_default = True
                elif part.startswith("default "):
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
        near = closest(name, queries, n=1)
        raise OptionError(_("no library query {name!r}{hint}: `ptce-graph query --list` shows "
                            "them, or give the path of a .cypher file, or --cypher \"MATCH "
                            "...\"", name=name, hint=_(": did you mean {words}?", words=near[0])
                            if near else ""))
    return queries[name]


def resolve_query(name_or_file: str) -> LibraryQuery:
    """A library query by name, or a user's .cypher file (its header is read the same way)."""
    path = Path(name_or_file)
    if name_or_file.endswith(".cypher") or path.is_file():
        if not path.is_file():
            raise OptionError(_("no such query file: {file}", file=name_or_file))
        text = path.read_text(encoding="utf-8")
        if not text.strip():
            raise OptionError(_("{file}: the file holds no query", file=name_or_file))
        return parse_query(text, path.stem, str(path))
    return library_query(name_or_file)


def inline_query(text: str, source: str = "--cypher") -> LibraryQuery:
    """A query given on the command line (``--cypher "MATCH ..."``) or on standard input; a
    ``//`` header, if written, is read as in a file."""
    if not text.strip():
        raise OptionError(_("{source}: no query given", source=source))
    return parse_query(text, "cypher", source)


def _code_only(text: str) -> str:
    """The query without its comments and string literals (where $x or :X mean nothing)."""
    text = re.sub(r"//[^\n]*", "", text)
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


def referenced_parameters(text: str) -> list[str]:
    """The ``$parameters`` a query text uses, in order of first use.

    >>> referenced_parameters("MATCH (p {id: $pole}) // $not_this\\nRETURN '$nor_this', $limit")
    ['pole', 'limit']
    """
    return list(dict.fromkeys(re.findall(r"\$(\w+)", _code_only(text))))


def convert_parameters(query: LibraryQuery, given: dict[str, str]) -> dict:
    """Typed parameter values: the header's types and defaults, text for undeclared ones
    (numbers guessed for a user's file without a header). A parameter the text uses and
    nobody gave is named."""
    declared = {p.name: p for p in query.parameters}
    values = {}
    for name, value in given.items():
        if name in declared:
            values[name] = _convert(declared[name].kind, value, name)
        elif query.parameters:
            known = ", ".join(f"${p}" for p in declared)
            raise OptionError(_("query {query} has no parameter ${name}; it takes {known}",
                                query=query.name, name=name, known=known))
        else:
            values[name] = _guess(value)
    for p in query.parameters:
        if p.name not in values:
            if not p.has_default:
                raise OptionError(_("query {query} needs --param {name}=VALUE ({what})",
                                    query=query.name, name=p.name,
                                    what=p.description or _KIND_WORDS[p.kind]))
            values[p.name] = p.default
    missing = [name for name in referenced_parameters(query.text) if name not in values]
    if missing:
        raise OptionError(_("the query uses {names} but no value was given: add {options}",
                            names=listed(f"${m}" for m in missing),
                            options=" ".join(f"--param {m}=VALUE" for m in missing)))
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
    """Run a query (parameters already typed) and return its rows, columns in RETURN order.
    A declared ``$as_of`` left empty is the year the loaded dataset describes (the load
    marker's, as the time model resolved it), so that the store judges membership as of the
    same year as ``analyze``."""
    marker = require_complete(store)
    params = dict(params or {})
    if any(p.name == "as_of" for p in query.parameters) and params.get("as_of") is None:
        params["as_of"] = marker.get("as_of")
    result = store.run(query.text, params) if allow_write else store.read(query.text, params)
    return pd.DataFrame.from_records(result.rows, columns=result.columns) if result.columns \
        else pd.DataFrame()


# ---------------------------------------------------------------- why a query found nothing

_LABEL = re.compile(r"\(\s*\w*\s*((?::\s*`?\w+`?\s*)+)")
_REL_TYPE = re.compile(r"\[\s*\w*\s*:\s*(`?\w+`?(?:\s*\|\s*:?\s*`?\w+`?)*)")
_PROPERTY = re.compile(r"\b[A-Za-z_]\w*\.([A-Za-z_]\w*)\b(?!\s*\()")  # not db.labels()
_DATASET_PROPERTIES = {c.name for c in NODE_COLUMNS + EDGE_COLUMNS}
# parameter names that hold the id of a node, and the label to look it up under (None: any)
_ID_PARAMETERS = {"pole": "pole", "member": "organisation", "organisation": "organisation",
                  "funder": "funder", "collectivity": "collectivity", "project": "project",
                  "id": None, "node": None, "actor": None}


def _names(text: str, pattern: re.Pattern) -> set[str]:
    found = set()
    for match in pattern.finditer(text):
        found.update(name.strip(" `:") for name in re.split(r"[:|]", match.group(1))
                     if name.strip(" `:"))
    return found


def _store_names(store: GraphStore, procedure: str, column: str) -> set[str]:
    return {row[0] for row in store.read(f"CALL {procedure}() YIELD {column} "
                                         f"RETURN {column}").rows}


def _unknown_names(code: str, pattern, known: set[str]) -> list[tuple[str, Message | str]]:
    """(name, "did you mean" hint or "") for each name ``code`` uses that ``known`` lacks."""
    found = []
    for name in sorted(_names(code, pattern) - known):
        near = closest(name, known, n=1)
        found.append((name, _(": did you mean {words}?", words=near[0]) if near else ""))
    return found


def explain_empty(store: GraphStore, query: LibraryQuery, params: dict) -> list[Message]:
    """Why a query may have found nothing: a label or relationship type the store does not
    have, an id parameter that names no node, properties no node has (those `analyze
    --write-back` writes, before any write-back). Empty when nothing looks wrong."""
    code = _code_only(query.text)
    reasons: list[Message] = []
    labels = _store_names(store, "db.labels", "label")
    for label, hint in _unknown_names(code, _LABEL, labels):
        reasons.append(_("the store has no label {label}{hint} (labels: {labels})",
                         label=label, hint=hint, labels=listed(sorted(labels))))
    types = _store_names(store, "db.relationshipTypes", "relationshipType")
    for rel, hint in _unknown_names(code, _REL_TYPE, types):
        reasons.append(_("the store has no relationship type {type}{hint} (types: {types})",
                         type=rel, hint=hint, types=listed(sorted(types))))
    for name, value in params.items():
        if name not in _ID_PARAMETERS or not isinstance(value, str):
            continue
        node_type = _ID_PARAMETERS[name]
        kinds = [node_type] if node_type else list(NODE_LABELS)
        ids: set[str] = set()
        for kind in kinds:
            ids |= {row[0] for row in store.read(
                f"MATCH (n:{NODE_LABELS[kind]}) RETURN n.id").rows}
        if value not in ids:
            near = closest(value, ids, cutoff=0.7)
            reasons.append(_("--param {name}={value}: no {what} has this id in the store{hint}",
                             name=name, value=value, what=NODE_LABELS.get(node_type, "node")
                             if node_type else "node",
                             hint=_(": did you mean {words}?",
                                    words=listed(f"{n!r}" for n in near))
                             if near else ""))
    keys = _store_names(store, "db.propertyKeys", "propertyKey")
    unknown = sorted(p for p in set(_PROPERTY.findall(code)) - keys
                     if p not in _DATASET_PROPERTIES)
    if unknown:
        marker = require_complete(store)
        if not marker.get("metrics"):
            reasons.append(_("the query reads {names}, which only `ptce-graph analyze "
                             "--write-back` writes, and nothing has been written back to this "
                             "store yet: run `ptce-graph analyze --write-back` first",
                             names=listed(unknown)))
        else:
            for name in unknown:
                near = closest(name, keys, n=1)
                reasons.append(_("no node or relationship in the store has the property "
                                 "{name}{hint}", name=name, hint=_(": did you mean {words}?",
                                                                   words=near[0])
                                 if near else ""))
    return reasons
