"""The roster survey on a small network with known answers: questionnaires made, returned
(answers, a refusal, an empty file, a duplicate, a tampered file, a LibreOffice re-save, an
online form's CSV), collected into ties; reciprocity, response rates and the report checked
line by line; then a second wave and `diff` between them."""

from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from ptce_graph.analysis.isolation import member_isolation
from ptce_graph.build import load_graph, survey_answered
from ptce_graph.cli import cli
from ptce_graph.ingest import load_dataset, read_dataset, read_meta, write_dataset
from ptce_graph.survey import (
    META_SHEET,
    check_code,
    collect_answers,
    read_questionnaire,
    read_returns,
    survey_roster,
)

from .returns import fill, set_saved

NAMES = {"org-a": "Atelier A", "org-b": "Bureau B SCOP", "org-c": "Coop C", "org-d": "Dépôt D",
         "org-e": "Épicerie E", "org-f": "Ferme F", "org-g": "Garage G"}
SECTORS = {"org-a": "reuse", "org-b": "services", "org-c": "local-food", "org-d": "reuse",
           "org-e": "local-food", "org-f": "local-food", "org-g": "mobility"}


def run(*args):
    # a roster survey of French members, run as they would: under a French setting (the
    # questionnaires, the report and the messages follow it; --lang en says otherwise)
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False,
                              env={"PTCE_GRAPH_LANG": "fr"})


@pytest.fixture
def network(tmp_path) -> Path:
    """Two poles: Nord (a, b, c, d, g; the commune X a partner) and Sud (d, e, f); Organisation
    Z is in the dataset but in no pole."""
    nodes = [{"id": "pole-n", "type": "pole", "name": "Pôle Nord"},
             {"id": "pole-s", "type": "pole", "name": "Pôle Sud"},
             {"id": "col-x", "type": "collectivity", "name": "Commune X", "category": "commune"},
             {"id": "org-z", "type": "organisation", "name": "Organisation Z"}]
    nodes += [{"id": i, "type": "organisation", "name": n, "sector": SECTORS[i]}
              for i, n in NAMES.items()]
    edges = [{"source": m, "target": "pole-n", "type": "member_of", "role": "member"}
             for m in ("org-a", "org-b", "org-c", "org-d", "org-g", "col-x")]
    edges += [{"source": m, "target": "pole-s", "type": "member_of", "role": "member"}
              for m in ("org-d", "org-e", "org-f")]
    edges += [{"source": "org-z", "target": "col-x", "type": "cooperates_with", "kind": "old"}]
    folder = tmp_path / "reseau"
    write_dataset(pd.DataFrame(nodes), pd.DataFrame(edges), folder)
    assert read_dataset(folder).errors == []
    return folder


FORM = (
    "Horodateur;Votre structure;Votre lien avec [Atelier A];Votre lien avec [Bureau B];"
    "Votre lien avec [Ferme F];Votre lien avec [Épicerie E];Sur quoi [Ferme F];"
    "Votre lien avec [Structure Fantôme];Autres partenaires\n"
    "2025/03/04 10:00:00;Épicerie E;Échanges ponctuels;;coopération régulière;;"
    "paniers;;Coop X\n"
    "2025/03/05 11:00:00;ferme f;;pas de lien;;projet commun ou activité partagée;;;\n"
    "2025/03/05 12:00:00;Inconnu SARL;coopération régulière;;;;;;\n"
)


