"""The one exception hierarchy of ptce-graph, and the Problem record validation reports.

Every message names where the problem is (file, line, column) and, where it can, the fix."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Problem", "PtceError", "DatasetError", "StoreError", "OptionError"]


@dataclass(frozen=True, order=True)
class Problem:
    """One finding of validation. ``line`` counts as a spreadsheet does: the header is line 1."""

    file: str
    line: int
    column: str
    message: str
    severity: str = "error"  # or "warning"

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        col = f" {self.column}:" if self.column else ""
        tag = "warning: " if self.severity == "warning" else ""
        return f"{where}:{col} {tag}{self.message}"


class PtceError(Exception):
    """Base of every error ptce-graph raises on purpose; the CLI turns it into one clear line."""


class DatasetError(PtceError):
    """A dataset that cannot be used as it is; ``problems`` lists every error found."""

    def __init__(self, message: str, problems: list[Problem] | None = None):
        super().__init__(message)
        self.problems = list(problems or [])

    def __str__(self) -> str:
        errors = [p for p in self.problems if p.severity == "error"]
        if not errors:
            return super().__str__()
        lines = [str(p) for p in errors[:20]]
        if len(errors) > 20:
            lines.append(f"... and {len(errors) - 20} more (run `ptce-graph validate` for all)")
        return super().__str__() + "\n" + "\n".join(lines)


class StoreError(PtceError):
    """The graph database could not be reached or refused the work."""


class OptionError(PtceError):
    """An option or argument that cannot be honoured (unknown node id, bad year...)."""
