"""The built reader in Debian's Chromium (Playwright): margin notes, toggles, filters, print, axe."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT

pytestmark = pytest.mark.browser
playwright_api = pytest.importorskip("playwright.sync_api")
SCREENSHOTS = ROOT / "_build" / "screenshots"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTICLE = "docs/articles/we-want-them-out.html"
#: the notes of that article, counted from its notes file
NOTES = (ROOT / "docs/articles/we-want-them-out.notes.md").read_text(encoding="utf-8").count(":::{annotation}")
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


#: The glyph box of the last character of the text before ``el`` in the article (the end of a note's
#: phrase); no filter callback, so that it also runs on pages without scripts.
LAST_CHAR = """(el) => {
  const walker = document.createTreeWalker(document.querySelector('.ar-article'), NodeFilter.SHOW_TEXT);
  walker.currentNode = el;
  let t = walker.previousNode();
  while (t.parentElement.closest('.ar-note, .ar-gloss, .ar-num') || !/\\S/.test(t.data)) t = walker.previousNode();
  const end = t.data.replace(/\\s+$/, '').length, range = document.createRange();
  range.setStart(t, end - 1); range.setEnd(t, end);
  return [...range.getClientRects()].pop();
}"""
#: For every gloss in the margin: its box, the top and height of the line that ends its phrase (the
#: glyph box of the phrase's last character, where its number stands), the text's line height,
#: whether it is shortened or collapsed to its number, and whether a shortened one shows its "more".
GLOSSES = (
    """() => {
  const lastChar = """
    + LAST_CHAR
    + """;
  const root = document.querySelector('.ar-article');
  return [...root.querySelectorAll('.ar-gloss')].filter(g => g.offsetParent !== null).map(g => {
    const line = lastChar(g.previousElementSibling), r = g.getBoundingClientRect();
    const para = g.closest('p, div');
    return {id: g.id, top: r.top, bottom: r.bottom, left: r.left, right: r.right, lineTop: line.top, lineHeight:
      parseFloat(getComputedStyle(para).lineHeight), clamped: g.classList.contains('ar-clamped'),
      chip: g.classList.contains('ar-chip'), more: getComputedStyle(g, '::after').content,
      cut: g.scrollHeight > g.clientHeight + 1 && getComputedStyle(g).overflow === 'hidden'};
  });
}"""
)


def gloss(note_id: str) -> str:
    """The selector of a note's gloss (glosses have short ids by number: ``g7``)."""
    return f"label.ar-gloss:has(+ #note-{note_id})"


def overlapping(boxes: list[dict]) -> list[tuple[str, str]]:
    return [
        (a["id"], b["id"])
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["bottom"], b["bottom"]) - max(a["top"], b["top"]) > 0.5
        and min(a["right"], b["right"]) - max(a["left"], b["left"]) > 0.5
    ]


@pytest.mark.parametrize(("width", "least", "font"), [(1400, 200, 0.8), (1920, 500, 0.9)])
def test_the_margin_widens_with_the_screen_and_leaves_little_unused(open_page, width, least, font):
    pg = open_page(ARTICLE, width)
    boxes = pg.page.evaluate(GLOSSES)
    column = max(b["right"] for b in boxes) - min(b["left"] for b in boxes)
    unused = width - max(b["right"] for b in boxes)
    print(f"{width}px: margin column {column:.0f}px, {unused:.0f}px unused to its right")
    assert column >= least and 16 <= unused <= 250 and overlapping(boxes) == []
    size = pg.page.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.ar-article .ar-gloss')).fontSize)"
        " / parseFloat(getComputedStyle(document.documentElement).fontSize)"
    )
    assert size == pytest.approx(font)  # in rem: larger type where the column is wider


def test_wide_screen_glosses_sit_in_the_margin_without_overlapping(open_page):
    pg = open_page(ARTICLE, 1400)
    text = pg.page.locator("#p2").bounding_box()
    boxes = pg.page.evaluate(GLOSSES)
    assert len(boxes) == NOTES
    assert all(b["left"] >= text["x"] + text["width"] for b in boxes)  # right of the text column
    assert overlapping(boxes) == []
    # full notes stay closed until asked for: the margin holds glosses only
    assert pg.page.locator(".ar-article .ar-note:visible").count() == 0


