"""Cypher for analysts: `query --cypher` (and standard input), a missing parameter named, and an
empty result that says why (unknown id, label, relationship type; properties only
`analyze --write-back` writes). On the real store of the tests (FalkorDB; Neo4j too when the
store fixtures are parametrised over it)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.i18n import render
from ptce_graph.ingest import bundled_dataset, load_dataset
from ptce_graph.store import convert_parameters, load_into_store, run_query
from ptce_graph.store.library import explain_empty, inline_query, library_query

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def loaded(falkordb_server):
    """The local store holding centre-isere alone (nothing written back)."""
    result = CliRunner().invoke(cli, ["load", str(bundled_dataset("centre-isere")), "--replace"])
    assert result.exit_code == 0, result.output
    return load_dataset(bundled_dataset("centre-isere"))


def query(*args, input=None, lang="en"):
    return CliRunner().invoke(cli, ["query", *map(str, args), "--lang", lang], input=input)


def test_cypher_on_the_command_line(loaded):
    result = query("--cypher", "MATCH (p:Pole) RETURN p.id AS pole ORDER BY pole",
                   "--format", "csv")
    assert result.exit_code == 0, result.output
    poles = sorted(loaded.nodes.loc[loaded.nodes["type"] == "pole", "id"])
    assert result.output.splitlines() == ["pole", *poles]


def test_cypher_from_standard_input_with_a_parameter(loaded):
    result = query("--cypher", "-", "--param", "pole=pole-esci", "--format", "csv",
                   input="MATCH (p:Pole {id: $pole}) RETURN p.name AS name\n")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1] == \
        loaded.nodes.set_index("id").loc["pole-esci", "name"]


def test_a_missing_parameter_is_named(loaded):
    text = "MATCH (p:Pole {id: $pole}) WHERE p.founded >= $year RETURN p.id"
    english = query("--cypher", text, "--param", "year=2010")
    assert english.exit_code == 1
    assert "Error: the query uses $pole but no value was given: add --param pole=VALUE" in \
        english.output
    french = query("--cypher", text, lang="fr")
    assert "Erreur : la requête utilise $pole, $year mais aucune valeur n'a été donnée : " \
        "ajoutez --param pole=VALUE --param year=VALUE" in french.output


def test_an_unknown_pole_id_says_so(loaded):
    result = query("isolated-members", "--param", "pole=pole-esc")
    assert result.exit_code == 1
    assert "--param pole=pole-esc: no Pole has this id in the store: did you mean " \
        "'pole-esci'?" in result.output
    assert "(none)" not in result.output


def test_a_label_or_relationship_typo_says_so(loaded):
    label = query("--cypher", "MATCH (o:Organization) RETURN o.id")
    assert label.exit_code == 1
    assert "the store has no label Organization: did you mean Organisation?" in label.output
    rel = query("--cypher", "MATCH (o)-[:MEMBER_0F]->(p:Pole) RETURN o.id", lang="fr")
    assert "la base n'a pas de type de relation MEMBER_0F : vouliez-vous dire MEMBER_OF ?" \
        in rel.output


def test_key_actors_before_any_write_back_says_to_write_back(loaded):
    result = query("key-actors")
    assert result.exit_code == 1
    assert re.search(r"the query reads .*key_actor.*, which only `ptce-graph analyze "
                     r"--write-back` writes, and nothing has been written back", result.output)


def test_a_real_empty_answer_stays_quiet(loaded):
    result = query("--cypher", "MATCH (p:Pole) WHERE p.founded > 3000 RETURN p.id AS pole",
                   "--format", "json")
    assert result.exit_code == 0 and result.output.strip() == "[]"


def test_explain_empty_through_the_store_fixture(store, datasets):
    load_into_store(store, datasets["pays-de-bray"], replace=True)
    isolated = library_query("isolated-members")
    params = convert_parameters(isolated, {"pole": "pole-pays-de-bry"})
    assert run_query(store, isolated, params).empty
    (why,) = explain_empty(store, isolated, params)
    assert render(why, "en") == ("--param pole=pole-pays-de-bry: no Pole has this id in the "
                                 "store: did you mean 'pole-pays-de-bray'?")
    fine = inline_query("MATCH (p:Pole) RETURN p.id")
    assert explain_empty(store, fine, {}) == []


def test_the_load_marker_filter_documented_in_the_readme(store, datasets):
    data = datasets["pays-de-bray"]
    load_into_store(store, data, replace=True)
    readme = (ROOT / "cypher" / "README.md").read_text(encoding="utf-8")
    (documented,) = re.findall(r"```cypher\n(MATCH \(n\) WHERE NOT n:PtceGraphLoad[^`]*)```",
                               readme)
    everything = run_query(store, inline_query("MATCH (n) RETURN count(n) AS n"))
    filtered = run_query(store, inline_query(documented))
    assert int(everything.iloc[0, 0]) == len(data.nodes) + 1  # the load marker
    assert int(filtered.iloc[0, 0]) == len(data.nodes)


FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "PTCE_GRAPH_LANG": None}
ENGLISH = {"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None, "PTCE_GRAPH_LANG": None}


@pytest.mark.parametrize("args, french, english", [
    (["load", bundled_dataset("pays-de-bray"), "--replace"], "nœuds (", "nodes ("),
    (["query", "collectivities-per-pole"], "Pôle", "pole"),
    (["query", "--cypher", "MATCH (x:Nope) RETURN x"],
     "Erreur : aucun résultat, et sans doute pourquoi :\n  la base n'a pas de label Nope",
     "Error: nothing found, and probably why:\n  the store has no label Nope"),
    (["pull", "-o", "{tmp}/pulled"], "nœuds et", "nodes and"),
    (["db", "status"], "En marche sur", "Running on"),
    (["db", "start"], "Déjà en marche", "Already running"),
])
def test_store_commands_follow_the_locale(falkordb_server, tmp_path, args, french, english):
    args = [str(a).replace("{tmp}", str(tmp_path)) for a in args]
    runner = CliRunner()
    runner.invoke(cli, ["load", str(bundled_dataset("pays-de-bray")), "--replace"])
    assert french in runner.invoke(cli, args, env=FRENCH).output
    assert english in runner.invoke(cli, args, env=ENGLISH).output


def test_pulled_dataset_reads_as_people_wrote_it(loaded, tmp_path):
    import csv

    result = CliRunner().invoke(cli, ["pull", "-o", str(tmp_path / "copy")])
    assert result.exit_code == 0, result.output
    with (tmp_path / "copy" / "nodes.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    founded = [r["founded"] for r in rows if r["founded"]]
    assert founded and all(year.isdigit() and len(year) == 4 for year in founded)  # not 2014.0
    cells = [c for r in rows for c in r.values()]
    assert not {"None", "nan", "NaN"} & set(cells)
    assert not any(c.startswith("[") for c in cells)  # lists as a;b, never ['a', 'b']
