"""The `ptce-graph` command. Each command parses its options, calls the library, and turns
PtceError into one clear `Error:` line (exit 1). The only module that imports click."""

from __future__ import annotations

import contextlib
import errno
import functools
import sys
from pathlib import Path

import click
import pandas as pd

from . import __version__
from .build import load_graph
from .errors import PtceError
from .i18n import Score, _, render, resolve_language, translate
from .ingest import BUNDLED_DATASETS, bundled_dataset, load_dataset, read_dataset
from .options import DEFAULT_THRESHOLD, AnalysisOptions, OutputOptions, Secrets
from .spreadsheet import write_csv, write_people_csv

__all__ = ["main", "cli", "help_texts"]

# ---------------------------------------------------------------- the language
# One setting for everything a person reads: --lang on every command (added to each one at the
# end of this module), else $PTCE_GRAPH_LANG, else the locale, else English (i18n).

_LANG_KEY = "ptce_graph.lang"


def _remember_lang(ctx: click.Context, _param, value: str | None) -> str:
    import os

    from .errors import OptionError

    try:
        lang = resolve_language(value)
    except OptionError:  # the variable (the option is a click.Choice): one line, no traceback
        raise _CommandError(render(_(
            "PTCE_GRAPH_LANG={value!r} is not a language ptce-graph speaks: set it to fr or en, "
            "or unset it", value=os.environ.get("PTCE_GRAPH_LANG", "")), _lang())) from None
    ctx.meta[_LANG_KEY] = lang
    return lang


# The language of the running invocation, read from its arguments before click parses them:
# --help, a usage error or a bad value can come before --lang is processed (or without it).
_INVOCATION: dict[str, str | None] = {"lang": None}


def _lang() -> str:
    """The language of the running command."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and _LANG_KEY in ctx.meta:
        return ctx.meta[_LANG_KEY]
    if _INVOCATION["lang"]:
        return _INVOCATION["lang"]
    return _safe_language(None)


def _invocation_lang() -> str:
    """The running command's language; English outside a command."""
    ctx = click.get_current_context(silent=True)
    if ctx is not None and _LANG_KEY in ctx.meta:
        return ctx.meta[_LANG_KEY]
    return _INVOCATION["lang"] or "en"


def _safe_language(choice: str | None) -> str:
    """:func:`resolve_language`, English when the setting is not a language (the option's
    own check says so)."""
    from .errors import OptionError

    try:
        return resolve_language(choice)
    except OptionError:
        return "en"


def _lang_in(args: list[str]) -> str:
    """The language an invocation asks for: its --lang value, else the environment."""
    for i, arg in enumerate(args):
        if arg == "--":
            break
        if arg == "--lang" and i + 1 < len(args):
            return _safe_language(args[i + 1])
        if arg.startswith("--lang="):
            return _safe_language(arg.partition("=")[2])
    return _safe_language(None)


def _help_in(lang: str, text: str | None) -> str | None:
    """A help text (a command's docstring, an option's help) in ``lang``: the catalogue's
    entry for it (click's catalogue for click's own options), else as written."""
    import inspect

    from .i18n import click_gettext, translate

    if not text:
        return text
    cleaned = inspect.cleandoc(text)
    found = translate(lang, cleaned)
    return found if found != cleaned else click_gettext(lang, cleaned)


def help_texts() -> dict[str, str]:
    """Every help text of the command line (command docstrings, option helps), cleaned as
    click shows them, with where it is: the catalogue's keys for --help (read by the catalogue
    test and ``make messages``)."""
    import inspect

    found: dict[str, str] = {}

    def walk(command, path):
        if command.help:
            found.setdefault(inspect.cleandoc(command.help), " ".join(path))
        for param in command.params:
            if getattr(param, "help", None):
                found.setdefault(inspect.cleandoc(param.help), f"{' '.join(path)} {param.name}")
        if isinstance(command, click.Group):
            for name, sub in command.commands.items():
                walk(sub, (*path, name))

    walk(cli, ("ptce-graph",))
    return found


@contextlib.contextmanager
def _helps_in(lang: str, command: click.Command, ctx: click.Context | None = None):
    """The help texts of ``command`` and its parameters in ``lang`` while the block runs
    (they are written in English in the code, the catalogue's keys)."""
    saved = [(command, "help", command.help), (command, "short_help", command.short_help)]
    params = command.get_params(ctx) if ctx is not None else command.params
    saved += [(p, "help", getattr(p, "help", None)) for p in params]
    try:
        for owner, attr, text in saved:
            if text:
                setattr(owner, attr, _help_in(lang, text))
        yield
    finally:
        for owner, attr, text in saved:
            setattr(owner, attr, text)


class _Speaking:
    """A click command whose help speaks the command's language."""

    def format_help(self, ctx, formatter):
        with _helps_in(_lang(), self, ctx):
            super().format_help(ctx, formatter)

    def get_help_option(self, ctx):
        # click makes --help once and keeps it: its text is set again in this invocation's
        # language each time it is asked for
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = _help_in(_invocation_lang(), "Show this message and exit.")
        return option

    def get_short_help_str(self, limit: int = 45) -> str:
        with _helps_in(_lang(), self):
            return super().get_short_help_str(limit)


class _Command(_Speaking, click.Command):
    pass


class _Group(_Speaking, click.Group):
    """A group whose commands (and sub-groups) speak the user's language, and whose
    invocation knows its language before parsing (for --help and usage errors)."""

    command_class = _Command
    group_class = type

    def main(self, args=None, *rest, **kwargs):
        shown = list(sys.argv[1:] if args is None else args)
        before = _INVOCATION["lang"]
        _INVOCATION["lang"] = _lang_in(shown)
        try:
            return super().main(args, *rest, **kwargs)
        finally:
            _INVOCATION["lang"] = before


def _click_speaks_our_language() -> None:
    """click's own words ("Usage:", "Show this message and exit.", "No such option") through
    our catalogue of click's domain, in the running command's language: click calls gettext's
    ``gettext``/``ngettext``, imported into each of its modules."""
    import gettext

    from .i18n import click_gettext, click_ngettext

    # Outside an invocation (while this module's decorators build the options) click keeps
    # its English: a path type's name ("file") is fixed when the option is made.
    def speak(text: str) -> str:
        return click_gettext(_invocation_lang(), text)

    def speak_count(singular: str, plural: str, n: int) -> str:
        return click_ngettext(_invocation_lang(), singular, plural, n)

    for name, module in list(sys.modules.items()):
        if name == "click" or name.startswith("click."):
            if getattr(module, "_", None) is gettext.gettext:
                module._ = speak
            if getattr(module, "ngettext", None) is gettext.ngettext:
                module.ngettext = speak_count


_click_speaks_our_language()


def _parameter_shown(p) -> str:
    """A library query's parameter as ``query --list`` shows it: ``name`` (required),
    ``name=default``, or ``[name]`` when it may be left out with no fixed default (``as_of``:
    the dataset's year).

    >>> from ptce_graph.store.library import Parameter
    >>> [_parameter_shown(Parameter("pole", "string")),
    ...  _parameter_shown(Parameter("limit", "int", 10, True)),
    ...  _parameter_shown(Parameter("as_of", "int", None, True))]
    ['pole', 'limit=10', '[as_of]']
    """
    if not p.has_default:
        return p.name
    return f"[{p.name}]" if p.default is None else f"{p.name}={p.default}"


def say(text, **kwargs) -> None:
    """Echo a :class:`Message` (or text) in the command's language."""
    click.echo(render(text, _lang()), **kwargs)


def heading(text) -> None:
    click.secho(render(text, _lang()), bold=True)


_LANG_HELP = ("Language of everything printed and written for people: messages, headings, "
              "views, report [default: $PTCE_GRAPH_LANG, else the locale (LANG starting with "
              "fr: French), else English].")


def lang_option(command=None, *, help_text: str = _LANG_HELP, expose: bool = True):
    """--lang fr|en, resolved (option, environment, locale) before the command runs."""
    option = click.option("--lang", type=click.Choice(["fr", "en"]), default=None,
                          callback=_remember_lang, is_eager=True, expose_value=expose,
                          help=help_text)
    return option(command) if command is not None else option


