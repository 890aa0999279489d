"""Sphinx configuration of the annotated reader. Thin on purpose: the work is in annotated_reader/."""

import os
import subprocess
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
primary_domain = "ar"  # {term}, {entry}, {event}, {para} and {cite} without the "ar:" prefix
myst_heading_anchors = 2

root_doc = "index"
include_patterns = ["index.md", "docs/**", "glossary/**"]
exclude_patterns = ["**/raw", "_build", "_drafts", "docs/benchmark/results.md"]
annotated_reader_bibliography = "sources.bib"
annotated_reader_require_checked = True  # every source says how its page was checked
annotated_reader_trim_assets = True  # each page loads only what it uses (tested with furo)
annotated_reader_csp = True  # only the site's own files; furo's icon sprite is overridden to allow it
annotated_reader_navigation_window = 12  # the sidebar: sections, and twelve pages around this one

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


def _source_revision() -> str:
    """The commit the edition is built from, for the PDF's colophon (READER_REVISION overrides it)."""
    if os.environ.get("READER_REVISION"):
        return os.environ["READER_REVISION"]
    here = Path(__file__).parent
    try:
        run = lambda *args: subprocess.run(["git", *args], cwd=here, capture_output=True, text=True, check=True).stdout.strip()  # noqa: E731
        revision = run("rev-parse", "--short=12", "HEAD")
        return revision + (" with uncommitted changes" if run("status", "--porcelain", "--untracked-files=no") else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (built outside a git checkout)"


# The PDF's front matter: a title page naming the two articles, a colophon on its back with the source
# revision, running heads with the chapter's name, and no build date or "Release" line anywhere.
_titlepage = r"""
\makeatletter\hypersetup{pdfauthor={\@author}, pdftitle={\@title}, pageanchor=false}\makeatother
\newgeometry{top=32mm,bottom=28mm,left=30mm,right=30mm}
\begin{titlepage}
\raggedright\sffamily
{\large\scshape An annotated reader\par}
\vspace{16mm}
{\fontsize{36}{42}\selectfont\bfseries Iraq, the US and Iran\par}
\vspace{3mm}
{\fontsize{24}{30}\selectfont January 2020\par}
\vspace{12mm}
\rule{\linewidth}{0.6pt}\par
\vspace{10mm}
\rmfamily
{\large Two articles, reproduced word for word:\par}
\vspace{7mm}
{\LARGE\itshape “We Want Them Out!”\par}
\vspace{1.5mm}
{\large Eric Fred, Marx21 (US), 25 January 2020\par}
\vspace{7mm}
{\LARGE\itshape Iraq’s Vote to Kick Out US Troops Reflects Growing Anti-Imperialist Movement\par}
\vspace{1.5mm}
{\large Truthout, 5 January 2020, published without a byline\par}
\vfill
{\large With notes that give context, check claims and mark the originals’ slips; a commentary on
each article; background chapters, a timeline and a map; a glossary of every name and spelling; and
the sources of every note.\par}
\end{titlepage}
\thispagestyle{empty}
\vspace*{\fill}
{\small\raggedright
\textbf{This edition.} Edition %(release)s of an annotated reader of two articles from January 2020,
made from source revision %(revision)s with Sphinx and LuaLaTeX. The same source makes the
website and the EPUB edition; corrections are made there and published as a new edition.\par
\medskip
\textbf{Rights.} The articles are reproduced in full and unaltered, for commentary and criticism;
copyright in them remains with their authors and publishers. The notes, glossary and background
chapters are by the annotated reader’s contributors.\par
\medskip
\textbf{Type.} Set in TeX Gyre Termes and TeX Gyre Heros, with Amiri for names in Arabic and Persian
script.\par}
\clearpage
\restoregeometry
\hypersetup{pageanchor=true}
"""

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
    "maketitle": _titlepage % {"release": release, "revision": _source_revision()},
    "tableofcontents": r"\sphinxtableofcontents\markboth{How to read this book}{}",
    # running heads: the chapter's name on the left, the page number over the notes' margin
    "preamble": r"""
\addto\captionsenglish{\renewcommand{\contentsname}{Contents}}
\renewcommand{\chaptermark}[1]{\markboth{#1}{#1}}
\renewcommand{\sectionmark}[1]{}
\fancypagestyle{normal}{\fancyhf{}\fancyhfoffset[R]{\dimexpr\marginparsep+\marginparwidth\relax}%
  \fancyhead[L]{\footnotesize\sffamily\nouppercase{\leftmark}}\fancyhead[R]{\footnotesize\sffamily\thepage}%
  \renewcommand{\headrulewidth}{0.4pt}\renewcommand{\footrulewidth}{0pt}}
\fancypagestyle{plain}{\fancyhf{}\fancyhfoffset[R]{\dimexpr\marginparsep+\marginparwidth\relax}%
  \fancyhead[R]{\footnotesize\sffamily\thepage}%
  \renewcommand{\headrulewidth}{0pt}\renewcommand{\footrulewidth}{0pt}}
""",
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
