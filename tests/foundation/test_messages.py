"""The message catalogue: every sentence the code writes for people has its French, and the
French keeps the template's fields; the views' keyed labels exist in both languages."""

import string

import pytest

from ptce_graph.i18n import (
    _,
    catalogue_entries,
    code_messages,
    labels,
    ngettext_,
    resolve_language,
)


def fields(template: str) -> set[str]:
    return {name for _text, name, _spec, _conv in string.Formatter().parse(template) if name}


def test_every_message_of_the_code_has_its_french():
    french = catalogue_entries("fr")
    code = code_messages()
    assert len(code) > 40  # the extraction finds the code's messages (not an empty pass)
    missing = {m: where for m, where in code.items() if not french.get(m)}
    assert missing == {}, "no French for these (run `make messages`, then translate):\n" + \
        "\n".join(f"{where}: {m!r}" for m, where in missing.items())


def test_french_keeps_the_fields_of_each_template():
    french = catalogue_entries("fr")
    for template in code_messages():
        assert fields(french[template]) == fields(template), template


def test_labels_exist_in_both_languages():
    french, english = catalogue_entries("fr"), catalogue_entries("en")
    keyed = {k for k in english if "." in k and " " not in k}
    assert len(keyed) > 150
    assert {k for k in keyed if not french.get(k)} == set()
    assert {k for k in french if "." in k and " " not in k and k not in english} == set()


def test_a_message_renders_in_both_languages():
    msg = _("node {id!r} has no edge", id="org-x")
    assert (str(msg), msg.render("fr")) == ("node 'org-x' has no edge",
                                            "le nœud 'org-x' n'a aucun lien")
    plural = ngettext_("{path}: {n} error; fix it and try again",
                       "{path}: {n} errors; fix them and try again", 2, path="x")
    assert plural.render("fr") == "x : 2 erreurs ; corrigez-les et recommencez"
    assert ngettext_("{path}: {n} error; fix it and try again",
                     "{path}: {n} errors; fix them and try again", 1, path="x").render("en") \
        == "x: 1 error; fix it and try again"


@pytest.mark.parametrize("choice, environ, expected", [
    ("en", {"PTCE_GRAPH_LANG": "fr", "LANG": "fr_FR.UTF-8"}, "en"),
    (None, {"PTCE_GRAPH_LANG": "fr", "LANG": "C"}, "fr"),
    (None, {"LANG": "fr_FR.UTF-8"}, "fr"),
    (None, {"LANG": "fr_CA.UTF-8"}, "fr"),
    (None, {"LANG": "C.UTF-8"}, "en"),
    (None, {"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),  # LC_ALL wins, as in POSIX
    (None, {"LC_MESSAGES": "fr_BE", "LANG": "en_GB"}, "fr"),
    (None, {}, "en"),
])
def test_language_setting(choice, environ, expected):
    assert resolve_language(choice, environ) == expected


def test_numbers_through_babel():
    assert labels("fr").number(1234567.5, 1) == "1\u202f234\u202f567,5"
    assert labels("en").number(1234567.5, 1) == "1,234,567.5"
    assert labels("en").percent(0.456) == "46%"
    assert labels("fr").percent(0.456).startswith("46") and labels("fr").percent(0.5)[-1] == "%"


# ---- what people read that is not a `_()` of our code: the --help of every command and
# option, click's own words, the library queries' questions


def test_every_help_text_has_its_french():
    from ptce_graph.cli import help_texts

    french, clicks = catalogue_entries("fr"), catalogue_entries("fr", "click")
    texts = help_texts()
    assert len(texts) > 80  # every command and option, not an empty walk
    missing = {where: text for text, where in texts.items()
               if not (french.get(text) or clicks.get(text))}
    assert missing == {}, "no French for these --help texts (add them to the fr .po):\n" + \
        "\n".join(f"{where}: {text[:70]!r}" for where, text in missing.items())
    for text in texts:
        translated = french.get(text) or clicks[text]
        assert translated != text and fields(translated) == fields(text), text


def test_every_message_of_click_has_its_french():
    from ptce_graph.i18n import click_messages

    french = catalogue_entries("fr", "click")
    messages = click_messages()
    assert {"Usage:", "Show this message and exit.", "No such option {name!r}.",
            "Error: {message}"} <= set(messages)  # the extraction reads click's source
    missing = {m: where for m, where in messages.items() if not french.get(m)}
    assert missing == {}, "no French for click's (add them to locale/fr/LC_MESSAGES/click.po):\n" \
        + "\n".join(f"{where}: {m!r}" for m, where in missing.items())
    for message in messages:
        # a French text may leave out a field click fills with an English word ("File")
        assert fields(french[message]) <= fields(message), message
        assert ("%(" in french[message]) == ("%(" in message), message


def test_every_library_question_has_its_french():
    from ptce_graph.store import library

    french = catalogue_entries("fr")
    questions = {q.name: q.question for q in library().values()}
    assert len(questions) >= 10 and all(questions.values())
    assert {name: q for name, q in questions.items() if not french.get(q)} == {}


def test_help_renders_in_both_languages():
    from click.testing import CliRunner

    from ptce_graph.cli import cli

    french = CliRunner().invoke(cli, ["validate", "--help", "--lang", "fr"],
                                     prog_name="ptce-graph").output
    english = CliRunner().invoke(cli, ["validate", "--help"], env={"PTCE_GRAPH_LANG": "en"},
                                      prog_name="ptce-graph").output
    assert french.startswith("Utilisation : ptce-graph validate [OPTIONS] DATASET")
    assert "Vérifie DATASET" in french and "Affiche cette aide et s'arrête." in french
    assert english.startswith("Usage: ptce-graph validate [OPTIONS] DATASET")
    assert "Check DATASET" in english and "Show this message and exit." in english
