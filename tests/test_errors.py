"""Every mistake a contributor can make fails the build with path:line: message (suggestion).

Each case edits the mini project, builds it for real and asserts the exact warning text.
"""

from __future__ import annotations

import re

import pytest
from test_engine import build, mini

NOTES = "docs/articles/sample.notes.md"
ARTICLE = "docs/articles/sample.md"
HEAD = "# Notes on the sample\n\n"


def note(phrase: str, body: str = "A note.", **options: str) -> str:
    opts = {"kind": "context", "gloss": "A short gloss.", "sources": "ap-2020-01-05-vote", **options}
    lines = [f":::{{annotation}} {phrase}".rstrip()]
    lines += [f":{k}: {v}".rstrip() for k, v in opts.items() if v is not None]
    return "\n".join(lines) + ("\n" + body if body else "") + "\n:::\n"


def warnings_of(tmp_path, edits) -> list[str]:
    _, text = build(mini(tmp_path, edits))
    return [re.sub(r"^.*?/mini/", "", ln) for ln in text.splitlines() if "WARNING" in ln]


CASES = {
    "phrase not in the article": (
        {NOTES: HEAD + note("the mainstream Fatah block")},
        f"{NOTES}:3: WARNING: phrase “the mainstream Fatah block” is not in the article "
        "(closest: “the mainstream Fatah bloc” in ¶1) [ar.error]",
    ),
    "phrase occurs more than once": (
        {NOTES: HEAD + note("The U.S.")},
        f"{NOTES}:3: WARNING: phrase “The U.S.” occurs 2 times (¶1, ¶1) (add :paragraph: with one of those, "
        "or :prefix: / :suffix: with the words around the one you mean) [ar.error]",
    ),
    "empty phrase": (
        {NOTES: HEAD + note("")},
        f"{NOTES}:3: WARNING: the phrase is empty (write the exact words of the article after {{annotation}}) [ar.error]",
    ),
    "prefix that matches nothing": (
        {NOTES: HEAD + note("The U.S.", prefix="Nobody said")},
        f"{NOTES}:3: WARNING: :prefix: “Nobody said” matches none of the 2 places of “The U.S.” "
        "(the text before them is “the piece is about.”; “and Iran traded blows.”) [ar.error]",
    ),
    "suffix that matches nothing": (
        {NOTES: HEAD + note("The U.S.", suffix="and France")},
        None,  # checked by prefix below, message shape shared
    ),
    "paragraph that does not hold the phrase": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", paragraph="2")},
        f"{NOTES}:3: WARNING: phrase “the mainstream Fatah bloc” is not in ¶2 (it occurs in ¶1) [ar.error]",
    ),
    "paragraph that does not exist": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", paragraph="7")},
        f"{NOTES}:3: WARNING: :paragraph: 7 does not exist (use one of title, standfirst, 1–2) [ar.error]",
    ),
    "unknown kind": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", kind="factcheck")},
        f"{NOTES}:3: WARNING: unknown kind 'factcheck' (did you mean 'fact-check'? kinds: context, fact-check, sic, quote, term) [ar.error]",
    ),
    "missing kind": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", kind=None)},
        f"{NOTES}:3: WARNING: the note has no :kind: (kinds: context, fact-check, sic, quote, term) [ar.error]",
    ),
    "unknown source": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", sources="wikipedia-fatah")},
        f"{NOTES}:3: WARNING: unknown source 'wikipedia-fatah' (did you mean 'wikipedia-fatah-alliance'?) [ar.error]",
    ),
    "missing source": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", sources=None)},
        f"{NOTES}:3: WARNING: the note cites no source (add :sources: with one or more keys from the bibliography) [ar.error]",
    ),
    "empty note body": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", body="")},
        f"{NOTES}:3: WARNING: the note is empty (write what the reader should know below the options) [ar.error]",
    ),
    "raw HTML in a note": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", body='A <span style="color:red">red</span> note.')},
        f"{NOTES}:7: WARNING: raw HTML is not allowed in a note (use Markdown: *emphasis*, [links](…), {{term}}`…`) [ar.error]",
    ),
    "missing gloss": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", gloss=None)},
        f"{NOTES}:3: WARNING: the note has no :gloss: (add :gloss: with the one thing the reader needs beside the line, "
        "at most 30 words; the note's body keeps the rest) [ar.error]",
    ),
    "gloss longer than 30 words": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", gloss=" ".join(["word"] * 31))},
        f"{NOTES}:3: WARNING: the gloss has 31 words, more than 30 (shorten it to a sentence the margin can hold beside "
        "its line; the note's body keeps the rest) [ar.error]",
    ),
    "markup in a gloss": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", gloss="See {term}`PMF`.")},
        f"{NOTES}:3: WARNING: the gloss is plain text, but it has “{{” in it (write it without markup; links and "
        "{term} roles belong in the note's body) [ar.error]",
    ),
    "note on the headline": (
        {NOTES: HEAD + note("A Sample Headline")},
        f"{NOTES}:3: WARNING: phrase “A Sample Headline” is in the headline, and notes are not anchored on headings "
        "(anchor the note on words of the standfirst or a paragraph) [ar.error]",
    ),
    "two notes with the same id": (
        {NOTES: HEAD + note("the mainstream Fatah bloc", id="fatah") + "\n" + note("theNew York Times", id="fatah")},
        f"{NOTES}:11: WARNING: two notes have the id 'fatah' (the other is at line 3) (give each a different :id:) [ar.error]",
    ),
    "notes file for an article that does not exist": (
        {
            "docs/articles/sampel.notes.md": "# Notes\n",
            "index.md": "# Mini\n\n```{toctree}\ndocs/articles/sample\ndocs/articles/sample.notes\ndocs/articles/sampel.notes\ndocs/sources\n```\n",
        },
        "docs/articles/sampel.notes.md:1: WARNING: notes file for an article that does not exist: 'sampel' "
        "(did you mean 'sample.notes.md'?) [ar.error]",
    ),
    "raw HTML in a page": (
        {"docs/sources.md": "# Sources\n\n<div>hello</div>\n\n```{sources-list}\n```\n"},
        "docs/sources.md:3: WARNING: raw HTML is not allowed (use Markdown or a directive; the reader's pages "
        "allow no inline markup from content) [ar.error]",
    ),
}


