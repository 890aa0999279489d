"""Standoff annotations: the ``{annotation}`` directive, anchoring, margin notes and commentary.

A notes file ``<slug>.notes.md`` sits beside its article ``<slug>.md``. Each ``{annotation}`` block
names the exact phrase it is about; the article file never changes. After all documents are read
(``env-updated``) every note is anchored against the article text; when pages are written the
phrase is highlighted and the note inserted beside it (HTML, LaTeX, EPUB, text), and the notes file
itself renders as the commentary page.
"""

from __future__ import annotations

import difflib
import re

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import sources as src
from .anchoring import AnchorError, Block, Document, shorten
from .domain import SHOW, add_node, get_domain, page_ref, report, xref
from .glossary import first_mentions
from .pdfcheck import ar_label
from .prose import educate

KINDS = {
    "context": "Context",
    "fact-check": "Fact check",
    "sic": "Sic",
    "quote": "Quotation",
    "term": "Term",
}
NOTES_SUFFIX = ".notes"
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


def slug_of_notes_doc(docname: str) -> str | None:
    base = docname.rsplit("/", 1)[-1]
    return base[: -len(NOTES_SUFFIX)] if base.endswith(NOTES_SUFFIX) else None


def make_id(text: str) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return s[:28].rstrip("-") or "note"  # ids recur ~9 times per note on a page: keep them short


# -- nodes -----------------------------------------------------------------------------------------
class ar_mark(nodes.Inline, nodes.TextElement):
    """A highlighted piece of an annotated phrase (``notes``: keys of the notes covering it)."""


class ar_note(nodes.Inline, nodes.Element):
    """A note placed at the end of its phrase: number, kind, body, sources."""


class ar_noteref(nodes.Inline, nodes.Element):
    """The note number left at the phrase when the note itself is moved (EPUB, text)."""


class ar_legend(nodes.General, nodes.Element):
    """The kinds of note used on an article page; scripts turn it into show/hide switches."""


class ar_margin_need(nodes.Inline, nodes.Element):
    """LaTeX: at the start of a paragraph, the glosses its notes will put in the margin, so the PDF
    can start the paragraph on a new page when they would not fit beside it (nothing elsewhere)."""


