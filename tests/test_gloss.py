"""The gloss rule (pure: annotations.gloss_problem) and the gloss's way through export and import."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotated_reader.annotations import GLOSS_WORDS, gloss_problem

PLAIN_WORD = st.text(alphabet=st.characters(categories=["L", "N"]) | st.sampled_from("’“”.,;:–-()!?%"), min_size=1, max_size=12)


@pytest.mark.parametrize(
    "gloss, problem",
    [
        ("Electoral list of the PMF-linked factions, led by Hadi al-Amiri.", None),
        ("As printed; “the withdrawal” or “a withdrawal” was meant.", None),
        ("Reports differ: AP 170–0; Reuters counted 168 present (100%).", None),
        ("", "the note has no :gloss:"),
        ("   ", "the note has no :gloss:"),
        (" ".join(["word"] * 30), None),
        (" ".join(["word"] * 31), "the gloss has 31 words, more than 30"),
        ("See {term}`PMF`.", "the gloss is plain text, but it has “{” in it"),
        ("An *emphasised* word.", "the gloss is plain text, but it has “*” in it"),
        ("A [link](https://example.org).", "the gloss is plain text, but it has “](” in it"),
        ("Some `code`.", "the gloss is plain text, but it has “`” in it"),
        ("Raw <b>HTML</b>.", "the gloss is plain text, but it has “<” in it"),
    ],
)
def test_gloss_problems(gloss, problem):
    found = gloss_problem(gloss)
    assert (found[0] if found else None) == problem
    if found:
        assert found[1]  # every problem comes with a suggestion


@given(st.lists(PLAIN_WORD, min_size=1, max_size=GLOSS_WORDS))
def test_any_plain_gloss_of_at_most_30_words_is_accepted(words):
    assert gloss_problem(" ".join(words)) is None


@given(st.lists(PLAIN_WORD, min_size=GLOSS_WORDS + 1, max_size=80))
def test_any_longer_gloss_is_refused_with_its_word_count(words):
    assert gloss_problem(" ".join(words))[0] == f"the gloss has {len(words)} words, more than {GLOSS_WORDS}"


def test_the_gloss_goes_out_as_describing_and_comes_back_as_the_gloss():
    from annotated_reader.anchoring import Block, Document
    from annotated_reader.export import annotation_json, read_annotations, to_blocks

    doc = Document([Block("p1", "¶1", "The U.S. and Iran traded blows in January.")])
    m = doc.anchor("traded blows")
    anchor = {
        "id": "traded-blows",
        "block": m.block,
        "start": m.start,
        "end": m.end,
        "doc_start": m.doc_start,
        "doc_end": m.doc_end,
    }
    item = annotation_json(doc, anchor, "A short gloss.", "The full note.", "context", [], "https://example.org/a", "a.html")
    incoming = read_annotations(__import__("json").dumps(item))
    assert incoming[0].gloss == "A short gloss." and incoming[0].text == "The full note."
    blocks, problems = to_blocks(doc, incoming, {"context": "Context"}, {})
    assert problems == [] and ":gloss: A short gloss.\n" in blocks[0]


# -- the directive's checks are pure functions ---------------------------------------------------------------------
def test_note_problems_lists_every_fault_of_the_phrase_and_options():
    from annotated_reader.annotations import note_problems

    assert note_problems("the phrase", {"kind": "context", "gloss": "A gloss."}, ["key"]) == []
    assert [m for m, _ in note_problems("", {"kind": "contxt", "gloss": ""}, [])] == [
        "the phrase is empty",
        "unknown kind 'contxt'",
        "the note has no :gloss:",
        "the note cites no source",
    ]
    assert note_problems("x", {"gloss": "A gloss."}, ["k"])[0][0] == "the note has no :kind:"
    assert note_problems("x", {"kind": "fact-chek", "gloss": "G."}, ["k"])[0][1].startswith("did you mean 'fact-check'?")


def test_body_problems_finds_empty_bodies_raw_html_and_block_elements():
    from docutils import nodes

    from annotated_reader.annotations import body_problems

    assert body_problems([nodes.paragraph("", "Text.")]) == []
    assert [m for _, m, _ in body_problems([nodes.paragraph("", "")])] == ["the note is empty"]
    raw = nodes.raw("", "<b>x</b>", format="html")
    raw.line = 7
    assert body_problems([nodes.paragraph("", "Text", raw)])[0][:2] == (7, "raw HTML is not allowed in a note")
    table = nodes.section("", nodes.paragraph("", "Text."))
    assert body_problems([table])[0][1] == "a note may hold paragraphs, emphasis, links and terms, not a section"


def test_read_entry_names_the_line_of_the_first_problem():
    import pytest

    from annotated_reader.entries import read_entry
    from annotated_reader.frontmatter import FrontMatterError

    fm, data = read_entry("---\nname: X\nkind: group\nsummary: One.\nsources: [k]\n---\nBody.\n")
    assert data["name"] == "X"
    with pytest.raises(FrontMatterError) as err:
        read_entry("---\nname: X\nkind: grup\nsummary: One.\nsources: [k]\n---\n")
    assert (err.value.line, err.value.message) == (3, "unknown kind 'grup'")
    with pytest.raises(FrontMatterError) as err:
        read_entry("No front matter.\n")
    assert err.value.message == "a glossary entry needs front matter"
