"""The PDF (LuaLaTeX) and EPUB editions: complete, valid, notes in the margin, scripts shaped."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from test_reader import SLUGS, article_words_from_raw

from annotated_reader.textimport import read_article

pytestmark = pytest.mark.pdf
SCREENSHOTS = Path(__file__).resolve().parent.parent / "_build" / "screenshots"


def follows_in_order(expected: list[str], tokens: list[str], window: int = 4000) -> tuple[bool, str]:
    """Every expected word appears in ``tokens`` in order, each within ``window`` tokens of the last.

    Notes, paragraph numbers and running heads may come between the words; a word broken by a
    line-end hyphen ("demon-" "strations") counts as the whole word.
    """
    pos = 0
    for i, word in enumerate(expected):
        for j in range(pos, min(len(tokens), pos + window)):
            tok = tokens[j]
            if tok == word:
                pos = j + 1
                break
            if tok.endswith("-") and j + 1 < len(tokens) and tok[:-1] + tokens[j + 1] == word:
                pos = j + 2
                break
        else:
            return False, f"word {i} {word!r} not found after …{' '.join(tokens[max(0, pos - 8) : pos])}"
    return True, ""


def without_note_numbers(text: str) -> str:
    """Note numbers carry the ActualText "[n]" in the PDF; take them out of the extracted text."""
    text = re.sub(r"\[\d{1,3}\]", "", text)
    # a note number set between a word and its punctuation leaves a gap ("2019 ,"); the articles
    # never put a space before . , ; : ! ? ) or a closing quote
    return re.sub(r"\s+(?=[.,;:!?)”’])", "", text)


def pdf_text(pdf: Path, first: int | None = None, last: int | None = None) -> str:
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last)]
    return subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def norm_tokens(text: str) -> list[str]:
    return text.replace("\u00a0", " ").replace("¶", " ").split()


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_has_every_word_of_the_article_in_order(reader_pdf, slug):
    text = pdf_text(reader_pdf)
    words = article_words_from_raw(slug)
    # start at the article's own headline: the last one before its first body words
    flat = " ".join(without_note_numbers(text).replace("\u00a0", " ").split())
    _, blocks = read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    n = len(blocks[0].text.split())  # the headline's words; the body starts after them
    body_at = flat.index(" ".join(words[n : n + 5]))
    start = flat.rindex(" ".join(words[:2]), 0, body_at)
    tokens = norm_tokens(flat[start:])
    ok, where = follows_in_order(words, tokens)
    assert ok, where


def test_pdf_embeds_amiri_and_keeps_arabic_script_in_logical_order(reader_pdf):
    fonts = subprocess.run(["pdffonts", str(reader_pdf)], capture_output=True, text=True, check=True).stdout
    assert "Amiri-Regular" in fonts
    text = pdf_text(reader_pdf).replace("\u202b", "").replace("\u202c", "")
    for name in ("قاسم سلیمانی", "الحشد الشعبي"):
        assert name in text  # logical order: the extracted string reads as the name is spelled


def test_pdf_notes_sit_in_the_margin_beside_their_lines(reader_pdf):
    """Note text is set in the outer margin: right of the text block, on the page its phrase is on or the next."""
    bbox = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "40", str(reader_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    page = BeautifulSoup(bbox, "html.parser")
    for p in page.select("page"):
        words = p.select("word")
        if any(w.get_text() == "theNew" for w in words):
            width = float(p["width"])
            marker = next(w for w in words if w.get_text() == "theNew")
            notes = [w for w in words if w.get_text() == "Sic" and float(w["xmin"]) > width * 0.62]
            assert float(marker["xmax"]) < width * 0.62  # the text column
            assert notes, "no margin note set right of the text block"
            return
    pytest.fail("the page with “theNew York Times” was not found")


def test_pdf_pages_render_for_a_look(reader_pdf):
    """Render the first article's pages to PNG (for people to look at) and check they are not blank."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    text = pdf_text(reader_pdf)
    pages = text.split("\f")
    first = next(i for i, pg in enumerate(pages) if "shouted the crowds" in pg) + 1
    prefix = SCREENSHOTS / "pdf-article"
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", "-f", str(first), "-l", str(first + 1), str(reader_pdf), str(prefix)], check=True
    )
    pngs = sorted(SCREENSHOTS.glob("pdf-article-*.png"))
    assert len(pngs) >= 2 and all(p.stat().st_size > 20_000 for p in pngs)


