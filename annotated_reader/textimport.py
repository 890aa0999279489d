"""Importing a scraped article: split it into blocks, drop declared web chrome, write MyST.

Pure functions, no Sphinx. The text of every kept block is reproduced exactly (typos, odd spacing
and non-breaking spaces included); only characters that Markdown would otherwise interpret are
backslash-escaped, so the rendered text equals the imported text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from .anchoring import Block, checksum_text

#: Web chrome recognised without being asked: (reason, pattern on a whole block).
SKIP_LINKS = re.compile(r"Skip to (main )?content( Skip to footer)?", re.I)
CATEGORY_LINE = re.compile(r"[A-Z][A-Za-z]+( [A-Z][A-Za-z]+)*(, [A-Z][A-Za-z]+( [A-Z][A-Za-z]+)*)+")
#: A block from which everything to the end is a fundraising appeal.
APPEAL_STARTS = ("A critical message, before you scroll away",)


class ImportError_(ValueError):
    """A raw file that cannot be imported; the message is one line for the command line."""


@dataclass
class Removed:
    text: str
    reason: str


@dataclass
class Parsed:
    title: str
    standfirst: str | None
    caption: str | None
    paragraphs: list[str]
    removed: list[Removed] = field(default_factory=list)

    def blocks(self) -> list[Block]:
        out = [Block("title", "the headline", self.title)]
        if self.standfirst is not None:
            out.append(Block("standfirst", "the standfirst", self.standfirst))
        if self.caption is not None:
            out.append(Block("caption", "the photo caption", self.caption))
        out += [Block(f"p{i}", f"¶{i}", p) for i, p in enumerate(self.paragraphs, 1)]
        return out


def split_blocks(raw: str) -> list[str]:
    """Blocks are separated by blank lines; line ends inside a block become spaces."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = []
    for chunk in re.split(r"\n[ \t]*\n", raw):
        lines = [ln.strip(" \t") for ln in chunk.split("\n")]
        text = " ".join(ln for ln in lines if ln)
        if text.strip():
            blocks.append(text)
    return blocks


def parse_raw(
    raw: str,
    *,
    caption: bool = False,
    standfirst: bool = True,
    drop: tuple[str, ...] = (),
    cut_from: tuple[str, ...] = (),
) -> Parsed:
    """Split a scraped article into headline, standfirst, caption and body paragraphs."""
    blocks = split_blocks(raw)
    if not blocks:
        raise ImportError_("the file holds no text")
    removed: list[Removed] = []
    kept: list[str] = []
    starts = APPEAL_STARTS + tuple(cut_from)
    for i, b in enumerate(blocks):
        if any(b.startswith(s) for s in starts):
            rest = blocks[i:]
            reason = "fundraising appeal" if b.startswith(APPEAL_STARTS) else "cut from here on request"
            removed += [Removed(r, reason) for r in rest]
            break
        if SKIP_LINKS.fullmatch(b.strip()):
            removed.append(Removed(b, "skip links"))
        elif b.strip() in drop:
            removed.append(Removed(b, "dropped on request"))
        elif not kept and len(blocks) > i + 1 and len(b) <= 60 and CATEGORY_LINE.fullmatch(b.strip()):
            removed.append(Removed(b, "category line"))
        else:
            kept.append(b)
    need = 1 + standfirst + caption + 1
    if len(kept) < need:
        raise ImportError_(f"expected at least {need} blocks of article text after removing web chrome, found {len(kept)}")
    title, rest = kept[0], kept[1:]
    sf = rest.pop(0) if standfirst else None
    cap = rest.pop(0) if caption else None
    return Parsed(title, sf, cap, rest, removed)


def checksum(blocks: list[Block]) -> str:
    """sha256 over the normalised text of all blocks, one per line."""
    text = "\n".join(checksum_text(b.text) for b in blocks)
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


# -- writing MyST ----------------------------------------------------------------------------------
_ALWAYS = set("\\`*_[]<>{}$|~")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")


