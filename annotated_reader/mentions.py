"""Mentions: after all reads every alias of every entry is matched against every article (one
matcher); when pages are written the first mention in each paragraph links its entry, each entry
page lists where it is mentioned and linked, and the index lists every entry."""

from __future__ import annotations

import bisect
from functools import partial
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx import addnodes
from sphinx.directives.other import TocTree
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from . import frontmatter as fmx
from .aliases import AliasMatcher, alias_key
from .anchoring import shorten
from .domain import digest, get_domain, page_ref, report, xref
from .entries import KINDS, ar_native, glossary_index, mentioned_in, sort_key
from .terms import find_entry
from .timeline import event_date_text


# -- mentions, after all reads ----------------------------------------------------------------------------------
def check_aliases_and_find_mentions(app, env) -> None:
    domain = get_domain(env)
    entries = domain.data["entries"]
    owner: dict[str, tuple[str, str]] = {}
    aliases: dict[str, str] = {}
    for slug in sorted(entries):
        e = entries[slug]
        names = [(e["name"], 1)] + list(zip(e["aliases"], e["alias_lines"], strict=True))
        for alias, line in names:
            key = alias_key(alias)
            if key in owner and owner[key][0] != slug:
                other = entries[owner[key][0]]
                report(
                    (e["docname"], line),
                    f"the alias '{alias}' is claimed by two entries: '{other['name']}' ({other['docname']}) and '{e['name']}'",
                    "keep it in the entry it names, and remove it from the other",
                )
                continue
            owner[key] = (slug, alias)
            aliases[alias] = slug
    # the {term} index: exact keys, plus case-folded ones so an acronym typed in lower case resolves
    index = {alias_key(a): s for a, s in aliases.items()}
    index.update({"\0" + k.casefold(): s for k, s in list(index.items()) if "\0" + k.casefold() not in index})
    domain.data["term_index"] = index
    matcher = None  # built only when an article's mentions must be found again
    names = digest(sorted(aliases.items()))

    def find(article) -> tuple[dict, list]:
        nonlocal matcher
        matcher = matcher or AliasMatcher(aliases)
        per_block = {}
        for key, _label, text, _line in article["blocks"]:
            found = matcher.find(text)
            if found:
                per_block[key] = [(m.start, m.end, m.target) for m in found]
        return per_block, []

    mentions: dict[str, dict[str, list]] = {}
    for slug, article in domain.data["articles"].items():  # an article's mentions: its text and every alias
        mentions[slug] = domain.cached(f"mentions|{slug}", digest(names, article["blocks"]), partial(find, article))
    domain.prune_cache("mentions|", {f"mentions|{s}" for s in mentions})
    domain.data["mentions"] = mentions
    domain.data["mentioned"] = mentioned_by_entry(mentions)
    domain.data["term_links"] = term_links(domain, env)
    # what each page written from this data shows, to rewrite only the pages that changed (below)
    before = domain.data.get("digests", {})
    after = page_digests(domain)
    domain.data["digests"] = after
    domain.data["stale"] = sorted(d for d in after.keys() | before.keys() if after.get(d) != before.get(d))


def mentioned_by_entry(mentions: dict[str, dict[str, list]]) -> dict[str, list[tuple[str, str, int, int]]]:
    """The mentions turned around: entry -> [(article, block, start, end)], so that an entry page
    reads its own instead of every article's. Sorted: an article read again keeps its place."""
    out: dict[str, list] = {}
    for art_slug, per_block in sorted(mentions.items()):
        for block, hits in sorted(per_block.items()):
            for s, e, target in hits:
                out.setdefault(target, []).append((art_slug, block, s, e))
    return out


def term_links(domain, env) -> dict[str, list[tuple[str, str, str]]]:
    """For each entry, the pages and notes that link it with ``{term}``: (docname, anchor, label),
    one per page or note, in page order. Computed once per build, not once per entry page."""
    notes_by_doc: dict[str, list[tuple[int, dict]]] = {}
    for n in domain.data["notes"].values():
        notes_by_doc.setdefault(n["docname"], []).append((n["lineno"], n))
    for rows in notes_by_doc.values():
        rows.sort(key=lambda r: r[0])
    entry_docs = {e["docname"]: e for e in domain.data["entries"].values()}
    resolved: dict[str, dict | None] = {}
    links: dict[str, list[tuple[str, str, str]]] = {}
    seen = set()
    for rec in sorted(domain.data["termrefs"].values(), key=lambda r: (r["docname"], r["line"])):
        if rec["target"] not in resolved:
            resolved[rec["target"]] = find_entry(domain, rec["target"])
        entry = resolved[rec["target"]]
        if entry is None or rec["docname"] == entry["docname"]:
            continue
        anchor, label = where_in_doc(env, notes_by_doc, entry_docs, rec["docname"], rec["line"])
        if (entry["slug"], rec["docname"], anchor) not in seen:
            seen.add((entry["slug"], rec["docname"], anchor))
            links.setdefault(entry["slug"], []).append((rec["docname"], anchor, label))
    return links


