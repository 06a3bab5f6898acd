"""The writers of an :class:`~ptce_graph.analysis.Analysis`: every file `ptce-graph analyze`
writes, and the lines it prints. They compute nothing: each reads the tables the analysis holds.

Output layout (stable; users and scripts rely on it)::

    OUT/graph.graphml, OUT/graph.gexf   the graph
    OUT/metrics/*.csv                   the analysis tables (see docs/outputs.md)
    OUT/views/*.html                    interactive views
    OUT/report.html                     the page a person reads first
    OUT/summary.json                    headline figures, options used, approximations made
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Callable, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__
from .analysis.tables import Analysis, metrics_digest
from .build import write_gexf, write_graphml
from .catalogue import TABLES, rendered
from .i18n import Message, _
from .options import OutputOptions
from .schema import FORMAT_VERSION
from .spreadsheet import write_csv

__all__ = ["Written", "WRITERS", "write_outputs", "write_tables", "summary_document",
           "console_lines"]


@dataclass
class Written:
    """What the writers did: the files written (in order) and what summary.json gathers from
    the writers themselves (the views' node budgets)."""

    out: Path
    files: list[Path] = field(default_factory=list)
    summary: dict = field(default_factory=dict)

    def path(self, relative: str) -> Path:
        """A path under OUT, its folder created; recorded in the list of written files."""
        target = self.out / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        self.files.append(target)
        return target


def write_graph(analysis: Analysis, written: Written, output: OutputOptions) -> None:
    """OUT/graph.graphml and OUT/graph.gexf: the whole graph (every year)."""
    write_graphml(analysis.graph, written.path("graph.graphml"))
    write_gexf(analysis.graph, written.path("graph.gexf"))


def table_files(analysis: Analysis) -> dict[str, str]:
    """table name -> file under OUT, for the tables of ``analysis`` the catalogue gives a file
    (a table that ``replaces`` another takes its file)."""
    files = {name: TABLES[name].file for name in analysis.tables
             if name in TABLES and TABLES[name].file}
    for name in list(files):
        replaced = TABLES[name].replaces
        if replaced:
            files.pop(replaced, None)
    return files


def write_tables(analysis: Analysis, written: Written, output: OutputOptions) -> None:
    """OUT/metrics/*.csv: every table with a file in the catalogue, its columns in the
    catalogue's order (an empty table is written with its header)."""
    for name, relative in table_files(analysis).items():
        frame = rendered(analysis.tables[name], TABLES[name], analysis.name)
        write_csv(frame, written.path(relative), columns=TABLES[name].names())


def write_views(analysis: Analysis, written: Written, output: OutputOptions) -> None:
    """OUT/views/*.html, and what each view left out (summary.json ``views``)."""
    from .views import VIEW_FILES, views_summary
    from .views import write_views as write

    for name in VIEW_FILES:
        written.path(f"views/{VIEW_FILES[name]}")  # records the file, creates the folder
    views = write(analysis, written.out / "views", lang=output.lang,
                  pseudonymised=output.pseudonymise)
    written.summary["views"] = views_summary(views)


def write_report(analysis: Analysis, written: Written, output: OutputOptions) -> None:
    """OUT/report.html, linking the views written before it."""
    from .report import write_report as write

    views = dict(written.summary.get("views", {}).get("files", {}))
    write(written.path("report.html"), analysis, lang=output.lang, views=views,
          pseudonymised=output.pseudonymise)


# In this order: the report links the views written before it.
WRITERS: list[tuple[str, Callable[[Analysis, Written, OutputOptions], None]]] = [
    ("graph", write_graph),
    ("metrics", write_tables),
    ("views", write_views),
    ("report", write_report),
]


def _records(frame: pd.DataFrame) -> list[dict]:
    return [{k: _json_value(v) for k, v in row.items()} for row in frame.to_dict("records")]


def _json_value(value):
    if hasattr(value, "item"):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if value.__class__.__name__ == "NAType":
        return None
    return value


def summary_document(analysis: Analysis, written: Written, options: Mapping) -> dict:
    """summary.json: the dataset in figures, each pole's profile, the headline figures, the
    approximations, the funding cliffs (ahead first, at most a hundred), the views' budgets,
    the files written. ``options``: the run's options as listed (no secret)."""
    counts = analysis.tables["counts"]
    cliffs = analysis.tables["funding_cliffs"]
    # the cliffs ahead first, stopping at a hundred: at national scale there are thousands,
    # all in metrics/funding_cliffs.csv
    ahead = cliffs["when"] == "ahead"
    listed = pd.concat([cliffs[ahead], cliffs[~ahead]]).head(100)
    document = {
        "tool": "ptce-graph",
        "version": __version__,
        "format_version": FORMAT_VERSION,
        "dataset": analysis.graph.graph.get("name", ""),
        "as_of": analysis.as_of.as_dict() if analysis.as_of is not None else None,
        "options": {k: _json_value(v) for k, v in sorted(options.items())},
        "counts": {f"{kind}s": {r.type: int(r.count)
                                for r in counts[counts.kind == kind].itertuples()}
                   for kind in ("node", "edge")},
        "poles": _records(analysis.tables["profiles"]),
        # no timings here: two runs on the same data must write the same summary.json
        "metrics": {"options": analysis.options.summary(), **analysis.headline},
        "approximations": [dict(a) for a in analysis.approximations],
        "funding_cliffs": _records(listed),
        "funding_cliffs_count": {"ahead": int(ahead.sum()), "past": int((~ahead).sum()),
                                 "listed": len(listed)},
        **written.summary,
    }
    return document


def write_summary(analysis: Analysis, written: Written, options: Mapping) -> Path:
    path = written.path("summary.json")
    document = summary_document(analysis, written, options)
    document["files"] = sorted(str(p.relative_to(written.out)) for p in written.files)
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False, default=str) + "\n",
                    encoding="utf-8")
    return path


