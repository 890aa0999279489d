"""Glossary entries: one file per entity (``glossary/<slug>.md``), its front matter checked and
its page given a title, its name in its own script, its aliases and sources."""

from __future__ import annotations

import difflib
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx.transforms import SphinxTransform

from . import frontmatter as fmx
from . import sources as src
from .domain import get_domain, report
from .records import Entry

KINDS = {"person": "People", "group": "Groups and institutions", "place": "Places", "event": "Events", "concept": "Concepts"}
F = fmx.Field
ENTRY_SCHEMA = {
    "name": F((str,), "the entry's canonical name"),
    "kind": F((str,), "one of " + ", ".join(KINDS)),
    "aliases": F((list,), "a list of other spellings", required=False),
    "native": F((dict,), "a mapping with 'text' and 'lang' (e.g. lang: ar)", required=False),
    "summary": F((str,), "one sentence of plain text"),
    "sources": F((list, str), "a list of bibliography keys"),
}
KIND_LABELS = {"person": "Person", "group": "Group or institution", "place": "Place", "event": "Event", "concept": "Concept"}
RTL_LANGS = {"ar", "fa", "he", "ur", "ps", "ckb", "yi"}


def sort_key(name: str) -> str:
    """Alphabetical order of names as shown: case and accents aside ("Nicolás" files as "Nicolas")."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


class ar_native(nodes.Inline, nodes.TextElement):
    """A name in its own script, with its language and direction."""


class mentioned_in(nodes.General, nodes.Element):
    """Placeholder for an entry page's list of mentions, filled when the page is written."""


class glossary_index(nodes.General, nodes.Element):
    """Placeholder for the glossary index, filled when the page is written."""


def is_entry_doc(config, docname: str) -> bool:
    folder = config.annotated_reader_glossary_dir.strip("/")
    return docname.startswith(folder + "/") and not docname.endswith("/index")


def read_entry(text: str) -> tuple[fmx.FrontMatter, dict]:
    """An entry file's front matter, checked: (the front matter, its fields). Pure: raises
    ``FrontMatterError`` (with the line and a suggestion) for the first problem."""
    fm = fmx.read(text)
    if fm is None:
        raise fmx.FrontMatterError(
            1, "a glossary entry needs front matter", "start the file with --- and name, kind, summary, sources"
        )
    data = fmx.validate(fm, "", ENTRY_SCHEMA)
    if data["kind"] not in KINDS:
        close = difflib.get_close_matches(str(data["kind"]), list(KINDS), n=1)
        raise fmx.FrontMatterError(
            fm.line("kind"),
            f"unknown kind '{data['kind']}'",
            (f"did you mean '{close[0]}'? " if close else "") + "kinds: " + ", ".join(KINDS),
        )
    if not data["summary"].strip():
        raise fmx.FrontMatterError(fm.line("summary"), "the summary is empty", "write one sentence for previews and the index")
    for i, a in enumerate(data.get("aliases") or []):
        if not isinstance(a, str) or not a.strip():
            raise fmx.FrontMatterError(fm.line(f"aliases.{i}"), f"alias {i + 1} must be a non-empty text")
    native = data.get("native")
    if native is not None and not (isinstance(native.get("text"), str) and isinstance(native.get("lang"), str)):
        raise fmx.FrontMatterError(
            fm.line("native"), "native must have 'text' and 'lang'", "e.g. text: قاسم سلیمانی and lang: fa"
        )
    return fm, data


class EntryTransform(SphinxTransform):
    """Validate an entry's front matter and give its page a title, its native name and its sources."""

    default_priority = 700

    def apply(self):
        env, docname = self.env, self.env.docname
        if not is_entry_doc(env.config, docname):
            return
        path = Path(env.doc2path(docname))
        slug = path.stem
        try:
            fm, data = read_entry(path.read_text(encoding="utf-8"))
        except fmx.FrontMatterError as err:
            report((docname, err.line), err.message, err.suggestion)
            return
        aliases, native = data.get("aliases") or [], data.get("native")
        keys = src.parse_keys(data["sources"]) if isinstance(data["sources"], str) else [str(k) for k in data["sources"]]
        if not keys:
            report((docname, fm.line("sources")), "the entry cites no source", "add sources: [key, …] from the bibliography")
        keys = src.check_keys(env, keys, (docname, fm.line("sources")))
        domain = get_domain(env)
        other = domain.data["entries"].get(slug)
        if other is not None and other["docname"] != docname:
            report(
                (docname, 1), f"two entries have the slug '{slug}' ({other['docname']} is the other)", "rename one of the files"
            )
        domain.add_record(
            "entries",
            slug,
            Entry(
                docname=docname,
                slug=slug,
                name=data["name"],
                kind=data["kind"],
                aliases=[a.strip() for a in aliases],
                alias_lines=[fm.line(f"aliases.{i}") for i in range(len(aliases))],
                native=dict(native) if native else None,
                summary=data["summary"].strip(),
                sources=keys,
            ),
        )
        src.record_citation(env, docname, f"entry-{slug}", data["name"], keys)
        self.decorate(slug, data, keys)

    def decorate(self, slug: str, data: dict, keys: list[str]) -> None:
        body = list(self.document.children)
        section = nodes.section(
            ids=[f"entry-{slug}"],
            names=[nodes.fully_normalize_name(data["name"])],
            classes=["ar-entry", f"ar-entry-{data['kind']}"],
        )
        section += nodes.title("", data["name"])
        meta = nodes.paragraph(classes=["ar-entry-meta"])
        meta += nodes.inline(
            "",
            KIND_LABELS[data["kind"]],
            classes=["ar-entry-kind"],
        )
        native = data.get("native")
        if native:
            meta += nodes.Text(" · ")
            meta += ar_native("", native["text"], lang=native["lang"])
        section += meta
        section += nodes.paragraph("", data["summary"], classes=["ar-entry-summary"])
        if data.get("aliases"):
            al = nodes.paragraph(classes=["ar-entry-aliases"])
            al += nodes.strong("", "Also written:")
            al += nodes.Text(" " + ", ".join(data["aliases"]))
            section += al
        for child in body:
            if isinstance(child, (nodes.docinfo, nodes.comment, nodes.target)):
                continue  # front matter stays where Sphinx's metadata collector looks for it
            self.document.remove(child)
            if isinstance(child, nodes.section):  # a body with headings keeps them under the entry
                section += child.children
            else:
                section += child
        section += nodes.paragraph("", "", src.cite_nodes(self.env, keys))
        section += mentioned_in(slug=slug)
        self.document += section


# -- nodes in each output ------------------------------------------------------------------------------------
def visit_native_html(self, node):
    lang = node["lang"]
    direction = "rtl" if lang.split("-")[0] in RTL_LANGS else "ltr"
    self.body.append(self.starttag(node, "span", "", lang=lang, dir=direction, CLASS="ar-native"))


def depart_native_html(self, node):
    self.body.append("</span>")