@pytest.mark.parametrize("case", [c for c, (_, msg) in CASES.items() if msg], ids=str)
def test_contributor_error_message(tmp_path, case):
    edits, expected = CASES[case]
    found = warnings_of(tmp_path, edits)
    assert found == [expected]


def test_suffix_that_matches_nothing(tmp_path):
    found = warnings_of(tmp_path, CASES["suffix that matches nothing"][0])
    assert found == [
        f"{NOTES}:3: WARNING: :suffix: “and France” matches none of the 2 places of “The U.S.” "
        "(the text after them is “and Iran traded blows.”; “said it acted in”) [ar.error]"
    ]


def article_with(old: str, new: str) -> str:
    from pathlib import Path

    text = (Path(__file__).parent / "roots/test-mini" / ARTICLE).read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def test_article_edited_after_import_names_the_paragraph(tmp_path):
    found = warnings_of(tmp_path, {ARTICLE: article_with("theNew York Times", "the New York Times")})
    assert found[:1] == [
        f"{ARTICLE}:30: WARNING: the article text differs from the imported text (checksum mismatch): ¶2 differs first "
        "(was “A second paragraph mentions theNew York Times and the U.S. a”) (articles are never edited after "
        "import; undo the change, or re-import and explain why in the commit) [ar.error]"
    ]


def test_missing_front_matter_field(tmp_path):
    found = warnings_of(tmp_path, {ARTICLE: article_with('  outlet: "Sample Outlet"\n', "")})
    assert (
        found[0]
        == f"{ARTICLE}:2: WARNING: front matter field 'article.outlet' is missing (expected the publication's name) [ar.error]"
    )


def test_front_matter_field_of_the_wrong_type(tmp_path):
    found = warnings_of(tmp_path, {ARTICLE: article_with("published: 2020-01-05", "published: 5 January 2020")})
    assert found[0] == (
        f"{ARTICLE}:6: WARNING: front matter field 'article.published' must be a date written YYYY-MM-DD, "
        "not '5 January 2020' [ar.error]"
    )


def test_malformed_front_matter(tmp_path):
    found = warnings_of(tmp_path, {ARTICLE: article_with('  outlet: "Sample Outlet"', '  outlet: "Sample Outlet\n   bad: [')})
    mine = [w for w in found if "[ar.error]" in w]
    assert len(mine) == 1 and mine[0].startswith(f"{ARTICLE}:8: WARNING: malformed front matter: ")
    assert mine[0].endswith("(check the YAML indentation and quoting) [ar.error]")


def test_a_note_with_an_error_is_never_silently_dropped(tmp_path):
    app, _ = build(mini(tmp_path, {NOTES: HEAD + note("no such words anywhere")}))
    from test_engine import soup

    item = soup(app, "docs/articles/sample.notes").select_one("section.ar-item-broken")
    assert "not placed in the article" in item.get_text() and "A note." in item.get_text()


@pytest.mark.parametrize(
    "case",
    [
        "phrase not in the article",
        "unknown kind",
        "unknown source",
        "raw HTML in a note",
        "notes file for an article that does not exist",
    ],
)
def test_make_check_finds_what_the_full_build_finds(tmp_path, case):
    """`make check` runs the dummy builder: same problems, same messages, no pages written."""
    edits, _ = CASES[case]
    html = warnings_of(tmp_path / "html", edits)
    _, text = build(mini(tmp_path / "dummy", edits), "dummy")
    dummy = [re.sub(r"^.*?/mini/", "", ln) for ln in text.splitlines() if "WARNING" in ln]
    assert dummy == html and html


def test_an_error_is_reported_again_by_every_build_until_it_is_fixed(tmp_path):
    """Anchoring and mention results are kept between builds; their problems must come back with them."""
    src = mini(tmp_path, {NOTES: HEAD + note("the mainstream Fatah block")})
    expected = "phrase “the mainstream Fatah block” is not in the article"
    _, first = build(src)
    (src / "index.md").touch()  # an unrelated page changed: the notes are neither read nor placed again
    _, second = build(src, freshenv=False)
    assert expected in first and expected in second
    (src / NOTES).write_text(HEAD + note("the mainstream Fatah bloc"), encoding="utf-8")
    app, third = build(src, freshenv=False)
    assert third == ""
    from test_engine import soup

    assert soup(app, "docs/articles/sample").select_one("#m-the-mainstream-fatah-bloc") is not None
