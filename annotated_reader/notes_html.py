"""Notes in HTML (the website and the EPUB)."""

from __future__ import annotations

from docutils import nodes

from .note_nodes import KINDS


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
    gloss have short ids by number, the gloss is written once (the toggle refers to it), and its
    number (in the margin) or kind (heading an opened note) is drawn by the style sheet from
    ``data-n`` and the kind's class, which the toggle carries for the parts that follow it. The gloss is hidden from assistive technology, which names the
    note by the toggle's label ("Note 2, fact check")."""
    n, kind, nid = node["number"], node["kind"], node["ids"][0]
    gloss = self.encode(node.get("gloss", ""))
    if node.get("moved"):
        label = f'<span class="ar-kind">{KINDS[kind]}</span>'
        self.body.append(
            f'<aside class="ar-note ar-kind-{kind}" id="{nid}" epub:type="footnote" role="doc-footnote">'
            f'<span class="ar-note-head"><span class="ar-note-num">{n}</span> {label}</span> '
            f'<span class="ar-p ar-note-gloss">{gloss}</span>'
        )
        return
    self.body.append(
        f'<input type="checkbox" class="ar-toggle ar-kind-{kind}" id="t{n}" aria-label="Note {n}, {KINDS[kind].lower()}" aria-describedby="g{n}">'
        f'<label class="ar-num" for="t{n}" aria-hidden="true">{n}</label>'
        f'<label class="ar-gloss" for="t{n}" id="g{n}" data-n="{n}" aria-hidden="true">'
        f'<span class="ar-gloss-text">{gloss}</span></label>'
        f'<span class="ar-note" id="{nid}" role="note" aria-label="Note {n}">'
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