class annotation_item(nodes.General, nodes.Element):
    """One note on the commentary page; filled in when the page is written."""


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
        slug = slug_of_notes_doc(docname)
        if slug is None:
            report(loc, "an annotation must be in an article's notes file", "move it to <article>.notes.md beside the article")
            return []
        exact = (self.arguments[0] if self.arguments else "").strip()
        ok = True
        if not exact:
            report(loc, "the phrase is empty", "write the exact words of the article after {annotation}")
            ok = False
        kind = (self.options.get("kind") or "").strip()
        if kind not in KINDS:
            close = difflib.get_close_matches(kind, list(KINDS), n=1, cutoff=0.5)
            hint = f"did you mean '{close[0]}'? " if close else ""
            what = f"unknown kind '{kind}'" if kind else "the note has no :kind:"
            report(loc, what, hint + "kinds: " + ", ".join(KINDS))
            ok = False
        gloss = " ".join((self.options.get("gloss") or "").split())
        problem = gloss_problem(gloss)
        if problem:
            report(loc, *problem)
            ok = False
        keys = src.parse_keys(self.options.get("sources", ""))
        if not keys:
            report(loc, "the note cites no source", "add :sources: with one or more keys from the bibliography")
            ok = False
        known = src.check_keys(env, keys, loc)
        ok = ok and len(known) == len(keys)
        body = self.parse_content_to_nodes()
        if self.config.annotated_reader_prose_quotes:
            educate(body, self.config.language or "en")  # the body is shown in its article's page too
        if not "".join(n.astext() for n in body).strip():
            report(loc, "the note is empty", "write what the reader should know below the options")
            ok = False
        raws = [n for b in body for n in b.findall(nodes.raw)]
        if raws:
            report(
                (docname, raws[0].line or self.lineno),
                "raw HTML is not allowed in a note",
                "use Markdown: *emphasis*, [links](…), {term}`…`",
            )
            for raw in raws:
                raw.parent.remove(raw)
            ok = False
        for bad in (
            n
            for b in body
            for n in b.findall(nodes.Element)
            if isinstance(n, (nodes.section, nodes.table, nodes.image, nodes.figure))
        ):
            report(loc, f"a note may hold paragraphs, emphasis, links and terms, not a {bad.tagname}")
            ok = False
        domain = get_domain(env)
        explicit = (self.options.get("id") or "").strip()
        nid = make_id(explicit or exact)
        if explicit and nid != explicit:
            report(loc, f"note id '{explicit}' may use only a–z, 0–9 and '-'", f"use '{nid}'")
        taken = {n["id"]: n for n in domain.data["notes"].values() if n["docname"] == docname}
        if nid in taken:
            if explicit:
                report(
                    loc,
                    f"two notes have the id '{nid}' (the other is at line {taken[nid]['lineno']})",
                    "give each a different :id:",
                )
                ok = False
            else:
                i = 2
                while f"{nid}-{i}" in taken:
                    i += 1
                nid = f"{nid}-{i}"
        key = f"{slug}/{nid}"
        item = annotation_item(key=key, ids=[f"c-{nid}"])
        item += body
        if not ok:
            # keep the note visible on the commentary page, but do not anchor a broken note
            item["broken"] = True
            return [item]
        domain.data["notes"][key] = {
            "docname": docname,
            "lineno": self.lineno,
            "slug": slug,
            "id": nid,
            "exact": exact,
            "prefix": self.options.get("prefix"),
            "suffix": self.options.get("suffix"),
            "paragraph": self.options.get("paragraph"),
            "kind": kind,
            "gloss": gloss,
            "sources": keys,
            "order": len(taken),
            "body": [b.deepcopy() for b in body],
        }
        src.record_citation(env, docname, f"c-{nid}", f"note on “{_short(exact)}”", keys)
        return [item]


def _short(s: str, n: int = 40) -> str:
    return shorten(s, n)


# -- anchoring, after all documents are read -----------------------------------------------------------
def document_of(article: dict) -> Document:
    return Document([Block(k, label, text) for k, label, text, _line in article["blocks"]])


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
        doc = document_of(articles[slug])
        placed = []
        for note in sorted(notes, key=lambda n: n["order"]):
            try:
                m = doc.anchor(note["exact"], note["prefix"], note["suffix"], note["paragraph"])
            except AnchorError as err:
                report((note["docname"], note["lineno"]), err.message, err.suggestion)
                continue
            if m.block == "title":
                report(
                    (note["docname"], note["lineno"]),
                    f"phrase “{_short(note['exact'])}” is in the headline, and notes are not anchored on headings",
                    "anchor the note on words of the standfirst or a paragraph",
                )
                continue
            placed.append(
                {
                    "key": f"{slug}/{note['id']}",
                    "id": note["id"],
                    "block": m.block,
                    "start": m.start,
                    "end": m.end,
                    "doc_start": m.doc_start,
                    "doc_end": m.doc_end,
                    "kind": note["kind"],
                    "order": note["order"],
                }
            )
        placed.sort(key=lambda a: (a["doc_end"], a["doc_start"], a["order"]))  # numbers follow the badges in the text
        for i, a in enumerate(placed, 1):
            a["number"] = i
        anchors[slug] = placed
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


# -- writing: highlight phrases and place notes -------------------------------------------------------------
def _text_nodes(node: nodes.Element):
    for t in node.findall(nodes.Text):
        if not any(isinstance(a, (ar_note,)) for a in _ancestors(t, node)):
            yield t


def _ancestors(n, stop):
    p = n.parent
    while p is not None and p is not stop:
        yield p
        p = p.parent


