"""Every checkable statement of the two articles has a note on its own words (tests/claims.yaml)."""

from __future__ import annotations

import re

import pytest
import yaml
from conftest import ROOT

from annotated_reader.anchoring import Document
from annotated_reader.textimport import read_article

CLAIMS = yaml.safe_load((ROOT / "tests/claims.yaml").read_text(encoding="utf-8"))
SLUGS = ["we-want-them-out", "iraqs-vote-to-kick-out-us-troops"]
COVERING = {"context", "fact-check", "quote"}
NOTE = re.compile(r"^:::\{annotation\} ?(?P<exact>[^\n]*)\n(?P<opts>(?::[a-z]+:[^\n]*\n)*)", re.M)


def article(slug: str) -> Document:
    _, blocks = read_article((ROOT / f"docs/articles/{slug}.md").read_text(encoding="utf-8"))
    return Document(blocks)


def anchored_notes(slug: str, doc: Document) -> dict[str, list]:
    """Each note's exact phrase -> the spans its notes cover, kept for the kinds that check a claim."""
    text = (ROOT / f"docs/articles/{slug}.notes.md").read_text(encoding="utf-8")
    out: dict[str, list] = {}
    for m in NOTE.finditer(text):
        opts = dict(re.findall(r"^:([a-z]+):[ \t]*(.*)$", m.group("opts"), re.M))
        if opts.get("kind") in COVERING:
            span = doc.anchor(m.group("exact").strip(), opts.get("prefix"), opts.get("suffix"), opts.get("paragraph"))
            out.setdefault(m.group("exact").strip(), []).append(span)
    return out


def covered(claim, spans) -> bool:
    """Whether a note's span overlaps the claim's words in the same block."""
    return any(s.block == claim.block and s.start < claim.end and claim.start < s.end for s in spans)


@pytest.mark.parametrize("slug", SLUGS)
def test_every_checkable_claim_has_a_note_on_its_words(slug):
    doc = article(slug)
    notes = anchored_notes(slug, doc)
    uncovered = []
    for item in CLAIMS[slug]["checkable"]:
        claim = doc.anchor(item["claim"])  # fails when the phrase is not in the text, or is there twice
        if not covered(claim, notes.get(item["note"], [])):
            uncovered.append((item["claim"], item["note"]))
    assert uncovered == []


@pytest.mark.parametrize("slug", SLUGS)
def test_a_pending_claim_is_one_still_without_a_note(slug):
    """Checkable claims that wait for a note are listed as pending; one that gains a note moves to checkable."""
    doc = article(slug)
    spans = [s for found in anchored_notes(slug, doc).values() for s in found]
    noted = [item["claim"] for item in CLAIMS[slug].get("pending", []) if covered(doc.anchor(item["claim"]), spans)]
    assert noted == []


@pytest.mark.parametrize("slug", SLUGS)
def test_the_claims_list_reads_every_paragraph(slug):
    """A claim or an opinion is listed from every paragraph of the text (the list was made sentence by
    sentence), and no phrase is listed twice."""
    doc = article(slug)
    listed = [i["claim"] for i in CLAIMS[slug]["checkable"] + CLAIMS[slug]["opinion"] + CLAIMS[slug].get("pending", [])]
    assert len(listed) == len(set(listed))
    blocks = {doc.anchor(c).block for c in listed}
    assert {b.key for b in doc.blocks if b.key != "title"} - blocks == set()
