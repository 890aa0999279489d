"""Articles: front matter checks, the checksum, paragraph numbers and stable ids.

An article page is a MyST file with an ``article:`` front matter mapping, a headline, optionally a
``{standfirst}`` and a ``{photo-caption}`` block, and then one MyST paragraph per paragraph of the
original. Nothing else. Paragraphs get ids ``p1``…``pn`` and a visible, linkable number.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.transforms import SphinxTransform
from sphinx.util.docutils import SphinxDirective

from . import frontmatter as fmx
from . import textimport
from .anchoring import Block, checksum_text
from .domain import add_node, get_domain, report
from .records import Article, ArticleBlock

F = fmx.Field
ARTICLE_SCHEMA = {
    "title": F((str,), "the headline as printed, in quotes"),
    "byline": F((str, type(None)), "the byline exactly as printed, or null if the article has none"),
    "byline-note": F((str,), "a sentence about the byline", required=False),
    "outlet": F((str,), "the publication's name"),
    "published": F((dt.date,), "a date written YYYY-MM-DD"),
    "url": F((str,), "the original address, starting with https://", check=fmx.is_url),
    "rights": F((str,), "a rights note"),
    "photo": F((str,), "what became of the photo", required=False),
    "source": F((str,), "the imported raw file, relative to the article", required=False),
    "removed": F((list,), "a list of {text, reason} for the web chrome that was left out"),
    "checksum": F(
        (str,), "sha256: followed by 64 hex digits", check=lambda v: re.fullmatch(r"sha256:[0-9a-f]{64}", v) is not None
    ),
}


class paranum(nodes.Element):
    """The visible, linkable number of an article paragraph (no text of its own)."""


class StandfirstDirective(SphinxDirective):
    has_content = True

    def run(self):
        node = nodes.container(classes=["ar-standfirst"])
        self.set_source_info(node)
        node += self.parse_content_to_nodes()
        return [node]


class PhotoCaptionDirective(StandfirstDirective):
    option_spec = {"photo": directives.unchanged}

    def run(self):
        node = nodes.container(classes=["ar-caption"])
        self.set_source_info(node)
        note = nodes.paragraph(classes=["ar-apparatus"], ar_apparatus=True)
        note += nodes.Text(self.options.get("photo", "Photo not reproduced in this edition; its caption:"))
        node += note
        node += self.parse_content_to_nodes()
        return [node]


def article_blocks(section: nodes.section, slug: str, location) -> list[tuple[Block, nodes.Element]]:
    """The article's blocks in order, each with the node that displays it."""
    out: list[tuple[Block, nodes.Element]] = [(Block("title", "the headline", section[0].astext()), section[0])]
    n = 0
    for child in section.children[1:]:
        kind = [c for c in child.get("classes", []) if c in ("ar-standfirst", "ar-caption")]
        if isinstance(child, nodes.container) and kind:
            key, label = ("standfirst", "the standfirst") if kind[0] == "ar-standfirst" else ("caption", "the photo caption")
            paras = [p for p in child.findall(nodes.paragraph) if not p.get("ar_apparatus")]
            if len(paras) != 1:
                report((location[0], child.line), f"the {key} must be exactly one paragraph, found {len(paras)}")
                continue
            out.append((Block(key, label, paras[0].astext()), paras[0]))
        elif isinstance(child, nodes.paragraph):
            n += 1
            out.append((Block(f"p{n}", f"¶{n}", child.astext()), child))
        elif isinstance(child, (nodes.target, nodes.comment)):
            continue
        else:
            report(
                (location[0], child.line or location[1]),
                f"an article holds only its headline, standfirst, photo caption and paragraphs; found {child.tagname}",
                "keep notes and comments in the notes file",
            )
    return out


def article_meta(fm: fmx.FrontMatter) -> dict:
    """An article page's ``article:`` front matter, checked. Pure: raises ``FrontMatterError``."""
    meta = fmx.validate(fm, "article", ARTICLE_SCHEMA)
    for i, item in enumerate(meta["removed"]):
        if not (isinstance(item, dict) and isinstance(item.get("text"), str) and isinstance(item.get("reason"), str)):
            raise fmx.FrontMatterError(
                fm.line(f"article.removed.{i}"),
                f"front matter field 'article.removed' item {i + 1} must be a mapping with 'text' and 'reason'",
            )
    return meta


