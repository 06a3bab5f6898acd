"""`make messages`: add every message of the code that the French catalogue lacks to
ptce_graph/locale/fr/LC_MESSAGES/ptce_graph.po, msgstr empty, and list the ones to translate.

Existing entries (and the keyed labels of the views, which the code builds as f-strings and
Babel cannot see) are kept as they are: this never marks anything obsolete."""

from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from ptce_graph.i18n import KEYWORDS

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "ptce_graph" / "locale" / "fr" / "LC_MESSAGES" / "ptce_graph.po"


def main() -> None:
    with PO.open("rb") as handle:
        catalog = read_po(handle, locale="fr", domain="ptce_graph")
    added = 0
    for filename, line, message, _c, _x in extract_from_dir(
            str(ROOT / "ptce_graph"), method_map=[("**.py", "python")], keywords=KEYWORDS):
        key = message[0] if isinstance(message, tuple) else message
        if key not in catalog:
            catalog.add(message, ("", "") if isinstance(message, tuple) else "",
                        locations=[(f"ptce_graph/{filename}", line)])
            added += 1
    # the --help texts (command docstrings and option helps, keyed by their English) and the
    # library queries' questions; click's own words are in click.po (test_messages lists them)
    from ptce_graph.cli import help_texts
    from ptce_graph.i18n import catalogue_entries
    from ptce_graph.store import library

    clicks = catalogue_entries("fr", "click")
    for text in [*help_texts(), *(q.question for q in library().values() if q.question)]:
        if text not in catalog and text not in clicks:
            catalog.add(text, "")
            added += 1
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, omit_header=False, no_location=True)
    empty = [m.id for m in catalog if m.id and not (m.string[0] if isinstance(m.string, tuple)
                                                     else m.string)]
    print(f"{PO.relative_to(ROOT)}: {added} new message(s); {len(empty)} without French:")
    for message_id in empty:
        print(f"  {message_id[0] if isinstance(message_id, tuple) else message_id!r}")


if __name__ == "__main__":
    main()