class InsertAnnotations(SphinxPostTransform):
    """Wrap annotated phrases in marks, add the notes; fill the commentary page."""

    default_priority = 5  # before references are resolved, so {term} in notes resolves

    def run(self):
        domain = get_domain(self.env)
        anchors = domain.data["anchors"]
        entries = domain.data["entries"]
        here = self.env.docname

        def make_link(target, child):
            return xref("entry", target, here, text=str(child))

        for block in list(self.document.findall(lambda n: isinstance(n, nodes.Element) and "ar_block" in n)):
            slug = block["ar_slug"]
            placed = [a for a in anchors.get(slug, []) if a["block"] == block["ar_block"]]
            links = [lk for lk in first_mentions(domain.data["mentions"].get(slug, {}), block["ar_block"]) if lk[2] in entries]
            if isinstance(block, nodes.title):
                links = []  # headings stay unlinked
            if placed or links:
                overlay(block, placed, lambda a, slug=slug: self.note_node(domain, slug, a), links, make_link)
        for item in list(self.document.findall(annotation_item)):
            self.fill_item(domain, item)
        for section in list(self.document.findall(nodes.section)):
            if "ar-article" in section["classes"]:
                section += search_keys(domain, section.get("ar_slug"))
            if "ar-article" in section["classes"] and anchors.get(section.get("ar_slug")):
                used = sorted({a["kind"] for a in anchors[section["ar_slug"]]}, key=list(KINDS).index)
                notes_doc = domain.data["articles"][section["ar_slug"]]["docname"] + NOTES_SUFFIX
                legend = ar_legend(kinds=used, count=len(anchors[section["ar_slug"]]))
                if notes_doc in self.env.found_docs:
                    text = nodes.Text("every note in full, with its sources")
                    legend += nodes.inline("", "", page_ref(here, notes_doc, "", text, classes=["ar-legend-commentary"]))
                section.insert(1, legend)

    # the note as it appears beside the text
    def note_node(self, domain, slug: str, a: dict) -> ar_note:
        note = domain.data["notes"][a["key"]]
        node = ar_note(
            classes=["no-search"],
            key=a["key"],
            number=a["number"],
            kind=a["kind"],
            ids=[f"note-{a['id']}"],
            markid=f"m-{a['id']}",
        )
        for child in note["body"]:
            node += inline_paragraphs(child.deepcopy())
        node += src.cite_nodes(self.env, note["sources"])
        node["gloss"] = note["gloss"]
        node["commentary"] = note["docname"]  # the PDF's margin gives the page of the full note there
        return node

    # the note on the commentary page
    def fill_item(self, domain, item: annotation_item) -> None:
        key = item["key"]
        slug = key.split("/", 1)[0]
        placed = domain.data["anchors"].get(slug, [])
        pos = next((i for i, a in enumerate(placed) if a["key"] == key), None)
        note = domain.data["notes"].get(key)
        head = nodes.paragraph(classes=["ar-item-head"])
        if item.get("broken") or note is None or pos is None:
            head += nodes.strong("", "This note is not placed in the article (see the build log).")
            item.insert(0, head)
            item["classes"].append("ar-item-broken")
            return
        a = placed[pos]
        article = domain.data["articles"][slug]
        text = dict((k, t) for k, _l, t, _n in article["blocks"])[a["block"]][a["start"] : a["end"]]
        label = next(lb for k, lb, _t, _n in article["blocks"] if k == a["block"])
        item["classes"] += ["ar-item", f"ar-kind-{a['kind']}"]
        head += nodes.inline("", str(a["number"]), classes=["ar-item-num"])
        head += nodes.inline("", KINDS[a["kind"]], classes=["ar-kind"])
        # a phrase that holds quotation marks of its own is shown as it is, not quoted twice
        quoted = text if any(q in text for q in '“”"') else f"“{text}”"
        head += page_ref(
            self.env.docname, article["docname"], f"m-{a['id']}", nodes.inline("", quoted, classes=["ar-item-quote"])
        )
        head += nodes.Text(" ")
        head += nodes.inline("", label.replace("the ", ""), classes=["ar-item-where"])
        item.insert(0, head)
        item.insert(1, nodes.paragraph("", "", nodes.strong("", note["gloss"]), classes=["ar-item-gloss"]))
        item += nodes.paragraph("", "", src.cite_nodes(self.env, note["sources"]))
        nav = nodes.paragraph(classes=["ar-item-nav"])
        if pos > 0:
            nav += nodes.reference("", f"← note {pos}", refid=f"c-{placed[pos - 1]['id']}")
        if pos + 1 < len(placed):
            if pos > 0:
                nav += nodes.Text(" · ")
            nav += nodes.reference("", f"note {pos + 2} →", refid=f"c-{placed[pos + 1]['id']}")
        item += nav
        item["number"] = a["number"]


