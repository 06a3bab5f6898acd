"""Everything a person reads, in their language: the gettext catalogue, the language setting,
and numbers written as each language writes them (Babel).

How to add a message (everyone who writes for people, read this):

1. **A sentence** (an error, a console line, a heading): write it in English through ``_``::

       from .i18n import _
       raise OptionError(_("no pole {pole!r} in the store", pole=pole_id))

   ``_`` returns a :class:`Message`: ``str(msg)`` is the English text, ``msg.render("fr")``
   the French. Name the fields (``{pole!r}``, ``{n}``), never build the sentence with f-strings:
   the template is the catalogue's key. For counts use ``ngettext_("{n} error", "{n} errors",
   n)``.
2. **A word of the views and report** (a column title, a legend): a keyed label,
   ``labels(lang)["attr.fragility_score"]``; add the key to *both* ``.po`` files.
3. **The French**: add the entry to ``ptce_graph/locale/fr/LC_MESSAGES/ptce_graph.po``
   (``msgid`` = the English template exactly, ``msgstr`` = the French). ``make messages`` runs
   Babel's extraction and adds every new ``_()`` of the code to it, msgstr empty, for you to
   fill in. ``tests/foundation/test_messages.py`` fails on a message without French.

The ``.po`` files are the only committed form: they are read with Babel when first used (a
few milliseconds), so there is no ``.mo`` to compile at build or install time and an editable
install always sees the catalogue as edited.

The language: ``--lang fr|en`` on every command, else ``$PTCE_GRAPH_LANG``, else the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG`` starting with ``fr``), else English
(:func:`resolve_language`). Library functions that take ``lang=None`` keep French, the
language of the people the views and report are written for.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from .errors import OptionError

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "Labels", "labels", "Message", "Text", "Score",
           "listed", "_", "ngettext_",
           "render", "resolve_language", "translate", "click_gettext", "click_ngettext",
           "catalogue_entries", "click_messages", "REASON_TEXTS",
           "reason_message", "render_reason", "render_reasons"]

LANGUAGES = ("fr", "en")
DEFAULT_LANGUAGE = "fr"
DOMAIN = "ptce_graph"
_LOCALES = {"fr": "fr_FR", "en": "en_GB"}


# ---------------------------------------------------------------------------- the catalogue


# click's own words ("Usage:", "Show this message and exit.", "No such option") are
# marked for gettext in click's source; their French is the catalogue of that domain.
CLICK_DOMAIN = "click"


@lru_cache(maxsize=2 * len(LANGUAGES))
def _translations(lang: str, domain: str = DOMAIN):
    """Babel Translations of ``lang``, compiled in memory from its committed .po file."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    source = files("ptce_graph") / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    if not source.is_file():  # English: click's own words are English already
        return NullTranslations()
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=domain)


def catalogue_entries(lang: str, domain: str = DOMAIN) -> dict[str, str]:
    """Every (msgid -> msgstr) of a language's catalogue, for the tests and tools (plural
    entries under their singular msgid)."""
    from babel.messages.pofile import read_po

    source = files("ptce_graph") / "locale" / lang / "LC_MESSAGES" / f"{domain}.po"
    with source.open("rb") as handle:
        catalog = read_po(handle, locale=lang, domain=domain)
    entries = {}
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        text = message.string[0] if isinstance(message.string, tuple) else message.string
        entries[key] = "" if message.fuzzy else (text or "")
    return entries


def translate(lang: str | None, text: str) -> str:
    """``text`` (an English template or a label key) in ``lang``; itself when untranslated."""
    return _translations(_checked(lang)).gettext(text)


def click_gettext(lang: str | None, text: str) -> str:
    """One of click's own messages in ``lang`` (click marks them for gettext)."""
    return _translations(_checked(lang), CLICK_DOMAIN).gettext(text)


def click_ngettext(lang: str | None, singular: str, plural: str, n: int) -> str:
    """One of click's own messages with a count, in ``lang``."""
    return _translations(_checked(lang), CLICK_DOMAIN).ngettext(singular, plural, n)


# ---------------------------------------------------------------------------- messages


