"""The nodes of standoff annotations, and the names every module of notes shares (kinds, the
notes file's suffix)."""

from __future__ import annotations

from docutils import nodes

KINDS = {
    "context": "Context",
    "fact-check": "Fact check",
    "sic": "Sic",
    "quote": "Quotation",
    "term": "Term",
}
NOTES_SUFFIX = ".notes"


def slug_of_notes_doc(docname: str) -> str | None:
    base = docname.rsplit("/", 1)[-1]
    return base[: -len(NOTES_SUFFIX)] if base.endswith(NOTES_SUFFIX) else None


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


class ar_search_keys(nodes.General, nodes.Element):
    """Every name and alias of the entries an article mentions: fed to the search index, never shown,
    so that searching "Soleimani" finds the article that spells him "Suleimani"."""
