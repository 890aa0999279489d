"""Downloads: the PDF and EPUB editions, linked from the site when they were built before the HTML
(``make site`` builds all three in that order); the files are copied next to the site.

Every article links them at its top. The landing page links them where its ``{downloads}`` directive
stands, or at its top when it has none; the directive's content is shown instead when this build has
no downloads, so a page never promises files that are not there."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .domain import add_node, get_domain


class ar_downloads(nodes.General, nodes.Element):
    """Where the downloads are linked; its children are the text shown when there are none."""


def available(confdir, config) -> list[tuple[str, Path]]:
    out = []
    for label, rel in config.annotated_reader_downloads:
        path = Path(confdir) / rel
        if path.is_file():
            out.append((label, path))
    return out


def links_html(files, prefix: str) -> str:
    links = " · ".join(
        f'<a href="{prefix}downloads/{escape(path.name)}" download>{escape(label)} ({path.stat().st_size // 1024:,} KB)</a>'
        for label, path in files
    )
    return f'<p class="ar-downloads">Download this edition: {links}</p>\n'


class DownloadsDirective(SphinxDirective):
    has_content = True

    def run(self):
        node = ar_downloads()
        self.set_source_info(node)
        self.state.nested_parse(self.content, self.content_offset, node)
        return [node]


def visit_downloads_html(self, node) -> None:
    if self.builder.name not in ("html", "dirhtml"):  # an EPUB does not link downloads, nor miss them
        raise nodes.SkipNode
    files = available(self.builder.confdir, self.builder.config)
    if files:
        self.body.append(links_html(files, "../" * self.builder.current_docname.count("/")))
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "div", CLASS="ar-downloads-missing"))


def depart_downloads_html(self, node) -> None:
    self.body.append("</div>\n")


def add_links(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in ("html", "dirhtml") or doctree is None:
        return
    articles = {a["docname"] for a in get_domain(app.env).data["articles"].values()}
    if pagename not in articles and (pagename != app.config.root_doc or next(doctree.findall(ar_downloads), None)):
        return
    files = available(app.confdir, app.config)
    if files:
        context["body"] = links_html(files, "../" * pagename.count("/")) + context.get("body", "")


def copy_files(app, exception) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    files = available(app.confdir, app.config)
    if files:
        target = Path(app.outdir) / "downloads"
        target.mkdir(exist_ok=True)
        for _label, path in files:
            shutil.copy2(path, target / path.name)


def setup_downloads(app) -> None:
    app.add_config_value(
        "annotated_reader_downloads",
        [("PDF", "_build/latex/annotated-reader.pdf"), ("EPUB", "_build/epub/annotated-reader.epub")],
        "html",
        types=[list],
    )
    add_node(
        app,
        ar_downloads,
        html=(visit_downloads_html, depart_downloads_html),
    )
    app.add_directive("downloads", DownloadsDirective)
    app.connect("html-page-context", add_links)
    app.connect("build-finished", copy_files)
