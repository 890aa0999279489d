"""Content safety: raw HTML is rejected everywhere (notes, entries, pages); every HTML page carries a
Content-Security-Policy that allows only the site's own scripts, styles, images and fonts, and a
referrer policy of ``no-referrer``, so no linked site learns which page a reader came from (one tag
per page rather than a ``rel`` on each of its hundreds of source links; no link opens a new window,
so ``noopener`` has nothing to do).

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
    meta = (
        f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(hashes)}" />\n'
        '<meta name="referrer" content="no-referrer" />\n'
    )
    context["metatags"] = meta + context.get("metatags", "")


def setup_safety(app) -> None:
    app.add_transform(RejectRawHTML)
    app.connect("html-page-context", add_csp)
