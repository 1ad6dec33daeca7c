"""``llmdex site``: the committed catalog's static site, in headless Chromium.

The browser is Debian's ``chromium`` driven by Playwright (``executable_path``); ``.ci/run``
installs it. Every page is opened from ``file://`` and any request to anything else fails the
test. Screenshots of the index, a model page and the compare view go to
``build/screenshots`` (not committed) for a person to look at.
"""

from __future__ import annotations

import fcntl
import itertools
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

import llmdex
from llmdex.site.content import model_path, price_text, slug
from tests.conftest import ROOT

CHROMIUM = Path("/usr/bin/chromium")
SCREENSHOTS = ROOT / "build" / "screenshots"
# Chromium's own background traffic is off, as on a machine with no network at all.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site of the catalog under test, built once for all pytest-xdist workers."""
    base = tmp_path_factory.getbasetemp()
    # Under pytest-xdist each worker has its own directory inside the run's: share that one.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    out = shared / "llmdex-site"
    with (shared / "llmdex-site.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (out / "index.html").exists():
            from llmdex.site.build import build

            build(llmdex._CATALOG, out)
    return out


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        if os.environ.get("LLMDEX_REQUIRE_BROWSER"):
            pytest.fail("LLMDEX_REQUIRE_BROWSER is set but /usr/bin/chromium is missing")
        pytest.skip("Debian's chromium is not installed (apt install chromium; CI does)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class Page:
    """A browser page that fails on any request outside ``file://``."""

    def __init__(self, browser: Any, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            java_script_enabled=javascript, viewport={"width": 1280, "height": 900}
        )
        self.page = self.context.new_page()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _request(self, request: Any) -> None:
        if not request.url.startswith("file://"):
            self.outside.append(request.url)

    def open(self, path: Path, query: str = "") -> Any:
        self.page.goto(path.as_uri() + query)
        return self.page

    def close(self) -> None:
        self.context.close()
        assert self.outside == [], f"requests left file://: {self.outside}"
        assert self.errors == [], f"script errors: {self.errors}"


@pytest.fixture
def page(browser: Any) -> Iterator[Page]:
    opened = Page(browser)
    yield opened
    opened.close()


def _results(page: Any) -> list[str]:
    specs: list[str] = page.evaluate("window.llmdexResults")
    return specs


def _rows(page: Any) -> list[str | None]:
    return [row.get_attribute("data-spec") for row in page.query_selector_all("#models tbody tr")]


# -- the index -------------------------------------------------------------------------------


def test_searching_gpt_4o_shows_the_openai_model_first(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    index.fill("#q", "gpt-4o")
    assert _rows(index)[0] == "openai:gpt-4o"
    assert "q=gpt-4o" in index.url  # the search is in the shareable URL
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    index.screenshot(path=str(SCREENSHOTS / "index.png"))


def test_aliases_and_other_libraries_names_find_their_model(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    for query, spec in [
        ("vertex_ai/gemini-2.5-pro", "google-vertex:gemini-2.5-pro"),
        ("anthropic:claude-3-5-sonnet", "anthropic:claude-3-5-sonnet-20241022"),
    ]:
        index.fill("#q", query)
        assert _rows(index)[0] == spec, query


def test_filters_give_the_set_where_gives(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    index.check("#cap-tools")
    index.check("#cap-vision")
    index.fill("#min_context", "1M")
    wanted = llmdex.catalog().where(tools=True, vision=True, min_context=1_000_000).specs()
    assert sorted(_results(index)) == sorted(wanted)
    assert index.inner_text("#count").startswith(f"{len(wanted):,} of")
    # The filters are in the URL: opening it again gives the same result.
    again = page.open(site / "index.html", "?" + index.url.split("?", 1)[1])
    assert sorted(_results(again)) == sorted(wanted)
    assert again.is_checked("#cap-tools") and again.input_value("#min_context") == "1M"


def test_sorting_by_input_price_matches_sort(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    index.select_option("#provider", "openrouter")
    index.click("button[data-sort=input_price]")
    wanted = llmdex.catalog().where(provider="openrouter").sort("input_price").specs()
    assert _results(index) == wanted
    assert index.get_attribute("th:has(button[data-sort=input_price])", "aria-sort") == "ascending"
    index.click("button[data-sort=input_price]")
    wanted = llmdex.catalog().where(provider="openrouter").sort("input_price", reverse=True)
    assert _results(index) == wanted.specs()


def test_every_filter_and_the_sort_are_reachable_by_keyboard(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    reached = set()
    for _ in range(40):
        index.keyboard.press("Tab")
        reached.add(index.evaluate("document.activeElement.id || document.activeElement.name"
                                   " || document.activeElement.dataset.sort || ''"))  # fmt: skip
    for name in ("q", "provider", "kind", "min_context", "max_input_price", "cap-tools", "name"):
        assert name in reached, name
    labels = index.evaluate(
        "Array.from(document.querySelectorAll('#filters input, #filters select'))"
        ".filter(e => !e.labels || !e.labels.length).map(e => e.name)"
    )
    assert labels == []


# -- model, provider and change pages --------------------------------------------------------


def test_a_model_page_shows_the_prices_find_gives(site: Path, page: Page) -> None:
    model = llmdex.find("openai:gpt-4o")
    shown = page.open(site / model_path(model))
    assert shown.inner_text("h1").startswith(model.name)
    base = shown.query_selector("#prices tbody tr")
    assert base is not None
    for component in ("input", "output", "cache_read"):
        cell = base.query_selector(f"td[data-component={component}]")
        assert cell is not None
        assert cell.inner_text() == price_text(getattr(model.cost, component))
    assert "from llmdex.models.openai import GPT_4O" in shown.inner_text("pre")
    assert "2026" in shown.inner_text("footer") or llmdex.catalog_info().date in shown.inner_text(
        "footer"
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shown.screenshot(path=str(SCREENSHOTS / "model.png"), full_page=True)


def test_a_price_chart_has_one_point_per_price_change(site: Path, page: Page) -> None:
    history = llmdex.history("deepseek:deepseek-chat")
    model = llmdex.find("deepseek:deepseek-chat")
    shown = page.open(site / model_path(model))
    for component in ("input", "output"):
        changes = [c for c in history.changes if c.path == f"cost.{component}"]
        points = shown.query_selector_all(f"circle.point[data-series={component}]")
        assert len(points) == 1 + len(changes), component  # first listing, then each change
        dates = [p.get_attribute("data-date") for p in points]
        assert dates[1:] == [c.date for c in changes]
        assert [Decimal(str(p.get_attribute("data-price"))) for p in points][1:] == [
            Decimal(str(c.new)) for c in changes
        ]


def test_models_no_longer_listed_show_when_asked_and_have_pages(site: Path, page: Page) -> None:
    retired = llmdex.catalog().where(retired=True)
    model = retired.first()
    if model is None:
        pytest.skip("the catalog under test has no model its history no longer lists")
    index = page.open(site / "index.html")
    index.fill("#q", model.id)
    assert model.spec not in _results(index)  # as catalog() leaves it out
    index.select_option("#status", "retired")
    index.fill("#q", "")
    assert sorted(_results(index)) == sorted(retired.specs())
    shown = page.open(site / model_path(model))
    history = llmdex.history(model.spec)
    assert f"to {history.last_seen}" in shown.inner_text("#retired")
    assert shown.query_selector(".mark[data-label='no longer listed']") is not None


def test_model_pages_work_without_javascript(site: Path, browser: Any) -> None:
    offline = Page(browser, javascript=False)
    try:
        model = llmdex.find("anthropic:claude-3-5-sonnet")
        shown = offline.open(site / model_path(model))
        assert model.spec in shown.inner_text("h1")
        assert shown.query_selector("#prices") is not None
        assert shown.query_selector("svg.chart") is not None
        provider = offline.open(site / "providers" / f"{slug('anthropic')}.html")
        assert model.id in provider.inner_text("table.models")
    finally:
        offline.close()


def test_the_compare_view_shows_models_side_by_side(site: Path, page: Page) -> None:
    specs = ["openai:gpt-4o", "anthropic:claude-sonnet-4-5", "google:gemini-2.5-pro"]
    view = page.open(site / "compare.html", "?" + "&".join(f"m={s}" for s in specs))
    heads = view.query_selector_all("#compare thead th[data-spec]")
    assert [h.get_attribute("data-spec") for h in heads] == specs
    context = view.query_selector_all("#compare tbody tr")[4].inner_text()
    for spec in specs:
        assert f"{llmdex.find(spec).limit.context:,} tokens" in context
    view.fill("#add", "deepseek:deepseek-chat")
    view.click("#add-button")
    assert len(view.query_selector_all("#compare thead th[data-spec]")) == 4
    assert "m=deepseek" in view.url
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    view.screenshot(path=str(SCREENSHOTS / "compare.png"))


def test_picking_models_on_the_index_opens_the_compare_view(site: Path, page: Page) -> None:
    index = page.open(site / "index.html")
    index.fill("#q", "gpt-4o")
    boxes = index.query_selector_all("#models tbody input.pick")
    boxes[0].check()
    boxes[1].check()
    index.click("#compare-link")
    index.wait_for_selector("#compare thead th[data-spec]")
    assert len(index.query_selector_all("#compare thead th[data-spec]")) == 2


def test_change_pages_list_each_catalog_version(site: Path, page: Page) -> None:
    changes = page.open(site / "changes" / "index.html")
    links = changes.query_selector_all("tbody a")
    snapshots = llmdex._CATALOG.past.log.snapshots
    assert len(links) == len(snapshots) - 1
    first = page.open(site / "changes" / f"{snapshots[-1]}.html")
    assert first.inner_text("h1") == f"Changes {snapshots[-2]} → {snapshots[-1]}"


def test_every_page_names_the_data_date_and_version(site: Path) -> None:
    info = llmdex.catalog_info()
    pages = [site / "index.html", site / "compare.html", *sorted(site.glob("providers/*.html"))[:3]]
    for path in pages:
        text = path.read_text(encoding="utf-8")
        assert info.date in text and f"llmdex {info.llmdex_version}" in text, path.name
        # Links to documentation are fine; nothing the page loads may come from elsewhere.
        assert not re.search(r"src=\"(https?:)?//|<link[^>]+href=\"(https?:)?//", text), path.name


def test_headings_are_in_order_on_every_kind_of_page(site: Path) -> None:
    model = llmdex.find("openai:gpt-4o")
    for path in [site / "index.html", site / model_path(model), site / "changes/index.html"]:
        levels = [int(n) for n in re.findall(r"<h([1-6])", path.read_text(encoding="utf-8"))]
        assert levels[0] == 1 and levels.count(1) == 1, path.name
        assert all(b - a <= 1 for a, b in itertools.pairwise(levels)), path.name


def test_a_directory_that_is_not_a_site_is_never_replaced(tmp_path: Path) -> None:
    from llmdex.errors import LlmdexError
    from llmdex.site.build import build

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "thesis.tex").write_text("years of work")
    with pytest.raises(LlmdexError, match="holds no llmdex site"):
        build(llmdex._CATALOG, mine)
    assert (mine / "thesis.tex").read_text() == "years of work"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]  # no temporary left


def test_the_command_line_refuses_a_file_as_the_site_directory(tmp_path: Path) -> None:
    blocked = tmp_path / "file"
    blocked.write_text("")
    bad = subprocess.run(
        [sys.executable, "-m", "llmdex", "site", str(blocked)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (bad.returncode, bad.stderr.count("\n")) == (1, 1)
    assert "is a file" in bad.stderr


def test_a_directory_that_cannot_be_made_is_one_error_naming_it(tmp_path: Path) -> None:
    from llmdex.errors import LlmdexError
    from llmdex.site.build import build

    (tmp_path / "file").write_text("")
    with pytest.raises(LlmdexError, match="file/site: cannot write the site there"):
        build(llmdex._CATALOG, tmp_path / "file" / "site")


def test_a_slug_never_leaves_its_directory_nor_collides_by_case() -> None:
    from llmdex.site.content import slug

    hostile = [
        "..",
        ".",
        "../index",
        "GPT-4O",
        "gpt-4o",
        "a/../../b",
        "x\\y",
        "~2e.",
        "\u03a9",
        ":9",
    ]
    slugs = [slug(text) for text in hostile]
    assert all("/" not in s and "\\" not in s and not s.startswith(".") for s in slugs)
    assert len({s.casefold() for s in slugs}) == len(hostile)
