"""Content safety: raw HTML is rejected everywhere (notes, entries, pages); every HTML page carries a
referrer policy of ``no-referrer``, so no linked site learns which page a reader came from (one tag
per page rather than a ``rel`` on each of its hundreds of source links; no link opens a new window,
so ``noopener`` has nothing to do) and, when ``annotated_reader_csp`` is set, a
Content-Security-Policy that allows only the site's own scripts, styles, images and fonts.

A theme's own inline scripts (furo sets the colour scheme before the first paint; Sphinx's basic
theme shows its search box) are allowed by their hashes, taken from the templates of whichever
theme the project uses and of its own ``templates_path``, so upgrading or changing the theme cannot
silently break them. Inline styles are not allowed: a theme that writes ``style`` attributes needs
its templates overridden (as this reader does for furo's icon sprite).
"""

from __future__ import annotations

import base64
import hashlib
import re
from functools import cache
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from .domain import report


class RejectRawHTML(SphinxTransform):
    default_priority = 800

    def apply(self):
        for raw in list(self.document.findall(nodes.raw)):
            report(
                (self.env.docname, raw.line or 1),
                "raw HTML is not allowed",
                "use Markdown or a directive; the reader's pages allow no inline markup from content",
            )
            raw.parent.remove(raw)


@cache
def template_script_hashes(template_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """CSP hashes of the fixed inline scripts (``<script>`` without template code) in the templates."""
    found = set()
    for folder in template_dirs:
        for page in sorted(Path(folder).rglob("*.html")):
            for body in re.findall(r"<script>(.*?)</script>", page.read_text(encoding="utf-8"), re.S):
                if "{{" not in body and "{%" not in body:
                    found.add("'sha256-" + base64.b64encode(hashlib.sha256(body.encode()).digest()).decode() + "'")
    return tuple(sorted(found))


def content_security_policy(script_hashes: tuple[str, ...]) -> str:
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' " + " ".join(script_hashes),
            "style-src 'self'",
            "img-src 'self' data:",  # furo's stylesheet draws its icons from data: URIs
            "font-src 'self'",
            "connect-src 'self'",  # nothing of ours fetches; crawlers' tools read robots.txt from the page
            "base-uri 'none'",
            "form-action 'self'",
        ]
    )


def add_csp(app, pagename, templatename, context, doctree) -> None:
    if app.builder.embedded:  # an EPUB's reader sets its own rules; the policy is for the website
        return
    meta = '<meta name="referrer" content="no-referrer" />\n'
    if app.config.annotated_reader_csp:
        own = [str(Path(app.confdir, d)) for d in app.config.templates_path]
        hashes = template_script_hashes(tuple(own + [str(d) for d in app.builder.theme.get_theme_dirs()]))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(hashes)}" />\n' + meta
    context["metatags"] = meta + context.get("metatags", "")


def setup_safety(app) -> None:
    # off by default: a theme that builds inline scripts in its templates or writes style attributes
    # (pydata-sphinx-theme, alabaster, furo's icons) would break under the policy
    app.add_config_value("annotated_reader_csp", False, "html", types=[bool])
    app.add_transform(RejectRawHTML)
    app.connect("html-page-context", add_csp)
