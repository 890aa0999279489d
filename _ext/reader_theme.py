"""The reader's own look on the website, kept out of the reusable annotated_reader extension:

- ``reader.css``: the articles set in Literata (self-hosted), on the website only; the EPUB leaves
  the typeface to the reading system (which would not load a web font's file anyway);
- ``_templates/furo-page.html``: furo's page template with names for its two landmarks;
- article pages without furo's "on this page" area, which their margin notes use instead;
- furo's styles for other extensions only on pages with sphinx-design components.

Theme-specific, so it lives with the reader, not in the annotated_reader extension.
"""

from __future__ import annotations

from annotated_reader.assets import uses_sphinx_design
from annotated_reader.domain import get_domain


def on_page_context(app, pagename, templatename, context, doctree):
    if doctree is not None and "css_files" in context and not uses_sphinx_design(doctree):
        # furo's styles for other extensions serve only sphinx-design here (the landing page's cards)
        context["css_files"] = [c for c in context["css_files"] if "furo-extensions" not in str(getattr(c, "filename", c))]
    articles = get_domain(app.env).data["articles"].values()
    if any(art["docname"] == pagename for art in articles):
        context["furo_hide_toc"] = True  # an article has no local contents: furo's right-hand area holds its notes
    if templatename == "page.html" and app.config.html_theme == "furo" and not app.builder.embedded:
        # furo's page with its two <aside> landmarks named (axe-core: landmark-unique); the EPUB's
        # theme has its own page template
        return "furo-page.html"
    return None


def add_typography(app) -> None:
    if app.builder.name == "html":
        app.add_css_file("reader.css")


def setup(app):
    app.connect("builder-inited", add_typography)
    # after furo has put its tree into the context (it connects at the default priority)
    app.connect("html-page-context", on_page_context, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
