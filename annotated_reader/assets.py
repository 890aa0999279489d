"""Page weight: each page loads only the stylesheets and scripts it uses, and no script blocks
the first paint.

Sphinx and extensions add their assets to every page. A page without code blocks does not need
Pygments' stylesheet, and a page without sphinx-design components does not need its CSS and JS;
only the search page needs Sphinx's search helpers and their options. On content pages every
script is deferred (they all wait for the document anyway), so the text paints before any of them
is fetched.

Off unless ``annotated_reader_trim_assets`` is set: a theme's own scripts may need what is trimmed
(pydata-sphinx-theme reads ``DOCUMENTATION_OPTIONS`` on every page) or the order that deferring
changes. The stylesheet and script of the extension are minified either way.
"""

from __future__ import annotations

from docutils import nodes

CODE_ONLY = ("pygments.css",)
DESIGN_ONLY = ("sphinx-design", "design-tabs.js")
#: Sphinx's helpers for search-term highlighting and keyboard shortcuts; only the search page needs them
SEARCH_ONLY = ("doctools.js", "sphinx_highlight.js", "documentation_options.js")


def _name(asset) -> str:
    return str(getattr(asset, "filename", asset))


def uses_sphinx_design(doctree) -> bool:
    """Whether a page holds any sphinx-design component (cards, grids, tabs…)."""
    return any(any(c.startswith("sd-") for c in n.get("classes", [])) for n in doctree.findall(nodes.Element))


def trim_assets(app, pagename, templatename, context, doctree) -> None:
    if not app.config.annotated_reader_trim_assets or doctree is None:  # generated pages keep everything
        return
    has_code = any(True for _ in doctree.findall(nodes.literal_block))
    has_design = uses_sphinx_design(doctree)
    drop = SEARCH_ONLY + (() if has_code else CODE_ONLY) + (() if has_design else DESIGN_ONLY)
    for key in ("css_files", "script_files"):
        if key in context:
            context[key] = [a for a in context[key] if not any(d in _name(a) for d in drop)]
    context["script_files"] = [_deferred(js) for js in context.get("script_files", [])]


def _deferred(js):
    from sphinx.builders.html._assets import _JavaScript

    if not isinstance(js, _JavaScript) or not js.filename or {"defer", "async"} & set(js.attributes):
        return js
    attributes = {k: v for k, v in js.attributes.items() if k not in ("rel", "type") or v is not None}
    return _JavaScript(js.filename, priority=js.priority, **attributes, defer="defer")


def minify_output(app, exception) -> None:
    """The output's copies of the extension's stylesheet and script, minified (rcssmin, rjsmin);
    the readable sources stay in annotated_reader/static/."""
    if exception is not None or app.builder.format != "html":
        return
    from pathlib import Path

    import rcssmin
    import rjsmin

    for name, minify in (("annotated_reader.css", rcssmin.cssmin), ("annotated_reader.js", rjsmin.jsmin)):
        path = Path(app.outdir) / "_static" / name
        if path.is_file():
            path.write_text(minify(path.read_text(encoding="utf-8")) + "\n", encoding="utf-8")


def setup_assets(app) -> None:
    app.add_config_value("annotated_reader_trim_assets", False, "html", types=[bool])
    app.connect("html-page-context", trim_assets, priority=800)
    app.connect("build-finished", minify_output)