def console_lines(analysis: Analysis, written: Written | None = None) -> list[Message]:
    """What `analyze` prints after writing: the metrics digest, the approximations made, the
    funding cliffs ahead, where the report is. Messages: the CLI renders them in the reader's
    language (``str()`` gives English)."""
    lines = [analysis.as_of.message()] if analysis.as_of is not None else []
    lines += metrics_digest(analysis.tables, analysis.name)
    for note in analysis.approximations:
        lines.append(_("Approximation: {metric} by {method}; {bound}", metric=note["metric"],
                       method=note["method"], bound=note["bound"]))
    cliffs = analysis.tables["funding_cliffs"]
    for cliff in cliffs[cliffs["when"] == "ahead"].to_dict("records"):
        drop = f"-{cliff['drop']:.0%}"
        lines.append(_("Funding cliff ahead: {name} in {year} ({drop}, ending: {ending})",
                       name=cliff["name"], year=cliff["year"], drop=drop,
                       ending=cliff["ending"] or _("several")))
    if written is not None:
        report = written.out / "report.html"
        if report in written.files:
            lines.append(_("Report: {path}", path=report))
    return lines


def write_outputs(analysis: Analysis, out: str | Path, output: OutputOptions | None = None, *,
                  options: Mapping | None = None,
                  progress: Callable[[str], None] | None = None,
                  writers: list | None = None) -> Written:
    """Write every output of ``analysis`` under ``out`` (see the module), summary.json last.
    ``options``: the run's options as summary.json lists them (see
    :func:`ptce_graph.options.run_options`); ``progress(name)`` before each writer."""
    output = output or OutputOptions()
    written = Written(Path(out))
    written.out.mkdir(parents=True, exist_ok=True)
    with writing_lock(written.out):
        for name, write in writers or WRITERS:
            if progress:
                progress(name)
            write(analysis, written, output)
        write_summary(analysis, written, options or {})
    return written


LOCK_FILE = ".ptce-graph-writing"


@contextmanager
def writing_lock(folder: Path):
    """Hold ``folder/.ptce-graph-writing`` (holding the writer's pid) while writing: a second
    run writing to the same folder stops with an OptionError instead of mixing its files with
    the first's. A lock left by a process that no longer runs is taken over."""
    from .errors import OptionError
    from .store.server import process_alive

    lock = folder / LOCK_FILE
    for _attempt in range(2):
        try:
            descriptor = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            holder = _lock_holder(lock)
            if holder is None and _age(lock) < 60:  # just created, its pid not written yet
                holder = -1
            if holder is not None and (holder == -1 or process_alive(holder)):
                who = f" (pid {holder})" if holder > 0 else ""
                raise OptionError(_("{folder} is being written by another ptce-graph run{who}: "
                                    "wait for it to end, or write to another folder with -o",
                                    folder=str(folder), who=who)) from None
            lock.unlink(missing_ok=True)  # left by a run that ended without removing it
    else:
        raise OptionError(_("cannot take {lock}: remove it if no ptce-graph run writes there",
                            lock=str(lock)))
    try:
        os.write(descriptor, str(os.getpid()).encode())
        os.close(descriptor)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _lock_holder(lock: Path) -> int | None:
    try:
        return int(lock.read_text().strip())
    except (OSError, ValueError):
        return None


def _age(path: Path) -> float:
    import time

    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return float("inf")
