"""Errors that guide: the examples of issue 13, each with its expected English and French.

A hand-made workbook with French sheet names and headers and deliberate mistakes, as a new
user writes one; then the other ways a first dataset goes wrong (a title row above the header,
Excel's default sheet names, a path to one CSV file, fifty errors of one kind)."""

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from ptce_graph.cli import cli
from ptce_graph.ingest import read_dataset

TYPES_EN = ("pole / pôle, organisation / structure, collectivity / collectivité, "
            "funder / financeur, project / projet")


def workbook(path: Path, sheets: dict[str, list[list]]) -> Path:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def user_workbook(tmp_path: Path) -> Path:
    """noeuds: 'SIAE' as a type on line 8; liens: cible 'org-jardin' (for org-jardins), line 15."""
    nodes = [["identifiant", "type", "nom", "catégorie"],
             ["pole-a", "pôle", "Pôle A", None],
             ["org-jardins", "structure", "Les Jardins", "association"],
             ["org-ferme", "structure", "La Ferme", "SCIC"],
             ["org-bois", "structure", "Le Bois", None],
             ["org-fer", "structure", "Le Fer", None],
             ["col-a", "collectivité", "Commune A", "commune"],
             ["org-siae", "SIAE", "Atelier d'insertion", None]]
    edges = [["source", "cible", "relation"]]
    edges += [[n, "pole-a", "membre de"] for n in ("org-jardins", "org-ferme", "org-bois",
                                                   "org-fer", "col-a")]
    edges += [["org-bois", "org-fer", "coopère avec"], ["org-ferme", "org-bois", "coopère avec"],
              ["org-fer", "org-jardins", "coopère avec"], ["col-a", "org-fer", "coopère avec"],
              ["org-ferme", "org-fer", "coopère avec"], ["org-bois", "org-jardins",
                                                         "coopère avec"],
              ["col-a", "org-bois", "coopère avec"], ["org-siae", "pole-a", "membre de"]]
    edges += [["org-ferme", "org-jardin", "coopère avec"]]
    assert len(edges) == 15  # the header is line 1: the last edge stands on line 15
    return workbook(tmp_path / "monpole-erreurs.xlsx", {"noeuds": nodes, "liens": edges})


def rendered(path: Path, lang: str) -> list[str]:
    return [p.render(lang) for p in read_dataset(path).errors]


def test_unknown_id_names_the_users_header_and_the_id_they_meant(tmp_path):
    path = user_workbook(tmp_path)
    assert "monpole-erreurs.xlsx[liens]:15: cible: unknown node id 'org-jardin': did you mean " \
        "'org-jardins'?" in rendered(path, "en")
    assert "monpole-erreurs.xlsx[liens]:15: cible: identifiant de nœud inconnu 'org-jardin' : " \
        "vouliez-vous dire 'org-jardins' ?" in rendered(path, "fr")


def test_a_category_written_as_a_type_is_named_as_a_category(tmp_path):
    path = user_workbook(tmp_path)
    assert ("monpole-erreurs.xlsx[noeuds]:8: type: 'SIAE' is a category of organisation, not a "
            "type: write type organisation / structure and category 'SIAE' (expected one of "
            f"{TYPES_EN})") in rendered(path, "en")
    assert ("monpole-erreurs.xlsx[noeuds]:8: type: 'SIAE' est une catégorie d'organisation, pas "
            "un type : écrivez type organisation / structure et catégorie 'SIAE' (valeurs "
            f"attendues : {TYPES_EN})") in rendered(path, "fr")
    assert len(rendered(path, "en")) == 2  # nothing else: the two mistakes, nothing cascading


