"""Every command speaks the locale's language: with LANG=fr_FR.UTF-8 its console output, errors
and --help are French, with LANG=C English; --lang and PTCE_GRAPH_LANG come first.

Every command of `cli` (walked recursively, so that a command added later cannot be forgotten)
is run under both locales, and so is `--help` of every command and group, the root included.
The store commands run against a real local store (FalkorDB) started by `db start`.

"Untranslated" is checked two ways, independently of the catalogue's own test
(test_messages.py): no English sentence of the catalogues (ours and click's) appears in the
French output, and no common English word appears in it once the datasets' own values (names,
ids, sectors), paths, options, identifiers and metavars are set aside. The English output is
checked the other way round (no common French word)."""

from __future__ import annotations

import re
import shutil
import string
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.i18n import catalogue_entries, click_messages, code_messages
from ptce_graph.ingest import bundled_dataset, read_dataset

DATA = Path(__file__).resolve().parents[1] / "data"
TINY = DATA / "tiny"

FRENCH = {"LANG": "fr_FR.UTF-8", "LC_ALL": None, "LC_MESSAGES": None, "PTCE_GRAPH_LANG": None}
ENGLISH = {"LANG": "C", "LC_ALL": None, "LC_MESSAGES": None, "PTCE_GRAPH_LANG": None}

# Words no French sentence of ours contains (the datasets' values are set aside first).
ENGLISH_WORDS = {"the", "and", "with", "of", "to", "from", "nodes", "edges", "error", "errors",
                 "warning", "warnings", "wrote", "none", "per", "without", "funding", "members",
                 "poles", "ties", "lines", "running", "store", "loaded", "holds", "open",
                 "received", "each", "left", "who", "which", "unknown", "missing", "expected",
                 "found", "is", "not", "file", "files", "folder", "common", "same",
                 "partners", "connected", "usage", "show", "this", "exit", "write",
                 "default", "try", "help", "such", "commands", "invalid", "value",
                 "does", "exist", "into", "when", "where", "how", "what", "their", "its",
                 "must", "give", "started", "stopped", "already", "loading", "trouble",
                 "mailing", "skipped", "grants", "new", "report", "dry", "run", "nothing",
                 "written", "years"}
# (words both languages write: option, message, questionnaires; data as in "Graph Data Science")
# ... and words no English sentence of ours contains
FRENCH_WORDS = {"le", "la", "les", "des", "du", "une", "pour", "avec", "dans", "aucun",
                "aucune", "fichier", "fichiers", "erreur", "erreurs", "nœuds", "liens", "écrit",
                "écrits", "financements", "membres", "pôles", "sans", "ligne", "lignes",
                "utilisation", "affiche", "cette", "aide", "défaut", "dossier", "base",
                "données", "avertissement", "avertissements", "chaque", "langue", "ou", "et",
                "est", "sont", "pas", "qui", "sur", "par"}


def leaves(group: click.Group = cli, path: tuple[str, ...] = ()):
    """Every command (not group) of the command line, as its path of names."""
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from leaves(command, (*path, name))
        else:
            yield (*path, name)


def everything(group: click.Group = cli, path: tuple[str, ...] = ()):
    """Every command and group, the root included, as its path of names."""
    yield path
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            yield from everything(command, (*path, name))
        else:
            yield (*path, name)


def command_of(args: list[str]) -> str:
    """The command an invocation runs ('db start')."""
    command, path = cli, []
    for arg in args:
        if isinstance(command, click.Group) and arg in command.commands:
            command = command.commands[arg]
            path.append(arg)
        else:
            break
    return " ".join(path)


def prepare(tmp: Path) -> None:
    """The files the cases read: a dataset with errors, a subsidy file, a dataset to import
    into."""
    bad = tmp / "bad"
    bad.mkdir(exist_ok=True)
    (bad / "nodes.csv").write_text("id,type,name\np,pole,P\na,SIAE,A\n", encoding="utf-8")
    (bad / "edges.csv").write_text("source,target,type\na,pp,member_of\n", encoding="utf-8")
    (tmp / "grants.csv").write_text("Qui;Combien;Quand\nAtelier Un;1 000,50;2016\n"
                                    "Inconnue;2 000;2017\nAtelier Un;abc;2018\n",
                                    encoding="utf-8")
    shutil.copytree(TINY, tmp / "into", dirs_exist_ok=True)


