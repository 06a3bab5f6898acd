"""Screenshots of the four views and the report, as a regional chamber first sees them.

    python docs/screenshots.py [OUT]      (make screenshots)

Analyses the bundled Auvergne-Rhône-Alpes network (French) into OUT (default out/screenshots),
writes an ego view of one member, opens every page in headless Chromium at 1400x1000 with the
network cut off, waits until the drawing and its labels have settled, and writes
docs/screenshots/{network,poles,fragility,ego,report,report-interpole,report-time}.png."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHOTS = ROOT / "docs" / "screenshots"
DATASET = ROOT / "datasets" / "auvergne-rhone-alpes"
EGO = "org-mutuelle-orlane"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
READY = ("() => !!(window.ptceView && window.ptceView.drawn && window.ptceView.stabilised"
         " && window.ptceView.labelsSettled)")


def main(out: Path) -> None:
    command = [sys.executable, "-m", "ptce_graph", "analyze", str(DATASET), "-o", str(out),
               "--lang", "fr"]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    subprocess.run([sys.executable, "-m", "ptce_graph", "view", "ego", str(DATASET), EGO,
                    "-o", str(out / "views" / "ego.html"), "--lang", "fr"], check=True,
                   stdout=subprocess.DEVNULL)
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    pages = {name: out / "views" / f"{name}.html"
             for name in ("network", "poles", "fragility", "ego")}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--host-resolver-rules=MAP * ~NOTFOUND"])
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, offline=True)
        for name, path in pages.items():
            page = context.new_page()
            page.goto(path.resolve().as_uri(), wait_until="load")
            for _ in range(600):
                if page.evaluate(READY):
                    break
                page.wait_for_timeout(100)
            page.wait_for_timeout(300)
            page.screenshot(path=str(SHOTS / f"{name}.png"))
            print(SHOTS / f"{name}.png")
            page.close()
        page = context.new_page()
        page.goto((out / "report.html").resolve().as_uri(), wait_until="load")
        page.screenshot(path=str(SHOTS / "report.png"))
        print(SHOTS / "report.png")
        # two sections of the long page: cooperation between poles, and time
        for name, selector in (("report-interpole", "section.interpole"),
                               ("report-time", "section.time")):
            element = page.query_selector(selector)
            if element is not None:
                element.screenshot(path=str(SHOTS / f"{name}.png"))
                print(SHOTS / f"{name}.png")
        browser.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "out" / "screenshots")