class _CommandError(click.ClickException):
    """A ClickException whose 'Error:' prefix speaks the command's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.lang = _lang()  # shown after the command's context is gone

    def show(self, file=None) -> None:
        prefix = render(_("Error: "), self.lang)
        click.echo(prefix + self.format_message(), file=file or sys.stderr)


def _fail_cleanly(command):
    """Turn the library's errors into click errors: one line (or a list), exit code 1, in
    the command's language."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except PtceError as err:
            raise _CommandError(err.render(_lang())) from err
        except OSError as err:
            if err.errno == errno.EPIPE:
                raise  # output piped to `head`: click exits quietly, as Unix tools do
            raise _CommandError(f"{err.filename or ''}: {err.strerror}") from err

    return wrapper


dataset_argument = click.argument("dataset", type=click.Path(path_type=Path))
year_option = click.option(
    "--as-of", "--year", "year", type=int, default=None, metavar="Y",
    help="Judge the network as of year Y: members, ties and funding active then, funding "
    "committed ahead of it (--year is a synonym). Default: the as_of the dataset declares in "
    "meta.csv, else a year inferred from the data (said on the console).",
)


def _judged_as_of(G, year: int | None):
    """The as-of year a judging command uses (--as-of, else declared, else inferred); the
    command says it with :func:`_say_as_of` once its output is written."""
    from .time_model import resolve_as_of

    return resolve_as_of(G, year)


def _say_as_of(as_of, fmt: str = "table") -> None:
    """The as-of line on stderr (table output only: csv and json stay machine-readable), so
    that every command states the same year for the same dataset."""
    if fmt == "table":
        say(as_of.message(), err=True)


def format_option(default: str = "table"):
    return click.option(
        "--format", "fmt", type=click.Choice(["table", "csv", "json"]), default=default,
        show_default=True, help="table for people, csv or json for scripts.",
    )


