"""Each view and the report in headless Chromium, offline: what is drawn, what runs, what loads.

Expected node counts come from the dataset files (read here with pandas, independently of the
views' code) and are compared with what the page's vis-network object holds."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pandas as pd
import pytest
from click.testing import CliRunner

from ptce_graph.analysis import analyze as analysis_of
from ptce_graph.cli import cli
from ptce_graph.report import write_report
from ptce_graph.views import write_views
from ptce_graph.views.layout import NODE_BUDGET

from .conftest import DATA, DATASETS, analyze, screenshot

pytestmark = pytest.mark.browser

VIEWS = ("network", "poles", "fragility")


def read(folder: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    nodes = pd.read_csv(folder / "nodes.csv", dtype=str, keep_default_na=False)
    edges = pd.read_csv(folder / "edges.csv", dtype=str, keep_default_na=False)
    return nodes, edges


def expected_nodes(folder: Path, view: str, out: Path) -> int:
    """Nodes a view draws: those of the dataset's as-of year (time model: the dataset's
    declared year, else the inferred one), as `analyze` judges them."""
    from ptce_graph.build import load_graph, restrict_to_year
    from ptce_graph.time_model import resolve_as_of

    G = load_graph(folder)
    H = restrict_to_year(G, resolve_as_of(G).year)
    if view == "network":
        # funders and collectivities with no tie that year are left out (a notice says so)
        return sum(1 for n, t in H.nodes(data="type")
                   if not (t in ("funder", "collectivity") and H.degree(n) == 0))
    if view == "poles":
        return sum(1 for _, t in H.nodes(data="type") if t == "pole")
    drawn = {n for u, v, d in H.edges(data=True) if d.get("type") == "funds" for n in (u, v)}
    # key actors (poles.csv: ids joined by ";") are drawn too, with their pole
    poles = pd.read_csv(out / "metrics" / "poles.csv", dtype=str, keep_default_na=False)
    for row in poles.to_dict("records"):
        if row["key_actors"]:
            drawn |= set(row["key_actors"].split(";")) | {row["pole"]}
    # and every pole, funded or not: the view answers "which poles are fragile"
    drawn |= set(poles["pole"])
    return len(drawn)


def assert_clean(opened) -> None:
    assert opened.console_errors == []
    assert opened.outside_requests == []


@pytest.mark.parametrize("view", VIEWS)
def test_region_view_draws_every_node_offline(region_out, open_page, view):
    opened = open_page(region_out / "views" / f"{view}.html")
    assert opened.drawn_nodes() == expected_nodes(DATASETS / "auvergne-rhone-alpes", view,
                                                  region_out)
    assert_clean(opened)
    assert opened.evaluate("document.characterSet") == "UTF-8"
    assert opened.evaluate("document.querySelectorAll('#legend li').length") >= 2
    screenshot(opened, f"region-{view}")


@pytest.mark.parametrize("view", VIEWS)
def test_small_view_stabilises_then_stops_physics(tiny_out, open_page, view):
    opened = open_page(tiny_out / "views" / f"{view}.html")
    assert opened.drawn_nodes() == expected_nodes(DATA / "tiny", view, tiny_out)
    # physics tidied the small graph, then was switched off
    assert opened.evaluate("window.ptceView.network.physics.physicsEnabled") is False
    assert_clean(opened)
    screenshot(opened, f"tiny-{view}")


def test_accents_show_right(tiny_out, open_page):
    opened = open_page(tiny_out / "views" / "network.html")
    assert opened.evaluate("window.ptceView.nodes.get('pole-a').label") == "Pôle A"
    assert opened.evaluate("window.ptceView.nodes.get('fund-cdc').label") == "Caisse des Dépôts"
    assert "Réseau des acteurs" in opened.evaluate("document.querySelector('h1').textContent")


def test_search_filter_and_highlight_work(tiny_out, open_page):
    opened = open_page(tiny_out / "views" / "network.html")
    page = opened.page
    page.fill("#search", "depot")  # accents and case do not matter
    assert opened.evaluate("window.ptceView.network.getSelectedNodes()") == ["fund-cdc"]
    assert page.text_content("#search-count").startswith("1 ")
    page.select_option("#type-filter", "organisation")
    hidden = opened.evaluate(
        "window.ptceView.nodes.get({filter: n => n.hidden}).map(n => n.id).sort()")
    _, edges = read(DATA / "tiny")
    nodes, _ = read(DATA / "tiny")
    assert hidden == sorted(nodes.loc[nodes["type"] != "organisation", "id"])
    page.click("#reset")
    assert opened.evaluate("window.ptceView.nodes.get({filter: n => n.hidden}).length") == 0
    # click a member: its neighbours keep their colour, the others fade
    xy = opened.evaluate("(() => { const p = window.ptceView.network.getPositions(['org-3'])"
                         "['org-3']; return window.ptceView.network.canvasToDOM(p); })()")
    box = page.locator("#network").bounding_box()
    page.mouse.click(box["x"] + xy["x"], box["y"] + xy["y"])
    G = nx.Graph()
    G.add_edges_from(zip(edges["source"], edges["target"], strict=True))
    faded = opened.evaluate("window.ptceView.nodes.get({filter: n => n.color && "
                            "n.color.background === '#eeeeee'}).map(n => n.id).sort()")
    assert faded == sorted(set(G) - set(G["org-3"]) - {"org-3"})
    assert_clean(opened)


def test_ego_view_draws_the_neighbourhood(tmp_path, open_page):
    out = tmp_path / "ego.html"
    result = CliRunner().invoke(cli, ["view", "ego", str(DATASETS / "centre-isere"),
                                      "org-adequation", "--radius", "1", "-o", str(out)])
    assert result.exit_code == 0, result.output
    _, edges = read(DATASETS / "centre-isere")
    G = nx.Graph()
    G.add_edges_from(zip(edges["source"], edges["target"], strict=True))
    opened = open_page(out)
    assert opened.drawn_nodes() == 1 + len(G["org-adequation"])
    assert_clean(opened)
    screenshot(opened, "ego-adequation")


# ---------------------------------------------------------------- hostile names

MARKER = "typeof window.__pwned === 'undefined'"


def _poke(opened) -> None:
    """Hover every node (tooltips), search, pick every filter value, click a node."""
    page = opened.page
    box = page.locator("#network").bounding_box()
    points = opened.evaluate("""(() => {
        const net = window.ptceView.network, pos = net.getPositions();
        return Object.keys(pos).map(id => net.canvasToDOM(pos[id]));
    })()""")
    for xy in points:
        page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
        page.wait_for_timeout(200)  # let the tooltip open (tooltipDelay 120 ms)
    page.fill("#search", "script")
    for select in ("#type-filter", "#sector-filter"):
        if page.locator(select).count():
            for value in page.eval_on_selector_all(f"{select} option",
                                                   "os => os.map(o => o.value)"):
                page.select_option(select, value)
    page.click("#reset")
    if points:
        page.mouse.click(box["x"] + points[0]["x"], box["y"] + points[0]["y"])


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_names_run_nothing_in_views(hostile_out, open_page, view):
    opened = open_page(hostile_out / "views" / f"{view}.html")
    _poke(opened)
    assert opened.evaluate(MARKER)
    assert opened.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert opened.evaluate("document.scripts.length") == 3  # data, vis-network, the view
    assert_clean(opened)  # a blocked inline script would also show as a console error
    screenshot(opened, f"hostile-{view}")


def test_hostile_names_show_as_text_in_tooltips_and_filters(hostile_out, open_page):
    opened = open_page(hostile_out / "views" / "network.html")
    title = opened.evaluate("window.ptceView.nodes.get('org-1').title")
    assert title.startswith('Atelier <img src=x onerror="window.__pwned = \'img\'">')
    sectors = opened.page.eval_on_selector_all("#sector-filter option",
                                               "os => os.map(o => o.textContent)")
    assert 'réemploi <script>window.__pwned = "script"</script>' in sectors
    xy = opened.evaluate("(() => { const n = window.ptceView.network; "
                         "return n.canvasToDOM(n.getPositions(['org-1'])['org-1']); })()")
    box = opened.page.locator("#network").bounding_box()
    opened.page.mouse.move(box["x"] + xy["x"], box["y"] + xy["y"])
    opened.page.wait_for_selector("div.vis-tooltip", state="visible")
    tooltip = opened.evaluate("document.querySelector('div.vis-tooltip').innerText")
    assert tooltip.split("\n")[0] == 'Atelier <img src=x onerror="window.__pwned = \'img\'">'
    assert opened.evaluate("document.querySelectorAll('div.vis-tooltip *:not(br)').length") == 0
    assert opened.evaluate(MARKER)


def test_hostile_names_run_nothing_in_ego_view(tmp_path, open_page):
    out = tmp_path / "ego.html"
    result = CliRunner().invoke(cli, ["view", "ego", str(DATA / "hostile"), 'org-"4\'',
                                      "-o", str(out)])
    assert result.exit_code == 0, result.output
    opened = open_page(out)
    _poke(opened)
    assert opened.evaluate(MARKER)
    assert_clean(opened)
    screenshot(opened, "hostile-ego")


def test_hostile_names_run_nothing_in_report(hostile_out, open_page):
    opened = open_page(hostile_out / "report.html", wait_for_view=False)
    assert opened.evaluate(MARKER)
    assert opened.evaluate("document.scripts.length") == 0
    assert opened.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert_clean(opened)


def hostile_graph():
    from ptce_graph.build import load_graph

    # load_graph reads meta.csv: the fixture is judged as of 2015, when both funders give
    return load_graph(DATA / "hostile")


def test_hostile_names_show_as_text_in_every_report_section(tmp_path, open_page):
    G = hostile_graph()
    path = write_report(tmp_path / "report.html", analysis_of(G), lang="en",
                        views={"network": "views/network.html"})
    opened = open_page(path, wait_for_view=False)
    assert opened.evaluate(MARKER)
    assert opened.evaluate("document.scripts.length") == 0
    assert opened.evaluate("document.querySelectorAll('img, iframe, object, embed, a[href^=java"
                           "script]').length") == 0
    sections = opened.evaluate("[...document.querySelectorAll('h2')].map(h => h.textContent)")
    section_text = ("(() => { const h = [...document.querySelectorAll('h2')].find(h => "
                    "h.textContent === %r); return h.parentElement.innerText; })()")
    assert sections == ["Interactive views", "The dataset in figures", "Poles ranked by fragility",
                        "Cooperation between poles", "Funding concentration",
                        "Funding and fragility over the years", "Funding cliffs",
                        "Without its largest funder", "The strongest cross-sector brokers",
                        "Isolated and peripheral members of each pole", "Who to connect",
                        "Glossary"]
    # the hostile funder's name is text in the chart's legend and its bars' titles
    charts = opened.evaluate(section_text % "Funding and fragility over the years")
    assert "Région </script><script>window.__pwned='close'</script>" in charts
    text = opened.evaluate("document.body.innerText")
    assert 'Pôle <script>window.__pwned = "script"</script> & « Été »' in text
    section = ("(() => { const h = [...document.querySelectorAll('h2')].find(h => h.textContent"
               " === %r); return h.parentElement.innerText; })()")
    region = "Région </script><script>window.__pwned='close'</script>"
    foundation = ("Fondation <img src=x onerror=\"window.__pwned = 'img'\"> "
                  "<a href=\"javascript:window.__pwned='href'\">Lien</a>")
    assert region in opened.evaluate(section % "Funding cliffs")  # a funder whose grants end
    # its only grant (2015) is before the as-of year: it is named in the charts over time
    assert foundation in opened.evaluate(section % "Funding and fragility over the years")
    brokers = opened.evaluate(section % "The strongest cross-sector brokers")
    assert "Coop \"><svg onload=window.__pwned='svg'> l'Œuvre" in brokers
    assert "Isolée <a href=\"javascript:window.__pwned='href'\">Lien</a>" in opened.evaluate(
        section % "Who to connect")
    assert opened.evaluate("document.querySelectorAll('svg rect').length") > 0
    assert_clean(opened)
    opened.page.screenshot(path=str(screenshot(opened, "hostile-report")), full_page=True)


@pytest.mark.parametrize("view", VIEWS)
def test_hostile_names_run_nothing_with_every_table(tmp_path, open_page, view):
    G = hostile_graph()
    write_views(analysis_of(G), tmp_path, lang="en")
    opened = open_page(tmp_path / f"{view}.html")
    _poke(opened)
    assert opened.evaluate(MARKER)
    assert_clean(opened)
    if view == "poles":  # a tie per pair of poles, coloured by fragility
        assert opened.evaluate("window.ptceView.edges.length") == 1
        colours = opened.evaluate("window.ptceView.nodes.map(n => n.color)")
        assert len(set(colours)) == 2
    screenshot(opened, f"hostile-tables-{view}")


# ---------------------------------------------------------------- report, big graphs


def test_report_opens_offline_and_links_the_views(region_out, open_page):
    opened = open_page(region_out / "report.html", wait_for_view=False)
    links = opened.page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
    outside = sorted(h for h in links if not h.startswith("#"))
    assert outside == ["views/fragility.html", "views/network.html", "views/poles.html"]
    # every link inside the page (to the glossary) has its target
    for anchor in (h for h in links if h.startswith("#")):
        assert opened.evaluate(f"!!document.getElementById({anchor[1:]!r})"), anchor
    for link in outside:
        assert (region_out / link).exists()
    assert "Rapport d'analyse" in opened.evaluate("document.title")
    assert_clean(opened)
    opened.page.set_viewport_size({"width": 1200, "height": 900})
    opened.page.screenshot(path=str(screenshot(opened, "region-report")), full_page=True)


def big_dataset(folder: Path, poles: int = 60, members: int = 70) -> Path:
    """A national-like dataset: poles of members that cooperate in chains, a few funders."""
    folder.mkdir(parents=True, exist_ok=True)
    nodes = [("fund-state", "funder", "État", "")]
    edges = []
    for p in range(poles):
        nodes.append((f"pole-{p}", "pole", f"Pôle {p}", ""))
        edges.append(("fund-state", f"pole-{p}", "funds", "100000"))
        for m in range(members):
            org = f"org-{p}-{m}"
            nodes.append((org, "organisation", f"Structure {p}-{m}", f"sector-{m % 7}"))
            edges.append((org, f"pole-{p}", "member_of", ""))
            if m:
                edges.append((f"org-{p}-{m - 1}", org, "cooperates_with", ""))
        if p:
            edges.append((f"org-{p - 1}-0", f"org-{p}-0", "cooperates_with", ""))
    pd.DataFrame(nodes, columns=["id", "type", "name", "sector"]).to_csv(
        folder / "nodes.csv", index=False)
    pd.DataFrame(edges, columns=["source", "target", "type", "amount"]).to_csv(
        folder / "edges.csv", index=False)
    return folder


def test_big_network_is_kept_within_the_budget_and_says_so(tmp_path, open_page):
    dataset = big_dataset(tmp_path / "big")
    total = len(pd.read_csv(dataset / "nodes.csv"))
    assert total > NODE_BUDGET
    out = analyze(dataset, tmp_path / "out", "--lang", "en")
    opened = open_page(out / "views" / "network.html")
    drawn = opened.drawn_nodes()
    assert drawn <= NODE_BUDGET
    groups = opened.evaluate("window.ptceView.nodes.get({filter: n => n.type === 'group'})"
                             ".map(n => n.label)")
    assert groups and all("other nodes" in g for g in groups)
    notice = opened.evaluate("document.querySelector('.notice').textContent")
    assert f"of {total:,} nodes" in notice
    assert opened.evaluate("window.ptceView.network.physics.physicsEnabled") is False
    assert_clean(opened)
    screenshot(opened, "big-network")


# ---------------------------------------------------------------- centre-isere, real pipeline


@pytest.mark.parametrize("view", VIEWS)
def test_centre_isere_views_on_the_real_pipeline(isere_out, open_page, view):
    opened = open_page(isere_out / "views" / f"{view}.html")
    assert opened.drawn_nodes() == expected_nodes(DATASETS / "centre-isere", view, isere_out)
    assert_clean(opened)
    screenshot(opened, f"isere-{view}")


def test_centre_isere_report_shows_the_2019_cliff_and_the_scenarios(isere_out, open_page):
    opened = open_page(isere_out / "report.html", wait_for_view=False)
    assert_clean(opened)
    section = ("(() => { const h = [...document.querySelectorAll('h2')].find(h => h.textContent"
               " === %r); return h ? h.parentElement.innerText : null; })()")
    cliffs = pd.read_csv(isere_out / "metrics" / "funding_cliffs.csv")
    assert 2019 in set(cliffs["year"])  # the stop of 2019 (DOMAIN.md)
    text = opened.evaluate(section % "Funding cliffs")
    for row in cliffs.to_dict("records"):  # past or ahead of the dataset's as-of year (2021)
        assert f"{row['name']}\t{row['year']}\t{row['when']}" in text
    damage = pd.read_csv(isere_out / "metrics" / "top_funder_damage.csv")
    text = opened.evaluate(section % "Without its largest funder")
    assert all(name in text for name in damage["funder_name"])
    recommended = pd.read_csv(isere_out / "metrics" / "recommendations.csv")
    # members past the first few of a pole are folded (<details>): in the text, not on show
    text = opened.evaluate((section % "Who to connect").replace("innerText", "textContent"))
    assert set(recommended["member_name"]) and all(m in text for m in recommended["member_name"])
    brokers = pd.read_csv(isere_out / "metrics" / "brokerage.csv")
    strongest = brokers[brokers["cross_sector"] > 0]["name"].head(10).tolist()
    rows = opened.evaluate("(() => { const h = [...document.querySelectorAll('h2')].find(h => "
                           "h.textContent === 'The strongest cross-sector brokers'); return "
                           "[...h.parentElement.querySelector('table tbody').rows]"
                           ".map(r => r.cells[0].textContent); })()")
    assert rows == strongest  # the ranking of brokerage.csv, as `analyze` prints it
    opened.page.set_viewport_size({"width": 1200, "height": 900})
    opened.page.screenshot(path=str(screenshot(opened, "isere-report")), full_page=True)
