"""Finding mentions of glossary names in text: one matcher for every alias (pure, no Sphinx).

Rules (documented in CONTRIBUTING.md):
- whole words only: a match may not start or end inside a word;
- the longest alias wins where aliases overlap ("Kataeb Hezbollah" is not a mention of Hezbollah);
- names are matched without regard to case ("popular mobilization forces" counts), except aliases
  written in capitals (acronyms such as "PMF", "IRGC"), which match only in capitals;
- quote marks, apostrophes and dashes of any style match alike, as do runs of spaces.

All aliases are compiled into one regular expression shaped as a trie, so the cost of a search grows
with the length of the text, not with the number of aliases.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .anchoring import normalise, normalise_phrase


def is_acronym(alias: str) -> bool:
    letters = [c for c in alias if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@lru_cache(maxsize=65536)
def alias_key(alias: str) -> str:
    """How two aliases are compared for clashes: normalised, and folded unless an acronym. Kept
    per name: every ``{term}`` of every page is looked up through it."""
    n = normalise_phrase(alias)
    return n if is_acronym(n) else n.casefold()


def _trie_regex(words: list[str]) -> str:
    trie: dict = {}
    for w in words:
        node = trie
        for c in w:
            node = node.setdefault(c, {})
        node[""] = True

    def emit(node: dict) -> str:
        end = "" in node
        branches = [re.escape(c) + emit(child) for c, child in sorted(node.items(), key=lambda kv: kv[0]) if c]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if end else body

    return emit(trie)


@dataclass(frozen=True)
class Mention:
    start: int  #: offsets in the original text
    end: int
    target: str  #: the entry's key
    alias: str  #: the alias as the matcher knows it


class AliasMatcher:
    def __init__(self, aliases: dict[str, str]):
        """``aliases`` maps alias -> entry key. Clashes must have been resolved before."""
        self.lookup: dict[str, str] = {}
        plain, caps = [], []
        for alias, target in aliases.items():
            n = normalise_phrase(alias)
            if not n:
                continue
            if is_acronym(n):
                caps.append(n)
                self.lookup[n] = target
            else:
                plain.append(n.casefold())
                self.lookup[n.casefold()] = target
        parts = []
        if caps:
            parts.append("(?-i:" + _trie_regex(caps) + ")")
        if plain:
            parts.append(_trie_regex(plain))
        # longest first: try every alternative at a position, keep the longest, via a lookahead scan
        self._parts = [re.compile(r"(?<!\w)(" + p + r")(?!\w)", re.IGNORECASE) for p in parts]

    def find(self, text: str) -> list[Mention]:
        norm = normalise(text)
        found: list[tuple[int, int, str]] = []
        for rx in self._parts:
            pos = 0
            while True:
                m = rx.search(norm.text, pos)
                if not m:
                    break
                found.append((m.start(), m.end(), m.group(1)))
                pos = m.start() + 1
        # keep the longest at each start, then drop matches inside an earlier, longer one
        found.sort(key=lambda f: (f[0], -(f[1] - f[0])))
        out: list[Mention] = []
        last_end = -1
        for s, e, matched in found:
            if s < last_end:
                continue
            key = matched if matched in self.lookup else matched.casefold()
            target = self.lookup.get(key)
            if target is None:
                continue
            os_, oe = norm.to_original(s, e)
            out.append(Mention(os_, oe, target, key))
            last_end = e
        return out
