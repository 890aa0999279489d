"""The extension in small Sphinx projects (sphinx.testing): notes, commentary, sources, exports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import build, copy_root, soup
from docutils.nodes import Node

from annotated_reader.anchoring import Block, Document


def mini(tmp_path: Path, edits: dict[str, str] | None = None) -> Path:
    return copy_root(tmp_path, "mini", edits)


def test_clean_build_has_no_warnings(tmp_path):
    app, warnings = build(mini(tmp_path))
    assert warnings == ""


def test_notes_are_highlighted_numbered_and_placed(tmp_path):
    app, _ = build(mini(tmp_path))
    page = soup(app, "docs/articles/sample")
    marks = page.select("mark.ar-mark")
    assert [m.get_text() for m in marks] == ["The U.S.", "the mainstream Fatah bloc", "theNew York Times"]
    assert [m["id"] for m in marks] == ["m-the-u-s", "m-the-mainstream-fatah-bloc", "m-thenew-york-times"]
    nums = [label.get_text() for label in page.select("label.ar-num")]
    assert nums == ["1", "2", "3"]  # numbered in text order, not file order
    note = page.select_one("#note-the-mainstream-fatah-bloc")
    assert note["role"] == "note"
    assert "The Fatah Alliance is the list" in note.get_text()
    assert note.select_one(".ar-sources a")["href"] == "https://en.wikipedia.org/wiki/Fatah_Alliance"
    # the note sits in the paragraph, right after its phrase, behind a keyboard-usable toggle
    toggle = marks[1].find_next_sibling("input")
    assert toggle["type"] == "checkbox" and toggle["class"] == [
        "ar-toggle",
        "ar-kind-fact-check",
    ]  # its kind, for the parts after it
    assert toggle.find_next_sibling("label")["for"] == toggle["id"]
    # the gloss: a label of the same toggle (it opens the note), written once; the toggle refers to it
    gloss = toggle.find_next_sibling("label", class_="ar-gloss")
    assert gloss["for"] == toggle["id"] == "t2" and gloss["id"] == toggle["aria-describedby"] == "g2"
    assert gloss.select_one(".ar-gloss-text").get_text() == "The electoral list of the PMF-linked factions."
    # its head is drawn by the style sheet: the number in the margin, the kind under the line
    assert gloss["data-n"] == "2" and gloss["class"] == ["ar-gloss"] and gloss["aria-hidden"] == "true"
    assert toggle["aria-label"] == "Note 2, fact check"
    # the legend leads to the commentary: every note in full, with the navigation between notes
    assert page.select_one(".ar-legend a.ar-legend-commentary")["href"] == "sample.notes.html"
    # marks name the numbers of the notes that cover them, so the phrase lights up from its number or gloss
    assert marks[1]["data-ar-notes"] == "2"
    # the text itself is unchanged
    p1 = page.select_one("#p1")
    text = p1.get_text()
    for n in p1.select(".ar-note, .ar-num, .ar-gloss, .ar-pnum"):
        text = text.replace(n.get_text(), "", 1)
    assert (
        text == "The U.S. and Iran traded blows. The U.S. said it acted in self-defence, and the mainstream Fatah bloc objected."
    )


def test_the_style_sheet_names_every_kind_as_the_extension_does():
    """Glosses carry no kind's name of their own (it is the style sheet's, from the kind's class): each
    kind has its name there, spelled as in note_nodes.KINDS."""
    import re

    from annotated_reader.note_nodes import KINDS

    css = (Path(__file__).parents[1] / "annotated_reader/static/annotated_reader.css").read_text()
    assert dict(re.findall(r'\.ar-kind-([a-z-]+)[^{}]*\{[^}]*--ar-label: "([^"]+)"', css)) == KINDS


def test_paragraphs_have_stable_ids_and_visible_links(tmp_path):
    app, _ = build(mini(tmp_path))
    page = soup(app, "docs/articles/sample")
    assert [p["id"] for p in page.select("p.ar-block")] == ["standfirst", "p1", "p2"]
    link = page.select_one("#p2 a.ar-pnum")
    assert link["href"] == "#p2" and link.get_text() == "¶2"


def test_commentary_lists_every_note_in_text_order(tmp_path):
    app, _ = build(mini(tmp_path))
    page = soup(app, "docs/articles/sample.notes")
    items = page.select("section.ar-item")
    assert [i.select_one(".ar-item-num").get_text() for i in items] == ["2", "1", "3"]  # file order, numbered by text
    fatah = page.select_one("#c-the-mainstream-fatah-bloc")
    assert fatah.select_one(".ar-item-quote").get_text() == "“the mainstream Fatah bloc”"
    assert fatah.select_one(".ar-item-head a")["href"] == "sample.html#m-the-mainstream-fatah-bloc"
    assert fatah.select_one(".ar-item-where").get_text() == "¶1"
    nav = [a["href"] for a in fatah.select(".ar-item-nav a")]
    assert nav == ["#c-the-u-s", "#c-thenew-york-times"]


def test_sources_page_has_backlinks(tmp_path):
    app, _ = build(mini(tmp_path))
    page = soup(app, "docs/sources")
    ap = page.select_one("#src-ap-2020-01-05-vote")
    assert "The Associated Press" in ap.get_text() and "5 January 2020" in ap.get_text()
    links = [a["href"] for a in ap.select(".ar-backlinks a")]
    assert links == ["articles/sample.notes.html#c-the-u-s", "articles/sample.notes.html#c-thenew-york-times"]


CHECKED_BIB = """@online{wikipedia-fatah-alliance,
  title        = {Fatah Alliance},
  organization = {Wikipedia},
  url          = {https://en.wikipedia.org/wiki/Fatah_Alliance},
  urldate      = {2026-11-21},
  checked      = {unconfirmed: the page is not in the stored copies searched},
}

@online{ap-2020-01-05-vote,
  title        = {Iraq lawmakers vote},
  organization = {Kuwait Times},
  date         = {2020-01-05},
  url          = {https://kuwaittimes.com/example-vote},
  urldate      = {2026-11-21},
  checked      = {stored copy},
  reprint      = {The Associated Press},
}
"""


def test_sources_say_how_they_were_checked_and_whose_story_a_reprint_is(tmp_path):
    src = mini(
        tmp_path,
        {
            "sources.bib": CHECKED_BIB,
            "docs/sources.md": "# Sources\n\n```{sources-list}\n:unconfirmed:\n```\n\n```{sources-list}\n```\n",
        },
    )
    (src / "conf.py").write_text((src / "conf.py").read_text() + "annotated_reader_require_checked = True\n")
    app, warnings = build(src)
    assert warnings == ""
    note = soup(app, "docs/articles/sample").select_one("#note-the-u-s .ar-sources a")
    assert note.get_text() == "The Associated Press via Kuwait Times, 5 January 2020"
    page = soup(app, "docs/sources")
    (unconfirmed,) = page.select(".ar-unconfirmed li")
    assert unconfirmed.get_text(" ", strip=True) == (
        "Wikipedia . “Fatah Alliance” . Not confirmed (the page is not in the stored copies searched); listed 21 November 2026."
    )
    assert unconfirmed.select_one("a")["href"] == "#src-wikipedia-fatah-alliance"
    entry = page.select_one("#src-ap-2020-01-05-vote > p").get_text()
    assert entry.endswith(". A reprint of The Associated Press’s story. Checked 21 November 2026 against a stored copy.")


def test_a_source_that_does_not_say_how_it_was_checked_fails_at_its_line(tmp_path):
    bib = CHECKED_BIB.replace("  checked      = {stored copy},\n", "")
    src = mini(tmp_path, {"sources.bib": bib})
    (src / "conf.py").write_text((src / "conf.py").read_text() + "annotated_reader_require_checked = True\n")
    _, warnings = build(src)
    assert (
        "sources.bib:9: WARNING: source 'ap-2020-01-05-vote' does not say how its page was checked (add checked = "
        "{stored copy} when you found the page itself, or checked = {unconfirmed: why} when you could not)"
    ) in warnings
    assert warnings.count("does not say how") == 1


def test_w3c_export_reanchors(tmp_path):
    src = mini(tmp_path)
    app, _ = build(src)
    data = json.loads((Path(app.outdir) / "annotations" / "sample.jsonld").read_text(encoding="utf-8"))
    assert data["type"] == "AnnotationCollection" and data["total"] == 3
    from annotated_reader.textimport import read_article

    _, blocks = read_article((src / "docs/articles/sample.md").read_text(encoding="utf-8"))
    doc = Document(blocks)
    for item in data["first"]["items"]:
        quote, pos = item["target"]["selector"]
        assert quote["type"] == "TextQuoteSelector" and pos["type"] == "TextPositionSelector"
        assert len(quote["prefix"]) <= 32 and len(quote["suffix"]) <= 32
        assert doc.text[pos["start"] : pos["end"]] == quote["exact"]
        assert doc.text[: pos["start"]].endswith(quote["prefix"])
        m = doc.anchor(quote["exact"], quote["prefix"], quote["suffix"])
        assert (m.doc_start, m.doc_end) == (pos["start"], pos["end"])
        purposes = [b["purpose"] for b in item["body"]]
        assert purposes[:3] == ["describing", "commenting", "tagging"] and "linking" in purposes
        assert item["body"][0]["value"] in {
            "The United States.",
            "The electoral list of the PMF-linked factions.",
            "As printed; a space is missing.",
        }
    assert item["target"]["source"] == "https://example.org/sample"


def test_text_builder_puts_notes_after_their_paragraph(tmp_path):
    app, warnings = build(mini(tmp_path), "text")
    assert warnings == ""
    text = (Path(app.outdir) / "docs/articles/sample.txt").read_text(encoding="utf-8")
    assert "the mainstream Fatah bloc[2] objected." in text
    assert "[2] Fact check: The electoral list of the PMF-linked factions. The Fatah Alliance is the list" in " ".join(
        text.split()
    )
    assert text.index("objected.") < text.index("[2] Fact check") < text.index("A second paragraph")


@pytest.mark.parametrize("builder, suffix", [("man", "1"), ("texinfo", "texi")])
def test_builders_without_visitors_of_their_own_write_the_text_and_its_notes(tmp_path, builder, suffix):
    """man and texinfo get the article's words, each note in brackets after its phrase, plain entry names."""
    app, warnings = build(copy_root(tmp_path, "glossary"), builder)
    assert warnings == ""
    (out,) = Path(app.outdir).glob(f"*.{suffix}")
    text = " ".join(out.read_text(encoding="utf-8").split())
    assert "The leader of the Kata’ib Hizbollah militia of the Iraqi popular mobilization forces was killed." in text
    assert "Kataeb Hezbollah said so [1. The KH is an Iraqi militia, not Hezbollah; see also popular mobilization forces" in text
    assert "apnews" in text  # the note's source


def test_epub_notes_are_footnote_asides(tmp_path):
    app, warnings = build(mini(tmp_path), "epub")
    assert warnings == ""
    xhtml = (Path(app.outdir) / "docs/articles/sample.xhtml").read_text(encoding="utf-8")
    page = BeautifulSoup(xhtml, "html.parser")
    ref = page.select_one('a[epub\\:type="noteref"]')
    aside = page.select_one('aside[epub\\:type="footnote"]')
    assert ref is not None and aside is not None
    assert ref["href"] == "#" + aside["id"]


def test_latex_has_margin_notes_and_highlights(tmp_path):
    app, warnings = build(mini(tmp_path), "latex")
    assert warnings == ""
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\usepackage{annotatedreader}" in tex
    from annotated_reader.pdfcheck import latex_label

    # the phrase highlighted, with a label for cross-references to it; then the note, with the
    # label that tracks where it lands
    mark = (
        r"\ARmark{\phantomsection\label{\detokenize{docs/articles/sample:m-the-mainstream-fatah-bloc}}the mainstream Fatah bloc}"
    )
    assert mark + rf"\ARnote{{{latex_label('sample/the-mainstream-fatah-bloc')}}}{{2}}{{Fact check}}{{" in tex
    assert r"\ARparanum{1}" in tex
    assert (Path(app.outdir) / "annotatedreader.sty").exists()


def test_parallel_build_equals_serial(tmp_path):
    serial, _ = build(mini(tmp_path / "a"))
    parallel, warnings = build(mini(tmp_path / "b"), parallel=2)
    assert warnings == ""
    for doc in ("docs/articles/sample", "docs/articles/sample.notes", "docs/sources"):
        a = (Path(serial.outdir) / f"{doc}.html").read_text(encoding="utf-8")
        b = (Path(parallel.outdir) / f"{doc}.html").read_text(encoding="utf-8")
        assert a == b, doc


def test_the_environment_keeps_plain_data_not_parsed_nodes(tmp_path):
    """Every record of the Domain is plain data: a parsed node kept there would be pickled with the
    whole document it came from, into every environment and every parallel reader's merge."""
    app, _ = build(mini(tmp_path))

    def nodes_in(value, path):
        if isinstance(value, Node):
            yield path
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from nodes_in(v, f"{path}[{k!r}]")
        elif isinstance(value, (list, tuple, set)):
            for i, v in enumerate(value):
                yield from nodes_in(v, f"{path}[{i}]")

    data = app.env.domaindata["ar"]
    assert data["notes"], "the root has notes"
    assert list(nodes_in(data, "ar")) == []
    note = data["notes"]["sample/the-u-s"]
    assert "The United States." in note["text"]


def test_editing_notes_rebuilds_article_commentary_and_sources(tmp_path):
    src = mini(tmp_path)
    build(src)
    notes = src / "docs/articles/sample.notes.md"
    notes.write_text(
        notes.read_text(encoding="utf-8").replace("The United States.", "The United States of America."), encoding="utf-8"
    )
    notes.write_text(
        notes.read_text(encoding="utf-8")
        + "\n:::{annotation} A second paragraph\n:kind: context\n:gloss: A gloss.\n:sources: wikipedia-fatah-alliance\nA new note.\n:::\n",
        encoding="utf-8",
    )
    app, warnings = build(src, freshenv=False)
    assert warnings == ""
    article = soup(app, "docs/articles/sample")
    assert "The United States of America." in article.select_one("#note-the-u-s").get_text()
    assert article.select_one("#note-a-second-paragraph") is not None
    sources = soup(app, "docs/sources")
    assert "articles/sample.notes.html#c-a-second-paragraph" in [a["href"] for a in sources.select(".ar-backlinks a")]


def test_removing_a_note_leaves_no_stale_mark(tmp_path):
    src = mini(tmp_path)
    build(src)
    notes = src / "docs/articles/sample.notes.md"
    text = notes.read_text(encoding="utf-8")
    start = text.index(":::{annotation} theNew York Times")
    notes.write_text(text[:start], encoding="utf-8")
    app, _ = build(src, freshenv=False)
    assert soup(app, "docs/articles/sample").select_one("#m-thenew-york-times") is None
    assert "c-thenew-york-times" not in str(soup(app, "docs/sources"))


@pytest.mark.parametrize("blocks", [[Block("p1", "¶1", "x")]])
def test_document_text_joins_blocks_with_blank_lines(blocks):
    assert Document(blocks + [Block("p2", "¶2", "y")]).text == "x\n\ny"


def test_a_phrase_may_run_across_inline_markup_and_notes_may_overlap():
    from docutils import nodes

    from annotated_reader.note_nodes import ar_mark, ar_note
    from annotated_reader.overlay import overlay

    para = nodes.paragraph()
    para += nodes.Text("The ")
    para += nodes.emphasis("", "New York")
    para += nodes.Text(" Times said so.")
    placed = [
        {"key": "s/a", "id": "a", "kind": "sic", "number": 1, "start": 4, "end": 18},  # "New York Times"
        {"key": "s/b", "id": "b", "kind": "context", "number": 2, "start": 0, "end": 8},  # "The New " (overlaps)
    ]
    overlay(para, placed, lambda a: ar_note(number=a["number"], kind=a["kind"], ids=[f"note-{a['id']}"]))
    assert para.astext() == "The New York Times said so."  # the text is untouched
    marks = list(para.findall(ar_mark))
    assert ["".join(m.astext()) for m in marks] == ["The ", "New ", "York", " Times"]
    assert [m["notes"] for m in marks] == [["s/b"], ["s/a", "s/b"], ["s/a"], ["s/a"]]
    assert isinstance(marks[1].parent, nodes.emphasis)  # marks nest inside the inline markup
    notes = list(para.findall(ar_note))
    assert [n["number"] for n in notes] == [2, 1]
    # note 2 follows "New " (inside the emphasis), note 1 follows "Times"
    assert notes[0].parent is marks[1].parent and notes[1].parent is para


def test_contributed_prose_gets_typographic_quotes_and_the_article_keeps_its_own(tmp_path):
    body = 'He said "no", and it\'s `code "kept"` as typed.'
    notes = (
        "# Notes\n\n:::{annotation} traded blows\n:kind: context\n:gloss: A gloss.\n:sources: ap-2020-01-05-vote\n"
        + body
        + "\n:::\n"
    )
    app, warnings = build(mini(tmp_path, {"docs/articles/sample.notes.md": notes}))
    assert warnings == ""
    for page in ("docs/articles/sample", "docs/articles/sample.notes"):  # the note in its article, and the commentary
        text = soup(app, page).select_one("#note-traded-blows, #c-traded-blows").get_text()
        assert "He said “no”, and it’s" in text and 'code "kept"' in text, (page, text)
    p1 = soup(app, "docs/articles/sample").select_one("#p1")
    for apparatus in p1.select(".ar-note, .ar-num, .ar-gloss, .ar-pnum"):
        apparatus.decompose()
    assert p1.get_text().startswith("The U.S. and Iran traded blows.")
