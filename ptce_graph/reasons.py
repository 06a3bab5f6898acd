"""Reasons as codes with parameters: what the analysis says, before any language.

The analysis never writes a sentence. It returns :class:`Reason` values such as
``funding_stopped{year=2018}``; only writers (CSV files meant for people, views, report,
console) render them, through the message catalogue (``i18n``), in the reader's language.
A reason's text form (``str(reason)``) is stable and language-free: it is what machine-facing
tables and tests compare.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Reason", "reason", "reasons_text", "parse_reasons"]

SEPARATOR = "; "


@dataclass(frozen=True, order=True)
class Reason:
    """One reason: a code (``funding_stopped``) and its parameters, sorted by name.

    >>> str(reason("funding_stopped", year=2018))
    'funding_stopped{year=2018}'
    >>> reason("single_funder", funder="fin-etat").params_dict()
    {'funder': 'fin-etat'}
    """

    code: str
    params: tuple[tuple[str, Any], ...] = field(default=())

    def params_dict(self) -> dict[str, Any]:
        return dict(self.params)

    def __str__(self) -> str:
        if not self.params:
            return self.code
        inner = ",".join(f"{k}={_text(v)}" for k, v in self.params)
        return f"{self.code}{{{inner}}}"


def reason(code: str, **params: Any) -> Reason:
    """A :class:`Reason` with ``params`` (sorted by name, so equal reasons compare equal)."""
    return Reason(code, tuple(sorted(params.items())))


def reasons_text(reasons: Iterable[Reason]) -> str:
    """Reasons in their language-free text form, joined by ``"; "`` (empty string for none).

    >>> reasons_text([reason("a", x=1), reason("b")])
    'a{x=1}; b'
    """
    return SEPARATOR.join(str(r) for r in reasons)


def parse_reasons(text: str | None) -> tuple[Reason, ...]:
    """The inverse of :func:`reasons_text` for parameters that hold no ``,``, ``=``, ``{``,
    ``}`` or ``;`` (numbers, ids); values come back as text.

    >>> parse_reasons("a{x=1}; b")
    (Reason(code='a', params=(('x', '1'),)), Reason(code='b', params=()))
    """
    if not text:
        return ()
    found = []
    for part in str(text).split(SEPARATOR):
        code, _, rest = part.partition("{")
        params: Mapping[str, str] = {}
        if rest:
            params = dict(item.split("=", 1) for item in rest.rstrip("}").split(",") if item)
        found.append(reason(code, **params))
    return tuple(found)


def _text(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return str(value)
