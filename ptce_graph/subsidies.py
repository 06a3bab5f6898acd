"""Subsidy files published by funders (the SCDL "subventions" open-data standard and similar
layouts) -> funder nodes and ``funds`` edges merged into a dataset.

Reading happens at the edge, in three steps that can be used alone:

1. :func:`read_subsidies` reads one file into a table of grants (one row per usable line),
   whatever its encoding, separator or number format, and lists every line it could not use.
2. :func:`match_beneficiaries` finds each beneficiary among the dataset's nodes: by SIRET, then
   SIREN, then normalised name.
3. :func:`merge_subsidies` turns matched grants into new funder nodes and ``funds`` edges.

:func:`import_subsidies` chains them; :func:`write_merged` writes the result safely (the old
files are kept in a backup folder)."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .errors import DatasetError, OptionError
from .i18n import Message, Score, _, listed, render
from .ingest import (
    Dataset,
    RawTable,
    load_dataset,
    parse_date,
    parse_number,
    read_dataset,
    read_table,
    siren_valid,
    siret_valid,
    write_dataset,
)
from .schema import normalise_token
from .time_model import year_of

__all__ = [
    "SUBSIDY_FIELDS",
    "GRANT_COLUMNS",
    "RowIssue",
    "SubsidyFile",
    "SubsidyImport",
    "read_subsidies",
    "match_beneficiaries",
    "merge_subsidies",
    "import_subsidies",
    "write_merged",
    "name_key",
    "match_key",
    "issues_frame",
]

# What a column of a subsidy file can mean. SCDL names in brackets.
SUBSIDY_FIELDS = {
    "funder_name": "who grants it (nomAttribuant); several columns are joined with spaces",
    "funder_id": "the funder's SIRET or SIREN (idAttribuant)",
    "beneficiary_name": "who receives it (nomBeneficiaire)",
    "beneficiary_id": "the beneficiary's SIRET or SIREN (idBeneficiaire)",
    "amount": "EUR granted (montant)",
    "total": "a per-beneficiary total line, checked against its detail lines, never imported",
    "year": "budget year (exerciceBudgetaire)",
    "date": "date of the agreement (dateConvention)",
    "start": "first day of the funded project (dateDebut)",
    "end": "last day of the funded project (dateFin)",
    "period": "payment period (datesPeriodeVersement), used for the year when nothing else says",
    "object": "what the grant pays for (objet)",
    "programme": "funding programme or scheme (dispositif)",
    "imputation": "'Ministry: programme' as in the State's budget annex: funder and programme",
    "nature": "kind of aid (nature): cash, in kind, F/I for operation/investment",
    "ignore": "a column to leave out",
}

# Normalised header -> field. Person-name columns (nom, prenom) are decided in _field_of.
_HEADER_FIELDS = {
    "nomattribuant": "funder_name",
    "nom_attribuant": "funder_name",
    "attribuant": "funder_name",
    "financeur": "funder_name",
    "idattribuant": "funder_id",
    "id_attribuant": "funder_id",
    "siret_attribuant": "funder_id",
    "nombeneficiaire": "beneficiary_name",
    "nom_beneficiaire": "beneficiary_name",
    "beneficiaire": "beneficiary_name",
    "association": "beneficiary_name",
    "structure": "beneficiary_name",
    "raison_sociale": "beneficiary_name",
    "idbeneficiaire": "beneficiary_id",
    "id_beneficiaire": "beneficiary_id",
    "siret": "beneficiary_id",
    "siren": "beneficiary_id",
    "siret_beneficiaire": "beneficiary_id",
    "montant": "amount",
    "montant_eur": "amount",
    "montant_attribue": "amount",
    "montant_vote": "amount",
    "detail_des_subventions": "amount",
    "total_des_subventions": "total",
    "exercicebudgetaire": "year",
    "exercice_budgetaire": "year",
    "exercice": "year",
    "annee": "year",
    "dateconvention": "date",
    "date_convention": "date",
    "datedebut": "start",
    "date_debut": "start",
    "datefin": "end",
    "date_fin": "end",
    "datesperiodeversement": "period",
    "objet": "object",
    "descriptif": "object",
    "dispositif": "programme",
    "programme": "programme",
    "programme_budgetaire": "programme",
    "imputation": "imputation",
    "nature": "nature",
}
_PERSON_COLUMNS = ("nom", "prenom")
_EMPTY = {"", "na", "n/a", "nan", "null", "none", "-", "sans objet"}

GRANT_COLUMNS = [
    "line", "funder_name", "funder_id", "funder_type", "funder_category", "beneficiary_name",
    "beneficiary_id", "amount", "start", "end", "programme", "purpose", "object",
]

# Words that say a funder is a local authority or the State, with the category it gets.
_COLLECTIVITY_WORDS = (
    ("region", "region"), ("regional", "region"), ("departement", "departement"),
    ("departemental", "departement"), ("dep", "departement"), ("commune", "commune"),
    ("ville", "commune"), ("mairie", "commune"), ("communaute", "epci"), ("metropole", "epci"),
    ("agglomeration", "epci"), ("pays", "epci"), ("etat", "state"), ("ministere", "state"),
    ("prefecture", "state"), ("direccte", "state"),
)
# Leave these out of name keys: articles, legal forms, abbreviations of "association".
_NAME_NOISE = frozenset(
    "l la le les de du des d et au aux en sur pour association asso ass assoc "
    "sarl sas sa eurl scic scop sci".split()
)
_DEPARTMENT_SUFFIX = re.compile(r"\s+-\s+(\d{2,3}|2a|2b)\b.*$", re.IGNORECASE)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")


@dataclass(frozen=True)
class RowIssue:
    """A line of a subsidy file that was not used (``skipped``) or used with a doubt
    (``warning``); ``kind`` groups similar lines for the summary."""

    file: str
    line: int
    kind: str
    message: Message | str
    severity: str = "skipped"

    def render(self, lang: str | None = "en") -> str:
        """``FILE:LINE: severity: message`` in ``lang``."""
        where = f"{self.file}:{self.line}" if self.line else self.file
        return render(_("{where}: {severity}: {message}", where=where,
                        severity=_SEVERITIES.get(self.severity, self.severity),
                        message=self.message), lang)

    def text(self, lang: str | None = "en") -> str:
        """The message alone, in ``lang``."""
        return render(self.message, lang)

    def __str__(self) -> str:
        return self.render("en")


_SEVERITIES = {"skipped": _("skipped"), "warning": _("warning")}


@dataclass
class SubsidyFile:
    """A subsidy file as read: its grants (``GRANT_COLUMNS``), the lines left out, and how the
    file was understood (encoding, separator, which column became which field)."""

    path: Path
    grants: pd.DataFrame
    issues: list[RowIssue]
    encoding: str = ""
    separator: str = ""
    columns: dict[str, list[str]] = field(default_factory=dict)  # field -> headers
    unused_columns: list[str] = field(default_factory=list)
    rows: int = 0


@dataclass
class SubsidyImport:
    """The merged dataset tables, the grants with the node each went to, every issue."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    grants: pd.DataFrame
    issues: list[RowIssue]
    source: SubsidyFile
    counts: dict[str, int] = field(default_factory=dict)


