"""How many nodes a view can hold: pyvis pages in headless Chromium, by size.

For each size, a synthetic national-like graph (poles of ~70 members cooperating in chains, a
few funders) is drawn with the views' own code, first with no budget (every node, physics off,
positions from igraph), then as the views write it (within NODE_BUDGET). Printed per page:
Python time (layout + HTML), file size, time to first draw in Chromium (from navigation start),
and the time of one full redraw (what every pan, zoom and hover costs). The node budget is the
largest size whose first draw stays under 2 s and whose redraw stays under 50 ms here.

    .venv/bin/python benchmarks/views_bench.py [--sizes 500,1000,...] [--budget-only]

With ``--pages OUT`` it measures instead the pages `ptce-graph analyze` wrote under OUT (each
view: first draw, redraw, time until it is ready for a person, i.e. drawn and physics stopped;
the report: load time and height), for example on the national dataset:

    .venv/bin/ptce-graph generate --poles 1800 --seed 1 -o /tmp/nat
    .venv/bin/ptce-graph analyze /tmp/nat -o /tmp/natout
    .venv/bin/python benchmarks/views_bench.py --pages /tmp/natout
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from pathlib import Path

import networkx as nx

from ptce_graph.i18n import labels
from ptce_graph.views.layout import NODE_BUDGET
from ptce_graph.views.network import network_view
from ptce_graph.views.page import write_view

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST_DRAW_LIMIT_S = 2.0
REDRAW_LIMIT_MS = 50.0


def national_graph(n_nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    """About ``n_nodes`` nodes: poles of 70 members, chains and random ties, funders."""
    rng = random.Random(seed)
    G = nx.MultiDiGraph(name=f"synthetic-{n_nodes}")
    poles = max(1, n_nodes // 72)
    funders = max(1, poles // 10)
    for f in range(funders):
        G.add_node(f"fund-{f}", type="funder", name=f"Financeur {f}")
    members = max(1, (n_nodes - poles - funders) // poles)
    for p in range(poles):
        pole = f"pole-{p}"
        G.add_node(pole, type="pole", name=f"Pôle {p}")
        G.add_edge(f"fund-{p % funders}", pole, type="funds", amount=100_000.0)
        for m in range(members):
            org = f"org-{p}-{m}"
            G.add_node(org, type="organisation", name=f"Structure {p}-{m}",
                       sector=f"sector-{m % 9}")
            G.add_edge(org, pole, type="member_of")
            if m:
                G.add_edge(f"org-{p}-{m - 1}", org, type="cooperates_with")
            if m > 3 and rng.random() < 0.3:
                G.add_edge(f"org-{p}-{rng.randrange(m)}", org, type="cooperates_with")
        if p:
            G.add_edge(f"org-{rng.randrange(p)}-0", f"org-{p}-0", type="cooperates_with")
    return G


def measure_page(browser, path: Path) -> tuple[float, float]:
    """(seconds to first draw from navigation start, milliseconds per full redraw)."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    page.wait_for_function("window.ptceView && window.ptceView.drawn", timeout=600_000)
    first = page.evaluate("window.ptceView.firstDrawMs") / 1000.0
    redraw = page.evaluate("""(() => {
        const net = window.ptceView.network, times = [];
        for (let i = 0; i < 5; i++) {
            net.moveTo({scale: net.getScale() * (i % 2 ? 1.25 : 0.8)});
            const t = performance.now();
            net.renderer._redraw();
            times.push(performance.now() - t);
        }
        times.sort((a, b) => a - b);
        return times[2];
    })()""")
    context.close()
    return first, redraw


