"""The roster survey: one questionnaire per member organisation listing the other members, and
the collection of the returns (workbooks, or an online form's CSV export) into cooperation ties.

Making and reading files happens at the two ends (:func:`write_questionnaires`,
:func:`read_returns`); between them everything is a pure function of tables:
:func:`survey_roster` (who is asked about whom), :func:`collect_answers` (returns -> ties,
response rates, one-sided ties, files set aside) and :func:`merge_survey` (the ties into the
dataset's tables, wave after wave)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx
import pandas as pd

from .build import build_graph, node_name, restrict_to_year
from .errors import OptionError
from .i18n import LANGUAGES, _, labels, listed
from .ingest import Dataset
from .reasons import Reason, reason
from .schema import STRENGTH_WEIGHTS, TIE_STRENGTHS, join_ids, normalise_token, split_ids

__all__ = [
    "ANSWERS",
    "META_SHEET",
    "check_code",
    "survey_roster",
    "write_questionnaires",
    "SurveyReturn",
    "read_questionnaire",
    "read_form_csv",
    "read_returns",
    "SurveyCollection",
    "collect_answers",
    "merge_survey",
    "survey_meta",
    "write_collected",
    "report_lines",
]

ANSWERS = ("none",) + TIE_STRENGTHS  # a questionnaire's choices, weakest first
META_SHEET = "ptce-graph"  # hidden sheet: survey, year, respondent, check code (never translated)
SURVEY_FORMAT = "1"
OUTSIDE_ROWS = 6
ROSTER_COLUMNS = ["member", "name", "sector", "poles"]
_SALT = "ptce-graph survey v1"
# CSV files the make step writes beside the questionnaires (never read as returns)
_MAILING_LISTS = ("liste-d-envoi.csv", "mailing-list.csv")


def check_code(survey: str, year: int, respondent: str) -> str:
    """The code a questionnaire carries: a hash of the survey's dataset, year and respondent,
    so that a file edited to pass for another respondent, or from another survey, is caught.
    It detects mix-ups, not forgery (anyone holding this code can recompute it).

    >>> code = check_code("pays-de-bray", 2025, "org-a")
    >>> len(code), code[4], code == check_code("pays-de-bray", 2025, "org-a")
    (9, '-', True)
    >>> code == check_code("pays-de-bray", 2025, "org-b")
    False
    """
    digest = hashlib.sha256(f"{_SALT}|{survey}|{year}|{respondent}".encode()).digest()
    code = base64.b32encode(digest).decode("ascii")[:8]
    return f"{code[:4]}-{code[4:]}"


# ---------------------------------------------------------------------------- the roster


def _graph(dataset: Dataset) -> nx.MultiDiGraph:
    return build_graph(dataset.nodes, dataset.edges, name=dataset.name)


def survey_roster(dataset: Dataset, poles: list[str] | None = None,
                  year: int | None = None) -> tuple[list[str], pd.DataFrame]:
    """The poles surveyed and their member organisations (members and animators, active in
    ``year``): ``(poles, DataFrame[member, name, sector, poles])`` sorted by member, ``poles``
    ';'-joined. Without ``poles``: every pole of the dataset."""
    G = restrict_to_year(_graph(dataset), year)
    every = sorted(n for n, t in G.nodes(data="type") if t == "pole")
    chosen = list(dict.fromkeys(poles)) if poles else every
    unknown = [p for p in chosen if p not in every]
    if unknown:
        raise OptionError(_("--pole {pole!r}: no such pole in {dataset} in {year} (poles: "
                            "{poles})", pole=unknown[0], dataset=dataset.name, year=year,
                            poles=listed(every)) if year else
                          _("--pole {pole!r}: no such pole in {dataset} (poles: {poles})",
                            pole=unknown[0], dataset=dataset.name, poles=listed(every)))
    of: dict[str, set] = {}
    for u, v, d in G.edges(data=True):
        if (d.get("type") in ("member_of", "animates") and v in chosen
                and G.nodes[u].get("type") == "organisation"):
            of.setdefault(u, set()).add(v)
    rows = [(m, node_name(G, m), G.nodes[m].get("sector"), join_ids(sorted(of[m])))
            for m in sorted(of)]
    return chosen, pd.DataFrame(rows, columns=ROSTER_COLUMNS)


# ---------------------------------------------------------------------------- making


def _answer_labels(words) -> list[str]:
    return [words["survey.answer.none"]] + [words[f"cell.strength.{s}"] for s in TIE_STRENGTHS]


def _questionnaire(dataset_name: str, year: int, poles: list[str], pole_names: dict,
                   roster: pd.DataFrame, respondent: dict, lang: str):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    from .workbook import ChoiceLists, fit_widths, style_header

    words = labels(lang)
    book = Workbook()
    sheet = book.active
    sheet.title = words["survey.sheet"]
    code = check_code(dataset_name, year, respondent["member"])
    sheet["A1"] = words.format("survey.title", year=year,
                               poles=", ".join(pole_names[p] for p in poles))
    sheet["A1"].font = Font(bold=True, size=13)
    for row, (key, value) in enumerate((("survey.respondent", respondent["name"]),
                                        ("survey.respondent_id", respondent["member"]),
                                        ("survey.check_code", code)), start=2):
        sheet.cell(row=row, column=1, value=words[key]).font = Font(bold=True)
        sheet.cell(row=row, column=2, value=value).data_type = "s"
    sheet["A5"] = words["survey.instructions"]
    sheet["A5"].alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells("A5:F5")
    sheet.row_dimensions[5].height = 62
    top = 7
    headers = [words[f"survey.col.{c}"] for c in ("id", "name", "sector", "pole", "answer",
                                                   "about")]
    for col, text in enumerate(headers, start=1):
        style_header(sheet.cell(row=top, column=col, value=text))
    others = roster[roster["member"] != respondent["member"]].copy()
    own = set(split_ids(respondent["poles"]))
    others["_own"] = others["poles"].map(lambda p: not (set(split_ids(p)) & own))
    others = others.sort_values(["_own", "poles", "name", "member"])
    shown = [[h] for h in headers]
    for row, member in enumerate(others.to_dict("records"), start=top + 1):
        values = (member["member"], member["name"], member["sector"],
                  ", ".join(pole_names[p] for p in split_ids(member["poles"])))
        for col, value in enumerate(values, start=1):
            if value is not None:
                sheet.cell(row=row, column=col, value=str(value)).data_type = "s"
                shown[col - 1].append(value)
    last = top + len(others)
    lists = ChoiceLists(book, "listes" if lang == "fr" else "lists")
    if len(others):
        lists.add(sheet, f"E{top + 1}:E{last}", _answer_labels(words))
    outside = last + 2
    sheet.cell(row=outside, column=1, value=words["survey.outside"]).font = Font(bold=True)
    for col, key in ((1, "survey.col.partner"), (2, "survey.col.partner_sector"),
                     (5, "survey.col.answer"), (6, "survey.col.about")):
        style_header(sheet.cell(row=outside + 1, column=col, value=words[key]))
    lists.add(sheet, f"E{outside + 2}:E{outside + 1 + OUTSIDE_ROWS}", _answer_labels(words)[1:])
    fit_widths(sheet, [(i + 1, texts) for i, texts in enumerate(shown)])
    sheet.column_dimensions["E"].width = 34
    sheet.column_dimensions["F"].width = 40
    sheet.freeze_panes = f"C{top + 1}"
    meta = book.create_sheet(META_SHEET)
    meta.sheet_state = "hidden"
    for row, (key, value) in enumerate((
            ("format", SURVEY_FORMAT), ("survey", dataset_name), ("year", str(year)),
            ("poles", join_ids(poles)), ("respondent", respondent["member"]),
            ("check", code), ("lang", lang)), start=1):
        meta.cell(row=row, column=1, value=key)
        meta.cell(row=row, column=2, value=value).data_type = "s"
    return book


def _file_name(member: str) -> str:
    return f"questionnaire-{re.sub(r'[^A-Za-z0-9_.-]+', '-', member)}.xlsx"


def write_questionnaires(dataset: Dataset, out: str | Path, *, poles: list[str] | None = None,
                         year: int | None = None, lang: str = "fr") -> pd.DataFrame:
    """Write one questionnaire per member organisation of ``poles`` (default: every pole) into
    ``out``, and the mailing list (``liste-d-envoi.csv`` / ``mailing-list.csv``). ``year``: the
    survey's year (default: this year); the members are those of that year.

    Returns the mailing list: ``member, name, poles, file, check_code``."""
    if lang not in LANGUAGES:
        raise OptionError(_("Unknown language {lang!r}: use one of {languages}.", lang=lang,
                            languages=listed(LANGUAGES)))
    year = year or dt.date.today().year
    chosen, roster = survey_roster(dataset, poles, year)
    if roster.empty:
        raise OptionError(_("no member organisation in {poles} in {year}: nobody to survey",
                            poles=listed(chosen), year=year))
    G = _graph(dataset)
    pole_names = {p: node_name(G, p) for p in chosen}
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for respondent in roster.to_dict("records"):
        book = _questionnaire(dataset.name, year, chosen, pole_names, roster, respondent, lang)
        name = _file_name(respondent["member"])
        book.save(out / name)
        rows.append((respondent["member"], respondent["name"], respondent["poles"], name,
                     check_code(dataset.name, year, respondent["member"])))
    mailing = pd.DataFrame(rows, columns=["member", "name", "poles", "file", "check_code"])
    mailing.to_csv(out / _MAILING_LISTS[LANGUAGES.index(lang)], index=False)
    return mailing


# ---------------------------------------------------------------------------- reading


@dataclass
class SurveyReturn:
    """One answered questionnaire (a workbook, or one row of a form's CSV export)."""

    file: str  # as the report names it: "questionnaire-org-a.xlsx" or "form.csv:4"
    respondent: str | None
    survey: str | None = None
    year: int | None = None
    poles: tuple[str, ...] = ()
    check: str | None = None
    saved: dt.datetime | None = None
    answers: list[tuple[str, str, str | None, int]] = field(default_factory=list)
    # (member, answer code, about, line); answer "" when left blank
    outside: list[tuple[str, str | None, str, str | None]] = field(default_factory=list)
    # (partner name, sector, answer code, about)
    problems: list[Reason] = field(default_factory=list)  # why it is rejected (empty: fine)
    notes: list[Reason] = field(default_factory=list)  # answers not understood, ...
    checked: bool = True  # False: the source carries no check code to verify
    note_only: bool = False  # not a return: a note on a whole file (a column not understood)

    @property
    def answered(self) -> bool:
        return any(a for _, a, _, _ in self.answers) or bool(self.outside)


def _answer_codes() -> dict[str, str]:
    """Every accepted spelling of an answer (both languages, codes, 0-3) -> its code."""
    codes = {}
    for lang in LANGUAGES:
        for code, label in zip(ANSWERS, _answer_labels(labels(lang)), strict=True):
            codes[normalise_token(label)] = code
    for i, code in enumerate(ANSWERS):
        codes[code] = code
        codes[str(i)] = code
    codes.update({"aucun": "none", "non": "none", "no": "none", "none": "none"})
    from .schema import VALUE_ALIASES

    codes.update(VALUE_ALIASES["strength"])
    return codes


def _answer(text, line: int, notes: list[Reason], codes: dict[str, str]) -> str:
    """The answer code of a cell (``""`` when blank); one not understood goes to ``notes``."""
    from .ingest import _cell_text

    value = _cell_text(text).strip()
    if not value:
        return ""
    code = codes.get(normalise_token(value))
    if code is None:
        notes.append(reason("unknown_answer", line=line, answer=value))
        return ""
    return code


def _labels_of(key: str) -> set[str]:
    return {normalise_token(labels(lang)[key]) for lang in LANGUAGES}


def read_questionnaire(path: str | Path) -> SurveyReturn:
    """Read a returned questionnaire (also after Excel or LibreOffice saved it again)."""
    from openpyxl import load_workbook

    from .ingest import _cell_text

    path = Path(path)
    found = SurveyReturn(file=path.name, respondent=None)
    try:
        book = load_workbook(path, data_only=True, read_only=True)
    except Exception as err:  # openpyxl raises many kinds for a damaged or foreign file
        found.problems.append(reason("unreadable", error=str(err) or type(err).__name__))
        return found
    if META_SHEET not in book.sheetnames:
        book.close()
        found.problems.append(reason("not_a_questionnaire"))
        return found
    meta = {_cell_text(r[0]).strip(): _cell_text(r[1]).strip()
            for r in book[META_SHEET].iter_rows(min_col=1, max_col=2, values_only=True)
            if r[0] is not None}
    found.respondent = meta.get("respondent") or None
    found.survey = meta.get("survey")
    found.year = int(meta["year"]) if meta.get("year", "").isdigit() else None
    found.poles = tuple(split_ids(meta.get("poles")))
    found.check = meta.get("check")
    modified = book.properties.modified
    found.saved = modified or dt.datetime.fromtimestamp(path.stat().st_mtime)
    sheet = next(s for s in book.worksheets if s.title != META_SHEET)
    rows = list(sheet.iter_rows(values_only=True))
    book.close()  # read-only workbooks keep their file open until closed
    id_headers = _labels_of("survey.col.id")
    partner_headers = _labels_of("survey.col.partner")
    answer_headers = _labels_of("survey.col.answer")
    about_headers = _labels_of("survey.col.about")
    section, columns, codes = None, {}, _answer_codes()
    for number, values in enumerate(rows, start=1):
        cells = [_cell_text(v).strip() for v in values]
        keys = [normalise_token(c) for c in cells]
        if keys and keys[0] in id_headers | partner_headers:
            section = "roster" if keys[0] in id_headers else "outside"
            columns = {"answer": next((i for i, k in enumerate(keys) if k in answer_headers),
                                      4),
                       "about": next((i for i, k in enumerate(keys) if k in about_headers), 5)}
            continue
        if section is None or not any(cells):
            continue

        def cell(name, cells=cells, columns=columns):
            i = columns[name]
            return cells[i] if i < len(cells) else ""

        if section == "roster":
            if not cells[0]:
                continue
            code = _answer(cell("answer"), number, found.notes, codes)
            found.answers.append((cells[0], code, cell("about") or None, number))
        elif cells[0]:
            # a partner named without a level: at least occasional exchanges
            code = _answer(cell("answer"), number, found.notes, codes) or "occasional"
            if code != "none":
                found.outside.append((cells[0], (cells[1] if len(cells) > 1 else "") or None,
                                      code, cell("about") or None))
    return found


_RESPONDENT_HEADERS = {"identifiant", "id", "respondent", "repondant", "structure",
                       "votre_structure", "nom_de_votre_structure", "your_organisation",
                       "organisation", "structure_qui_repond", "responding_organisation"}
_CHECK_HEADERS = {"code", "code_de_controle", "check_code"}
_TIME_HEADERS = {"horodateur", "horodatage", "timestamp", "date", "submitted_at", "date_heure"}
_OUTSIDE_HEADERS = {"autres_partenaires", "other_partners", "partenaires_hors_liste",
                    "partners_outside_the_list", "partenaires_hors_de_la_liste"}
_ABOUT_PREFIXES = ("sur_quoi", "on_what")


def _parse_time(text: str) -> dt.datetime | None:
    text = (text or "").strip()
    for fmt in ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%d/%m/%Y %H:%M:%S", "%d/%m/%Y %H:%M",
                "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt)
        except ValueError:
            continue
    return None


def read_form_csv(path: str | Path, roster: pd.DataFrame, *,
                  mapping: dict[str, str] | None = None) -> tuple[list[SurveyReturn],
                                                                  list[SurveyReturn]]:
    """The returns of an online form's CSV export: one row per respondent, one column per
    listed member (its header names the member, alone or as "Question [Name]"; matched by id,
    then by name with case, accents, articles and legal forms ignored; ``mapping`` assigns a
    header to a member id). Optional columns: who answers (id or name), check code,
    timestamp, "on what [Name]", other partners (';'-separated).

    Returns ``(returns, column problems)``: the second holds one pseudo-return per column
    that matched no member, so that the report lists it."""
    from .ingest import read_table
    from .subsidies import name_key

    path = Path(path)
    table = read_table(path)
    by_name: dict[str, set] = {}
    for member, name in zip(roster["member"], roster["name"], strict=True):
        by_name.setdefault(name_key(name), set()).add(member)
    ids = set(roster["member"])
    mapping = {normalise_token(k): v for k, v in (mapping or {}).items()}
    roles: dict[int, tuple[str, str | None]] = {}
    column_notes = []
    for i, header in enumerate(table.header):
        key = normalise_token(header)
        inner = re.search(r"\[(.+)\]\s*$", header)
        target = inner.group(1).strip() if inner else header.strip()
        kind = "answer"
        if any(key.startswith(p) for p in _ABOUT_PREFIXES):
            kind = "about"
        if key in mapping:
            roles[i] = (kind, mapping[key])
        elif key in _RESPONDENT_HEADERS:
            roles[i] = ("respondent", None)
        elif key in _CHECK_HEADERS:
            roles[i] = ("check", None)
        elif key in _TIME_HEADERS:
            roles[i] = ("time", None)
        elif key in _OUTSIDE_HEADERS:
            roles[i] = ("outside", None)
        elif target in ids:
            roles[i] = (kind, target)
        elif len(by_name.get(name_key(target), ())) == 1:
            roles[i] = (kind, next(iter(by_name[name_key(target)])))
        elif header.strip():
            column_notes.append(SurveyReturn(file=path.name, respondent=None, note_only=True,
                                             notes=[reason("unmatched_column",
                                                           column=header.strip())]))
    returns, codes = [], _answer_codes()
    mtime = dt.datetime.fromtimestamp(path.stat().st_mtime)
    for order, (cells, line) in enumerate(zip(table.rows, table.lines, strict=True)):
        found = SurveyReturn(file=f"{path.name}:{line}", respondent=None, checked=False)
        answers: dict[str, list] = {}
        for i, (kind, member) in roles.items():
            value = cells[i].strip() if i < len(cells) else ""
            if kind == "respondent":
                found.respondent = value or None
            elif kind == "check":
                found.check, found.checked = value or None, bool(value)
            elif kind == "time":
                found.saved = _parse_time(value)
            elif kind == "outside":
                for name in re.split(r"[;\n]", value):
                    if name.strip():
                        found.outside.append((name.strip(), None, "occasional", None))
            elif kind == "answer":
                answers.setdefault(member, ["", None])[0] = _answer(value, line, found.notes,
                                                                    codes)
            elif kind == "about":
                answers.setdefault(member, ["", None])[1] = value or None
        found.answers = [(m, a, about, line) for m, (a, about) in answers.items()]
        if found.saved is None:  # no timestamp: the file's time, later rows later
            found.saved = mtime + dt.timedelta(microseconds=order)
        if found.respondent is None:
            found.problems.append(reason("no_respondent"))
        returns.append(found)
    return returns, column_notes


def read_returns(folder: str | Path, roster: pd.DataFrame, *,
                 mapping: dict[str, str] | None = None) -> list[SurveyReturn]:
    """Every return in ``folder``: questionnaires (.xlsx) and form exports (.csv), in name
    order (the mailing list written by the make step is skipped)."""
    folder = Path(folder)
    if not folder.is_dir():
        raise OptionError(_("{folder}: not a folder; put the returned questionnaires (and any "
                            "form export .csv) in one folder", folder=str(folder)))
    returns: list[SurveyReturn] = []
    for path in sorted(folder.iterdir()):
        suffix = path.suffix.lower()
        if path.name.startswith((".", "~$")) or path.name in _MAILING_LISTS:
            continue
        if suffix == ".xlsx":
            returns.append(read_questionnaire(path))
        elif suffix == ".csv":
            try:
                rows, columns = read_form_csv(path, roster, mapping=mapping)
            except (ValueError, OSError) as err:
                returns.append(SurveyReturn(file=path.name, respondent=None,
                                            problems=[reason("unreadable", error=str(err))]))
                continue
            returns.extend(columns + rows)
        elif path.is_file():  # an .ods, .xls or anything else: said, never silently skipped
            returns.append(SurveyReturn(file=path.name, respondent=None, problems=[
                reason("not_read", suffix=suffix or path.name)]))
    return returns


# ---------------------------------------------------------------------------- collecting


FILE_COLUMNS = ["file", "respondent", "status", "reason"]
TIE_COLUMNS = ["source", "target", "type", "since", "strength", "weight", "confirmed",
               "reported_by", "kind", "about"]
ANSWER_COLUMNS = ["respondent", "member", "answer", "about", "file"]
POLE_COLUMNS = ["pole", "name", "members", "respondents", "response_rate", "non_respondents"]
ONE_SIDED_COLUMNS = ["reported_by", "other", "why", "poles"]
OUTSIDE_COLUMNS = ["respondent", "partner", "sector", "answer", "about", "node"]


@dataclass
class SurveyCollection:
    """What the returns say: every answer, the ties, each pole's response, one-sided ties,
    partners outside the list, and every file set aside or replaced (with its Reason)."""

    survey: str
    year: int
    poles: list[str]
    roster: pd.DataFrame
    respondents: list[str]
    answers: pd.DataFrame
    ties: pd.DataFrame
    pole_response: pd.DataFrame
    one_sided: pd.DataFrame
    outside: pd.DataFrame
    files: pd.DataFrame
    names: dict = field(default_factory=dict)  # node id -> name, for the report
    closed: int = 0  # filled by merge_survey: earlier ties no respondent names any more
    carried: int = 0  # earlier ties kept, neither side having answered


def _resolve(respondent: str | None, roster: pd.DataFrame) -> str | None:
    from .subsidies import name_key

    if respondent is None:
        return None
    if respondent in set(roster["member"]):
        return respondent
    matches = roster.loc[roster["name"].map(name_key) == name_key(respondent), "member"]
    return matches.iloc[0] if len(matches) == 1 else None


def collect_answers(dataset: Dataset, returns: list[SurveyReturn], *, year: int | None = None,
                    poles: list[str] | None = None) -> SurveyCollection:
    """Turn returns into ties and figures (pure: reads no file).

    The survey's year and poles come from the questionnaires (``year``/``poles`` when no
    questionnaire carries them, e.g. only a form export). A return is set aside when it
    belongs to another survey, its check code is wrong, or its respondent is not a listed
    member; of two returns from one respondent the later (saved time) is kept. A tie is every
    pair one side named (answer other than "no tie"): ``strength`` the strongest named,
    ``confirmed`` when both named each other, ``reported_by`` who named it."""
    from .subsidies import name_key

    metas = [r for r in returns if r.year is not None]
    if year is None:
        years = pd.Series([r.year for r in metas], dtype=object)
        if years.empty:
            raise OptionError(_("no questionnaire says which survey this is: give --as-of "
                                "YEAR (and --pole ID) for a form export"))
        year = int(years.mode().iloc[0])
    survey = next((r.survey for r in metas if r.year == year and r.survey), dataset.name)
    if poles is None:
        scoped = next((list(r.poles) for r in metas if r.year == year and r.poles), None)
        poles = scoped
    chosen, roster = survey_roster(dataset, poles, year)
    files: list[tuple] = []
    kept: dict[str, SurveyReturn] = {}
    for found in returns:
        for note in found.notes:
            files.append((found.file, found.respondent, "warning", note))
        if found.note_only:
            continue
        if found.problems:
            files.extend((found.file, found.respondent, "rejected", p) for p in found.problems)
            continue
        if found.year is not None and (found.year != year or found.survey != survey):
            files.append((found.file, found.respondent, "rejected",
                          reason("other_survey", year=found.year, dataset=found.survey,
                                 expected=f"{survey} {year}")))
            continue
        member = _resolve(found.respondent, roster)
        if member is None:
            files.append((found.file, found.respondent, "rejected",
                          reason("unknown_respondent", respondent=found.respondent)))
            continue
        if found.checked and found.check != check_code(survey, year, member):
            files.append((found.file, found.respondent, "rejected",
                          reason("wrong_check_code", respondent=found.respondent)))
            continue
        found.respondent = member
        earlier = kept.get(member)
        if earlier is not None:
            later, older = sorted((earlier, found), key=lambda r: (r.saved or dt.datetime.min,
                                                                   r.file), reverse=True)
            files.append((older.file, member, "replaced",
                          reason("replaced", respondent=member, kept=later.file)))
            kept[member] = later
        else:
            kept[member] = found
    members = set(roster["member"])
    G = _graph(dataset)
    answers, outside_rows = [], []
    respondents = []
    for member, found in sorted(kept.items()):
        if not found.answered:
            files.append((found.file, member, "rejected", reason("empty")))
            continue
        respondents.append(member)
        for other, code, about, _file in found.answers:
            if other in members and other != member:
                answers.append((member, other, code, about, found.file))
            elif other != member and code in TIE_STRENGTHS:  # a form listing more members
                outside_rows.append((member, node_name(G, other), None, code, about, other))
        for name, sector, code, about in found.outside:
            outside_rows.append((member, name, sector, code, about, None))
    answers_frame = pd.DataFrame(answers, columns=ANSWER_COLUMNS)
    # partners outside the list that are actors of the dataset become ties too
    actors = dataset.nodes[dataset.nodes["type"].isin(["organisation", "collectivity"])]
    by_name: dict[str, list] = {}
    for node, name in zip(actors["id"], actors["name"], strict=True):
        by_name.setdefault(name_key(name), []).append(node)
    outside = []
    for member, name, sector, code, about, node in outside_rows:
        nodes = by_name.get(name_key(name), [])
        if node is None and len(nodes) == 1 and nodes[0] != member:
            node = nodes[0]
        outside.append((member, name, sector, code, about, node))
    outside_frame = pd.DataFrame(outside, columns=OUTSIDE_COLUMNS)
    named: dict[tuple, dict[str, tuple]] = {}
    for member, other, code, about, _file in answers + [(m, n, c, a, None) for m, _x, _y, c, a, n
                                                     in outside if n]:
        if code in TIE_STRENGTHS:
            pair = tuple(sorted((member, other)))
            named.setdefault(pair, {})[member] = (code, about)
    ties, one_sided = [], []
    respondent_set = set(respondents)
    for (a, b), by in sorted(named.items()):
        strength = max((code for code, _ in by.values()), key=TIE_STRENGTHS.index)
        about = " / ".join(t for _, t in (by[k] for k in sorted(by)) if t) or None
        ties.append((a, b, "cooperates_with", str(year), strength, STRENGTH_WEIGHTS[strength],
                     len(by) == 2, join_ids(sorted(by)), "survey", about))
        if len(by) == 1:
            (who,) = by
            other = b if who == a else a
            why = ("outside" if other not in members else
                   "not_named" if other in respondent_set else "no_answer")
            poles_of = set(split_ids(roster.set_index("member").at[who, "poles"]))
            one_sided.append((who, other, why, join_ids(sorted(poles_of))))
    pole_rows = []
    for pole in chosen:
        in_pole = [m for m, p in zip(roster["member"], roster["poles"], strict=True)
                   if pole in split_ids(p)]
        answered = [m for m in in_pole if m in respondent_set]
        pole_rows.append((pole, node_name(G, pole), len(in_pole), len(answered),
                          len(answered) / len(in_pole) if in_pole else None,
                          join_ids(m for m in in_pole if m not in respondent_set)))
    files_frame = pd.DataFrame(files, columns=FILE_COLUMNS)
    return SurveyCollection(
        survey=survey, year=year, poles=chosen, roster=roster, respondents=respondents,
        answers=answers_frame, ties=pd.DataFrame(ties, columns=TIE_COLUMNS),
        pole_response=pd.DataFrame(pole_rows, columns=POLE_COLUMNS),
        one_sided=pd.DataFrame(one_sided, columns=ONE_SIDED_COLUMNS),
        outside=outside_frame, files=files_frame,
        names={n: node_name(G, n) for n in G.nodes})


def _years_with(cell, year: int):
    years = set(split_ids(cell if isinstance(cell, str) else None))
    years.add(str(year))
    return join_ids(sorted(years))


def merge_survey(nodes: pd.DataFrame, edges: pd.DataFrame,
                 collection: SurveyCollection) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The dataset's tables with the survey's ties and who was asked and answered.

    Collecting the same wave again replaces its ties. A surveyed tie of an earlier wave that
    is named again, or that a respondent of this wave no longer names, ends the year before
    (``until``); one whose two sides both did not answer this wave is kept open and counted in
    ``collection.carried``."""
    year = collection.year
    nodes = nodes.copy()
    for column in ("surveyed", "responded"):
        if column not in nodes.columns:
            nodes[column] = pd.Series([None] * len(nodes), dtype=object)
    asked, answered = set(collection.roster["member"]), set(collection.respondents)
    nodes["surveyed"] = [_years_with(c, year) if n in asked else c
                         for n, c in zip(nodes["id"], nodes["surveyed"], strict=True)]
    nodes["responded"] = [_years_with(c, year) if n in answered else c
                          for n, c in zip(nodes["id"], nodes["responded"], strict=True)]
    edges = edges.copy()
    for column in TIE_COLUMNS + ["until"]:
        if column not in edges.columns:
            edges[column] = pd.Series([None] * len(edges), dtype=object)
    surveyed = edges["reported_by"].notna() & (edges["type"] == "cooperates_with")
    since = edges["since"].map(lambda v: int(str(v)[:4]) if isinstance(v, str) else None)
    edges = edges[~(surveyed & (since == year))]  # this wave collected again: replaced
    surveyed = edges["reported_by"].notna() & (edges["type"] == "cooperates_with")
    since = since.loc[edges.index]
    until = edges["until"].map(lambda v: str(v)[:4] if isinstance(v, str) else None)
    # undo what collecting this wave before did to the earlier ones
    reopen = surveyed & (since < year) & (until == str(year - 1))
    edges.loc[reopen, "until"] = None
    new_pairs = {tuple(sorted(p)) for p in zip(collection.ties["source"],
                                               collection.ties["target"], strict=True)}
    closed = carried = 0
    for index in edges.index[surveyed & (since < year) & edges["until"].isna()]:
        pair = tuple(sorted((edges.at[index, "source"], edges.at[index, "target"])))
        if pair in new_pairs:
            edges.at[index, "until"] = str(year - 1)
        elif answered & set(pair):
            edges.at[index, "until"] = str(year - 1)
            closed += 1
        else:
            carried += 1
    collection.closed, collection.carried = closed, carried
    new = collection.ties.astype(object)
    edges = pd.concat([edges.astype(object), new], ignore_index=True)
    return nodes, edges


def survey_meta(meta: dict[str, str], year: int) -> dict[str, str]:
    """The dataset's metadata after a survey of ``year``: it now describes the network as of
    that year, unless it already declared a later one (see ``time_model``)."""
    from .time_model import year_of

    declared = year_of(meta.get("as_of")) if meta.get("as_of") else None
    if declared is not None and declared >= year:
        return dict(meta)
    return {**meta, "as_of": str(year),
            "as_of_source": f"roster survey {year} (ptce-graph survey collect)"}


def write_collected(nodes: pd.DataFrame, edges: pd.DataFrame, meta: dict[str, str],
                    folder: str | Path) -> Path | None:
    """Write the dataset with the survey into ``folder`` (validated before the old files are
    replaced, kept in a backup folder: see ``subsidies.write_merged``) and its ``meta.csv``.
    Returns the backup folder, if any."""
    from .subsidies import write_merged
    from .time_model import META_FILE

    folder = Path(folder)
    backup = write_merged(nodes, edges, folder)
    if backup is not None and (folder / META_FILE).exists():
        (backup / META_FILE).write_bytes((folder / META_FILE).read_bytes())
    pd.DataFrame(list(meta.items()), columns=["key", "value"]).to_csv(folder / META_FILE,
                                                                      index=False)
    return backup


# ---------------------------------------------------------------------------- the report


def _rate(words, share) -> str:
    return "-" if share is None or share != share else words.percent(share)


def report_lines(collection: SurveyCollection, lang: str = "fr") -> list[str]:
    """The collect report, line by line, in ``lang``: the whole survey, then each pole
    (response rate, who did not answer, one-sided ties, partners outside the list), then the
    files set aside, replaced or to check."""
    words = labels(lang)
    roster = collection.roster.set_index("member")

    def name(member) -> str:
        if member in collection.names:
            return f"{collection.names[member]} ({member})"
        return str(member)

    total, answered = len(roster), len(collection.respondents)
    ties = collection.ties
    confirmed = int(ties["confirmed"].sum()) if len(ties) else 0
    lines = [
        words.format("survey.report.title", year=collection.year, dataset=collection.survey,
                     respondents=answered, members=total,
                     rate=_rate(words, answered / total if total else None)),
        words.format("survey.report.ties", ties=len(ties), confirmed=confirmed,
                     one_sided=len(ties) - confirmed),
    ]
    if collection.closed:
        lines.append(words.format("survey.report.closed", n=collection.closed,
                                  year=collection.year - 1))
    if collection.carried:
        lines.append(words.format("survey.report.carried", n=collection.carried))
    answer_words = dict(zip(ANSWERS, _answer_labels(words), strict=True))
    for row in collection.pole_response.to_dict("records"):
        pole = row["pole"]
        lines.append(words.format("survey.report.pole", pole=row["name"], id=pole,
                                  respondents=row["respondents"], members=row["members"],
                                  rate=_rate(words, row["response_rate"])))
        missing = split_ids(row["non_respondents"])
        lines.append(words.format("survey.report.non_respondents", n=len(missing),
                                  names=", ".join(name(m) for m in missing)
                                  or words["survey.report.none"]))
        sided = collection.one_sided[collection.one_sided["poles"].map(
            lambda p, pole=pole: pole in split_ids(p))]
        lines.append(words.format("survey.report.one_sided", n=len(sided)))
        for side in sided.to_dict("records"):
            why = words[f"survey.why.{side['why']}"]
            lines.append(words.format("survey.report.one_sided_line", a=name(side["reported_by"]),
                                      b=name(side["other"]), why=why))
        in_pole = collection.outside[collection.outside["respondent"].map(
            lambda m, pole=pole: pole in split_ids(roster.at[m, "poles"]))]
        lines.append(words.format("survey.report.outside", n=len(in_pole)))
        for out in in_pole.to_dict("records"):
            text = words.format("survey.report.outside_line", respondent=name(out["respondent"]),
                                partner=out["partner"], answer=answer_words[out["answer"]])
            if isinstance(out["node"], str):
                text += words.format("survey.report.outside_known", node=out["node"])
            lines.append(text)
    files = collection.files
    lines.append(words.format("survey.report.files", n=len(files)))
    for row in files.to_dict("records"):
        params = dict(row["reason"].params)
        lines.append(words.format("survey.report.file_line", file=row["file"],
                                  status=words[f"survey.status.{row['status']}"],
                                  reason=words.format(f"survey.reason.{row['reason'].code}",
                                                      **params)))
    return lines


def files_table(collection: SurveyCollection) -> pd.DataFrame:
    """The files set aside, replaced or to check, with their reasons as stable text."""
    frame = collection.files.copy()
    frame["reason"] = frame["reason"].map(str)
    return frame


def write_collection(collection: SurveyCollection, folder: str | Path,
                     lang: str = "fr") -> list[Path]:
    """Write the survey's tables (answers, poles, one-sided ties, outside partners, files)
    and the report (``report.txt``) into ``folder``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in (("answers", collection.answers), ("poles", collection.pole_response),
                        ("one_sided", collection.one_sided), ("outside", collection.outside),
                        ("files", files_table(collection))):
        frame.to_csv(folder / f"{name}.csv", index=False)
        written.append(folder / f"{name}.csv")
    (folder / "report.txt").write_text("\n".join(report_lines(collection, lang)) + "\n",
                                       encoding="utf-8")
    written.append(folder / "report.txt")
    return written

