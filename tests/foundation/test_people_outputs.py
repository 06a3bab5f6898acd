"""Files and tables people read: no None, nan, Python lists or `.0` years, and no cell a
spreadsheet would run as a formula (OWASP CSV injection). The CSV files are parsed with the
csv module, independently of pandas and openpyxl."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from ptce_graph.cli import cli
from ptce_graph.ingest import read_dataset, write_dataset
from ptce_graph.spreadsheet import FORMULA_STARTS, readable_cell, safe_cell, unsafe_cell

TINY = Path(__file__).resolve().parents[1] / "data" / "tiny"
HOSTILE_NAMES = ["=HYPERLINK(\"http://evil\",\"clic\")", "+33 Coop", "-Atelier", "@SUM(A1)",
                 "\tTabulée", "\rRetour"]


def rows_of(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def hostile_dataset(folder: Path) -> Path:
    """The tiny dataset with member names that a spreadsheet would run as formulas."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = (TINY / "nodes.csv").read_text(encoding="utf-8").splitlines()
    out = [nodes[0]]
    names = iter(HOSTILE_NAMES)
    for line in nodes[1:]:
        if ",pole," not in line:  # the six other nodes take the six names
            cells = next(csv.reader([line]))
            cells[2] = next(names)
            line = _csv_line(cells)
        out.append(line)
    (folder / "nodes.csv").write_text("\n".join(out) + "\n", encoding="utf-8")
    (folder / "edges.csv").write_text((TINY / "edges.csv").read_text(encoding="utf-8"),
                                      encoding="utf-8")
    return folder


def _csv_line(cells: list[str]) -> str:
    import io

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow(cells)  # quotes a cell holding \r
    return buffer.getvalue().removesuffix("\r\n")


def assert_no_formula(path: Path) -> list[str]:
    cells = [cell for row in rows_of(path) for cell in row]
    starting = [c for c in cells if c.startswith(FORMULA_STARTS) and not _number(c)]
    assert starting == [], f"{path.name}: {starting}"
    return cells


def _number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False


@given(st.text(max_size=20))
def test_neutralised_cells_read_back_as_they_were(text):
    safe = safe_cell(text)
    assert not safe.startswith(FORMULA_STARTS)
    assert safe in (text, "'" + text)  # the value stays readable: at most a leading quote
    ambiguous = text.startswith("'") and text[1:2] != "" and text[1:2] in "".join(
        FORMULA_STARTS)  # a user's own "'=..." reads back as "=..."
    if not ambiguous:
        assert unsafe_cell(safe) == text


def test_readable_cells():
    assert [readable_cell(v) for v in (None, float("nan"), 2014.0, ["a", "b"], 2.5)] == [
        "", "", 2014, "a;b", 2.5]


def test_analysis_tables_neutralise_formulas(tmp_path):
    dataset = hostile_dataset(tmp_path / "data")
    assert read_dataset(dataset).errors == []
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["analyze", str(dataset), "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = []
    for path in sorted((out / "metrics").glob("*.csv")):
        names += assert_no_formula(path)
    for name in HOSTILE_NAMES[:4]:
        assert "'" + name in names  # kept readable, behind one quote
    simulate = tmp_path / "sim"
    CliRunner().invoke(cli, ["simulate", str(dataset), "--remove-top-funder", "-o",
                             str(simulate)])
    assert_no_formula(simulate / "top_funders.csv")
    printed = CliRunner().invoke(cli, ["recommend", str(dataset), "--format", "csv"]).output
    assert not any(c.startswith(FORMULA_STARTS[:4]) for row in csv.reader(printed.splitlines())
                   for c in row if not _number(c))


def test_validate_report_is_for_people(tmp_path):
    dataset = hostile_dataset(tmp_path / "data")
    (dataset / "edges.csv").write_text("source,target,type\n=1+1,pole-a,member_of\n",
                                       encoding="utf-8")
    report = tmp_path / "report.csv"
    CliRunner().invoke(cli, ["validate", str(dataset), "--report", str(report), "--lang", "fr"])
    rows = rows_of(report)
    assert rows[0] == ["file", "line", "column", "severity", "message"]
    assert all(len(r) == 5 and "None" not in r and "nan" not in r for r in rows)
    assert any("identifiant de nœud inconnu" in r[4] for r in rows)
    assert_no_formula(report)


@pytest.mark.parametrize("name", HOSTILE_NAMES)
def test_a_dataset_written_and_read_keeps_its_values(tmp_path, name):
    data = read_dataset(TINY)
    nodes = data.nodes.copy()
    nodes.loc[nodes["type"] == "organisation", "name"] = name
    folder = write_dataset(nodes, data.edges, tmp_path / "copy")
    cells = assert_no_formula(folder / "nodes.csv")
    assert ("'" + name in cells) if name[0] in "=+-@" else any(c.endswith(name.strip())
                                                               for c in cells)
    again = read_dataset(folder)
    assert set(again.nodes.loc[again.nodes["type"] == "organisation", "name"]) == {
        name.strip()}
    founded = [r[11] for r in rows_of(folder / "nodes.csv")[1:] if r[11]]
    assert founded and all(year.isdigit() for year in founded)  # 2014, never 2014.0
