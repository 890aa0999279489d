"""The real reader, built once per session: the text is sacred, ids are stable, builds reproducible."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, copy_project, sphinx_build

from annotated_reader import textimport
from annotated_reader.anchoring import Document

SLUGS = ["we-want-them-out", "iraqs-vote-to-kick-out-us-troops"]
APPARATUS = ".ar-note, .ar-num, .ar-gloss, .ar-toggle, .ar-pnum, .ar-legend, .ar-apparatus, a.headerlink"


def article_words_from_raw(slug: str) -> list[str]:
    """Every word of the raw file, minus the web chrome the article declares it removed."""
    meta, _ = textimport.read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    removed = {r["text"] for r in meta["removed"]}
    raw = (ROOT / "docs/articles/raw" / f"{slug}.txt").read_text(encoding="utf-8")
    blocks = [b for b in textimport.split_blocks(raw) if b not in removed]
    assert len(blocks) + len(removed) == len(textimport.split_blocks(raw))
    return " ".join(blocks).split()


def article_words_in_html(path: Path) -> list[str]:
    page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    section = page.select_one("section.ar-article")
    for el in section.select(APPARATUS):
        el.decompose()
    return [w for block in section.select("h1, p") for w in block.get_text("").split()]


@pytest.mark.parametrize("slug", SLUGS)
def test_html_has_every_word_of_the_article_in_order_and_nothing_else(reader_html, slug):
    assert article_words_in_html(reader_html / f"docs/articles/{slug}.html") == article_words_from_raw(slug)


@pytest.mark.parametrize("slug", SLUGS)
def test_the_declared_chrome_is_all_that_was_left_out(slug):
    meta, _ = textimport.read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    reasons = {r["reason"] for r in meta["removed"]}
    assert reasons <= {"skip links", "category line", "fundraising appeal"}


def test_paragraph_numbers_match_the_original(reader_html):
    counts = {"we-want-them-out": 8, "iraqs-vote-to-kick-out-us-troops": 14}
    for slug, n in counts.items():
        page = BeautifulSoup((reader_html / f"docs/articles/{slug}.html").read_text(encoding="utf-8"), "html.parser")
        ids = [p["id"] for p in page.select("p.ar-block") if p["id"].startswith("p")]
        assert ids == [f"p{i}" for i in range(1, n + 1)]
        assert [a.get_text() for a in page.select("a.ar-pnum")] == [f"¶{i}" for i in range(1, n + 1)]


@pytest.mark.parametrize("slug", SLUGS)
def test_exported_annotations_reanchor_on_the_article_text(reader_html, slug):
    data = json.loads((reader_html / "annotations" / f"{slug}.jsonld").read_text(encoding="utf-8"))
    _, blocks = textimport.read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    doc = Document(blocks)
    notes_file = (ROOT / f"docs/articles/{slug}.notes.md").read_text(encoding="utf-8")
    assert data["total"] == notes_file.count(":::{annotation}") > 0
    for item in data["first"]["items"]:
        quote, pos = item["target"]["selector"]
        m = doc.anchor(quote["exact"], quote["prefix"], quote["suffix"])
        assert (m.doc_start, m.doc_end) == (pos["start"], pos["end"])
        assert [b["purpose"] for b in item["body"]].count("linking") >= 1


def test_ids_stay_put_when_notes_change(tmp_path, reader_html):
    src = copy_project(tmp_path / "src")
    notes = src / "docs/articles/we-want-them-out.notes.md"
    notes.write_text(notes.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    out = tmp_path / "html"
    assert sphinx_build(src, out).returncode == 0

    def ids(root: Path, slug: str) -> list[str]:
        html = (root / f"docs/articles/{slug}.html").read_text(encoding="utf-8")
        return re.findall(r'id="(p\d+|standfirst|caption|m-[^"]+|note-[^"]+)"', html)

    for slug in SLUGS:
        assert ids(out, slug) == ids(reader_html, slug)


def test_two_clean_builds_are_byte_identical(tmp_path, reader_src, reader_html):
    other = tmp_path / "html"
    result = sphinx_build(reader_src, other)
    assert result.returncode == 0, result.stderr
    cmp = filecmp.dircmp(reader_html, other, ignore=[".doctrees"])

    def diffs(c):
        out = [str(Path(c.left, f)) for f in c.diff_files + c.left_only + c.right_only]
        for sub in c.subdirs.values():
            out += diffs(sub)
        return out

    assert diffs(cmp) == []


# -- security: the Content-Security-Policy ------------------------------------------------------------
def test_every_page_carries_a_strict_policy_that_its_own_markup_keeps(reader_html):
    """Only the site's own scripts and styles: no inline handlers, no style attributes or <style>,
    and the one inline script (furo's colour scheme) allowed by its hash."""
    import base64
    import hashlib

    pages = sorted(reader_html.rglob("*.html"))
    assert len(pages) > 80
    for path in pages:
        html = path.read_text(encoding="utf-8")
        soup = BeautifulSoup(html, "html.parser")
        meta = soup.select_one('meta[http-equiv="Content-Security-Policy"]')
        assert meta is not None, path
        policy = dict(d.strip().split(" ", 1) for d in meta["content"].split(";"))
        assert policy["default-src"] == "'none'" and policy["style-src"] == "'self'", path
        assert "unsafe" not in meta["content"]
        assert html.index("Content-Security-Policy") < html.index("<script"), path  # it applies from there on
        for script in soup.find_all("script"):
            if script.get("src"):
                assert not re.match(r"(https?:)?//", script["src"]), (path, script["src"])
                continue
            digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in policy["script-src"], (path, script.string)
        assert not soup.find_all("style"), path
        offenders = [t.name for t in soup.find_all(True) if "style" in t.attrs or any(a.startswith("on") for a in t.attrs)]
        assert offenders == [], (path, offenders[:5])


def test_the_icon_sprite_is_furos_without_style_attributes_or_unused_icons(reader_html):
    import furo

    theirs = (Path(furo.__file__).parent / "theme/furo/partials/icons.html").read_text(encoding="utf-8")
    ours = (ROOT / "_templates/partials/icons.html").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S)
    unused = ("pencil", "eye")  # the "edit" and "view source" buttons, which the reader does not show
    theirs = re.sub(rf'  <symbol id="svg-({"|".join(unused)})" .*?</symbol>\n', "", theirs, flags=re.S)
    assert ours == theirs.replace('style="opacity: 50%"', 'opacity="0.5"').replace('style="display: none;"', 'display="none"')
    for page in reader_html.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert not any(f"#svg-{name}" in html for name in unused), page
        assert all(f'id="svg-{name}"' in html for name in re.findall(r'href="#svg-([a-z-]+)"', html)), page