@pytest.fixture
def wave_2025(network, tmp_path, resave):
    """Questionnaires made for 2025, and the folder of returns with known answers."""
    made = tmp_path / "envoi-2025"
    result = run("survey", "make", network, "--as-of", 2025, "-o", made)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"7 questionnaires et la liste d'envoi écrits dans {made}/"
    q = {m: made / f"questionnaire-{m}.xlsx" for m in NAMES}
    back = tmp_path / "retours-2025"
    back.mkdir()
    a = fill(q["org-a"], tmp_path / "a.xlsx",
             {"org-b": "coopération régulière", "org-c": "pas de lien",
              "org-d": ("projet commun ou activité partagée", "atelier bois")},
             outside=[("Mairie de Somewhere", "échanges ponctuels"),
                      ("Organisation Z", "coopération régulière")])
    resave(a).rename(back / "questionnaire-org-a.xlsx")  # returned after a LibreOffice save
    # org-b answered twice: the later file (saved on 2 March) wins, whatever the names
    fill(q["org-b"], back / "b-z-first.xlsx", {"org-a": "échanges ponctuels"})
    set_saved(back / "b-z-first.xlsx", "2025-03-01T09:00:00Z")
    fill(q["org-b"], back / "b-a-second.xlsx",
         {"org-a": "coopération régulière", "org-d": "échanges ponctuels"})
    set_saved(back / "b-a-second.xlsx", "2025-03-02T09:00:00Z")
    fill(q["org-c"], back / "questionnaire-org-c.xlsx",
         {m: "pas de lien" for m in NAMES if m != "org-c"})
    fill(q["org-g"], back / "questionnaire-org-g.xlsx", {})  # returned empty: a refusal
    # org-d's file made to pass for org-e: its check code no longer matches
    fill(q["org-d"], back / "questionnaire-org-d.xlsx", {"org-a": "coopération régulière"},
         meta={"respondent": "org-e"})
    (back / "formulaire.csv").write_text(FORM, encoding="utf-8")
    return network, back