def emit_frame(frame: pd.DataFrame, fmt: str, title=None) -> None:
    """Print a DataFrame as a table, CSV or JSON (a list of row objects). The table is for
    people: title and (in French) column names in the command's language, cells without
    None/nan/Python lists; csv and json keep the stable English columns, for scripts."""
    if fmt == "csv":
        from .spreadsheet import safe_frame

        click.echo(safe_frame(frame).to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(frame.to_json(orient="records", force_ascii=False, indent=2)
                   if not frame.empty else "[]")
    else:
        if title:
            heading(title)
        if frame.empty:
            say(_("(none)"))
        else:
            lang = _lang()
            click.echo(_people_table(frame, lang).to_string(
                index=False, na_rep="", float_format=_number if lang == "en" else
                functools.partial(_number_in, lang)))
        click.echo()


def _catalogue_label(name, lang: str) -> str:
    """The label the catalogue of tables gives a column of that name (in any table)."""
    from .catalogue import TABLES

    for spec in TABLES.values():
        for column in spec.columns:
            if column.name == name:
                return column.label(lang)
    return str(name)


def _people_table(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A table as a person reads it in ``lang``: cells readable (no None, nan, ['a', 'b'], yes
    or no for booleans); in French, the column names and the coded values (types, statuses,
    changes) as the views and report name them. English keeps the tables' own column names,
    the ones csv and json print."""
    from .i18n import labels
    from .spreadsheet import readable_cell

    words = labels(lang)
    yes_no = {True: words["yes"], False: words["no"]}

    def column_label(name) -> str:
        return words.get(f"col.{name}", words.get(f"attr.{name}", _catalogue_label(name, lang)))

    def cell(value):
        if isinstance(value, bool):
            return yes_no[value]
        value = readable_cell(value)
        if lang != "en" and isinstance(value, str) and f"value.{value}" in words:
            return words[f"value.{value}"]
        return value

    shown = frame.copy()
    for col in shown.columns:
        if shown[col].dtype == object or str(shown[col].dtype) in ("str", "string", "boolean"):
            shown[col] = shown[col].astype(object).map(cell)
    if lang != "en":
        if "metric" in shown.columns:
            shown["metric"] = shown["metric"].map(column_label)
        shown = shown.rename(columns=column_label)
    return shown


def _shortened(frame: pd.DataFrame, width: int = 32) -> pd.DataFrame:
    """Long names cut for a wide terminal table (csv and json keep them whole)."""
    frame = frame.copy()
    for col in frame.columns:
        if frame[col].dtype == object or str(frame[col].dtype).startswith("str"):
            frame[col] = frame[col].map(
                lambda v: v[: width - 1] + "…" if isinstance(v, str) and len(v) > width else v)
    return frame


def _number_in(lang: str, value: float) -> str:
    """A table's number as ``lang`` writes it (Babel)."""
    from .i18n import labels

    if value != value:
        return ""
    return labels(lang).number(value, 0 if float(value).is_integer() else 2)


def _number(value: float) -> str:
    if value != value:
        return ""
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ")


def _max_file_mb(ctx, param, value):
    if value is not None:  # read by ingest.check_input_file, as if the variable were set
        import os

        os.environ["PTCE_GRAPH_MAX_FILE_MB"] = str(value)
    return value


@click.group(cls=_Group,
             context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="ptce-graph")
@click.option("--max-file-mb", type=click.FloatRange(min=0, min_open=True), default=None,
              metavar="MB", expose_value=False, callback=_max_file_mb, is_eager=True,
              help="Largest input file read (CSV, or a workbook's unpacked size / 4) "
              "[default: $PTCE_GRAPH_MAX_FILE_MB or 512]. Only regular files are read.")
def cli():
    """Map and analyse the partnership networks of PTCE (territorial clusters of the social and
    solidarity economy): members, collectivities, funders and projects of one or many poles.

    A DATASET is a folder holding nodes.csv and edges.csv, or one .xlsx workbook with the sheets
    `nodes` and `edges`; see datasets/README.md for the format. Start with `ptce-graph demo`.
    """


@cli.command()
@dataset_argument
@click.option("--max-per-kind", type=click.IntRange(1), default=5, show_default=True,
              metavar="N", help="Print at most N problems of one kind (same file, column and "
              "message), then how many more; --report has them all.")
@click.option("--report", type=click.Path(path_type=Path, dir_okay=False), default=None,
              metavar="FILE", help="Write every problem to FILE (CSV: file, line, column, "
              "severity, message), in the chosen language.")
@_fail_cleanly
def validate(dataset: Path, max_per_kind: int, report: Path | None):
    """Check DATASET and list every problem as FILE:LINE: COLUMN: message.

    Lines count as in a spreadsheet (the header is line 1); columns are named as in your
    file. Errors make the exit code 1; warnings (a sector spelled two ways, a node with no
    edge) are printed but do not fail.
    """
    from .errors import problem_lines

    lang = _lang()
    data = read_dataset(dataset)
    where = f"--report {report}" if report else "ptce-graph validate --report FILE"
    for line in problem_lines(data.problems, lang, max_per_kind, where):
        click.echo(line)
    if report is not None:
        rows = pd.DataFrame(
            [{"file": p.file, "line": p.line or "", "column": p.column,
              "severity": p.severity, "message": render(p.text or p.message, lang)}
             for p in data.problems], columns=["file", "line", "column", "severity", "message"])
        write_people_csv(rows, report)
    errors, warnings = len(data.errors), len(data.warnings)
    say(_("{dataset}: {nodes} nodes, {edges} edges: {errors} error(s), {warnings} warning(s)",
          dataset=str(dataset), nodes=len(data.nodes), edges=len(data.edges), errors=errors,
          warnings=warnings))
    sys.exit(1 if errors else 0)


@cli.command()
@dataset_argument
@year_option
@format_option()
@_fail_cleanly
def summary(dataset: Path, year: int | None, fmt: str):
    """Counts by type, then the profile of each pole: members (founders and later members),
    employees, budget, collectivities involved, funders, funding received per year and the
    share of own revenue where known.

    csv and json print the pole profiles (one row per pole, funding_YYYY columns per year).
    """
    from .analysis.profile import pole_profiles, type_counts
    from .build import restrict_to_year

    G = load_graph(dataset)
    as_of = _judged_as_of(G, year)
    year = as_of.year
    profiles = pole_profiles(G, year=year)
    if fmt != "table":
        emit_frame(profiles, fmt)
        return
    counts = type_counts(restrict_to_year(G, year))
    title = (_("{dataset}: nodes and edges in {year}", dataset=G.graph["name"], year=year)
             if year else _("{dataset}: nodes and edges", dataset=G.graph["name"]))
    emit_frame(counts[counts["count"] > 0], fmt, title)
    main = profiles.drop(columns=[c for c in profiles.columns if c.startswith("funding_2")
                                  or c.startswith("funding_1")])
    emit_frame(_shortened(main), fmt, _("Poles"))
    _say_as_of(as_of, fmt)
    years = profiles[["pole"] + [c for c in profiles.columns if c[8:].isdigit()]]
    if len(years.columns) > 1:
        years = years.rename(columns=lambda c: c.removeprefix("funding_"))
        emit_frame(years, fmt, _("Funding received per year (EUR, grants spread over their "
                                 "years)"))


_pseudonymise_flag = click.option(
    "--pseudonymise", is_flag=True,
    help="Replace member organisations' names (and ids, SIREN, notes) with stable pseudonyms "
    "in every output, to share beyond the pole; funders, collectivities, poles keep names.",
)
_pseudonym_key = click.option(
    "--pseudonym-key", envvar="PTCE_GRAPH_PSEUDONYM_KEY", metavar="SECRET", default=None,
    help="With --pseudonymise: a secret (better in $PTCE_GRAPH_PSEUDONYM_KEY) that keys the "
    "pseudonyms, so that nobody without it can recompute them from guessed ids; keep it to "
    "get the same pseudonyms next year. Never written to any output.",
)


def pseudonymise_option(command):
    return _pseudonymise_flag(_pseudonym_key(command))


layer_option = click.option(
    "--layer", type=click.Choice(["cooperation", "full", "poles", "funding"]),
    default="cooperation", show_default=True,
    help="Network the centrality columns of metrics/nodes.csv are computed on: cooperation "
    "(actors tied by cooperation or shared projects), full (every node and edge), poles, "
    "funding.",
)
by_year_option = click.option(
    "--by-year", is_flag=True,
    help="metrics/funding.csv gets a row per recipient and year (grants spread over their "
    "years) instead of one per recipient.",
)
threshold_option = click.option(
    "--threshold", type=click.FloatRange(0, 1, min_open=True), default=DEFAULT_THRESHOLD,
    show_default=True, metavar="SHARE",
    help="Share of funding from one funder (0-1) from which a recipient or pole counts as "
    "dependent on it.",
)


def analysis_options(command):
    """The options every analysis run accepts; :func:`_options` makes them values."""
    command = year_option(command)
    command = layer_option(command)
    command = by_year_option(command)
    command = threshold_option(command)
    command = lang_option(command)
    command = pseudonymise_option(command)
    return command


def store_options(default: str | None = "local"):
    """--store and the Neo4j connection options, shared by every store command."""
    def decorate(command):
        options = [
            click.option("--store", "store_kind", type=click.Choice(["local", "neo4j"]),
                         default=default, show_default=default is not None,
                         help="local: the FalkorDB of `ptce-graph db start`; neo4j: Neo4j 5 at "
                         "NEO4J_URI."),
            click.option("--neo4j-uri", default=None, metavar="URI",
                         help="Neo4j address [default: $NEO4J_URI, e.g. bolt://localhost:7687]."),
            click.option("--neo4j-user", default=None, metavar="NAME",
                         help="Neo4j user [default: $NEO4J_USERNAME or neo4j]."),
            click.option("--neo4j-password", default=None, metavar="PASSWORD",
                         help="Neo4j password [default: $NEO4J_PASSWORD; prefer the variable, "
                         "a command line is visible to other users]."),
            click.option("--neo4j-database", default=None, metavar="NAME",
                         help="Neo4j database [default: $NEO4J_DATABASE or the server's "
                         "default]."),
        ]
        for option in reversed(options):
            command = option(command)
        return command
    return decorate


@cli.command()
@click.argument("dataset", type=click.Path(path_type=Path), required=False)
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write into (created if needed).")
@store_options(default=None)
@click.option("--write-back", is_flag=True,
              help="With the store: write the metrics onto its nodes as properties "
              "(betweenness, community, isolated, fragility_score...).")
@click.option("--engine", type=click.Choice(["local", "gds"]), default="local",
              show_default=True,
              help="Where the heavy node metrics (betweenness, closeness, PageRank, "
              "eigenvector, Louvain, k-core, articulation points) are computed: here, or with "
              "--store neo4j in Neo4j Graph Data Science (for graphs that outgrow a laptop).")
@analysis_options
@_fail_cleanly
def analyze(dataset: Path | None, out: Path, store_kind: str | None, write_back: bool,
            engine: str, **options):
    """Analyse DATASET and write every output under OUT: graph.graphml and graph.gexf (for
    Gephi), metrics/*.csv, views/*.html, report.html and summary.json.

    Without DATASET, analyse the graph the store holds (--store, default local); --write-back
    then writes the metrics onto its nodes so that Cypher queries can use them."""
    if engine == "gds" and (dataset is not None or store_kind != "neo4j"):
        from .errors import OptionError

        raise OptionError("--engine gds runs in Neo4j: analyse the store with --store neo4j "
                          "(`ptce-graph load DATASET --store neo4j` puts the dataset there)")
    if dataset is None:
        _analyze_store(store_kind or "local", write_back, out, options, engine=engine)
        return
    analysis_options_, output, secrets = _options(options)  # secrets never reach a writer
    if store_kind or write_back:
        from .errors import OptionError

        raise OptionError(_("DATASET and --store/--write-back exclude each other: analyse a "
                            "dataset, or leave DATASET out to analyse the store (`ptce-graph "
                            "load DATASET` puts it there)"))
    G = load_graph(dataset)
    _analysis, written = _run(G, out, analysis_options_, output, secrets)
    say(_("Wrote {n} files to {out}/", n=len(written.files), out=out))


def _options(options: dict) -> tuple[AnalysisOptions, OutputOptions, Secrets]:
    """The command's options as values, checked once: what to compute, how to write it, and
    the secrets (pseudonym key, Neo4j connection), which no writer receives."""
    secrets = Secrets(pseudonym_key=options.pop("pseudonym_key", None),
                      neo4j=_store_settings(options))
    return AnalysisOptions.from_mapping(options), OutputOptions.from_mapping(options), secrets


def _progress(kind: str):
    def progress(name: str) -> None:
        from .i18n import labels

        step = labels(_lang()).get(f"step.{name}", name)
        say(_("[{kind}] {name}...", kind=_PROGRESS_KINDS.get(kind, kind), name=step), err=True)

    return progress


_PROGRESS_KINDS = {"analysis": _("analysis"), "write": _("write")}


# Past this size the local analysis is slow and memory-hungry: a 442,000-node, 878,000-edge
# dataset took 261 s and 4.1 GB (issue 10); the store path (load, then Cypher/GDS) scales.
LOCAL_NODES, LOCAL_EDGES = 100_000, 250_000


def _warn_if_large(G) -> None:
    nodes, edges = G.number_of_nodes(), G.number_of_edges()
    if nodes > LOCAL_NODES or edges > LOCAL_EDGES:
        say(_("Warning: {nodes} nodes and {edges} edges is beyond what the local analysis "
              "handles well (past {local_nodes} nodes or {local_edges} edges: minutes and "
              "gigabytes). Consider `ptce-graph load` into Neo4j and the library queries "
              "(`ptce-graph query --list`) for this size.", nodes=Score(nodes, 0),
              edges=Score(edges, 0), local_nodes=Score(LOCAL_NODES, 0),
              local_edges=Score(LOCAL_EDGES, 0)), err=True)


def _run(G, out: Path, options: AnalysisOptions, output: OutputOptions, secrets: Secrets,
         engine=None):
    """Analyse ``G`` (under pseudonyms with --pseudonymise), write every output under ``out``,
    print the digest. Returns ``(analysis, written)``. ``engine``: where the heavy node
    metrics are computed (--engine gds: a GdsEngine, which says afterwards what ran where)."""
    from .analysis import analyze
    from .options import run_options
    from .outputs import console_lines, write_outputs

    _warn_if_large(G)
    if output.pseudonymise:  # before the analysis: every output sees pseudonyms only
        from .pseudonym import pseudonymise

        G = pseudonymise(G, key=secrets.pseudonym_key)
    analysis = analyze(G, options, progress=_progress("analysis"), engine=engine)
    if engine is not None:
        say(engine.note(options.layer), err=True)
    run = run_options(options, output, secrets)
    if engine is not None:  # the local path is the default and goes unsaid, as as_of and seed
        run = dict(sorted((run | {"engine": "gds"}).items()))
    written = write_outputs(analysis, out, output, options=run,
                            progress=_progress("write"))
    for line in console_lines(analysis, written):
        say(line)
    return analysis, written


@cli.command()
@click.option("-o", "--out", type=click.Path(path_type=Path), default=Path("out/demo"),
              show_default=True, help="Folder to write into.")
@click.option("--dataset", "name", type=click.Choice(BUNDLED_DATASETS),
              default="auvergne-rhone-alpes", show_default=True, help="Bundled dataset.")
@_fail_cleanly
def demo(out: Path, name: str):
    """Analyse a bundled dataset (by default the Auvergne-Rhône-Alpes regional network) into
    OUT and print the path of the file to open first."""
    G = load_graph(bundled_dataset(name))
    _analysis, written = _run(G, out, AnalysisOptions(), OutputOptions(lang=_lang()), Secrets())
    first = next((p for p in (out / "report.html", out / "views" / "network.html")
                  if p.exists()), out / "summary.json")
    say(_("Wrote {n} files to {out}/", n=len(written.files), out=out))
    say(_("Open {path}", path=first.resolve()))


# ---------------------------------------------------------------- what if, over time
# import subsidies; simulate, timeline, diff, recommend




@cli.group("import")
def import_group():
    """Bring outside data into a dataset (subsidies published as open data)."""


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    from .errors import OptionError

    mapping = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip() or not target.strip():
            raise OptionError(_("--map {pair!r}: write it COLUMN=FIELD, e.g. --map "
                                "\"Montant attribué=amount\"", pair=pair))
        mapping[column.strip()] = target.strip()
    return mapping


@import_group.command("subsidies")
@click.argument("file", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--into", "dataset", type=click.Path(path_type=Path), required=True,
              help="The dataset (folder) the grants go into.")
@click.option("--map", "pairs", multiple=True, metavar="COLUMN=FIELD",
              help="Read a column as a field (repeatable). Fields: funder_name, funder_id, "
              "beneficiary_name, beneficiary_id, amount, total, year, date, start, end, "
              "period, object, programme, imputation, nature, ignore.")
@click.option("--funder", default=None, metavar="NAME",
              help="The funder when the file names none (a city's own list).")
@click.option("--year", type=int, default=None, metavar="Y",
              help="Year of grants whose line gives none (default: the last year written in "
              "the file name).")
@click.option("--add-beneficiaries", is_flag=True,
              help="Add an organisation for each beneficiary not found, instead of reporting "
              "the line and leaving it out.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Write the merged dataset to this folder and leave DATASET untouched.")
@click.option("--dry-run", is_flag=True, help="Report what would be imported; write nothing.")
@click.option("--report", type=click.Path(path_type=Path), default=None,
              help="CSV of every line not used (or used with a doubt) and why "
              "[default: import-report.csv in the folder written].")
@_fail_cleanly
def import_subsidies_command(file: Path, dataset: Path, pairs, funder, year,
                             add_beneficiaries, out, dry_run, report):
    """Import the subsidies of FILE (SCDL "subventions" open data, or a similar layout) into
    a dataset: funder nodes and funds edges.

    Columns are recognised by their SCDL names (nomAttribuant, idBeneficiaire, montant,
    dateConvention...) and common French headers; --map names the others. Encodings,
    separators, amounts such as "12 350 000 €" and rows broken by unquoted commas are handled.
    Beneficiaries are matched to the dataset's organisations, poles and projects by SIRET, then
    SIREN, then name (case, accents, punctuation, articles and legal forms ignored).

    Without -o the dataset folder is updated in place: the merged tables are written aside,
    validated, and only then replace nodes.csv and edges.csv; the previous files are kept in
    DATASET/backup-YYYYMMDD-HHMMSS/. The files are rewritten in the standard format (UTF-8,
    commas, English headers). Every line not used is listed, with its line number and why,
    in the report CSV.
    """
    from .errors import OptionError
    from .subsidies import import_subsidies, issues_frame, write_merged

    if dataset.is_file() and out is None and not dry_run:
        raise OptionError(_("{dataset} is a workbook: pass -o FOLDER to write the merged "
                            "dataset as CSV files", dataset=dataset))
    result = import_subsidies(file, dataset, mapping=_mapping(pairs), funder=funder, year=year,
                              add_beneficiaries=add_beneficiaries)
    source, counts = result.source, result.counts
    say(_("{file}: {rows} lines read ({encoding}, separator {separator!r}); columns used: "
          "{columns}", file=file.name, rows=counts["rows"], encoding=source.encoding,
          separator=source.separator,
          columns=", ".join(f"{f}={'+'.join(h)}" for f, h in source.columns.items())))
    if source.unused_columns:
        say(_("columns not used: {columns}", columns=", ".join(source.unused_columns)))
    say(_("{grants} new grants imported ({siret} matched by SIRET, {siren} by SIREN, {name} by "
          "name, {added} to {new_beneficiaries} new beneficiaries); {new_funders} new funders; "
          "{skipped} lines not used, {warnings} warnings", **counts))
    lang = _lang()
    issues = issues_frame(result.issues, lang)
    if not issues.empty:
        kinds = (issues.groupby(["severity", "kind"]).agg(lines=("line", "size"),
                                                          first_line=("line", "min"))
                 .reset_index().sort_values("lines", ascending=False))
        emit_frame(kinds, "table", _("Lines not used or used with a doubt, by reason"))
        for issue in result.issues[:10]:
            click.echo(issue.render(lang))
        if len(result.issues) > 10:
            say(_("... {n} more in the report", n=len(result.issues) - 10))
    if dry_run:
        say(_("Dry run: nothing written."))
        return
    target = out or dataset
    if out is None and not (counts["grants"] or counts["new_funders"]
                            or counts["new_beneficiaries"]):
        # a re-run: nothing new, so the dataset stays as it is and no backup is made
        report = report or target / "import-report.csv"
        write_people_csv(issues, report)
        say(_("0 new grants: {target}/nodes.csv and edges.csv left as they were (no backup "
              "written); report: {report}", target=target, report=report))
        return
    backup = write_merged(result.nodes, result.edges, target)
    report = report or target / "import-report.csv"
    report.parent.mkdir(parents=True, exist_ok=True)
    write_people_csv(issues, report)
    say(_("Wrote {target}/nodes.csv and edges.csv (previous files kept in {backup}); report: "
          "{report}", target=target, backup=backup, report=report) if backup else
        _("Wrote {target}/nodes.csv and edges.csv; report: {report}", target=target,
          report=report))


def _emit_sections(sections: dict[str, tuple[str, pd.DataFrame]], show: str, fmt: str,
                   out: Path | None) -> None:
    """Print the chosen section (or all, as tables); with ``out`` write each as OUT/NAME.csv."""
    from .errors import OptionError

    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        for name, (_title, frame) in sections.items():
            write_csv(frame, out / f"{name}.csv")
    if fmt != "table" and show == "all":
        raise OptionError(_("--format {fmt} prints one table: choose it with --show "
                            "({names})", fmt=fmt, names=", ".join(sections)))
    for name, (title, frame) in sections.items():
        if show in ("all", name):
            emit_frame(frame, fmt, title)
    if out is not None:
        say(_("Wrote {files} to {out}/", files=", ".join(f"{n}.csv" for n in sections),
              out=out), err=True)


def _show_option(names: tuple[str, ...]):
    return click.option("--show", type=click.Choice(("all",) + names), default="all",
                        show_default=True,
                        help="Which table to print (csv and json print one table).")


@cli.command()
@dataset_argument
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=0.5,
              show_default=True, help="Share of a year's funding that must be lost, with "
              "nothing replacing it, to make a cliff.")
@click.option("--horizon", type=click.IntRange(0, 50), default=3, show_default=True,
              help="Years ahead to look for funding that ends without renewal.")
@click.option("--as-of", "--today", "today", type=int, default=None, metavar="Y",
              help="Reference year for 'past' and 'ahead' (--today is a synonym) [default: "
              "the dataset's as-of year, declared in meta.csv or inferred].")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Also write funding.csv, members.csv and cliffs.csv into this folder.")
@_show_option(("funding", "members", "cliffs"))
@format_option()
@_fail_cleanly
def timeline(dataset: Path, threshold: float, horizon: int, today, out, show, fmt):
    """Each pole over the years: funding per year by funder, members joining and leaving,
    and funding cliffs.

    A cliff is a year in which a pole's funding (grants to the pole and to its projects,
    spread over their years) falls by more than --threshold of the year before with nothing
    replacing it. Cliffs up to --today are 'past'; those within --horizon years after it are
    'ahead': grants that end and that no recorded grant renews. The ending column names the
    funders whose grants stop.
    """
    from .analysis.timeline import funding_cliffs, funding_timeline, membership_changes

    G = load_graph(dataset)
    funding = funding_timeline(G)
    if fmt == "table" and not funding.empty:
        wide = funding.pivot_table(index=["pole", "funder_name"], columns="year",
                                   values="amount", aggfunc="sum", fill_value=0.0)
        wide.loc[("", render(_("total per year"), _lang())), :] = wide.sum()
        shown = wide.reset_index().rename(columns={"funder_name": "funder"})
        shown.columns = [str(c) for c in shown.columns]
    else:
        shown = funding
    from .time_model import resolve_as_of

    as_of = resolve_as_of(G, today)
    say(as_of.message(), err=True)
    cliffs = funding_cliffs(G, threshold=threshold, horizon=horizon, today=as_of.year)
    share = f"{threshold:.0%}"
    sections = {
        "funding": (_("Funding per pole per year, by funder (EUR)"), shown),
        "members": (_("Members joining and leaving"), membership_changes(G)),
        "cliffs": (_("Funding cliffs (a fall of more than {share}, nothing replacing it)",
                     share=share), cliffs),
    }
    _emit_sections(sections, show, fmt, out)
    if out is not None:
        write_csv(funding, out / "funding.csv")


@cli.command()
@dataset_argument
@click.option("--from", "year_from", type=int, required=True, metavar="Y1",
              help="The earlier year.")
@click.option("--to", "year_to", type=int, required=True, metavar="Y2", help="The later year.")
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Also write members.csv, ties.csv and poles.csv into this folder.")
@_show_option(("members", "ties", "poles"))
@format_option()
@_fail_cleanly
def diff(dataset: Path, year_from: int, year_to: int, out, show, fmt):
    """What changed between two years: members who joined or left each pole, cooperation
    ties created or lost (direct or through a shared project), and every pole's metrics and
    fragility score before and after, with the fragility reasons when they changed."""
    from .analysis.timeline import members_between, pole_changes, ties_between
    from .errors import OptionError

    if year_to <= year_from:
        raise OptionError(_("--to {to} must come after --from {start}", to=year_to,
                            start=year_from))
    G = load_graph(dataset)
    poles = pole_changes(G, year_from, year_to)
    if fmt == "table":
        poles = poles[(poles["change"] != 0) & (poles["change"] != "")]
        # the reasons in the reader's language only, under the English metric name
        other = "fragility_reasons" if _lang() == "fr" else "fragility_reasons_fr"
        poles = poles[poles["metric"] != other].replace(
            {"metric": {"fragility_reasons_fr": "fragility_reasons"}})
    sections = {
        "members": (_("Members who joined or left between {start} and {end}",
                      start=year_from, end=year_to), members_between(G, year_from, year_to)),
        "ties": (_("Cooperation ties created or lost"), ties_between(G, year_from, year_to)),
        "poles": (_("Pole metrics that changed") if fmt == "table" else _("Pole metrics"),
                  poles),
    }
    _emit_sections(sections, show, fmt, out)


reasons_lang_option = lang_option(
    help_text=_LANG_HELP + " --format csv/json always carries the reasons in both: the English "
    "columns and the same ones in French (suffix _fr).")


def _score(value: float, lang: str) -> str:
    from .i18n import labels

    return labels(lang).number(value, 2)


def _with_reason_texts(frame: pd.DataFrame, G) -> pd.DataFrame:
    """``frame`` with its reason codes rendered (English columns, and French ``_fr`` ones)."""
    from .build import node_name
    from .catalogue import render_reason_columns

    return render_reason_columns(frame, lambda n: node_name(G, n) if n in G else str(n))


def _reasons_in(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """For a printed table: the reason columns of one language only (in French, the ``_fr``
    columns under the English names)."""
    french = {c: c.removesuffix("_fr") for c in frame.columns if c.endswith("_fr")}
    if lang == "fr":
        return frame.drop(columns=list(french.values())).rename(columns=french)
    return frame.drop(columns=list(french))


@cli.command()
@dataset_argument
@click.option("--member", "members", multiple=True, metavar="ID",
              help="Recommend for this member (repeatable) [default: every isolated or "
              "peripheral member].")
@click.option("--top", type=click.IntRange(1, 100), default=5, show_default=True,
              help="Partners per member.")
@year_option
@reasons_lang_option
@format_option()
@_fail_cleanly
def recommend(dataset: Path, members, top: int, year, lang, fmt):
    """Who an isolated or peripheral member could meet: partners of the same or a
    neighbouring pole, ranked, each with its reasons (common partners, same territory,
    complementary sectors already combined in a project, same pole, same funders). Someone
    the member already cooperates with, directly or in a project, is never proposed.

    See benchmarks/recommend_bench.py for how often the top ranks find real ties."""
    from .analysis.recommend import recommend_partners
    from .build import node_name
    from .schema import split_ids

    G = load_graph(dataset)
    as_of = _judged_as_of(G, year)
    table = _with_reason_texts(recommend_partners(G, members=list(members) or None, top=top,
                                                  year=as_of.year), G)
    _say_as_of(as_of, fmt)
    if fmt != "table":
        emit_frame(table, fmt)
        return
    if table.empty:
        say(_("No member to recommend for (no isolated or peripheral member, or no "
              "candidate partner)."))
    for member, rows in table.groupby("member", sort=False):
        click.secho(f"{rows['member_name'].iloc[0]} ({member})", bold=True)
        for row in rows.to_dict("records"):
            say(_("  {rank}. {name} ({id}), score {score}", rank=row["rank"],
                  name=row["partner_name"], id=row["partner"],
                  score=_score(row["score"], lang)))
            click.echo(f"     {row['reasons_fr' if lang == 'fr' else 'reasons']}")
            if row.get("supporters"):  # who already funds either side (issue 9)
                say(_("     could be supported by: {names}", names=", ".join(
                    node_name(G, s) for s in split_ids(row["supporters"]))))
        click.echo()


@cli.command()
@dataset_argument
@click.option("--remove", "remove", multiple=True, metavar="ID",
              help="A funder, collectivity or organisation to take out (repeatable).")
@click.option("--remove-top-funder", is_flag=True,
              help="Instead: remove each pole's largest funder in turn and rank the poles by "
              "the damage.")
@click.option("--threshold", type=click.FloatRange(0, 1, min_open=True), default=DEFAULT_THRESHOLD,
              show_default=True, help="Flag poles left with less than this share of their "
              "funding (also the fragility threshold).")
@year_option
@click.option("-o", "--out", type=click.Path(path_type=Path), default=None,
              help="Write OUT/scenario.csv (with --remove-top-funder: OUT/top_funders.csv).")
@reasons_lang_option
@format_option()
@_fail_cleanly
def simulate(dataset: Path, remove, remove_top_funder, threshold, year, out, lang, fmt):
    """What if funders, collectivities or organisations left: compared with the unchanged
    network, who loses funding (amount and share), which poles fall under --threshold of
    their funding or to zero, which projects are left without a funder, which members are cut
    off from their pole's cooperation network, and each pole's fragility score before and
    after with the reasons that changed.

    Example: ptce-graph simulate datasets/centre-isere --remove col-region-aura --year 2015
    """
    from .analysis.scenario import simulate_removal, top_funder_damage
    from .errors import OptionError

    G = load_graph(dataset)
    as_of = _judged_as_of(G, year)
    year = as_of.year
    if remove_top_funder:
        if remove:
            raise OptionError(_("use either --remove ID or --remove-top-funder, not both"))
        table = _with_reason_texts(top_funder_damage(G, year=year, threshold=threshold), G)
        emit_frame(_reasons_in(table, lang) if fmt == "table" else table, fmt,
                   _("Each pole without its largest funder, most damaged first"))
        if out is not None:
            out.mkdir(parents=True, exist_ok=True)
            write_csv(table, out / "top_funders.csv")
            say(_("Wrote {path}", path=out / "top_funders.csv"), err=True)
        _say_as_of(as_of, fmt)
        return
    scenario = simulate_removal(G, list(remove), year=year, threshold=threshold)
    _say_as_of(as_of, fmt)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        write_csv(scenario.table(), out / "scenario.csv")
    if fmt != "table":
        emit_frame(scenario.table(), fmt)
    else:
        names = ", ".join(f"{G.nodes[n].get('name', n)} ({n})" for n in scenario.removed)
        heading(_("Without {names}, in {year}:", names=names, year=year) if year
                else _("Without {names}:", names=names))
        click.echo()
        emit_frame(scenario.recipients, fmt, _("Recipients losing funding (EUR)"))
        share = f"{threshold:.0%}"
        emit_frame(scenario.poles, fmt, _("Poles left with less than {share} of their "
                                          "funding", share=share))
        emit_frame(scenario.projects, fmt, _("Projects left without any funder"))
        emit_frame(scenario.cut_off, fmt, _("Members cut off from their pole's cooperation "
                                            "network"))
        emit_frame(_reasons_in(_with_reason_texts(scenario.fragility, G), lang), fmt,
                   _("Fragility of each pole, before and after"))
    if out is not None:
        say(_("Wrote {path}", path=out / "scenario.csv"), err=True)


# ---------------------------------------------------------------- the graph store


def _store_settings(options: dict):
    """The Neo4j options, popped from ``options`` (they must not reach summary.json)."""
    from .store import Neo4jSettings

    return Neo4jSettings(
        uri=options.pop("neo4j_uri", None), user=options.pop("neo4j_user", None),
        password=options.pop("neo4j_password", None),
        database=options.pop("neo4j_database", None))


def _open_store(kind: str, options: dict | Secrets):
    """Open the store named by --store with the Neo4j settings (popped from ``options``, or
    those of ``Secrets``)."""
    from .store import open_store

    settings = options.neo4j if isinstance(options, Secrets) else _store_settings(options)
    return open_store(kind, neo4j=settings if kind == "neo4j" else None)


def _analyze_store(kind: str, write_back: bool, out: Path, options: dict, *,
                   engine: str = "local") -> None:
    from .analysis import analyze
    from .store import pull_graph
    from .store.writeback import write_back_analysis

    analysis_options_, output, secrets = _options(options)
    with _open_store(kind, secrets) as store:
        G = pull_graph(store)
        heavy = None
        if engine == "gds":
            from .store.gds import GdsEngine, gds_client

            heavy = GdsEngine(gds_client(secrets.neo4j))
        shown, written = _run(G, out, analysis_options_, output, secrets, engine=heavy)
        say(_("Wrote {n} files to {out}/", n=len(written.files), out=out))
        if write_back:
            # the store holds real ids: under --pseudonymise the files were written from an
            # analysis of the pseudonymised graph, the store gets the analysis of its own
            analysis = shown
            if output.pseudonymise:
                analysis = analyze(G, analysis_options_, engine=heavy)
            names = write_back_analysis(store, analysis)
            say(_("Wrote back {n} properties onto the nodes of {store}: {names}",
                  n=len(names), store=store.describe(), names=", ".join(names)))


@cli.group()
def db():
    """The local graph store: a FalkorDB server (installed with ptce-graph) on 127.0.0.1.

    `db start` runs it in the background with its files in a data folder; `load`, `pull`,
    `query` and `analyze --store local` then find it without being told where it is.
    """


data_option = click.option(
    "--data", type=click.Path(path_type=Path, file_okay=False), default=None,
    help="Data folder of the server [default: $PTCE_GRAPH_DATA or ~/.local/share/ptce-graph].")


@db.command("start")
@data_option
@click.option("--port", type=click.IntRange(1, 65535), default=None,
              help="TCP port on 127.0.0.1 [default: the port this data folder used before, "
              "else one derived from the folder, or the next free one].")
@_fail_cleanly
def db_start(data: Path | None, port: int | None):
    """Start the local graph store (FalkorDB) on 127.0.0.1, keeping its files in the data
    folder; nothing happens if it already runs there."""
    from .store import start_server

    state, started = start_server(data, port,
                                  progress=lambda line: say(line, err=True))
    fields = {"host": state.host, "port": state.port, "pid": state.pid, "data": state.data}
    say(_("Started local graph store on {host}:{port} (pid {pid}), data in {data}", **fields)
        if started else _("Already running: local graph store on {host}:{port} (pid {pid}), "
                          "data in {data}", **fields))


@db.command("stop")
@data_option
@_fail_cleanly
def db_stop(data: Path | None):
    """Stop the local graph store (its data stays in the data folder for the next start)."""
    from .store import stop_server

    state = stop_server(data)
    if state is None:
        say(_("The local graph store is not running."))
    else:
        say(_("Stopped the local graph store (pid {pid}); data kept in {data}", pid=state.pid,
              data=state.data))


@db.command("status")
@data_option
@_fail_cleanly
def db_status(data: Path | None):
    """Say whether the local graph store runs, where, and what it holds. Exit code 1 when it
    does not run, 2 when it runs but cannot serve (loading its data, disk full)."""
    from .store import load_state, open_store, server_status
    from .store.load import stored_counts
    from .store.server import server_trouble

    state = server_status(data)
    if state is None:
        say(_("The local graph store is not running: start it with `ptce-graph db start`."))
        sys.exit(1)
    trouble = server_trouble(state)
    if trouble:
        say(_("Running, in trouble, on {host}:{port} (pid {pid}): {trouble}", host=state.host,
              port=state.port, pid=state.pid, trouble=trouble))
        sys.exit(2)
    say(_("Running on {host}:{port} (pid {pid}), data in {data}", host=state.host,
          port=state.port, pid=state.pid, data=state.data))
    with open_store("local", address=(state.host, state.port)) as store:
        marker = load_state(store)
        nodes, relationships = stored_counts(store)
    if marker is None:
        say(_("Holds no ptce-graph data yet: run `ptce-graph load DATASET`."))
        return
    names = ", ".join(marker.get("datasets") or [marker.get("dataset") or "?"])
    metrics = _(", metrics written back: {n}", n=len(marker["metrics"])) \
        if marker.get("metrics") else ""
    say(_("Holds {nodes} nodes and {relationships} relationships ({names}); last load "
          "{state}{metrics}", nodes=nodes, relationships=relationships, names=names,
          state=marker.get("state"), metrics=metrics))


@cli.command()
@dataset_argument
@store_options()
@click.option("--batch-size", type=click.IntRange(1, 100_000), default=1000, show_default=True,
              help="Rows per UNWIND batch (one transaction each).")
@click.option("--replace", is_flag=True,
              help="Replace the whole graph of the store: the new one takes its place only "
              "once completely loaded.")
@_fail_cleanly
def load(dataset: Path, store_kind: str, batch_size: int, replace: bool, **options):
    """Load DATASET into the graph store (batched MERGE: loading twice changes nothing).

    Nodes are keyed by id (unique per label); relationships by their dataset row. Without
    --replace the dataset is merged into what the store holds (several datasets can share
    it). An interrupted load is detected by the next command and converges when run again.
    Loading an edited dataset again converges to it: the rows and nodes it no longer has
    (edited, removed or re-typed) are removed, and the other datasets are left as they are.
    """
    from .store import load_into_store

    data = load_dataset(dataset)
    total = len(data.nodes) + len(data.edges)  # the rows of every batch
    # the year the dataset describes, kept in the store for the library's as-of queries
    from .build import dataset_graph
    from .time_model import resolve_as_of

    as_of = resolve_as_of(dataset_graph(data, dataset)).year
    with _open_store(store_kind, options) as store:
        bar = click.progressbar(length=total, label=render(_("Loading {name}",
                                                             name=data.name), _lang()),
                                file=sys.stderr)
        with bar:
            report = load_into_store(store, data, batch_size=batch_size, replace=replace,
                                     progress=lambda step: bar.update(step.size), as_of=as_of)
        where = store.describe()
    say(_("Loaded {name} into {where}: {nodes} nodes ({nodes_created} created, "
          "{nodes_updated} updated), {relationships} relationships ({relationships_created} "
          "created, {relationships_updated} updated). The store holds {store_nodes} nodes and "
          "{store_relationships} relationships.", name=data.name, where=where,
          nodes=report.nodes, nodes_created=report.nodes_created,
          nodes_updated=report.nodes_updated, relationships=report.relationships,
          relationships_created=report.relationships_created,
          relationships_updated=report.relationships_updated, store_nodes=report.store_nodes,
          store_relationships=report.store_relationships))


@cli.command()
@store_options()
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write nodes.csv and edges.csv into.")
@click.option("--with-metrics", is_flag=True,
              help="Also write the metrics written back by `analyze --write-back` as columns.")
@_fail_cleanly
def pull(store_kind: str, out: Path, with_metrics: bool, **options):
    """Write the store's graph back as a dataset (nodes.csv, edges.csv) in OUT."""
    from .store import pull_dataset

    with _open_store(store_kind, options) as store:
        pull_dataset(store, out, with_metrics=with_metrics)
        where = store.describe()
    data = load_dataset(out)
    say(_("Wrote {nodes} nodes and {edges} edges from {where} to {out}/",
          nodes=len(data.nodes), edges=len(data.edges), where=where, out=out))


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    from .errors import OptionError

    params = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip().isidentifier():
            raise OptionError(_("--param {pair!r}: write it KEY=VALUE, e.g. --param "
                                "pole=pole-esci", pair=pair))
        params[key.strip()] = value
    return params


@cli.command()
@click.argument("query_name", metavar="NAME|FILE.cypher", required=False)
@click.option("--cypher", "cypher_text", metavar="QUERY", default=None,
              help="Run this Cypher text instead of a library query or a file ('-': read it "
              "from standard input), e.g. --cypher \"MATCH (p:Pole) RETURN p.id, p.name\".")
@click.option("--param", "pairs", multiple=True, metavar="KEY=VALUE",
              help="A query parameter (repeatable), typed as the query's header says.")
@click.option("--list", "list_queries", is_flag=True, help="List the library's queries.")
@click.option("--allow-write", is_flag=True,
              help="Let the query write to the graph (queries run read-only otherwise).")
@format_option()
@store_options()
@_fail_cleanly
def query(query_name: str | None, cypher_text: str | None, pairs, list_queries: bool,
          allow_write: bool, fmt: str, store_kind: str, **options):
    """Run a query of the Cypher library by NAME, your own FILE.cypher, or the text of
    --cypher, on the store.

    Library queries start with a `//` header naming their question, parameters and returned
    columns (see `--list` and cypher/README.md). When nothing is found, the command says why
    if it can: a label or relationship type the store lacks, an id that names no node,
    properties only `analyze --write-back` writes. json prints a list of row objects.
    """
    from .errors import OptionError
    from .store import convert_parameters, library, resolve_query, run_query
    from .store.library import explain_empty, inline_query

    lang = _lang()

    def question(text: str) -> str:
        # the library's questions are English in the .cypher headers; a person reads them in
        # their language (csv and json keep the headers' text)
        return translate(lang, text) if text and fmt == "table" else text

    if list_queries:
        rows = [{"query": q.name, "question": question(q.question),
                 "parameters": " ".join(_parameter_shown(p) for p in q.parameters)}
                for q in library().values()]
        emit_frame(pd.DataFrame(rows, columns=["query", "question", "parameters"]), fmt)
        return
    if cypher_text is not None and query_name:
        raise OptionError(_("give either NAME|FILE.cypher or --cypher, not both"))
    if cypher_text is not None:
        chosen = inline_query(sys.stdin.read() if cypher_text == "-"
                              else cypher_text, "stdin" if cypher_text == "-" else "--cypher")
    elif query_name:
        chosen = resolve_query(query_name)
    else:
        raise OptionError(_("name a library query or a .cypher file, or give --cypher "
                            "\"MATCH ...\" (`ptce-graph query --list` shows the library)"))
    params = convert_parameters(chosen, _parse_params(pairs))
    with _open_store(store_kind, options) as store:
        rows = run_query(store, chosen, params, allow_write=allow_write)
        reasons = explain_empty(store, chosen, params) if rows.empty else []
    if reasons:
        raise OptionError(_("nothing found, and probably why:\n{reasons}",
                            reasons="\n".join("  " + render(r, lang) for r in reasons)))
    emit_frame(rows, fmt, question(chosen.question) or chosen.name)


# ---------------------------------------------------------------- view: one-off views


@cli.group()
def view():
    """Write one interactive view as a self-contained HTML file (works offline)."""


@view.command("ego")
@dataset_argument
@click.argument("node_id", metavar="ID")
@click.option("--radius", type=int, default=2, show_default=True,
              help="How many ties away from ID to go (whatever their direction).")
@click.option("-o", "--out", "out", type=click.Path(path_type=Path), required=True,
              help="HTML file to write, e.g. ego.html.")
@year_option
@lang_option
@pseudonymise_option
@_fail_cleanly
def view_ego(dataset: Path, node_id: str, radius: int, out: Path, year: int | None,
             lang: str, pseudonymise: bool, pseudonym_key: str | None):
    """One member's neighbourhood: every node within RADIUS ties of ID, sized by betweenness
    (computed on the whole network), with tooltips, search and legend.

    ID is a value of the `id` column of nodes.csv. With --pseudonymise, give the original id:
    the page shows only pseudonyms.
    """
    from .analysis import analyze
    from .views.ego import EGO_TABLES, check_ego_centre, write_ego_view

    G = load_graph(dataset)
    as_of = _judged_as_of(G, year)
    year = as_of.year
    check_ego_centre(G, node_id, year)
    output = OutputOptions(lang=lang, pseudonymise=pseudonymise)
    centre = node_id
    if pseudonymise:
        from .pseudonym import pseudonym_map
        from .pseudonym import pseudonymise as pseudonymised

        centre = pseudonym_map(G, key=pseudonym_key).get(node_id, (node_id, None))[0]
        G = pseudonymised(G, key=pseudonym_key)
    analysis = analyze(G, AnalysisOptions(year=year), only=EGO_TABLES)
    path = write_ego_view(analysis, centre, out, radius=radius, lang=output.lang,
                          pseudonymised=output.pseudonymise)
    say(_("Wrote {path}", path=path))
    _say_as_of(as_of)


# ---------------------------------------------------------------- generate


@cli.command()
@click.option("--poles", type=click.IntRange(1, 100_000), default=100, show_default=True,
              help="Number of poles to generate (1,800 give about 30,000 nodes and 100,000 "
              "edges).")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Random seed: the same seed and number of poles give the same files.")
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True,
              help="Folder to write nodes.csv and edges.csv into (created if needed).")
@_fail_cleanly
def generate(poles: int, seed: int, out: Path):
    """Write a synthetic national-scale dataset (fictional poles, members, collectivities,
    funders, projects) calibrated on the field's medians: 11 members, about 110 employees and
    5 MEUR budget per pole, 2 collectivities, a quarter of poles inactive. For benchmarks and
    demonstrations; it passes `ptce-graph validate`."""
    from .generate import write_generated_dataset

    folder = write_generated_dataset(poles, out, seed=seed)
    nodes = sum(1 for _ in open(folder / "nodes.csv", encoding="utf-8")) - 1
    edges = sum(1 for _ in open(folder / "edges.csv", encoding="utf-8")) - 1
    say(_("Wrote {nodes} nodes and {edges} edges ({poles} poles, seed {seed}) to {out}/",
          nodes=nodes, edges=edges, poles=poles, seed=seed, out=out))


def _add_lang_everywhere(group: click.Group) -> None:
    """--lang on every command that lacks it (those added later by anyone get it too)."""
    for command in group.commands.values():
        if isinstance(command, click.Group):
            _add_lang_everywhere(command)
        elif not any("--lang" in p.opts for p in command.params):
            lang_option(expose=False)(command)


_add_lang_everywhere(cli)


# ---------------------------------------------------------------- collecting the network
# template (a workbook to fill in); survey make / collect (a roster survey of the members)


@cli.command()
@click.option("-o", "--out", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Workbook to write, e.g. mon-pole.xlsx.")
@lang_option(help_text="Language of the sheet names, headers, values, notes and help, and of "
             "the messages [default: $PTCE_GRAPH_LANG, else the locale (LANG starting with "
             "fr: French), else English].")
@click.option("--from", "source", type=click.Path(path_type=Path), default=None,
              metavar="DATASET", help="Pre-fill the workbook with this (valid) dataset.")
@_fail_cleanly
def template(out: Path, lang: str, source: Path | None):
    """Write a workbook to fill in with Excel or LibreOffice: the sheets of the dataset
    format (noeuds/liens in French, nodes/edges in English), a drop-down list on every column
    with fixed values, a note on each header, and a help sheet with a filled example.

    Check it with `ptce-graph validate OUT`, analyse it with `ptce-graph analyze OUT`; with
    --from, editing goes dataset -> workbook -> dataset without losing a value."""
    from .template import write_template

    path = write_template(out, lang=lang, source=source)
    say(_("Wrote {path} (pre-filled with {source})", path=path, source=source) if source
        else _("Wrote {path}", path=path))


@cli.group()
def survey():
    """A roster survey of the members: `survey make` writes one questionnaire per member
    organisation (the other members listed, a drop-down answer for each); `survey collect`
    turns the returned files into cooperates_with ties, with response rates and the ties
    named by one side only."""


@survey.command("make")
@dataset_argument
@click.option("--pole", "poles", multiple=True, metavar="ID",
              help="Survey the members of this pole (repeatable) [default: every pole].")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The survey's year: members of that year, ties dated from it [default: "
              "this year].")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), required=True,
              help="Folder to write the questionnaires and the mailing list into.")
