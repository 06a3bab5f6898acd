"""The furniture of the workbooks people fill in (the dataset template, the survey
questionnaires): header style, notes, drop-down lists kept on a hidden sheet, widths.

Only this module, template.py and survey.py write .xlsx files with openpyxl."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.workbook import Workbook
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

__all__ = ["HEADER_FONT", "HEADER_FILL", "style_header", "add_note", "ChoiceLists",
           "fit_widths", "TEXT_FORMAT"]

HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5F8B")
TEXT_FORMAT = "@"  # cells typed as text: ids and SIREN keep their leading zeros


def style_header(cell) -> None:
    cell.font = HEADER_FONT
    cell.fill = HEADER_FILL
    cell.alignment = Alignment(vertical="center", wrap_text=False)


def add_note(cell, text: str, *, width: int = 320) -> None:
    """A note (comment) on ``cell``, sized for its text."""
    lines = sum(1 + len(line) // 45 for line in text.splitlines()) or 1
    note = Comment(text, "ptce-graph")
    note.width = width
    note.height = 22 * lines + 20
    cell.comment = note


class ChoiceLists:
    """Drop-down lists whose values sit in a hidden sheet of the workbook: no 255-character
    limit on the list, and what Excel and LibreOffice both keep when they save."""

    def __init__(self, book: Workbook, title: str):
        self.sheet = book.create_sheet(title)
        self.sheet.sheet_state = "hidden"
        self._ranges: dict[tuple[str, ...], str] = {}

    def _range(self, values: tuple[str, ...]) -> str:
        if values not in self._ranges:
            column = get_column_letter(len(self._ranges) + 1)
            for row, value in enumerate(values, start=1):
                self.sheet[f"{column}{row}"] = value
            self._ranges[values] = (f"{quote_sheetname(self.sheet.title)}!"
                                    f"${column}$1:${column}${len(values)}")
        return self._ranges[values]

    def add(self, sheet: Worksheet, cells: str, values: Sequence[str], *, strict: bool = True,
            title: str = "", message: str = "") -> DataValidation:
        """A drop-down of ``values`` on ``cells`` (e.g. ``B2:B1000``). ``strict`` refuses any
        other value; otherwise Excel warns and lets it through (categories outside the usual
        list are accepted by the format with a warning)."""
        validation = DataValidation(type="list", formula1=self._range(tuple(values)),
                                    allow_blank=True, showDropDown=False,
                                    showErrorMessage=True,
                                    errorStyle="stop" if strict else "warning",
                                    errorTitle=title or None, error=message or None)
        sheet.add_data_validation(validation)
        validation.add(cells)
        return validation


def fit_widths(sheet: Worksheet, columns: Iterable[tuple[int, Iterable[str]]], *,
               least: int = 8, most: int = 45) -> None:
    """Set each column's width from the longest of its texts, within [least, most]."""
    for index, texts in columns:
        longest = max((len(str(t)) for t in texts if t is not None), default=0)
        sheet.column_dimensions[get_column_letter(index)].width = min(max(longest + 2, least),
                                                                      most)
