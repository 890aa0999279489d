"""The PDF edition after LaTeX: which margin notes were moved, and LaTeX errors named by source.

Each note in the LaTeX output records where its number and its gloss in the margin land (``zref``'s
saved positions, written to the ``.aux`` file at shipout). ``marginfix`` never cuts a gloss: when
the margin is full it moves glosses down, to the next page if need be. After LuaLaTeX has run,
:func:`moved_notes` compares the two positions: a gloss printed off its phrase's page fails the
build, and one far below its line on the same page is named, both by notes file and line. When LuaLaTeX fails, :func:`explain_error`
maps the ``.tex`` line of the error back to the article or page it came from and, inside a note,
to that note.

Cross-references in the PDF end with the page they point to (``latex_show_pagerefs``); the anchors
the reader adds (note marks, paragraphs, commentary items, timeline events, citations, the map) get
LaTeX labels here, so that every such page reference resolves.

The map from LaTeX labels to notes is written by the LaTeX build (``annotated_reader-notes.json``
beside the ``.tex``); ``python -m annotated_reader pdf <latex dir>`` runs latexmk and both checks.
"""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from .anchoring import shorten
from .domain import add_node, get_domain

MAP_NAME = "annotated_reader-notes.json"
SP_PER_CM = 65536 * 72.27 / 2.54  # TeX's scaled points in a centimetre
FAR_CM = 6.0  # a note further than this below its line is reported even on the same page


def latex_label(key: str) -> str:
    """A short LaTeX-safe label for a note key (``slug/id``)."""
    return "arn" + hashlib.sha1(key.encode()).hexdigest()[:10]


def write_notes_map(app, exception) -> None:
    """After a LaTeX build: label -> the note's number, phrase and source file and line."""
    if exception is not None or app.builder.format != "latex":
        return
    env = app.env
    domain = get_domain(env)
    notes = {}
    for slug, anchors in domain.data["anchors"].items():
        for a in anchors:
            note = domain.data["notes"][a["key"]]
            notes[latex_label(a["key"])] = {
                "number": a["number"],
                "phrase": note["exact"],
                "article": slug,
                "file": str(Path(env.doc2path(note["docname"])).relative_to(app.srcdir)),
                "line": note["lineno"],
            }
    docs = {d: str(Path(env.doc2path(d)).relative_to(app.srcdir)) for d in sorted(env.found_docs)}
    (Path(app.outdir) / MAP_NAME).write_text(json.dumps({"notes": notes, "docs": docs}, indent=1), encoding="utf-8")


def _where(info: dict) -> str:
    return f"{info['file']}:{info['line']}"


def _note(info: dict) -> str:
    return f"note {info['number']} on “{shorten(info['phrase'], 40)}”"


# -- moved notes -------------------------------------------------------------------------------------------
_POS = re.compile(r"\\zref@newlabel\{(arn[0-9a-f]{10})-([mn])\}\{(.*)\}")


def _positions(aux: str) -> dict[tuple[str, str], tuple[int, int]]:
    out = {}
    for label, side, props in _POS.findall(aux):
        y = re.search(r"\\posy\{(-?\d+)\}", props)
        page = re.search(r"\\abspage\{(\d+)\}", props)
        if y and page:
            out[(label, side)] = (int(page.group(1)), int(y.group(1)))
    return out


def moved_notes(aux: str, notes: dict) -> tuple[list[str], list[str]]:
    """Glosses printed off their phrase's page (errors), and glosses on it but more than FAR_CM
    below their line (reported): one line each, by notes file, line and phrase."""
    pos = _positions(aux)
    off, far = [], []
    for label, info in sorted(notes.items(), key=lambda kv: (kv[1]["article"], kv[1]["number"])):
        if (label, "m") not in pos or (label, "n") not in pos:
            continue
        (mpage, my), (npage, ny) = pos[(label, "m")], pos[(label, "n")]
        if npage != mpage:
            off.append(
                f"{_where(info)}: PDF: the gloss of {_note(info)} is printed on page {npage}, its phrase on page {mpage} "
                "(the margin was full; shorten this gloss or the glosses around it)"
            )
        elif (my - ny) / SP_PER_CM > FAR_CM:  # y grows upwards
            far.append(
                f"{_where(info)}: PDF: the gloss of {_note(info)} is printed {(my - ny) / SP_PER_CM:.0f} cm below its phrase "
                f"on page {npage} (the margin was crowded)"
            )
    return off, far


