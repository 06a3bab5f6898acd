"""The one exception hierarchy of ptce-graph, and the Problem record validation reports.

Every message names where the problem is (file, line, column) and, where it can, the fix.
Messages are :class:`ptce_graph.i18n.Message` values where they have been written for people
in both languages: ``str()`` gives English, ``render(lang)`` the reader's language."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Problem", "problem_lines", "PtceError", "DatasetError", "StoreError", "OptionError"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation. ``line`` counts as a spreadsheet does: the header is line 1."""

    file: str
    line: int
    column: str
    message: str  # in English; ``text`` renders it in another language
    severity: str = "error"  # or "warning"
    text: Any = field(default=None, compare=False, repr=False)  # the i18n.Message, if any
    kind: str = field(default="", compare=False, repr=False)  # what groups alike problems

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str | None = "en") -> str:
        """``FILE:LINE: COLUMN: message`` in ``lang`` (the column as the user wrote it)."""
        from .i18n import _, render

        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.column}:" if self.column else ""
        message = render(self.text, lang) if self.text is not None else self.message
        tag = render(_("warning: "), lang) if self.severity == "warning" else ""
        return f"{where}:{col} {tag}{message}"


class PtceError(Exception):
    """Base of every error ptce-graph raises on purpose; the CLI turns it into one clear line.

    The message may be an :class:`ptce_graph.i18n.Message`: ``str(err)`` is then English and
    ``err.render(lang)`` the reader's language."""

    def __init__(self, message: Any = "", *args):
        super().__init__(str(message), *args)
        self.text = message

    def render(self, lang: str | None = "en") -> str:
        from .i18n import render

        return render(self.text, lang) if self.text is not None else str(self)


class DatasetError(PtceError):
    """A dataset that cannot be used as it is; ``problems`` lists every error found."""

    def __init__(self, message: Any, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def __str__(self) -> str:
        return self.render("en")

    def render(self, lang: str | None = "en", per_kind: int = 5) -> str:
        """The message, then the errors: at most ``per_kind`` of one kind, with a count of the
        rest."""
        from .i18n import render

        head = render(self.text, lang)
        errors = [p for p in self.problems if p.severity == "error"]
        if not errors:
            return head
        return head + "\n" + "\n".join(problem_lines(errors, lang, per_kind,
                                                       "ptce-graph validate --report FILE"))


def problem_lines(problems: list[Problem], lang: str | None, per_kind: int,
                  where_all: str) -> list[str]:
    """Problems as lines in ``lang``, at most ``per_kind`` of one kind (then one line with the
    count of the others of that kind, and ``where_all`` to see them)."""
    from .i18n import ngettext_

    shown: dict[tuple, int] = {}
    hidden: dict[tuple, int] = {}
    lines = []
    for problem in problems:
        kind = (problem.file, problem.column, problem.kind or problem.message)
        if shown.get(kind, 0) < per_kind:
            shown[kind] = shown.get(kind, 0) + 1
            lines.append(problem.render(lang))
        else:
            hidden[kind] = hidden.get(kind, 0) + 1
    for (file, column, _kind), count in hidden.items():
        lines.append(ngettext_("{file}: ... and {n} more of this kind in column {column} (all "
                               "of them: {where})",
                               "{file}: ... and {n} more of this kind in column {column} (all "
                               "of them: {where})",
                               count, file=file, column=column or "-", where=where_all)
                     .render(lang))
    return lines


class StoreError(PtceError):
    """The graph database could not be reached or refused the work."""


class OptionError(PtceError):
    """An option or argument that cannot be honoured (unknown node id, bad year...)."""