# ---------------------------------------------------------------------------- names and ids


def name_key(name) -> str:
    """A name reduced for matching: lower case, no accents, punctuation, articles or legal
    forms, and no ' - 06 TOWN' suffix (the State's annex adds one).

    >>> name_key("FRANCE PAYS D'OUEST") == name_key("France Pays d Ouest")
    True
    >>> name_key("1 2 3 SOLEIL LUDOTHEQUE - 06 MOUANS SARTOUX")
    '123 soleil ludotheque'
    >>> name_key("S.O.S. Femmes") == name_key("SOS FEMMES")
    True
    >>> name_key("Association Les Amis du Gois")
    'amis gois'
    """
    if name is None:
        return ""
    text = _DEPARTMENT_SUFFIX.sub("", str(name))
    words = [w for w in normalise_token(text).split("_") if w and w not in _NAME_NOISE]
    # Initials written with dots or spaces ("S.O.S.", "1 2 3") read as one word.
    joined: list[str] = []
    initials = ""
    for word in words:
        if len(word) == 1:
            initials += word
            continue
        if initials:
            joined.append(initials)
            initials = ""
        joined.append(word)
    if initials:
        joined.append(initials)
    return " ".join(joined)


def match_key(name) -> str:
    """The key a name is matched by: its :func:`name_key`, or, for a name made only of
    articles and legal words ('Association', "L'Assoc"), the raw name itself (marked so that
    it never equals a reduced key): such names match only themselves, never each other.

    >>> match_key("Association") != match_key("L'Assoc") != match_key("Les Associations")
    True
    >>> match_key("Association Les Amis du Gois")
    'amis gois'
    >>> match_key(None), match_key("  ")
    ('', '')
    """
    key = name_key(name)
    if key or name is None:
        return key
    raw = " ".join(str(name).split()).casefold()
    return f"={raw}" if raw else ""


