"""The workbook to fill in: what it holds, that the reader reads back every header and value it
writes, round trips from a dataset, and a LibreOffice re-save."""

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ptce_graph.build import build_graph
from ptce_graph.cli import cli
from ptce_graph.i18n import labels
from ptce_graph.ingest import (
    BUNDLED_DATASETS,
    bundled_dataset,
    parse_bool,
    read_dataset,
    read_meta,
    write_dataset,
)
from ptce_graph.schema import (
    EDGE_COLUMNS,
    MEMBER_ROLES,
    NODE_COLUMNS,
    NODE_TYPES,
    PROJECT_ROLES,
    canonical_column,
    canonical_value,
    column_values,
)
from ptce_graph.template import EXAMPLE_EDGES, EXAMPLE_NODES, header_text, write_template

from ..foundation.strategies import datasets

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
FIXED = {"type", "category", "role", "purpose", "status", "ess", "strength", "confirmed"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def validations(sheet) -> dict[str, list[str]]:
    """header -> the values of the drop-down on its column (read from the list sheet)."""
    book = sheet.parent
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for dv in sheet.data_validations.dataValidation:
        assert dv.type == "list"
        ref = dv.formula1.lstrip("=")
        list_sheet, cells = ref.rsplit("!", 1)
        source = book[list_sheet.strip("'")]
        values = [c[0].value for c in source[cells.replace("$", "")]]
        for rng in dv.sqref.ranges:
            letter = rng.coord.split(":")[0].rstrip("0123456789")
            found[headers[letter]] = values
    return found


def assert_same_tables(a, b):
    for table in ("nodes", "edges"):
        x, y = getattr(a, table), getattr(b, table)
        assert list(x.columns) == list(y.columns), table
        pd.testing.assert_frame_equal(x, y, check_dtype=True)


# ---------------------------------------------------------------- the reader reads what it writes


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_every_header_and_value_written_is_read_back(lang):
    words = labels(lang)
    for column in NODE_COLUMNS + EDGE_COLUMNS:
        assert canonical_column(header_text(column.name, words)) == column.name, column.name
        for value in column_values(column):
            shown = words[f"cell.{column.name}.{value}"]
            assert canonical_value(column.name, shown) == value, (column.name, shown)
        if column.kind == "bool":
            for value in (True, False):
                shown = words[f"cell.bool.{str(value).lower()}"]
                assert parse_bool(shown) is value


def test_french_values_are_french():
    words = labels("fr")
    assert [words[f"cell.role.{r}"] for r in MEMBER_ROLES + PROJECT_ROLES] == [
        "fondateur", "membre", "partenaire", "porteur", "partenaire"]
    assert words["cell.type.cooperates_with"] == "coopère avec"
    assert words["cell.strength.joint"] == "projet commun ou activité partagée"


# ---------------------------------------------------------------- what the workbook holds


@pytest.mark.parametrize("lang, names", [("fr", ["noeuds", "liens", "aide", "meta", "listes"]),
                                         ("en", ["nodes", "edges", "help", "meta", "lists"])])
def test_empty_template_sheets_headers_dropdowns_notes(tmp_path, lang, names):
    path = write_template(tmp_path / "mon-pole.xlsx", lang=lang)
    book = load_workbook(path)
    assert book.sheetnames == names
    assert book[names[4]].sheet_state == "hidden"
    assert [r for r in book["meta"].iter_rows(values_only=True)] == [("key", "value"),
                                                                     ("as_of", None)]
    words = labels(lang)
    for sheet_name, spec, table in ((names[0], NODE_COLUMNS, "nodes"),
                                    (names[1], EDGE_COLUMNS, "edges")):
        sheet = book[sheet_name]
        assert sheet.freeze_panes == "A2"
        headers = [c.value for c in sheet[1]]
        # every hand-filled column; the survey's own only once a survey filled them
        assert headers == [header_text(c.name, words) for c in spec if not c.written_by]
        for cell, column in zip(sheet[1], [c for c in spec if not c.written_by], strict=True):
            note = cell.comment.text
            assert words[f"note.{table}.{column.name}"] in note
            assert (words["note.example"].split(":")[0]) in note
            width = sheet.column_dimensions[cell.column_letter].width
            assert 8 <= width <= 45
        dropdowns = validations(sheet)
        fixed = [c for c in spec if c.name in FIXED and not c.written_by]
        assert set(dropdowns) == {header_text(c.name, words) for c in fixed}
        for column in fixed:
            expected = ([words["cell.bool.true"], words["cell.bool.false"]]
                        if column.kind == "bool" else
                        [words[f"cell.{column.name}.{v}"] for v in column_values(column)])
            assert dropdowns[header_text(column.name, words)] == expected
    assert read_dataset(path).problems == []


def test_french_notes_say_what_and_show_an_example(tmp_path):
    book = load_workbook(write_template(tmp_path / "t.xlsx", lang="fr"))
    notes = {c.value: c.comment.text for c in book["liens"][1]}
    assert notes["type"].splitlines()[1].startswith("Obligatoire.")
    assert "Valeurs : membre de, anime, participe à" in notes["type"]
    assert notes["type"].endswith("Exemple : membre de")
    assert notes["montant (€)"].endswith("Exemple : 150 000,00")
    nodes = {c.value: c.comment.text for c in book["noeuds"][1]}
    assert nodes["ESS"].endswith("Valeurs : oui, non\nExemple : oui")


def test_help_sheet_explains_every_type_with_the_example(tmp_path):
    book = load_workbook(write_template(tmp_path / "t.xlsx", lang="fr"))
    texts = [c for row in book["aide"].iter_rows(values_only=True) for c in row if c]
    words = labels("fr")
    for node_type in NODE_TYPES:
        assert words[f"help.node.{node_type}"] in texts
    assert "structure ou collectivité -> pôle" in texts  # member_of's pairs, in French
    assert "Ressourcerie du Val -> Menuiserie Martin" in texts


def test_help_example_is_a_valid_dataset(tmp_path):
    write_dataset(pd.DataFrame(list(EXAMPLE_NODES)), pd.DataFrame(list(EXAMPLE_EDGES)),
                  tmp_path)
    data = read_dataset(tmp_path)
    assert data.errors == [] and data.warnings == []
    assert set(data.edges["type"]) == {e["type"] for e in EXAMPLE_EDGES}


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("name", BUNDLED_DATASETS)
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_bundled_dataset_round_trip_loses_nothing(tmp_path, name, lang):
    original = read_dataset(bundled_dataset(name))
    path = write_template(tmp_path / f"{name}.xlsx", lang=lang, source=bundled_dataset(name))
    again = read_dataset(path)
    def found(data):
        return [(p.line, p.column, p.message, p.severity) for p in data.problems]

    assert found(again) == found(original)
    assert read_meta(path) == read_meta(bundled_dataset(name))  # as_of and its source
    assert_same_tables(original, again)


def test_round_trip_then_analyze_gives_the_same_graph(tmp_path):
    """dataset -> workbook -> validate -> analyze: the graph the analysis reads is the same."""
    source = bundled_dataset("pays-de-bray")
    result = run("template", "-o", tmp_path / "bray.xlsx", "--from", source)
    assert result.exit_code == 0 and "Wrote" in result.output
    assert run("validate", tmp_path / "bray.xlsx").exit_code == 0
    a, b = read_dataset(source), read_dataset(tmp_path / "bray.xlsx")
    G, H = build_graph(a.nodes, a.edges), build_graph(b.nodes, b.edges)
    assert nx.utils.graphs_equal(G, H)
    assert run("analyze", tmp_path / "bray.xlsx", "-o", tmp_path / "out").exit_code == 0
    metrics = pd.read_csv(tmp_path / "out" / "metrics" / "nodes.csv")
    assert len(metrics) == len(a.nodes)


values = st.text(alphabet=st.characters(codec="utf-8",
                                        exclude_categories=("Cs", "Cc", "Zl", "Zp", "Cn")),
                 min_size=1, max_size=10).map(str.strip).filter(bool)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(data=datasets(), extra=st.lists(values | st.just("=1+1") | st.just("0042"), min_size=1,
                                       max_size=12), lang=st.sampled_from(["fr", "en"]))
def test_any_valid_dataset_round_trips(tmp_path_factory, data, extra, lang):
    """Property: any valid dataset, with text in an extra column (formulas and leading zeros
    included), comes back from the workbook exactly as it went in."""
    folder = tmp_path_factory.mktemp("ds")
    nodes, edges = data
    for i, node in enumerate(nodes):
        node["note"] = extra[i % len(extra)]
    write_dataset(pd.DataFrame(nodes), pd.DataFrame(edges, columns=["source", "target", "type",
                                                                    "amount", "start", "end"]),
                  folder)
    original = read_dataset(folder)
    assert original.errors == []
    again = read_dataset(write_template(folder / "t.xlsx", lang=lang, source=folder))
    assert again.errors == []
    assert_same_tables(original, again)


# ---------------------------------------------------------------- errors


def test_template_errors_are_one_clear_line(tmp_path):
    result = run("template", "-o", tmp_path / "pole.csv")
    assert result.exit_code == 1
    assert result.output.strip() == (f"Error: {tmp_path / 'pole.csv'}: the template is an Excel "
                                     "workbook; name it with .xlsx (e.g. pole.xlsx)")
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "nodes.csv").write_text("id,type,name\na,pole,A\n", encoding="utf-8")
    (tmp_path / "bad" / "edges.csv").write_text("source,target,type\na,b,member_of\n",
                                                encoding="utf-8")
    result = run("template", "-o", tmp_path / "t.xlsx", "--from", tmp_path / "bad")
    assert result.exit_code == 1
    assert "edges.csv:2: target: unknown node id 'b'" in result.output


