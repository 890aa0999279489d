"""Content safety: raw HTML is rejected everywhere (notes, entries, pages)."""

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


def setup_safety(app) -> None:
    app.add_transform(RejectRawHTML)
