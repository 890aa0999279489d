"""Synthetic corpora for the benchmark: the reader's own shapes at any multiple of its size.

    python tools/synthcorpus.py OUT --scale 10 [--plain]

At scale 1 a corpus holds 2 articles with 40 notes each, max(65, 5 × scale) glossary entries with
2–4 aliases, 4 background pages and 170 sources per scale; at scale 100, 200 articles, 8,000
notes and 500 entries. Paragraphs, notes and entry bodies are the reader's real ones with about a
sixth of their words swapped (seeded, so a corpus is the same on every run); glossary names are
made up from syllables and woven into the articles, so the alias matcher finds real mentions.

``--plain`` writes the same pages for a build without the extension: the articles as plain
Markdown, notes as admonitions on the commentary page, ``{term}`` as links to the entry pages,
citations and the sources list as text, the glossary index as a list. The two builds render the
same words, so their times can be compared.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from annotated_reader import frontmatter, textimport  # noqa: E402
from annotated_reader.anchoring import AnchorError, Document  # noqa: E402
from annotated_reader.textimport import Parsed  # noqa: E402

NOTES_PER_ARTICLE = 40
KINDS = ["context", "fact-check", "sic", "quote", "term"]
ENTRY_KINDS = ["person", "group", "place", "event", "concept"]
SYLLABLES = "ka ra ba di mu sa la ha fa ta na qa za ri ma du hi ya bu wa ji ki lu ni".split()
NOUNS = "Brigade Council Front Alliance Movement Square Province Party Committee Accord Forces Bloc".split()


# -- the reader's real text -----------------------------------------------------------------------
def real_text() -> tuple[list[list[str]], list[str], list[str]]:
    """(paragraph lists of each real article, real note bodies, real glossary bodies)."""
    articles, notes, entries = [], [], []
    for md in sorted((ROOT / "docs/articles").glob("*.md")):
        if md.name.endswith(".notes.md"):
            body = md.read_text(encoding="utf-8")
            for m in re.finditer(r":::\{annotation\}[^\n]*\n(?::[a-z-]+:[^\n]*\n)*(.*?)\n:::", body, re.S):
                notes.append(plain_text(m.group(1)))
        else:
            _meta, blocks = textimport.read_article(md.read_text(encoding="utf-8"))
            articles.append([b.text for b in blocks if b.key.startswith("p")])
    for md in sorted((ROOT / "glossary").glob("*.md")):
        if md.name == "index.md":
            continue
        body = frontmatter.FENCE.sub("", md.read_text(encoding="utf-8"), count=1)
        entries.append(plain_text(body))
    return articles, notes, entries


def plain_text(md: str) -> str:
    """MyST without roles and links: ``{term}`X <Y>``` and ``[X](Y)`` become X."""
    md = re.sub(r"\{[a-z-]+\}`([^`<]*?)(?: <[^>]*>)?`", r"\1", md)
    return re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", md).strip()


WORD = re.compile(r"[A-Za-z]{4,}")


def mutate(text: str, rng: random.Random, vocab: list[str], share: float = 0.17) -> str:
    """Swap about ``share`` of the longer words for others of the reader's vocabulary."""
    return WORD.sub(lambda m: rng.choice(vocab) if rng.random() < share else m.group(0), text)


# -- glossary names ---------------------------------------------------------------------------------
def make_entries(n: int, rng: random.Random) -> list[dict]:
    entries, taken = [], set()

    def word() -> str:
        return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()

    while len(entries) < n:
        first, second, noun = word(), word(), rng.choice(NOUNS)
        name = f"{first} {second} {noun}"
        aliases = [f"al-{first} {noun}", f"{first}-{second}", (first[0] + second[0] + noun[0] + "X").upper()]
        aliases = aliases[: rng.randint(2, 3)] + ([f"{second} {noun}"] if rng.random() < 0.5 else [])
        keys = {s.lower() for s in [name, *aliases]}
        if keys & taken:
            continue
        taken |= keys
        slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
        entries.append({"slug": slug, "name": name, "aliases": aliases, "kind": ENTRY_KINDS[len(entries) % 5]})
    return entries


def term(entry: dict, plain: bool, depth: str) -> str:
    """A ``{term}`` reference, or for the plain build a link to the entry page."""
    return f"[{entry['name']}]({depth}glossary/{entry['slug']}.md)" if plain else f"{{term}}`{entry['name']}`"