def page_digests(domain) -> dict[str, str]:
    """A digest, per page, of the glossary data the page shows when written: an entry page its
    mentions and links, an article the entries it links, the index and every page with a
    ``{term}`` the entries themselves (names, aliases, summaries: the previews)."""
    entries = domain.data["entries"]
    shown = {s: (e["name"], e["kind"], e["aliases"], e.get("native"), e["summary"], e["docname"]) for s, e in entries.items()}
    everything = digest(shown)
    out = {d: everything for d in domain.aggregate_docs("glossary")}
    out.update({r["docname"]: everything for r in domain.data["termrefs"].values()})
    mentioned = domain.data["mentioned"]
    articles = domain.data["articles"]
    for art_slug, article in articles.items():
        out[article["docname"]] = digest([everything, domain.data["mentions"].get(art_slug, {})])
    titles = {a["docname"]: a["meta"]["title"] for a in articles.values()}
    for slug, e in entries.items():
        events = sorted((ev["id"], ev["date"], ev["title"]) for ev in domain.data["events"].values() if slug in ev["entries"])
        out[e["docname"]] = digest([everything, mentioned.get(slug, []), titles, domain.data["term_links"].get(slug, []), events])
    return out


def first_mentions(per_block: dict, block: str) -> list[tuple[int, int, str]]:
    """Only the first mention of each entry in a paragraph is linked (the rest would be noise)."""
    seen, out = set(), []
    for s, e, target in per_block.get(block, []):
        if target not in seen:
            seen.add(target)
            out.append((s, e, target))
    return out


# -- writing: the index and the mentioned-in lists --------------------------------------------------------------------
class GlossaryIndexDirective(SphinxDirective):
    """The index of all entries; ``:toctree: <glob>`` also adds the entry pages matching the glob as a
    hidden toctree, in the order of the names they show (their front matter's ``name``, by :func:`sort_key`),
    so the site's navigation lists them as the index does rather than by file name."""

    option_spec = {"toctree": directives.unchanged_required}

    def run(self):
        get_domain(self.env).note_aggregate(self.env.docname, "glossary")
        out: list[nodes.Node] = [glossary_index()]
        if "toctree" in self.options:
            toc = TocTree(
                "toctree",
                [],
                {"glob": None, "hidden": None},
                StringList([self.options["toctree"]]),
                self.lineno,
                self.content_offset,
                self.block_text,
                self.state,
                self.state_machine,
            ).run()
            tree = next(toc[0].findall(addnodes.toctree))
            names = {doc: self.shown_name(doc) for doc in tree["includefiles"]}
            tree["entries"].sort(key=lambda entry: names.get(entry[1], entry[1]))
            tree["includefiles"].sort(key=names.__getitem__)
            out += toc
        return out

    def shown_name(self, docname: str) -> str:
        path = self.env.doc2path(docname)
        self.env.note_dependency(str(path))  # a renamed entry moves in the navigation
        try:
            fm = fmx.read(Path(path).read_text(encoding="utf-8"))
        except fmx.FrontMatterError:  # reported, with its line, when the entry itself is read
            fm = None
        name = fm.data.get("name") if fm else None
        return sort_key(name if isinstance(name, str) else docname)