def test_the_page_template_is_furos_with_its_landmarks_named(reader_html):
    import furo

    theirs = (Path(furo.__file__).parent / "theme/furo/page.html").read_text(encoding="utf-8")
    ours = (ROOT / "_templates/furo-page.html").read_text(encoding="utf-8")
    ours = re.sub(r"\A\{#-.*?-#\}\n", "", ours, flags=re.S)
    assert ours == theirs.replace(
        '<aside class="sidebar-drawer">', '<aside class="sidebar-drawer" aria-label="Site navigation">'
    ).replace(
        '<aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}">',
        '<aside class="toc-drawer{% if furo_hide_toc %} no-toc{% endif %}" aria-label="On this page">',
    )
    page = (reader_html / "docs/articles/we-want-them-out.html").read_text(encoding="utf-8")
    assert '<aside class="sidebar-drawer" aria-label="Site navigation">' in page
    assert 'aria-label="On this page">' in page


@pytest.mark.parametrize("slug", SLUGS)
def test_an_article_page_with_everything_it_loads_stays_under_250_kb(reader_html, slug):
    """The weight budget (uncompressed HTML, CSS, JS, images, fonts), counted as tools/page_weight.py does."""
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from page_weight import weight

    html, total = weight(reader_html, f"docs/articles/{slug}.html")
    assert total <= 250_000, f"{slug}: {total:,} bytes ({html:,} of HTML)"


@pytest.mark.parametrize("slug", SLUGS)
def test_notes_use_typographic_quotes_and_the_article_its_own(reader_html, slug):
    """One quotation style in contributed prose; the articles keep exactly what they printed."""
    page = BeautifulSoup((reader_html / f"docs/articles/{slug}.html").read_text(encoding="utf-8"), "html.parser")
    for note in page.select(".ar-note"):
        for code in note.select("code"):
            code.decompose()
        assert '"' not in note.get_text() and "'" not in note.get_text(), note.get_text()[:120]
    raw = (ROOT / "docs/articles/raw" / f"{slug}.txt").read_text(encoding="utf-8")
    for block in page.select(".ar-article p.ar-block"):
        for apparatus in block.select(APPARATUS):
            apparatus.decompose()
        quotes = [c for c in block.get_text() if c in "\"'"]
        assert all(c in raw for c in quotes)  # straight quotes only where the original has them