class ar_search_keys(nodes.General, nodes.Element):
    """Every name and alias of the entries an article mentions: fed to the search index, never shown,
    so that searching "Soleimani" finds the article that spells him "Suleimani"."""


def search_keys(domain, slug: str) -> list[nodes.Node]:
    mentioned = {t for hits in domain.data["mentions"].get(slug, {}).values() for _s, _e, t in hits}
    entries = [domain.data["entries"][t] for t in sorted(mentioned) if t in domain.data["entries"]]
    if not entries:
        return []
    words = " ".join(" ".join([e["name"], *e["aliases"]]) for e in entries)
    return [ar_search_keys("", nodes.Text(words))]


def inline_paragraphs(node: nodes.Node) -> nodes.Node:
    """Paragraphs of a note become block-styled inlines so the note can sit inside a paragraph."""
    if isinstance(node, nodes.paragraph):
        new = nodes.inline(classes=["ar-p"])
        new += node.children
        return new
    for p in list(node.findall(nodes.paragraph)):
        new = nodes.inline(classes=["ar-p"])
        new += p.children
        p.replace_self(new)
    return node


def overlay(block: nodes.Element, placed: list[dict], make_note, links=(), make_link=None) -> None:
    """Split the block's text at every boundary; wrap covered pieces in marks and links; add notes.

    ``placed``: anchored notes ({start, end, id, key, kind, number}); ``links``: (start, end, target)
    spans that become links made by ``make_link(target, child)``. Offsets count the block's text.
    """
    bounds = sorted({a["start"] for a in placed} | {a["end"] for a in placed} | {x for s, e, _ in links for x in (s, e)})
    ends: dict[int, list[dict]] = {}
    for a in sorted(placed, key=lambda a: a["number"]):
        ends.setdefault(a["end"], []).append(a)
    first_piece: set[str] = set()
    done: set[str] = set()
    pos = 0
    for t in list(_text_nodes(block)):
        text = str(t)
        t_start, t_end = pos, pos + len(text)
        pos = t_end
        edges = [t_start, *[b for b in bounds if t_start < b < t_end], t_end]
        pieces: list[nodes.Node] = []
        for s, e in zip(edges, edges[1:], strict=False):
            piece_text = text[s - t_start : e - t_start]
            if piece_text:
                node: nodes.Node = nodes.Text(piece_text)
                link = next((lk for lk in links if lk[0] <= s and e <= lk[1]), None)
                if link is not None and make_link is not None:
                    node = make_link(link[2], node)
                covering = [a for a in placed if a["start"] <= s and e <= a["end"]]
                if covering:
                    mark = ar_mark(
                        "",
                        "",
                        notes=[a["key"] for a in covering],
                        numbers=[a["number"] for a in covering],
                        classes=["ar-mark"] + [f"ar-kind-{a['kind']}" for a in covering],
                    )
                    mark += node
                    for a in covering:
                        if a["id"] not in first_piece:
                            first_piece.add(a["id"])
                            mark["ids"].append(f"m-{a['id']}")
                    node = mark
                pieces.append(node)
            for a in ends.get(e, []) if e != t_start else []:
                if a["id"] in first_piece and a["id"] not in done:
                    done.add(a["id"])
                    pieces.append(make_note(a))
        parent = t.parent
        idx = parent.index(t)
        parent.remove(t)
        for j, p in enumerate(pieces):
            parent.insert(idx + j, p)


