"""Filling questionnaires as respondents do, for the survey tests and the README example."""

import re
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from ptce_graph.survey import META_SHEET


def fill(source: Path, target: Path, answers: dict, outside=(), *, meta=None) -> Path:
    """A questionnaire answered as a person would: the drop-down's French labels in the
    answer column (``{member: label}`` or ``{member: (label, on what)}``), partners outside
    the list below (``(name, label)``); ``meta`` overwrites fields of the hidden sheet."""
    book = load_workbook(source)
    sheet = book["questionnaire"]
    rows = list(sheet.iter_rows())
    for row in rows:
        member = row[0].value
        if member in answers:
            answer = answers[member]
            row[4].value, row[5].value = answer if isinstance(answer, tuple) else (answer, None)
    start = next(i for i, row in enumerate(rows) if row[0].value == "nom du partenaire") + 1
    for offset, (name, answer) in enumerate(outside):
        sheet.cell(row=start + 1 + offset, column=1, value=name)
        sheet.cell(row=start + 1 + offset, column=5, value=answer)
    for key, value in (meta or {}).items():
        for row in book[META_SHEET].iter_rows():
            if row[0].value == key:
                row[1].value = value
    book.save(target)
    return target


def set_saved(path: Path, when: str) -> None:
    """Set the time the workbook says it was saved (docProps/core.xml), as Excel writes it."""
    with zipfile.ZipFile(path) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    core = parts["docProps/core.xml"].decode()
    core = re.sub(r"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)", rf"\g<1>{when}\g<2>",
                  core)
    parts["docProps/core.xml"] = core.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)


# The returns of the README's worked example (pays-de-bray, 2025): who answered what.
BRAY_2025 = {
    "org-mes-bray": ({"org-bray-formation": ("coopération régulière", "plateforme formation"),
                      "org-bray-reemploi": ("projet commun ou activité partagée",
                                            "ressourcerie"),
                      "org-cma": "échanges ponctuels"}, ()),
    "org-bray-formation": ({"org-mes-bray": "projet commun ou activité partagée",
                            "org-bray-asso-intermediaire": "coopération régulière"}, ()),
    "org-bray-reemploi": ({"org-mes-bray": "projet commun ou activité partagée",
                           "org-bray-ecoconstruction": ("coopération régulière",
                                                        "matériaux de réemploi")}, ()),
    "org-bray-ecoconstruction": ({"org-bray-reemploi": "coopération régulière",
                                  "org-bray-plomberie-lenoir": "échanges ponctuels"},
                                 [("Scierie du Bray", "échanges ponctuels")]),
    "org-bray-fromagerie": ("pas de lien", ()),  # "no tie" to everyone
    "org-bray-garage-hemery": ({}, ()),  # sent back empty
}


def fill_bray_returns(made: Path, back: Path, roster) -> None:
    back.mkdir(parents=True, exist_ok=True)
    for member, (answers, outside) in BRAY_2025.items():
        if answers == "pas de lien":
            answers = {m: "pas de lien" for m in roster if m != member}
        fill(made / f"questionnaire-{member}.xlsx", back / f"questionnaire-{member}.xlsx",
             answers, outside)
