"""Read a dataset (CSV folder or .xlsx workbook) into validated, typed DataFrames; write one back.

French spreadsheets are normal input here: `;` or `,` separators, decimal commas, thousands
separators written with spaces, UTF-8 with or without BOM, Windows-1252, `.xlsx` workbooks."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import stat
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DatasetError, Problem
from .i18n import Message, Score, _, listed, ngettext_
from .schema import (
    COLUMN_ALIASES,
    EDGE_COLUMNS,
    EDGE_TYPES,
    MEMBER_ROLES,
    NODE_CATEGORIES,
    NODE_COLUMNS,
    NODE_TYPES,
    PROJECT_ROLES,
    UNDIRECTED_EDGE_TYPES,
    Column,
    allowed_pair,
    canonical_column,
    canonical_value,
    category_types,
    closest,
    describe_pair,
    normalise_token,
    other_column_of,
    shown_value,
    value_candidates,
)
from .spreadsheet import unsafe_cell
from .time_model import year_of

__all__ = [
    "Dataset",
    "RawTable",
    "read_dataset",
    "load_dataset",
    "validate_dataset",
    "read_table",
    "decode_bytes",
    "decode_lines",
    "clean_text",
    "parse_number",
    "parse_date",
    "parse_years",
    "parse_bool",
    "luhn_valid",
    "siren_valid",
    "siret_valid",
    "year_of",
    "write_dataset",
    "bundled_dataset",
    "BUNDLED_DATASETS",
    "read_meta",
]

BUNDLED_DATASETS = ("auvergne-rhone-alpes", "centre-isere", "pays-de-bray")

SHEET_NAMES = {
    "nodes": ("nodes", "noeuds", "nœuds", "sommets", "acteurs"),
    "edges": ("edges", "liens", "relations", "aretes", "arêtes"),
}
_SEPARATORS = (";", ",", "\t", "|")


@dataclass
class RawTable:
    """A table as read from disk: every cell as text, with the line each row starts on."""

    file: str  # how errors name it: "nodes.csv" or "pole.xlsx[nodes]"
    header: list[str]
    rows: list[list[str]]
    lines: list[int]
    encoding: str = ""
    separator: str = ""
    # (line, message) for lines decoded in another encoding than the rest of the file
    decoding_notes: list[tuple[int, Message]] = field(default_factory=list)


@dataclass
class Dataset:
    """A dataset after validation: typed tables plus every problem found, errors and warnings."""

    name: str
    nodes: pd.DataFrame
    edges: pd.DataFrame
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "warning"]


# ---------------------------------------------------------------------------- reading text


def decode_bytes(raw: bytes) -> tuple[str, str]:
    """Decode a text file's bytes, returning (text, encoding).

    UTF-8 (with or without BOM) is tried strictly first. Windows-1252 comes next rather than
    Latin-1: French files from Excel use it, and reading them as Latin-1 turns ’ – œ € into
    invisible control characters. charset-normalizer decides what neither decodes.

    >>> decode_bytes("Région".encode("cp1252"))
    ('Région', 'cp1252')
    >>> decode_bytes("\\ufeffid".encode("utf-8"))
    ('id', 'utf-8-sig')
    """
    if b"\x00" in raw[:4096]:
        raise ValueError(_("this is not a text file (it contains NUL bytes); save it as CSV or "
                           ".xlsx"))
    try:
        return raw.decode("utf-8-sig"), "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(raw).best()
    if best is None:
        raise ValueError(_("cannot tell the text encoding; save it as UTF-8"))
    return str(best), best.encoding


_ENCODING_NAMES = {"utf-8": "UTF-8", "cp1252": "Windows-1252"}


def decode_lines(raw: bytes) -> tuple[str, str, list[tuple[int, Message]]]:
    r"""Decode a text file's bytes as :func:`decode_bytes` does, but line by line when its lines
    do not share one encoding (two files glued together, one line pasted from elsewhere).

    Returns (text, encoding, notes): ``notes`` has one (line, message) per line decoded in
    another encoding than most lines of the file, so that nothing is garbled silently.

    >>> raw = "id\nPôle Alp'En\nRégion\n".encode() + "Café\n".encode("cp1252")
    >>> text, encoding, notes = decode_lines(raw)
    >>> text.splitlines(), encoding, [line for line, _ in notes]
    (['id', "Pôle Alp'En", 'Région', 'Café'], 'utf-8 + cp1252', [4])
    """
    if b"\x00" in raw[:4096]:
        raise ValueError(_("this is not a text file (it contains NUL bytes); save it as CSV or "
                           ".xlsx"))
    try:
        return (raw.decode("utf-8-sig"),
                "utf-8-sig" if raw.startswith(b"\xef\xbb\xbf") else "utf-8", [])
    except UnicodeDecodeError:
        pass
    parts = raw.split(b"\n")
    kinds = []  # per line: None (ASCII, any encoding), "utf-8" or "cp1252"
    for part in parts:
        if part.isascii():
            kinds.append(None)
            continue
        try:
            part.decode("utf-8")
            kinds.append("utf-8")
        except UnicodeDecodeError:
            kinds.append("cp1252")
    utf8 = kinds.count("utf-8")
    if not utf8:  # one encoding for the whole file
        text, encoding = decode_bytes(raw)
        return text, encoding, []
    try:
        lines = [p.decode(k or "ascii") for p, k in zip(parts, kinds, strict=True)]
    except UnicodeDecodeError:  # not Windows-1252 either: let charset-normalizer decide
        text, encoding = decode_bytes(raw)
        return text, encoding, []
    majority = "utf-8" if utf8 >= kinds.count("cp1252") else "cp1252"
    minority = "cp1252" if majority == "utf-8" else "utf-8"
    notes = [(n, _("this line is in {minority} while the rest of the file is {majority}: read "
                   "it as {minority}; save the whole file in one encoding (UTF-8)",
                   minority=_ENCODING_NAMES[minority], majority=_ENCODING_NAMES[majority]))
             for n, kind in enumerate(kinds, start=1) if kind == minority]
    text = "\n".join(lines)
    return text.removeprefix("\ufeff"), f"{majority} + {minority}", notes


def _detect_separator(text: str) -> str:
    """The separator that splits the header line into the most columns (quotes respected).

    The first few lines are looked at, not only the first: a title row above the header
    ("Liste des acteurs") has no separator at all.

    >>> _detect_separator("Liste des acteurs\\nid,type,name\\na,pole,A\\n")
    ','
    >>> _detect_separator('key,value\\nnote,"a; b; c"\\n')
    ','
    """
    lines = [line for line in text.splitlines()[:5] if line.strip()] or [""]
    for candidates in (lines[:1], lines):  # the first line decides unless it is one cell
        best, best_count = ",", 0
        for sep in _SEPARATORS:
            try:
                count = max(len(next(csv.reader([line], delimiter=sep), []))
                            for line in candidates)
            except csv.Error:  # a stray quote or control character: not this separator's fault
                continue
            if count > best_count:
                best, best_count = sep, count
        if best_count > 1:
            return best
    return best


# Input files are read whole: a regular file up to this size (a named pipe would block forever,
# /dev/zero never ends). `ptce-graph --max-file-mb N` (or $PTCE_GRAPH_MAX_FILE_MB) raises it.
MAX_FILE_MB_DEFAULT = 512
# A workbook is a zip: what it declares it unpacks to may not exceed this many times the size
# limit, nor this many times its own size past 100 MB (a zip bomb declares thousands of times).
WORKBOOK_EXPANSION = 4
WORKBOOK_RATIO = 200


def max_file_bytes() -> int:
    """The size limit of an input file, in bytes ($PTCE_GRAPH_MAX_FILE_MB, default 512 MB)."""
    try:
        megabytes = float(os.environ.get("PTCE_GRAPH_MAX_FILE_MB") or MAX_FILE_MB_DEFAULT)
    except ValueError:
        megabytes = MAX_FILE_MB_DEFAULT
    return int(megabytes * 1024 * 1024)


def check_input_file(path: Path) -> int:
    """The size of ``path``, a regular file within the size limit; raises ValueError saying
    why not (a pipe, device or folder; too large, and how to raise the limit)."""
    try:
        info = path.stat()
    except OSError as err:
        raise ValueError(err.strerror or str(err)) from err
    if not stat.S_ISREG(info.st_mode):
        raise ValueError(_("not a regular file (a pipe, device or socket cannot be read as a "
                           "table): save the data to a .csv or .xlsx file first"))
    limit = max_file_bytes()
    if info.st_size > limit:
        raise ValueError(_("{size} MB is more than the {limit} MB an input file may hold: "
                           "pass `ptce-graph --max-file-mb {needed} ...` (or set "
                           "PTCE_GRAPH_MAX_FILE_MB) if the file is what you meant",
                           size=Score(info.st_size / 2**20, 0),
                           limit=Score(limit / 2**20, 0), needed=int(info.st_size / 2**20) + 1))
    return info.st_size


def check_workbook(path: Path) -> None:
    """Refuse a workbook whose declared unpacked size is out of proportion (a zip bomb), before
    anything is unpacked; raises ValueError."""
    size = check_input_file(path)
    try:
        with zipfile.ZipFile(path) as archive:
            declared = sum(item.file_size for item in archive.infolist())
    except (zipfile.BadZipFile, OSError) as err:
        raise ValueError(f"cannot open as an Excel .xlsx workbook ({err})") from err
    limit = max_file_bytes()
    if declared > WORKBOOK_EXPANSION * limit or (declared > 100 * 2**20
                                                  and declared > WORKBOOK_RATIO * max(size, 1)):
        raise ValueError(f"the workbook declares {declared / 2**20:,.0f} MB once unpacked, "
                         f"{declared / max(size, 1):,.0f} times its {size / 2**20:,.1f} MB: "
                         "refused as a likely zip bomb; export the sheets as CSV files, or "
                         "raise --max-file-mb if the workbook is genuine")


def read_table(path: Path, display: str | None = None) -> RawTable:
    """Read a CSV file into a RawTable; raises ValueError with a readable reason (also for a
    file that is not a regular file, or beyond the size limit: :func:`check_input_file`)."""
    check_input_file(path)
    raw = path.read_bytes()
    text, encoding, notes = decode_lines(raw)
    sep = _detect_separator(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    header: list[str] | None = None
    rows, lines = [], []
    line = 1
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if header is None:
                if not any(cell.strip() for cell in record):
                    continue
                header = record
                continue
            if not any(cell.strip() for cell in record):
                continue
            rows.append(record)
            lines.append(start)
    except csv.Error as err:
        raise ValueError(f"line {line}: {err}") from err
    if header is None:
        raise ValueError(_("the file is empty (no header line)"))
    return RawTable(display or path.name, header, rows, lines, encoding, sep, notes)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time(0) else value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read_workbook(path: Path) -> dict[str, RawTable]:
    """Read the sheets of an .xlsx workbook as RawTables keyed by their lower-cased names."""
    from openpyxl import load_workbook

    check_workbook(path)
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged or foreign file
        raise ValueError(f"cannot open as an Excel .xlsx workbook ({err})") from err
    tables = {}
    try:
        for sheet in book.worksheets:
            header, rows, lines = None, [], []
            for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
                cells = [_cell_text(v) for v in values]
                if not any(c.strip() for c in cells):
                    continue
                if header is None:
                    header = cells
                    continue
                rows.append(cells)
                lines.append(number)
            if header is not None:
                # trailing empty cells dropped row by row, not cut at the header's width: a
                # title row above the real header is one cell wide (validation finds the header)
                header, rows = _trimmed(header), [_trimmed(r) for r in rows]
                tables[sheet.title.strip().lower()] = RawTable(
                    f"{path.name}[{sheet.title}]", header, rows, lines, "xlsx", ""
                )
    finally:
        book.close()
    return tables


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


# ---------------------------------------------------------------------------- parsing values

_NUMBER_NOISE = re.compile(r"(eur(os?)?|€|\s|\u00a0|\u202f|')", re.IGNORECASE)


def parse_number(text: str) -> float | None:
    """A number as French and English spreadsheets write it; None for an empty cell.

    >>> parse_number("100 000,50")
    100000.5
    >>> parse_number("12 350 000 €")
    12350000.0
    >>> parse_number("1.234.567,89")
    1234567.89
    >>> parse_number("1,234,567.89")
    1234567.89
    """
    if text is None:
        return None
    s = _NUMBER_NOISE.sub("", str(text).strip())
    if not s:
        return None
    negative = s.startswith("(") and s.endswith(")")
    s = s.strip("()")
    if "," in s and "." in s:
        if s.rfind(",") > s.rfind("."):
            s = s.replace(".", "").replace(",", ".")
        else:
            s = s.replace(",", "")
    elif s.count(",") > 1:
        s = s.replace(",", "")
    elif s.count(".") > 1:
        s = s.replace(".", "")
    else:
        s = s.replace(",", ".")
    if not re.fullmatch(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?", s):
        raise ValueError(_("expected a number, found {text!r}", text=text))
    value = float(s)
    return -value if negative else value


_FR_DATE = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")


def parse_date(text: str) -> str | None:
    """A year or date as normalised text: '2014' or '2014-03-01'; None for an empty cell.

    >>> parse_date("2014")
    '2014'
    >>> parse_date("01/03/2014")
    '2014-03-01'
    >>> parse_date("2014-03-01T00:00:00")
    '2014-03-01'
    """
    s = (text or "").strip()
    if not s:
        return None
    if re.fullmatch(r"\d{4}(\.0+)?", s):
        return s[:4]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})([T ].*)?", s)
    if m:
        y, mo, d = (int(x) for x in m.group(1, 2, 3))
    else:
        m = _FR_DATE.fullmatch(s)
        if not m:
            raise ValueError(_("expected a year (2014) or a date (2014-03-01 or "
                               "01/03/2014), found {text!r}", text=s))
        d, mo, y = (int(x) for x in m.group(1, 2, 3))
    try:
        return dt.date(y, mo, d).isoformat()
    except ValueError as err:
        raise ValueError(_("not a real date: {text!r}", text=s)) from err


def parse_years(text: str) -> str | None:
    """Years written ';'- or ','-separated, as sorted ';'-joined text; None for an empty cell.

    >>> parse_years("2026; 2025,2025")
    '2025;2026'
    """
    parts = [p.strip() for p in re.split(r"[;,]", text or "") if p.strip()]
    years = set()
    for part in parts:
        if not re.fullmatch(r"\d{4}(\.0+)?", part):
            raise ValueError(f"expected years such as 2025;2026, found {text!r}")
        years.add(part[:4])
    return ";".join(sorted(years)) or None


_TRUE = {"true", "vrai", "oui", "yes", "y", "o", "1", "x"}
_FALSE = {"false", "faux", "non", "no", "n", "0"}


def parse_bool(text: str) -> bool | None:
    """true/false in English or French (oui/non, vrai/faux, 1/0, x); None for an empty cell."""
    s = normalise_token(text or "")
    if not s:
        return None
    if s in _TRUE:
        return True
    if s in _FALSE:
        return False
    raise ValueError(_("expected true or false (oui/non), found {text!r}", text=text))


def luhn_valid(digits: str) -> bool:
    """The Luhn checksum that SIREN and SIRET numbers carry.

    >>> luhn_valid("732829320")
    True
    >>> luhn_valid("732829321")
    False
    """
    total = 0
    for i, ch in enumerate(reversed(digits)):
        n = int(ch)
        if i % 2:
            n *= 2
            if n > 9:
                n -= 9
        total += n
    return total % 10 == 0


def siren_valid(text: str) -> bool:
    return len(text) == 9 and text.isdigit() and luhn_valid(text)


def siret_valid(text: str) -> bool:
    if len(text) != 14 or not text.isdigit():
        return False
    if text.startswith("356000000"):  # La Poste's establishments: digit sum divisible by 5
        return luhn_valid(text) or sum(int(c) for c in text) % 5 == 0
    return luhn_valid(text) and luhn_valid(text[:9])


# ---------------------------------------------------------------------------- validation

# Excel's and LibreOffice's names for a new workbook's sheets: a hint to rename them.
_DEFAULT_SHEETS = ("feuil", "feuille", "sheet", "tabelle", "hoja", "foglio")
# How far below line 1 a header is looked for when line 1 is not one (a title row above it).
_HEADER_SEARCH = 10


class _Checker:
    """Collects problems while checking one table; names columns as the user wrote them."""

    def __init__(self, table: RawTable, problems: list[Problem]):
        self.table = table
        self.problems = problems
        self.headers: dict[str, str] = {}  # canonical column -> the user's header

    @property
    def file(self) -> str:
        return self.table.file

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def error(self, line: int, column: str, message, severity: str = "error") -> None:
        if isinstance(message, ValueError):  # the parse_* functions raise a Message inside
            message = message.args[0] if message.args else str(message)
        kind = message.template if isinstance(message, Message) else ""
        self.problems.append(Problem(self.table.file, line, self.header(column), str(message),
                                     severity, message, kind))

    def warn(self, line: int, column: str, message) -> None:
        self.error(line, column, message, "warning")


# What XML 1.0 cannot hold (GraphML, GEXF) and the store cannot take (NUL): C0 controls other
# than tab, line feed and carriage return, lone surrogates and the two non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean_text(text: str) -> tuple[str, str]:
    r"""(text without the characters XML and the store cannot hold, those removed as escapes).

    >>> clean_text("a\x0bb\x1b[0mc\x00")
    ('ab[0mc', '\\x0b, \\x1b, \\x00')
    >>> clean_text("tab\tok")
    ('tab\tok', '')
    """
    found = _CONTROL.findall(text)
    if not found:
        return text, ""
    shown = ", ".join(dict.fromkeys(ascii(c)[1:-1] for c in found))
    return _CONTROL.sub("", text), shown


def _typed_value(col: Column, text: str, line: int, chk: _Checker, row_type: str | None):
    """Turn one cell into its typed value, recording a problem (and returning None) if it fails."""
    text = text.strip()
    if not text:
        return None
    try:
        if col.kind == "number":
            value = parse_number(text)
            if value is not None and value < 0:
                chk.error(line, col.name, _("expected a number >= 0, found {text!r}", text=text))
                return None
            return value
        if col.kind == "year":
            date = parse_date(text)
            return year_of(date)
        if col.kind == "date":
            return parse_date(text)
        if col.kind == "years":
            return parse_years(text)
        if col.kind == "bool":
            return parse_bool(text)
        if col.kind in ("siren", "siret"):
            digits = re.sub(r"[\s.\u00a0]", "", text)
            ok = siren_valid(digits) if col.kind == "siren" else siret_valid(digits)
            if not ok:
                size = 9 if col.kind == "siren" else 14
                chk.error(line, col.name, _("invalid {kind} {text!r}: expected {size} digits "
                                            "with a valid check digit (Luhn key)",
                                            kind=col.kind.upper(), text=text, size=size))
                return None
            return digits
        if col.kind == "enum":
            return _enum_value(col, text, line, chk, row_type)
    except ValueError as err:
        chk.error(line, col.name, err)
        return None
    return text


def _enum_value(col: Column, text: str, line: int, chk: _Checker, row_type: str | None):
    value = canonical_value(col.name, text)
    if col.name == "category":
        allowed = NODE_CATEGORIES.get(row_type or "", ())
        if allowed and value not in allowed:
            near = closest(text, value_candidates("category", allowed))
            hint = _(": did you mean {words}?", words=listed(
                shown_value(value_candidates("category", allowed)[normalise_token(n)])
                for n in near)) if near else ""
            chk.warn(line, col.name, _("unusual {type} category {text!r}{hint} (usual: "
                                       "{allowed})", type=row_type, text=text, hint=hint,
                                       allowed=listed(shown_value(a) for a in allowed)))
        return value
    allowed = MEMBER_ROLES + PROJECT_ROLES if col.name == "role" else col.allowed
    if value not in allowed:
        chk.error(line, col.name, _unknown_value(col.name, text, allowed, chk.header(col.name)))
        return None
    return value


def _unknown_value(column: str, text: str, allowed, header: str | None = None) -> Message:
    """'unknown type ...': the value of another column named, else the closest values, and
    the accepted values in both languages. ``header``: the column as the user wrote it."""
    allowed = tuple(dict.fromkeys(allowed))
    shown = header or column
    spellings = value_candidates(column, allowed)
    other = other_column_of(text, column)
    expected = listed(shown_value(a) for a in allowed)
    if other is not None and other[0] == "category":
        types = category_types(other[1]) or ("organisation",)
        return _("{text!r} is {category_of}, not a {column}: write {column} {type_value} and "
                 "category {text!r} (expected one of {expected})",
                 text=text, category_of=_CATEGORY_OF.get(types[0], types[0]), column=shown,
                 type_value=shown_value(types[0]), expected=expected)
    if other is not None:
        return _("{text!r} is {other}, not a {column} (expected one of {expected})",
                 text=text, other=_A_VALUE_OF.get(other[0], other[0]), column=shown,
                 expected=expected)
    near = list(dict.fromkeys(spellings[normalise_token(n)]
                              for n in closest(text, spellings)))
    if near:
        return _("unknown {column} {text!r}: did you mean {words}? (expected one of "
                 "{expected})", column=shown, text=text,
                 words=listed(shown_value(n) for n in near), expected=expected)
    return _("unknown {column} {text!r}: expected one of {expected}", column=shown,
             text=text, expected=expected)


def _column_names(header: list[str]) -> list[str]:
    return [canonical_column(h) if h.strip() else "" for h in header]


def _find_header(table: RawTable, columns: tuple[Column, ...], chk: _Checker) -> RawTable:
    """When line 1 lacks required columns and a line below has them all (a title row above
    the header), say so once and read the table from that line."""
    required = {c.name for c in columns if c.required}
    if required <= set(_column_names(table.header)):
        return table
    for index, row in enumerate(table.rows[:_HEADER_SEARCH]):
        if required <= set(_column_names(row)):
            line = table.lines[index]
            chk.error(line, "", _("the header is on line {line}, not on line 1: delete the "
                                  "{n} line(s) above it (a title or notes) so that the column "
                                  "names come first", line=line, n=line - 1))
            return RawTable(table.file, row, table.rows[index + 1:], table.lines[index + 1:],
                            table.encoding, table.separator)
    return table


def _typed_table(
    table: RawTable, columns: tuple[Column, ...], problems: list[Problem]
) -> tuple[pd.DataFrame, list[int], _Checker]:
    """Check the header and type every cell. Returns the frame (canonical columns), the lines
    and the checker (which knows the user's headers)."""
    chk = _Checker(table, problems)
    for line, message in table.decoding_notes:
        chk.warn(line, "", message)
    table = _find_header(table, columns, chk)
    chk.table = table
    spec = {c.name: c for c in columns}
    names: list[str] = []
    for i, header in enumerate(table.header):
        header, removed = clean_text(header)
        if removed:
            chk.warn(1, header, _("column {i}: control characters removed from the header "
                                  "({removed}): GraphML, GEXF and the store cannot hold them",
                                  i=i + 1, removed=removed))
        if "`" in header:
            chk.error(1, header, _("column {i}: a column name cannot hold a backtick (`), "
                                   "which the graph store refuses in a property name: rename "
                                   "the column", i=i + 1))
        name = canonical_column(header) if header.strip() else ""
        if not name:
            if any(len(r) > i and r[i].strip() for r in table.rows):
                name = f"column_{i + 1}"
                chk.warn(1, name, _("column {i} has no header; kept as {name!r}", i=i + 1,
                                    name=name))
            else:
                name = ""
        if name and name in names:
            chk.error(1, name, _("column {name!r} appears twice (headers {headers})",
                                 name=header.strip(), headers=listed(table.header)))
            name = ""
        if name:
            chk.headers.setdefault(name, header.strip())
        names.append(name)
    known = {c.name for c in NODE_COLUMNS + EDGE_COLUMNS}  # the other sheet's are not typos
    unknown = [n for n in names if n and n not in known and not n.startswith("column_")]
    missing = [c.name for c in columns if c.required and c.name not in names]
    for name in missing:
        near = [(h, closest(h, _spellings_of(name), n=1, cutoff=0.75)) for h in unknown]
        near = [(h, spelled[0]) for h, spelled in near if spelled]
        hint = _(": is it {header!r}? rename it {name!r}", header=near[0][0],
                 name=near[0][1]) if near else ""
        chk.error(1, name, _("missing required column {name!r}{hint} (found: {found})",
                             name=name, hint=hint,
                             found=listed(h for h in table.header if h.strip())
                             or _("no header")))
    hinted = set()
    for name in missing:
        hinted.update(h for h in unknown if closest(h, _spellings_of(name), cutoff=0.75))
    for name in unknown:
        # a close spelling only (a column kept on purpose, 'note', must not be flagged)
        near = [] if name in hinted else closest(name, _all_spellings(), n=1, cutoff=0.8)
        if near:
            chk.warn(1, name, _("unknown column {header!r}, kept as it is: did you mean "
                                "{words}?", header=name, words=listed(
                                    f"{n!r}" for n in near)))
    records, lines = [], []
    type_index = names.index("type") if "type" in names else None
    for row, line in zip(table.rows, table.lines, strict=True):
        if len(row) > len(names) and any(c.strip() for c in row[len(names):]):
            chk.error(line, "", _("row has {cells} cells but the header has {columns}: check "
                                  "the separator or quotes", cells=len(row),
                                  columns=len(names)))
        row_type = None
        if type_index is not None and type_index < len(row):
            row_type = canonical_value("type", row[type_index])
        record = {}
        for i, name in enumerate(names):
            if not name:
                continue
            text = unsafe_cell(row[i]) if i < len(row) else ""  # '=x written by us is =x
            text, removed = clean_text(text)
            if removed:
                chk.warn(line, name, _("control characters removed ({removed}): GraphML, "
                                       "GEXF and the store cannot hold them", removed=removed))
            col = spec.get(name)
            if col is None:
                record[name] = text.strip() or None
                continue
            value = _typed_value(col, text, line, chk, row_type)
            if col.required and value is None and not text.strip():
                chk.error(line, name, _("missing required value {name!r}",
                                        name=chk.header(name)))
            record[name] = value
        records.append(record)
        lines.append(line)
    ordered = [c.name for c in columns] + [n for n in names if n and n not in spec]
    # object dtype keeps empty cells as None (pandas 3 would infer str columns holding NaN)
    frame = pd.DataFrame(
        {col: pd.Series([r.get(col) for r in records], dtype=object) for col in ordered}
    )
    return frame, lines, chk


def _all_spellings() -> list[str]:
    """Every header the format accepts: canonical names and aliases."""
    return list(dict.fromkeys([c.name for c in NODE_COLUMNS + EDGE_COLUMNS]
                              + list(COLUMN_ALIASES)))


def _spellings_of(column: str) -> list[str]:
    return [column] + [alias for alias, name in COLUMN_ALIASES.items() if name == column]


# Node types inside sentences, in each language (Babel extracts these literals).
_A_TYPE = {"pole": _("a pole"), "organisation": _("an organisation"),
           "collectivity": _("a collectivity"), "funder": _("a funder"),
           "project": _("a project")}
_CATEGORY_OF = {"organisation": _("a category of organisation"),
                "collectivity": _("a category of collectivity"),
                "funder": _("a category of funder")}
_A_VALUE_OF = {"type": _("a type"), "role": _("a role"), "status": _("a status"),
               "purpose": _("a purpose")}


def _a(node_type: str):
    return _A_TYPE.get(node_type, node_type)


def _check_nodes(nodes: pd.DataFrame, lines: list[int], chk: _Checker):
    seen: dict[str, int] = {}
    sector_spellings: dict[str, dict[str, int]] = {}
    for row, line in zip(nodes.to_dict("records"), lines, strict=True):
        node_id, node_type = row["id"], row["type"]
        if node_id is not None:
            if node_id in seen:
                chk.error(line, "id", _("duplicate id {id!r} (first on line {first})",
                                        id=node_id, first=seen[node_id]))
            else:
                seen[node_id] = line
        if row["type"] is not None and node_type not in NODE_TYPES:
            chk.error(line, "type", _unknown_value("type", node_type, NODE_TYPES))
        if row.get("status") is not None and node_type != "pole":
            chk.warn(line, "status", _("status is for poles only; ignored on {what}",
                                       what=shown_value(node_type or "")))
        sector = row.get("sector")
        if sector:
            sector_spellings.setdefault(normalise_token(sector), {}).setdefault(sector, line)
    for spellings in sector_spellings.values():
        if len(spellings) > 1:
            (first, first_line), *others = sorted(spellings.items(), key=lambda kv: kv[1])
            for other, line in others:
                chk.warn(line, "sector", _("sector {other!r} looks like {first!r} (line "
                                           "{line}): spell it one way", other=other,
                                           first=first, line=first_line))


def _check_edges(edges: pd.DataFrame, lines: list[int], chk: _Checker, node_types: dict):
    ties: dict[tuple, int] = {}
    amount = chk.header("amount")
    bad_amounts = {p.line for p in chk.problems if p.file == chk.file and p.column == amount}
    for row, line in zip(edges.to_dict("records"), lines, strict=True):
        edge_type, ends = row["type"], {}
        if edge_type is not None and edge_type not in EDGE_TYPES:
            chk.error(line, "type", _unknown_value("type", edge_type, EDGE_TYPES))
            edge_type = None
        for end in ("source", "target"):
            node_id = row[end]
            if node_id is None or node_types is None:
                continue
            if node_id not in node_types:
                chk.error(line, end, _unknown_id(node_id, node_types))
            elif node_types[node_id] is not None:
                ends[end] = node_types[node_id]
        if row["source"] is not None and row["source"] == row["target"]:
            chk.error(line, "target", _("an edge from {id!r} to itself", id=row["source"]))
        if edge_type and len(ends) == 2 and not allowed_pair(edge_type, ends["source"],
                                                              ends["target"]):
            chk.error(line, "type", _("{type} cannot go from {source} to {target}: allowed "
                                      "{allowed}", type=edge_type, source=_a(ends["source"]),
                                      target=_a(ends["target"]),
                                      allowed=describe_pair(edge_type)))
        for first, last in (("start", "end"), ("since", "until")):
            a, b = row.get(first), row.get(last)
            if a and b and str(b) < str(a)[: len(str(b))]:
                chk.error(line, last, _("{last} {b} is before {first} {a}",
                                        last=chk.header(last), b=b, first=chk.header(first),
                                        a=a))
        role = row.get("role")
        if role and edge_type in ("member_of", "participates_in"):
            allowed = MEMBER_ROLES if edge_type == "member_of" else PROJECT_ROLES
            if role not in allowed:
                chk.error(line, "role", _("role {role!r} does not fit {type}: expected one of "
                                          "{allowed}", role=role, type=edge_type,
                                          allowed=listed(shown_value(a) for a in allowed)))
        if edge_type == "funds" and row.get("amount") is None and line not in bad_amounts:
            chk.warn(line, "amount", _("funds edge without an amount: it counts as 0 EUR"))
        if edge_type in UNDIRECTED_EDGE_TYPES and row["source"] and row["target"]:
            key = (edge_type, *sorted((row["source"], row["target"])), row.get("kind"))
            if key in ties:
                chk.warn(line, "target", _("the same {type} tie as line {line} (direction "
                                           "does not matter)", type=edge_type, line=ties[key]))
            ties.setdefault(key, line)


def _unknown_id(node_id: str, node_types: dict) -> Message:
    near = closest(node_id, node_types, cutoff=0.75)
    if near:
        return _("unknown node id {id!r}: did you mean {words}?", id=node_id,
                 words=listed(f"{n!r}" for n in near))
    return _("unknown node id {id!r}: add it to the nodes or fix the spelling", id=node_id)


def _check_orphans(nodes, node_lines, edges, chk: _Checker):
    linked = set(edges["source"].dropna()) | set(edges["target"].dropna())
    for node_id, line in zip(nodes["id"], node_lines, strict=True):
        if node_id is not None and node_id not in linked:
            chk.warn(line, "id", _("node {id!r} has no edge", id=node_id))


def _problem(file: str, message, severity: str = "error") -> Problem:
    """A problem of a whole file (line 0, no column)."""
    kind = message.template if isinstance(message, Message) else ""
    return Problem(file, 0, "", str(message), severity, message, kind)


def _sheet_hint(kind: str, sheets: dict) -> Message | str:
    names = list(sheets)
    near = [n for n in names if closest(n, SHEET_NAMES[kind], cutoff=0.7)]
    if near:
        return _(": is it {sheet!r}? rename it {french!r} (or {english!r})", sheet=near[0],
                 french=SHEET_NAMES[kind][1], english=kind)
    if names and all(n.rstrip("0123456789 ") in _DEFAULT_SHEETS for n in names):
        return _(": the sheets still have the spreadsheet's default names; rename the nodes "
                 "sheet 'noeuds' (or 'nodes') and the edges sheet 'liens' (or 'edges')")
    return ""


def _read_tables(path: Path, problems: list[Problem]) -> tuple[RawTable | None, RawTable | None]:
    if not path.exists():
        problems.append(_problem(str(path), _("no such file or folder")))
        return None, None
    if not path.is_dir() and not path.is_file():
        problems.append(Problem(str(path), 0, "", "not a regular file or a folder (a pipe or "
                                "device cannot be read): give a folder with nodes.csv and "
                                "edges.csv, or an .xlsx workbook"))
        return None, None
    if path.is_file():
        if path.suffix.lower() in (".csv", ".tsv", ".txt"):
            problems.append(_problem(path.name, _(
                "this is one CSV file; a dataset is the folder that holds nodes.csv and "
                "edges.csv: give the folder {folder}", folder=str(path.parent))))
            return None, None
        if path.suffix.lower() == ".xls":
            problems.append(_problem(path.name, _(
                "old .xls workbooks are not read: save it as .xlsx (Excel 2007 and later) or "
                "as two CSV files")))
            return None, None
        try:
            sheets = read_workbook(path)
        except ValueError as err:
            problems.append(_problem(path.name, err.args[0] if err.args else str(err)))
            return None, None
        found = []
        for kind in ("nodes", "edges"):
            table = next((sheets[n] for n in SHEET_NAMES[kind] if n in sheets), None)
            if table is None:
                titles = [t.file.removeprefix(path.name)[1:-1] for t in sheets.values()]
                problems.append(_problem(path.name, _(
                    "missing sheet {kind!r} (sheets: {sheets}){hint}", kind=kind,
                    sheets=listed(titles) or _("none"), hint=_sheet_hint(kind, sheets))))
            found.append(table)
        return found[0], found[1]
    found = []
    for kind in ("nodes", "edges"):
        file = next((f for f in (path / f"{n}.csv" for n in SHEET_NAMES[kind]) if f.exists()),
                    path / f"{kind}.csv")
        if not file.exists():
            candidates = sorted(p.name for p in path.iterdir() if p.suffix.lower() == ".xlsx")
            hint = _("; or pass the workbook {path}", path=str(path / candidates[0])) \
                if candidates else ""
            problems.append(_problem(f"{path.name}/{kind}.csv", _(
                "missing file {kind}.csv{hint}", kind=kind, hint=hint)))
            found.append(None)
            continue
        try:
            found.append(read_table(file))
        except (ValueError, OSError) as err:
            reason = err.args[0] if isinstance(err, ValueError) and err.args else str(err)
            problems.append(_problem(file.name, _("cannot read: {reason}", reason=reason)))
            found.append(None)
    return found[0], found[1]


def _empty(columns: tuple[Column, ...]) -> pd.DataFrame:
    return pd.DataFrame(columns=[c.name for c in columns], dtype=object)


def read_dataset(path: str | Path) -> Dataset:
    """Read and validate a dataset, recording every problem instead of stopping at the first.

    The returned tables hold every row, typed; a value that failed its check is None there and
    has a Problem in ``problems``.
    """
    path = Path(path)
    problems: list[Problem] = []
    node_table, edge_table = _read_tables(path, problems)
    nodes, node_lines, node_chk = (_typed_table(node_table, NODE_COLUMNS, problems)
                                   if node_table else (_empty(NODE_COLUMNS), [], None))
    edges, edge_lines, edge_chk = (_typed_table(edge_table, EDGE_COLUMNS, problems)
                                   if edge_table else (_empty(EDGE_COLUMNS), [], None))
    if node_chk:
        _check_nodes(nodes, node_lines, node_chk)
    if edge_chk:
        # without usable node ids every edge would be "unknown": one error is enough
        ids_known = node_chk is not None and "id" in node_chk.headers
        node_types: dict[str, str | None] = {}
        for node_id, node_type in zip(nodes["id"], nodes["type"], strict=True):
            if node_id is not None:
                node_types.setdefault(node_id, node_type if node_type in NODE_TYPES else None)
        _check_edges(edges, edge_lines, edge_chk, node_types if ids_known else None)
        if node_chk:
            _check_orphans(nodes, node_lines, edges, node_chk)
    edges = _orient_undirected(edges)
    order = {f: i for i, f in enumerate(dict.fromkeys(p.file for p in problems))}
    problems.sort(key=lambda p: (order[p.file], p.line))
    name = path.stem if path.is_file() else path.name
    return Dataset(name=name, nodes=_tidy(nodes), edges=_tidy(edges), problems=problems)


def _orient_undirected(edges: pd.DataFrame) -> pd.DataFrame:
    """cooperates_with ties in one canonical direction (smaller id first)."""
    if edges.empty:
        return edges
    flip = edges["type"].isin(UNDIRECTED_EDGE_TYPES) & (
        edges["source"].astype(str) > edges["target"].astype(str)
    )
    edges = edges.copy()
    edges.loc[flip, ["source", "target"]] = edges.loc[flip, ["target", "source"]].to_numpy()
    return edges


def _tidy(frame: pd.DataFrame) -> pd.DataFrame:
    """Nullable dtypes, so that an all-empty column does not turn numbers into objects."""
    frame = frame.reset_index(drop=True)
    for col in NODE_COLUMNS + EDGE_COLUMNS:
        if col.name not in frame.columns:
            continue
        if col.kind == "number":
            frame[col.name] = pd.to_numeric(frame[col.name], errors="coerce").astype("Float64")
        elif col.kind == "year":
            frame[col.name] = pd.to_numeric(frame[col.name], errors="coerce").astype("Int64")
        elif col.kind == "bool":
            frame[col.name] = frame[col.name].astype("boolean")
    return frame


def load_dataset(path: str | Path) -> Dataset:
    """Read a dataset and raise DatasetError (listing every error) unless it is valid."""
    dataset = read_dataset(path)
    if dataset.errors:
        raise DatasetError(ngettext_("{path}: {n} error; fix it and try again",
                                     "{path}: {n} errors; fix them and try again",
                                     len(dataset.errors), path=str(path)), dataset.problems)
    return dataset


def validate_dataset(path: str | Path) -> list[Problem]:
    """Every problem of a dataset, errors and warnings, in file and line order."""
    return read_dataset(path).problems


# ---------------------------------------------------------------------------- writing


def write_dataset(nodes: pd.DataFrame, edges: pd.DataFrame, folder: str | Path) -> Path:
    """Write tables in the dataset format (UTF-8 CSV, comma-separated) into ``folder``.

    Cells as a person reads them in a spreadsheet: years and whole amounts without ``.0``,
    lists joined with ``;``, no text a spreadsheet would run as a formula (a leading ``'``,
    which reading removes again)."""
    from .spreadsheet import people_frame

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for frame, columns, name in ((nodes, NODE_COLUMNS, "nodes"), (edges, EDGE_COLUMNS, "edges")):
        spec = [c.name for c in columns]
        ordered = [c for c in spec if c in frame.columns] + [
            c for c in frame.columns if c not in spec
        ]
        frame = frame[ordered].copy()
        for col in frame.columns:
            if str(frame[col].dtype) == "boolean":
                frame[col] = frame[col].map({True: "true", False: "false"}, na_action="ignore")
        people_frame(frame).to_csv(folder / f"{name}.csv", index=False)
    return folder



def bundled_dataset(name: str) -> Path:
    """The folder of a dataset shipped with ptce-graph (see BUNDLED_DATASETS)."""
    from importlib.resources import files

    if name not in BUNDLED_DATASETS:
        raise DatasetError(_("no bundled dataset {name!r}: choose one of {names}", name=name,
                             names=listed(BUNDLED_DATASETS)))
    try:
        folder = Path(str(files("ptce_graph.datasets") / name))
    except ModuleNotFoundError:
        folder = Path(__file__).resolve().parent.parent / "datasets" / name
    if not (folder / "nodes.csv").exists():
        folder = Path(__file__).resolve().parent.parent / "datasets" / name
    return folder


def read_meta(path: str | Path) -> dict[str, str]:
    """A dataset's metadata: ``key -> value`` from ``meta.csv`` beside ``nodes.csv`` (columns
    ``key,value``) or from the ``meta`` sheet of a workbook; ``{}`` when there is none.
    Today one key is read: ``as_of``, the year the dataset describes (see ``time_model``).

    Raises DatasetError naming the file and line when the table is not ``key,value`` rows.
    """
    path = Path(path)
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            return {}
        try:
            table = read_workbook(path).get("meta")
        except ValueError:
            return {}  # read_dataset reports an unreadable workbook
    else:
        file = path / "meta.csv"
        if not file.exists():
            return {}
        try:
            table = read_table(file)
        except (ValueError, OSError) as err:
            raise DatasetError(_("{file}: cannot read: {reason}", file=file.name,
                                 reason=err.args[0] if isinstance(err, ValueError) and err.args
                                 else str(err))) from err
    if table is None:
        return {}
    header = [h.strip().lower() for h in table.header]
    if header[:2] != ["key", "value"]:
        raise DatasetError(_("{file}:1: expected the header 'key,value', found {found!r}",
                             file=table.file, found=",".join(table.header)))
    meta = {}
    for line, row in zip(table.lines, table.rows, strict=True):
        key = row[0].strip().lower() if row else ""
        value = row[1].strip() if len(row) > 1 else ""
        if key == "as_of" and value and year_of(value) is None:
            raise DatasetError(_("{file}:{line}: value: as_of {value!r} is not a year; write "
                                 "one such as 2021", file=table.file, line=line, value=value))
        if key:
            meta[key] = value
    return meta