@lang_option(help_text="Language of the questionnaires and of the messages [default: "
             "$PTCE_GRAPH_LANG, else the locale (LANG starting with fr: French), else "
             "English].")
@_fail_cleanly
def survey_make(dataset: Path, poles, as_of: int | None, out: Path, lang: str):
    """Write one questionnaire (.xlsx) per member organisation of the chosen poles, listing
    the other members (name, sector, pole) with a drop-down answer for each: no tie,
    occasional exchanges, regular cooperation, joint project or shared activity; an optional
    "on what"; lines for partners outside the list. Each file carries its respondent's id and
    a check code. The mailing list (liste-d-envoi.csv) says which file goes to whom."""
    from .survey import write_questionnaires

    data = load_dataset(dataset)
    mailing = write_questionnaires(data, out, poles=list(poles) or None, year=as_of, lang=lang)
    say(_("Wrote {n} questionnaires and the mailing list to {out}/", n=len(mailing), out=out))


@survey.command("collect")
@click.argument("returns", type=click.Path(path_type=Path, exists=True, file_okay=False),
                metavar="DIR_OF_RETURNS")
@click.option("--into", "dataset", type=click.Path(path_type=Path), required=True,
              help="The dataset the survey was made from; the ties go into it.")
@click.option("-o", "--out", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Write the dataset with the ties to this folder and leave DATASET "
              "untouched.")
