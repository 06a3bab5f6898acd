"""The options of a run as values: what the analysis computes (:class:`AnalysisOptions`), how the
results are written (:class:`OutputOptions`), and the secrets (:class:`Secrets`) that no writer
receives. Each is a frozen dataclass checked once, when it is made (the CLI makes them from its
flags); every default is written here and nowhere else."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

from .errors import OptionError
from .i18n import _, listed

__all__ = ["DEFAULT_THRESHOLD", "DEFAULT_LAYER", "AnalysisOptions", "OutputOptions", "Secrets"]

DEFAULT_THRESHOLD = 0.5  # share of funding from one funder from which a recipient depends on it
DEFAULT_LAYER = "cooperation"


def _known(cls, values: Mapping[str, Any]) -> dict:
    """The entries of ``values`` that name a field of ``cls`` and are not None (a CLI flag left
    out arrives as None and means the default)."""
    names = {f.name for f in fields(cls)}
    return {k: v for k, v in values.items() if k in names and v is not None}


@dataclass(frozen=True)
class AnalysisOptions:
    """What `analyze` computes.

    - ``year``: keep only what is active that year (None: everything);
    - ``layer``: the network the centrality columns of nodes.csv are computed on;
    - ``threshold``: share of funding from one funder (0-1] from which a recipient or pole
      counts as dependent on it;
    - ``by_year``: funding.csv gets a row per recipient and year;
    - ``as_of``: the year the analysis stands in for "now" (None: the dataset's horizon);
    - ``seed``: seed of the randomised metrics (Louvain, sampled betweenness).

    >>> AnalysisOptions(threshold=0.6).threshold
    0.6
    >>> AnalysisOptions(layer="roads")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ptce_graph.errors.OptionError: unknown layer 'roads': choose one of cooperation, ...
    """

    year: int | None = None
    layer: str = DEFAULT_LAYER
    threshold: float = DEFAULT_THRESHOLD
    by_year: bool = False
    as_of: int | None = None
    seed: int = 42

    def __post_init__(self):
        from .analysis.funding import check_threshold
        from .analysis.layers import LAYERS

        if self.layer not in LAYERS:
            raise OptionError(_("unknown layer {layer!r}: choose one of {layers}",
                                layer=self.layer, layers=listed(LAYERS)))
        object.__setattr__(self, "threshold", check_threshold(self.threshold))
        for name in ("year", "as_of"):
            value = getattr(self, name)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)):
                raise OptionError(_("{name} {value!r} is not a year: give a whole number "
                                    "such as 2019", name=name, value=value))
        object.__setattr__(self, "by_year", bool(self.by_year))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> AnalysisOptions:
        """The options named in ``values`` (other keys are ignored, None means the default)."""
        return cls(**_known(cls, values))

    def summary(self) -> dict:
        """As summary.json's ``metrics.options`` gives them."""
        return {"layer": self.layer, "threshold": self.threshold, "by_year": self.by_year}


@dataclass(frozen=True)
class OutputOptions:
    """How the results are written: ``lang`` of the views, report and reasons (fr or en), and
    ``pseudonymise`` (the outputs show member organisations under pseudonyms)."""

    lang: str = "fr"
    pseudonymise: bool = False

    def __post_init__(self):
        from .i18n import LANGUAGES

        lang = (self.lang or "fr").lower()
        if lang not in LANGUAGES:
            raise OptionError(_("Unknown language {lang!r}: use one of {languages}.",
                                lang=self.lang, languages=listed(LANGUAGES)))
        object.__setattr__(self, "lang", lang)
        object.__setattr__(self, "pseudonymise", bool(self.pseudonymise))

    @classmethod
    def from_mapping(cls, values: Mapping[str, Any]) -> OutputOptions:
        return cls(**_known(cls, values))


@dataclass(frozen=True, repr=False)
class Secrets:
    """Credentials and keys: the pseudonym key and the Neo4j connection settings. Given to the
    code that opens the store or makes pseudonyms, never to a writer; its repr shows no value."""

    pseudonym_key: str | None = None
    neo4j: Any = None  # store.Neo4jSettings

    def __repr__(self) -> str:
        return (f"Secrets(pseudonym_key={'***' if self.pseudonym_key else None}, "
                f"neo4j={'***' if self.neo4j else None})")


def run_options(analysis: AnalysisOptions, output: OutputOptions,
                secrets: Secrets | None = None) -> dict:
    """The options of a run as summary.json's ``options`` lists them (sorted; no secret, only
    whether the pseudonyms were keyed)."""
    values = asdict(analysis) | asdict(output)
    for name in ("as_of", "seed"):  # written only when they differ from the default
        if values[name] == getattr(AnalysisOptions, name):
            del values[name]
    if output.pseudonymise:
        values["pseudonym_keyed"] = bool(secrets and secrets.pseudonym_key)
    return dict(sorted(values.items()))
