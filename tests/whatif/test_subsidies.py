"""Importing subsidy open data: every real file (tests/realdata.py: excerpts, or the full
files of $PTCE_GRAPH_REALDATA) reads without a
traceback, amounts and totals agree with an independent pandas reading, matching works by
SIRET, SIREN and name, and writing keeps the old files."""

import re
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ptce_graph.build import build_graph
from ptce_graph.cli import cli
from ptce_graph.ingest import load_dataset, read_dataset, write_dataset
from ptce_graph.subsidies import (
    import_subsidies,
    merge_subsidies,
    name_key,
    read_subsidies,
    write_merged,
)

from ..realdata import FULL_FILES
from ..realdata import REALDATA as REAL

REPO = Path(__file__).resolve().parents[2]
TINY = REPO / "tests" / "data" / "tiny"
MTP = REAL / "subventions_montpellier" / "VilleMTP_MTP_AttribSub_2013.csv"
JAUNE = REAL / "jaune_associations" / "plf-2012-jaune-associations-subventionnees-en-2010.csv"
VENDEE = REAL / "subventions_pdl" / "85_vendee_2018_conventions.csv"
MAINE = REAL / "subventions_pdl" / "49_conventions_maine_et_loire.csv"
PDL = REAL / "subventions_pdl" / "donnees_subventions_agregees_PDL_utf8.csv"
RESERVE = REAL / "reserve_parlementaire"
SUBSIDY_FILES = sorted(p for p in REAL.glob("*/*.csv") if p.parent.name != "ptce")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def french_amount(text) -> float:
    """An independent reading of the amounts in these files (not ptce_graph.parse_number)."""
    s = str(text).replace("€", "").replace("\xa0", "").replace(" ", "").strip()
    return float(s.replace(",", ".")) if s else float("nan")


@pytest.fixture
def tiny(tmp_path):
    folder = tmp_path / "tiny"
    shutil.copytree(TINY, folder)
    return folder


def test_real_files_are_found():
    assert len(SUBSIDY_FILES) == 7, SUBSIDY_FILES


@pytest.mark.parametrize("path", SUBSIDY_FILES, ids=lambda p: p.name)
def test_every_real_file_imports_without_traceback(path, tiny, tmp_path):
    extra = ["--funder", "Ville de Montpellier"] if path == MTP else []
    out = tmp_path / "merged"
    result = run("import", "subsidies", path, "--into", tiny, "-o", out, *extra)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert result.exit_code == 0, result.output
    assert "grants imported" in result.output
    # nothing in tiny matches these beneficiaries: every grant line is reported, by line
    report = pd.read_csv(out / "import-report.csv")
    grants = read_subsidies(path, funder="Ville de Montpellier" if path == MTP else None).grants
    unknown = report[report["kind"] == "unknown beneficiary"]
    assert sorted(unknown["line"]) == sorted(grants["line"])
    assert not read_dataset(out).errors


def test_montpellier_has_no_funder_column_and_says_how_to_fix(tiny):
    result = run("import", "subsidies", MTP, "--into", tiny)
    assert result.exit_code == 1
    assert result.output.startswith("Error: ") and "--funder" in result.output
    assert "Traceback" not in result.output


def test_montpellier_amounts_match_pandas():
    grants = read_subsidies(MTP, funder="Ville de Montpellier").grants
    raw = pd.read_csv(MTP, sep=";", encoding="cp1252", dtype=str)
    raw = raw[raw["STRUCTURE"].notna()]
    assert grants["amount"].sum() == pytest.approx(raw["Montant "].map(french_amount).sum())
    ccas = grants[grants["beneficiary_name"].str.startswith("CENTRE COMMUNAL")]
    assert ccas["amount"].tolist() == [12_350_000.0]
    assert set(grants["start"]) == {2013}  # from the file name


def test_names_spelled_two_ways_become_one_beneficiary(tiny):
    data = load_dataset(tiny)
    source = read_subsidies(MTP, funder="Ville de Montpellier")
    result = merge_subsidies(data, source, add_beneficiaries=True)
    muc = result.grants[result.grants["beneficiary_name"].str.lower().str.strip()
                        == "muc omnisports"]
    assert len(muc) == 2 and muc["node"].nunique() == 1
    assert name_key("MUC OMNISPORTS ") == name_key("Muc omnisports ")


