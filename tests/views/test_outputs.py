"""The files themselves: nothing loaded from the network, UTF-8, pseudonyms everywhere, both
languages, and the `view ego` command's errors. No browser needed."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import networkx as nx
import pandas as pd
from click.testing import CliRunner

from ptce_graph.cli import cli
from ptce_graph.pseudonym import pseudonym_map, pseudonymise
from ptce_graph.views.page import vis_assets

from .conftest import DATA, analyze

TINY_ORGANISATIONS = ("Atelier Un", "Coop Deux", "Entreprise Trois")


class Tags(HTMLParser):
    """Every start tag with its attributes (script and style contents are not parsed)."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def html_files(out: Path) -> list[Path]:
    return sorted(out.glob("*.html")) + sorted((out / "views").glob("*.html"))


def test_every_page_is_self_contained(tiny_out):
    script, style = vis_assets()
    pages = html_files(tiny_out)
    assert [p.name for p in pages] == ["report.html", "fragility.html", "network.html",
                                       "poles.html"]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert '<meta charset="utf-8">' in text[:200]
        # vis-network's bundle names its licence URLs and the SVG namespace; nothing else may.
        rest = text.replace(script, "").replace(style, "")
        assert re.findall(r"https?://", rest) == [], page
        parser = Tags()
        parser.feed(text)
        for tag, attrs in parser.tags:
            assert tag not in ("link", "iframe", "img", "object", "embed"), (page, tag)
            assert "src" not in attrs, (page, tag, attrs)
            href = attrs.get("href")
            if href is not None and href.startswith("#"):  # the page's own glossary
                assert f'id="{href[1:]}"' in text, href
            elif href is not None:
                assert not re.match(r"^[a-z]+:", href) and (tiny_out / href).exists(), href
        policy = [a["content"] for t, a in parser.tags
                  if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
        assert len(policy) == 1 and "default-src 'none'" in policy[0]


def test_hostile_names_are_escaped_in_the_files(hostile_out):
    for page in html_files(hostile_out):
        text = page.read_text(encoding="utf-8")
        assert "<img src=x" not in text, page
        assert "<svg onload" not in text, page
        assert "<script>window.__pwned" not in text, page
        assert "</script><script>window" not in text, page


def test_pseudonymise_hides_member_names_in_every_output(tmp_path):
    first = analyze(DATA / "tiny", tmp_path / "a", "--pseudonymise")
    second = analyze(DATA / "tiny", tmp_path / "b", "--pseudonymise")
    files = [p for p in first.rglob("*") if p.is_file()]
    assert len(files) >= 6
    for path in files:
        text = path.read_text(encoding="utf-8")
        for name in (*TINY_ORGANISATIONS, "732829320", "org-1", "org-2", "org-3"):
            assert name not in text, (path, name)
        if path.name in ("network.html", "fragility.html"):  # funders keep their names
            assert "Caisse des Dépôts" in text and "Région Auvergne-Rhône-Alpes" in text
        # the same pseudonyms, file for file, run after run
        assert text.replace(str(first), "") == (second / path.relative_to(first)).read_text(
            encoding="utf-8").replace(str(second), ""), path
    graphml = (first / "graph.graphml").read_text(encoding="utf-8")
    assert "Région Auvergne-Rhône-Alpes" in graphml and "Pôle A" in graphml
    assert len(set(re.findall(r"Structure [A-Z2-7]{6}", graphml))) == 3


def test_pseudonyms_stay_one_to_one_when_codes_collide():
    G = nx.MultiDiGraph()
    for i in range(200):
        G.add_node(f"org-{i}", type="organisation", name=f"Org {i}")
    mapping = pseudonym_map(G, length=1)  # 32 one-letter codes for 200 ids: collisions
    assert len({new for new, _ in mapping.values()}) == 200
    assert pseudonym_map(G, length=1) == mapping
    H = pseudonymise(G)
    assert H.number_of_nodes() == 200
    assert all(H.nodes[n]["name"].startswith("Structure ") for n in H)


def test_language_of_the_report_and_views(tmp_path):
    english = analyze(DATA / "tiny", tmp_path / "en", "--lang", "en")
    french = analyze(DATA / "tiny", tmp_path / "fr")
    assert "<title>Analysis report" in (english / "report.html").read_text(encoding="utf-8")
    assert "<title>Rapport d&#39;analyse" in (french / "report.html").read_text(
        encoding="utf-8")
    assert '<html lang="en">' in (english / "views" / "poles.html").read_text(encoding="utf-8")
    assert "Réseau inter-pôles" in (french / "views" / "poles.html").read_text(encoding="utf-8")


def test_summary_says_what_the_views_left_out(tiny_out):
    summary = pd.read_json(tiny_out / "summary.json", typ="series")
    views = summary["views"]
    nodes = pd.read_csv(DATA / "tiny" / "nodes.csv")
    assert views["network"]["nodes_drawn"] == views["network"]["nodes_total"] == len(nodes)
    assert views["network"]["grouped"] is False


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_view_ego_errors_are_one_clear_line(tmp_path):
    result = run("view", "ego", DATA / "tiny", "org-9", "-o", tmp_path / "e.html")
    assert result.exit_code == 1
    assert result.output.startswith("Error: No node with id 'org-9' in the dataset")
    assert "Close ids" not in result.output
    result = run("view", "ego", DATA / "tiny", "ORG-1", "-o", tmp_path / "e.html")
    assert "Close ids: org-1" in result.output
    result = run("view", "ego", DATA / "tiny", "org-1", "--radius", "0", "-o",
                 tmp_path / "e.html")
    assert result.exit_code == 1 and "--radius must be 1 or more" in result.output
    result = run("view", "ego", DATA / "tiny", "proj-ress", "--year", "2010", "-o",
                 tmp_path / "e.html")
    assert result.exit_code == 1 and "not active in 2010" in result.output
    assert not (tmp_path / "e.html").exists()


def test_view_ego_writes_a_page_and_has_help(tmp_path):
    result = run("view", "ego", DATA / "tiny", "org-1", "--lang", "en", "-o",
                 tmp_path / "e.html")
    assert result.exit_code == 0, result.output
    assert "Neighbourhood of Atelier Un" in (tmp_path / "e.html").read_text(encoding="utf-8")
    for args in (("view", "--help"), ("view", "ego", "--help")):
        result = run(*args)
        assert result.exit_code == 0 and len(result.output) > 200
