"""The extension's datastore: one Sphinx Domain, keyed by document, safe for parallel reads.

Everything the extension learns while reading (articles and their blocks, notes, glossary entries,
citations, pages that aggregate them) lives in ``env.domaindata['ar']`` and is removed per document by
``clear_doc`` and merged from parallel readers by ``merge_domaindata``. Values computed from all
documents together (anchors, mentions) are recomputed after every read phase (``env-updated``).

The Domain also resolves every cross-reference the extension makes. Each concept module adds its
roles to the Domain (``app.add_role_to_domain("ar", …)``) and a role that links something has a
``resolve`` method, which ``resolve_xref`` calls: the Domain imports none of the concept modules.
Links between pages that the extension writes itself go through :func:`page_ref`, resolved here
with the builder that writes the page.
"""

from __future__ import annotations

import difflib
import hashlib
import json

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util import logging

logger = logging.getLogger("annotated_reader")

#: per-document tables: name -> {key: record}, every record has a "docname"
PER_DOC_TABLES = ("articles", "notes", "entries", "citations", "aggregates", "termrefs", "events", "places")


class ReaderDomain(Domain):
    name = "ar"
    label = "Annotated reader"
    object_types = {
        "entry": ObjType("glossary entry", "term", "entry"),
        "event": ObjType("timeline event", "event"),
    }
    data_version = 10  # bump whenever the tables change: Sphinx then re-reads every document
    initial_data = {
        "articles": {},  # slug -> {docname, blocks, title, meta}
        "notes": {},  # note id -> {docname, lineno, slug, exact, …}
        "entries": {},  # entry slug -> {docname, name, kind, aliases, …}
        "citations": {},  # "docname|target" -> {docname, target, label, keys}
        "aggregates": {},  # docname -> {docname, kinds}
        "events": {},  # event id -> {docname, date, title, summary, sources, entries, paragraphs, …}
        "places": {},  # docname -> {docname, file, places}: the places a map draws
        "by_doc": {},  # docname -> [(table, key)]: the records above that the document made
        "termrefs": {},  # "docname|line|target" -> {docname, line, target}: every {term} use
        # computed after reading (not per document):
        "anchors": {},  # slug -> [ {id, block, start, end, doc_start, doc_end, number}, … ]
        "mentions": {},  # slug -> {block: [(start, end, entry slug)]}
        "mentioned": {},  # entry slug -> [(article slug, block, start, end)]: the same, by entry
        "term_index": {},  # alias key -> entry slug
        "term_links": {},  # entry slug -> [(docname, anchor, label)]: pages and notes linking it
        "digests": {},  # docname -> digest of the glossary data the page shows when written
        "stale": [],  # pages whose digest changed in the last read: rewritten (env-get-updated)
        "cache": {},  # "anchors|slug", "mentions|slug", "sources-page" -> [digest of the inputs, result, problems]
    }

    def add_record(self, table: str, key: str, record) -> None:
        """Store a record of a per-document table; ``by_doc`` lists it under its document, so that
        removing a document costs its own records, not a scan of the site's."""
        self.data[table][key] = record
        self.data["by_doc"].setdefault(record["docname"], []).append((table, key))

    def clear_doc(self, docname: str) -> None:
        for table, key in self.data["by_doc"].pop(docname, []):
            if self.data[table].get(key, {}).get("docname") == docname:  # not since claimed by another
                del self.data[table][key]

    def merge_domaindata(self, docnames, otherdata) -> None:
        for docname in docnames:
            for table, key in otherdata["by_doc"].get(docname, []):
                record = otherdata[table].get(key)
                if record is not None and record["docname"] == docname:
                    self.add_record(table, key, record)

    # -- helpers used by the concept modules ----------------------------------------------------
    def cached(self, name: str, inputs: str, compute):
        """The result of ``compute()`` (which returns the result and its problems, each a
        ``(location, message, suggestion)``), kept with the digest of its ``inputs``: an incremental
        build that did not change them reuses it, and reports the same problems again."""
        entry = self.data["cache"].get(name)
        if entry is None or entry[0] != inputs:
            entry = self.data["cache"][name] = [inputs, *compute()]
        for location, message, suggestion in entry[2]:
            report(location, message, suggestion)
        return entry[1]

    def prune_cache(self, prefix: str, names) -> None:
        """Forget the results under ``prefix`` that this build no longer asked for."""
        for name in [n for n in self.data["cache"] if n.startswith(prefix) and n not in names]:
            del self.data["cache"][name]

    def aggregate_docs(self, kind: str) -> list[str]:
        return sorted(d for d, v in self.data["aggregates"].items() if kind in v["kinds"])

    def note_aggregate(self, docname: str, kind: str) -> None:
        if docname not in self.data["aggregates"]:
            self.add_record("aggregates", docname, {"docname": docname, "kinds": []})
        rec = self.data["aggregates"][docname]
        if kind not in rec["kinds"]:
            rec["kinds"].append(kind)

    # -- cross-references -------------------------------------------------------------------------
    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "page":
            docname, _, anchor = target.partition("#")
            ref = nodes.reference("", "", internal=True, refuri=relative_uri(builder, fromdocname, docname, anchor))
            ref["classes"] = list(node.get("classes", []))
            ref += [child.deepcopy() for child in node.children]
            return ref
        resolver = getattr(self.roles.get(typ), "resolve", None)
        return resolver(self, env, fromdocname, builder, target, node, contnode) if resolver else None

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        found = []
        for typ in ("term", "event"):
            role = self.roles.get(typ)
            if role is not None and role.lookup(self, target) is not None:
                found.append((f"ar:{typ}", role.resolve(self, env, fromdocname, builder, target, node, contnode)))
        return found

    def get_objects(self):
        for slug, e in self.data["entries"].items():
            yield slug, e["name"], "entry", e["docname"], f"entry-{slug}", 1
        for eid, ev in self.data["events"].items():
            yield eid, ev["title"], "event", ev["docname"], f"event-{eid}", 1