@click.option("--as-of", "as_of", type=int, default=None, metavar="YEAR",
              help="The survey's year when no questionnaire says it (a form export alone).")
@click.option("--pole", "poles", multiple=True, metavar="ID",
              help="The poles surveyed, when no questionnaire says it (repeatable).")
@click.option("--map", "pairs", multiple=True, metavar="COLUMN=ID",
              help="A form export's column that names a member in a way not recognised: "
              "read it as this member's id (repeatable).")
@lang_option(help_text="Language of the report and of the messages [default: "
             "$PTCE_GRAPH_LANG, else the locale (LANG starting with fr: French), else "
             "English].")
@_fail_cleanly
def survey_collect(returns: Path, dataset: Path, out: Path | None, as_of, poles, pairs,
                   lang: str):
    """Read the returned questionnaires in DIR_OF_RETURNS (also saved again by Excel or
    LibreOffice) and any online form export (.csv: one row per respondent, one column per
    listed member, matched by name), and write their cooperates_with ties into the dataset
    (since = the survey's year; reported_by, strength, confirmed), with who was asked and who
    answered; meta.csv then declares the dataset as of the survey's year (unless later).

    Prints the report: response rate per pole, who did not answer, ties named by one side
    only, partners outside the list, files rejected (wrong check code, unknown respondent,
    another survey) or replaced (the same respondent twice: the later file wins). The report
    and its tables go to OUT/survey-YEAR/ (or DATASET/survey-YEAR/). Without -o, DATASET is
    updated in place and its previous files kept in DATASET/backup-YYYYMMDD-HHMMSS/."""
    from .errors import OptionError
    from .ingest import read_meta
    from .survey import (
        collect_answers,
        merge_survey,
        read_returns,
        report_lines,
        survey_meta,
        survey_roster,
        write_collected,
        write_collection,
    )

    if dataset.is_file() and out is None:
        raise OptionError(_("{dataset} is a workbook: pass -o FOLDER to write the dataset with "
                            "the survey's ties as CSV files", dataset=str(dataset)))
    data = load_dataset(dataset)
    found = read_returns(returns, survey_roster(data)[1],
                         mapping={k: v for k, v in _mapping(pairs).items()})
    collection = collect_answers(data, found, year=as_of, poles=list(poles) or None)
    nodes, edges = merge_survey(data.nodes, data.edges, collection)
    target = out or dataset
    backup = write_collected(nodes, edges, survey_meta(read_meta(dataset), collection.year),
                             target)
    folder = target / f"survey-{collection.year}"
    write_collection(collection, folder, lang)
    for line in report_lines(collection, lang):
        click.echo(line)
    say(_("Wrote {n} ties to {target}/edges.csv (previous files kept in {backup}); report "
          "and tables in {folder}/", n=len(collection.ties), target=target, backup=backup,
          folder=folder) if backup else
        _("Wrote {n} ties to {target}/edges.csv; report and tables in {folder}/",
          n=len(collection.ties), target=target, folder=folder))


def main() -> None:
    cli(prog_name="ptce-graph")


if __name__ == "__main__":
    main()