def invocations(tmp: Path) -> dict[str, list[str]]:
    """Each command with arguments that make it print; store commands in the order they need
    (start the store, use it, stop it). The key names the case."""
    bad, grants, into = tmp / "bad", tmp / "grants.csv", tmp / "into"
    workbook = tmp / "mon-pole.xlsx"
    store = tmp / "store"
    return {
        "validate": ["validate", str(bad)],
        "validate ok": ["validate", str(TINY)],
        "summary": ["summary", str(TINY)],
        "summary error": ["summary", str(tmp / "nope")],
        "analyze": ["analyze", str(TINY), "-o", str(tmp / "analysis")],
        "demo": ["demo", "--dataset", "pays-de-bray", "-o", str(tmp / "demo")],
        "generate": ["generate", "--poles", "1", "-o", str(tmp / "generated")],
        "view ego": ["view", "ego", str(TINY), "org-1", "-o", str(tmp / "ego.html")],
        "simulate": ["simulate", str(TINY), "--remove", "col-region"],
        "simulate top": ["simulate", str(TINY), "--remove-top-funder", "-o", str(tmp / "sim")],
        "timeline": ["timeline", str(TINY)],
        "diff": ["diff", str(TINY), "--from", "2013", "--to", "2018"],
        "recommend": ["recommend", str(TINY)],
        "import subsidies": ["import", "subsidies", str(grants), "--into", str(into), "--map",
                             "Qui=beneficiary_name", "--map", "Combien=amount", "--map",
                             "Quand=year", "--funder", "Fondation Y", "--dry-run"],
        "template": ["template", "-o", str(workbook)],
        "survey make": ["survey", "make", str(TINY), "-o", str(tmp / "survey")],
        "survey collect": ["survey", "collect", str(tmp / "survey"), "--into", str(into),
                           "-o", str(tmp / "surveyed")],
        "usage error": ["validate", "--no-such-option"],
        "bad value": ["summary", str(TINY), "--format", "xml"],
        "query error": ["query"],
        "view ego error": ["view", "ego", str(TINY), "org-9", "-o", str(tmp / "e.html")],
        "simulate error": ["simulate", str(TINY), "--remove", "pole-a"],
        "template error": ["template", "-o", str(tmp / "pole.csv")],
        "year error": ["summary", str(TINY), "--as-of", "1200"],
        "db status off": ["db", "status", "--data", str(store)],
        "query no store": ["query", "collectivities-per-pole"],
        "db start": ["db", "start", "--data", str(store)],
        "db status": ["db", "status", "--data", str(store)],
        "load": ["load", str(TINY)],
        "query": ["query", "collectivities-per-pole"],
        "query empty": ["query", "isolated-members", "--param", "pole=pole-nope"],
        "pull": ["pull", "-o", str(tmp / "pulled")],
        "db stop": ["db", "stop", "--data", str(store)],
        "db stop again": ["db", "stop", "--data", str(store)],
    }


def helps() -> dict[str, list[str]]:
    return {f"help {' '.join(path)}".strip(): [*path, "--help"] for path in everything()}


def prose(output: str, technical: set[str] = frozenset()) -> set[str]:
    """The words of ``output`` a person reads as language: without paths, file names,
    `commands`, options, $VARIABLES, identifiers, METAVARS and [a|b] choices."""
    output = re.sub(r"`[^`]*`", " ", output)
    output = re.sub(r"\[[^\]\n]*\|[^\]\n]*\]", " ", output)
    output = re.sub(r"\S*[/\\]\S*|\S+\.(csv|html|xlsx|json|cypher|md|py)\b", " ", output)
    output = re.sub(r"\S+=\S*|(?<!\w)--?[\w-]+|\$\w+|\w*_\w*|\b[A-Z][A-Z0-9]+\b", " ", output)
    return set(re.findall(r"[a-zà-ÿœ]+", output.lower())) - technical


def data_words() -> set[str]:
    """Every word of the datasets' values the commands print (names, ids, sectors...)."""
    words = set()
    for folder in (TINY, bundled_dataset("pays-de-bray")):
        data = read_dataset(folder)
        for frame in (data.nodes, data.edges):
            for value in frame.to_numpy().ravel():
                words.update(re.findall(r"[a-zà-ÿœ]+", str(value).lower()))
    return words


def choice_words(args: list[str]) -> set[str]:
    """The values of the command's click.Choice options (codes the user types, in any
    language)."""
    command = cli
    for arg in args:
        if isinstance(command, click.Group) and arg in command.commands:
            command = command.commands[arg]
    words = set()
    for param in command.params:
        if isinstance(param.type, click.Choice):
            for choice in param.type.choices:
                words.update(re.findall(r"[a-z]+", str(choice).lower()))
    return words


