"""Subsidy imports run again, and names made only of articles and legal words (issue 15), on an
excerpt of the 2013 parliamentary reserve (tests/data/subsidies, Licence Ouverte)."""

from __future__ import annotations

import shutil
from pathlib import Path

from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.ingest import load_dataset
from ptce_graph.subsidies import import_subsidies

DATA = Path(__file__).resolve().parents[1] / "data"
RESERVE_2013 = DATA / "subsidies" / "reserve_parlementaire_2013_excerpt.csv"


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def _tiny(tmp_path) -> Path:
    folder = tmp_path / "tiny"
    shutil.copytree(DATA / "tiny", folder)
    return folder


def test_importing_the_same_file_twice_adds_nothing_and_writes_no_backup(tmp_path):
    tiny = _tiny(tmp_path)
    args = ("import", "subsidies", RESERVE_2013, "--into", tiny, "--add-beneficiaries")
    first = run(*args)
    assert first.exit_code == 0, first.output
    merged = {name: (tiny / name).read_bytes() for name in ("nodes.csv", "edges.csv")}
    backups = sorted(tiny.glob("backup-*"))
    again = run(*args)
    assert again.exit_code == 0, again.output
    assert {name: (tiny / name).read_bytes() for name in merged} == merged
    assert sorted(tiny.glob("backup-*")) == backups
    assert "0 new grants" in again.output and "no backup written" in again.output
    assert "6 new grants imported" in first.output
    edges = load_dataset(tiny).edges
    assert (edges["amount"] == 15000).sum() == 1  # L'Assoc's grant, once


def test_names_that_reduce_to_nothing_match_only_themselves(tmp_path):
    tiny = _tiny(tmp_path)
    nodes = (tiny / "nodes.csv").read_text(encoding="utf-8").rstrip("\n")
    (tiny / "nodes.csv").write_text(nodes + "\norg-assoc,organisation,Association"
                                    + "," * (nodes.splitlines()[0].count(",") - 2) + "\n",
                                    encoding="utf-8")
    edges = (tiny / "edges.csv").read_text(encoding="utf-8").rstrip("\n")
    header = edges.splitlines()[0].split(",")
    row = {"source": "org-assoc", "target": "pole-a", "type": "member_of"}
    (tiny / "edges.csv").write_text(edges + "\n" + ",".join(row.get(h, "") for h in header)
                                    + "\n", encoding="utf-8")
    grants = tmp_path / "grants.csv"
    grants.write_text("nomAttribuant;nomBeneficiaire;montant;dateConvention\n"
                      "Ville de Test;L'Assoc;1000;2020-01-01\n"
                      "Ville de Test;Les Associations;2000;2020-01-01\n"
                      "Ville de Test;Association;3000;2020-01-01\n", encoding="utf-8")
    result = import_subsidies(grants, tiny, add_beneficiaries=True)
    targets = dict(zip(result.grants["beneficiary_name"], result.grants["node"], strict=True))
    assert targets["Association"] == "org-assoc"  # its own name, written the same way
    assert len({targets["L'Assoc"], targets["Les Associations"], "org-assoc"}) == 3
    assert result.counts["new_beneficiaries"] == 2