def test_jaune_imports_programme_lines_and_never_the_totals():
    source = read_subsidies(JAUNE)
    raw = pd.read_csv(JAUNE, sep=";", encoding="cp1252", dtype=str)
    detail = raw[raw["IMPUTATION"].notna()]
    detail = detail[detail["Détail des subventions"].map(french_amount) > 0]
    assert len(source.grants) == len(detail)
    assert source.grants["amount"].sum() == pytest.approx(
        detail["Détail des subventions"].map(french_amount).sum())
    totals = raw[raw["IMPUTATION"].isna() & raw["Total des subventions"].notna()]
    skipped = [i for i in source.issues if i.kind == "total line"]
    assert len(skipped) == len(totals)
    # the funder is the ministry, the programme what follows the colon
    first = source.grants.iloc[0]
    assert first["funder_name"] == "État – Services du Premier ministre"
    assert first["programme"] == "163 - Jeunesse et vie associative"
    assert set(source.grants["start"]) == {2010}  # "...-subventionnees-en-2010.csv"


def test_vendee_rows_broken_by_commas_are_put_back_together():
    source = read_subsidies(VENDEE)
    text = VENDEE.read_bytes().decode("cp1252")
    assert len(source.grants) == len(text.strip().splitlines()) - 1  # every grant line used
    by_line = source.grants.set_index("line")
    assert by_line.loc[2, "amount"] == 100_000.0  # written 100 000,00 with a comma separator
    assert by_line.loc[2, "beneficiary_id"] == "32416633900055"
    # line 89 is quoted whole, and in the UTF-8 half of the file
    assert by_line.loc[89, "amount"] == 25_000.0
    assert by_line.loc[89, "funder_name"] == "Conseil Départemental de la Vendée"
    assert by_line.loc[89, "beneficiary_name"] == "Ateliers Méca Sud Vendée"
    # the file is two files glued together: its UTF-8 half is said line by line
    assert {i.kind for i in source.issues} == {"repaired", "mixed encodings"}


def test_reserve_parlementaire_layouts_2013_and_2016_agree():
    old = read_subsidies(RESERVE / "2013_reserve_parlementaire.csv")
    new = read_subsidies(RESERVE / "2016_reserve_parlementaire.csv")
    for source, year in ((old, 2013), (new, 2016)):
        assert set(source.grants["start"]) == {year}
        assert source.grants["beneficiary_name"].notna().all()
        assert (source.grants["amount"] > 0).all()
    raw = pd.read_csv(RESERVE / "2013_reserve_parlementaire.csv", dtype=str)
    assert old.grants["amount"].sum() == pytest.approx(raw["Montant"].astype(float).sum())
    assert old.grants.iloc[0]["funder_name"] == "CINIERI Dino"  # Nom + Prénom
    assert new.grants.iloc[0]["funder_name"] == "ABAD Damien"
    assert [i.kind for i in new.issues] == ["not a grant"]  # the 'Extraction du ...' footer


def _pole_of(tmp_path, orgs: list[dict]) -> Path:
    nodes = pd.DataFrame([{"id": "pole-x", "type": "pole", "name": "Pôle X"}] + orgs)
    edges = pd.DataFrame([{"source": o["id"], "target": "pole-x", "type": "member_of"}
                          for o in orgs])
    return write_dataset(nodes, edges, tmp_path / "pole")


def test_matching_by_siret_siren_then_name(tmp_path):
    folder = _pole_of(tmp_path, [
        # SIRET as written in the file: "82 212 742 900 014"
        {"id": "org-accordance", "type": "organisation", "name": "Accordance",
         "siret": "82212742900014"},
        # only the SIREN of "45 297 781 200 018"
        {"id": "org-vaillante", "type": "organisation", "name": "Vaillante",
         "siren": "452977812"},
        # no id, the name spelled differently: "SOS FEMMES"
        {"id": "org-sos", "type": "organisation", "name": "S.O.S. Femmes"},
    ])
    result = import_subsidies(MAINE, folder)
    matched = result.grants.dropna(subset=["node"]).set_index("line")
    assert matched.loc[2, "node"] == "org-accordance" and matched.loc[2, "matched_by"] == "siret"
    assert matched.loc[3, "node"] == "org-vaillante" and matched.loc[3, "matched_by"] == "siren"
    assert matched.loc[4, "node"] == "org-sos" and matched.loc[4, "matched_by"] == "name"
    funds = result.edges[result.edges["type"] == "funds"]
    assert len(funds) == len(matched)
    funder = result.nodes[result.nodes["id"] == funds["source"].iloc[0]].iloc[0]
    assert funder["type"] == "collectivity" and funder["category"] == "departement"
    assert funder["siret"] == "22490001900015"  # idAttribuant "224 900 019 000 15'"
    unknown = [i for i in result.issues if i.kind == "unknown beneficiary"]
    assert len(unknown) == len(result.grants) - len(matched)