def get_domain(env) -> ReaderDomain:
    return env.get_domain("ar")


def relative_uri(builder, fromdoc: str, todoc: str, anchor: str = "") -> str:
    from sphinx.errors import NoUri

    try:
        uri = builder.get_relative_uri(fromdoc, todoc)
    except NoUri:
        return "#" + anchor if anchor else ""
    return f"{uri}#{anchor}" if anchor else uri


def page_ref(fromdoc: str, docname: str, anchor: str, *children: nodes.Node, classes=()) -> addnodes.pending_xref:
    """A link from ``fromdoc`` to ``docname#anchor``, made relative by the builder that writes the page
    (the Domain resolves it with the other references)."""
    return _pending("page", f"{docname}#{anchor}", fromdoc, children, True, classes=list(classes))


def xref(kind: str, target: str, fromdoc: str, text: str | None = None, **attrs) -> addnodes.pending_xref:
    """A reference the extension makes in a page as one of its roles would (``kind`` a role's name)."""
    return _pending(kind, target, fromdoc, [nodes.Text(text or target)], text is not None, **attrs)


def _pending(kind: str, target: str, fromdoc: str, children, explicit: bool, **attrs) -> addnodes.pending_xref:
    return addnodes.pending_xref(
        "", *children, refdomain="ar", reftype=kind, reftarget=target, refdoc=fromdoc, refexplicit=explicit, **attrs
    )


def report_unknown(node, env, what: str, target: str, known, otherwise: str, cutoff: float = 0.6) -> None:
    """A reference to nothing, reported once (on the page where it is written: a note's references
    are resolved again in its article) with the closest known name as the suggestion."""
    if node.get("refdoc", env.docname) != env.docname or node.get("reported_elsewhere"):
        return
    close = difflib.get_close_matches(target, list(known), n=1, cutoff=cutoff)
    report(node, f"unknown {what} '{target}'", f"did you mean '{close[0]}'?" if close else otherwise)


class RecordRole(XRefRole):
    """A role that links a record of one Domain table by its key (``{entry}``, ``{event}``): the Domain
    calls ``resolve``, which reports an unknown key with the closest one and lets ``link`` make the
    reference."""

    table = ""  # the Domain table whose keys the role's targets are
    what = ""  # what the error calls a target ("event")
    otherwise = ""  # the suggestion when no key is close

    def process_link(self, env, refnode, has_explicit_title, title, target):
        return title, target.strip()

    def lookup(self, domain, target: str) -> dict | None:
        return domain.data[self.table].get(target)

    def resolve(self, domain, env, fromdocname, builder, target, node, contnode):
        record = self.lookup(domain, target)
        if record is None:
            report_unknown(node, env, self.what, target, domain.data[self.table], self.otherwise)
            return contnode
        return self.link(builder, fromdocname, record, node, contnode)

    def link(self, builder, fromdocname: str, record: dict, node, contnode) -> nodes.Node:
        raise NotImplementedError


def digest(*values) -> str:
    """A short digest of JSON-like values: what a page or an output shows, or what a result was
    computed from, to redo the work only when it changed."""
    return hashlib.sha256(json.dumps(values, sort_keys=True, default=str).encode()).hexdigest()[:16]


def report(location, message: str, suggestion: str = "", subtype: str = "error") -> None:
    """Every contributor-facing problem: ``path:line: message (suggestion)``; fails a -W build."""
    text = f"{message} ({suggestion})" if suggestion else message
    logger.warning(text, location=location, type="ar", subtype=subtype)


def skip_node(self, node) -> None:
    """The visitor of a node a builder leaves out (registered for each builder that has no use for it)."""
    raise nodes.SkipNode


def pass_through(self, node) -> None:
    """The visitor of a node whose content a builder writes as it is, without markup of its own."""


#: what a builder without a visitor of its own does with a node: leave it out, or write its content
SKIP = (skip_node, None)
SHOW = (pass_through, pass_through)
AS_REFERENCE = (lambda self, node: self.visit_reference(node), lambda self, node: self.depart_reference(node))
FORMATS = ("html", "latex", "text", "man", "texinfo")


def add_node(app, node: type[nodes.Element], otherwise=SKIP, **visitors) -> None:
    """``app.add_node`` with a visitor for each of Sphinx's writers, so no builder meets a node it
    cannot write: those not given (man and texinfo, often) ``otherwise`` skip it or show its content."""
    app.add_node(node, **{fmt: visitors.get(fmt, otherwise) for fmt in FORMATS})


def setup_domain(app) -> None:
    app.add_domain(ReaderDomain)