@dataclass(frozen=True)
class Message:
    """A sentence for people, not yet in a language: an English template and its fields.

    >>> msg = _("node {id!r} has no edge", id="org-x")
    >>> str(msg)
    "node 'org-x' has no edge"
    >>> msg.render("fr")
    "le nœud 'org-x' n'a aucun lien"
    """

    template: str
    params: tuple[tuple[str, Any], ...] = field(default=())
    plural: str = ""
    count: int | None = None

    def render(self, lang: str | None = "en") -> str:
        lang = _checked(lang)
        translations = _translations(lang)
        if self.plural:
            text = translations.ngettext(self.template, self.plural, self.count or 0)
        else:
            text = translations.gettext(self.template)
        values = {k: _field(v, lang) for k, v in self.params}
        if self.plural:
            values.setdefault("n", self.count)
        return text.format(**values)

    def __str__(self) -> str:
        return self.render("en")


def _(template: str, **params: Any) -> Message:
    """A :class:`Message` (``_`` is the name Babel extracts from the code)."""
    return Message(template, tuple(sorted(params.items())))


def ngettext_(singular: str, plural: str, n: int, **params: Any) -> Message:
    """A message with a count: ``{n}`` is the count."""
    return Message(singular, tuple(sorted(params.items())), plural, n)


def render(text: Message | str | Any, lang: str | None) -> str:
    """A Message in ``lang``; anything else as text."""
    return text.render(lang) if isinstance(text, Message) else str(text)


@dataclass(frozen=True)
class Text:
    """A message field already written in each language (the analysis' own French and English
    sentences, such as fragility reasons, until they are reason codes)."""

    en: str
    fr: str

    def render(self, lang: str | None) -> str:
        return self.fr if _checked(lang) == "fr" else self.en


@dataclass(frozen=True)
class Score:
    """A number in a message (two decimals unless told), written as the language writes it."""

    value: float
    digits: int = 2

    def render(self, lang: str | None) -> str:
        return labels(lang).number(self.value, self.digits)


class _Listed(tuple):
    """Values a message lists: joined with ', ' (see :func:`listed`)."""


def listed(values) -> _Listed:
    """Values for a message field, shown joined with ', '."""
    return _Listed(values)


def _field(value: Any, lang: str) -> Any:
    if isinstance(value, (Message, Text, Score, _Percent)):
        return value.render(lang)
    if isinstance(value, _Listed):
        return ", ".join(str(_field(v, lang)) for v in value)
    return value


# ---------------------------------------------------------------------------- the language


def resolve_language(choice: str | None = None, environ: Mapping[str, str] | None = None) -> str:
    """The language to speak: ``choice`` (``--lang``), else ``$PTCE_GRAPH_LANG``, else the
    locale (the first set of ``LC_ALL``, ``LC_MESSAGES``, ``LANG``: French when it starts with
    ``fr``), else English.

    >>> resolve_language(None, {"LANG": "fr_FR.UTF-8"}), resolve_language(None, {"LANG": "C"})
    ('fr', 'en')
    >>> resolve_language("en", {"PTCE_GRAPH_LANG": "fr"})
    'en'
    """
    environ = os.environ if environ is None else environ
    if choice:
        return _checked(choice)
    chosen = environ.get("PTCE_GRAPH_LANG", "").strip()
    if chosen:
        return _checked(chosen)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "").strip()
        if value:
            return "fr" if value.lower().startswith("fr") else "en"
    return "en"


def _checked(lang: str | None) -> str:
    lang = (lang or DEFAULT_LANGUAGE).lower()
    if lang not in LANGUAGES:
        raise OptionError(_("Unknown language {lang!r}: use one of {languages}.", lang=lang,
                            languages=listed(LANGUAGES)))
    return lang


# ---------------------------------------------------------------------------- labels


def _column_label(key: str, lang: str) -> str | None:
    """``column.TABLE.COLUMN``: the label the catalogue of tables gives that column (the
    catalogue holds each column's description and labels in one place)."""
    if not key.startswith("column."):
        return None
    from .catalogue import column_label

    _, table, column = (key.split(".", 2) + ["", ""])[:3]
    return column_label(table, column, lang)


