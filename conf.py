"""Sphinx configuration of the annotated reader. Thin on purpose: the work is in annotated_reader/."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

project = "Iraq, the US and Iran, January 2020: an annotated reader"
author = "The annotated reader's contributors"
copyright = "2026, the annotated reader's contributors (notes and apparatus); the articles belong to their authors and publishers"
language = "en"
version = release = "1"  # the edition; bump it when notes are corrected

extensions = ["myst_parser", "sphinx_design", "annotated_reader"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2

root_doc = "index"
include_patterns = ["index.md", "docs/**", "glossary/**"]
exclude_patterns = ["**/raw", "_build", "_drafts"]
annotated_reader_bibliography = "sources.bib"

html_theme = "furo"
html_title = "Iraq, the US and Iran — an annotated reader"
html_static_path = []
templates_path = ["_templates"]
html_favicon = "_templates/favicon.svg"
html_permalinks_icon = "#"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_show_search_summary = False  # summaries are fetched, which file:// pages cannot do

latex_engine = "lualatex"
latex_documents = [(root_doc, "annotated-reader.tex", "Iraq, the US and Iran, January 2020", "An annotated reader", "manual")]
latex_use_xindy = False
latex_elements = {
    "papersize": "a4paper",
    "extraclassoptions": "oneside",  # notes always in the right-hand margin, numbers in the left
    "pointsize": "10pt",
    # a wide outer margin for the notes; Arabic and Persian names shaped by LuaLaTeX + babel + Amiri
    "geometry": r"\usepackage[a4paper,top=22mm,bottom=24mm,inner=22mm,outer=62mm,marginparwidth=44mm,marginparsep=5mm]{geometry}",
    "babel": r"\usepackage[english,bidi=basic]{babel}",
    "fontpkg": r"""
\setmainfont{TeX Gyre Termes}
\setsansfont{TeX Gyre Heros}
\setmonofont{FreeMono}
\babelprovide[import, onchar=ids fonts]{arabic}
\babelfont[arabic]{rm}[Renderer=HarfBuzz]{Amiri}
\babelfont[arabic]{sf}[Renderer=HarfBuzz]{Amiri}
""",
    "fncychap": "",
    "printindex": "",
}
latex_show_urls = "no"
latex_toplevel_sectioning = "chapter"

epub_basename = "annotated-reader"
epub_title = "Iraq, the US and Iran, January 2020: an annotated reader"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