def landing(reader_html) -> BeautifulSoup:
    return BeautifulSoup((reader_html / "index.html").read_text(encoding="utf-8"), "html.parser")


def test_the_landing_page_leads_into_each_article_with_outlet_date_and_summary(reader_html):
    cards = landing(reader_html).select(".ar-front-articles .sd-card")
    assert [c.select_one(".sd-card-title").get_text(strip=True) for c in cards] == [
        "“We Want Them Out!”",
        "Iraq’s Vote to Kick Out US Troops Reflects Growing Anti-Imperialist Movement",
    ]
    assert [c.select_one("a.sd-stretched-link")["href"] for c in cards] == [
        "docs/articles/we-want-them-out.html",
        "docs/articles/iraqs-vote-to-kick-out-us-troops.html",
    ]
    assert [c.strong.get_text() for c in cards] == [
        "Eric Fred · Marx21 (US) · 25 January 2020",
        "Truthout · 5 January 2020 · no byline",
    ]
    for card in cards:
        assert len(card.select(".sd-card-body p")[1].get_text().split()) > 12  # the one-line summary
        assert card.select_one(".sd-card-footer").get_text(strip=True) == "Read it with its notes →"


def test_the_landing_page_is_sections_with_headings_not_a_paragraph_of_links(reader_html):
    page = landing(reader_html)
    assert [h.get_text(strip=True).rstrip("#") for h in page.select("article h2")] == [
        "How the notes work",
        "Where to start",
        "This edition",
    ]
    start = page.find("h2", string=re.compile("Where to start")).find_next("ul")
    assert len(start.select("li")) >= 8
    assert all(len(p.select("a")) <= 4 for p in page.select("article p"))


def test_a_site_built_without_the_editions_says_so_where_it_would_link_them(reader_html):
    page = landing(reader_html)
    assert not page.select(".ar-downloads")
    missing = page.select_one(".ar-downloads-missing")
    assert missing.find_previous("h2").get_text(strip=True).rstrip("#") == "This edition"
    assert "this copy was built without them" in " ".join(missing.get_text().split())


def test_no_source_label_leaks_a_bracket(reader_html):
    labels = [
        a.get_text()
        for page in reader_html.rglob("*.html")
        for a in BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").select(
            ".ar-sources a, .ar-cite a, .ar-sources-list a"
        )
    ]
    assert len(labels) > 300
    assert [t for t in labels if "[" in t or "]" in t] == []


def test_the_sources_page_names_each_citing_place_once(reader_html):
    page = BeautifulSoup((reader_html / "docs/sources.html").read_text(encoding="utf-8"), "html.parser")
    repeated = []
    for back in page.select(".ar-backlinks"):
        places = [a.get_text() for a in back.select("a") if not a.get_text().startswith("citation ")]
        repeated += [t for t in set(places) if places.count(t) > 1]
    assert repeated == []
    assert "The October 2019 (Tishreen) protest movement (citation 1, citation 2)" in page.get_text()


def test_the_sources_page_lists_the_unconfirmed_sources_first_and_marks_reprints(reader_html):
    from annotated_reader.sources import parse_bibliography

    sources, _ = parse_bibliography((ROOT / "sources.bib").read_text(encoding="utf-8"))
    page = BeautifulSoup((reader_html / "docs/sources.html").read_text(encoding="utf-8"), "html.parser")
    listed = page.select(".ar-unconfirmed li")
    assert len(listed) == sum(s.unconfirmed for s in sources.values()) > 0
    assert all(li.select_one("a")["href"].startswith("#src-") for li in listed)
    full = page.select_one(".ar-source-list:not(.ar-unconfirmed)")
    assert listed[0].find_previous("ul") is not None and full.find_previous(class_="ar-unconfirmed") is not None
    reprinted = [li for li in full.select("li[id^=src-]") if "A reprint of " in li.get_text()]
    assert len(reprinted) == sum(bool(s.reprint) for s in sources.values())
    kuwait = page.select_one("#src-kuwaittimes-2020-01-twin-occupiers").get_text(" ", strip=True)
    assert "Kuwait Times" in kuwait and "A reprint of Agence France-Presse’s story" in kuwait
