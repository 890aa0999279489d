"""Content safety: raw HTML is rejected everywhere (notes, entries, pages); external links carry
``rel="noopener noreferrer"``."""

from __future__ import annotations

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .domain import report


class RejectRawHTML(SphinxTransform):
    default_priority = 800

    def apply(self):
        for raw in list(self.document.findall(nodes.raw)):
            report(
                (self.env.docname, raw.line or 1),
                "raw HTML is not allowed",
                "use Markdown or a directive; the reader's pages allow no inline markup from content",
            )
            raw.parent.remove(raw)


def visit_reference_html(self, node):
    """External links open without handing the new page a reference to this one."""
    type(self).visit_reference(self, node)
    if node.get("refuri", "").startswith(("http://", "https://")) and self.body[-1].startswith("<a "):
        # pages carry hundreds of source links: the rel is required, docutils' generic classes are not
        tag = self.body[-1].replace('class="reference external"', "").replace(" reference external", "")
        self.body[-1] = tag.replace("<a ", '<a rel="noopener noreferrer" ', 1).replace("  ", " ")


def depart_reference_html(self, node):
    type(self).depart_reference(self, node)


def setup_safety(app) -> None:
    app.add_transform(RejectRawHTML)
    app.add_node(nodes.reference, override=True, html=(visit_reference_html, depart_reference_html))
