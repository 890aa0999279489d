"""annotated_reader: a Sphinx extension for annotated editions of texts.

Standoff, quote-anchored notes shown in the margin; articles with numbered paragraphs; a
bibliography with backlinks; W3C Web Annotation export and import. Each concept is one module with
a ``setup_<concept>(app)``; this file only wires them together.
"""

from __future__ import annotations

from pathlib import Path

__version__ = "0.1.0"

STATIC = Path(__file__).parent / "static"


def _add_static(app, config) -> None:
    config.html_static_path.append(str(STATIC))
    # the reproduced texts are sacred: no typographic "smart" replacement of quotes or dashes
    config.smartquotes = False


def _add_assets(app) -> None:
    if app.builder.format == "html":
        app.add_css_file("annotated_reader.css")
        if not app.builder.name.startswith("epub"):
            app.add_js_file("annotated_reader.js", loading_method="defer")


def _latex_package(app) -> None:
    if app.builder.name == "latex":
        app.config.latex_additional_files = [
            *app.config.latex_additional_files,
            str(Path(__file__).parent / "latex" / "annotatedreader.sty"),
        ]
        app.add_latex_package("annotatedreader")


def setup(app):
    from .annotations import setup_annotations
    from .articles import setup_articles
    from .assets import setup_assets
    from .domain import setup_domain
    from .downloads import setup_downloads
    from .export import setup_export
    from .glossary import setup_glossary
    from .navigation import setup_navigation
    from .pdfcheck import setup_pdfcheck
    from .placemap import setup_placemap
    from .prose import setup_prose
    from .safety import setup_safety
    from .sharing import setup_sharing
    from .sources import setup_sources
    from .sources_page import setup_sources_page
    from .timeline import setup_timeline
    from .workarounds import setup_workarounds

    setup_domain(app)
    setup_articles(app)
    setup_sources(app)
    setup_sources_page(app)
    setup_glossary(app)
    setup_annotations(app)
    setup_timeline(app)
    setup_placemap(app)
    setup_export(app)
    setup_safety(app)
    setup_prose(app)
    setup_workarounds(app)
    setup_assets(app)
    setup_navigation(app)
    setup_sharing(app)
    setup_downloads(app)
    setup_pdfcheck(app)
    app.connect("config-inited", _add_static)
    app.connect("builder-inited", _add_assets)
    app.connect("builder-inited", _latex_package)
    return {"version": __version__, "env_version": 5, "parallel_read_safe": True, "parallel_write_safe": True}
