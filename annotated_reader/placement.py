"""Placing notes when pages are written: the post-transforms that highlight phrases, insert notes,
fill the commentary page, and move notes where a builder needs them."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from . import sources as src
from .domain import get_domain, page_ref, xref
from .mentions import first_mentions
from .note_nodes import (
    KINDS,
    NOTES_SUFFIX,
    annotation_item,
    ar_legend,
    ar_margin_need,
    ar_mark,
    ar_note,
    ar_noteref,
    ar_search_keys,
)
from .overlay import inline_paragraphs, overlay
from .pdfcheck import ar_label


class InsertAnnotations(SphinxPostTransform):
    """Wrap annotated phrases in marks, add the notes; fill the commentary page."""

    default_priority = 5  # before references are resolved, so {term} in notes resolves

    def run(self):
        self.bodies: dict[str, dict[str, list[nodes.Node]]] = {}  # notes page -> note key -> body
        domain = get_domain(self.env)
        anchors = domain.data["anchors"]
        entries = domain.data["entries"]
        here = self.env.docname

        def make_link(target, child):
            return xref("entry", target, here, text=str(child))

        # one walk of the page finds what this transform changes (every page is walked: the PDF's is
        # the whole book)
        blocks, items, articles = [], [], []
        for n in self.document.findall(nodes.Element):
            if "ar_block" in n:
                blocks.append(n)
            if isinstance(n, annotation_item):
                items.append(n)
            elif isinstance(n, nodes.section) and "ar-article" in n["classes"]:
                articles.append(n)
        for block in blocks:
            slug = block["ar_slug"]
            placed = [a for a in anchors.get(slug, []) if a["block"] == block["ar_block"]]
            links = [lk for lk in first_mentions(domain.data["mentions"].get(slug, {}), block["ar_block"]) if lk[2] in entries]
            if isinstance(block, nodes.title):
                links = []  # headings stay unlinked
            if placed or links:
                overlay(block, placed, lambda a, slug=slug: self.note_node(domain, slug, a), links, make_link)
        for item in items:
            self.fill_item(domain, item)
        for section in articles:
            section += search_keys(domain, section.get("ar_slug"))
            if anchors.get(section.get("ar_slug")):
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
        for child in self.body_of(note["docname"], a["key"]):
            node += inline_paragraphs(child)
        node += src.cite_nodes(self.env, note["sources"])
        node["gloss"] = note["gloss"]
        node["commentary"] = note["docname"]  # the PDF's margin gives the page of the full note there
        return node

    def body_of(self, notes_doc: str, key: str) -> list[nodes.Node]:
        """A note's parsed body, from a copy of its notes page's doctree read once per page written
        (each note is placed once, so its nodes are moved, not copied): the environment keeps only
        the note's text, so that pickling it does not copy every note."""
        if notes_doc not in self.bodies:
            tree = self.env.get_doctree(notes_doc)
            self.bodies[notes_doc] = {item["key"]: item.children for item in tree.findall(annotation_item)}
        return self.bodies[notes_doc][key]

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


def search_keys(domain, slug: str) -> list[nodes.Node]:
    mentioned = {t for hits in domain.data["mentions"].get(slug, {}).values() for _s, _e, t in hits}
    entries = [domain.data["entries"][t] for t in sorted(mentioned) if t in domain.data["entries"]]
    if not entries:
        return []
    words = " ".join(" ".join([e["name"], *e["aliases"]]) for e in entries)
    return [ar_search_keys("", nodes.Text(words))]


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
