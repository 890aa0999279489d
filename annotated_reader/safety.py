"""Content safety: raw HTML is rejected everywhere (notes, entries, pages); external links carry
``rel="noopener noreferrer"``; every HTML page carries a Content-Security-Policy that allows only
the site's own scripts, styles, images and fonts.

The theme's one inline script (furo sets the colour scheme before the first paint) is allowed by
its hash, taken from the installed theme's template, so an upgrade of furo cannot silently break
it. Furo's icon sprite uses style attributes; ``_templates/partials/icons.html`` is the same file
with SVG presentation attributes instead (tested against the installed copy).
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


def visit_reference_html(self, node):
    """External links open without handing the new page a reference to this one."""
    type(self).visit_reference(self, node)
    if node.get("refuri", "").startswith(("http://", "https://")) and self.body[-1].startswith("<a "):
        # pages carry hundreds of source links: the rel is required, docutils' generic classes are not
        tag = self.body[-1].replace('class="reference external"', "").replace(" reference external", "")
        self.body[-1] = tag.replace("<a ", '<a rel="noopener noreferrer" ', 1).replace("  ", " ")


def depart_reference_html(self, node):
    type(self).depart_reference(self, node)


@cache
def theme_script_hashes(theme_dir: str) -> tuple[str, ...]:
    """CSP hashes of the inline scripts in the theme's base template."""
    html = (Path(theme_dir) / "base.html").read_text(encoding="utf-8")
    bodies = re.findall(r"<script>(.*?)</script>", html, re.S)
    return tuple("'sha256-" + base64.b64encode(hashlib.sha256(b.encode()).digest()).decode() + "'" for b in bodies)


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
    import furo

    hashes = theme_script_hashes(str(Path(furo.__file__).parent / "theme" / "furo"))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(hashes)}" />\n'
    context["metatags"] = meta + context.get("metatags", "")


def setup_safety(app) -> None:
    app.add_transform(RejectRawHTML)
    app.add_node(nodes.reference, override=True, html=(visit_reference_html, depart_reference_html))
    app.connect("html-page-context", add_csp)
