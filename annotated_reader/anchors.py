"""Anchoring, after all documents are read: every note's phrase is found in its article's text
(``env-updated``), numbered in text order, and an article and its notes file are read together."""

from __future__ import annotations

import difflib
from functools import partial

from .anchoring import AnchorError, Block, Document, shorten
from .domain import digest, get_domain, report
from .note_nodes import NOTES_SUFFIX, slug_of_notes_doc
from .records import Anchor


# -- anchoring, after all documents are read -----------------------------------------------------------
def document_of(article: dict) -> Document:
    return Document([Block(k, label, text) for k, label, text, _line in article["blocks"]])


def place_notes(slug: str, article: dict, notes: list[dict]) -> tuple[list[dict], list[tuple]]:
    """Anchor an article's notes (in their file's order) and number them in text order; the
    problems come back as ``(location, message, suggestion)``."""
    doc = document_of(article)
    placed, problems = [], []
    for note in notes:
        try:
            m = doc.anchor(note["exact"], note["prefix"], note["suffix"], note["paragraph"])
        except AnchorError as err:
            problems.append(((note["docname"], note["lineno"]), err.message, err.suggestion))
            continue
        if m.block == "title":
            problems.append(
                (
                    (note["docname"], note["lineno"]),
                    f"phrase “{shorten(note['exact'], 40)}” is in the headline, and notes are not anchored on headings",
                    "anchor the note on words of the standfirst or a paragraph",
                )
            )
            continue
        placed.append(
            Anchor(
                key=f"{slug}/{note['id']}",
                id=note["id"],
                block=m.block,
                start=m.start,
                end=m.end,
                doc_start=m.doc_start,
                doc_end=m.doc_end,
                kind=note["kind"],
                order=note["order"],
                number=0,  # set below, in text order
            )
        )
    placed.sort(key=lambda a: (a["doc_end"], a["doc_start"], a["order"]))  # numbers follow the badges in the text
    for i, a in enumerate(placed, 1):
        a["number"] = i
    return placed, problems


def anchor_all(app, env) -> None:
    domain = get_domain(env)
    articles = domain.data["articles"]
    anchors: dict[str, list[dict]] = {}
    for docname in domain.aggregate_docs("commentary"):
        slug = slug_of_notes_doc(docname)
        if slug not in articles and docname[: -len(NOTES_SUFFIX)] not in env.found_docs:
            close = difflib.get_close_matches(slug or "", list(articles), n=1)
            report(
                (docname, 1),
                f"notes file for an article that does not exist: '{slug}'",
                f"did you mean '{close[0]}{NOTES_SUFFIX}.md'?" if close else "name it <article-file-name>.notes.md",
            )
    by_slug: dict[str, list[dict]] = {}
    for note in domain.data["notes"].values():
        by_slug.setdefault(note["slug"], []).append(note)
    for slug, notes in by_slug.items():
        if slug not in articles:
            continue
        notes.sort(key=lambda n: n["order"])
        # what anchoring reads: the article's text and each note's phrase and place (not its body)
        inputs = digest(articles[slug]["blocks"], [{k: v for k, v in n.items() if k != "text"} for n in notes])
        anchors[slug] = domain.cached(f"anchors|{slug}", inputs, partial(place_notes, slug, articles[slug], notes))
    domain.prune_cache("anchors|", {f"anchors|{s}" for s in anchors})
    domain.data["anchors"] = anchors


def on_get_outdated(app, env, added, changed, removed):
    """An article and its notes file are read together: a change to one re-reads the other."""
    touched = set(added) | set(changed) | set(removed)
    partners = set()
    for doc in touched:
        slug = slug_of_notes_doc(doc)
        partners.add(doc[: -len(NOTES_SUFFIX)] if slug is not None else doc + NOTES_SUFFIX)
    return sorted(d for d in partners - touched if d in env.found_docs)


def register_notes_page(app, docname, source):
    if slug_of_notes_doc(docname) is not None:
        get_domain(app.env).note_aggregate(docname, "commentary")