class FillGlossaryPages(SphinxPostTransform):
    default_priority = 5

    def run(self):
        domain = get_domain(self.env)
        for node in list(self.document.findall(glossary_index)):
            node.replace_self(self.index(domain))
        for node in list(self.document.findall(mentioned_in)):
            node.replace_self(self.mentions(domain, node["slug"]))

    def index(self, domain) -> list[nodes.Node]:
        out = []
        entries = domain.data["entries"].values()
        for kind, heading in KINDS.items():
            group = sorted((e for e in entries if e["kind"] == kind), key=lambda e: sort_key(e["name"]))
            if not group:
                continue
            sec = nodes.section(ids=[f"kind-{kind}"], names=[heading.lower()])
            sec += nodes.title("", heading)
            dl = nodes.definition_list(classes=["ar-glossary-index"])
            for e in group:
                item = nodes.definition_list_item()
                term = nodes.term()
                term += xref("entry", e["slug"], self.env.docname, text=e["name"])
                if e.get("native"):
                    term += nodes.Text(" ")
                    term += ar_native("", e["native"]["text"], lang=e["native"]["lang"])
                item += term
                item += nodes.definition("", nodes.paragraph("", e["summary"]))
                dl += item
            sec += dl
            out.append(sec)
        return out

    def mentions(self, domain, slug: str) -> list[nodes.Node]:
        here = self.env.docname
        sec = nodes.section(ids=["mentioned-in"], names=["mentioned in"], classes=["ar-mentioned-in"])
        sec += nodes.title("", "Mentioned in")
        in_articles = nodes.bullet_list(classes=["ar-mentions"])
        found: dict[str, dict[str, list[tuple[int, int]]]] = {}  # article -> block -> this entry's mentions
        for art_slug, block, s, e in domain.data["mentioned"].get(slug, []):
            found.setdefault(art_slug, {}).setdefault(block, []).append((s, e))
        articles = domain.data["articles"]
        for art_slug in sorted(found, key=lambda a: articles[a]["docname"]):
            article = articles[art_slug]
            for key, label, text, _line in article["blocks"]:
                hits = found[art_slug].get(key)
                if not hits:
                    continue
                s, e = hits[0]
                para = nodes.paragraph()
                where = (nodes.emphasis("", article["meta"]["title"]), nodes.Text(f", {label}"))
                para += page_ref(here, article["docname"], key if key != "title" else "", *where)
                para += nodes.Text(": …" + snippet_before(text, s))
                para += nodes.strong("", text[s:e])
                para += nodes.Text(snippet_after(text, e) + "…" + (f" ({len(hits)} times)" if len(hits) > 1 else ""))
                in_articles += nodes.list_item("", para)
        elsewhere = nodes.bullet_list(classes=["ar-mentions"])
        for docname, anchor, label in domain.data.get("term_links", {}).get(slug, []):
            elsewhere += nodes.list_item("", nodes.paragraph("", "", page_ref(here, docname, anchor, nodes.Text(label))))
        on_timeline = nodes.bullet_list(classes=["ar-mentions"])
        for ev in sorted(domain.data["events"].values(), key=lambda e: e["date"]):
            if slug in ev["entries"]:
                ref = page_ref(here, ev["docname"], f"event-{ev['id']}", nodes.Text(f"{event_date_text(ev)}: {ev['title']}"))
                on_timeline += nodes.list_item("", nodes.paragraph("", "", ref))
        for heading, items in (
            ("On the timeline", on_timeline),
            ("In the articles", in_articles),
            ("In notes and other entries", elsewhere),
        ):
            if len(items):
                sec += nodes.rubric("", heading)
                sec += items
        if not len(in_articles) and not len(elsewhere) and not len(on_timeline):
            sec += nodes.paragraph("", "Not mentioned by name in the articles or linked from any note yet.")
        return [sec]


def where_in_doc(env, notes_by_doc: dict, entry_docs: dict, docname: str, line: int) -> tuple[str, str]:
    """The anchor and a label for a line of a page: the note it is in, or the page itself."""
    rows = notes_by_doc.get(docname, [])
    i = bisect.bisect_right([r[0] for r in rows], line)
    title = env.titles[docname].astext() if docname in env.titles else docname
    if i:
        n = rows[i - 1][1]
        return f"c-{n['id']}", f"Note on “{shorten(n['exact'], 50)}” ({title})"
    if docname in entry_docs:
        return "", f"Glossary: {entry_docs[docname]['name']}"
    return "", title


def snippet_before(text: str, start: int, words: int = 6) -> str:
    w = text[:start].split(" ")
    return " ".join(w[-words:]) if len(w) > words else text[:start]


def snippet_after(text: str, end: int, words: int = 6) -> str:
    w = text[end:].split(" ")
    return " ".join(w[: words + 1]) if len(w) > words else text[end:]


def on_get_updated(app, env):
    """Pages that show glossary data of other pages (entry pages, the index, articles, pages with
    ``{term}``) are rewritten when, and only when, what they show changed (``page_digests``)."""
    return [d for d in get_domain(env).data.get("stale", []) if d in env.found_docs]
