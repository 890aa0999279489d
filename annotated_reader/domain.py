"""The extension's datastore: one Sphinx Domain, keyed by document, safe for parallel reads.

Everything the extension learns while reading (articles and their blocks, notes, glossary entries,
citations, pages that aggregate them) lives in ``env.domaindata['ar']`` and is removed per document by
``clear_doc`` and merged from parallel readers by ``merge_domaindata``. Values computed from all
documents together (anchors, mentions) are recomputed after every read phase (``env-updated``).
"""

from __future__ import annotations

from sphinx.domains import Domain
from sphinx.util import logging

logger = logging.getLogger("annotated_reader")

#: per-document tables: name -> {key: record}, every record has a "docname"
PER_DOC_TABLES = ("articles", "notes", "entries", "citations", "aggregates", "termrefs", "events", "places")


class ReaderDomain(Domain):
    name = "ar"
    label = "Annotated reader"
    data_version = 5  # bump whenever the tables change: Sphinx then re-reads every document
    initial_data = {
        "articles": {},  # slug -> {docname, blocks, title, meta}
        "notes": {},  # note id -> {docname, lineno, slug, exact, …}
        "entries": {},  # entry slug -> {docname, name, kind, aliases, …}
        "citations": {},  # "docname|target" -> {docname, target, label, keys}
        "aggregates": {},  # docname -> {docname, kinds}
        "events": {},  # event id -> {docname, date, title, summary, sources, entries, paragraphs, …}
        "places": {},  # docname -> {docname, file, places}: the places a map draws
        "termrefs": {},  # "docname|line|target" -> {docname, line, target}: every {term} use
        # computed after reading (not per document):
        "anchors": {},  # slug -> [ {id, block, start, end, doc_start, doc_end, number}, … ]
        "mentions": {},  # slug -> {block: [(start, end, entry slug)]}
        "term_index": {},  # alias key -> entry slug
        "term_links": {},  # entry slug -> [(docname, anchor, label)]: pages and notes linking it
        "digests": {},  # docname -> digest of the glossary data the page shows when written
        "stale": [],  # pages whose digest changed in the last read: rewritten (env-get-updated)
    }

    def clear_doc(self, docname: str) -> None:
        for table in PER_DOC_TABLES:
            data = self.data[table]
            for key in [k for k, v in data.items() if v["docname"] == docname]:
                del data[key]

    def merge_domaindata(self, docnames, otherdata) -> None:
        docnames = set(docnames)
        for table in PER_DOC_TABLES:
            for key, value in otherdata[table].items():
                if value["docname"] in docnames:
                    self.data[table][key] = value

    # -- helpers used by the concept modules ----------------------------------------------------
    def aggregate_docs(self, kind: str) -> list[str]:
        return sorted(d for d, v in self.data["aggregates"].items() if kind in v["kinds"])

    def note_aggregate(self, docname: str, kind: str) -> None:
        rec = self.data["aggregates"].setdefault(docname, {"docname": docname, "kinds": []})
        if kind not in rec["kinds"]:
            rec["kinds"].append(kind)

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        if typ == "term":
            from .glossary import resolve_term

            return resolve_term(self, env, fromdocname, builder, target, node, contnode)
        from .timeline import resolve

        return resolve(self, env, fromdocname, builder, typ, target, node, contnode)

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        return []


def get_domain(env) -> ReaderDomain:
    return env.get_domain("ar")


def report(location, message: str, suggestion: str = "", subtype: str = "error") -> None:
    """Every contributor-facing problem: ``path:line: message (suggestion)``; fails a -W build."""
    text = f"{message} ({suggestion})" if suggestion else message
    logger.warning(text, location=location, type="ar", subtype=subtype)


def skip_node(self, node) -> None:
    """The visitor of a node a builder leaves out (registered for each builder that has no use for it)."""
    from docutils import nodes

    raise nodes.SkipNode


def setup_domain(app) -> None:
    app.add_domain(ReaderDomain)