@pytest.mark.parametrize("width", [1400, 1920, 2560])
@pytest.mark.parametrize("name", ["article", "article-truthout"])
def test_every_gloss_is_within_one_line_of_its_phrase(browser, reader_html, name, width):
    """The promise of the margin: each gloss starts level with the line that ends its phrase, and is
    never more than one line-height below it, however dense the notes."""
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((reader_html / PAGES[name]).as_uri())
        page.evaluate("document.fonts.ready.then(() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r))))")
        boxes = page.evaluate(GLOSSES)
        assert len(boxes) == page.locator(".ar-article .ar-gloss").count() > 40
        below = [(b["top"] - b["lineTop"], b["lineHeight"], b["id"]) for b in boxes]
        worst = max(below)
        print(
            f"{name} at {width}px: worst gloss {worst[0]:.1f}px below its line (line height {worst[1]:.1f}px, {worst[2]}); "
            f"{sum(b['clamped'] for b in boxes)} shortened, {sum(b['chip'] for b in boxes)} collapsed to their number"
        )
        assert all(d <= lh for d, lh, _ in below), [x for x in below if x[0] > x[1]]
        assert all(d >= -lh / 2 for d, lh, _ in below), [x for x in below if x[0] < -x[1] / 2]  # nor above it
        assert overlapping(boxes) == []
        # nothing is cut without a visible "more"; a gloss collapsed to its number is not cut, it is folded
        assert [b["id"] for b in boxes if b["cut"] and not (b["clamped"] and b["more"] == '"… more"')] == []
    finally:
        page.close()


def test_a_shortened_or_collapsed_gloss_shows_whole_on_hover_and_focus(open_page):
    pg = open_page(PAGES["article-truthout"], 1400)
    page = pg.page
    boxes = page.evaluate(GLOSSES)
    clamped = next(b["id"] for b in boxes if b["clamped"])
    chip = next(b["id"] for b in boxes if b["chip"])
    page.locator(f"#{clamped}").hover()
    assert page.evaluate(f"(g => g.scrollHeight <= g.clientHeight + 1)(document.getElementById('{clamped}'))")
    page.mouse.move(0, 0)
    text = page.locator(f"#{chip} .ar-gloss-text")
    assert not text.is_visible()
    page.locator(f'[role="button"][aria-describedby="{chip}"]').focus()  # keyboard: the number
    assert text.is_visible() and page.locator(f"#{chip}").get_attribute("class").count("ar-lit") == 1
    # the phrase lights up with its number
    assert page.locator(f'mark[data-ar-notes~="{chip[1:]}"]').first.get_attribute("class").count("ar-lit") == 1


def test_wide_screen_notes_open_in_place_from_number_or_gloss(open_page):
    pg = open_page(ARTICLE, 1400)
    page = pg.page
    note = page.locator("#note-the-mainstream-fatah-bloc")
    button = page.locator('[role="button"].ar-num[aria-controls="note-the-mainstream-fatah-bloc"]')
    text = page.locator("#p2").bounding_box()
    line = page.locator("#m-the-mainstream-fatah-bloc").bounding_box()
    button.focus()
    page.keyboard.press("Enter")
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"
    box = note.bounding_box()
    assert box["x"] >= text["x"] - 1 and box["x"] + box["width"] <= text["x"] + text["width"] + 1  # in the text column
    assert line["y"] < box["y"] < line["y"] + 80  # under its line
    page.keyboard.press("Escape")
    assert not note.is_visible() and button.get_attribute("aria-expanded") == "false"
    page.locator(gloss("the-mainstream-fatah-bloc")).click()  # the gloss opens it too
    assert note.is_visible() and button.get_attribute("aria-expanded") == "true"