class ArticleTransform(SphinxTransform):
    """Validate an article page and number its paragraphs; register it in the domain."""

    default_priority = 700

    def apply(self):
        env = self.env
        docname = env.docname
        path = Path(env.doc2path(docname))
        try:
            fm = fmx.read(path.read_text(encoding="utf-8"))
        except fmx.FrontMatterError as err:
            from .entries import is_entry_doc

            if not is_entry_doc(env.config, docname):  # entries report their own front matter
                report((docname, err.line), err.message, err.suggestion)
            return
        except OSError:
            return
        if fm is None or "article" not in fm.data:
            return
        slug = path.name[: -len(path.suffix)] if path.suffix else path.name
        try:
            meta = article_meta(fm)
        except fmx.FrontMatterError as err:
            report((docname, err.line), err.message, err.suggestion)
            return
        sections = [s for s in self.document.children if isinstance(s, nodes.section)]
        if len(sections) != 1:
            report((docname, 1), "an article page needs exactly one headline ('# …')")
            return
        pairs = article_blocks(sections[0], slug, (docname, 1))
        blocks = [b for b, _ in pairs]
        found = textimport.checksum(blocks)
        if found != meta["checksum"]:
            line, detail = self._first_difference(path, meta, pairs)
            report(
                (docname, line),
                f"the article text differs from the imported text (checksum mismatch){detail}",
                "articles are never edited after import; undo the change, or re-import and explain why in the commit",
            )
        sections[0]["classes"].append("ar-article")
        sections[0]["ar_slug"] = slug
        for block, node in pairs:
            node["ar_slug"] = slug
            node["ar_block"] = block.key
            if block.key == "title":
                continue
            node["ids"] = [block.key] + [i for i in node["ids"] if i != block.key]
            node["classes"].append("ar-block")
            if block.key.startswith("p"):
                node.insert(0, paranum(number=block.key[1:], refid=block.key))
        get_domain(env).add_record(
            "articles",
            slug,
            Article(
                docname=docname,
                title=meta["title"],
                meta={k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in meta.items()},
                blocks=[ArticleBlock(b.key, b.label, b.text, node.line or 0) for b, node in pairs],
            ),
        )

    def _first_difference(self, path: Path, meta: dict, pairs) -> tuple[int, str]:
        """Compare with the committed raw copy, if there is one, to name the first changed block."""
        if not meta.get("source"):
            return 1, ""
        raw_path = path.parent / meta["source"]
        try:
            raw_blocks = textimport.split_blocks(raw_path.read_text(encoding="utf-8"))
        except OSError:
            return 1, ""
        removed = {r["text"] for r in meta["removed"]}
        original = [b for b in raw_blocks if b not in removed]
        for i, (block, node) in enumerate(pairs):
            if i >= len(original) or checksum_text(original[i]) != checksum_text(block.text):
                was = original[i] if i < len(original) else ""
                return node.line or 1, f": {block.label} differs first (was “{was[:60]}”)"
        return 1, ""


def visit_paranum_html(self, node):
    n = node["number"]
    self.body.append(f'<a class="ar-pnum" href="#{node["refid"]}" title="Link to paragraph {n}">¶{n}</a>')
    raise nodes.SkipNode


def visit_paranum_latex(self, node):
    self.body.append(r"\ARparanum{" + node["number"] + "}")
    raise nodes.SkipNode


def visit_paranum_text(self, node):
    self.add_text(f"[¶{node['number']}] ")
    raise nodes.SkipNode


def setup_articles(app) -> None:
    add_node(app, paranum, html=(visit_paranum_html, None), latex=(visit_paranum_latex, None), text=(visit_paranum_text, None))
    app.add_directive("standfirst", StandfirstDirective)
    app.add_directive("photo-caption", PhotoCaptionDirective)
    app.add_transform(ArticleTransform)
