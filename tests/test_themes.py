"""The extension in other themes: a new reader (python -m annotated_reader new) built with alabaster,
furo, pydata-sphinx-theme and sphinx-book-theme, opened in Debian's Chromium at 1400 and 390 px.
Margin notes where the theme leaves room beside the text, notes opened in place otherwise; never a
gloss cut off or covered, nothing loaded from elsewhere, axe clean for everything the extension writes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT
from test_browser import AXE, SCREENSHOTS

#: theme -> where its article pages leave room for the margin at 1400 px
THEMES = {"alabaster": "margin", "furo": "margin", "sphinx_book_theme": "margin", "pydata_sphinx_theme": "in the text"}
ARTICLE = "docs/articles/example.html"


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    out = {}
    for theme in THEMES:
        folder = tmp_path_factory.mktemp(theme) / "reader"
        made = subprocess.run([sys.executable, "-m", "annotated_reader", "new", str(folder)], capture_output=True, text=True)
        assert made.returncode == 0, made.stderr
        conf = folder / "conf.py"
        conf.write_text(conf.read_text().replace('html_theme = "alabaster"', f'html_theme = "{theme}"'))
        built = subprocess.run(["make", "html", f"PYTHON={sys.executable}"], cwd=folder, capture_output=True, text=True)
        assert built.returncode == 0 and "WARNING" not in built.stderr, built.stdout + built.stderr
        out[theme] = folder / "_build/html"
    return out


def open_article(browser, site, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    requests, crashes = [], []
    page.on("request", lambda r: requests.append(r.url))
    page.on("pageerror", lambda e: crashes.append(str(e)))
    page.goto((site / ARTICLE).as_uri())
    page.wait_for_load_state("load")
    page.evaluate("new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
    return context, page, requests, crashes


GLOSS_BOXES = """() => [...document.querySelectorAll('.ar-article .ar-gloss')].map(g => {
  const r = g.getBoundingClientRect(), hit = document.elementFromPoint(r.left + r.width / 2, r.top + Math.min(8, r.height / 2));
  return {left: r.left, right: r.right, top: r.top, bottom: r.bottom, shown: g.offsetParent !== null && r.width > 0,
          visible: !!hit && g.contains(hit)};
})"""


@pytest.mark.parametrize("width", [1400, 390])
@pytest.mark.parametrize("theme", list(THEMES))
def test_notes_work_in_every_theme(browser, sites, theme, width):
    context, page, requests, crashes = open_article(browser, sites[theme], width)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"theme-{theme}-{width}.png"))
        assert [u for u in requests if not u.startswith("file://")] == []  # nothing from another host
        assert crashes == []
        mode = "margin" if page.evaluate("document.documentElement.classList.contains('ar-js')") else "in the text"
        assert mode == (THEMES[theme] if width == 1400 else "in the text")
        boxes = page.evaluate(GLOSS_BOXES)
        text = page.locator("#p1").bounding_box()
        if mode == "margin":
            # every gloss beside the text, inside the window, and not covered by anything of the theme's
            assert len(boxes) == 2 and all(b["shown"] and b["visible"] for b in boxes), boxes
            assert all(b["left"] >= text["x"] + text["width"] and b["right"] <= width for b in boxes), (boxes, text)
        else:
            assert not any(b["shown"] for b in boxes)  # closed until asked for
            page.locator(".ar-article .ar-num").first.click()
            note = page.locator(".ar-article .ar-note").first
            assert note.is_visible()
            box = note.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width
        page.evaluate(AXE.read_text(encoding="utf-8"))
        result = page.evaluate(
            """async () => await axe.run({include: [['.ar-article']]}, {runOnly: {type: 'tag',
                 values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}})"""
        )
        assert [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]] == []
    finally:
        context.close()


def test_the_themes_tested_are_installed_at_the_versions_pinned():
    pins = dict(line.split("==") for line in (ROOT / "constraints.txt").read_text().split() if "==" in line)
    from importlib.metadata import version

    for dist in ("pydata-sphinx-theme", "sphinx-book-theme", "furo"):
        assert version(dist) == pins[dist]
