"""Site figures in headless Chromium: build time and size, index load, per-keystroke filtering.

    python bench/site.py [OUT_DIR]

Builds the committed catalog's site (into a temporary directory unless OUT_DIR is given),
opens its index from file:// in Debian's Chromium, and prints: the build's seconds and bytes,
the time from navigation to the index being usable (data parsed, first rows drawn), and the
time the page's script takes to filter and redraw on each keystroke of a search and on
filter changes (median and maximum, in ms, as ``window.llmdexFilterMs`` reports them).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

import llmdex
from llmdex.site.build import build

ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]  # fmt: skip


def main() -> None:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "site"
    report = build(llmdex._CATALOG, out)
    index = (out / "index.html").stat().st_size + (out / "data.js").stat().st_size
    print(f"build: {report.seconds:.1f} s, {report.pages:,} pages, {report.bytes / 2**20:.1f} MiB "
          f"in all; index.html + data.js {index / 2**20:.2f} MiB")  # fmt: skip
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        loads = []
        for _ in range(5):
            page = browser.new_page()
            page.goto((out / "index.html").as_uri())
            page.wait_for_function("window.llmdexReady !== undefined")
            loads.append(page.evaluate("window.llmdexReady"))
            page.close()
        print(f"index usable after {statistics.median(loads):.0f} ms (median of 5; "
              f"max {max(loads):.0f} ms)")  # fmt: skip
        page = browser.new_page()
        page.goto((out / "index.html").as_uri())
        keystrokes = []
        for query in ("gpt-4o", "claude sonnet", "gemini-2.5"):
            page.fill("#q", "")
            for char in query:
                page.type("#q", char)
                keystrokes.append(page.evaluate("window.llmdexFilterMs"))
        page.fill("#q", "")
        toggles = []
        for selector in ("#cap-tools", "#cap-vision", "#cap-reasoning"):
            page.check(selector)
            toggles.append(page.evaluate("window.llmdexFilterMs"))
        print(f"filter per keystroke: median {statistics.median(keystrokes):.1f} ms, max "
              f"{max(keystrokes):.1f} ms over {len(keystrokes)} keystrokes; per checkbox: "
              f"median {statistics.median(toggles):.1f} ms, max {max(toggles):.1f} ms")  # fmt: skip
        browser.close()


if __name__ == "__main__":
    main()