# ---------------------------------------------------------------- LibreOffice


def test_filled_template_survives_libreoffice(tmp_path, resave):
    """Build a template, fill it as a person would (French values from the drop-downs,
    numbers, dates, a SIREN with its leading zero), save it again with LibreOffice, and read
    it back: no error, no value lost, the drop-downs still there."""
    path = write_template(tmp_path / "mon-pole.xlsx", lang="fr")
    book = load_workbook(path)
    nodes, edges = book["noeuds"], book["liens"]
    head = {c.value: c.column for c in nodes[1]}
    rows = [
        {"identifiant": "pole-val", "type": "pôle", "nom": "Pôle Val", "statut": "en veille"},
        {"identifiant": "org-a", "type": "structure", "nom": "Atelier A",
         "catégorie": "coopérative", "ESS": "oui", "SIREN": "012345674", "salariés": 12,
         "budget": 250000.5, "création": 2012},
        {"identifiant": "org-b", "type": "structure", "nom": "=Bois & Cie",
         "catégorie": "entreprise", "ESS": "non"},
        {"identifiant": "col-cc", "type": "collectivité", "nom": "CC du Val",
         "catégorie": "intercommunalité"},
    ]
    for r, row in enumerate(rows, start=2):
        for header, value in row.items():
            cell = nodes.cell(row=r, column=head[header], value=value)
            cell.data_type = "s" if isinstance(value, str) else cell.data_type
    head = {c.value: c.column for c in edges[1]}
    links = [
        {"origine": "org-a", "cible": "pole-val", "type": "membre de", "rôle": "fondateur",
         "depuis": "2014-03-01"},
        {"origine": "org-b", "cible": "pole-val", "type": "membre de", "rôle": "membre",
         "depuis": 2016, "jusqu'à": 2019},
        {"origine": "org-a", "cible": "pole-val", "type": "anime"},
        {"origine": "col-cc", "cible": "pole-val", "type": "finance", "montant (€)": 45000,
         "début": 2015, "fin": 2017, "objet": "fonctionnement", "dispositif": "LEADER"},
        {"origine": "org-b", "cible": "org-a", "type": "coopère avec", "nature": "bois",
         "poids": 2},
    ]
    for r, row in enumerate(links, start=2):
        for header, value in row.items():
            edges.cell(row=r, column=head[header], value=value)
    book.save(path)
    before = read_dataset(path)
    assert before.errors == []
    converted = resave(path)
    after = read_dataset(converted)
    assert after.errors == [], [str(p) for p in after.errors]
    assert_same_tables(before, after)
    n = after.nodes.set_index("id")
    assert n.at["org-a", "siren"] == "012345674"
    assert n.at["org-a", "budget"] == 250000.5
    assert n.at["org-b", "name"] == "=Bois & Cie"
    assert n.at["pole-val", "status"] == "standby"
    assert n.at["col-cc", "category"] == "epci"
    e = after.edges
    assert list(e["type"]) == ["member_of", "member_of", "animates", "funds", "cooperates_with"]
    assert list(e["since"].iloc[:2]) == ["2014-03-01", "2016"]
    assert e["purpose"].iloc[3] == "operation" and e["amount"].iloc[3] == 45000
    assert e["weight"].iloc[4] == 2 and e["source"].iloc[4] == "org-a"  # oriented a < b
    # the drop-downs are still in the file LibreOffice wrote
    again = load_workbook(converted)
    dropdowns = validations(again["noeuds"])
    assert dropdowns["type"] == ["pôle", "structure", "collectivité", "financeur", "projet"]
    assert dropdowns["ESS"] == ["oui", "non"]
    assert validations(again["liens"])["rôle"] == ["fondateur", "membre", "partenaire",
                                                    "porteur"]
