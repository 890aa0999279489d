"""Links to glossary entries: ``{term}`` (by name or alias), ``{entry}`` (by file name), and the
link node that carries an entry's preview."""

from __future__ import annotations

from docutils import nodes
from sphinx.roles import XRefRole

from .aliases import alias_key
from .domain import RecordRole, get_domain, relative_uri, report_unknown
from .entries import KIND_LABELS
from .records import TermRef


# -- {term} and {entry} -----------------------------------------------------------------------------------------
class TermRole(XRefRole):
    """``{term}`name```: a link to the entry that has this name or alias; a name no entry claims falls
    back to a term of Sphinx's own ``glossary`` directive, so both can live in one project."""

    def __init__(self):
        super().__init__(innernodeclass=nodes.inline, warn_dangling=False)

    def process_link(self, env, refnode, has_explicit_title, title, target):
        target = " ".join(target.split())
        line = self.lineno
        get_domain(env).add_record(
            "termrefs", f"{env.docname}|{line}|{target}", TermRef(docname=env.docname, line=line, target=target)
        )
        return title, target

    @staticmethod
    def lookup(domain, target: str) -> dict | None:
        return find_entry(domain, target)

    @staticmethod
    def resolve(domain, env, fromdocname, builder, target, node, contnode):
        entry = find_entry(domain, target)
        if entry is not None:
            return term_reference(builder, fromdocname, entry, contnode)
        sphinx_term = env.get_domain("std").resolve_xref(env, fromdocname, builder, "term", target, node, contnode)
        if sphinx_term is not None:
            return sphinx_term
        names = [n for e in domain.data["entries"].values() for n in (e["name"], *e["aliases"])]
        report_unknown(node, env, "term", target, names, "add a glossary entry or an alias first", cutoff=0.5)
        return contnode


class EntryRole(RecordRole):
    """``{entry}`slug```: a link to an entry by its file name, shown with the entry's name."""

    table, what, otherwise = "entries", "glossary entry", "use the file name of an entry, without .md"

    def link(self, builder, fromdocname, entry, node, contnode):
        text = contnode if node.get("refexplicit") else nodes.Text(entry["name"])
        return term_reference(builder, fromdocname, entry, text)


def find_entry(domain, name: str) -> dict | None:
    """The entry a name or alias belongs to (index built after reading, see below)."""
    index = domain.data.get("term_index", {})
    key = alias_key(name)
    slug = index.get(key) or index.get("\0" + key.casefold())
    return domain.data["entries"].get(slug) if slug else None


class ar_termref(nodes.reference):
    """A link to a glossary entry; in HTML it carries what the preview popover shows."""


def term_reference(builder, fromdocname: str, entry: dict, contnode: nodes.Node) -> nodes.reference:
    uri = relative_uri(builder, fromdocname, entry["docname"])
    ref = ar_termref("", "", internal=True, refuri=uri, classes=["ar-term"])
    native = entry.get("native") or {}
    ref["ar_preview"] = {
        "name": entry["name"],
        "kind": KIND_LABELS[entry["kind"]],
        "summary": entry["summary"],
        "native": native.get("text", ""),
        "lang": native.get("lang", ""),
    }
    if isinstance(contnode, nodes.inline) and "xref" in contnode["classes"]:
        contnode = nodes.Text(contnode.astext())  # the role's generic wrapper: the link is styled as ar-term
    ref += contnode
    return ref


def visit_termref_html(self, node):
    """The first link to an entry on a page carries its preview data; later ones point to it by
    address (annotated_reader.js looks them up), which keeps heavily linked pages light. The entry's
    name is left out where it is the link's own text."""
    seen = self.__dict__.setdefault("_ar_previewed", set())
    data = {}
    if node["refuri"] not in seen:
        seen.add(node["refuri"])
        data = {f"data-ar-{k}": v for k, v in node["ar_preview"].items() if v and not (k == "name" and v == node.astext())}
    self.body.append(self.starttag(node, "a", "", href=node["refuri"], **data))


def depart_termref_html(self, node):
    self.body.append("</a>")


def visit_termref_latex(self, node):
    """Like Sphinx's own glossary terms: a link without a page number after each linked name."""
    uri = node.get("refuri", "")
    if not uri.startswith("%"):  # an entry outside the PDF's documents: plain text
        node["ar_plain"] = True
        return
    target = uri[1:].replace("#", ":") if "#" in uri else uri[1:] + "::doc"
    self.body.append(self.hyperlink(target) + r"\sphinxcrossref{")


def depart_termref_latex(self, node):
    if not node.get("ar_plain"):
        self.body.append("}}}")