@pytest.mark.parametrize("width", [390, 1400])
@pytest.mark.parametrize("name", ["article", "article-truthout"])
def test_note_numbers_are_24px_targets_that_never_wrap_away_from_their_word(browser, reader_html, name, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    try:
        page.goto((reader_html / PAGES[name]).as_uri())
        r = page.evaluate(
            "() => { const lastChar = "
            + LAST_CHAR
            + """;
            return [...document.querySelectorAll('.ar-article .ar-num')].map(n => {
              const c = lastChar(n), b = n.getBoundingClientRect();
              return {text: n.textContent, w: b.width, h: b.height,
                      sameLine: b.left + b.width / 2 > c.right && b.top < c.bottom && b.bottom > c.top};
            }); }"""
        )
        assert len(r) > 40
        assert [x for x in r if x["w"] < 24 or x["h"] < 24] == []
        assert [x["text"] for x in r if not x["sameLine"]] == []  # a number never starts a line
    finally:
        page.close()


@pytest.mark.parametrize("width", [1400, 1920])
def test_articles_keep_a_reading_measure(open_page, width):
    pg = open_page(ARTICLE, width)
    r = pg.page.evaluate(
        """() => { const p = document.querySelector('#p5'); const lh = parseFloat(getComputedStyle(p).lineHeight);
                   const texts = [], walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT, {acceptNode: n =>
                     n.parentElement.closest('.ar-note, .ar-gloss, .ar-num, .ar-pnum') ? 2 : 1});
                   const tops = new Set();
                   for (let t = walker.nextNode(); t; t = walker.nextNode()) {
                     texts.push(t.data);
                     const range = document.createRange(); range.selectNodeContents(t);
                     for (const r of range.getClientRects()) tops.add(Math.round(r.top / lh));
                   }
                   return {chars: texts.join('').trim().length, lines: tops.size, font: getComputedStyle(p).fontFamily}; }"""
    )
    per_line = r["chars"] / r["lines"]
    assert 60 <= per_line <= 75, r
    assert r["font"].startswith('"Literata"') or r["font"].startswith("Literata")
    assert pg.page.evaluate("document.fonts.check('1em Literata')")


def test_phone_notes_open_inline_by_click_and_keyboard(open_page):
    pg = open_page(ARTICLE, 390)
    page = pg.page
    note = page.locator("#note-the-mainstream-fatah-bloc")
    button = page.locator('[role="button"].ar-num[aria-controls="note-the-mainstream-fatah-bloc"]')
    assert not note.is_visible() and not page.locator(gloss("the-mainstream-fatah-bloc")).is_visible()  # no margin here
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
    number = pg.page.locator("label.ar-num:has(+ label + #note-the-mainstream-fatah-bloc)")
    number.click()
    assert note.is_visible() and pg.page.locator(gloss("the-mainstream-fatah-bloc")).is_visible()  # the gloss heads it
    # keyboard: the checkbox itself takes focus and Space
    pg.page.locator(f"#{number.get_attribute('for')}").focus()
    pg.page.keyboard.press("Space")
    assert not note.is_visible()


def test_kind_filters_hide_show_and_are_remembered(open_page):
    pg = open_page(ARTICLE, 1400)
    page = pg.page
    sic = page.locator(gloss("thenew-york-times"))
    assert sic.is_visible()
    page.locator('.ar-legend-item[data-kind="sic"] button').click()
    assert not sic.is_visible()
    assert page.locator('.ar-legend-item[data-kind="sic"] button').get_attribute("aria-pressed") == "false"
    assert page.locator(gloss("the-mainstream-fatah-bloc")).is_visible()  # other kinds stay
    assert overlapping(page.evaluate(GLOSSES)) == []  # the margin is laid out again without them
    page.reload()
    assert not page.locator(gloss("thenew-york-times")).is_visible()
    page.locator('.ar-legend-item[data-kind="sic"] button').click()
    assert page.locator(gloss("thenew-york-times")).is_visible()


def test_without_javascript_every_gloss_is_shown_whole_and_opens_its_note(open_page):
    pg = open_page(ARTICLE, 1400, js=False)
    page = pg.page
    assert page.locator(".ar-article .ar-gloss:visible").count() == NOTES
    boxes = page.evaluate(GLOSSES)
    assert overlapping(boxes) == [] and not any(b["cut"] for b in boxes)  # stacked in the margin, never cut
    page.locator(gloss("the-mainstream-fatah-bloc")).click()
    assert page.locator("#note-the-mainstream-fatah-bloc").is_visible()


def test_printing_keeps_every_note(open_page):
    for width in (1400, 390):
        pg = open_page(ARTICLE, width)
        pg.page.emulate_media(media="print")
        assert pg.page.locator(".ar-article .ar-note:visible").count() == NOTES
        # each gloss heads its full note under the line, as on a phone: none floats in a margin
        statics = pg.page.eval_on_selector_all(".ar-article .ar-gloss", "gs => gs.map(g => getComputedStyle(g).position)")
        assert statics == ["static"] * NOTES
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
    source = page.locator(f'a.ar-term[data-ar-kind][href="{link.get_attribute("href")}"]').first
    name = source.get_attribute("data-ar-name") or source.text_content()  # no name where it is the link's text
    summary = source.get_attribute("data-ar-summary")
    assert name and name in tip.inner_text() and summary in tip.inner_text()
    assert page.locator("#p2").bounding_box() == before  # no layout shift
    page.keyboard.press("Escape")
    assert not tip.is_visible() and link.get_attribute("aria-describedby") is None
    # a link whose preview data sits on the page's first link to the entry (that one may be in a closed note)
    assert page.locator('a.ar-term[data-ar-native][href$="muqtada-al-sadr.html"]').count() == 1
    entry = page.locator('#p1 a.ar-term[href$="muqtada-al-sadr.html"]').first
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
              const text = document.querySelector('#p1').getBoundingClientRect();
              const glosses = [...document.querySelectorAll('.ar-article .ar-gloss')];
              const shown = glosses.filter(n => n.offsetParent !== null).map(n => n.getBoundingClientRect());
              return {all: glosses.length, visible: shown.length, notes: document.querySelectorAll('.ar-article .ar-note:not([hidden])').length,
                      open: [...document.querySelectorAll('.ar-article .ar-note')].filter(n => n.offsetParent !== null).length,
                      intoText: shown.filter(b => b.left < text.right - 0.5).length, right: Math.max(0, ...shown.map(b => b.right)),
                      scroll: document.documentElement.scrollWidth, textWidth: text.width};
            }"""
        )
        assert r["scroll"] <= width and r["right"] <= width  # no sideways scrolling, no gloss past the edge
        assert overlapping(page.evaluate(GLOSSES)) == [] and r["intoText"] == 0
        # from 1200 px every gloss is in the margin; below, notes are closed toggles behind their numbers
        assert r["visible"] == (r["all"] if width >= 1200 else 0) and r["open"] == 0
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


@pytest.mark.parametrize("width", [390, 1400])
def test_map_labels_neither_overlap_nor_leave_the_map(open_page, width):
    pg = open_page("docs/background/map.html", width)
    boxes = pg.page.evaluate(
        """() => [...document.querySelectorAll('svg.ar-map text')].map(t => {
          const r = t.getBoundingClientRect(), m = t.closest('svg').getBoundingClientRect();
          return {id: t.textContent, top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                  inside: r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom};
        })"""
    )
    assert len(boxes) == 14  # eight places and six neighbours
    assert [b["id"] for b in boxes if not b["inside"]] == []
    assert overlapping(boxes) == []


@pytest.mark.parametrize("width", [390, 1400])
def test_citations_in_running_prose_stay_in_their_line(open_page, width):
    pg = open_page("docs/background/us-iran-escalation.html", width)
    cites = pg.page.evaluate(
        """() => [...document.querySelectorAll('article p .ar-cite')].map(c => {
          const open = document.createRange(); open.setStart(c.firstChild, 0); open.setEnd(c.firstChild, 1);
          const link = c.querySelector('a').getClientRects()[0], paren = open.getBoundingClientRect();
          return {id: c.id, display: getComputedStyle(c.querySelector('.ar-sources')).display,
                  sameLine: Math.abs(link.top - paren.top) < paren.height};
        })"""
    )
    assert len(cites) > 5
    assert [c["id"] for c in cites if c["display"] != "inline" or not c["sameLine"]] == []
