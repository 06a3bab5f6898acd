"""One view -> one self-contained HTML file, through pyvis, safe with any data.

pyvis 0.3.2 holds the nodes, edges and options and ships vis-network; its own page template is not
used: it loads Bootstrap from a CDN whatever ``cdn_resources`` says, writes ``heading`` and the
select menu raw into the page, and switches to an ``innerHTML`` popup when a title contains
"href". Our template (assets/view.html) is rendered with autoescaping, inlines vis-network from
the pyvis package, and carries the data as JSON in a ``<script type="application/json">`` block
(``tojson`` escapes ``<``, ``>``, ``&`` and quotes), read with ``JSON.parse``. Tooltips are plain
text, which vis-network 9 shows with ``innerText``: no name can become markup or script."""

from __future__ import annotations

import base64
import functools
import hashlib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup
from pyvis.network import Network

from ..i18n import Labels
from .style import EDGE_STYLE, GROUP_STYLE, NODE_STYLE, glossary_entries

__all__ = ["LegendItem", "View", "render_view", "write_view", "vis_assets", "glossary_entries",
           "LABEL_THRESHOLD"]

PYVIS_VIS_VERSION = "vis-9.1.2"


@dataclass(frozen=True)
class LegendItem:
    """One legend line: a node shape, an edge stroke, a colour scale or a sentence."""

    kind: str  # "node", "edge", "scale" or "text"
    label: str
    colour: str = ""
    shape: str = "dot"
    dashed: bool = False
    low: str = ""
    high: str = ""
    unknown: str = ""  # a scale's "unknown" swatch (neutral grey), when the view has some


@dataclass
class View:
    """What a view draws; builders fill it, :func:`render_view` turns it into a page."""

    title: str
    words: Labels
    nodes: list[dict] = field(default_factory=list)
    edges: list[dict] = field(default_factory=list)
    legend: list[LegendItem] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    subtitle: str = ""
    physics: bool = False
    directed: bool = False
    filters: bool = True
    total_nodes: int = 0  # nodes the data holds, before any budget
    spring_length: float = 140.0  # physics' rest length of a tie (px): room for the labels
    label_sizes: tuple[int, int] = (11, 22)  # font size of the smallest and largest nodes' labels
    node_sizes: tuple[int, int] = (8, 40)  # radius of the smallest and largest nodes
    central_gravity: float = 0.25  # physics' pull to the centre: keeps small components near
    path: Path | None = None  # where write_views put it
    # edge layers the user switches on and off: (layer, label, shown at first); edges carry
    # their "layer"
    layers: list[tuple[str, str, bool]] = field(default_factory=list)
    # metric names the page's glossary explains (keys "glossary.<name>" of the labels)
    glossary: list[str] = field(default_factory=list)


def type_legend(words: Labels, types, edge_types=()) -> list[LegendItem]:
    """Legend lines for the node types and edge types a view shows, in schema order."""
    items = []
    for kind in NODE_STYLE:
        if kind in types:
            shape, colour = NODE_STYLE[kind]
            items.append(LegendItem("node", words[f"type.{kind}"], colour, shape))
    if "group" in types:
        items.append(LegendItem("node", words["type.group"], GROUP_STYLE[1], GROUP_STYLE[0]))
    for kind in EDGE_STYLE:
        if kind in edge_types:
            colour, dashed = EDGE_STYLE[kind]
            items.append(LegendItem("edge", words[f"edge.{kind}"], colour, dashed=dashed))
    return items


@functools.cache
def vis_assets() -> tuple[str, str]:
    """vis-network's JavaScript and CSS from the pyvis package, safe to inline."""
    import pyvis

    folder = Path(pyvis.__file__).parent / "lib" / PYVIS_VIS_VERSION
    script = (folder / "vis-network.min.js").read_text(encoding="utf-8")
    style = (folder / "vis-network.css").read_text(encoding="utf-8")
    # A literal "</script" inside the library would end the inline block early.
    script = script.replace("</script", "<\\/script").replace("</SCRIPT", "<\\/SCRIPT")
    style = style.replace("</style", "<\\/style")
    return script, style


