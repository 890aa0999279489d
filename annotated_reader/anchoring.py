"""Anchoring quotes to text: pure functions, no Sphinx.

The displayed text is never changed. Matching happens on a *normalised* copy (quote marks, dashes,
spaces and invisible characters folded) with an offset map back to the original, so a phrase copied
with straight quotes finds text printed with curly ones, and the match is reported in original
offsets.

Model: an article is a sequence of :class:`Block` (title, standfirst, caption, ¶1…¶n). The *document
text* is the blocks' texts joined by a blank line; prefix and suffix are matched against it (so they
may cross block boundaries), the phrase itself must lie inside one block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz import fuzz, process

BLOCK_SEPARATOR = "\n\n"

#: quote marks, apostrophes and dashes of every style, and the ASCII character each is matched as
FOLD = {}
for _c in "\u2018\u2019\u201a\u201b\u2032\u02bc\u0060\u00b4":
    FOLD[_c] = "'"
for _c in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    FOLD[_c] = '"'
for _c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212":
    FOLD[_c] = "-"
#: characters dropped by normalisation (soft hyphen, zero-width characters, BOM)
IGNORABLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


_FOLD_TABLE = str.maketrans(FOLD)
_DROP_AND_FOLD = str.maketrans({**FOLD, **dict.fromkeys(IGNORABLE)})
#: what normalisation does not copy as it is: a run of whitespace (with any invisibles inside it,
#: folded to one space), or a run of invisibles (dropped; the character before them takes their span)
_SPECIAL = re.compile(rf"\s[\s{''.join(sorted(IGNORABLE))}]*|[{''.join(sorted(IGNORABLE))}]+")
_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Normalised:
    """A normalised text with, for each of its characters, the span it came from in the original."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    original_length: int

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised half-open span back to the original text."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else self.original_length
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def from_original(self, pos: int) -> int:
        """Index of the first normalised character at or after original offset ``pos``."""
        lo, hi = 0, len(self.starts)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.ends[mid] <= pos:
                lo = mid + 1
            else:
                hi = mid
        return lo


def normalise(text: str) -> Normalised:
    """Fold quotes, dashes and spaces; collapse whitespace runs to one space; drop invisibles.
    The text between two runs of whitespace or invisibles is copied (folded) in one piece."""
    out: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    pos = 0
    for m in _SPECIAL.finditer(text):
        if m.start() > pos:
            out.append(text[pos : m.start()].translate(_FOLD_TABLE))
            starts.extend(range(pos, m.start()))
            ends.extend(range(pos + 1, m.start() + 1))
        if text[m.start()].isspace():
            out.append(" ")
            starts.append(m.start())
            ends.append(m.end())
        elif ends:
            ends[-1] = m.end()
        pos = m.end()
    if pos < len(text):
        out.append(text[pos:].translate(_FOLD_TABLE))
        starts.extend(range(pos, len(text)))
        ends.extend(range(pos + 1, len(text) + 1))
    return Normalised("".join(out), tuple(starts), tuple(ends), len(text))


def normalise_phrase(phrase: str) -> str:
    """The normalised form of a phrase typed by a contributor (outer whitespace removed): the text
    of :func:`normalise`, without its offset map."""
    return _SPACES.sub(" ", phrase.translate(_DROP_AND_FOLD)).strip()


def checksum_text(text: str) -> str:
    """The text as the checksum sees it: normalised, outer whitespace removed."""
    return normalise_phrase(text)


@dataclass(frozen=True)
class Block:
    key: str  #: "title", "standfirst", "caption", "p1" …
    label: str  #: how a reader names it: "the headline", "¶3" …
    text: str


@dataclass(frozen=True)
class Match:
    block: str
    start: int  #: offsets in the block's original text
    end: int
    doc_start: int  #: offsets in the document text (blocks joined by BLOCK_SEPARATOR)
    doc_end: int


