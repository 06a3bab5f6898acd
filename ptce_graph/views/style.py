"""How the views look: colours and shapes by node and edge type, colour scales, tooltips.

One place for the visual vocabulary, so that the legend, the views and the report agree."""

from __future__ import annotations

import math

import pandas as pd

from ..i18n import Labels

__all__ = [
    "NODE_STYLE",
    "EDGE_STYLE",
    "GROUP_STYLE",
    "scale_colour",
    "tooltip",
    "present",
    "pole_reasons",
    "metric_text",
    "wrap_label",
    "names_text",
    "tie_basis",
    "glossary_entries",
    "VALUE_KINDS",
    "value_kind",
    "formatted",
    "year_text",
    "amount_text",
    "share_text",
    "count_text",
    "score_text",
    "KEY_ACTOR_COLOUR",
    "colon",
    "MUTED_COLOUR",
    "UNKNOWN_COLOUR",
]

# type -> (vis shape, colour). Colours from a colour-blind-safe palette (Okabe-Ito).
NODE_STYLE: dict[str, tuple[str, str]] = {
    "pole": ("diamond", "#7B3294"),
    "organisation": ("dot", "#0072B2"),
    "collectivity": ("square", "#009E73"),
    "funder": ("triangle", "#E69F00"),
    "project": ("triangleDown", "#56B4E9"),
}
GROUP_STYLE = ("dot", "#9E9E9E")

# edge type -> (colour, dashed)
EDGE_STYLE: dict[str, tuple[str, bool]] = {
    "member_of": ("#A0A0A0", False),
    "animates": ("#7B3294", False),
    "participates_in": ("#56B4E9", False),
    "part_of": ("#8C6D31", False),
    "funds": ("#E69F00", False),
    "cooperates_with": ("#0072B2", False),
    "spins_off": ("#CC79A7", True),
    "key_actor": ("#D55E00", True),
    "group": ("#C8C8C8", True),
    # poles.html: shared funders tie most poles of a region, so ties are half transparent and
    # the strong ones and the poles stay readable
    "pole_tie": ("rgba(0, 114, 178, 0.45)", False),
    # poles.html's second layer: poles funded by the same funder (off by default)
    "shared_funder": ("rgba(230, 159, 0, 0.7)", True),
}

# green (low) -> yellow -> red (high): fragility, dependence on the top funder
_SCALE = ((0.0, (26, 152, 80)), (0.5, (254, 224, 139)), (1.0, (215, 48, 39)))
UNKNOWN_COLOUR = "#BDBDBD"
# nodes that are context, not the subject of a view (fragility.html's members and funders)
MUTED_COLOUR = "#D0D0D0"
KEY_ACTOR_COLOUR = "#0072B2"

# How a column's values read: one formatter per kind, so that a year never gets a thousands
# separator ("2 020") and a share never shows as a bare 0 or 1.
VALUE_KINDS: dict[str, str] = {
    **dict.fromkeys(("funding_ends", "founded", "year", "since", "until", "start", "end",
                     "as_of", "last_year", "first_year"), "year"),
    **dict.fromkeys(("budget", "funding_total", "total", "amount", "own_revenue",
                     "funding_lost", "funding_before", "funding_after"), "amount"),
    **dict.fromkeys(("top_funder_share", "top_share", "public_share", "own_revenue_share",
                     "cross_sector_share", "share", "lost_share", "drop",
                     "key_actor_impact"), "share"),
    **dict.fromkeys(("degree", "members", "employees", "n_funders", "isolated_members",
                     "collectivities", "funders", "core_number", "community", "n_poles",
                     "shared_members", "shared_funders", "joint_projects", "spin_offs",
                     "specific_weight", "weight", "projects_unfunded"), "count"),
    # indices in [0, 1] read with two decimals
    **dict.fromkeys(("fragility_score", "hhi", "funding_hhi", "fragility_before",
                     "fragility_after"), "score"),
}