# -- the corpus -----------------------------------------------------------------------------------
def generate(out: Path, scale: float, plain: bool = False, seed: int = 2020) -> dict:
    """Write a corpus of ``scale`` × the reader into ``out``; returns its counts."""
    rng = random.Random(seed)
    real_articles, real_notes, real_entries = real_text()
    vocab = sorted({w for p in sum(real_articles, []) for w in WORD.findall(p)})
    n_articles = max(1, round(2 * scale))
    n_entries = max(65, round(5 * scale))
    n_sources = max(40, round(170 * scale))
    n_background = max(1, round(4 * scale))
    entries = make_entries(n_entries, rng)
    keys = [f"src-{i:05d}" for i in range(n_sources)]
    if out.exists():
        shutil.rmtree(out)
    (out / "docs/articles/raw").mkdir(parents=True)
    (out / "docs/background").mkdir(parents=True)
    (out / "glossary").mkdir(parents=True)

    # sources: the shape of the reader's entries
    publishers = ["The Associated Press", "Reuters", "Al Jazeera", "The New York Times", "Wikipedia", "BBC News"]
    bib = []
    for i, k in enumerate(keys):
        bib.append(
            f"@online{{{k},\n  title = {{{mutate('Iraqi lawmakers vote to expel the troops after the strike', rng, vocab, 0.4)}}},\n"
            f"  organization = {{{publishers[i % len(publishers)]}}},\n  date = {{2020-01-{1 + i % 28:02d}}},\n"
            f"  url = {{https://example.org/{k}}},\n  urldate = {{2026-11-21}},\n}}\n"
        )
    if not plain:
        (out / "sources.bib").write_text("\n".join(bib), encoding="utf-8")

    publisher = {k: publishers[i % len(publishers)] for i, k in enumerate(keys)}

    def cite_keys(k: int) -> list[str]:
        return rng.sample(keys, k)

    cited_by: dict[str, list[tuple[str, str]]] = {}  # source key -> [(docname, label)]
    mentioned: dict[str, list[tuple[str, str, int, str]]] = {}  # entry slug -> [(doc, title, ¶, name)]

    # articles and notes
    n_notes = 0
    article_docs = []
    for a in range(n_articles):
        slug = f"article-{a:04d}"
        base = real_articles[a % len(real_articles)]
        paras = [mutate(p, rng, vocab) for p in base]
        title = f"Article {a}: " + mutate("Iraq's Vote to Kick Out US Troops Reflects a Movement", rng, vocab, 0.3)
        # weave in glossary names and aliases: two or three per paragraph
        for i, p in enumerate(paras):
            words = p.split(" ")
            for _ in range(rng.randint(2, 3)):
                e = rng.choice(entries)
                name = rng.choice([e["name"], *e["aliases"]])
                words.insert(rng.randrange(len(words)), name)
                mentioned.setdefault(e["slug"], []).append((f"docs/articles/{slug}", title, i + 1, name))
            paras[i] = " ".join(words)
        parsed = Parsed(title, mutate(base[0][:300], rng, vocab), None, paras)
        doc = Document(parsed.blocks())
        # notes on unique phrases of 3–6 words
        notes: list[dict] = []
        used: set[str] = set()
        tries = 0
        while len(notes) < NOTES_PER_ARTICLE and tries < NOTES_PER_ARTICLE * 50:
            tries += 1
            pi = rng.randrange(len(paras))
            words = paras[pi].split(" ")
            n = rng.randint(3, 6)
            if len(words) <= n:
                continue
            s = rng.randrange(len(words) - n)
            phrase = " ".join(words[s : s + n]).strip(" ,.;:")
            if phrase in used or not re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,'’.-]*[A-Za-z]", phrase):
                continue
            try:
                doc.anchor(phrase)
            except AnchorError:
                continue
            used.add(phrase)
            note = {
                "phrase": phrase,
                "para": pi,
                "kind": KINDS[len(notes) % len(KINDS)],
                "text": mutate(rng.choice(real_notes), rng, vocab),
                "terms": rng.sample(entries, 2),
                "sources": cite_keys(rng.randint(1, 3)),
            }
            # a synthetic gloss: the first words of the note's text, plain (no markup), as a reader's gloss would be
            # (not starting with a quotation mark, which MyST would read as a quoted option value)
            note["gloss"] = " ".join(re.sub(r"[{}`*<>\[\]()]", "", plain_text(note["text"])).split()[:14]).lstrip("\"'“‘ ")
            notes.append(note)
            for k in note["sources"]:
                cited_by.setdefault(k, []).append((f"docs/articles/{slug}.notes", f"Note on “{phrase}”"))
        n_notes += len(notes)
        article_docs += [f"docs/articles/{slug}", f"docs/articles/{slug}.notes"]

        def body_of(note: dict) -> str:
            refs = " ".join(f"See {term(e, plain, '../../')}." for e in note["terms"])
            return f"{note['text']} {refs}"

        def sources_of(note: dict) -> str:
            return "Sources: " + "; ".join(f"{publisher[k]}, {k}" for k in note["sources"])

        if plain:
            # the same words as the reader's page: the notes as footnotes after their phrases
            escaped = [textimport.escape_markdown(p) for p in paras]
            marks: list[list[tuple[int, str]]] = [[] for _ in paras]
            for i, note in enumerate(notes, 1):
                at = escaped[note["para"]].find(note["phrase"])
                if at >= 0:
                    marks[note["para"]].append((at + len(note["phrase"]), f"[^n{i}]"))
            for pi, ms in enumerate(marks):
                for at, mark in sorted(ms, reverse=True):
                    escaped[pi] = escaped[pi][:at] + mark + escaped[pi][at:]
            body = [f"# {textimport.escape_markdown(title)}", "", textimport.escape_markdown(parsed.standfirst), ""]
            body += [p + "\n" for p in escaped]
            body += [
                f"[^n{i}]: *{note['kind']}*. {note['gloss']} {' '.join(body_of(note).split())} {sources_of(note)}"
                for i, note in enumerate(notes, 1)
            ]
            (out / f"docs/articles/{slug}.md").write_text("\n".join(body) + "\n", encoding="utf-8")
        else:
            (out / f"docs/articles/raw/{slug}.txt").write_text(
                "\n\n".join([title, parsed.standfirst, *paras]) + "\n", encoding="utf-8"
            )
            meta = {
                "title": title,
                "byline": "A. Writer",
                "outlet": "Synthetic Outlet",
                "published": "2020-01-05",
                "url": f"https://example.org/{slug}",
                "rights": "Synthetic text for the benchmark.",
            }
            (out / f"docs/articles/{slug}.md").write_text(
                textimport.render_article(parsed, meta, f"raw/{slug}.txt"), encoding="utf-8"
            )
        notes_md = [f"# Commentary on article {a}", "", "Every note on the article, in the order of the text.", ""]
        for note in notes:
            if plain:
                notes_md += [
                    f":::{{admonition}} {note['phrase']}",
                    f"*{note['kind']}*. {note['gloss']} {body_of(note)}",
                    "",
                    sources_of(note),
                ]
            else:
                notes_md += [
                    f":::{{annotation}} {note['phrase']}",
                    f":kind: {note['kind']}",
                    f":gloss: {note['gloss']}",
                    f":sources: {', '.join(note['sources'])}",
                    body_of(note),
                ]
            notes_md += [":::", ""]
        (out / f"docs/articles/{slug}.notes.md").write_text("\n".join(notes_md), encoding="utf-8")

    # glossary entries
    for i, e in enumerate(entries):
        body = mutate(real_entries[i % len(real_entries)], rng, vocab)
        links = " ".join(f"Compare {term(o, plain, '../')}." for o in rng.sample(entries, 2) if o is not e)
        sources = cite_keys(rng.randint(1, 4))
        for k in sources:
            cited_by.setdefault(k, []).append((f"glossary/{e['slug']}", f"Glossary: {e['name']}"))
        e["summary"] = mutate("A group that took part in the events of January 2020.", rng, vocab)
        fm = ["---", f"name: {e['name']}", f"kind: {e['kind']}", "aliases:"]
        fm += [f"  - {al}" for al in e["aliases"]]
        fm += [f"summary: {e['summary']}"]
        fm += [f"sources: [{', '.join(sources)}]", "---", ""]
        text = f"# {e['name']}\n\n*{', '.join(e['aliases'])}*\n\n" if plain else "\n".join(fm)
        if plain:  # what the reader shows (sources, "Mentioned in"), written out by hand
            links += "\n\nSources: " + "; ".join(f"{publisher[k]}, {k}" for k in sources)
            links += "\n\n## Mentioned in\n\n" + "\n".join(
                f"- [{t}](../{d}.md), ¶{n}: … {name} …" for d, t, n, name in mentioned.get(e["slug"], [])
            )
        (out / f"glossary/{e['slug']}.md").write_text(f"{text}{body}\n\n{links}\n", encoding="utf-8")
    if plain:
        index = ["# Glossary", ""] + [f"- [{e['name']}]({e['slug']}.md): {e['summary']}" for e in entries]
    else:
        index = ["# Glossary", "", "```{glossary-index}", "```"]
    index += ["", "```{toctree}", ":hidden:", ":glob:", "", "*", "```", ""]
    (out / "glossary/index.md").write_text("\n".join(index), encoding="utf-8")

    # background pages: real sentences, terms and citations
    for b in range(n_background):
        paras = []
        for _ in range(8):
            e = rng.choice(entries)
            k = rng.choice(keys)
            cited_by.setdefault(k, []).append((f"docs/background/page-{b:04d}", f"Background {b}"))
            cite = f"({publisher[k]})" if plain else f"{{cite}}`{k}`"
            paras.append(f"{mutate(rng.choice(real_notes), rng, vocab)} See {term(e, plain, '../../')} {cite}.")
        (out / f"docs/background/page-{b:04d}.md").write_text(
            f"# Background {b}\n\n" + "\n\n".join(paras) + "\n", encoding="utf-8"
        )

    # sources page, landing page, configuration
    if plain:
        sources_md = (
            "# Sources\n\n"
            + "\n".join(
                f"- {publisher[k]}: {k}. Cited by: " + ", ".join(f"[{label}](../{d}.md)" for d, label in cited_by.get(k, []))
                for i, k in enumerate(keys)
            )
            + "\n"
        )
    else:
        sources_md = "# Sources\n\n```{sources-list}\n```\n"
    (out / "docs/sources.md").write_text(sources_md, encoding="utf-8")
    toc = "\n".join(article_docs)
    (out / "index.md").write_text(
        "# Synthetic reader\n\n```{toctree}\n" + toc + "\n```\n\n```{toctree}\n:glob:\n\ndocs/background/*\n"
        "glossary/index\ndocs/sources\n```\n",
        encoding="utf-8",
    )
    extensions = '["myst_parser", "sphinx_design"]' if plain else '["myst_parser", "sphinx_design", "annotated_reader"]'
    (out / "conf.py").write_text(
        CONF.format(root=str(ROOT), extensions=extensions, plain=plain),
        encoding="utf-8",
    )
    return {
        "articles": n_articles,
        "notes": n_notes,
        "entries": n_entries,
        "aliases": sum(len(e["aliases"]) for e in entries),
        "sources": n_sources,
        "background_pages": n_background,
        "documents": 2 * n_articles + n_entries + n_background + 3,
    }


CONF = '''"""Configuration of a synthetic benchmark corpus (written by tools/synthcorpus.py)."""
import os
import sys

sys.path.insert(0, {root!r})
sys.path.insert(0, os.path.join({root!r}, "tools"))
project = "Synthetic reader"
copyright = "2026, benchmark"
version = release = "1"
extensions = {extensions}
if os.environ.get("BENCH_PROBE"):
    extensions.append("benchprobe")
myst_enable_extensions = ["colon_fence", "deflist"]
primary_domain = None if {plain} else "ar"
annotated_reader_navigation_window = 12  # as the reader (the plain build keeps furo's own navigation)
exclude_patterns = ["_build", "**/raw"]
html_theme = "furo"
html_copy_source = False
html_show_sourcelink = False
smartquotes = False
suppress_warnings = ["myst.header"] if {plain} else []
'''


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--scale", type=float, default=1)
    ap.add_argument("--plain", action="store_true", help="the same pages for a build without the extension")
    args = ap.parse_args(argv)
    counts = generate(args.out, args.scale, args.plain)
    print(", ".join(f"{k}: {v}" for k, v in counts.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
