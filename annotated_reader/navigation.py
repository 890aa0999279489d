"""A site navigation whose size on each page does not grow with the site (opt-in).

Sphinx's ``toctree()``, which themes call for their sidebar (furo, alabaster, the basic theme),
resolves and renders the whole site's table of contents on every page: its cost per page grows
with the site, and a site of a thousand pages spends most of its writing time there. With
``annotated_reader_navigation_window = N`` the extension answers that call instead, from an outline
read once per build: the sections of the root document's toctrees, the branch that holds the
current page, and in each list of more than N pages the N around the current one with a link to
the page that lists them all. Every page stays two clicks away (its section's page, then the
page), and the markup is Sphinx's own (``toctree-l1``, ``current``), so a theme styles it as
before.
"""

from __future__ import annotations

import weakref
from html import escape
from typing import NamedTuple

from sphinx import addnodes
from sphinx.util.nodes import clean_astext


class Outline(NamedTuple):
    root: str
    groups: list[tuple[str | None, list[tuple[str | None, str]]]]  # caption, (title, doc or URL)
    children: dict[str, list[str]]  # a document -> the documents its toctrees include, in order
    parent: dict[str, str]  # a document -> the document whose toctree includes it first
    titles: dict[str, str]


# by environment: read once per build, after reading and before writing (so that the processes of a
# parallel write inherit it)
_OUTLINES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def read_outline(env) -> Outline:
    root = env.config.root_doc
    groups = []
    if root in env.found_docs:
        for toctree in env.get_doctree(root).findall(addnodes.toctree):
            groups.append((toctree.get("caption"), [(t, ref) for t, ref in toctree["entries"] if ref != "self"]))
    children = {doc: [d for d in docs if d in env.found_docs] for doc, docs in env.toctree_includes.items()}
    parent: dict[str, str] = {}
    queue = [root]
    while queue:  # breadth first: a page listed in two places belongs to the shallower one
        doc = queue.pop(0)
        for child in children.get(doc, []):
            if child not in parent and child != root:
                parent[child] = doc
                queue.append(child)
    titles = {doc: clean_astext(title) for doc, title in env.titles.items()}
    return Outline(root, groups, children, parent, titles)


def window(items: list, index: int, size: int) -> tuple[int, int]:
    """The slice of at most ``size`` items around ``index`` (from the start when ``index`` is -1)."""
    if len(items) <= size:
        return 0, len(items)
    start = max(0, min(index - size // 2, len(items) - size))
    return start, start + size


def render(outline: Outline, pagename: str, size: int, uri) -> str:
    """The navigation of ``pagename`` as Sphinx's toctree markup; ``uri(doc)`` is a relative link."""
    chain = [pagename]
    while chain[-1] in outline.parent:
        chain.append(outline.parent[chain[-1]])
    chain.reverse()  # from a page of the root's toctrees down to this page
    on_chain = set(chain)

    def item(level: int, title: str | None, ref: str, depth: int) -> str:
        if "://" in ref:
            return (
                f'<li class="toctree-l{level}"><a class="reference external" href="{escape(ref)}">{escape(title or ref)}</a></li>'
            )
        current = " current" if ref in on_chain else ""
        href = "#" if ref == pagename else escape(uri(ref))
        text = escape(title or outline.titles.get(ref, ref))
        sub = branch(ref, level + 1, depth + 1) if ref in on_chain else ""
        return f'<li class="toctree-l{level}{current}"><a class="reference internal{current}" href="{href}">{text}</a>{sub}</li>'

    def listing(level: int, entries: list[tuple[str | None, str]], depth: int, lister: str) -> str:
        here = next((i for i, (_t, ref) in enumerate(entries) if ref in on_chain), -1)
        start, end = window(entries, here, size)
        parts = [item(level, t, ref, depth) for t, ref in entries[start:end]]
        if end - start < len(entries):
            href = "#" if lister == pagename else escape(uri(lister))
            parts.append(
                f'<li class="toctree-l{level} ar-nav-all"><a class="reference internal" href="{href}">All {len(entries)} pages</a></li>'
            )
        return "".join(parts)

    def branch(doc: str, level: int, depth: int) -> str:
        kids = outline.children.get(doc, [])
        if not kids:
            return ""
        current = ' class="current"' if any(k in on_chain for k in kids) else ""
        return f"<ul{current}>{listing(level, [(None, k) for k in kids], depth, doc)}</ul>"

    html = []
    for caption, entries in outline.groups:
        if caption:
            html.append(f'<p class="caption" role="heading"><span class="caption-text">{escape(caption)}</span></p>')
        current = ' class="current"' if any(ref in on_chain for _t, ref in entries) else ""
        html.append(f"<ul{current}>{listing(1, entries, 1, outline.root)}</ul>")
    return "\n".join(html)


def remember_outline(app, env) -> None:
    if app.config.annotated_reader_navigation_window:
        _OUTLINES[env] = read_outline(env)


def bounded_toctree(app, pagename, templatename, context, doctree) -> None:
    """Answer the page's ``toctree()`` with the bounded navigation (before the theme asks for it)."""
    size = app.config.annotated_reader_navigation_window
    if not size or "toctree" not in context:
        return
    outline = _OUTLINES.get(app.env)
    if outline is None:
        outline = _OUTLINES[app.env] = read_outline(app.env)
    html = render(outline, pagename, size, lambda doc: app.builder.get_relative_uri(pagename, doc))
    context["toctree"] = lambda **_options: html


def setup_navigation(app) -> None:
    app.add_config_value("annotated_reader_navigation_window", 0, "html", types=[int])
    app.connect("env-updated", remember_outline)
    # before the themes that read ``toctree()`` while the page's context is made (furo: priority 500)
    app.connect("html-page-context", bounded_toctree, priority=400)
