"""Sharing metadata: a description and OpenGraph tags on every page, from what the page says."""

from __future__ import annotations

from html import escape

from docutils import nodes

from .domain import get_domain


def _first_paragraph(doctree) -> str:
    for p in doctree.findall(nodes.paragraph):
        if p.get("ar_apparatus") or "ar-legend" in p.get("classes", []):
            continue
        text = " ".join(p.astext().split())
        if len(text) > 40:
            return text
    return ""


def describe(app, pagename: str, doctree) -> tuple[str, str]:
    domain = get_domain(app.env)
    for art in domain.data["articles"].values():
        if art["docname"] == pagename:
            standfirst = next((t for k, _l, t, _n in art["blocks"] if k == "standfirst"), "")
            return "article", standfirst or _first_paragraph(doctree)
    for entry in domain.data["entries"].values():
        if entry["docname"] == pagename:
            return "article", entry["summary"]
    return "website", _first_paragraph(doctree) if doctree is not None else ""


def add_meta(app, pagename, templatename, context, doctree) -> None:
    if app.builder.name.startswith("epub"):
        return
    kind, text = describe(app, pagename, doctree)
    if len(text) > 200:
        text = text[:199].rsplit(" ", 1)[0] + "…"
    title = context.get("title") or ""
    tags = [
        f'<meta name="description" content="{escape(text)}">' if text else "",
        f'<meta property="og:title" content="{escape(nodes.Text(title).astext())}">' if title else "",
        f'<meta property="og:description" content="{escape(text)}">' if text else "",
        f'<meta property="og:type" content="{kind}">',
        f'<meta property="og:site_name" content="{escape(app.config.html_title or app.config.project)}">',
    ]
    context["metatags"] = context.get("metatags", "") + "\n".join(t for t in tags if t) + "\n"


def setup_sharing(app) -> None:
    app.connect("html-page-context", add_meta)
