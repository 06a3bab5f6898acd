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
}

# green (low) -> yellow -> red (high): fragility, dependence on the top funder
_SCALE = ((0.0, (26, 152, 80)), (0.5, (254, 224, 139)), (1.0, (215, 48, 39)))
UNKNOWN_COLOUR = "#BDBDBD"


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
            lines.append(f"{words[key]}: {metric_text(value, words)}")
    lines.extend(extra)
    return "\n".join(lines)