def measure_pages(browser, out: Path) -> None:
    """The views and the report under ``out``, as `analyze` wrote them."""
    for path in sorted((out / "views").glob("*.html")):
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
        while not page.evaluate("!!(window.ptceView && window.ptceView.drawn"
                                " && window.ptceView.stabilised)"):
            page.wait_for_timeout(50)
        ready = time.perf_counter() - start
        context.close()
        first, redraw = measure_page(browser, path)
        drawn = _drawn(browser, path)
        print(f"{path.name:>16}: {drawn:>6} nodes drawn | {path.stat().st_size / 1e6:5.1f} MB | "
              f"first draw {first:5.2f} s | ready {ready:5.2f} s | redraw {redraw:6.1f} ms",
              flush=True)
    report = out / "report.html"
    context = browser.new_context(viewport={"width": 1200, "height": 900}, offline=True)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(report.resolve().as_uri(), wait_until="load")
    loaded = time.perf_counter() - start
    height = page.evaluate("document.documentElement.scrollHeight")
    context.close()
    print(f"{'report.html':>16}: {report.stat().st_size / 1e3:7.0f} kB | loaded in "
          f"{loaded:5.2f} s | {height} px tall")


def _drawn(browser, path: Path) -> int:
    context = browser.new_context(offline=True)
    page = context.new_page()
    page.goto(path.resolve().as_uri(), wait_until="load", timeout=600_000)
    page.wait_for_function("window.ptceView && window.ptceView.drawn", timeout=600_000)
    count = page.evaluate("window.ptceView.network.body.nodeIndices.length")
    context.close()
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="500,1000,1500,2000,3000,5000,10000,20000")
    parser.add_argument("--budget-only", action="store_true",
                        help="only the pages as the views write them (within the budget)")
    parser.add_argument("--pages", type=Path, metavar="OUT",
                        help="measure the views and report that `analyze` wrote under OUT")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    from playwright.sync_api import sync_playwright

    if args.pages:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=FLAGS)
            measure_pages(browser, args.pages)
            browser.close()
        return

    words = labels("en")
    folder = Path(tempfile.mkdtemp(prefix="views-bench-"))
    rows = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=shutil.which("chromium") or "/usr/bin/chromium", args=FLAGS)
        for size in sizes:
            G = national_graph(size)
            modes = [("within budget", NODE_BUDGET)]
            if not args.budget_only:
                modes.insert(0, ("every node", 10**9))
            for mode, budget in modes:
                if mode == "within budget" and G.number_of_nodes() <= NODE_BUDGET \
                        and not args.budget_only:
                    continue  # same page as "every node"
                start = time.perf_counter()
                view = network_view(G, words=words, budget=budget)
                path = write_view(view, folder / f"network-{size}-{budget}.html")
                python_s = time.perf_counter() - start
                first, redraw = measure_page(browser, path)
                rows.append((G.number_of_nodes(), G.number_of_edges(), mode, len(view.nodes),
                             len(view.edges), python_s, path.stat().st_size / 1e6, first,
                             redraw))
                print(f"{rows[-1][0]:>7} nodes {mode:>14}: drawn {len(view.nodes):>6} nodes "
                      f"{len(view.edges):>6} edges | python {python_s:6.2f} s | "
                      f"{rows[-1][6]:6.1f} MB | first draw {first:6.2f} s | "
                      f"redraw {redraw:7.1f} ms", flush=True)
        browser.close()
    shutil.rmtree(folder, ignore_errors=True)

    every = [r for r in rows if r[2] == "every node"]
    fits = [r[3] for r in every if r[7] <= FIRST_DRAW_LIMIT_S and r[8] <= REDRAW_LIMIT_MS]
    if every:
        print(f"\nLargest page within {FIRST_DRAW_LIMIT_S} s first draw and "
              f"{REDRAW_LIMIT_MS} ms redraw: {max(fits) if fits else 'none'} nodes "
              f"(NODE_BUDGET = {NODE_BUDGET})")
        base = every[0]
        for r in every[1:]:
            print(f"  {r[3]:>6} vs {base[3]} nodes: x{r[3] / base[3]:.1f} nodes -> "
                  f"first draw x{r[7] / base[7]:.1f}, redraw x{r[8] / max(base[8], 1e-6):.1f}")
    budgeted = [r for r in rows if r[2] == "within budget"]
    if budgeted:
        biggest = max(budgeted, key=lambda r: r[0])
        print(f"Views of the {biggest[0]}-node graph as written: {biggest[3]} nodes drawn, "
              f"{biggest[5]:.2f} s in Python, first draw {biggest[7]:.2f} s, "
              f"redraw {biggest[8]:.1f} ms")


if __name__ == "__main__":
    main()
