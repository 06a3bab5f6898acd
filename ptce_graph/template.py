"""The workbook a facilitator fills in: the dataset's two sheets with headers and values in
French or English, drop-down lists for every column with fixed values, a note on each header,
and a help sheet. Built from schema.py, so a column or value added there shows up here; what
it writes, ``ingest.read_dataset`` reads back unchanged."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .errors import DatasetError
from .i18n import Labels, _, labels
from .ingest import Dataset, load_dataset, read_meta
from .schema import (
    ALLOWED_PAIRS,
    EDGE_COLUMNS,
    EDGE_TYPES,
    NODE_COLUMNS,
    NODE_TYPES,
    Column,
    column_values,
)
from .time_model import META_SHEET

__all__ = ["TEMPLATE_ROWS", "EXAMPLE_NODES", "EXAMPLE_EDGES", "write_template",
           "template_workbook", "cell_value", "header_text"]

TEMPLATE_ROWS = 1000  # rows below the data that get the drop-downs and text formats

# A small fictional pole, shown on the help sheet (canonical values; rendered per language).
EXAMPLE_NODES: tuple[dict, ...] = (
    {"id": "pole-val", "type": "pole", "name": "Pôle Val Coopère", "territory": "Val d'Aure",
     "founded": 2014, "status": "active"},
    {"id": "org-scic-val", "type": "organisation", "name": "SCIC Val Coopère",
     "category": "cooperative", "sector": "services", "ess": True, "founded": 2013},
    {"id": "org-ressourcerie", "type": "organisation", "name": "Ressourcerie du Val",
     "category": "insertion", "sector": "reuse", "ess": True, "employees": 12},
    {"id": "org-menuiserie", "type": "organisation", "name": "Menuiserie Martin",
     "category": "company", "sector": "eco-construction", "ess": False, "employees": 6},
    {"id": "col-cc-val", "type": "collectivity", "name": "Communauté de communes du Val",
     "category": "epci"},
    {"id": "fund-france-active", "type": "funder", "name": "France Active",
     "category": "private"},
    {"id": "proj-conciergerie", "type": "project", "name": "Conciergerie de territoire",
     "sector": "services"},
    {"id": "proj-conciergerie-haut-val", "type": "project", "name": "Conciergerie du Haut-Val",
     "sector": "services"},
)
EXAMPLE_EDGES: tuple[dict, ...] = (
    {"source": "org-scic-val", "target": "pole-val", "type": "animates", "since": "2014"},
    {"source": "org-ressourcerie", "target": "pole-val", "type": "member_of",
     "role": "founder", "since": "2014"},
    {"source": "org-menuiserie", "target": "pole-val", "type": "member_of", "role": "member",
     "since": "2016"},
    {"source": "col-cc-val", "target": "pole-val", "type": "member_of", "role": "partner"},
    {"source": "col-cc-val", "target": "pole-val", "type": "funds", "amount": 45000.0,
     "start": "2015", "end": "2017", "purpose": "animation", "programme": "LEADER"},
    {"source": "fund-france-active", "target": "org-ressourcerie", "type": "funds",
     "amount": 20000.0, "start": "2016", "end": "2016", "purpose": "investment"},
    {"source": "org-scic-val", "target": "proj-conciergerie", "type": "participates_in",
     "role": "lead"},
    {"source": "proj-conciergerie", "target": "pole-val", "type": "part_of"},
    {"source": "org-ressourcerie", "target": "org-menuiserie", "type": "cooperates_with",
     "kind": "wood-reuse", "weight": 2.0},
    {"source": "proj-conciergerie", "target": "proj-conciergerie-haut-val",
     "type": "spins_off"},
)

_TEXT_KINDS = ("text", "siren", "siret", "date", "years")


def _missing(value) -> bool:
    return value is None or value is pd.NA or (isinstance(value, float) and value != value)


def header_text(column: str, words: Labels) -> str:
    """The header a column gets in the workbook's language (an extra column keeps its own)."""
    return words.get(f"header.{column}", column)


def cell_value(column: Column | None, value, words: Labels):
    """A value as the workbook holds it: enumerated values and booleans in the workbook's
    language, numbers as numbers, everything else as text."""
    if _missing(value):
        return None
    if column is None:
        return str(value)
    if column.kind == "enum":
        return words.get(f"cell.{column.name}.{value}", str(value))
    if column.kind == "bool":
        return words["cell.bool.true" if bool(value) else "cell.bool.false"]
    if column.kind == "number":
        number = float(value)
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if column.kind == "year":
        return int(value)
    return str(value)


def _choices(column: Column, words: Labels) -> list[str]:
    return [cell_value(column, v, words) for v in column_values(column)]