def _digits(value) -> str:
    return re.sub(r"\D", "", str(value or ""))


def _identifier(value) -> tuple[str | None, str | None, Message | None]:
    """(siret, siren, problem) from an id cell written with spaces, dots or a stray quote."""
    text = _blank(value)
    if text is None:
        return None, None, None
    digits = _digits(text)
    if len(digits) == 14:
        if siret_valid(digits):
            return digits, digits[:9], None
        return None, None, _("SIRET {text!r} fails its check digit", text=text)
    if len(digits) == 9:
        if siren_valid(digits):
            return None, digits, None
        return None, None, _("SIREN {text!r} fails its check digit", text=text)
    return None, None, _("{text!r} is neither a SIRET (14 digits) nor a SIREN (9 digits)",
                         text=text)


def _blank(value) -> str | None:
    if value is None:
        return None
    text = str(value).replace("\xa0", " ").strip()
    return None if text.lower() in _EMPTY else text


def _slug(text: str) -> str:
    return normalise_token(text).replace("_", "-")[:50].strip("-") or "unnamed"


# ---------------------------------------------------------------------------- reading a file


def _field_of(header: str, has_beneficiary: bool) -> str | None:
    key = normalise_token(header)
    if key in _PERSON_COLUMNS:
        # The reserve parlementaire names the member of parliament in nom/prenom beside a
        # beneficiaire column; elsewhere "nom" is the beneficiary's name.
        if has_beneficiary:
            return "funder_name"
        return "beneficiary_name" if key == "nom" else None
    return _HEADER_FIELDS.get(key)


def _columns(header: list[str], mapping: dict[str, str] | None) -> dict[str, list[int]]:
    """field -> the column indexes that feed it, after the user's ``mapping`` (COLUMN=FIELD)."""
    mapping = dict(mapping or {})
    for column, target in mapping.items():
        if target not in SUBSIDY_FIELDS:
            raise OptionError(_("--map {column}={target}: unknown field {target!r}; choose "
                                "one of {fields}", column=column, target=target,
                                fields=listed(SUBSIDY_FIELDS)))
    by_key = {normalise_token(k): v for k, v in mapping.items()}
    known = {h.strip() for h in header} | {normalise_token(h) for h in header}
    for column in mapping:
        if column.strip() not in known and normalise_token(column) not in known:
            raise OptionError(_("--map {column}=...: the file has no column {column!r} "
                                "(columns: {columns})", column=column,
                                columns=listed(h.strip() for h in header if h.strip())))
    automatic = [_HEADER_FIELDS.get(normalise_token(h)) for h in header]
    has_beneficiary = "beneficiary_name" in automatic or "beneficiary_name" in mapping.values()
    fields: dict[str, list[int]] = {}
    for i, header_text in enumerate(header):
        target = mapping.get(header_text.strip(), by_key.get(normalise_token(header_text)))
        if target is None:
            target = _field_of(header_text, has_beneficiary)
        if target and target != "ignore":
            fields.setdefault(target, []).append(i)
    return fields


_AMOUNT_HEAD = re.compile(r"\d{1,3}([ \u00a0\u202f]\d{3})*")


def _realign(cells: list[str], width: int, separator: str, amount_at: int | None) -> list[str]:
    """Put back together a row that unquoted separators split into too many cells.

    Real files hold lines quoted whole (one cell holding the row) and, with a comma separator,
    amounts written '100 000,00' and free text with commas. The amount is re-joined first;
    then cells before it are joined into the free-text column just before the amount, and
    cells after it into the first free-text column after it (right-hand columns keep their
    place counted from the end)."""
    if len(cells) < width and cells and separator in cells[0]:
        cells = cells[0].split(separator) + cells[1:]
    if len(cells) <= width or amount_at is None:
        return cells
    found = None
    for i in range(amount_at, len(cells) - 1):
        if _AMOUNT_HEAD.fullmatch(cells[i].strip()) and re.fullmatch(r"\d{2}", cells[i + 1]):
            cells = cells[:i] + [f"{cells[i]},{cells[i + 1]}"] + cells[i + 2:]
            found = i
            break
    if len(cells) <= width:
        return cells
    if found is None or found < amount_at:
        return cells
    left = cells[: amount_at - 1] + [separator.join(cells[amount_at - 1: found])]
    right = cells[found + 1:]
    wanted = width - amount_at - 1
    if len(right) > wanted >= 2:
        keep_end = wanted - 2
        middle = right[1: len(right) - keep_end] if keep_end else right[1:]
        right = right[:1] + [separator.join(middle)] + (right[len(right) - keep_end:]
                                                         if keep_end else [])
    return left + [cells[found]] + right


