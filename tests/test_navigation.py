"""The bounded navigation (annotated_reader_navigation_window): its size on a page does not grow
with the site, and every page stays two clicks away."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build
from hypothesis import given
from hypothesis import strategies as st

from annotated_reader.navigation import Outline, render, window


# -- the window ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("n", "index", "size", "expected"),
    [
        (5, 2, 10, (0, 5)),  # a short list: all of it
        (30, -1, 10, (0, 10)),  # no current page in it: its start
        (30, 0, 10, (0, 10)),
        (30, 15, 10, (10, 20)),  # the current page in the middle of its window
        (30, 29, 10, (20, 30)),  # at the end: the last ten
        (30, 27, 10, (20, 30)),
        (11, 5, 10, (0, 10)),
    ],
)
def test_window(n, index, size, expected):
    assert window(list(range(n)), index, size) == expected


@given(st.integers(0, 300), st.integers(1, 40), st.data())
def test_a_window_holds_the_current_item_and_never_more_than_its_size(n, size, data):
    index = data.draw(st.integers(-1, n - 1)) if n else -1
    start, end = window(list(range(n)), index, size)
    assert 0 <= start <= end <= n and end - start == min(n, size)
    if index >= 0:
        assert start <= index < end


# -- rendering -------------------------------------------------------------------------------------
def outline(pages: int) -> Outline:
    entries = [f"entry-{i:03d}" for i in range(pages)]
    return Outline(
        root="index",
        groups=[("Articles", [(None, "a1"), (None, "a2")]), ("Reference", [(None, "glossary")])],
        children={"index": ["a1", "a2", "glossary"], "glossary": entries},
        parent={"a1": "index", "a2": "index", "glossary": "index", **{e: "glossary" for e in entries}},
        titles={"a1": "First", "a2": "Second", "glossary": "Glossary", **{e: e.title() for e in entries}},
    )


def test_a_page_deep_in_a_long_section_sees_its_neighbours_and_a_link_to_them_all():
    html = render(outline(500), "entry-250", 10, lambda doc: f"../{doc}.html")
    nav = BeautifulSoup(html, "html.parser")
    assert [p.get_text() for p in nav.select("p.caption")] == ["Articles", "Reference"]
    assert [a.get_text() for a in nav.select("li.toctree-l1 > a")] == ["First", "Second", "Glossary"]
    entries = [a.get_text() for a in nav.select("li.toctree-l2 > a")]
    assert entries == [f"Entry-{i}" for i in range(245, 255)] + ["All 500 pages"]
    assert nav.select_one("li.toctree-l2.current > a")["href"] == "#"  # the page itself
    assert nav.select_one("li.ar-nav-all > a")["href"] == "../glossary.html"  # the page that lists them
    assert [li.a.get_text() for li in nav.select("li.current")] == ["Glossary", "Entry-250"]
    # the branches that do not hold the page stay closed
    assert render(outline(500), "a1", 10, lambda doc: doc).count("toctree-l2") == 0


def test_the_links_of_a_page_do_not_grow_with_the_site():
    def links(pages: int, page: str) -> int:
        return render(outline(pages), page, 10, lambda doc: doc).count("<a ")

    assert links(20, "entry-010") == links(2000, "entry-1000") == 3 + 10 + 1
    assert links(20, "a1") == links(2000, "a1") == 3


# -- real builds: furo's sidebar at two sizes ---------------------------------------------------------
def project(tmp_path: Path, entries: int, articles: int, window: int) -> Path:
    src = tmp_path / f"site-{entries}-{window}"
    (src / "section").mkdir(parents=True)
    for i in range(entries):
        (src / f"section/entry-{i:03d}.md").write_text(f"# Entry {i}\n\nText.\n", encoding="utf-8")
    (src / "section/index.md").write_text("# Section\n\n```{toctree}\n:glob:\n\n*\n```\n", encoding="utf-8")
    for i in range(articles):
        (src / f"article-{i:03d}.md").write_text(f"# Article {i}\n\nText.\n", encoding="utf-8")
    toc = "\n".join(f"article-{i:03d}" for i in range(articles))
    (src / "index.md").write_text(
        f"# Home\n\n```{{toctree}}\n:caption: Articles\n\n{toc}\n```\n\n"
        "```{toctree}\n:caption: Reference\n\nsection/index\n```\n",
        encoding="utf-8",
    )
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "annotated_reader"]\nhtml_theme = "furo"\nprimary_domain = "ar"\n'
        f"annotated_reader_navigation_window = {window}\n",
        encoding="utf-8",
    )
    return src


def sidebar_links(out: Path) -> dict[str, set[str]]:
    """Each page -> the pages its sidebar links to (resolved to paths inside the site)."""
    pages = {}
    for page in out.rglob("*.html"):
        if page.name in ("genindex.html", "search.html"):
            continue
        nav = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select_one(".sidebar-tree")
        hrefs = [a["href"] for a in nav.select("a[href]")]
        pages[page.relative_to(out).as_posix()] = {
            (page.parent / h.split("#")[0]).resolve().relative_to(out.resolve()).as_posix()
            if h.split("#")[0]
            else page.relative_to(out).as_posix()
            for h in hrefs
        }
    return pages


def body_links(out: Path, page: str) -> set[str]:
    html = BeautifulSoup((out / page).read_text(encoding="utf-8"), "html.parser")
    hrefs = [a["href"] for a in html.select("article a.reference.internal[href]") if not a["href"].startswith("#")]
    return {((out / page).parent / h.split("#")[0]).resolve().relative_to(out.resolve()).as_posix() for h in hrefs}


@pytest.mark.parametrize("window", [0, 8])
def test_furos_sidebar_at_two_sizes(tmp_path, window):
    """With the window, the most links a page's sidebar holds is the same for a site four times the
    size; without it (Sphinx's and furo's own navigation) it grows with the site."""
    most = {}
    for size in (1, 4):
        app, warnings = build(project(tmp_path, entries=12 * size, articles=10 * size, window=window))
        assert warnings == ""
        out = Path(app.outdir)
        navs = sidebar_links(out)
        most[size] = max(len(links) for links in navs.values())
        if window:
            # every page is two clicks away from every other: a sidebar link, then a link on that page
            for page, links in navs.items():
                reach = set(links) | {t for link in links for t in navs.get(link, set()) | body_links(out, link)}
                assert reach >= set(navs), (page, sorted(set(navs) - reach)[:5])
    if window:
        assert most[1] == most[4]
    else:
        assert most[4] > 3 * most[1]  # what the window bounds: the whole site on every page
