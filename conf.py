"""Sphinx configuration of the annotated reader. Thin on purpose: the work is in annotated_reader/."""

import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).parent / "_ext"))  # the reader's own look (reader_theme)

project = "Iraq, the US and Iran, January 2020: an annotated reader"
author = "The annotated reader's contributors"
copyright = "2026, the annotated reader's contributors (notes and apparatus); the articles belong to their authors and publishers"
language = "en"
version = release = "1"  # the edition; bump it when notes are corrected

extensions = ["myst_parser", "sphinx_design", "notfound.extension", "annotated_reader", "reader_theme"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 2

root_doc = "index"
include_patterns = ["index.md", "docs/**", "glossary/**"]
exclude_patterns = ["**/raw", "_build", "_drafts", "docs/benchmark/results.md"]
annotated_reader_bibliography = "sources.bib"

html_theme = "furo"
html_title = "Iraq, the US and Iran — an annotated reader"
html_static_path = ["_static"]  # the reader's typography (reader.css, added by reader_theme) and its font
html_extra_path = ["_extra"]  # robots.txt
templates_path = ["_templates"]
html_favicon = "_templates/favicon.svg"
html_permalinks_icon = "#"
html_last_updated_fmt = None
html_copy_source = False
html_show_sourcelink = False
html_show_search_summary = False  # summaries are fetched, which file:// pages cannot do

# The 404 page is served for a missing address at any depth, so its links are absolute: they start
# with the path the site is published under ("/" at a domain's root, "/reader/" in a subfolder).
# READER_SITE_PATH sets it; on Read the Docs it comes from the canonical URL.
notfound_urls_prefix = os.environ.get("READER_SITE_PATH") or urlsplit(os.environ.get("READTHEDOCS_CANONICAL_URL", "/")).path
_home = notfound_urls_prefix
notfound_context = {
    "title": "Page not found",
    "body": f"""<h1>Page not found</h1>
<p>There is no page at this address in the annotated reader. It may have moved when the edition was
updated, or the address may be mistyped.</p>
<ul>
<li><a href="{_home}index.html">The reader's first page</a></li>
<li><a href="{_home}docs/articles/we-want-them-out.html">“We Want Them Out!”</a> (Marx21 US)</li>
<li><a href="{_home}docs/articles/iraqs-vote-to-kick-out-us-troops.html">Iraq’s Vote to Kick Out US Troops Reflects
Growing Anti-Imperialist Movement</a> (Truthout)</li>
<li><a href="{_home}glossary/index.html">The glossary</a> and <a href="{_home}search.html">search</a></li>
</ul>""",
}

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
latex_show_pagerefs = True  # cross-references give the page ("see the timeline (page 80)")
latex_toplevel_sectioning = "chapter"

epub_basename = "annotated-reader"
epub_title = "Iraq, the US and Iran, January 2020: an annotated reader"
epub_author = author
epub_publisher = author
epub_copyright = copyright
epub_show_urls = "no"
# robots.txt is for web crawlers; the website's typeface is for the website (see _ext/reader_theme.py)
epub_exclude_files = [
    "robots.txt",
    "_static/reader.css",
    "_static/fonts/OFL.txt",
    "_static/fonts/literata-latin-400-normal.woff2",
]