def test_questionnaire_lists_the_other_members_with_dropdowns(network, tmp_path):
    made = tmp_path / "q"
    run("survey", "make", network, "--pole", "pole-s", "--as-of", 2025, "-o", made)
    assert sorted(p.name for p in made.iterdir()) == [
        "liste-d-envoi.csv", "questionnaire-org-d.xlsx", "questionnaire-org-e.xlsx",
        "questionnaire-org-f.xlsx"]
    book = load_workbook(made / "questionnaire-org-e.xlsx")
    sheet = book["questionnaire"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[2][:2] == ["Identifiant", "org-e"]
    assert rows[3][:2] == ["Code de contrôle", check_code("reseau", 2025, "org-e")]
    header = rows.index(["identifiant", "structure", "secteur", "pôle", "votre lien avec elle",
                         "sur quoi (facultatif)"])
    listed = [r[:4] for r in rows[header + 1: header + 3]]
    assert listed == [["org-d", "Dépôt D", "reuse", "Pôle Sud"],  # only the poles surveyed
                      ["org-f", "Ferme F", "local-food", "Pôle Sud"]]
    dropdowns = sheet.data_validations.dataValidation
    assert [str(dv.sqref) for dv in dropdowns] == [f"E{header + 2}:E{header + 3}",
                                                   f"E{header + 7}:E{header + 12}"]
    lists = book[dropdowns[0].formula1.split("!")[0].strip("'")]
    assert [r[0] for r in lists.iter_rows(values_only=True)] == [
        "pas de lien", "échanges ponctuels", "coopération régulière",
        "projet commun ou activité partagée"]
    assert book[META_SHEET].sheet_state == "hidden"
    mailing = pd.read_csv(made / "liste-d-envoi.csv")
    assert list(mailing["member"]) == ["org-d", "org-e", "org-f"]
    assert list(mailing["check_code"]) == [check_code("reseau", 2025, m) for m in mailing["member"]]


def test_returns_are_read_with_their_problems(wave_2025):
    network, back = wave_2025
    data = load_dataset(network)
    returns = read_returns(back, survey_roster(data)[1])
    by_file = {r.file: r for r in returns}
    a = by_file["questionnaire-org-a.xlsx"]  # after LibreOffice
    assert a.respondent == "org-a" and a.year == 2025 and a.poles == ("pole-n", "pole-s")
    assert {(m, c, t) for m, c, t, _ in a.answers if c} == {
        ("org-b", "regular", None), ("org-c", "none", None), ("org-d", "joint", "atelier bois")}
    assert a.outside == [("Mairie de Somewhere", None, "occasional", None),
                         ("Organisation Z", None, "regular", None)]
    e = by_file["formulaire.csv:2"]
    assert e.respondent == "Épicerie E" and not e.checked
    assert sorted((m, c, t) for m, c, t, _ in e.answers if c) == [
        ("org-a", "occasional", None), ("org-f", "regular", "paniers")]
    assert e.outside == [("Coop X", None, "occasional", None)]
    assert [str(n) for n in by_file["formulaire.csv"].notes] == [
        "unmatched_column{column=Votre lien avec [Structure Fantôme]}"]


def test_collect_ties_reciprocity_and_response_rates(wave_2025):
    network, back = wave_2025
    data = load_dataset(network)
    collection = collect_answers(data, read_returns(back, survey_roster(data)[1]))
    assert collection.year == 2025 and collection.poles == ["pole-n", "pole-s"]
    assert collection.respondents == ["org-a", "org-b", "org-c", "org-e", "org-f"]
    ties = collection.ties.set_index(["source", "target"])
    assert list(ties.index) == [("org-a", "org-b"), ("org-a", "org-d"), ("org-a", "org-e"),
                                ("org-a", "org-z"), ("org-b", "org-d"), ("org-e", "org-f")]
    assert list(ties["strength"]) == ["regular", "joint", "occasional", "regular",
                                      "occasional", "joint"]
    assert list(ties["confirmed"]) == [True, False, False, False, False, True]
    assert list(ties["reported_by"]) == ["org-a;org-b", "org-a", "org-e", "org-a", "org-b",
                                         "org-e;org-f"]
    assert list(ties["weight"]) == [2.0, 3.0, 1.0, 2.0, 1.0, 3.0]
    assert set(ties["since"]) == {"2025"} and set(ties["type"]) == {"cooperates_with"}
    assert ties.at[("org-a", "org-d"), "about"] == "atelier bois"
    assert ties.at[("org-e", "org-f"), "about"] == "paniers"
    # reciprocity: 2 of 6 ties named by both sides
    assert ties["confirmed"].mean() == pytest.approx(2 / 6)
    poles = collection.pole_response.set_index("pole")
    assert poles.loc["pole-n", ["members", "respondents"]].tolist() == [5, 3]
    assert poles.at["pole-n", "response_rate"] == pytest.approx(0.6)
    assert poles.at["pole-n", "non_respondents"] == "org-d;org-g"
    assert poles.loc["pole-s", ["members", "respondents"]].tolist() == [3, 2]
    assert poles.at["pole-s", "non_respondents"] == "org-d"
    sided = collection.one_sided.set_index(["reported_by", "other"])["why"].to_dict()
    assert sided == {("org-a", "org-d"): "no_answer", ("org-e", "org-a"): "not_named",
                     ("org-a", "org-z"): "outside", ("org-b", "org-d"): "no_answer"}
    files = [(f, s, str(r)) for f, _, s, r in collection.files.itertuples(index=False)]
    assert files == [
        ("b-z-first.xlsx", "replaced", "replaced{kept=b-a-second.xlsx,respondent=org-b}"),
        ("formulaire.csv", "warning",
         "unmatched_column{column=Votre lien avec [Structure Fantôme]}"),
        ("formulaire.csv:4", "rejected", "unknown_respondent{respondent=Inconnu SARL}"),
        ("questionnaire-org-d.xlsx", "rejected", "wrong_check_code{respondent=org-e}"),
        ("questionnaire-org-g.xlsx", "rejected", "empty"),
    ]


def test_collect_command_writes_the_dataset_and_reports_line_by_line(wave_2025, tmp_path):
    network, back = wave_2025
    out = tmp_path / "reseau-2025"
    result = run("survey", "collect", back, "--into", network, "-o", out)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines == [
        "Enquête 2025 (reseau) : 5 réponses sur 7 structures interrogées (71\u202f%)",
        "Liens : 6, dont 2 confirmés des deux côtés et 4 cités d'un seul côté",
        "Pôle Pôle Nord (pole-n) : 3 réponses sur 5 (60\u202f%)",
        "  Sans réponse (2) : Dépôt D (org-d), Garage G (org-g)",
        "  Liens cités d'un seul côté (3) :",
        "    Atelier A (org-a) a cité Dépôt D (org-d) : sans réponse de l'autre côté",
        "    Atelier A (org-a) a cité Organisation Z (org-z) : l'autre côté n'était pas "
        "interrogé",
        "    Bureau B SCOP (org-b) a cité Dépôt D (org-d) : sans réponse de l'autre côté",
        "  Partenaires hors liste (2) :",
        "    Atelier A (org-a) : Mairie de Somewhere (échanges ponctuels)",
        "    Atelier A (org-a) : Organisation Z (coopération régulière) = org-z dans le jeu de "
        "données",
        "Pôle Pôle Sud (pole-s) : 2 réponses sur 3 (67\u202f%)",
        "  Sans réponse (1) : Dépôt D (org-d)",
        "  Liens cités d'un seul côté (1) :",
        "    Épicerie E (org-e) a cité Atelier A (org-a) : l'autre côté a répondu sans le citer",
        "  Partenaires hors liste (1) :",
        "    Épicerie E (org-e) : Coop X (échanges ponctuels)",
        "Fichiers écartés, remplacés ou à vérifier (5) :",
        "  b-z-first.xlsx : remplacé : org-b a répondu deux fois : b-a-second.xlsx, plus "
        "récent, est gardé",
        "  formulaire.csv : à vérifier : colonne 'Votre lien avec [Structure Fantôme]' : aucune "
        "structure de la liste de ce nom ; ignorée (--map \"Votre lien avec [Structure "
        "Fantôme]=ID\" pour la rattacher)",
        "  formulaire.csv:4 : écarté : répondant inconnu Inconnu SARL : aucune structure des "
        "pôles enquêtés n'a cet identifiant ou ce nom",
        "  questionnaire-org-d.xlsx : écarté : code de contrôle faux pour org-e : le fichier a "
        "été modifié ou vient d'une autre enquête",
        "  questionnaire-org-g.xlsx : écarté : rendu sans aucune réponse : compté sans réponse",
        f"6 liens écrits dans {out}/edges.csv ; rapport et tables dans {out}/survey-2025/",
    ]
    assert (out / "survey-2025" / "report.txt").read_text(encoding="utf-8").splitlines() == \
        lines[:-1]
    assert run("validate", out).exit_code == 0
    assert read_meta(out)["as_of"] == "2025"  # the dataset now describes the network of 2025
    data = load_dataset(out)
    survey = data.edges[data.edges["kind"] == "survey"]
    assert len(survey) == 6 and survey["confirmed"].sum() == 2
    nodes = data.nodes.set_index("id")
    assert nodes.loc[list(NAMES), "surveyed"].tolist() == ["2025"] * 7
    assert nodes.loc[list(NAMES), "responded"].tolist() == [
        "2025", "2025", "2025", None, "2025", "2025", None]
    assert pd.isna(nodes.at["org-z", "surveyed"])
    answers = pd.read_csv(out / "survey-2025" / "answers.csv")
    assert len(answers[answers["respondent"] == "org-c"]) == 6  # every "no tie" kept
    # the English report says the same
    english = run("survey", "collect", back, "--into", network, "-o", tmp_path / "en",
                  "--lang", "en").output.splitlines()
    assert english[0] == "Survey 2025 (reseau): 5 answers from 7 organisations surveyed (71%)"
    assert english[3] == "  No answer (2): Dépôt D (org-d), Garage G (org-g)"


def test_non_respondents_are_never_isolated(wave_2025, tmp_path):
    network, back = wave_2025
    out = tmp_path / "reseau-2025"
    run("survey", "collect", back, "--into", network, "-o", out)
    G = load_graph(out)
    assert survey_answered(G.nodes["org-g"]) is False
    assert survey_answered(G.nodes["org-a"]) is True
    assert survey_answered(G.nodes["org-z"]) is None
    table = member_isolation(G).set_index(["pole", "member"])
    # org-g answered nothing and nobody named it: no answer, not isolated
    assert table.loc[("pole-n", "org-g"), ["ties", "isolated", "peripheral", "answered"]] \
        .tolist() == [0, False, False, False]
    # org-c answered "no tie" to everyone: isolated indeed
    assert table.loc[("pole-n", "org-c"), ["ties", "isolated", "answered"]].tolist() == [
        0, True, True]
    # org-d did not answer, but two others named it: its ties count, as unconfirmed
    assert table.loc[("pole-n", "org-d"), ["ties", "isolated", "peripheral", "answered",
                                           "unconfirmed_ties"]].tolist() == [2, False, False,
                                                                            False, 2]
    # without the survey columns the same org-g would have been called isolated
    plain = load_graph(network)
    assert member_isolation(plain).set_index(["pole", "member"]).at[("pole-n", "org-g"),
                                                                    "isolated"]


def test_collecting_twice_changes_nothing(wave_2025, tmp_path):
    network, back = wave_2025
    out = tmp_path / "again"
    run("survey", "collect", back, "--into", network, "-o", out)
    first = [(out / n).read_text(encoding="utf-8") for n in ("nodes.csv", "edges.csv")]
    result = run("survey", "collect", back, "--into", out)
    assert result.exit_code == 0
    assert [(out / n).read_text(encoding="utf-8") for n in ("nodes.csv", "edges.csv")] == first
    assert any(p.name.startswith("backup-") for p in out.iterdir())


def test_second_wave_and_diff(wave_2025, tmp_path):
    """2026: a no longer names b nor Organisation Z, c names f, e names a again; b, d, f,
    g do not answer. diff lists the ties gained and lost between the waves."""
    network, back = wave_2025
    first = network
    assert run("survey", "collect", back, "--into", network).exit_code == 0  # in place
    made = tmp_path / "envoi-2026"
    assert run("survey", "make", first, "--as-of", 2026, "-o", made).exit_code == 0
    q = {m: made / f"questionnaire-{m}.xlsx" for m in NAMES}
    back2 = tmp_path / "retours-2026"
    back2.mkdir()
    fill(q["org-a"], back2 / "a.xlsx", {"org-b": "pas de lien", "org-d": "projet commun ou "
                                        "activité partagée", "org-e": "coopération régulière"})
    fill(q["org-c"], back2 / "c.xlsx", {"org-f": "échanges ponctuels"})
    fill(q["org-e"], back2 / "e.xlsx", {"org-a": "coopération régulière"})
    # a 2025 questionnaire returned late is set aside, not mixed into 2026
    fill(tmp_path / "envoi-2025" / "questionnaire-org-f.xlsx", back2 / "f-old.xlsx",
         {"org-e": "coopération régulière"})
    result = run("survey", "collect", back2, "--into", first)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[:4] == [
        "Enquête 2026 (reseau) : 3 réponses sur 7 structures interrogées (43\u202f%)",
        "Liens : 3, dont 1 confirmés des deux côtés et 2 cités d'un seul côté",
        "Liens d'une enquête précédente qu'aucun répondant ne cite plus : 3 (terminés en 2025)",
        "Liens d'une enquête précédente gardés, aucun des deux côtés n'ayant répondu : 1",
    ]
    assert ("  f-old.xlsx : écarté : vient de l'enquête 2025 de reseau, pas de celle-ci "
            "(reseau 2026)") in lines
    assert read_meta(first)["as_of"] == "2026"
    data = load_dataset(first)
    nodes = data.nodes.set_index("id")
    assert nodes.at["org-a", "surveyed"] == "2025;2026"
    assert nodes.at["org-b", "responded"] == "2025"
    G = load_graph(first)
    assert survey_answered(G.nodes["org-b"]) is False
    assert survey_answered(G.nodes["org-b"], 2025) is True
    result = run("diff", first, "--from", 2025, "--to", 2026, "--show", "ties",
                 "--format", "csv")
    assert result.exit_code == 0, result.output
    changes = pd.read_csv(pd.io.common.StringIO(result.output))
    found = sorted(zip(changes["change"], changes["a"], changes["b"], strict=True))
    assert found == [("created", "org-c", "org-f"), ("lost", "org-a", "org-b"),
                     ("lost", "org-a", "org-z"), ("lost", "org-e", "org-f")]
    # b-d: neither side answered in 2026, the tie is carried over; a-d and a-e continue
    table = member_isolation(G, year=2026).set_index(["pole", "member"])
    assert table.loc[("pole-n", "org-b"), ["ties", "answered", "isolated"]].tolist() == [
        1, False, False]


def test_form_export_alone_needs_the_year(network, tmp_path):
    back = tmp_path / "form-only"
    back.mkdir()
    (back / "export.csv").write_text(FORM, encoding="utf-8")
    result = run("survey", "collect", back, "--into", network, "-o", tmp_path / "o")
    assert result.exit_code == 1
    assert result.output.strip() == ("Erreur : aucun questionnaire ne dit de quelle enquête il "
                                     "s'agit : donnez --as-of ANNÉE (et --pole ID) pour un "
                                     "export de formulaire")
    result = run("survey", "collect", back, "--into", network, "-o", tmp_path / "o",
                 "--as-of", 2025, "--pole", "pole-s",
                 "--map", "Votre lien avec [Structure Fantôme]=org-d")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[:2] == [
        "Enquête 2025 (reseau) : 2 réponses sur 3 structures interrogées (67\u202f%)",
        "Liens : 2, dont 1 confirmés des deux côtés et 1 cités d'un seul côté"]


def test_make_errors_are_one_clear_line(network, tmp_path):
    result = run("survey", "make", network, "--pole", "pole-x", "-o", tmp_path / "q")
    assert result.exit_code == 1
    assert result.output.strip() == ("Erreur : --pole 'pole-x' : pas de tel pôle dans reseau en "
                                     f"{pd.Timestamp.today().year} (pôles : pole-n, pole-s)")
    assert read_questionnaire(network / "nodes.csv").problems


# ---------------------------------------------------------------- invariants


def _small_network(members: int):
    from ptce_graph.ingest import Dataset

    ids = [f"org-{i}" for i in range(members)]
    nodes = pd.DataFrame([{"id": "pole-p", "type": "pole", "name": "P"}]
                         + [{"id": m, "type": "organisation", "name": f"Structure {m}"}
                            for m in ids])
    edges = pd.DataFrame([{"source": m, "target": "pole-p", "type": "member_of"} for m in ids])
    return Dataset("net", nodes, edges), ids


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_collect_invariants(data):
    """Property: for any answers, a tie exists for a pair iff one side named the other; it is
    confirmed iff both did; its strength is the strongest named; the response rate is the
    share of members who answered something."""
    from ptce_graph.schema import TIE_STRENGTHS
    from ptce_graph.survey import ANSWERS, SurveyReturn

    dataset, ids = _small_network(data.draw(st.integers(2, 6)))
    returns, named = [], {}
    for member in ids:
        if not data.draw(st.booleans()):
            continue  # did not answer
        answers = []
        for other in ids:
            if other != member:
                code = data.draw(st.sampled_from(("",) + ANSWERS))
                answers.append((other, code, None, 1))
                if code in TIE_STRENGTHS:
                    named[(member, other)] = code
        returns.append(SurveyReturn(file=f"{member}.xlsx", respondent=member, survey="net",
                                    year=2025, poles=("pole-p",),
                                    check=check_code("net", 2025, member), answers=answers))
    collection = collect_answers(dataset, returns, year=2025)
    answered = {r.respondent for r in returns if r.answered}
    assert collection.respondents == sorted(answered)
    rate = collection.pole_response["response_rate"].iloc[0]
    assert rate == pytest.approx(len(answered) / len(ids))
    ties = {(s, t): row for s, t, row in zip(collection.ties["source"], collection.ties["target"],
                                             collection.ties.to_dict("records"), strict=True)}
    pairs = {tuple(sorted(p)) for p in named}
    assert set(ties) == pairs
    for (a, b), row in ties.items():
        sides = [named.get((a, b)), named.get((b, a))]
        assert row["confirmed"] == all(sides)
        assert row["strength"] == max((s for s in sides if s), key=TIE_STRENGTHS.index)
        assert set(row["reported_by"].split(";")) == {x for x, y in ((a, b), (b, a))
                                                      if (x, y) in named}
    assert len(collection.one_sided) == sum(1 for row in ties.values() if not row["confirmed"])


def test_pseudonyms_cover_who_reported_a_tie(wave_2025, tmp_path):
    """reported_by holds member ids and about holds respondents' free text: a pseudonymised
    output renames the first and drops the second."""
    from ptce_graph.pseudonym import pseudonym_map, pseudonymise

    network, back = wave_2025
    run("survey", "collect", back, "--into", network, "-o", tmp_path / "o")
    G = load_graph(tmp_path / "o")
    H = pseudonymise(G)
    renamed = {old: new for old, (new, _) in pseudonym_map(G).items()}
    reported = sorted(d["reported_by"] for _, _, d in H.edges(data=True) if "reported_by" in d)
    assert reported == sorted(";".join(renamed[i] for i in d["reported_by"].split(";"))
                              for _, _, d in G.edges(data=True) if "reported_by" in d)
    assert not any("about" in d for _, _, d in H.edges(data=True))
    assert any("about" in d for _, _, d in G.edges(data=True))


def test_english_answers_unknown_answers_and_foreign_files(network, tmp_path):
    """An English questionnaire reads back; an answer not in the list is reported with its
    line and ignored; a workbook that is not a questionnaire is set aside, saying why."""
    from ptce_graph.template import write_template

    made = tmp_path / "q"
    assert run("survey", "make", network, "--as-of", 2025, "--lang", "en", "-o",
               made).exit_code == 0
    assert (made / "mailing-list.csv").exists()
    book = load_workbook(made / "questionnaire-org-e.xlsx")
    sheet = book["questionnaire"]
    lines = {}
    for row in sheet.iter_rows():
        if row[0].value == "org-f":
            row[4].value, lines["org-f"] = "Regular cooperation", row[0].row
        elif row[0].value == "org-d":
            row[4].value, lines["org-d"] = "souvent", row[0].row
    back = tmp_path / "back"
    back.mkdir()
    book.save(back / "e.xlsx")
    write_template(back / "not-a-questionnaire.xlsx")
    (back / "e.ods").write_bytes(b"PK")  # saved in LibreOffice's own format
    found = read_questionnaire(back / "e.xlsx")
    assert [(m, c) for m, c, _, _ in found.answers if c] == [("org-f", "regular")]
    unknown = f"unknown_answer{{answer=souvent,line={lines['org-d']}}}"
    assert [str(n) for n in found.notes] == [unknown]
    data = load_dataset(network)
    collection = collect_answers(data, read_returns(back, survey_roster(data)[1]))
    assert [(f, s, str(r)) for f, _, s, r in collection.files.itertuples(index=False)] == [
        ("e.ods", "rejected", "not_read{suffix=.ods}"),
        ("e.xlsx", "warning", unknown),
        ("not-a-questionnaire.xlsx", "rejected", "not_a_questionnaire")]
    assert list(collection.ties["strength"]) == ["regular"]


def test_analyze_tells_no_answer_from_isolated(wave_2025, tmp_path):
    network, back = wave_2025
    run("survey", "collect", back, "--into", network, "-o", tmp_path / "o")
    assert run("analyze", tmp_path / "o", "-o", tmp_path / "out").exit_code == 0
    nodes = pd.read_csv(tmp_path / "out" / "metrics" / "nodes.csv").set_index("id")
    flags = nodes.loc[["org-c", "org-d", "org-g", "org-z"],
                      ["isolated", "peripheral", "no_survey_answer"]]
    assert flags.astype(object).where(flags.notna(), None).values.tolist() == [
        [True, False, False],   # answered "no tie" to everyone: isolated
        [False, False, True],   # did not answer; two others named it
        [False, False, True],   # sent its questionnaire back empty: no answer, not isolated
        [False, False, None],   # never surveyed
    ]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_collected_dataset_round_trips_through_the_template(wave_2025, tmp_path, lang):
    """The survey's columns (years, strength in words, confirmed, reported_by, about) go into
    the workbook with the rest and come back unchanged."""
    network, back = wave_2025
    run("survey", "collect", back, "--into", network, "-o", tmp_path / "o")
    original = read_dataset(tmp_path / "o")
    assert run("template", "-o", tmp_path / "t.xlsx", "--from", tmp_path / "o",
               "--lang", lang).exit_code == 0
    again = read_dataset(tmp_path / "t.xlsx")
    assert again.errors == []
    for table in ("nodes", "edges"):
        pd.testing.assert_frame_equal(getattr(original, table), getattr(again, table))
    headers = [c.value for c in load_workbook(tmp_path / "t.xlsx")["liens" if lang == "fr"
                                                                   else "edges"][1]]
    assert ("intensité" if lang == "fr" else "strength") in headers
