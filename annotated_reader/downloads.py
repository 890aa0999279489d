"""Downloads: the landing page and every article link the PDF and EPUB editions when they were built
before the HTML (``make site`` builds all three in that order); the files are copied next to the site."""

from __future__ import annotations

import shutil
from html import escape
from pathlib import Path

from .domain import get_domain


def available(app) -> list[tuple[str, Path]]:
    out = []
    for label, rel in app.config.annotated_reader_downloads:
        path = Path(app.confdir) / rel
        if path.is_file():
            out.append((label, path))
    return out


def add_links(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name not in ("html", "dirhtml") or doctree is None:
        return
    articles = {a["docname"] for a in get_domain(app.env).data["articles"].values()}
    if pagename != app.config.root_doc and pagename not in articles:
        return
    files = available(app)
    if not files:
        return
    prefix = "../" * pagename.count("/")
    links = " · ".join(
        f'<a href="{prefix}downloads/{escape(path.name)}" download>{escape(label)} ({path.stat().st_size // 1024:,} KB)</a>'
        for label, path in files
    )
    context["body"] = f'<p class="ar-downloads">Download this edition: {links}</p>\n' + context.get("body", "")


def copy_files(app, exception) -> None:
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    files = available(app)
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
    app.connect("html-page-context", add_links)
    app.connect("build-finished", copy_files)