class Labels:
    """The words of one language: ``labels["type.pole"]``; ``labels["column.nodes.degree"]``:
    the label of a table's column, from :mod:`ptce_graph.catalogue`; unknown keys show as
    their last part."""

    def __init__(self, lang: str):
        self.lang = lang
        self.locale = _LOCALES[lang]
        self._translations = _translations(lang)

    def __getitem__(self, key: str) -> str:
        return self.get(key)

    def get(self, key: str, default: str | None = None) -> str:
        text = self._translations.gettext(key)
        if text != key:
            return text
        label = _column_label(key, self.lang)
        if label:
            return label
        return key.split(".", 1)[-1] if default is None else default

    def __contains__(self, key: str) -> bool:
        return self._translations.gettext(key) != key or bool(_column_label(key, self.lang))

    def format(self, key: str, **values) -> str:
        return self[key].format(**values)

    def sector(self, code) -> str:
        """A sector as the page's language names it: its label when the catalogue knows the
        code (``personal-care`` -> 'services à la personne'), else the value as written.

        >>> labels("fr").sector("personal-care"), labels("en").sector("Maraîchage")
        ('services à la personne', 'Maraîchage')
        """
        if not isinstance(code, str) or not code.strip():
            return "" if code is None else str(code)
        key = f"sector.{code.strip().lower()}"
        return self.get(key, code)

    def message(self, text: Message | str) -> str:
        """A :class:`Message` in this language."""
        return render(text, self.lang)

    def number(self, value, digits: int = 0) -> str:
        """A number as the language writes it (Babel, CLDR): 1 234 567,5 in French,
        1,234,567.5 in English."""
        from babel.numbers import format_decimal

        pattern = "#,##0" + ("." + "0" * digits if digits else "")
        # rounded as Python prints it (the tables and charts beside these figures do), not
        # Babel's half-even on the decimal text: 0.505 reads 0,51 where the chart says 0.51
        rounded = float(f"{float(value):.{digits}f}")
        return format_decimal(rounded, format=pattern, locale=self.locale)

    def percent(self, share) -> str:
        """0.456 -> '46 %' (French) or '46%' (English)."""
        from babel.numbers import format_percent

        # French typography (and what the pages showed before Babel): a narrow no-break space
        return format_percent(float(share), locale=self.locale).replace("\xa0%", "\u202f%")


def labels(lang: str | None) -> Labels:
    """The labels of ``lang`` (``None``: the default, French).

    >>> labels("en")["type.pole"]
    'Pole (PTCE)'
    >>> labels("fr").number(1234567.5, 1)
    '1\\u202f234\\u202f567,5'
    """
    return Labels(_checked(lang))


# ---------------------------------------------------------------------------- upkeep

# How Babel finds the messages in the code: ``_(template, **fields)`` and
# ``ngettext_(singular, plural, n, **fields)``.
KEYWORDS = {"_": None, "ngettext_": (1, 2)}


def code_messages() -> dict[str, str]:
    """Every message template the code writes through ``_``/``ngettext_``, with where it is
    (``module.py:line``); plural messages under their singular. Read by the catalogue test and
    ``make messages``."""
    from pathlib import Path

    return _extracted(Path(__file__).resolve().parent, KEYWORDS)