class AnchorError(ValueError):
    """A quote that does not anchor exactly once. ``message`` and ``suggestion`` are for people."""

    def __init__(self, message: str, suggestion: str = ""):
        super().__init__(message)
        self.message = message
        self.suggestion = suggestion

    def __str__(self) -> str:
        return f"{self.message} ({self.suggestion})" if self.suggestion else self.message


def shorten(text: str, limit: int) -> str:
    """``text`` in at most ``limit`` characters, cut at a word boundary and ended with "…" when it is
    cut (a single word longer than the limit is cut inside, as nothing else fits)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,;:–-") + "…"


def _quote(s: str, limit: int = 60) -> str:
    return f"“{shorten(s, limit)}”"


class Document:
    """An article as anchoring sees it: blocks, the document text and its normalised form."""

    def __init__(self, blocks: list[Block]):
        self.blocks = list(blocks)
        self.offsets: list[int] = []  # document offset of each block
        pos = 0
        for b in self.blocks:
            self.offsets.append(pos)
            pos += len(b.text) + len(BLOCK_SEPARATOR)
        self.text = BLOCK_SEPARATOR.join(b.text for b in self.blocks)
        self.norm = normalise(self.text)
        self.by_key = {b.key: i for i, b in enumerate(self.blocks)}

    # -- helpers ---------------------------------------------------------------------------
    def block_at(self, doc_pos: int) -> int:
        """Index of the block holding document offset ``doc_pos``."""
        idx = 0
        for i, off in enumerate(self.offsets):
            if off <= doc_pos:
                idx = i
        return idx

    def labels(self, matches: list[Match]) -> str:
        return ", ".join(self.blocks[self.by_key[m.block]].label for m in matches)

    def _occurrences(self, needle: str) -> list[int]:
        hay = self.norm.text
        found, i = [], hay.find(needle)
        while i != -1:
            found.append(i)
            i = hay.find(needle, i + 1)
        return found

    def _to_match(self, nstart: int, nend: int) -> Match | None:
        ds, de = self.norm.to_original(nstart, nend)
        bi = self.block_at(ds)
        block = self.blocks[bi]
        off = self.offsets[bi]
        if de > off + len(block.text):
            return None  # crosses a block boundary
        return Match(block.key, ds - off, de - off, ds, de)

    def _before(self, nstart: int) -> str:
        return self.norm.text[:nstart].rstrip()

    def _after(self, nend: int) -> str:
        return self.norm.text[nend:].lstrip()

    def parse_block(self, value: str) -> str:
        """Turn a ``:paragraph:`` value (``3``, ``p3``, ``¶3``, ``standfirst``…) into a block key."""
        v = str(value).strip().lower().lstrip("¶")
        key = f"p{v}" if v.isdigit() else v
        if key not in self.by_key:
            raise AnchorError(
                f":paragraph: {value} does not exist",
                "use one of " + ", ".join(self._block_names()),
            )
        return key

    def _block_names(self) -> list[str]:
        nums = [b.key[1:] for b in self.blocks if re.fullmatch(r"p\d+", b.key)]
        names = [b.key for b in self.blocks if not re.fullmatch(r"p\d+", b.key)]
        if nums:
            names.append(f"{nums[0]}–{nums[-1]}" if len(nums) > 1 else nums[0])
        return names

    # -- the one public operation ------------------------------------------------------------
    def anchor(
        self,
        exact: str,
        prefix: str | None = None,
        suffix: str | None = None,
        block: str | None = None,
        near: int | None = None,
    ) -> Match:
        """Find ``exact`` exactly once, or raise :class:`AnchorError` saying why and what to do.

        ``near`` (a document offset) picks the closest of several matches instead of failing; it
        is used when importing annotations that carry a position selector.
        """
        needle = normalise_phrase(exact)
        if not needle:
            raise AnchorError("the phrase is empty", "write the exact words of the article after {annotation}")
        starts = self._occurrences(needle)
        matches = [m for m in (self._to_match(s, s + len(needle)) for s in starts) if m]
        if not matches:
            raise AnchorError(f"phrase {_quote(exact)} is not in the article", self.suggest(needle))
        candidates = matches
        if block is not None:
            key = self.parse_block(block)
            candidates = [m for m in candidates if m.block == key]
            if not candidates:
                label = self.blocks[self.by_key[key]].label
                raise AnchorError(
                    f"phrase {_quote(exact)} is not in {label}",
                    f"it occurs in {self.labels(matches)}",
                )
        if prefix is not None and normalise_phrase(prefix):
            p = normalise_phrase(prefix)
            kept = [m for m in candidates if self._before(self.norm.from_original(m.doc_start)).endswith(p)]
            if not kept:
                seen = "; ".join(_quote(self._words_before(m), 40) for m in candidates)
                raise AnchorError(
                    f":prefix: {_quote(prefix)} matches none of the {len(candidates)} places of {_quote(exact)}",
                    f"the text before them is {seen}",
                )
            candidates = kept
        if suffix is not None and normalise_phrase(suffix):
            s = normalise_phrase(suffix)
            kept = [m for m in candidates if self._after(self.norm.from_original(m.doc_end)).startswith(s)]
            if not kept:
                seen = "; ".join(_quote(self._words_after(m), 40) for m in candidates)
                raise AnchorError(
                    f":suffix: {_quote(suffix)} matches none of the {len(candidates)} places of {_quote(exact)}",
                    f"the text after them is {seen}",
                )
            candidates = kept
        if len(candidates) > 1 and near is not None:
            candidates = [min(candidates, key=lambda m: abs(m.doc_start - near))]
        if len(candidates) > 1:
            raise AnchorError(
                f"phrase {_quote(exact)} occurs {len(candidates)} times ({self.labels(candidates)})",
                "add :paragraph: with one of those, or :prefix: / :suffix: with the words around the one you mean",
            )
        return candidates[0]

    def _context_before(self, m: Match, width: int = 30) -> str:
        return self.text[max(0, m.doc_start - width) : m.doc_start]

    def _context_after(self, m: Match, width: int = 30) -> str:
        return self.text[m.doc_end : m.doc_end + width]

    def _words_before(self, m: Match, count: int = 4) -> str:
        return " ".join(self.text[: m.doc_start].split()[-count:])

    def _words_after(self, m: Match, count: int = 4) -> str:
        return " ".join(self.text[m.doc_end :].split()[:count])

    def suggest(self, needle: str) -> str:
        """'closest: “…” in ¶3', the run of words of the article most like a phrase that is not in it."""
        k = len(needle.split())
        windows: list[tuple[int, int, int]] = []  # (block index, start, end) in original offsets
        choices: list[str] = []
        for i, b in enumerate(self.blocks):
            words = [(m.start(), m.end()) for m in re.finditer(r"\S+", b.text)]
            for n in {max(1, k - 1), k, k + 1}:
                for j in range(0, max(0, len(words) - n) + 1):
                    s, e = words[j][0], words[min(j + n, len(words)) - 1][1]
                    windows.append((i, s, e))
                    choices.append(normalise(b.text[s:e]).text)
        best = process.extractOne(needle, choices, scorer=fuzz.ratio, processor=None) if choices else None
        if best is None or best[1] < 50:
            return "no similar text found; copy the phrase from the article"
        i, s, e = windows[best[2]]
        return f"closest: {_quote(self.blocks[i].text[s:e], 80)} in {self.blocks[i].label}"

    # -- selectors for export -----------------------------------------------------------------
    def quote_context(self, m: Match, width: int = 32) -> tuple[str, str]:
        """Up to ``width`` characters of document text before and after a match (W3C prefix/suffix)."""
        return self._context_before(m, width), self._context_after(m, width)