def _note(column: Column, table: str, words: Labels) -> str:
    parts = [words[f"note.{table}.{column.name}"]]
    if column.required:
        parts.append(words["note.required"])
    if column.kind == "bool":
        parts.append(words.format("note.values", values=", ".join(
            (words["cell.bool.true"], words["cell.bool.false"]))))
    elif column_values(column):
        parts.append(words.format("note.values", values=", ".join(_choices(column, words))))
    if column.example:
        example = column.example
        if column.kind in ("enum", "bool"):
            example = cell_value(column, example == "true" if column.kind == "bool"
                                 else example, words)
        parts.append(words.format("note.example", example=example))
    return "\n".join(parts)


def _columns_of(frame: pd.DataFrame | None, spec: tuple[Column, ...]) -> list[str]:
    """Every hand-filled column of the format, the survey's where the data has them, then
    the data's own extra columns."""
    has = set() if frame is None else {c for c in frame.columns if frame[c].notna().any()}
    names = [c.name for c in spec if not c.written_by or c.name in has]
    if frame is not None:
        names += [c for c in frame.columns if c not in {s.name for s in spec}]
    return names


def _write_table(sheet, frame: pd.DataFrame | None, spec: tuple[Column, ...], table: str,
                 words: Labels, lists=None, *, top: int = 1, notes: bool = True) -> int:
    """Write one table with its header at row ``top``; returns the number of data rows."""
    from openpyxl.utils import get_column_letter

    from .workbook import TEXT_FORMAT, add_note, fit_widths, style_header

    by_name = {c.name: c for c in spec}
    names = _columns_of(frame, spec)
    records = [] if frame is None else frame.to_dict("records")
    last = top + max(len(records), 0) + (TEMPLATE_ROWS if lists is not None else 0)
    widths = []
    for index, name in enumerate(names, start=1):
        column = by_name.get(name)
        cell = sheet.cell(row=top, column=index, value=header_text(name, words))
        style_header(cell)
        if notes and column is not None:
            add_note(cell, _note(column, table, words))
        shown = [cell.value]
        for offset, record in enumerate(records, start=1):
            value = cell_value(column, record.get(name), words)
            target = sheet.cell(row=top + offset, column=index, value=value)
            if isinstance(value, str):
                target.data_type = "s"  # '=...' stays text, never a formula
                if column is None or column.kind in _TEXT_KINDS:
                    target.number_format = TEXT_FORMAT
            shown.append(value)
        if column is not None and column.example:
            shown.append(column.example)
        widths.append((index, shown))
        letter = get_column_letter(index)
        if lists is not None and (column is None or column.kind in _TEXT_KINDS):
            # the column's own format: what is typed in later stays text too
            sheet.column_dimensions[letter].number_format = TEXT_FORMAT
        if lists is not None and column is not None:
            cells = f"{letter}{top + 1}:{letter}{last}"
            if column.kind == "bool":
                lists.add(sheet, cells, [words["cell.bool.true"], words["cell.bool.false"]])
            elif column_values(column):
                # categories outside the usual lists are accepted (with a warning)
                lists.add(sheet, cells, _choices(column, words),
                          strict=column.name != "category")
    fit_widths(sheet, widths)
    return len(records)


def _wrapped_row(sheet, row: int, values) -> None:
    """One row of the help sheet from column A, text wrapped and aligned to the top."""
    from openpyxl.styles import Alignment

    for index, value in enumerate(values, 1):
        sheet.cell(row=row, column=index, value=value).alignment = Alignment(wrap_text=True,
                                                                            vertical="top")


def _pairs_text(edge_type: str, words: Labels) -> str:
    sources, targets = ALLOWED_PAIRS[edge_type]

    def listed(types) -> str:
        shown = [words[f"cell.type.{t}"] for t in NODE_TYPES if t in types]
        return shown[0] if len(shown) == 1 else (", ".join(shown[:-1]) + f" {words['help.or']} "
                                                 + shown[-1])

    arrow = "<->" if edge_type == "cooperates_with" else "->"
    return f"{listed(sources)} {arrow} {listed(targets)}"


