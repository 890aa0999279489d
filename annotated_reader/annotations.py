"""Standoff annotations: the ``{annotation}`` directive, and the wiring of the modules that place notes.

A notes file ``<slug>.notes.md`` sits beside its article ``<slug>.md``. Each ``{annotation}`` block
names the exact phrase it is about; the article file never changes. After all documents are read
every note is anchored against the article text (``anchors``); when pages are written the phrase is
highlighted and the note inserted beside it (``placement``, ``overlay``), and each builder writes the
notes its own way (``notes_html``, ``notes_latex``, ``notes_text``). The notes file itself renders
as the commentary page."""

from __future__ import annotations

import difflib
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from . import note_nodes as nn
from . import sources as src
from .anchoring import shorten
from .anchors import anchor_all, on_get_outdated, register_notes_page
from .domain import SHOW, add_node, get_domain, report
from .notes_html import (
    depart_item_html,
    depart_legend_html,
    depart_mark_html,
    depart_note_html,
    visit_item_html,
    visit_legend_html,
    visit_mark_html,
    visit_note_html,
    visit_noteref_html,
)
from .notes_latex import (
    depart_item_latex,
    depart_mark_latex,
    visit_item_latex,
    visit_margin_need_latex,
    visit_mark_latex,
    visit_note_latex,
)
from .notes_text import (
    depart_item_text,
    depart_note_plain,
    depart_note_text,
    visit_item_text,
    visit_note_plain,
    visit_note_text,
    visit_noteref_text,
)
from .placement import InsertAnnotations, MarginNeeds, MoveNotesAfterParagraph, MoveNotesOutOfTitles
from .prose import educate
from .records import Note

GLOSS_WORDS = 30  # a gloss is what the margin holds beside the line: a sentence, a line or two
_MARKUP = re.compile(r"[{}`*<>]|\]\(|^#|\[\[")


def gloss_problem(gloss: str) -> tuple[str, str] | None:
    """What is wrong with a note's gloss, as (message, suggestion), or None. Pure: no Sphinx."""
    words = gloss.split()
    if not words:
        return (
            "the note has no :gloss:",
            f"add :gloss: with the one thing the reader needs beside the line, at most {GLOSS_WORDS} words; "
            "the note's body keeps the rest",
        )
    if len(words) > GLOSS_WORDS:
        return (
            f"the gloss has {len(words)} words, more than {GLOSS_WORDS}",
            "shorten it to a sentence the margin can hold beside its line; the note's body keeps the rest",
        )
    found = _MARKUP.search(gloss)
    if found:
        return (
            f"the gloss is plain text, but it has “{found.group(0)}” in it",
            "write it without markup; links and {term} roles belong in the note's body",
        )
    return None


def make_id(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:28].rstrip("-") or "note"  # ids recur ~9 times per note on a page: keep them short


# -- the directive -----------------------------------------------------------------------------------
class AnnotationDirective(SphinxDirective):
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec = {
        "kind": directives.unchanged,
        "sources": directives.unchanged,
        "prefix": directives.unchanged,
        "suffix": directives.unchanged,
        "paragraph": directives.unchanged,
        "id": directives.unchanged,
        "gloss": directives.unchanged,
    }

    def run(self):
        env, docname = self.env, self.env.docname
        loc = (docname, self.lineno)
        slug = nn.slug_of_notes_doc(docname)
        if slug is None:
            report(loc, "an annotation must be in an article's notes file", "move it to <article>.notes.md beside the article")
            return []
        exact = (self.arguments[0] if self.arguments else "").strip()
        gloss = " ".join((self.options.get("gloss") or "").split())
        keys = src.parse_keys(self.options.get("sources", ""))
        problems = note_problems(exact, self.options, keys)
        for message, suggestion in problems:
            report(loc, message, suggestion)
        known = src.check_keys(env, keys, loc)  # reports each unknown key with the closest known one
        body = self.parse_content_to_nodes()
        if self.config.annotated_reader_prose_quotes:
            educate(body, self.config.language or "en")  # the body is shown in its article's page too
        body_faults = body_problems(body)
        for line, message, suggestion in body_faults:
            report((docname, line or self.lineno), message, suggestion)
        for raw in [n for b in body for n in b.findall(nodes.raw)]:
            raw.parent.remove(raw)
        nid, clash = self.note_id(exact, slug)
        key = f"{slug}/{nid}"
        item = nn.annotation_item(key=key, ids=[f"c-{nid}"])
        item += body
        if problems or body_faults or clash or len(known) != len(keys):
            # keep the note visible on the commentary page, but do not anchor a broken note
            item["broken"] = True
            return [item]
        get_domain(env).add_record(
            "notes",
            key,
            Note(
                docname=docname,
                lineno=self.lineno,
                slug=slug,
                id=nid,
                exact=exact,
                prefix=self.options.get("prefix"),
                suffix=self.options.get("suffix"),
                paragraph=self.options.get("paragraph"),
                kind=self.options["kind"].strip(),
                gloss=gloss,
                sources=keys,
                order=env.new_serialno("ar-note"),
                text=" ".join(" ".join(b.astext().split()) for b in body),
            ),
        )
        src.record_citation(env, docname, f"c-{nid}", f"note on “{shorten(exact, 40)}”", keys)
        return [item]

    def note_id(self, exact: str, slug: str) -> tuple[str, bool]:
        """The note's id (its ``:id:``, or made from its phrase and numbered when the phrase recurs),
        and whether it clashes with another note's explicit id. Looked up by key: no scan of all notes."""
        notes, docname = get_domain(self.env).data["notes"], self.env.docname
        explicit = (self.options.get("id") or "").strip()
        nid = make_id(explicit or exact)
        if explicit and nid != explicit:
            report((docname, self.lineno), f"note id '{explicit}' may use only a–z, 0–9 and '-'", f"use '{nid}'")

        def taken(i: str) -> dict | None:
            other = notes.get(f"{slug}/{i}")
            return other if other is not None and other["docname"] == docname else None

        other = taken(nid)
        if other is None:
            return nid, False
        if explicit:
            report(
                (docname, self.lineno),
                f"two notes have the id '{nid}' (the other is at line {other['lineno']})",
                "give each a different :id:",
            )
            return nid, True
        i = 2
        while taken(f"{nid}-{i}"):
            i += 1
        return f"{nid}-{i}", False