def _fix_mojibake(text: str) -> str:
    """UTF-8 text that was read as Windows-1252 ('DÃ©partement'), put right.

    Some published files are two files glued together, one in each encoding, so the whole
    file decodes as Windows-1252 and the UTF-8 half comes out garbled.

    >>> _fix_mojibake("DÃ©partement de la VendÃ©e")
    'Département de la Vendée'
    >>> _fix_mojibake("Département")
    'Département'
    """
    if "Ã" not in text and "Â" not in text:
        return text
    try:
        return text.encode("cp1252").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def _file_year(path: Path) -> int | None:
    """The last year written in a file name: 'plf-2012-...-en-2010.csv' -> 2010."""
    years = _YEAR.findall(path.stem)
    return int(years[-1]) if years else None


def _funder_kind(name: str) -> tuple[str, str]:
    words = set(normalise_token(name).split("_"))
    for word, category in _COLLECTIVITY_WORDS:
        if word in words:
            return "collectivity", category
    return "funder", "public"


def _purpose(nature: str | None, text: str | None) -> str | None:
    code = (nature or "").strip().upper()
    if code == "F":
        return "operation"
    if code == "I":
        return "investment"
    words = normalise_token(text or "")
    if "fonctionnement" in words:
        return "operation"
    if "investissement" in words or "equipement" in words or "travaux" in words:
        return "investment"
    return None


def _first_year(*values) -> int | None:
    for value in values:
        if value is None:
            continue
        if isinstance(value, int):
            return value
        try:
            parsed = parse_date(value)
        except ValueError:
            parsed = None
        year = year_of(parsed) if parsed else None
        if year is None:
            match = _YEAR.search(str(value))
            year = int(match.group(1)) if match else None
        if year is not None:
            return year
    return None


