"""The built reader in Debian's Chromium (Playwright): margin notes, toggles, filters, print, axe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from browser import chromium_path, launch
from conftest import ROOT

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "docs/articles/we-want-them-out.html"
PAGES = {
    "landing": "index.html",
    "article": ARTICLE,
    "article-truthout": "docs/articles/iraqs-vote-to-kick-out-us-troops.html",
    "commentary": "docs/articles/we-want-them-out.notes.html",
    "glossary-index": "glossary/index.html",
    "glossary-entry": "glossary/popular-mobilization-forces.html",
    "sources": "docs/sources.html",
    "background": "docs/background/parliament-resolution.html",
    "timeline": "docs/background/timeline.html",
    "map": "docs/background/map.html",
    "search-results": "search.html?q=Hashd",
}


def inject_axe(page) -> None:
    """axe-core, evaluated through the DevTools protocol: the pages' Content-Security-Policy (rightly)
    refuses an injected <script> element."""
    page.evaluate(AXE.read_text(encoding="utf-8"))


def wait_until(page, expression: str, timeout: float = 15) -> None:
    """Poll from Python: Playwright's own waiting evaluates strings in the page, which the policy forbids."""
    import time

    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"timed out waiting for {expression}"
        page.wait_for_timeout(100)


@pytest.fixture(scope="module")
def browser():
    if chromium_path() is None:
        pytest.fail("Debian's chromium is missing: `make test` installs it when run as root")
    with playwright_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


class Page:
    """A page opened from file://, with every request and console error recorded."""

    def __init__(self, browser, site: Path, path: str, width: int, js: bool = True):
        self.context = browser.new_context(viewport={"width": width, "height": 900}, java_script_enabled=js)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        path, _, query = path.partition("?")
        self.page.goto((site / path).as_uri() + (f"?{query}" if query else ""))
        self.page.wait_for_load_state("load")

    def close(self):
        self.context.close()