def _write_help(sheet, words: Labels, file_name: str) -> None:
    from openpyxl.styles import Alignment, Font

    from .workbook import style_header

    example_names = {n["id"]: n["name"] for n in EXAMPLE_NODES}
    sheet["A1"] = words["help.title"]
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A2"] = words.format("help.intro", file=file_name)
    sheet["A2"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A2:D2")
    sheet.row_dimensions[2].height = 48
    row = 4
    sheet.cell(row=row, column=1, value=words["help.node_types"]).font = Font(bold=True)
    row += 1
    for index, key in enumerate(("help.col_value", "help.col_meaning", "help.col_example"), 1):
        style_header(sheet.cell(row=row, column=index, value=words[key]))
    for node_type in NODE_TYPES:
        row += 1
        example = next(n["name"] for n in EXAMPLE_NODES if n["type"] == node_type)
        _wrapped_row(sheet, row, (words[f"cell.type.{node_type}"],
                                  words[f"help.node.{node_type}"], example))
    row += 2
    sheet.cell(row=row, column=1, value=words["help.edge_types"]).font = Font(bold=True)
    row += 1
    for index, key in enumerate(("help.col_value", "help.col_pairs", "help.col_meaning",
                                 "help.col_example"), 1):
        style_header(sheet.cell(row=row, column=index, value=words[key]))
    for edge_type in EDGE_TYPES:
        row += 1
        edge = next(e for e in EXAMPLE_EDGES if e["type"] == edge_type)
        example = f"{example_names[edge['source']]} -> {example_names[edge['target']]}"
        _wrapped_row(sheet, row, (words[f"cell.type.{edge_type}"],
                                  _pairs_text(edge_type, words),
                                  words[f"help.edge.{edge_type}"], example))
    row += 2
    sheet.cell(row=row, column=1, value=words["help.example"]).font = Font(bold=True)
    row += 1
    nodes = pd.DataFrame(list(EXAMPLE_NODES))
    edges = pd.DataFrame(list(EXAMPLE_EDGES))
    sheet.cell(row=row, column=1, value=words["sheet.nodes"]).font = Font(italic=True)
    written = _write_table(sheet, nodes, NODE_COLUMNS, "nodes", words, top=row + 1, notes=False)
    row += written + 3
    sheet.cell(row=row, column=1, value=words["sheet.edges"]).font = Font(italic=True)
    _write_table(sheet, edges, EDGE_COLUMNS, "edges", words, top=row + 1, notes=False)
    # the help columns are read, not typed in: wider than the fitted data columns
    for letter, width in (("A", 22), ("B", 42), ("C", 48), ("D", 40)):
        sheet.column_dimensions[letter].width = width


def _write_meta(sheet, meta: dict[str, str], words: Labels) -> None:
    """The dataset's metadata as ``key,value`` rows (the ``meta`` sheet ``read_meta`` reads):
    ``as_of``, the year the dataset describes, always listed so that it can be declared."""
    from .workbook import add_note, fit_widths, style_header

    for column, text in ((1, "key"), (2, "value")):
        style_header(sheet.cell(row=1, column=column, value=text))
    rows = {"as_of": "", **meta}
    for row, (key, value) in enumerate(rows.items(), start=2):
        sheet.cell(row=row, column=1, value=key)
        sheet.cell(row=row, column=2, value=value or None).data_type = "s"
    add_note(sheet["A2"], words["note.meta.as_of"])
    fit_widths(sheet, [(1, list(rows)), (2, [str(v) for v in rows.values()])], most=80)


def template_workbook(dataset: Dataset | None = None, *, lang: str = "fr",
                      file_name: str = "mon-pole.xlsx", meta: dict[str, str] | None = None):
    """The workbook (openpyxl) to fill in, pre-filled with ``dataset`` (and its ``meta``
    key/value pairs) when given."""
    from openpyxl import Workbook

    from .workbook import ChoiceLists

    words = labels(lang)
    book = Workbook()
    nodes_sheet = book.active
    nodes_sheet.title = words["sheet.nodes"]
    edges_sheet = book.create_sheet(words["sheet.edges"])
    help_sheet = book.create_sheet(words["sheet.help"])
    _write_meta(book.create_sheet(META_SHEET), meta or {}, words)
    lists = ChoiceLists(book, words["sheet.lists"])
    for sheet, frame, spec, table in (
        (nodes_sheet, dataset.nodes if dataset else None, NODE_COLUMNS, "nodes"),
        (edges_sheet, dataset.edges if dataset else None, EDGE_COLUMNS, "edges"),
    ):
        _write_table(sheet, frame, spec, table, words, lists)
        sheet.freeze_panes = "A2"
    _write_help(help_sheet, words, file_name)
    return book


def write_template(out: str | Path, *, lang: str = "fr",
                   source: str | Path | None = None) -> Path:
    """Write the workbook to fill in at ``out`` (.xlsx); ``source``: a dataset to pre-fill
    it with (it must be valid: what failed validation could not be written back)."""
    out = Path(out)
    if out.suffix.lower() != ".xlsx":
        raise DatasetError(_("{out}: the template is an Excel workbook; name it with .xlsx "
                             "(e.g. {name})", out=str(out), name=out.with_suffix(".xlsx").name))
    dataset = load_dataset(source) if source is not None else None
    meta = read_meta(source) if source is not None else {}
    book = template_workbook(dataset, lang=lang, file_name=out.name, meta=meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        book.save(out)
    except ValueError as err:  # openpyxl's IllegalCharacterError: a control character
        raise DatasetError(_("{source}: a value holds a control character that a workbook "
                             "cannot store ({err}); remove it and try again", source=str(source),
                             err=str(err))) from err
    return out