def read_subsidies(
    path: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    funder: str | None = None,
    year: int | None = None,
) -> SubsidyFile:
    """Read one subsidy file into grants, listing every line it leaves out and why.

    Parameters
    ----------
    path : file in the SCDL "subventions" layout or a similar one (the State's budget annex
        of subsidised associations, the reserve parlementaire, a city's list). Encoding and
        separator are detected; amounts like '12 350 000 €' or '100 000,00' are read.
    mapping : {column header: field} for columns not recognised (see ``SUBSIDY_FIELDS``).
    funder : the funder's name when the file has no funder column (a city's own list).
    year : the year of grants whose line gives none; by default the last year written in the
        file name.

    Returns
    -------
    SubsidyFile
        ``grants`` has the columns ``GRANT_COLUMNS``: ``line`` (as a spreadsheet counts, the
        header is 1), ``funder_name``, ``funder_id`` (SIRET/SIREN digits or None),
        ``funder_type`` (collectivity or funder), ``funder_category``, ``beneficiary_name``,
        ``beneficiary_id``, ``amount`` (EUR), ``start`` and ``end`` (years), ``programme``,
        ``purpose``, ``object``.

    Raises
    ------
    OptionError
        The file cannot be read, or nothing in it names a beneficiary, an amount or a funder.
    """
    path = Path(path)
    try:
        table: RawTable = read_table(path)
    except (ValueError, OSError) as err:
        reason = err.args[0] if isinstance(err, ValueError) and err.args else str(err)
        raise OptionError(_("{path}: cannot read it as a CSV file: {err}", path=str(path),
                            err=reason)) from err
    header = [h.strip().strip(";").strip() for h in table.header]
    fields = _columns(header, mapping)
    names = {f: [header[i] for i in idx] for f, idx in fields.items()}
    for needed, hint in (("beneficiary_name", "nomBeneficiaire"), ("amount", "montant")):
        if needed not in fields and not (needed == "beneficiary_name"
                                         and "beneficiary_id" in fields):
            raise OptionError(_(
                "{file}: no column for {needed} ({hint} in the SCDL standard); found {found}: "
                "pass --map COLUMN={needed}", file=path.name, needed=needed, hint=hint,
                found=listed(h for h in header if h) or _("no header")))
    if "funder_name" not in fields and "imputation" not in fields and not funder:
        raise OptionError(_(
            "{file}: no column names the funder (nomAttribuant): pass --funder NAME (for "
            "instance --funder \"Ville de Montpellier\") or --map COLUMN=funder_name",
            file=path.name))
    default_year = year if year is not None else _file_year(path)
    amount_at = fields.get("amount", [None])[0]
    if "total" in fields and amount_at is None:
        amount_at = fields["total"][0]
    used = {i for idx in fields.values() for i in idx}
    unused = [h for i, h in enumerate(header) if h and i not in used]

    issues: list[RowIssue] = []
    records = []
    totals: list[tuple[int, str, float, list[float]]] = []  # line, name, total, details
    grand_totals: list[tuple[int, float]] = []
    file = path.name

    def skip(line, kind, message, severity="skipped"):
        issues.append(RowIssue(file, line, kind, message, severity))

    for line, message in table.decoding_notes:
        skip(line, "mixed encodings", message, "warning")

    for cells, line in zip(table.rows, table.lines, strict=True):
        original = len(cells)
        if table.encoding == "cp1252":
            cells = [_fix_mojibake(c) for c in cells]
        cells = _realign(cells, len(header), table.separator, amount_at)
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            skip(line, "layout", _("{cells} cells for {columns} columns, and the amount "
                                   "could not be located: quote values that hold the "
                                   "separator", cells=original, columns=len(header)))
            continue
        if len(cells) != original:
            skip(line, "repaired", _("{cells} cells for {columns} columns (unquoted "
                                     "separators): values re-joined", cells=original,
                                     columns=len(header)), "warning")

        def value(name, cells=cells):
            parts = [_blank(cells[i]) if i < len(cells) else None for i in fields.get(name, ())]
            parts = [p for p in parts if p]
            return " ".join(parts) if parts else None

        beneficiary = value("beneficiary_name")
        raw_amount, raw_total = value("amount"), value("total")
        if raw_amount is None and raw_total is not None:
            try:
                total = parse_number(raw_total)
            except ValueError:
                total = None
            if total is not None:
                totals.append((line, beneficiary or "", total, []))
            skip(line, "total line", _("total line of {name!r}: checked against its detail "
                                       "lines, not imported (it would count twice)",
                                       name=beneficiary))
            continue
        if raw_amount is None:
            if len([c for c in cells if c.strip()]) <= 1:
                skip(line, "not a grant", _("a line with no amount: {text!r}",
                                            text=" ".join(cells)[:60]))
            else:
                skip(line, "no amount", _("no amount on this line"))
            continue
        try:
            amount = parse_number(raw_amount)
        except ValueError:
            skip(line, "bad amount", _("amount {amount!r} is not a number", amount=raw_amount))
            continue
        if amount is None or amount <= 0:
            skip(line, "no amount", _("amount {amount!r}: nothing granted (0 or negative)",
                                      amount=raw_amount))
            continue
        siret, siren, id_problem = _identifier(value("beneficiary_id"))
        if id_problem:
            skip(line, "bad beneficiary id", _("beneficiary id ignored: {problem}",
                                               problem=id_problem), "warning")
        if not beneficiary and not (siret or siren):
            if any(normalise_token(c).startswith("total") for c in cells):
                grand_totals.append((line, amount))
                skip(line, "total line", _("the file's grand total: checked against the sum "
                                           "of the lines imported, not imported itself"))
                continue
            skip(line, "no beneficiary", _("no beneficiary name nor a valid SIRET/SIREN"))
            continue
        programme = value("programme")
        funder_name = value("funder_name")
        imputation = value("imputation")
        if imputation and not funder_name:
            ministry, _sep, rest = imputation.partition(":")
            funder_name = f"État – {ministry.strip()}"
            programme = programme or (rest.strip() or None)
        funder_name = funder_name or funder
        if not funder_name:
            skip(line, "no funder", _("no funder named on this line: pass --funder NAME"))
            continue
        funder_siret, funder_siren, _problem = _identifier(value("funder_id"))
        funder_type, funder_category = _funder_kind(funder_name)
        start = _first_year(_int_year(value("year")), value("start"), value("date"),
                            value("period"), default_year)
        if start is None:
            skip(line, "no year", _("no year on this line nor in the file name: pass --year; "
                                    "imported without years (it counts in totals only)"),
                 "warning")
        end = _first_year(value("end"))
        if start is not None and (end is None or end < start):
            end = start
        obj = value("object")
        records.append({
            "line": line,
            "funder_name": funder_name,
            "funder_id": funder_siret or funder_siren,
            "funder_type": funder_type,
            "funder_category": funder_category,
            "beneficiary_name": beneficiary,
            "beneficiary_id": siret or siren,
            "amount": amount,
            "start": start,
            "end": end,
            "programme": programme,
            "purpose": _purpose(value("nature"), obj),
            "object": obj,
        })
        if totals and raw_total is None and beneficiary == totals[-1][1]:
            totals[-1][3].append(amount)
    for line, name, total, details in totals:
        if details and abs(sum(details) - total) > 0.5:
            skip(line, "total mismatch", _("total {total} EUR of {name!r} differs from its "
                                           "detail lines ({details} EUR); the detail lines are "
                                           "imported", total=Score(total, 0), name=name,
                                           details=Score(sum(details), 0)), "warning")
    imported = sum(r["amount"] for r in records)
    for line, total in grand_totals:
        if abs(imported - total) > 0.5:
            skip(line, "total mismatch", _("grand total {total} EUR differs from the sum of the "
                                           "lines imported ({imported} EUR)",
                                           total=Score(total, 0), imported=Score(imported, 0)),
                 "warning")
    # object columns keep None as None (pandas 3 would infer str columns holding NaN)
    grants = pd.DataFrame({col: pd.Series([r[col] for r in records], dtype=object)
                           for col in GRANT_COLUMNS})
    grants["line"] = grants["line"].astype(int)
    grants["amount"] = grants["amount"].astype(float)
    grants["start"] = grants["start"].astype("Int64")
    grants["end"] = grants["end"].astype("Int64")
    issues.sort(key=lambda i: i.line)
    return SubsidyFile(path, grants, issues, table.encoding, table.separator, names, unused,
                       len(table.rows))