# the catalogue's column types -> the formatter of their kind
_CATALOGUE_KINDS = {"year": "year", "eur": "amount", "share": "share", "int": "count"}


def value_kind(column: str) -> str:
    """The kind of a column's values: "year", "amount", "share", "count", "score" (an index
    in [0, 1], two decimals) or "number". ``column`` is a column name, or a label key
    ``column.TABLE.COLUMN`` whose type the catalogue of tables gives."""
    if column.startswith("column."):
        from ..catalogue import TABLES

        _, table, name = (column.split(".", 2) + ["", ""])[:3]
        if name in VALUE_KINDS:
            return VALUE_KINDS[name]
        try:
            kind = TABLES[table].column(name).type
        except KeyError:
            return "number"
        return _CATALOGUE_KINDS.get(kind, "number")
    return VALUE_KINDS.get(column.rsplit(".", 1)[-1], "number")


def year_text(value) -> str:
    """2020 as "2020" in every language (no separator, no decimals)."""
    return str(int(float(value)))


def amount_text(value, words: Labels) -> str:
    """EUR, whole: "1 250 000" / "1,250,000" (the column label carries the unit)."""
    return words.number(round(float(value)))


def share_text(value, words: Labels) -> str:
    """A share in [0, 1] as a percentage: "46 %" / "46%" (never a bare 0 or 1)."""
    return words.percent(float(value))


def score_text(value, words: Labels) -> str:
    """A fragility score (0-1) with two decimals, or "?" when unknown: "0,59" / "0.59"."""
    return words.number(float(value), 2) if present(value) else "?"


def count_text(value, words: Labels) -> str:
    """A whole number of things, with the language's thousands separator."""
    return words.number(round(float(value)))


def colon(words: Labels) -> str:
    """The separator before a value: " : " in French (with its space), ": " in English."""
    return "\u00a0: " if words.lang == "fr" else ": "


def formatted(column: str, value, words: Labels) -> str:
    """``value`` of ``column`` as a person reads it, through the formatter of its kind;
    booleans as yes/no, text as it is.

    >>> from ptce_graph.i18n import labels
    >>> formatted("funding_ends", 2020.0, labels("fr")), formatted("public_share", 1, labels("en"))
    ('2020', '100%')
    """
    if isinstance(value, bool) or (hasattr(value, "dtype") and value.dtype == bool):
        return words["yes"] if value else words["no"]
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
    else:
        number = value
    kind = value_kind(column)
    if kind == "year":
        return year_text(number)
    if kind == "amount":
        return amount_text(number, words)
    if kind == "share":
        return share_text(number, words)
    if kind == "count":
        return count_text(number, words)
    if kind == "score":
        return score_text(number, words)
    return metric_text(number, words)


def wrap_label(text: str, width: int = 24) -> str:
    """A node's label on lines of about ``width`` characters, broken between words (a long
    name drawn on one line takes the room of three nodes).

    >>> wrap_label("Entrepreneurs Solidaires du Centre Isère (ESCI)")
    'Entrepreneurs Solidaires\\ndu Centre Isère (ESCI)'
    """
    import textwrap

    return "\n".join(textwrap.wrap(str(text), width=width, break_long_words=False)) or str(text)


def present(value) -> bool:
    """Whether a table cell holds a value (not None, NaN, NA or empty text)."""
    if value is None or value is pd.NA:
        return False
    if isinstance(value, float) and math.isnan(value):
        return False
    return not (isinstance(value, str) and not value.strip())


def scale_colour(value) -> str:
    """A share in [0, 1] as a colour from green (0) to red (1); grey when unknown.

    >>> scale_colour(0.0), scale_colour(1.0), scale_colour(None)
    ('#1a9850', '#d73027', '#BDBDBD')
    """
    if not present(value):
        return UNKNOWN_COLOUR
    x = min(max(float(value), 0.0), 1.0)
    for (x0, c0), (x1, c1) in zip(_SCALE, _SCALE[1:], strict=False):
        if x <= x1:
            t = (x - x0) / (x1 - x0)
            r, g, b = (round(a + (b - a) * t) for a, b in zip(c0, c1, strict=True))
            return f"#{r:02x}{g:02x}{b:02x}"
    return "#d73027"