@functools.cache
def _environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FunctionLoader(_template_source),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    # tojson still escapes < > & ' (so no "</script>" can close the data block); accents stay
    # readable and the file smaller.
    environment.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return environment


def _template_source(name: str) -> str:
    return (resources.files("ptce_graph.views") / "assets" / name).read_text(encoding="utf-8")


# Labels smaller than this on screen (px) are not drawn; the page shows the others only where
# they fit (view.js, "labels"), the most important first, and the rest on zoom or hover.
LABEL_THRESHOLD = 9


def _options(view: View) -> dict:
    big = len(view.nodes) > 1000
    return {
        "autoResize": True,
        "nodes": {
            "font": {"size": 14, "face": "Arial, Helvetica, sans-serif", "color": "#222222",
                     "strokeWidth": 3, "strokeColor": "#ffffff"},
            "borderWidth": 1,
            # Sizes follow each node's "value"; small nodes' labels appear as one zooms in.
            "scaling": {"min": view.node_sizes[0], "max": view.node_sizes[1],
                        "label": {"enabled": True, "min": view.label_sizes[0],
                                  "max": view.label_sizes[1], "drawThreshold": LABEL_THRESHOLD,
                                  "maxVisible": 30}},
        },
        "edges": {
            "smooth": False if big else {"type": "continuous", "roundness": 0.3},
            "color": {"inherit": False},
            "arrows": {"to": {"enabled": view.directed, "scaleFactor": 0.5}},
            "selectionWidth": 2,
        },
        "interaction": {
            "hover": not big,
            "tooltipDelay": 120,
            "hideEdgesOnDrag": big,
            "hideEdgesOnZoom": big,
            "multiselect": True,
        },
        "layout": {"improvedLayout": False},  # positions come from Python
        "physics": {
            "enabled": view.physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -6000, "centralGravity": view.central_gravity,
                          "springLength": view.spring_length, "springConstant": 0.03,
                          "avoidOverlap": 0.6},
            "stabilization": {"enabled": True, "iterations": 400, "updateInterval": 50},
            "minVelocity": 1.0,
        },
    }


def render_view(view: View) -> str:
    """The page of ``view`` as one HTML string, with everything inlined."""
    net = Network(directed=view.directed, cdn_resources="in_line", heading="")
    # pyvis' add_node/add_edge check every earlier node (quadratic): fill its lists directly.
    net.nodes = view.nodes
    net.edges = view.edges
    net.options = _options(view)
    nodes, edges, _, _, _, _ = net.get_network_data()
    script, style = vis_assets()
    payload = {
        "nodes": nodes,
        "edges": edges,
        "options": net.options,
        "physics": view.physics,
        "words": {k: view.words[f"ui.{k}"] for k in ("found", "all_types", "all_sectors")},
        "labels": {"threshold": LABEL_THRESHOLD},
        "types": {kind: view.words[f"type.{kind}"] for kind in (*NODE_STYLE, "group")},
    }
    app = _template_source("view.js")
    return _environment().get_template("view.html").render(
        view=view,
        glossary=glossary_entries(view.words, view.glossary),
        lang=view.words.lang,
        w=view.words,
        payload=payload,
        csp=content_security_policy(script, app),
        pyvis_version=_pyvis_version(),
        vis_script=Markup(script),
        vis_style=Markup(style),
        app_script=Markup(app),
    )


def content_security_policy(*scripts: str) -> str:
    """A policy that lets the page run only the given inline scripts and load nothing.

    Escaping is the defence against hostile names; this is the second line: a script that slipped
    into the page would not run (its hash is not listed), and nothing can be fetched or sent.
    """
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() + "'"
        for s in scripts
    )
    return (f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
            "img-src data:; font-src data:; connect-src 'none'; form-action 'none'; "
            "base-uri 'none'")


def _pyvis_version() -> str:
    import pyvis

    return getattr(pyvis, "__version__", "0.3.2")


def write_view(view: View, path: str | Path) -> Path:
    """Write ``view`` to ``path`` (UTF-8) and return the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_view(view), encoding="utf-8")
    return path