def click_messages() -> dict[str, str]:
    """Every message click marks for gettext in its source (``_``, ``ngettext``), with where
    it is, plus the words click passes through ``_`` from a variable ("required"). Read by the
    catalogue test: a click upgrade that adds a message fails it until the message has its
    French in ``locale/fr/LC_MESSAGES/click.po``."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("click")
    found = _extracted(Path(spec.origin).parent, {"_": None, "ngettext": (1, 2)})
    found.setdefault("required", "core.py (_(extra['required']))")
    return found


def _extracted(folder, keywords) -> dict[str, str]:
    from babel.messages.extract import extract_from_dir

    found: dict[str, str] = {}
    for filename, line, message, _comments, _context in extract_from_dir(
            str(folder), method_map=[("**.py", "python")], keywords=keywords,
            comment_tags=(), strip_comment_tags=True):
        key = message[0] if isinstance(message, tuple) else message
        if key:
            found.setdefault(key, f"{filename}:{line}")
    return found


# ---------------------------------------------------------------------------- reasons
# The texts of the analysis' reason codes (ptce_graph.reasons), in the catalogue like every
# message: the English template here, its French in the .po file. ``{share}`` is rendered as a
# percentage, ids named ``funder``/``actor`` by their node's name. The French names the field's
# criterion, so a chamber can quote it. (Texts from issue 9.)
REASON_TEXTS: dict[str, Message] = {
    "funding_stopped": _("funding stopped: no funding after {year} (funding discontinuity)"),
    "funding_ends": _("end of start-up or programme funding: {share} of the {year} funding "
                      "ends with no known renewal"),
    "funding_withdrawn": _("all its funding is withdrawn"),
    "funding_short": _("funding short: in {year}, {share} of the pole's budget is covered "
                       "neither by its own revenue nor by known funding"),
    "funding_uncommitted": _("no funding committed beyond {year} (consolidating a pole takes "
                             "more than 5 years, while funders often commit for 3)"),
    "single_funder": _("dependence on one funder: all funding comes from {funder}"),
    "top_funder_share": _("dependence on one funder: {share} of funding comes from {funder}"),
    "subsidy_share_above_third": _("more than a third subsidies (3/3 rule): {share} of the "
                                   "{basis} budget"),
    "public_dependence": _("dependence on public funding: {share} of the budget is covered "
                           "neither by own revenue nor by private funders"),
    "key_actor": _("dependence on one key actor: without {actor}, {cut} of the {others} other "
                   "actors are cut off"),
    "isolated_members": _("unfinished cooperation: {count} of {members} members have no "
                          "cooperation tie"),
    "closed_within_sectors": _("cooperation closed within sectors: only {share} of ties cross "
                               "sectors"),
    "not_enough_data": _("not enough data for a score: missing {missing}"),
    # issue 9 (fragility v2, member side): texts in the block at the end of the .po files
    "pole_in_pieces": _("cooperation network in pieces: {outside} of the pole's {actors} "
                        "actors are outside a piece holding most of them"),
    "sectors_closed": _("cooperation closed within sectors: {closed} of the pole's {sectors} "
                        "sectors have no cooperation tie with another sector"),
}
_BASIS = {"pole": _("pole's own"),
          "members": _("members' consolidated (no figures for the pole itself)")}
_MISSING = {"funding": _("funding"), "members": _("members"),
            "economic_model": _("economic model (budget, own revenue)"),
            "cooperation": _("cooperation ties")}


@dataclass(frozen=True)
class _Percent:
    share: float

    def render(self, lang: str | None) -> str:
        return labels(lang).percent(self.share)


def reason_message(item, name=None) -> Message | None:
    """A :class:`ptce_graph.reasons.Reason` as a :class:`Message` (None for an unknown code).
    ``name(id)`` gives a node's display name."""
    template = REASON_TEXTS.get(item.code)
    if template is None:
        return None
    values: dict[str, Any] = {}
    for key, value in item.params_dict().items():
        if key == "share":
            values[key] = _Percent(float(value))
        elif key in ("funder", "actor") and name is not None:
            values[key] = name(value)
        elif key == "basis":
            values[key] = _BASIS.get(value, value)
        elif key == "missing":
            values[key] = listed(_MISSING.get(p, p) for p in str(value).split("+") if p)
        else:
            values[key] = value
    return Message(template.template, tuple(sorted(values.items())))


def render_reason(item, lang: str | None = None, name=None) -> str:
    """One :class:`ptce_graph.reasons.Reason` as a sentence in ``lang`` (default French).
    ``name(id)`` gives a node's display name (ids are shown as they are without it); unknown
    codes show in their language-free form.

    >>> from ptce_graph.reasons import reason
    >>> render_reason(reason("funding_stopped", year=2018), "en")
    'funding stopped: no funding after 2018 (funding discontinuity)'
    >>> render_reason(reason("top_funder_share", share=0.7, funder="fin-x"), "fr")
    'dépendance à un financeur : 70\\u202f% des financements viennent de fin-x'
    """
    message = reason_message(item, name)
    return str(item) if message is None else message.render(lang)


def render_reasons(items, lang: str | None = None, name=None) -> str:
    """Reasons rendered by :func:`render_reason`, joined by ``"; "`` (empty for none)."""
    return "; ".join(render_reason(r, lang, name) for r in items)