def test_epub_passes_epubcheck(reader_epub):
    result = subprocess.run(["java", "-jar", "/usr/share/java/epubcheck.jar", str(reader_epub)], capture_output=True, text=True)
    out = result.stdout + result.stderr
    assert "0 fatals / 0 errors" in out, out[-3000:]


@pytest.mark.parametrize("slug", SLUGS)
def test_epub_has_every_word_and_footnote_asides(reader_epub, slug):
    with zipfile.ZipFile(reader_epub) as z:
        xhtml = z.read(f"docs/articles/{slug}.xhtml").decode("utf-8")
    page = BeautifulSoup(xhtml, "html.parser")
    asides = page.select('aside[epub\\:type="footnote"]')
    refs = page.select('a[epub\\:type="noteref"]')
    assert len(asides) == len(refs) > 0
    assert {a["href"][1:] for a in refs} == {a["id"] for a in asides}
    section = page.select_one("section.ar-article")
    for el in section.select("aside, a.ar-num, .ar-pnum, .ar-legend, .ar-apparatus, a.headerlink"):
        el.decompose()
    words = [w for block in section.select("h1, p") for w in block.get_text("").split()]
    assert words == article_words_from_raw(slug)


def test_pdf_has_the_timeline_table_and_the_map_figure(reader_pdf):
    text = " ".join(pdf_text(reader_pdf).split())
    assert "Table 1 – continued from previous page" in text  # the timeline, as a long table
    assert "Iraq and its neighbours; outlines simplified from Natural Earth. Places within Baghdad are listed below." in text
    figure_page = next(pg for pg in pdf_text(reader_pdf).split("\f") if "outlines simplified from Natural Earth" in pg)
    for place in ("Erbil", "Basra", "Najaf", "Al-Qaim"):
        assert place in figure_page