@pytest.fixture
def open_page(browser, reader_html):
    opened = []

    def _open(path, width=1400, js=True):
        pg = Page(browser, reader_html, path, width, js)
        opened.append(pg)
        return pg

    yield _open
    for pg in opened:
        pg.close()


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("name", list(PAGES))
def test_pages_are_local_quiet_and_accessible(open_page, reader_html, name, width):
    pg = open_page(PAGES[name], width)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    pg.page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    site = reader_html.as_uri()
    assert [u for u in pg.requests if not u.startswith(site)] == []  # zero requests to any other host
    assert pg.errors == []
    inject_axe(pg.page)
    result = pg.page.evaluate(
        """async () => await axe.run(document, {runOnly: {type: 'tag',
             values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
    )
    violations = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]]
    assert violations == [], json.dumps(violations, indent=1)


def test_wide_screen_notes_sit_in_the_margin_without_overlapping(open_page):
    pg = open_page(ARTICLE, 1400)
    text = pg.page.locator("#p2").bounding_box()
    boxes = pg.page.eval_on_selector_all(
        ".ar-article .ar-note",
        "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.top, r.bottom, getComputedStyle(e).display]; })",
    )
    assert len(boxes) == 49 and all(b[3] == "block" for b in boxes)
    assert all(b[0] >= text["x"] + text["width"] for b in boxes)  # right of the text column
    tops = sorted(boxes, key=lambda b: b[1])
    for upper, lower in zip(tops, tops[1:], strict=False):
        assert lower[1] >= upper[2] - 0.5  # stacked, never overlapping
    # a note starts level with its phrase or below it (pushed down), never above it
    mark = pg.page.locator("#m-the-mainstream-fatah-bloc").bounding_box()
    note = pg.page.locator("#note-the-mainstream-fatah-bloc").bounding_box()
    assert note["y"] >= mark["y"] - 30


def test_phone_notes_open_inline_by_click_and_keyboard(open_page):
    pg = open_page(ARTICLE, 390)
    page = pg.page
    note = page.locator("#note-the-mainstream-fatah-bloc")
    button = page.locator('button.ar-num[aria-controls="note-the-mainstream-fatah-bloc"]')
    assert not note.is_visible()
    assert button.get_attribute("aria-expanded") == "false"
    button.click()
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    page.keyboard.press("Escape")
    assert not note.is_visible() and button.get_attribute("aria-expanded") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert note.is_visible()
    page.keyboard.press("Escape")
    button.focus()
    page.keyboard.press("Space")
    assert note.is_visible()


def test_phone_notes_open_without_javascript(open_page):
    pg = open_page(ARTICLE, 390, js=False)
    note = pg.page.locator("#note-the-mainstream-fatah-bloc")
    assert not note.is_visible()
    pg.page.locator('label[for="t-the-mainstream-fatah-bloc"]').click()
    assert note.is_visible()
    # keyboard: the checkbox itself takes focus and Space
    pg.page.locator("#t-the-mainstream-fatah-bloc").focus()
    pg.page.keyboard.press("Space")
    assert not note.is_visible()


def test_kind_filters_hide_show_and_are_remembered(open_page):
    pg = open_page(ARTICLE, 1400)
    page = pg.page
    sic = page.locator("#note-thenew-york-times")
    assert sic.is_visible()
    page.locator('.ar-legend-item[data-kind="sic"] button').click()
    assert not sic.is_visible()
    assert page.locator('.ar-legend-item[data-kind="sic"] button').get_attribute("aria-pressed") == "false"
    assert page.locator("#note-the-mainstream-fatah-bloc").is_visible()  # other kinds stay
    page.reload()
    assert not page.locator("#note-thenew-york-times").is_visible()
    page.locator('.ar-legend-item[data-kind="sic"] button').click()
    assert page.locator("#note-thenew-york-times").is_visible()


def test_without_javascript_every_kind_is_shown(open_page):
    pg = open_page(ARTICLE, 1400, js=False)
    assert pg.page.locator(".ar-article .ar-note:visible").count() == 49


def test_printing_keeps_every_note(open_page):
    for width in (1400, 390):
        pg = open_page(ARTICLE, width)
        pg.page.emulate_media(media="print")
        assert pg.page.locator(".ar-article .ar-note:visible").count() == 49
        assert pg.page.locator(".sidebar-drawer:visible").count() == 0
        pdf = pg.page.pdf()
        assert pdf[:4] == b"%PDF"


def test_glossary_previews_open_on_focus_and_hover_and_close_on_escape(open_page):
    pg = open_page(ARTICLE, 1400)
    page = pg.page
    link = page.locator("#p1 a.ar-term").first
    tip = page.locator("#ar-preview")
    before = page.locator("#p2").bounding_box()
    link.focus()
    assert tip.is_visible() and tip.get_attribute("role") == "tooltip"
    assert link.get_attribute("aria-describedby") == "ar-preview"
    # the preview data sits on the page's first link to the entry; later links are looked up by address
    source = page.locator(f'a.ar-term[data-ar-name][href="{link.get_attribute("href")}"]').first
    name, summary = source.get_attribute("data-ar-name"), source.get_attribute("data-ar-summary")
    assert name and name in tip.inner_text() and summary in tip.inner_text()
    assert page.locator("#p2").bounding_box() == before  # no layout shift
    page.keyboard.press("Escape")
    assert not tip.is_visible() and link.get_attribute("aria-describedby") is None
    entry = page.locator('a.ar-term[data-ar-native][data-ar-name="Muqtada al-Sadr"]').first
    entry.hover()
    native = tip.locator("span.ar-native")
    assert native.get_attribute("lang") == "ar" and native.get_attribute("dir") == "rtl"
    page.mouse.move(0, 0)
    assert not tip.is_visible()


def test_glossary_links_work_without_javascript(open_page, reader_html):
    pg = open_page(ARTICLE, 390, js=False)
    link = pg.page.locator("#p1 a.ar-term").first
    href = link.get_attribute("href")
    assert href.startswith("../../glossary/") and (reader_html / "docs/articles" / href).resolve().exists()
    link.click()
    assert "/glossary/" in pg.page.url


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Hashd", ["glossary/popular-mobilization-forces.html"]),
        (
            "Soleimani",
            [
                "glossary/qasem-soleimani.html",
                "docs/articles/we-want-them-out.html",
                "docs/articles/iraqs-vote-to-kick-out-us-troops.html",
            ],
        ),
        (
            "Suleimani",
            [
                "glossary/qasem-soleimani.html",
                "docs/articles/we-want-them-out.html",
                "docs/articles/iraqs-vote-to-kick-out-us-troops.html",
            ],
        ),
    ],
)
def test_offline_search_knows_every_alias(open_page, query, expected):
    pg = open_page(f"search.html?q={query}", 1400)
    wait_until(pg.page, "document.querySelector('#search-results p.search-summary')?.innerText.includes('Search finished')")
    found = [a.get_attribute("href") for a in pg.page.locator("#search-results li a").all()]
    for page in expected:
        assert any(h.split("?")[0].split("#")[0].endswith(page) for h in found), (page, found)


@pytest.mark.parametrize("name", ["article", "commentary", "glossary-entry", "timeline", "map"])
def test_dark_mode_meets_contrast(browser, reader_html, name):
    """Every kind's highlight and text keep WCAG AA contrast in the dark scheme too."""
    context = browser.new_context(viewport={"width": 1400, "height": 900}, color_scheme="dark")
    try:
        page = context.new_page()
        page.goto((reader_html / PAGES[name]).as_uri())
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") != "rgb(255, 255, 255)"
        inject_axe(page)
        result = page.evaluate("async () => await axe.run(document, {runOnly: {type: 'tag', values: ['wcag2aa']}})")
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    finally:
        context.close()


@pytest.mark.parametrize("width", [320, 390, 768, 1024, 1199, 1200, 1280, 1350, 1400, 1920, 2560])
@pytest.mark.parametrize("name", ["article", "article-truthout"])
def test_nothing_overlaps_at_any_width(browser, reader_html, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((reader_html / PAGES[name]).as_uri())
        r = page.evaluate(
            """() => {
              const notes = [...document.querySelectorAll('.ar-article .ar-note')].filter(n => getComputedStyle(n).display !== 'none');
              const boxes = notes.map(n => n.getBoundingClientRect()).sort((a, b) => a.top - b.top);
              const text = document.querySelector('#p1').getBoundingClientRect();
              let overlaps = 0;
              for (let i = 1; i < boxes.length; i++) if (boxes[i].top < boxes[i - 1].bottom - 0.5) overlaps++;
              return {all: document.querySelectorAll('.ar-article .ar-note').length, visible: notes.length, overlaps,
                      intoText: boxes.filter(b => b.left < text.right - 0.5).length,
                      scroll: document.documentElement.scrollWidth, textWidth: text.width};
            }"""
        )
        assert r["scroll"] <= width  # no sideways scrolling
        assert r["overlaps"] == 0 and r["intoText"] == 0
        # from 1200 px every note is in the margin; below, notes are closed toggles
        assert r["visible"] == (r["all"] if width >= 1200 else 0)
        assert r["textWidth"] >= min(width - 32, 500)  # the text column stays comfortable
    finally:
        page.close()


def test_the_404_page_works_for_a_site_in_a_subfolder_at_any_depth(browser, reader_src, tmp_path):
    """Published under /reader/, a missing address three folders deep gets the 404 page with its
    styles, scripts and links intact, as a static host serves it."""
    import functools
    import http.server
    import threading

    from conftest import sphinx_build

    site = tmp_path / "html"
    result = sphinx_build(reader_src, site, "html", "-d", str(tmp_path / "doctrees"), env={"READER_SITE_PATH": "/reader/"})
    assert result.returncode == 0, result.stderr

    class Host(http.server.SimpleHTTPRequestHandler):
        def do_GET(self):
            path = self.path.split("?")[0]
            if not path.startswith("/reader/") or not (site / path[len("/reader/") :]).is_file():
                body = (site / "404.html").read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.path = self.path[len("/reader") :]
            super().do_GET()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    try:
        page = context.new_page()
        statuses, errors = {}, []
        page.on("response", lambda r: statuses.__setitem__(r.url, r.status))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        response = page.goto(f"{base}/reader/docs/articles/no/such/page.html")
        page.wait_for_load_state("load")
        assert response.status == 404
        assert page.title().startswith("Page not found")
        assets = {u: s for u, s in statuses.items() if "/_static/" in u}
        assert any(u.endswith(".css") or ".css?" in u for u in assets) and set(assets.values()) == {200}, assets
        assert [e for e in errors if "status of 404" not in e] == []  # the page itself is the one 404
        assert page.evaluate("document.body.dataset.theme") == "auto"  # furo's script ran under the policy
        page.get_by_role("link", name="The glossary").click()
        page.wait_for_load_state("load")
        assert page.url == f"{base}/reader/glossary/index.html" and page.title().startswith("Glossary")
    finally:
        context.close()
        server.shutdown()
