"""The records the Domain keeps (``env.domaindata['ar']``), typed.

They stay plain dictionaries and tuples at run time, so the environment pickles and merges as it
always did; the types say what every table holds, and a change to a record's fields changes it here.
"""

from __future__ import annotations

from typing import NamedTuple, TypedDict


class ArticleBlock(NamedTuple):
    """A block of an article's text: its key (``title``, ``standfirst``, ``caption``, ``p1`` …), its
    label ("¶1", "the standfirst"), its text and its line in the article file."""

    key: str
    label: str
    text: str
    line: int


class Article(TypedDict):
    docname: str
    title: str
    meta: dict  # the article's front matter (title, byline, outlet, published, url, rights, …)
    blocks: list[ArticleBlock]


class Note(TypedDict):
    docname: str
    lineno: int
    slug: str  # the article's
    id: str
    exact: str
    prefix: str | None
    suffix: str | None
    paragraph: str | None
    kind: str
    gloss: str
    sources: list[str]
    order: int  # in the notes file
    text: str  # the body as plain text (the export's); the body itself stays in the notes page's doctree


class Anchor(TypedDict):
    """Where a note sits in its article, found after all documents are read."""

    key: str  # "slug/id"
    id: str
    block: str
    start: int
    end: int
    doc_start: int
    doc_end: int
    kind: str
    order: int
    number: int  # in text order


class Entry(TypedDict):
    docname: str
    slug: str
    name: str
    kind: str
    aliases: list[str]
    alias_lines: list[int]
    native: dict | None  # {"text": …, "lang": …}
    summary: str
    sources: list[str]


class Event(TypedDict):
    docname: str
    file: str
    line: int
    id: str
    date: str
    approximate: bool
    title: str
    summary: str
    sources: list[str]
    entries: list[str]
    paragraphs: list[str]


class Citation(TypedDict):
    docname: str
    target: str  # the anchor of what cites (a note, an entry, an inline citation)
    label: str
    keys: list[str]


class TermRef(TypedDict):
    docname: str
    line: int
    target: str