def test_same_name_on_two_nodes_is_reported_not_guessed(tmp_path):
    folder = _pole_of(tmp_path, [
        {"id": "org-sos-1", "type": "organisation", "name": "SOS Femmes"},
        {"id": "org-sos-2", "type": "organisation", "name": "sos femmes"},
    ])
    result = import_subsidies(MAINE, folder)
    assert result.counts["grants"] == 0
    ambiguous = [i for i in result.issues if i.kind == "ambiguous beneficiary"]
    assert [i.line for i in ambiguous] == [4, 12]  # SOS FEMMES, 2017 and 2018
    assert "org-sos-1" in str(ambiguous[0]) and "org-sos-2" in str(ambiguous[0])


def test_in_place_import_keeps_a_backup_and_is_idempotent(tiny):
    before_nodes = (tiny / "nodes.csv").read_bytes()
    before_edges = (tiny / "edges.csv").read_bytes()
    args = ("import", "subsidies", MAINE, "--into", tiny, "--add-beneficiaries")
    first = run(*args)
    assert first.exit_code == 0, first.output
    backups = sorted(tiny.glob("backup-*"))
    assert len(backups) == 1
    assert (backups[0] / "nodes.csv").read_bytes() == before_nodes
    assert (backups[0] / "edges.csv").read_bytes() == before_edges
    merged = load_dataset(tiny)
    grants = read_subsidies(MAINE).grants
    funds = merged.edges[merged.edges["type"] == "funds"]
    assert len(funds) == 3 + len(grants)  # tiny has 3 funds edges
    again = run(*args)
    assert again.exit_code == 0
    assert len(load_dataset(tiny).edges) == len(merged.edges)
    assert "0 new grants" in again.output


def test_dry_run_writes_nothing(tiny):
    before = {p.name: p.read_bytes() for p in tiny.iterdir()}
    result = run("import", "subsidies", MAINE, "--into", tiny, "--add-beneficiaries",
                 "--dry-run")
    assert result.exit_code == 0 and "Dry run" in result.output
    assert {p.name: p.read_bytes() for p in tiny.iterdir()} == before


def test_invalid_merge_leaves_the_dataset_untouched(tiny):
    before = (tiny / "edges.csv").read_bytes()
    nodes = load_dataset(tiny).nodes
    edges = load_dataset(tiny).edges
    broken = pd.concat([edges, pd.DataFrame([{"source": "nobody", "target": "pole-a",
                                              "type": "funds", "amount": 1.0}])])
    with pytest.raises(Exception, match="left unchanged"):
        write_merged(nodes, broken, tiny)
    assert (tiny / "edges.csv").read_bytes() == before
    assert not list(tiny.parent.glob(".tiny.writing"))


def test_bad_map_options_say_how_to_fix(tiny):
    result = run("import", "subsidies", MAINE, "--into", tiny, "--map", "montant=money")
    assert result.exit_code == 1 and "unknown field 'money'" in result.output
    result = run("import", "subsidies", MAINE, "--into", tiny, "--map", "Nope=amount")
    assert result.exit_code == 1 and "no column 'Nope'" in result.output
    result = run("import", "subsidies", MAINE, "--into", tiny, "--map", "montant")
    assert result.exit_code == 1 and "COLUMN=FIELD" in result.output


def test_map_reads_an_unknown_layout(tmp_path, tiny):
    odd = tmp_path / "odd.csv"
    odd.write_text("Qui;Combien;Quand\nAtelier Un;1 000,50;2016\nCoop Deux;2 000;2017\n",
                   encoding="cp1252")
    result = run("import", "subsidies", odd, "--into", tiny, "--map", "Qui=beneficiary_name",
                 "--map", "Combien=amount", "--map", "Quand=year", "--funder", "Fondation Y")
    assert result.exit_code == 0, result.output
    funds = load_dataset(tiny).edges
    new = funds[funds["source"] == "funder-fondation-y"]
    assert sorted(new["target"]) == ["org-1", "org-2"]
    assert sorted(new["amount"]) == [1000.5, 2000.0]
    assert sorted(new["start"]) == ["2016", "2017"]