def _int_year(text: str | None) -> int | None:
    if text and re.fullmatch(r"\d{4}(\.0+)?", text.strip()):
        return int(text.strip()[:4])
    return None


# ---------------------------------------------------------------------------- matching


_RECIPIENT_TYPES = ("organisation", "pole", "project")
_FUNDER_TYPES = ("funder", "collectivity")


def _index(nodes: pd.DataFrame, types) -> tuple[dict, dict, dict, dict]:
    """(siret -> ids, siren -> ids, name key -> ids, id -> its SIREN) over the nodes of
    ``types``."""
    by_siret: dict[str, set] = {}
    by_siren: dict[str, set] = {}
    by_name: dict[str, set] = {}
    siren_of: dict[str, str] = {}
    for row in nodes.to_dict("records"):
        if row.get("type") not in types:
            continue
        node = row["id"]
        siret = _digits(row.get("siret")) if _blank(row.get("siret")) else ""
        siren = _digits(row.get("siren")) if _blank(row.get("siren")) else ""
        if len(siret) == 14:
            by_siret.setdefault(siret, set()).add(node)
            by_siren.setdefault(siret[:9], set()).add(node)
        if len(siren) == 9:
            by_siren.setdefault(siren, set()).add(node)
        if len(siret) == 14 or len(siren) == 9:
            siren_of[node] = siren if len(siren) == 9 else siret[:9]
        key = match_key(row.get("name"))
        if key:
            by_name.setdefault(key, set()).add(node)
    return by_siret, by_siren, by_name, siren_of


def _find(index, identifier, name) -> tuple[str | None, str, list]:
    """(node, how, candidates): by SIRET, then SIREN, then name key; ambiguous -> None.

    A name never matches a node whose SIREN differs from the line's: two bodies with the same
    name and different SIRENs are different bodies."""
    by_siret, by_siren, by_name, siren_of = index
    digits = identifier or ""
    for how, table, key in (("siret", by_siret, digits if len(digits) == 14 else None),
                            ("siren", by_siren, digits[:9] if digits else None),
                            ("name", by_name, match_key(name) if name else None)):
        if not key or key not in table:
            continue
        found = sorted(table[key])
        if how == "name" and digits:
            found = [n for n in found if siren_of.get(n, digits[:9]) == digits[:9]]
            if not found:
                continue
        if len(found) == 1:
            return found[0], how, found
        return None, f"ambiguous {how}", found
    return None, "", []


def match_beneficiaries(grants: pd.DataFrame, nodes: pd.DataFrame) -> pd.DataFrame:
    """Each grant's beneficiary among ``nodes`` (organisations, poles, projects): by SIRET,
    then SIREN (a node's own SIREN or the first 9 digits of its SIRET), then name key (see
    :func:`name_key`).

    Returns ``grants`` with two more columns: ``node`` (id or None) and ``matched_by``
    (siret, siren, name, 'ambiguous siren'/'ambiguous name' or '')."""
    index = _index(nodes, _RECIPIENT_TYPES)
    found = [_find(index, g["beneficiary_id"], g["beneficiary_name"])
             for g in grants.to_dict("records")]
    out = grants.copy()
    out["node"] = pd.Series([f[0] for f in found], dtype=object, index=out.index)
    out["matched_by"] = pd.Series([f[1] for f in found], dtype=object, index=out.index)
    out["candidates"] = pd.Series([f[2] for f in found], dtype=object, index=out.index)
    return out


