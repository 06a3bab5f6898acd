"""Real French spreadsheets: `;` separators, decimal commas, space thousands, Windows-1252,
BOM, French headers and values, Excel workbooks, identifiers kept as text."""

import pytest
from openpyxl import Workbook

from ptce_graph.ingest import decode_bytes, parse_number, read_dataset, read_table

NODES_FR = (
    "identifiant;type;nom;secteur;siren;effectif;budget;création;statut\n"
    "pole-bray;PTCE;Pôle du Pays de Bray – Œuvre commune;;;;;2012;actif\n"
    "00123;structure;L’Atelier « Cœur »;réemploi;732829320;12;1 250 000,50 €;2005;\n"
    "col-76;collectivité;Département de Seine-Maritime;;;;;;\n"
)
EDGES_FR = (
    "source;cible;relation;rôle;montant;début;fin\n"
    "00123;pole-bray;membre de;fondateur;;2012;\n"
    "col-76;pole-bray;finance;;12 350 000,00 €;01/01/2014;31/12/2016\n"
)


@pytest.mark.parametrize("encoding,bom", [("utf-8", False), ("utf-8", True), ("cp1252", False)])
def test_french_csv_in_every_encoding(tmp_path, encoding, bom):
    for name, text in (("nodes.csv", NODES_FR), ("edges.csv", EDGES_FR)):
        raw = text.encode(encoding)
        (tmp_path / name).write_bytes((b"\xef\xbb\xbf" if bom else b"") + raw)
    data = read_dataset(tmp_path)
    assert data.errors == [], data.errors
    nodes = data.nodes.set_index("id")
    assert nodes.loc["00123", "name"] == "L’Atelier « Cœur »"  # id kept as text, ’ and œ intact
    assert nodes.loc["pole-bray", "name"] == "Pôle du Pays de Bray – Œuvre commune"
    assert nodes.loc["00123", "budget"] == 1250000.5
    assert nodes.loc["00123", "siren"] == "732829320"
    assert nodes.loc["pole-bray", "type"] == "pole" and nodes.loc["pole-bray", "status"] == "active"
    assert nodes.loc["col-76", "type"] == "collectivity"
    funds = data.edges[data.edges["type"] == "funds"].iloc[0]
    assert funds["amount"] == 12350000.0
    assert (funds["start"], funds["end"]) == ("2014-01-01", "2016-12-31")
    member = data.edges[data.edges["type"] == "member_of"].iloc[0]
    assert member["role"] == "founder"


def test_windows_1252_is_not_read_as_latin_1():
    text, encoding = decode_bytes("l’œuvre – 5 €".encode("cp1252"))
    assert encoding == "cp1252" and text == "l’œuvre – 5 €"


def test_separator_detected_with_commas_inside_quotes(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('a;b\n"1,5";"x, y"\n', encoding="utf-8")
    table = read_table(path)
    assert table.separator == ";" and table.rows == [["1,5", "x, y"]]


@pytest.mark.parametrize("text,value", [
    ("100 000,50", 100000.5), ("12 350 000 €", 12350000.0), ("1\u202f234,5", 1234.5),
    ("1.234.567,89", 1234567.89), ("1,234,567.89", 1234567.89), ("42", 42.0),
    ("3,14", 3.14), ("1 000 EUR", 1000.0), ("", None),
])
def test_numbers_as_french_users_write_them(text, value):
    assert parse_number(text) == pytest.approx(value) if value is not None else \
        parse_number(text) is None


def test_excel_workbook(tmp_path):
    book = Workbook()
    nodes = book.active
    nodes.title = "Noeuds"
    nodes.append(["id", "type", "nom", "siren", "budget", "création"])
    nodes.append(["p", "pole", "Pôle", None, None, 2012])
    nodes.append([123, "organisation", "Asso 123", "732829320", 150000.5, 2001])
    edges = book.create_sheet("liens")
    edges.append(["source", "target", "type", "montant", "debut"])
    edges.append([123, "p", "member_of", None, None])
    edges.append([None, None, None, None, None])
    edges.append([123, "p", "cooperates_with", None, 2014])
    path = tmp_path / "pole.xlsx"
    book.save(path)
    data = read_dataset(path)
    errors = [str(p) for p in data.errors]
    # the third edge is wrong on purpose: the line number is the Excel row number (blank row 3)
    assert errors == ["pole.xlsx[liens]:4: type: cooperates_with cannot go from an organisation "
                      "to a pole: allowed organisation or collectivity <-> organisation or "
                      "collectivity"]
    assert list(data.nodes["id"]) == ["p", "123"]
    assert data.nodes.set_index("id").loc["123", "budget"] == 150000.5


def test_workbook_missing_sheet(tmp_path):
    book = Workbook()
    book.active.title = "nodes"
    book.active.append(["id", "type", "name"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    assert [p.message for p in read_dataset(path).errors] == [
        "missing sheet 'edges' (sheets: nodes)"]


def test_damaged_workbook(tmp_path):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"this is not a zip")
    (problem,) = read_dataset(path).errors
    assert problem.file == "broken.xlsx" and "cannot open as an Excel .xlsx workbook" in \
        problem.message