def note_problems(exact: str, options: dict, keys: list[str]) -> list[tuple[str, str]]:
    """What is wrong with a note's phrase and options, as (message, suggestion). Pure: no Sphinx."""
    problems = []
    if not exact:
        problems.append(("the phrase is empty", "write the exact words of the article after {annotation}"))
    kind = (options.get("kind") or "").strip()
    if kind not in nn.KINDS:
        close = difflib.get_close_matches(kind, list(nn.KINDS), n=1, cutoff=0.5)
        hint = f"did you mean '{close[0]}'? " if close else ""
        problems.append((f"unknown kind '{kind}'" if kind else "the note has no :kind:", hint + "kinds: " + ", ".join(nn.KINDS)))
    problem = gloss_problem(" ".join((options.get("gloss") or "").split()))
    if problem:
        problems.append(problem)
    if not keys:
        problems.append(("the note cites no source", "add :sources: with one or more keys from the bibliography"))
    return problems


def body_problems(body: list[nodes.Node]) -> list[tuple[int | None, str, str]]:
    """What a note's parsed body may not hold, as (line or None, message, suggestion). Pure."""
    problems: list[tuple[int | None, str, str]] = []
    if not "".join(n.astext() for n in body).strip():
        problems.append((None, "the note is empty", "write what the reader should know below the options"))
    raws = [n for b in body for n in b.findall(nodes.raw)]
    if raws:
        problems.append((raws[0].line, "raw HTML is not allowed in a note", "use Markdown: *emphasis*, [links](…), {term}`…`"))
    for n in (n for b in body for n in b.findall(nodes.Element)):
        if isinstance(n, (nodes.section, nodes.table, nodes.image, nodes.figure)):
            problems.append((None, f"a note may hold paragraphs, emphasis, links and terms, not a {n.tagname}", ""))
    return problems


def setup_annotations(app) -> None:
    add_node(app, nn.ar_mark, SHOW, html=(visit_mark_html, depart_mark_html), latex=(visit_mark_latex, depart_mark_latex))
    add_node(
        app,
        nn.ar_note,
        (visit_note_plain, depart_note_plain),
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, None),
        text=(visit_note_text, depart_note_text),
    )
    add_node(app, nn.ar_noteref, html=(visit_noteref_html, None), text=(visit_noteref_text, None))
    add_node(app, nn.ar_search_keys)
    add_node(app, nn.ar_margin_need, latex=(visit_margin_need_latex, None))
    add_node(app, nn.ar_legend, html=(visit_legend_html, depart_legend_html))
    add_node(
        app,
        nn.annotation_item,
        SHOW,
        html=(visit_item_html, depart_item_html),
        latex=(visit_item_latex, depart_item_latex),
        text=(visit_item_text, depart_item_text),
    )
    app.add_directive("annotation", AnnotationDirective)
    app.add_post_transform(InsertAnnotations)
    app.add_post_transform(MarginNeeds)
    app.add_post_transform(MoveNotesAfterParagraph)
    app.add_post_transform(MoveNotesOutOfTitles)
    app.connect("source-read", register_notes_page)
    app.connect("env-updated", anchor_all)
    app.connect("env-get-outdated", on_get_outdated)