# ---------------------------------------------------------------------------- merging


def _new_id(prefix: str, text: str, taken: set) -> str:
    base = f"{prefix}-{_slug(text)}"
    node, n = base, 2
    while node in taken:
        node, n = f"{base}-{n}", n + 1
    taken.add(node)
    return node


def _year_text(value) -> str | None:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(int(value))


def _grant_key(edge: dict) -> tuple:
    """What makes two funds edges the same grant: ends, amount (to the cent), years,
    programme."""

    def text(value):
        if value is None or value is pd.NA or (isinstance(value, float) and value != value):
            return ""
        return str(value)

    amount = edge.get("amount")
    amount = "" if text(amount) == "" else round(float(amount), 2)
    return (edge["source"], edge["target"], amount, year_of(text(edge.get("start")) or None),
            year_of(text(edge.get("end")) or None), text(edge.get("programme")))


def merge_subsidies(
    dataset: Dataset, source: SubsidyFile, *, add_beneficiaries: bool = False
) -> SubsidyImport:
    """Merge the grants of ``source`` into ``dataset``'s tables.

    Beneficiaries are matched with :func:`match_beneficiaries`; a grant whose beneficiary is
    not found is reported and left out, unless ``add_beneficiaries``: then a new organisation
    node is made for it (one per SIRET/SIREN, else per name key). Funders are found among the
    dataset's funders and collectivities the same way, or added (type collectivity for local
    authorities and the State, funder otherwise). A grant already in the dataset (same funder,
    beneficiary, amount, years and programme) is not added twice.
    """
    nodes, edges = dataset.nodes.copy(), dataset.edges.copy()
    grants = match_beneficiaries(source.grants, nodes)
    issues = list(source.issues)
    taken = set(nodes["id"].dropna())
    funder_index = _index(nodes, _FUNDER_TYPES)
    new_nodes: list[dict] = []
    funder_of: dict[str, str] = {}
    added_beneficiary: dict[str, str] = {}
    counts = {"siret": 0, "siren": 0, "name": 0, "added": 0}
    # Grants already in the dataset, each able to absorb one identical line of the file (so
    # importing a file twice adds nothing, while two identical grants in one file both count).
    existing: dict[tuple, int] = {}
    for e in edges.to_dict("records"):
        if e["type"] == "funds":
            key = _grant_key(e)
            existing[key] = existing.get(key, 0) + 1
    new_edges: list[dict] = []
    targets: list = []
    file = source.path.name
    for g in grants.to_dict("records"):
        target = g["node"]
        if target is None and g["matched_by"].startswith("ambiguous"):
            issues.append(RowIssue(file, g["line"], "ambiguous beneficiary", _(
                "{name!r} matches several nodes by {how} ({candidates}): give them distinct "
                "SIRETs", name=g["beneficiary_name"], how=g["matched_by"].split()[1],
                candidates=listed(g["candidates"]))))
            targets.append(None)
            continue
        if target is None and add_beneficiaries:
            key = g["beneficiary_id"] or match_key(g["beneficiary_name"])
            if key not in added_beneficiary:
                node = _new_id("org", g["beneficiary_name"] or key, taken)
                added_beneficiary[key] = node
                ident = g["beneficiary_id"] or ""
                new_nodes.append({
                    "id": node, "type": "organisation",
                    "name": g["beneficiary_name"] or ident,
                    "siret": ident if len(ident) == 14 else None,
                    "siren": ident[:9] if ident else None,
                })
            target = added_beneficiary[key]
            counts["added"] += 1
        elif target is None:
            ident = f" (SIRET/SIREN {g['beneficiary_id']})" if g["beneficiary_id"] else ""
            issues.append(RowIssue(file, g["line"], "unknown beneficiary", _(
                "{name!r}{ident} matches no organisation, pole or project: add its SIRET to "
                "the node, or pass --add-beneficiaries", name=g["beneficiary_name"],
                ident=ident)))
            targets.append(None)
            continue
        else:
            counts[g["matched_by"]] += 1
        funder_key = g["funder_id"] or match_key(g["funder_name"])
        if funder_key not in funder_of:
            found, _how, _candidates = _find(funder_index, g["funder_id"], g["funder_name"])
            if found is None:
                prefix = "col" if g["funder_type"] == "collectivity" else "funder"
                found = _new_id(prefix, g["funder_name"], taken)
                ident = g["funder_id"] or ""
                new_nodes.append({
                    "id": found, "type": g["funder_type"], "name": g["funder_name"],
                    "category": g["funder_category"],
                    "siret": ident if len(ident) == 14 else None,
                    "siren": ident[:9] if ident else None,
                })
            funder_of[funder_key] = found
        funder = funder_of[funder_key]
        edge = {
            "source": funder, "target": target, "type": "funds", "amount": g["amount"],
            "start": _year_text(g["start"]),
            "end": _year_text(g["end"]),
            "purpose": g["purpose"], "programme": g["programme"],
        }
        key = _grant_key(edge)
        if existing.get(key):
            existing[key] -= 1
            issues.append(RowIssue(file, g["line"], "already imported",
                                   _("this grant to {target!r} is already in the dataset",
                                     target=target)))
            targets.append(None)
            continue
        new_edges.append(edge)
        targets.append(target)
    grants["node"] = pd.Series(targets, dtype=object, index=grants.index)
    grants = grants.drop(columns=["candidates"])
    if new_nodes:
        nodes = pd.concat([nodes, pd.DataFrame(new_nodes).astype(object)], ignore_index=True)
    if new_edges:
        edges = pd.concat([edges, pd.DataFrame(new_edges).astype(object)], ignore_index=True)
    counts.update({
        "rows": source.rows,
        "grants": len(new_edges),
        "new_funders": sum(1 for n in new_nodes if n["type"] != "organisation"),
        "new_beneficiaries": len(added_beneficiary),
        "skipped": sum(1 for i in issues if i.severity == "skipped"),
        "warnings": sum(1 for i in issues if i.severity == "warning"),
    })
    issues.sort(key=lambda i: i.line)
    return SubsidyImport(nodes, edges, grants, issues, source, counts)