def sentences() -> list[str]:
    """The literal parts of the catalogues' English sentences (ours, click's), long enough to
    be telling, that their French does not keep."""
    parts = []
    for domain, templates in (("ptce_graph", code_messages()), ("click", click_messages())):
        french = catalogue_entries("fr", domain)
        for template in templates:
            if french.get(template) and french[template] != template:
                for text, *_rest in string.Formatter().parse(template):
                    if len(text.strip()) >= 14 and text.strip() not in french[template]:
                        parts.append(text.strip())
    return parts


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    runner = CliRunner()
    found = {}
    for lang, env in (("fr", FRENCH), ("en", ENGLISH)):
        tmp = tmp_path_factory.mktemp(lang)
        env = {**env, "PTCE_GRAPH_DATA": str(tmp / "store")}
        prepare(tmp)
        try:
            for name, args in {**invocations(tmp), **helps()}.items():
                result = runner.invoke(cli, args, env=env, prog_name="ptce-graph")
                assert result.exception is None or isinstance(result.exception, SystemExit), \
                    (name, result.exception, result.output)
                found[lang, name] = result.output
        finally:  # never leave a server behind, even when a case failed
            runner.invoke(cli, ["db", "stop", "--data", str(tmp / "store")], env=env)
    return found


CASES = sorted(invocations(Path("/nonexistent")))
HELPS = sorted(helps())


def test_every_command_is_run():
    """A command added to the command line without a case here fails this test."""
    run = {command_of(args) for args in invocations(Path("/nonexistent")).values()}
    assert {" ".join(path) for path in leaves()} - run == set()
    assert {"", "db", "import", "survey", "view", "validate", "db start"} <= \
        {" ".join(path) for path in everything()}


def check_french(name: str, french: str, english: str, technical: set[str]) -> None:
    assert french.strip() and french != english, name
    leftovers = [s for s in sentences() if s in french]
    assert leftovers == [], f"{name}: English sentences in the French output: {leftovers}"
    english_words = prose(french, technical) & ENGLISH_WORDS
    assert english_words == set(), f"{name}: {sorted(english_words)}\n{french}"
    # and the English output is English (the check above is not vacuous), with no French
    assert prose(english, technical) & ENGLISH_WORDS, english
    french_words = prose(english, technical) & FRENCH_WORDS
    assert french_words == set(), f"{name}: French in English: {sorted(french_words)}\n{english}"


@pytest.mark.parametrize("name", CASES)
def test_french_under_a_french_locale(outputs, name):
    check_french(name, outputs["fr", name], outputs["en", name], data_words())


@pytest.mark.parametrize("name", HELPS)
def test_help_in_french_under_a_french_locale(outputs, name):
    args = helps()[name]
    check_french(name, outputs["fr", name], outputs["en", name], choice_words(args))


def test_the_store_commands_really_ran(outputs):
    """The store cases reached a running store (not only its 'not running' errors)."""
    assert "Base de graphe locale démarrée" in outputs["fr", "db start"] or \
        "démarr" in outputs["fr", "db start"].lower(), outputs["fr", "db start"]
    assert "Loaded tiny" in outputs["en", "load"], outputs["en", "load"]
    assert "Wrote" in outputs["en", "pull"] and "Stopped" in outputs["en", "db stop"]


def test_the_option_and_the_variable_come_before_the_locale():
    runner = CliRunner()
    args = ["validate", str(TINY)]
    assert "0 erreur(s)" in runner.invoke(cli, [*args, "--lang", "fr"], env=ENGLISH).output
    assert "0 error(s)" in runner.invoke(cli, [*args, "--lang", "en"], env=FRENCH).output
    assert "0 erreur(s)" in runner.invoke(cli, args, env={**ENGLISH,
                                                        "PTCE_GRAPH_LANG": "fr"}).output
    # --help and click's usage errors too, though they come before --lang is processed
    assert runner.invoke(cli, ["validate", "--help", "--lang", "fr"], env=ENGLISH,
                         prog_name="ptce-graph").output.startswith("Utilisation :")
    assert "Option inconnue" in runner.invoke(cli, ["validate", "--nope", "--lang=fr"],
                                              env=ENGLISH).output
    # a variable naming no language: one clear line (it was a traceback)
    wrong = runner.invoke(cli, args, env={**ENGLISH, "PTCE_GRAPH_LANG": "de"})
    assert wrong.exit_code == 1 and wrong.output == (
        "Error: PTCE_GRAPH_LANG='de' is not a language ptce-graph speaks: set it to fr or en, "
        "or unset it\n")


def test_every_command_has_lang():
    for path in leaves():
        command = cli
        for name in path:
            command = command.commands[name]
        assert any("--lang" in p.opts for p in command.params), " ".join(path)
