"""Workarounds for upstream problems, each linked to its upstream issue. Remove when fixed there."""

from __future__ import annotations


def toctree_caption_aria_level(app, pagename, templatename, context, doctree) -> None:
    """Sphinx renders toctree captions as ``<p role="heading">`` without ``aria-level``, which
    axe-core reports (aria-required-attr). https://github.com/sphinx-doc/sphinx/issues/14030"""
    fixed = 'role="heading" aria-level="2"'
    for key in ("furo_navigation_tree", "toctree", "body"):
        value = context.get(key)
        if isinstance(value, str) and 'role="heading"' in value:
            context[key] = value.replace('role="heading"', fixed).replace(fixed + ' aria-level="2"', fixed)


LANDMARK_LABELS = {
    '<aside class="sidebar-drawer">': '<aside class="sidebar-drawer" aria-label="Site navigation">',
    '<aside class="toc-drawer">': '<aside class="toc-drawer" aria-label="On this page">',
    '<aside class="toc-drawer no-toc">': '<aside class="toc-drawer no-toc" aria-label="On this page">',
}


def label_furo_landmarks(app, exception) -> None:
    """furo's two ``<aside>`` landmarks have no accessible names, so axe-core reports
    landmark-unique on pages that show both (no upstream issue found; the template writes the tags).
    Label them in the written pages."""
    if exception is not None or app.builder.name not in ("html", "dirhtml"):
        return
    from pathlib import Path

    for page in Path(app.outdir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        fixed = html
        for old, new in LANDMARK_LABELS.items():
            fixed = fixed.replace(old, new)
        if fixed != html:
            page.write_text(fixed, encoding="utf-8")


def setup_workarounds(app) -> None:
    app.connect("html-page-context", toctree_caption_aria_level, priority=900)
    app.connect("build-finished", label_furo_landmarks)