class MarginNeeds(SphinxPostTransform):
    """LaTeX: each paragraph starts with the glosses its notes put in the margin (see ar_margin_need)."""

    default_priority = 6
    formats = ("latex",)

    def run(self):
        for block in list(self.document.findall(lambda n: isinstance(n, nodes.Element) and "ar_block" in n)):
            if isinstance(block, nodes.title):
                continue
            glosses = sorted((n["number"], n["kind"], n["gloss"]) for n in block.findall(ar_note))
            if glosses:
                block.insert(0, ar_margin_need(glosses=glosses))


class MoveNotesAfterParagraph(SphinxPostTransform):
    """EPUB and text: leave the number at the phrase, put the note after its paragraph."""

    default_priority = 6
    builders = ("epub", "text")

    def run(self):
        for block in list(self.document.findall(lambda n: isinstance(n, nodes.Element) and "ar_block" in n)):
            notes = list(block.findall(ar_note))
            if not notes:
                continue
            after = block.parent.index(block) + 1
            for i, note in enumerate(notes):
                note.replace_self(ar_noteref(number=note["number"], refid=note["ids"][0], kind=note["kind"]))
                note["moved"] = True
                block.parent.insert(after + i, note)


class MoveNotesOutOfTitles(SphinxPostTransform):
    """LaTeX: a heading cannot hold a margin note; its notes go to a paragraph right below it."""

    default_priority = 6
    builders = ("latex",)

    def run(self):
        for title in list(self.document.findall(nodes.title)):
            notes = list(title.findall(ar_note))
            for mark in list(title.findall(ar_mark)):
                parent, at = mark.parent, mark.parent.index(mark)
                parent.remove(mark)
                for i, child in enumerate([ar_label(labels=list(mark["ids"])), *mark.children]):
                    parent.insert(at + i, child)  # the label keeps cross-references to the phrase working
            if not notes:
                continue
            para = nodes.paragraph(classes=["ar-title-notes"])
            for note in notes:
                note.parent.remove(note)
                para += note
            title.parent.insert(title.parent.index(title) + 1, para)


# -- HTML ------------------------------------------------------------------------------------------------------
def visit_mark_html(self, node):
    # the numbers of the notes covering this piece: scripts light the phrase from its number or gloss
    covering = " ".join(str(n) for n in node.get("numbers", []))
    self.body.append(self.starttag(node, "mark", "", **({"data-ar-notes": covering} if covering else {})))


def depart_mark_html(self, node):
    self.body.append("</mark>")


def visit_note_html(self, node):
    """At the phrase: the number (a checkbox toggle: works without scripts), the gloss (a label of the
    same toggle: in the margin on wide screens, the head of the opened note elsewhere) and the full
    note, opened in place. Pages carry dozens of notes, so the markup is compact: the toggle and the
    gloss have short ids by number, and the gloss is written once (the toggle refers to it)."""
    n, kind, nid = node["number"], node["kind"], node["ids"][0]
    gloss = self.encode(node.get("gloss", ""))
    label = f'<span class="ar-kind">{KINDS[kind]}</span>'
    if node.get("moved"):
        self.body.append(
            f'<aside class="ar-note ar-kind-{kind}" id="{nid}" epub:type="footnote" role="doc-footnote">'
            f'<span class="ar-note-head"><span class="ar-note-num">{n}</span> {label}</span> '
            f'<span class="ar-p ar-note-gloss">{gloss}</span>'
        )
        return
    self.body.append(
        f'<input type="checkbox" class="ar-toggle" id="t{n}" aria-label="Note {n}, {KINDS[kind].lower()}" aria-describedby="g{n}">'
        f'<label class="ar-num ar-num-{len(str(n))} ar-kind-{kind}" for="t{n}" aria-hidden="true">{n}</label>'
        f'<label class="ar-gloss ar-kind-{kind}" for="t{n}" id="g{n}" aria-hidden="true">'
        f'<span class="ar-gloss-num">{n}</span> {label} <span class="ar-gloss-text">{gloss}</span></label>'
        f'<span class="ar-note ar-kind-{kind}" id="{nid}" role="note" aria-label="Note {n}">'
    )