def pole_reasons(row: dict, words: Labels, name=None) -> list[str]:
    """A "poles" row's fragility reasons in the page's language, main reason first: rendered
    from the analysis' reason codes through the message catalogue, or its sentences
    (``fragility_reasons_fr`` in French, ``fragility_reasons`` in English). ``name(id)``: a
    node's display name."""
    from ..catalogue import reason_texts

    return reason_texts(row, "fragility_reasons", words, name, table="poles")


def metric_text(value, words: Labels) -> str:
    """A metric as a person reads it: booleans as yes/no, counts whole, shares to 3 digits."""
    if isinstance(value, bool) or (hasattr(value, "dtype") and value.dtype == bool):
        return words["yes"] if value else words["no"]
    if isinstance(value, (int,)) or (isinstance(value, float) and value.is_integer()):
        return words.number(value)
    if isinstance(value, float):
        return words.number(value, 3) if abs(value) < 10 else words.number(value)
    if hasattr(value, "item"):
        return metric_text(value.item(), words)
    return str(value)


def tooltip(title: str, rows: list[tuple[str, object]], words: Labels,
            extra: list[str] = ()) -> str:
    """Plain text (vis-network shows it as text: names cannot inject markup), one fact a line."""
    lines = [title]
    for key, value in rows:
        if present(value):
            column = key if key.startswith("column.") else key.split(".", 1)[-1]
            lines.append(f"{words[key]}{colon(words)}{formatted(column, value, words)}")
    lines.extend(extra)
    return "\n".join(lines)


# Names listed per part of an inter-pole tie, at most; the rest counted.
NAMES_SHOWN = 6


def names_text(G, ids: list[str], *, words: Labels, limit: int = NAMES_SHOWN) -> str:
    """Display names of ``ids``, the first ``limit`` of them, then "and N more"."""
    from ..build import node_name

    shown = [node_name(G, i) for i in ids[:limit]]
    rest = len(ids) - len(shown)
    return ", ".join(shown) + (" " + words.format("ui.and_more", n=count_text(rest, words))
                               if rest > 0 else "")


def tie_basis(G, row: dict, words: Labels) -> list[str]:
    """What a row of the "interpole" table rests on, beyond umbrella projects and shared
    funders: one line per part, with names ("membres partagés (2) : A, B")."""
    from ..schema import split_ids

    umbrella = set(split_ids(row.get("umbrella")))
    members = split_ids(row.get("members"))
    projects = [p for p in split_ids(row.get("projects")) if p not in umbrella]
    lines = []
    if members:
        lines.append(f"{words['interpole.shared_members']} ({count_text(len(members), words)})"
                     f"{colon(words)}{names_text(G, members, words=words)}")
    if projects:
        lines.append(f"{words['interpole.specific_projects']} "
                     f"({count_text(len(projects), words)}){colon(words)}"
                     f"{names_text(G, projects, words=words)}")
    spin = row.get("spin_offs")
    if present(spin) and float(spin) > 0:
        lines.append(f"{words['interpole.spin_offs']} ({count_text(spin, words)})")
    return lines


def glossary_entries(words: Labels, names) -> list[tuple[str, str, str]]:
    """(anchor, term, explanation) for each metric name, in the page's language: the glossary
    of each view and of the report."""
    def term(n: str) -> str:
        for key in (f"glossary_term.{n}", f"attr.{n}", f"column.nodes.{n}",
                    f"column.poles.{n}", f"column.funding.{n}"):
            found = words.get(key, "")
            if found:
                return found
        return n

    return [(f"g-{n}", term(n), words[f"glossary.{n}"]) for n in names]