@pytest.mark.parametrize("value, en, fr", [
    ("organsation", "unknown type 'organsation': did you mean organisation / structure? "
     f"(expected one of {TYPES_EN})", "type inconnu 'organsation' : vouliez-vous dire "
     f"organisation / structure ? (valeurs attendues : {TYPES_EN})"),
    ("fondateur", f"'fondateur' is a role, not a type (expected one of {TYPES_EN})",
     f"'fondateur' est un rôle, pas un type (valeurs attendues : {TYPES_EN})"),
])
def test_near_values_and_values_of_another_column(tmp_path, value, en, fr):
    (tmp_path / "nodes.csv").write_text(f"id,type,name\np,pole,P\na,{value},A\n",
                                        encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,target,type\na,p,member_of\n", encoding="utf-8")
    assert rendered(tmp_path, "en") == [f"nodes.csv:3: type: {en}"]
    assert rendered(tmp_path, "fr") == [f"nodes.csv:3: type: {fr}"]


def test_a_title_row_above_the_header_is_one_message_not_fifty(tmp_path):
    nodes = [["Mon pôle : les acteurs"], ["id", "type", "nom"], ["p", "pole", "P"]]
    nodes += [[f"org-{i}", "organisation", f"Structure {i}"] for i in range(50)]
    edges = [["source", "target", "type"]] + [[f"org-{i}", "p", "member_of"] for i in range(50)]
    path = workbook(tmp_path / "pole.xlsx", {"noeuds": nodes, "liens": edges})
    assert rendered(path, "en") == [
        "pole.xlsx[noeuds]:2: the header is on line 2, not on line 1: delete the 1 line(s) "
        "above it (a title or notes) so that the column names come first"]
    assert rendered(path, "fr") == [
        "pole.xlsx[noeuds]:2: l'en-tête est à la ligne 2, pas à la ligne 1 : supprimez la ou les "
        "1 ligne(s) au-dessus (un titre ou des notes) pour que les noms de colonnes viennent en "
        "premier"]
    # and the rows below it are read: the dataset is otherwise complete
    assert len(read_dataset(path).nodes) == 51


def test_a_title_row_in_a_csv_file(tmp_path):
    (tmp_path / "nodes.csv").write_text("Liste des acteurs\nid,type,name\np,pole,P\na,organisation"
                                        ",A\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,target,type\na,p,member_of\n", encoding="utf-8")
    assert [p.line for p in read_dataset(tmp_path).errors] == [2]


def test_excel_default_sheet_names_get_a_hint(tmp_path):
    path = workbook(tmp_path / "x.xlsx", {"Feuil1": [["id", "type", "name"]],
                                          "Feuil2": [["source", "target", "type"]]})
    first = rendered(path, "en")[0]
    assert first == ("x.xlsx: missing sheet 'nodes' (sheets: Feuil1, Feuil2): the sheets still "
                     "have the spreadsheet's default names; rename the nodes sheet 'noeuds' (or "
                     "'nodes') and the edges sheet 'liens' (or 'edges')")
    assert rendered(path, "fr")[0] == (
        "x.xlsx: feuille 'nodes' absente (feuilles : Feuil1, Feuil2) : les feuilles portent "
        "encore les noms par défaut du tableur ; renommez la feuille des nœuds 'noeuds' (ou "
        "'nodes') et celle des liens 'liens' (ou 'edges')")


def test_sheet_names_in_either_language_and_near_misses(tmp_path):
    ok = workbook(tmp_path / "ok.xlsx", {"Nodes": [["id", "type", "name"], ["p", "pole", "P"]],
                                         "Liens": [["source", "target", "type"]]})
    assert read_dataset(ok).errors == []
    near = workbook(tmp_path / "near.xlsx", {"Noeud": [["id", "type", "name"]],
                                             "liens": [["source", "target", "type"]]})
    assert rendered(near, "en") == ["near.xlsx: missing sheet 'nodes' (sheets: Noeud, liens): "
                                    "is it 'noeud'? rename it 'noeuds' (or 'nodes')"]


def test_french_csv_file_names_are_accepted(tmp_path):
    (tmp_path / "noeuds.csv").write_text("id,type,name\np,pole,P\n", encoding="utf-8")
    (tmp_path / "liens.csv").write_text("source,target,type\n", encoding="utf-8")
    assert read_dataset(tmp_path).errors == []


def test_a_path_to_one_csv_file_says_to_give_the_folder(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,type,name\n", encoding="utf-8")
    en, fr = rendered(tmp_path / "nodes.csv", "en"), rendered(tmp_path / "nodes.csv", "fr")
    assert en == [f"nodes.csv: this is one CSV file; a dataset is the folder that holds "
                  f"nodes.csv and edges.csv: give the folder {tmp_path}"]
    assert fr == [f"nodes.csv: c'est un seul fichier CSV ; un jeu de données est le dossier qui "
                  f"contient nodes.csv et edges.csv : donnez le dossier {tmp_path}"]


def test_column_names_get_did_you_mean(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,type,name,montnt\np,pole,P,\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,cibel,type\np,p,member_of\n", encoding="utf-8")
    data = read_dataset(tmp_path)
    assert [p.render("en") for p in data.errors] == [
        "edges.csv:1: target: missing required column 'target': is it 'cibel'? rename it "
        "'cible' (found: source, cibel, type)"]
    assert "nodes.csv:1: montnt: warning: unknown column 'montnt', kept as it is: did you mean " \
        "'montant'?" in [p.render("en") for p in data.warnings]


def test_at_most_n_errors_of_one_kind_printed_and_all_in_the_report(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,type,name\np,pole,P\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,target,type\n" + "".join(
        f"ghost-{i},p,member_of\n" for i in range(50)), encoding="utf-8")
    report = tmp_path / "problems.csv"
    result = CliRunner().invoke(cli, ["validate", str(tmp_path), "--report", str(report)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert sum("unknown node id" in line for line in lines) == 5
    assert f"edges.csv: ... and 45 more of this kind in column source (all of them: --report " \
        f"{report})" in lines
    with report.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert sum(r["message"].startswith("unknown node id") for r in rows) == 50
    assert rows[0]["file"] == "edges.csv" and rows[0]["line"] == "2"
    french = CliRunner().invoke(cli, ["validate", str(tmp_path), "--lang", "fr",
                                      "--max-per-kind", "2"])
    assert sum("identifiant de nœud inconnu" in line for line in french.output.splitlines()) == 2
    assert "edges.csv : … et 48 autres de ce genre dans la colonne source" in french.output


def test_load_lists_at_most_five_of_a_kind(tmp_path):
    (tmp_path / "nodes.csv").write_text("id,type,name\np,pole,P\n", encoding="utf-8")
    (tmp_path / "edges.csv").write_text("source,target,type\n" + "".join(
        f"ghost-{i},p,member_of\n" for i in range(50)), encoding="utf-8")
    result = CliRunner().invoke(cli, ["summary", str(tmp_path), "--lang", "fr"])
    assert result.exit_code == 1
    assert result.output.startswith(f"Erreur : {tmp_path} : 50 erreurs ; corrigez-les")
    assert result.output.count("identifiant de nœud inconnu") == 5