# -- LaTeX errors -------------------------------------------------------------------------------------------
_DOC_LABEL = re.compile(r"\\label\{\\detokenize\{([^{}]+?)::doc\}\}")
_NOTE = re.compile(r"\\ARnote\{(arn[0-9a-f]{10})\}")


def explain_error(log: str, tex: str, notes_map: dict, tex_name: str = "annotated-reader.tex") -> str | None:
    """The first LaTeX error of a log, named by the source file (and note) its ``.tex`` line came from."""
    m = re.search(r"^! ([^\n]+)\n(.*?)^l\.(\d+) ?([^\n]*)", log, re.M | re.S)
    if not m:
        return None
    message, tex_line = m.group(1).strip(), int(m.group(3))
    lines = tex.splitlines()
    # TeX prints the line up to the point of the error after "l.<n>" (shortened in front with "...")
    line = lines[tex_line - 1] if tex_line <= len(lines) else ""
    shown = m.group(4).strip().removeprefix("...")
    cut = line.find(shown) + len(shown) if shown and shown in line else len(line)
    before = "\n".join([*lines[: tex_line - 1], line[:cut]])
    docs = _DOC_LABEL.findall(before)
    where = notes_map["docs"].get(docs[-1], docs[-1]) if docs else "the book's front matter"
    # inside a note: its \ARnote is the last one before the line, in the same paragraph
    last_note = None
    for n in _NOTE.finditer(before):
        last_note = n
    if last_note and "\n\n" not in before[last_note.end() :] and last_note.group(1) in notes_map["notes"]:
        info = notes_map["notes"][last_note.group(1)]
        return f"{_where(info)}: LaTeX error in {_note(info)}: {message} ({tex_name} line {tex_line})"
    return f"{where}: LaTeX error: {message} ({tex_name} line {tex_line}, in the part built from this file)"


def run_latex(latex_dir: Path, tex: str = "annotated-reader.tex") -> int:
    """latexmk with LuaLaTeX; then report moved notes, or name the source of an error. Exit status."""
    latex_dir = Path(latex_dir)
    cmd = ["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "-silent", tex]
    result = subprocess.run(cmd, cwd=latex_dir, capture_output=True, text=True)
    map_path = latex_dir / MAP_NAME
    notes_map = json.loads(map_path.read_text(encoding="utf-8")) if map_path.exists() else {"notes": {}, "docs": {}}
    if result.returncode != 0:
        log = (latex_dir / tex).with_suffix(".log")
        text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else result.stdout
        explained = explain_error(text, (latex_dir / tex).read_text(encoding="utf-8"), notes_map, tex)
        print(explained or result.stdout[-2000:])
        return 1
    aux = (latex_dir / tex).with_suffix(".aux").read_text(encoding="utf-8", errors="replace")
    off, far = moved_notes(aux, notes_map["notes"])
    for line in far + off:
        print(line)
    total = len(notes_map["notes"])
    if off:
        print(f"PDF: {len(off)} of {total} glosses are printed off their phrase's page")
        return 1
    print(f"PDF: every gloss is on its phrase's page ({len(far)} of {total} more than {FAR_CM:.0f} cm below its line)")
    return 0


class ar_label(nodes.Inline, nodes.Element):
    """A LaTeX label for each id of the element it was taken from (nothing in other outputs)."""


def visit_label_latex(self, node):
    self.body.append("".join(self.hypertarget(i, anchor=not self.in_title) for i in node["labels"]))
    raise nodes.SkipNode


class LabelAnchors(SphinxPostTransform):
    """LaTeX: Sphinx labels sections and targets only; give every other element with ids a label."""

    default_priority = 900
    builders = ("latex",)

    def run(self):
        for node in list(self.document.findall(nodes.Element)):
            if not node.get("ids") or isinstance(node, (nodes.section, nodes.target, nodes.document, ar_label)):
                continue
            label = ar_label(labels=list(node["ids"]))
            holder = node if isinstance(node, nodes.TextElement) else node.next_node(nodes.TextElement)
            if holder is not None:
                holder.insert(0, label)
            elif node.parent is not None:  # no text inside (a figure drawn by its visitor): just before it
                node.parent.insert(node.parent.index(node), label)


def setup_pdfcheck(app) -> None:
    add_node(app, ar_label, latex=(visit_label_latex, None))
    app.add_post_transform(LabelAnchors)
    app.connect("build-finished", write_notes_map)
