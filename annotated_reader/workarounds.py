"""Workarounds for upstream problems, each linked to its upstream issue. Remove when fixed there."""

from __future__ import annotations


def toctree_caption_aria_level(app, pagename, templatename, context, doctree) -> None:
    """Sphinx renders toctree captions as ``<p role="heading">`` without ``aria-level``, which
    axe-core reports (aria-required-attr). https://github.com/sphinx-doc/sphinx/issues/14030

    Fixed in every piece of HTML the page's context holds (the body, and whatever navigation the
    theme has rendered into it by now)."""
    fixed = 'role="heading" aria-level="2"'
    for key, value in list(context.items()):
        if isinstance(value, str) and 'role="heading"' in value:
            context[key] = value.replace('role="heading"', fixed).replace(fixed + ' aria-level="2"', fixed)


def setup_workarounds(app) -> None:
    app.connect("html-page-context", toctree_caption_aria_level, priority=900)