def test_html_links_and_ships_the_downloads_when_they_were_built(tmp_path, reader_pdf, reader_epub):
    from bs4 import BeautifulSoup as Soup
    from conftest import copy_project, sphinx_build

    src = copy_project(tmp_path / "src")
    for built, rel in ((reader_pdf, "_build/latex/annotated-reader.pdf"), (reader_epub, "_build/epub/annotated-reader.epub")):
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes(built.read_bytes())
    out = tmp_path / "html"
    assert sphinx_build(src, out).returncode == 0
    for page, prefix in (("index.html", ""), ("docs/articles/we-want-them-out.html", "../../")):
        links = [a["href"] for a in Soup((out / page).read_text(encoding="utf-8"), "html.parser").select(".ar-downloads a")]
        assert links == [f"{prefix}downloads/annotated-reader.pdf", f"{prefix}downloads/annotated-reader.epub"]
    front = Soup((out / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert front.select_one(".ar-downloads").find_previous("h2").get_text(strip=True).rstrip("#") == "This edition"
    assert not front.select(".ar-downloads-missing")
    assert (out / "downloads/annotated-reader.pdf").read_bytes()[:4] == b"%PDF"
    assert zipfile.is_zipfile(out / "downloads/annotated-reader.epub")


# -- the build's report: glosses off their page, LaTeX errors by source, page references ------------------------
REPORT = re.compile(
    r"(?P<file>docs/articles/[a-z0-9-]+\.notes\.md):(?P<line>\d+): PDF: the gloss of note (?P<n>\d+) on “(?P<phrase>.+?)” is "
    r"printed (?:on page (?P<page>\d+), its phrase on page (?P<at>\d+) \(the margin was full; shorten this gloss or the "
    r"glosses around it\)|(?P<cm>\d+) cm below its phrase on page (?P<same>\d+) \(the margin was crowded\))$"
)
ZPOS = re.compile(r"\\zref@newlabel\{(arn[0-9a-f]{10})-([mn])\}\{.*?\\abspage\{(\d+)\}")


def test_every_gloss_is_printed_on_the_page_of_its_phrase(reader_pdf):
    """Read back from the PDF run itself (the positions LuaLaTeX saved at shipout, in the .aux), not
    from what the layout meant to do: the number in the text and the gloss in the margin share a page."""
    aux = reader_pdf.with_suffix(".aux").read_text(encoding="utf-8", errors="replace")
    pages: dict[str, dict[str, int]] = {}
    for label, side, page in ZPOS.findall(aux):
        pages.setdefault(label, {})[side] = int(page)
    notes = sum(
        1
        for path in (ROOT / "docs/articles").glob("*.notes.md")
        for _ in re.finditer(r"^:::\{annotation\}", path.read_text(encoding="utf-8"), re.M)
    )
    assert len(pages) == notes and all(len(p) == 2 for p in pages.values())
    off = {label: p for label, p in pages.items() if p["m"] != p["n"]}
    print(f"glosses off their phrase's page: {len(off)} of {len(pages)}")
    assert off == {}
    report = (reader_pdf.parent / "pdf-report.txt").read_text(encoding="utf-8").splitlines()
    assert report[-1].startswith("PDF: every gloss is on its phrase's page (") and report[-1].endswith(
        f" of {notes} more than 6 cm below its line)"
    )
    for line in report[:-1]:  # the glosses set far below their line are named by file, line and phrase
        m = REPORT.match(line)
        assert m and m["cm"], line
        source = (ROOT / m["file"]).read_text(encoding="utf-8").splitlines()[int(m["line"]) - 1]
        assert source.startswith(":::{annotation} " + m["phrase"].rstrip("…")), (line, source)


def test_the_full_notes_are_in_the_commentary_with_page_references_both_ways(reader_pdf):
    pages = [" ".join(p.split()) for p in pdf_text(reader_pdf).split("\f")]
    article = next(i for i, p in enumerate(pages) if "This Friday morning hundreds of thousands" in p)
    # the margin: each gloss ends with the page of its full note ("→ page 30"); the commentary entry
    # points back to the page of its phrase ("“the mainstream Fatah bloc” (page 2)")
    assert re.search(
        r"Electoral coalition of Popular Mobilization Forces groups.*?→\s*page \d+", " ".join(pages[article : article + 3]), re.S
    )
    commentary = " ".join(pages[article + 3 :])
    assert re.search(r"“the mainstream Fatah bloc” \(page \d+\)", commentary)
    assert re.search(r"The Fatah Alliance \(al-Fatah, .Conquest.\) is the electoral coalition", commentary)  # the body, in full


def test_make_pdf_fails_when_a_gloss_lands_off_its_page(tmp_path):
    """A paragraph whose glosses cannot fit beside it even on a page of its own: `make pdf` fails and
    names the gloss by its notes file, line and phrase."""
    import sys

    from conftest import copy_root, sphinx_build

    gloss = " ".join(["A gloss long enough to take six lines of the margin, said again and again;"] * 2)[:200]
    notes = "# Notes\n\n" + "\n".join(
        f":::{{annotation}} traded blows\n:kind: context\n:gloss: {gloss}\n:sources: ap-2020-01-05-vote\nA note.\n:::\n"
        for _ in range(30)
    )
    src = copy_root(tmp_path, "mini", {"docs/articles/sample.notes.md": notes})
    out = tmp_path / "latex"
    assert sphinx_build(src, out, "latex").returncode == 0
    run = subprocess.run(
        [sys.executable, "-m", "annotated_reader", "pdf", str(out), "--tex", next(out.glob("*.tex")).name],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert run.returncode == 1, run.stdout
    off = [m for m in map(REPORT.match, run.stdout.splitlines()) if m and m["page"]]
    assert off and all(m["file"] == "docs/articles/sample.notes.md" and m["phrase"] == "traded blows" for m in off)
    assert run.stdout.splitlines()[-1] == f"PDF: {len(off)} of 30 glosses are printed off their phrase's page"


def test_cross_references_in_the_pdf_give_their_page(reader_pdf):
    text = pdf_text(reader_pdf)
    assert re.search(r"The background chapters \(page \d+\) tell the story", " ".join(text.split()))
    assert "(page ??)" not in text  # every target the reader links to has a label


def test_a_latex_error_is_named_by_its_source_file_and_note(tmp_path):
    """An error LaTeX stops on is reported at the note (or page) it came from, not only a .tex line."""
    import sys

    from conftest import copy_root, sphinx_build

    src = copy_root(tmp_path, "mini")
    out = tmp_path / "latex"
    assert sphinx_build(src, out, "latex").returncode == 0
    tex = next(out.glob("*.tex"))
    text = tex.read_text(encoding="utf-8")
    note = re.search(r"\\ARnote\{arn[0-9a-f]{10}\}\{(\d+)\}\{Context\}\{", text)
    tex.write_text(text[: note.end()] + r"\ARnoSuchMacro{}" + text[note.end() :], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "annotated_reader", "pdf", str(out), "--tex", tex.name], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 1
    line = next(i for i, t in enumerate((src / "docs/articles/sample.notes.md").read_text().splitlines(), 1) if "The U.S." in t)
    assert re.fullmatch(
        rf"docs/articles/sample\.notes\.md:{line}: LaTeX error in note {note[1]} on “The U\.S\.”: Undefined control sequence\. "
        rf"\({tex.name} line \d+\)\n",
        run.stdout,
    ), run.stdout
    # outside any note: the page it was built from
    para = text.index(r"\ARparanum{2}")
    tex.write_text(text[:para] + r"\ARnoSuchMacro{}" + text[para:], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "annotated_reader", "pdf", str(out), "--tex", tex.name], capture_output=True, text=True, cwd=ROOT
    )
    assert run.returncode == 1
    assert re.fullmatch(
        rf"docs/articles/sample\.md: LaTeX error: Undefined control sequence\. \({tex.name} line \d+, in the part built from this file\)\n",
        run.stdout,
    ), run.stdout


def article_pages(pdf: Path, first_words: str, next_chapter: str | None) -> int:
    """How many pages an article takes: from the page its text starts on to the page before the
    next chapter (or the end)."""
    pages = [" ".join(p.split()) for p in pdf_text(pdf).split("\f")]
    start = next(i for i, p in enumerate(pages) if first_words in p)
    end = next(
        (i for i in range(start + 1, len(pages)) if next_chapter and re.match(rf"(\d+ )?Chapter {next_chapter} ", pages[i])),
        len(pages),
    )
    while end > start and not pages[end - 1].strip():
        end -= 1
    return end - start


def test_the_glosses_cost_the_marx21_article_at_most_twice_its_bare_pages(reader_pdf, tmp_path):
    """The same article, same page design, without notes, against the edition: the margin's glosses
    (and a paragraph now and then moved to a new page for them) at most double its pages."""
    import sys

    from conftest import copy_project, sphinx_build

    src = copy_project(tmp_path / "bare")
    (src / "index.md").write_text("# Bare\n\n```{toctree}\ndocs/articles/we-want-them-out\n```\n", encoding="utf-8")
    out = tmp_path / "latex"
    only = "-Dinclude_patterns=index.md,docs/articles/we-want-them-out.md"
    assert sphinx_build(src, out, "latex", only, "-Dannotated_reader_bibliography=sources.bib").returncode == 0
    run = subprocess.run([sys.executable, "-m", "annotated_reader", "pdf", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout
    # the first page of its text (a phrase with no note in it, so no note number breaks it up)
    bare = article_pages(out / "annotated-reader.pdf", "This Friday morning hundreds of thousands", None)
    edition = article_pages(reader_pdf, "This Friday morning hundreds of thousands", "2")
    print(f"“We Want Them Out!”: {edition} pages in the edition, {bare} without notes")
    assert 1 <= bare and edition <= 2 * bare


def test_citations_in_the_pdf_run_on_in_their_line(reader_pdf):
    """A citation "(Source, date)" stays in its sentence: no line of the PDF ends on its opening bracket."""
    lines = [ln.rstrip() for ln in pdf_text(reader_pdf).splitlines()]
    orphans = [ln for ln in lines if ln.endswith(" (") or ln == "("]
    assert orphans == [], orphans[:5]


# -- front matter: a designed title page, a colophon, running heads, nothing written for screens -------------
def test_the_title_page_names_both_articles_as_their_front_matter_gives_them(reader_pdf):
    title_page = " ".join(pdf_text(reader_pdf, 1, 1).split())
    assert title_page.startswith("An annotated reader Iraq, the US and Iran January 2020 Two articles, reproduced word for word:")
    for slug in SLUGS:
        meta, _ = read_article((ROOT / "docs" / "articles" / f"{slug}.md").read_text(encoding="utf-8"))
        when = f"{meta['published'].day} {meta['published']:%B %Y}"
        assert f"{meta['title'].strip('“”')}" in title_page.replace("“", "").replace("”", ""), slug
        assert f"{meta['outlet']}, {when}" in title_page, slug
        assert (meta["byline"] or "published without a byline") in title_page, slug


def test_the_first_pages_carry_no_release_line_nor_build_date(reader_pdf):
    import datetime

    front = " ".join(pdf_text(reader_pdf, 1, 6).split())
    today = datetime.date.today()
    for stamp in (f"{today:%b} {today:%d}, {today:%Y}", f"{today.day} {today:%B %Y}", today.isoformat(), "Release"):
        assert stamp not in front, stamp
    assert "Release 1" not in pdf_text(reader_pdf)


def test_the_colophon_gives_the_source_revision(reader_pdf):
    colophon = " ".join(pdf_text(reader_pdf, 2, 2).split())
    assert "This edition. Edition 1 of an annotated reader" in colophon
    assert "made from source revision test-revision-4f2a with Sphinx and LuaLaTeX" in colophon  # set by the fixture


def test_the_revision_comes_from_git_when_not_given():
    import os
    import sys

    env = {k: v for k, v in os.environ.items() if k != "READER_REVISION"}
    got = subprocess.run(
        [sys.executable, "-c", "import conf; print(conf._source_revision())"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    head = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    if head.returncode:
        assert got == "unknown (built outside a git checkout)"
    else:
        assert got.split()[0] == head.stdout.strip() and got in (
            head.stdout.strip(),
            head.stdout.strip() + " with uncommitted changes",
        )


def test_running_heads_name_the_chapter(reader_pdf):
    pages = [pg for pg in pdf_text(reader_pdf).split("\f") if pg.strip()]
    heads = [pg.split("\n", 1)[0] for pg in pages]
    start = heads.index("How to read this book")
    chapters = {"How to read this book", "“We Want Them Out!”", "Glossary", "Background", "About this edition", "Sources"}
    chapters |= {
        f"Commentary on “{t}”"
        for t in ("We Want Them Out!", "Iraq’s Vote to Kick Out US Troops Reflects Growing Anti-Imperialist Movement")
    }
    chapters.add("Iraq’s Vote to Kick Out US Troops Reflects Growing Anti-Imperialist Movement")
    # every page from the introduction on is headed by its chapter's name, or only its number on a chapter's first page
    odd = [(start + i, h) for i, h in enumerate(heads[start:]) if not h.isdigit() and h not in chapters]
    assert not odd, odd[:5]
    assert {"“We Want Them Out!”", "Glossary", "Sources"} <= set(heads)


def test_print_has_its_own_introduction_and_no_screen_instructions(reader_pdf):
    text = " ".join(pdf_text(reader_pdf).split())
    assert "How to read this book The two articles come first" in text
    for screen in ("tap ", "wide screen", "narrow screen", "click", "Download this edition", "make site"):
        assert screen not in text, screen
    contents = " ".join(pdf_text(reader_pdf, 3, 4).split())
    assert "Sources" in contents and "Error catalogue" not in contents and "Benchmark" not in contents


def test_the_epub_front_page_explains_its_own_notes_and_links_no_downloads(reader_epub):
    with zipfile.ZipFile(reader_epub) as z:
        name = next(n for n in z.namelist() if n.rsplit("/", 1)[-1] == "index.xhtml")
        front = " ".join(BeautifulSoup(z.read(name).decode("utf-8"), "html.parser").get_text().split())
    assert "its number leads to the note, with its sources, which most reading apps open in a pop-up" in front
    for screen in ("wide screen", "narrow screen", "Download this edition", "make site"):
        assert screen not in front, screen