def import_subsidies(
    file: str | Path,
    dataset: str | Path,
    *,
    mapping: dict[str, str] | None = None,
    funder: str | None = None,
    year: int | None = None,
    add_beneficiaries: bool = False,
) -> SubsidyImport:
    """Read ``file`` and merge its grants into the dataset at ``dataset`` (nothing is written:
    see :func:`write_merged`)."""
    data = load_dataset(dataset)
    source = read_subsidies(file, mapping=mapping, funder=funder, year=year)
    return merge_subsidies(data, source, add_beneficiaries=add_beneficiaries)


def issues_frame(issues: list[RowIssue], lang: str | None = "en") -> pd.DataFrame:
    """The issues as a table: ``file, line, severity, kind, message`` (the message in
    ``lang``; severity and kind are codes)."""
    return pd.DataFrame(
        [(i.file, i.line, i.severity, i.kind, i.text(lang)) for i in issues],
        columns=["file", "line", "severity", "kind", "message"],
    )


# ---------------------------------------------------------------------------- writing


def write_merged(nodes: pd.DataFrame, edges: pd.DataFrame, folder: str | Path) -> Path | None:
    """Write a dataset without risking the one already in ``folder``.

    The tables are written to a temporary folder beside ``folder`` and read back; only when
    they validate without error are the old ``nodes.csv`` and ``edges.csv`` moved into
    ``folder/backup-YYYYMMDD-HHMMSS/`` and the new ones put in their place. Returns the backup
    folder (None when ``folder`` held no dataset)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    staging = folder.parent / f".{folder.name}.writing"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        write_dataset(nodes, edges, staging)
        check = read_dataset(staging)
        if check.errors:
            raise DatasetError(_("the merged dataset would not be valid, so {folder} was left "
                                 "unchanged", folder=str(folder)), check.problems)
        backup = None
        if any((folder / f"{kind}.csv").exists() for kind in ("nodes", "edges")):
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
            backup = folder / f"backup-{stamp}"
            n = 2
            while backup.exists():
                backup, n = folder / f"backup-{stamp}-{n}", n + 1
            backup.mkdir()
            for kind in ("nodes", "edges"):
                if (folder / f"{kind}.csv").exists():
                    shutil.copy2(folder / f"{kind}.csv", backup / f"{kind}.csv")
        for kind in ("nodes", "edges"):
            os.replace(staging / f"{kind}.csv", folder / f"{kind}.csv")
        return backup
    finally:
        shutil.rmtree(staging, ignore_errors=True)