def test_aggregate_pdl_totals_per_funder_match_pandas():
    source = read_subsidies(PDL)
    raw = pd.read_csv(PDL, sep=";", encoding="cp1252", dtype=str, keep_default_na=False)
    raw["amount"] = raw["montant"].map(lambda s: float(s) if re.fullmatch(r"[\d.]+", s)
                                       else 0.0)
    raw = raw[(raw["amount"] > 0) & (~raw["nomBeneficiaire"].isin(["", "NA"])
                                     | raw["idBeneficiaire"].str.fullmatch(r"\d{9}|\d{14}"))]
    expected = raw.groupby("nomAttribuant")["amount"].sum()
    got = source.grants.groupby("funder_name")["amount"].sum()
    pd.testing.assert_series_equal(got.sort_index(), expected.sort_index(), check_names=False)


def test_imported_funding_reaches_the_graph(tmp_path):
    folder = _pole_of(tmp_path, [{"id": "org-accordance", "type": "organisation",
                                  "name": "Accordance", "siret": "82212742900014"}])
    result = import_subsidies(MAINE, folder)
    G = build_graph(result.nodes, result.edges)
    grants = [d for _, v, d in G.in_edges("org-accordance", data=True) if d["type"] == "funds"]
    assert [g["amount"] for g in grants] == [24000.0]
    assert grants[0]["start"] == "2017"


def test_funding_dependence_from_an_imported_file_equals_pandas(tmp_path):
    """The State's annex: associations paid by several ministries. Import it into a dataset
    of 300 of them and compare funding_dependence with a plain pandas computation."""
    from ptce_graph.analysis import funding_dependence
    from ptce_graph.ingest import siren_valid

    raw = pd.read_csv(JAUNE, sep=";", encoding="cp1252", dtype=str)
    detail = raw[raw["IMPUTATION"].notna()].copy()
    detail["amount"] = detail["Détail des subventions"].map(french_amount)
    usable = detail["SIREN"].map(lambda s: isinstance(s, str) and siren_valid(s))
    # a line whose SIREN is unusable is matched by name: leave out the associations such a
    # line could reach, so that the SIREN alone decides here
    reachable_by_name = set(detail.loc[~usable, "ASSOCIATION"].map(name_key))
    detail = detail[(detail["amount"] > 0) & usable
                    & ~detail["ASSOCIATION"].map(name_key).isin(reachable_by_name)]
    detail["ministry"] = detail["IMPUTATION"].str.split(":").str[0].str.strip()
    # one name per SIREN in the file, so that no two nodes share a name
    names = detail.groupby("SIREN")["ASSOCIATION"].nunique()
    several = detail.groupby("SIREN")["ministry"].nunique()
    chosen = sorted(set(several[several >= 2].index[:250]) | set(several[several == 1].index[:50]))
    chosen = [s for s in chosen if names[s] == 1]
    orgs = [{"id": f"org-{s}", "type": "organisation",
             "name": detail.loc[detail["SIREN"] == s, "ASSOCIATION"].iloc[0], "siren": s}
            for s in chosen]
    folder = _pole_of(tmp_path, orgs)
    result = import_subsidies(JAUNE, folder)
    G = build_graph(result.nodes, result.edges)
    got = funding_dependence(G).set_index("recipient").loc[[f"org-{s}" for s in chosen]]

    mine = detail[detail["SIREN"].isin(chosen)]
    by_ministry = mine.groupby(["SIREN", "ministry"])["amount"].sum()
    total = by_ministry.groupby(level=0).sum()
    expected = pd.DataFrame({
        "total": total,
        "n_funders": by_ministry.groupby(level=0).size(),
        "top_share": by_ministry.groupby(level=0).max() / total,
        "hhi": (by_ministry / total.reindex(by_ministry.index, level=0)).pow(2)
        .groupby(level=0).sum(),
    })
    expected.index = [f"org-{s}" for s in expected.index]
    expected = expected.loc[got.index]
    # the full file gives 300 associations; the excerpt's first 80 lines a few dozen
    assert len(got) == len(chosen) > (200 if FULL_FILES else 20)
    assert got["total"].tolist() == pytest.approx(expected["total"].tolist())
    assert got["n_funders"].tolist() == expected["n_funders"].tolist()
    assert got["top_share"].tolist() == pytest.approx(expected["top_share"].tolist())
    assert got["hhi"].tolist() == pytest.approx(expected["hhi"].tolist())
