"""``python -m annotated_reader new <folder>``: a new annotated reader that builds at once.

It writes a configuration, a Makefile, an example article imported from its raw text (so its
checksum is real), a notes file with two notes, a glossary entry the article mentions, a source and
the sources page. ``make html`` and ``make check`` pass in it; then replace the examples.
"""

from __future__ import annotations

from pathlib import Path

from . import textimport

RAW = """An Example Article

A short piece to show how an annotated reader works.

The Example Council met on Monday and approved the plan by 12 votes to 3.

Critics said the plan came too late, and the council's chair disagreed with teh critics.
"""

FILES = {
    "conf.py": '''"""Configuration of {title} (made by python -m annotated_reader new)."""

project = "{title}"
copyright = "the reader's contributors (notes and apparatus); the articles belong to their authors and publishers"
version = release = "1"

extensions = ["myst_parser", "annotated_reader"]
myst_enable_extensions = ["colon_fence", "deflist"]
primary_domain = "ar"  # {term}, {entry}, {event}, {para} and {cite} without the "ar:" prefix
exclude_patterns = ["_build", "**/raw", "README.md"]
annotated_reader_bibliography = "sources.bib"
annotated_reader_require_checked = True  # every source says how its page was checked
html_theme = "alabaster"
''',
    "Makefile": """# make html | check | clean. PYTHON is the interpreter that has Sphinx, MyST and annotated_reader.
PYTHON ?= python3
SPHINXOPTS ?= -n -W --keep-going

.PHONY: html check clean

html:
\t$(PYTHON) -m sphinx -b html $(SPHINXOPTS) . _build/html

# everything the build checks (anchors, terms, aliases, sources), without writing pages
check:
\t$(PYTHON) -m sphinx -b dummy $(SPHINXOPTS) -q -d _build/doctrees-check . _build/check

clean:
\trm -rf _build
""",
    "index.md": """# {title}

An annotated reader: the articles as published, with notes beside the words they explain.

```{toctree}
:caption: Articles

docs/articles/example
docs/articles/example.notes
```

```{toctree}
:caption: Reference

glossary/index
docs/sources
```
""",
    "docs/articles/example.notes.md": """# Notes on “An Example Article”

:::{annotation} approved the plan by 12 votes to 3
:kind: context
:gloss: Replace this note: the one thing a reader needs beside the line, in at most 30 words.
:sources: example-2020-01-06-council-vote
The note's body says more, in your own words, with its sources below. Link an entry of the
glossary with {term}`Example Council`.
:::

:::{annotation} teh critics
:kind: sic
:gloss: As printed: “teh” for “the”. The text is reproduced as published; notes mark its typos.
:sources: example-2020-01-06-council-vote
The original's typo is kept, and this note marks it.
:::
""",
    "glossary/index.md": """# Glossary

```{glossary-index}
:toctree: *
```
""",
    "glossary/example-council.md": """---
name: Example Council
kind: group
aliases:
  - the council
summary: The body whose vote the example article reports.
sources: [example-2020-01-06-council-vote]
---

One file per person, group, place, event or concept. Every spelling the articles use goes in
`aliases`; the first mention in each paragraph then links here, and this page lists every mention.
""",
    "docs/sources.md": """# Sources

## Not confirmed

```{sources-list}
:unconfirmed:
```

## Every source

```{sources-list}
```
""",
    "sources.bib": """% Every source cited by a note or an entry, by its original publisher. urldate: the day you checked it.

@online{example-2020-01-06-council-vote,
  title        = {Council approves the plan},
  organization = {Example News},
  date         = {2020-01-06},
  url          = {https://example.org/council-vote},
  urldate      = {2026-01-01},
  checked      = {unconfirmed: the example source of a new reader; replace it},
}
""",
    "README.md": """# {title}

`make html` builds the site into `_build/html`; `make check` checks every note, entry and source.

- Import an article: `python -m annotated_reader import raw.txt --slug my-article --out docs/articles`
- Add a note: `python -m annotated_reader note my-article "the exact words"`
- Add an entry: `python -m annotated_reader entry "Name" --kind person`
""",
}


def scaffold(folder: Path, title: str = "An annotated reader") -> list[Path]:
    """Write a new reader into ``folder`` (which must not hold one already); return the files written."""
    if (folder / "conf.py").exists():
        raise FileExistsError(f"{folder / 'conf.py'} exists: a project is there already")
    written = []
    for rel, text in FILES.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text.replace("{title}", title), encoding="utf-8")
        written.append(path)
    raw = folder / "docs/articles/raw/example.txt"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text(RAW, encoding="utf-8")
    meta = {
        "title": "An Example Article",
        "byline": "A. Writer",
        "outlet": "Example News",
        "published": "2020-01-06",
        "url": "https://example.org/example-article",
        "rights": "An example written for this template; replace it with an article you may reproduce.",
    }
    article = folder / "docs/articles/example.md"
    article.write_text(textimport.render_article(textimport.parse_raw(RAW), meta, "raw/example.txt"), encoding="utf-8")
    return [*written, raw, article]
