"""Command line: ``python -m annotated_reader COMMAND …`` (see ``--help``)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

DEFAULT_RIGHTS = (
    "Reproduced in full, unaltered, for commentary and criticism. Copyright remains with the author and the publisher."
)


def cmd_import(args) -> int:
    from . import textimport

    raw_path = Path(args.raw)
    if not raw_path.is_file():
        return fail(f"cannot import {raw_path}: no such file")
    raw = raw_path.read_text(encoding="utf-8")
    if not raw.strip():
        return fail(f"cannot import {raw_path}: the file is empty")
    try:
        parsed = textimport.parse_raw(
            raw, caption=args.caption, standfirst=not args.no_standfirst, drop=tuple(args.drop), cut_from=tuple(args.cut_from)
        )
    except textimport.ImportError_ as err:
        return fail(f"cannot import {raw_path}: {err}")
    out_dir = Path(args.out)
    target = out_dir / f"{args.slug}.md"
    if target.exists() and not args.force:
        return fail(f"{target} exists; articles are not re-imported over themselves (use --force and explain why)")
    raw_copy = out_dir / "raw" / f"{args.slug}.txt"
    raw_copy.parent.mkdir(parents=True, exist_ok=True)
    raw_copy.write_text(raw, encoding="utf-8")
    meta = {
        "title": args.title or parsed.title.strip('“”"\u00a0 '),
        "byline": args.byline,
        "byline-note": args.byline_note,
        "outlet": args.outlet,
        "published": args.published,
        "url": args.url,
        "rights": args.rights,
    }
    target.write_text(textimport.render_article(parsed, meta, f"raw/{args.slug}.txt"), encoding="utf-8")
    print(
        f"wrote {target}: headline, {'standfirst, ' if parsed.standfirst else ''}{'caption, ' if parsed.caption else ''}"
        f"{len(parsed.paragraphs)} paragraphs; removed {len(parsed.removed)} blocks of web chrome"
    )
    for r in parsed.removed:
        print(f"  removed ({r.reason}): {r.text[:70]}")
    return 0


def cmd_import_annotations(args) -> int:
    from . import export, sources, textimport
    from .anchoring import Document
    from .note_nodes import KINDS

    file = Path(args.file)
    if not file.is_file():
        return fail(f"cannot import {file}: no such file")
    article = Path(args.articles) / f"{args.article}.md"
    if not article.is_file():
        return fail(f"no article '{args.article}' ({article} does not exist)")
    try:
        incoming = export.read_annotations(file.read_text(encoding="utf-8"))
    except export.ImportFormatError as err:
        return fail(f"{file}: {err}")
    _meta, blocks = textimport.read_article(article.read_text(encoding="utf-8"))
    doc = Document(blocks)
    bib = Path(args.bibliography)
    known = sources.parse_bibliography(bib.read_text(encoding="utf-8"))[0] if bib.is_file() else {}
    url_to_key = {s.url: s.key for s in known.values()}
    written, problems = export.to_blocks(doc, incoming, KINDS, url_to_key)
    notes = article.with_name(f"{args.article}.notes.md")
    existing = notes.read_text(encoding="utf-8") if notes.exists() else f"# Commentary on {args.article}\n"
    if written:
        notes.write_text(existing.rstrip("\n") + "\n\n" + "\n\n".join(written) + "\n", encoding="utf-8")
    print(f"{notes}: added {len(written)} notes; {len(problems)} did not anchor and were not written")
    for p in problems:
        print(f"  not written: {p}")
    return 1 if problems else 0


def cmd_note(args) -> int:
    """Check that a phrase anchors, show where, and append a ready-to-fill note block."""
    from . import textimport
    from .anchoring import AnchorError, Document

    article = Path(args.articles) / f"{args.article}.md"
    if not article.is_file():
        known = ", ".join(sorted(p.stem for p in Path(args.articles).glob("*.md") if not p.stem.endswith(".notes")))
        return fail(f"no article '{args.article}' (articles: {known})")
    _meta, blocks = textimport.read_article(article.read_text(encoding="utf-8"))
    doc = Document(blocks)
    try:
        m = doc.anchor(args.phrase, args.prefix, args.suffix, args.paragraph)
    except AnchorError as err:
        return fail(str(err))
    block = doc.blocks[doc.by_key[m.block]]
    before, after = block.text[max(0, m.start - 40) : m.start], block.text[m.end : m.end + 40]
    print(f"{block.label}: …{before}[{block.text[m.start : m.end]}]{after}…")
    lines = [f":::{{annotation}} {' '.join(args.phrase.split())}", f":kind: {args.kind}", ":gloss:", ":sources:"]
    lines += [f":{k}: {v}" for k, v in (("paragraph", args.paragraph), ("prefix", args.prefix), ("suffix", args.suffix)) if v]
    lines += [
        "Write the note here: 20–150 words, your own words; add source keys above, and a gloss of at most "
        "30 words: the one thing the reader needs beside the line.",
        ":::",
    ]
    notes = article.with_name(f"{args.article}.notes.md")
    existing = notes.read_text(encoding="utf-8") if notes.exists() else f"# Commentary on {args.article}\n"
    notes.write_text(existing.rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"appended a note to {notes}; fill in :gloss:, :sources: and the text, then run make preview")
    return 0


def cmd_entry(args) -> int:
    """Create a glossary entry with the fields to fill."""
    import re

    slug = args.slug or re.sub(r"[^a-z0-9]+", "-", args.name.lower()).strip("-")
    path = Path(args.glossary) / f"{slug}.md"
    if path.exists():
        return fail(f"{path} exists already; edit it instead")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"---\nname: {args.name}\nkind: {args.kind}\naliases:\n  - \nnative:\n  text: \n  lang: \n"
        "summary: One sentence, plain text, at most 200 characters.\nsources: []\n---\n\n"
        "Write 80–300 words in your own words; link related entries with {term}`Name`.\n",
        encoding="utf-8",
    )
    print(f"wrote {path}: fill in aliases, native (or remove it), summary, sources and the text")
    return 0


def cmd_new(args) -> int:
    from .scaffold import scaffold

    try:
        written = scaffold(Path(args.folder), args.title)
    except FileExistsError as err:
        return fail(str(err))
    print(f"wrote {len(written)} files in {args.folder}: run 'make html' and 'make check' there, then replace the examples")
    return 0


def cmd_pdf(args) -> int:
    from .pdfcheck import run_latex

    return run_latex(Path(args.latex_dir), args.tex)


def fail(message: str) -> int:
    print(f"error: {message}", file=sys.stderr)
    return 2


def main(argv=None) -> int:
    p = argparse.ArgumentParser(prog="python -m annotated_reader", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    imp = sub.add_parser("import", help="import a scraped article as a MyST page")
    imp.add_argument("raw", help="the raw text file")
    imp.add_argument("--slug", required=True)
    imp.add_argument("--out", default="docs/articles", help="folder for the article page (default: docs/articles)")
    imp.add_argument("--caption", action="store_true", help="the block after the standfirst is a photo caption")
    imp.add_argument("--no-standfirst", action="store_true", help="the article has no standfirst")
    imp.add_argument("--drop", action="append", default=[], metavar="TEXT", help="a block of web chrome to leave out")
    imp.add_argument(
        "--cut-from", action="append", default=[], metavar="TEXT", help="leave out everything from the block starting with TEXT"
    )
    imp.add_argument("--title")
    imp.add_argument("--byline", help="exactly as printed; leave out if the article has none")
    imp.add_argument("--byline-note")
    imp.add_argument("--outlet")
    imp.add_argument("--published", help="YYYY-MM-DD")
    imp.add_argument("--url")
    imp.add_argument("--rights", default=DEFAULT_RIGHTS)
    imp.add_argument("--force", action="store_true")
    imp.set_defaults(func=cmd_import)

    ia = sub.add_parser("import-annotations", help="add W3C / Hypothes.is annotations to an article's notes file")
    ia.add_argument("file")
    ia.add_argument("--article", required=True, help="the article's slug")
    ia.add_argument("--articles", default="docs/articles")
    ia.add_argument("--bibliography", default="sources.bib")
    ia.set_defaults(func=cmd_import_annotations)

    pdf = sub.add_parser("pdf", help="run LuaLaTeX on a LaTeX build; name moved margin notes and the source of errors")
    pdf.add_argument("latex_dir", help="the LaTeX build folder (e.g. _build/latex)")
    pdf.add_argument("--tex", default="annotated-reader.tex")
    pdf.set_defaults(func=cmd_pdf)

    note = sub.add_parser("note", help="check a phrase anchors and append a note block to the notes file")
    note.add_argument("article", help="the article's slug")
    note.add_argument("phrase")
    note.add_argument("--kind", default="context", choices=["context", "fact-check", "sic", "quote", "term"])
    note.add_argument("--paragraph")
    note.add_argument("--prefix")
    note.add_argument("--suffix")
    note.add_argument("--articles", default="docs/articles")
    note.set_defaults(func=cmd_note)

    entry = sub.add_parser("entry", help="create a glossary entry with the fields to fill")
    entry.add_argument("name")
    entry.add_argument("--kind", default="person", choices=["person", "group", "place", "event", "concept"])
    entry.add_argument("--slug")
    entry.add_argument("--glossary", default="glossary")
    entry.set_defaults(func=cmd_entry)

    new = sub.add_parser("new", help="start a new annotated reader in a folder (an example article, notes, entry, source)")
    new.add_argument("folder")
    new.add_argument("--title", default="An annotated reader")
    new.set_defaults(func=cmd_new)

    args = p.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
