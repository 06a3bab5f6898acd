"""Headless Debian Chromium, driven by Playwright, with the network cut off.

Every page is opened from file://; any request to another URL is aborted and recorded, console
errors and page errors are recorded, and the page's `window.ptceView` (set by the views' script)
gives the vis-network object to count what was drawn."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from ptce_graph.cli import cli

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(__file__).resolve().parent.parent / "artifacts"
DATA = Path(__file__).resolve().parent.parent / "data"
DATASETS = Path(__file__).resolve().parent.parent.parent / "datasets"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--host-resolver-rules=MAP * ~NOTFOUND",  # no name resolves: nothing can leave
]


@dataclass
class Opened:
    """A page once loaded: what it drew and what it tried to do."""

    page: object
    url: str
    console_errors: list[str] = field(default_factory=list)
    outside_requests: list[str] = field(default_factory=list)

    def evaluate(self, script: str):
        return self.page.evaluate(script)

    def drawn_nodes(self) -> int:
        return self.page.evaluate("window.ptceView.network.body.nodeIndices.length")


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile (--user-data-dir).
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """open_page(path, wait_for_view=True) -> Opened; the context is closed after the test."""
    contexts = []

    def opener(path: Path, *, wait_for_view: bool = True) -> Opened:
        context = browser.new_context(viewport={"width": 1400, "height": 900}, offline=True,
                                      java_script_enabled=True)
        contexts.append(context)
        page = context.new_page()
        url = Path(path).resolve().as_uri()
        opened = Opened(page, url)

        def route(request_route):
            if request_route.request.url == url:
                request_route.continue_()
            else:
                opened.outside_requests.append(request_route.request.url)
                request_route.abort()

        page.route("**/*", route)
        page.on("console", lambda m: m.type == "error" and opened.console_errors.append(m.text))
        page.on("pageerror", lambda e: opened.console_errors.append(str(e)))
        page.goto(url, wait_until="load")
        if wait_for_view:
            # Polled from Python: wait_for_function evaluates a string in the page, which the
            # views' Content-Security-Policy (no 'unsafe-eval') rightly refuses.
            ready = ("() => !!(window.ptceView && window.ptceView.drawn"
                     " && window.ptceView.stabilised)")
            for _ in range(1200):
                if page.evaluate(ready):
                    break
                page.wait_for_timeout(100)
            else:
                raise AssertionError(f"{path.name}: the view never finished drawing")
        return opened

    yield opener
    for context in contexts:
        context.close()


def screenshot(opened: Opened, name: str) -> Path:
    """Keep a picture of the page as a test artefact (tests/artifacts/, not in git)."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    opened.page.screenshot(path=str(path))
    return path


def analyze(dataset: Path, out: Path, *options: str) -> Path:
    """`ptce-graph analyze DATASET -o OUT [options]`, through the real command."""
    result = CliRunner().invoke(cli, ["analyze", str(dataset), "-o", str(out), *options],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def tiny_out(tmp_path_factory):
    return analyze(DATA / "tiny", tmp_path_factory.mktemp("tiny"), "--lang", "fr")


@pytest.fixture(scope="session")
def hostile_out(tmp_path_factory):
    return analyze(DATA / "hostile", tmp_path_factory.mktemp("hostile"), "--lang", "fr")


@pytest.fixture(scope="session")
def region_out(tmp_path_factory):
    return analyze(DATASETS / "auvergne-rhone-alpes", tmp_path_factory.mktemp("region"),
                   "--lang", "fr")


@pytest.fixture(scope="session")
def isere_out(tmp_path_factory):
    return analyze(DATASETS / "centre-isere", tmp_path_factory.mktemp("isere"), "--lang", "en")
