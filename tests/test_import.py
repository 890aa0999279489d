"""Importing articles and annotations: pure parsing, Markdown escaping, and the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from docutils.core import publish_doctree
from hypothesis import given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser

from annotated_reader import textimport
from annotated_reader.anchoring import Block, Document
from annotated_reader.export import ImportFormatError, read_annotations, to_blocks

ROOT = Path(__file__).resolve().parent.parent


def myst_text(markdown: str) -> str:
    doctree = publish_doctree(markdown, parser=Parser(), settings_overrides={"report_level": 5, "smart_quotes": False})
    return doctree.astext()


# -- parsing raw files ----------------------------------------------------------------------------
def test_tricky_input_curly_quotes_blank_lines_and_trailing_chrome():
    raw = (
        "\ufeffSkip to content Skip to footer\r\n\r\n\r\nNews, World\n\n“Head\u00a0line”\n\n  \n"
        "The standfirst.\n\nFirst paragraph with “quotes” and it’s\nwrapped over two lines.\n\n\n\n"
        "Second,there.\n\nA critical message, before you scroll away\n\nGive money.\n\n"
    )
    p = textimport.parse_raw(raw)
    assert p.title == "“Head\u00a0line”"
    assert p.standfirst == "The standfirst."
    assert p.paragraphs == ["First paragraph with “quotes” and it’s wrapped over two lines.", "Second,there."]
    assert [(r.reason, r.text) for r in p.removed] == [
        ("skip links", "Skip to content Skip to footer"),
        ("category line", "News, World"),
        ("fundraising appeal", "A critical message, before you scroll away"),
        ("fundraising appeal", "Give money."),
    ]


def test_caption_and_requested_drops():
    raw = "Title\n\nDek.\n\nA caption.\n\nBody one.\n\nShare this!\n\nBody two.\n\nRelated: more\n\nx"
    p = textimport.parse_raw(raw, caption=True, drop=("Share this!",), cut_from=("Related:",))
    assert (p.title, p.standfirst, p.caption) == ("Title", "Dek.", "A caption.")
    assert p.paragraphs == ["Body one.", "Body two."]
    assert [r.reason for r in p.removed] == ["dropped on request", "cut from here on request", "cut from here on request"]


def test_too_little_text_is_an_error():
    with pytest.raises(textimport.ImportError_, match="expected at least 3 blocks"):
        textimport.parse_raw("Only a title\n\nand one line")


def test_the_real_articles_keep_their_typos():
    for slug, typos in {
        "we-want-them-out": ["theNew York Times", "targeted.It follows,there", "series up uprisings", "the a withdrawal"],
        "iraqs-vote-to-kick-out-us-troops": ["Iraqis demonstrators", "came to age"],
    }.items():
        _, blocks = textimport.read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
        text = "\n".join(b.text for b in blocks)
        for typo in typos:
            assert typo in text


# -- escaping: what MyST renders is exactly the imported text ----------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "1. Not a list",
        "2003) neither",
        "- not a bullet",
        "+ nor this",
        "# not a heading",
        "> not a quote",
        ":::{not} a directive",
        "*stars* and _underscores_ and `ticks`",
        "a <b>tag</b> and &amp; an entity",
        "[not](a link) {role}`x`",
        "$13,000 and 50% | pipes ~tilde~",
        "back\\slash",
        "=== not a rule",
        "% not a comment",
        "(label)= not a target",
    ],
)
def test_escaped_text_renders_verbatim(text):
    assert myst_text(textimport.escape_markdown(text)) == text


plain = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\u00a0\u2028\u2029\x85"),
        min_size=1,
        max_size=60,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)


@settings(max_examples=200, deadline=None)
@given(plain)
def test_escaping_round_trips_through_myst(text):
    assert myst_text(textimport.escape_markdown(text)) == text


@settings(max_examples=50, deadline=None)
@given(st.lists(plain, min_size=3, max_size=6))
def test_render_then_read_back_gives_the_same_blocks(paras):
    parsed = textimport.Parsed(paras[0], paras[1], None, paras[2:])
    md = textimport.render_article(parsed, {"title": "T"}, "raw/x.txt")
    _, blocks = textimport.read_article(md)
    assert [b.text for b in blocks] == [b.text for b in parsed.blocks()]


# -- the command line -----------------------------------------------------------------------------------------
def run(*args, cwd=None):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run(
        [sys.executable, "-m", "annotated_reader", *args], capture_output=True, text=True, cwd=cwd or ROOT, env=env
    )


def test_import_command_writes_a_checked_article(tmp_path):
    raw = tmp_path / "in.txt"
    raw.write_text("Skip to content\n\n“T”\n\nDek.\n\nOne.\n\nTwo.\n", encoding="utf-8")
    r = run(
        "import",
        str(raw),
        "--slug",
        "t",
        "--out",
        str(tmp_path / "out"),
        "--outlet",
        "O",
        "--published",
        "2020-01-05",
        "--url",
        "https://example.org/t",
        "--byline",
        "A. Writer",
    )
    assert r.returncode == 0, r.stderr
    md = (tmp_path / "out/t.md").read_text(encoding="utf-8")
    meta, blocks = textimport.read_article(md)
    assert meta["byline"] == "A. Writer" and meta["checksum"] == textimport.checksum(blocks)
    assert (tmp_path / "out/raw/t.txt").read_text(encoding="utf-8").startswith("Skip to content")
    again = run("import", str(raw), "--slug", "t", "--out", str(tmp_path / "out"))
    assert again.returncode == 2 and "exists" in again.stderr


@pytest.mark.parametrize(
    "content, message", [(None, "no such file"), ("", "the file is empty"), ("  \n\n ", "the file is empty")]
)
def test_import_of_missing_or_empty_file_fails_in_one_line(tmp_path, content, message):
    raw = tmp_path / "in.txt"
    if content is not None:
        raw.write_text(content, encoding="utf-8")
    r = run("import", str(raw), "--slug", "x", "--out", str(tmp_path))
    assert r.returncode == 2
    assert r.stderr.count("\n") == 1 and message in r.stderr and r.stderr.startswith("error: cannot import ")


# -- importing annotations -----------------------------------------------------------------------------------------
DOC = Document(
    [
        Block("title", "the headline", "T"),
        Block("p1", "¶1", "The U.S. and Iran. The U.S. again."),
        Block("p2", "¶2", "The U.S. once more."),
    ]
)


def w3c(exact, prefix="", suffix="", start=None, tags=("fact-check",), links=("https://example.org/a",)):
    sel = [{"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix}]
    if start is not None:
        sel.append({"type": "TextPositionSelector", "start": start, "end": start + len(exact)})
    body = [{"type": "TextualBody", "value": "A note.", "purpose": "commenting"}]
    body += [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in tags]
    body += [{"type": "SpecificResource", "source": u, "purpose": "linking"} for u in links]
    return {
        "type": "Annotation",
        "id": f"urn:x:{exact}",
        "body": body,
        "target": {"source": "https://example.org", "selector": sel},
    }


def test_import_disambiguates_with_the_fewest_options():
    second = DOC.text.index("The U.S. again")
    items = read_annotations(
        json.dumps(
            {
                "type": "AnnotationCollection",
                "first": {"items": [w3c("Iran"), w3c("The U.S.", start=second), w3c("The U.S.", prefix="again.\n\n")]},
            }
        )
    )
    blocks, problems = to_blocks(DOC, items, ["context", "fact-check"], {"https://example.org/a": "src-a"})
    assert problems == []
    assert ":kind: fact-check" in blocks[0] and ":sources: src-a" in blocks[0] and ":paragraph:" not in blocks[0]
    assert ":prefix: Iran." in blocks[1]
    assert ":paragraph: 2" in blocks[2]
    for b in blocks:  # each written block anchors back on its own
        lines = b.splitlines()
        exact = next(ln for ln in lines if ln.startswith(":::{annotation}")).split("} ", 1)[1]
        opts = dict(ln[1:].split(": ", 1) for ln in lines if ln.startswith(":") and not ln.startswith(":::") and ": " in ln)
        DOC.anchor(exact, opts.get("prefix"), opts.get("suffix"), opts.get("paragraph"))


def test_import_lists_what_does_not_anchor_and_unknown_sources():
    blocks, problems = to_blocks(
        DOC, read_annotations(json.dumps([w3c("not here"), w3c("Iran", links=("https://new.example/x",))])), ["context"], {}
    )
    assert len(problems) == 1 and problems[0].startswith("urn:x:not here: phrase “not here” is not in the article (")
    assert "% source to add to the bibliography: https://new.example/x" in blocks[0]


@pytest.mark.parametrize(
    "raw, message",
    [
        ("{not json", "not valid JSON: Expecting property name enclosed in double quotes at line 1, column 2"),
        ('{"type": "Thing"}', "not W3C-shaped: expected an Annotation"),
        ('[{"type": "Annotation", "target": {"selector": []}}]', "not W3C-shaped: item 1 has no TextQuoteSelector with 'exact'"),
        ("[1]", "not W3C-shaped: item 1 is not an object"),
    ],
)
def test_bad_annotation_files(raw, message):
    with pytest.raises(ImportFormatError) as e:
        read_annotations(raw)
    assert str(e.value).startswith(message)


def test_import_annotations_command_appends_without_losing_anything(tmp_path):
    import shutil

    src = tmp_path / "p"
    shutil.copytree(ROOT / "tests/roots/test-mini", src)
    notes = src / "docs/articles/sample.notes.md"
    before = notes.read_text(encoding="utf-8")
    f = tmp_path / "a.jsonld"
    f.write_text(
        json.dumps([w3c("traded blows", links=("https://apnews.com/example-vote",)), w3c("absent words")]), encoding="utf-8"
    )
    r = run("import-annotations", str(f), "--article", "sample", cwd=src)
    assert r.returncode == 1  # one did not anchor
    assert "added 1 notes; 1 did not anchor" in r.stdout and "not written: urn:x:absent words" in r.stdout
    after = notes.read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n"))
    # the importer never makes up a gloss: an annotation without one ("describing" body) gets an
    # empty :gloss:, which the build then asks the contributor to write
    assert ":::{annotation} traded blows\n:kind: fact-check\n:gloss:\n:sources: ap-2020-01-05-vote\n" in after
    bad = tmp_path / "bad.jsonld"
    bad.write_text("{oops", encoding="utf-8")
    r = run("import-annotations", str(bad), "--article", "sample", cwd=src)
    assert r.returncode == 2 and "not valid JSON" in r.stderr


def test_note_command_shows_the_place_and_appends_a_block(tmp_path):
    import shutil

    src = tmp_path / "p"
    shutil.copytree(ROOT / "tests/roots/test-mini", src)
    r = run("note", "sample", "traded blows", "--kind", "fact-check", cwd=src)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[0] == "¶1: …The U.S. and Iran [traded blows]. The U.S. said it acted in self-defence…"
    notes = (src / "docs/articles/sample.notes.md").read_text(encoding="utf-8")
    assert notes.endswith(
        ":::{annotation} traded blows\n:kind: fact-check\n:gloss:\n:sources:\n"
        "Write the note here: 20–150 words, your own words; add source keys above, and a gloss of at most "
        "30 words: the one thing the reader needs beside the line.\n:::\n"
    )
    r = run("note", "sample", "The U.S.", cwd=src)
    assert r.returncode == 2 and "occurs 2 times (¶1, ¶1)" in r.stderr
    r = run("note", "sample", "traded blowz", cwd=src)
    assert r.returncode == 2 and "closest: “traded blows.” in ¶1" in r.stderr
    r = run("note", "nosuch", "x", cwd=src)
    assert r.returncode == 2 and "no article 'nosuch' (articles: sample)" in r.stderr


def test_entry_command_creates_an_entry_to_fill(tmp_path):
    r = run("entry", "Qais al-Khazali", "--glossary", str(tmp_path))
    assert r.returncode == 0, r.stderr
    text = (tmp_path / "qais-al-khazali.md").read_text(encoding="utf-8")
    assert text.startswith("---\nname: Qais al-Khazali\nkind: person\n")
    again = run("entry", "Qais al-Khazali", "--glossary", str(tmp_path))
    assert again.returncode == 2 and "exists already" in again.stderr
