"""The sources page: ``{sources-list}`` lists every source of the bibliography with how its page was
checked and links back to everything that cites it (or, with ``:unconfirmed:``, only the sources whose
page could not be found)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.docutils import SphinxDirective

from .domain import add_node, digest, get_domain, page_ref
from .sources import bibliography_path, load_sources


class sources_list(nodes.General, nodes.Element):
    pass


class SourcesListDirective(SphinxDirective):
    """Every source with its backlinks; ``:unconfirmed:`` only those whose page could not be checked."""

    option_spec = {"unconfirmed": directives.flag}

    def run(self):
        domain = get_domain(self.env)
        domain.note_aggregate(self.env.docname, "sources")  # rewritten on every build (on_get_updated)
        if "unconfirmed" not in self.options:
            domain.note_aggregate(self.env.docname, "sources-full")  # where each source's entry is
        return [sources_list(unconfirmed="unconfirmed" in self.options)]


def by_publisher(source) -> tuple[str, str]:
    """The sources page's order: by publisher, then title, case aside."""
    return source.organization.lower(), source.title.lower()


class FillSourcesList(SphinxPostTransform):
    default_priority = 5

    def run(self):
        for node in list(self.document.findall(sources_list)):
            node.replace_self(self.unconfirmed() if node.get("unconfirmed") else self.render())

    def unconfirmed(self) -> list[nodes.Node]:
        """A short list: the publisher, the title linking its full entry, and why it is not confirmed."""
        out = nodes.bullet_list(classes=["ar-source-list", "ar-unconfirmed"])
        full = get_domain(self.env).aggregate_docs("sources-full")
        for s in sorted(load_sources(self.env).values(), key=by_publisher):
            if s.unconfirmed:
                para = nodes.paragraph("", "", nodes.strong("", s.publisher()), nodes.Text(". "))
                title = nodes.Text(s.title_text())
                para += page_ref(self.env.docname, full[0], f"src-{s.key}", title) if full else title
                para += nodes.Text(". " + s.check_text())
                out += nodes.list_item("", para)
        if not len(out):
            return [nodes.paragraph("", "Every source's page was found and checked.")]
        return [out]

    def render(self) -> list[nodes.Node]:
        env = self.env
        sources = load_sources(env)
        cites: dict[str, list[dict]] = {}
        for rec in get_domain(env).data["citations"].values():
            for k in rec["keys"]:
                cites.setdefault(k, []).append(rec)
        out = nodes.bullet_list(classes=["ar-source-list"])
        for s in sorted(sources.values(), key=by_publisher):
            item = nodes.list_item(ids=[f"src-{s.key}"])
            para = nodes.paragraph()
            para += nodes.strong("", s.organization)
            para += nodes.Text(". ")
            para += nodes.reference("", s.title_text(), refuri=s.url)
            bits = [b for b in (s.author, s.date_text()) if b]
            if bits:
                para += nodes.Text(". " + ". ".join(bits))
            if s.reprint:
                para += nodes.Text(f". A reprint of {s.reprint}’s story")
            para += nodes.Text(". " + s.check_text())
            item += para
            refs = sorted(cites.get(s.key, []), key=lambda r: (r["docname"], r["target"]))
            back = nodes.paragraph(classes=["ar-backlinks"])
            back += nodes.Text("Cited by: " if refs else "Not cited yet.")
            groups: dict[str, list[tuple[str, str]]] = {}  # one label per place; a page citing it twice links each
            for r in refs:
                label = r["label"] or (env.titles[r["docname"]].astext() if r["docname"] in env.titles else r["docname"])
                groups.setdefault(label, []).append((r["docname"], r["target"]))
            for i, (label, places) in enumerate(groups.items()):
                if i:
                    back += nodes.Text(", ")
                if len(places) == 1:
                    back += page_ref(env.docname, *places[0], nodes.Text(label))
                    continue
                back += nodes.Text(f"{label} (")
                for k, place in enumerate(places, 1):
                    back += nodes.Text(", " if k > 1 else "")
                    back += page_ref(env.docname, *place, nodes.Text(f"citation {k}"))
                back += nodes.Text(")")
            item += back
            out += item
        return [out]


def _written(app) -> Path:
    """Where a build that finished writing keeps the digest of the sources page it wrote."""
    return Path(app.doctreedir) / f"ar-sources-page.{app.builder.name}.digest"


def _shown(app) -> str:
    """What the page shows: every citation, the titles of pages that cite without a label, the bibliography."""
    path, citations = bibliography_path(app), get_domain(app.env).data["citations"]
    titles = {
        r["docname"]: app.env.titles[r["docname"]].astext()
        for r in citations.values()
        if not r["label"] and r["docname"] in app.env.titles
    }
    return digest(sorted(citations.items()), sorted(titles.items()), path.stat().st_mtime_ns if path.exists() else None)


def on_get_updated(app, env):
    """The sources page lists every citation: it is rewritten when a citation or the bibliography
    changed since the last build that finished (editing a note's words leaves it as it was)."""
    written = _written(app)
    if written.exists() and written.read_text() == _shown(app):
        return []
    return get_domain(env).aggregate_docs("sources")


def remember_written(app, exception) -> None:
    if exception is None and get_domain(app.env).aggregate_docs("sources"):
        _written(app).write_text(_shown(app))


def setup_sources_page(app) -> None:
    add_node(app, sources_list)
    app.add_directive("sources-list", SourcesListDirective)
    app.add_post_transform(FillSourcesList)
    app.connect("env-get-updated", on_get_updated)
    app.connect("build-finished", remember_written)