def depart_note_html(self, node):
    self.body.append("</aside>" if node.get("moved") else "</span>")


def visit_noteref_html(self, node):
    self.body.append(
        f'<a class="ar-num ar-kind-{node["kind"]}" href="#{node["refid"]}" epub:type="noteref" role="doc-noteref">{node["number"]}</a>'
    )
    raise nodes.SkipNode


def visit_item_html(self, node):
    self.body.append(self.starttag(node, "section", "", CLASS="ar-item"))


def depart_item_html(self, node):
    self.body.append("</section>\n")


def visit_legend_html(self, node):
    items = "".join(
        f'<li class="ar-legend-item ar-kind-{k}" data-kind="{k}"><span class="ar-swatch" aria-hidden="true"></span>{KINDS[k]}</li>'
        for k in node["kinds"]
    )
    self.body.append(
        f'<div class="ar-legend" role="region" aria-label="Kinds of note"><span class="ar-legend-title">{node["count"]} notes:</span>'
        f'<ul class="ar-legend-list">{items}</ul>'
    )


def depart_legend_html(self, node):
    self.body.append("</div>")


# -- LaTeX -------------------------------------------------------------------------------------------------------
def visit_mark_latex(self, node):
    self.body.append(r"\ARmark{")


def depart_mark_latex(self, node):
    self.body.append("}")


def visit_note_latex(self, node):
    """The margin holds the gloss and the page of the full note, which the commentary chapter prints."""
    from .pdfcheck import latex_label

    label = latex_label(node["key"])
    full = f"{node['commentary']}:c-{node['key'].split('/', 1)[1]}"
    more = r"\ARfull{" + self.hyperlink(full) + self.hyperpageref(full) + "}}}"  # {\hyperref[…]{page n}}
    self.body.append(rf"\ARnote{{{label}}}{{{node['number']}}}{{{KINDS[node['kind']]}}}{{{self.encode(node['gloss'])}{more}}}")
    raise nodes.SkipNode


def visit_item_latex(self, node):
    self.body.append("\n" + r"\begin{ARitem}" + "\n")


def depart_item_latex(self, node):
    self.body.append("\n" + r"\end{ARitem}" + "\n")


def visit_margin_need_latex(self, node):
    glosses = "".join(rf"\ARneedgloss{{{n}}}{{{KINDS[k]}}}{{{self.encode(g)}}}" for n, k, g in node["glosses"])
    self.body.append(rf"\ARneed{{{glosses}}}")
    raise nodes.SkipNode


# -- text --------------------------------------------------------------------------------------------------------
def visit_note_text(self, node):
    self.new_state(4)
    self.add_text(f"[{node['number']}] {KINDS[node['kind']]}: {node.get('gloss', '')} ")


def depart_note_text(self, node):
    self.end_state()


def visit_noteref_text(self, node):
    self.add_text(f"[{node['number']}]")
    raise nodes.SkipNode


# -- man, texinfo: the note in brackets after its phrase ------------------------------------------------------------
def visit_note_plain(self, node):
    self.body.append(f" [{node['number']}. ")


def depart_note_plain(self, node):
    self.body.append("]")


def visit_item_text(self, node):
    self.new_state(0)


def depart_item_text(self, node):
    self.end_state()


def setup_annotations(app) -> None:
    add_node(app, ar_mark, SHOW, html=(visit_mark_html, depart_mark_html), latex=(visit_mark_latex, depart_mark_latex))
    add_node(
        app,
        ar_note,
        (visit_note_plain, depart_note_plain),
        html=(visit_note_html, depart_note_html),
        latex=(visit_note_latex, None),
        text=(visit_note_text, depart_note_text),
    )
    add_node(app, ar_noteref, html=(visit_noteref_html, None), text=(visit_noteref_text, None))
    add_node(app, ar_search_keys)
    add_node(app, ar_margin_need, latex=(visit_margin_need_latex, None))
    add_node(app, ar_legend, html=(visit_legend_html, depart_legend_html))
    add_node(
        app,
        annotation_item,
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
