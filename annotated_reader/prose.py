"""One quotation style for contributed prose: notes, glossary entries and every other page get
typographic quotes and apostrophes ("…" → “…”, it's → it’s), as the articles print them; the
articles' own text is never touched (it is reproduced as printed, straight quotes included).

Sphinx's own smartquotes are off for the whole project (``smartquotes = False``, set by the
extension) because they cannot spare the articles. This does the same work, with docutils'
``smartquotes`` module, on every document that is not an article, and on each note's body when the
note is read, since that body is also shown inside its article's page.
"""

from __future__ import annotations

from docutils import nodes
from docutils.utils import smartquotes
from sphinx.transforms import SphinxTransform

from .domain import get_domain

SKIP = (nodes.literal, nodes.literal_block, nodes.raw, nodes.math, nodes.math_block, nodes.comment)


def educate(roots: list[nodes.Node], language: str = "en") -> None:
    """Typographic quotes in the text of ``roots`` (in place), literal text left alone. Each outermost
    text element is one run, so a quotation may open and close in different inline nodes."""
    for root in roots:
        if not isinstance(root, nodes.Element):
            continue
        for element in list(root.findall(nodes.TextElement)):
            if isinstance(element, SKIP) or isinstance(element.parent, nodes.TextElement):
                continue
            texts = [t for t in element.findall(nodes.Text) if not isinstance(t.parent, SKIP)]
            tokens = [("plain", str(t)) for t in texts]
            for text, new in zip(texts, smartquotes.educate_tokens(tokens, attr="q", language=language), strict=True):
                if new != str(text):
                    text.parent.replace(text, nodes.Text(new))


def educate_text(text: str, language: str = "en") -> str:
    """The same for one string (source titles and labels, written by the extension)."""
    return "".join(smartquotes.educate_tokens([("plain", text)], attr="q", language=language))


def is_article(env, docname: str) -> bool:
    return any(a["docname"] == docname for a in get_domain(env).data["articles"].values())


class ProseQuotes(SphinxTransform):
    """After the articles have registered themselves (ArticleTransform, priority 700)."""

    default_priority = 750

    def apply(self):
        if self.config.annotated_reader_prose_quotes and not is_article(self.env, self.env.docname):
            educate([self.document], self.config.language or "en")


def setup_prose(app) -> None:
    app.add_config_value("annotated_reader_prose_quotes", True, "env", types=[bool])
    app.add_transform(ProseQuotes)