def escape_markdown(text: str) -> str:
    """Escape ``text`` so that MyST renders exactly it as one paragraph of plain text."""
    out = []
    for c in text:
        out.append("\\" + c if c in _ALWAYS else c)
    s = _ENTITY.sub(r"\\&", "".join(out))
    # block-level markers at the start of the line
    m = re.match(r"(\d{1,9})([.)])(\s|$)", s)
    if m:
        s = m.group(1) + "\\" + s[len(m.group(1)) :]
    elif re.match(r"\(.*\)=\s*$", s):
        s = "\\" + s  # a MyST target "(name)="
    elif re.match(r"([#>+=:%-])", s) or re.match(r"\s", s):
        s = "\\" + s if not s[0].isspace() else s
    # a line of only '-', '=' or '*' would be a rule or a setext underline; covered above
    # trailing backslash or spaces would become a hard break
    return s


def _yaml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def render_article(parsed: Parsed, meta: dict, raw_name: str) -> str:
    """The article page: front matter, then headline, standfirst, caption and paragraphs."""
    blocks = parsed.blocks()
    lines = ["---", "article:"]
    for key in ("title", "byline", "byline-note", "outlet", "published", "url", "rights"):
        value = meta.get(key)
        if value is None and key == "byline-note":
            continue
        if value is None:
            lines.append(f"  {key}: null" if key == "byline" else f"  {key}: TODO")
        elif key == "published":
            lines.append(f"  {key}: {value}")
        else:
            lines.append(f"  {key}: {_yaml_str(str(value))}")
    if parsed.caption is not None:
        lines.append(f"  photo: {_yaml_str(meta.get('photo') or 'not reproduced in this edition')}")
    lines.append(f"  source: {_yaml_str(raw_name)}")
    lines.append("  removed:")
    for r in parsed.removed:
        lines.append(f"    - text: {_yaml_str(r.text)}")
        lines.append(f"      reason: {_yaml_str(r.reason)}")
    if not parsed.removed:
        lines[-1] = "  removed: []"
    lines.append(f"  checksum: {checksum(blocks)}")
    lines += ["---", "", "# " + escape_markdown(parsed.title), ""]
    if parsed.standfirst is not None:
        lines += [":::{standfirst}", escape_markdown(parsed.standfirst), ":::", ""]
    if parsed.caption is not None:
        lines += [":::{photo-caption}", escape_markdown(parsed.caption), ":::", ""]
    for p in parsed.paragraphs:
        lines += [escape_markdown(p), ""]
    return "\n".join(lines)


# -- reading an article page back (for commands that work without Sphinx) --------------------------------
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unescape_markdown(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def read_article(md: str) -> tuple[dict, list[Block]]:
    """The front matter and blocks of an article page written by :func:`render_article`."""
    from . import frontmatter

    fm = frontmatter.read(md)
    body = frontmatter.FENCE.sub("", md, count=1)
    blocks: list[Block] = []
    n = 0
    for chunk in re.split(r"\n\s*\n", body):
        lines = [ln.strip() for ln in chunk.strip().split("\n") if ln.strip()]
        kind = None
        if lines and re.match(r":::\{(standfirst|photo-caption)\}", lines[0]):
            kind = "standfirst" if "standfirst" in lines[0] else "caption"
            lines = [ln for ln in lines[1:] if ln != ":::"]
        if not lines:
            continue
        text = unescape_markdown(" ".join(lines))
        if lines[0].startswith("# ") and not blocks:
            blocks.append(Block("title", "the headline", unescape_markdown(lines[0][2:])))
        elif kind:
            blocks.append(Block(kind, "the standfirst" if kind == "standfirst" else "the photo caption", text))
        else:
            n += 1
            blocks.append(Block(f"p{n}", f"¶{n}", text))
    return (fm.data.get("article", {}) if fm else {}), blocks
