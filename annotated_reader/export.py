"""W3C Web Annotation export (``annotations/<slug>.jsonld``) and import into a notes file.

Positions (``TextPositionSelector``) count characters of the article's *document text*: headline,
standfirst, caption and paragraphs, each as displayed, joined by a blank line ("\\n\\n").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .anchoring import AnchorError, Document

W3C_CONTEXT = "http://www.w3.org/ns/anno.jsonld"


def annotation_json(
    doc: Document, anchor: dict, gloss: str, note_text: str, kind: str, source_urls: list[str], target: str, page: str
) -> dict:
    """One note as a W3C Web Annotation: the gloss (purpose ``describing``), the full note
    (``commenting``), the kind (``tagging``) and each source (``linking``)."""
    from .anchoring import Match

    m = Match(anchor["block"], anchor["start"], anchor["end"], anchor["doc_start"], anchor["doc_end"])
    prefix, suffix = doc.quote_context(m, 32)
    body = [
        {"type": "TextualBody", "value": gloss, "format": "text/plain", "purpose": "describing"},
        {"type": "TextualBody", "value": note_text, "format": "text/plain", "purpose": "commenting"},
        {"type": "TextualBody", "value": kind, "purpose": "tagging"},
    ]
    body += [{"type": "SpecificResource", "source": url, "purpose": "linking"} for url in source_urls]
    return {
        "id": f"{page}#note-{anchor['id']}",
        "type": "Annotation",
        "motivation": "commenting",
        "body": body,
        "target": {
            "source": target,
            "selector": [
                {"type": "TextQuoteSelector", "exact": doc.text[m.doc_start : m.doc_end], "prefix": prefix, "suffix": suffix},
                {"type": "TextPositionSelector", "start": m.doc_start, "end": m.doc_end},
            ],
        },
    }


def collection_json(slug: str, title: str, items: list[dict]) -> dict:
    return {
        "@context": W3C_CONTEXT,
        "id": f"{slug}.jsonld",
        "type": "AnnotationCollection",
        "label": f"Notes on “{title}”",
        "total": len(items),
        "first": {"type": "AnnotationPage", "items": items},
    }


def write_exports(app, exception) -> None:
    """Each article's notes as a W3C annotation collection; an export whose inputs did not change
    since the last build (their digests are kept beside the doctrees) is not made again."""
    if exception is not None or app.builder.format != "html" or app.builder.name.startswith("epub"):
        return
    from . import sources as src
    from .anchors import document_of
    from .domain import digest, get_domain

    env = app.env
    domain = get_domain(env)
    sources = src.load_sources(env)
    outdir = Path(app.outdir) / "annotations"
    outdir.mkdir(parents=True, exist_ok=True)
    store = Path(app.doctreedir) / f"ar-exports.{app.builder.name}.json"
    try:
        made = json.loads(store.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        made = {}
    digests = {}
    for slug, article in sorted(domain.data["articles"].items()):
        page = app.builder.get_target_uri(article["docname"])
        notes = []
        for a in domain.data["anchors"].get(slug, []):
            note = domain.data["notes"][a["key"]]
            notes.append(
                (a, note["gloss"], note["text"], note["kind"], [sources[k].url for k in note["sources"] if k in sources])
            )
        digests[slug] = digest(article["blocks"], article["meta"], page, notes)
        target = outdir / f"{slug}.jsonld"
        if made.get(slug) == digests[slug] and target.exists():
            continue
        doc = document_of(article)
        items = [annotation_json(doc, a, *rest, article["meta"]["url"], "../" + page) for a, *rest in notes]
        data = collection_json(slug, article["meta"]["title"], items)
        target.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    store.write_text(json.dumps(digests), encoding="utf-8")


# -- import ------------------------------------------------------------------------------------------------
class ImportFormatError(ValueError):
    pass


@dataclass
class Incoming:
    exact: str
    prefix: str | None
    suffix: str | None
    start: int | None
    text: str
    tags: list[str]
    links: list[str]
    label: str  # for messages: the annotation's id or its position in the file
    gloss: str = ""  # a body with purpose "describing" (this reader's own export writes the gloss so)


def read_annotations(raw: str) -> list[Incoming]:
    """W3C annotations (single, list, page, collection) or a Hypothes.is search result (``rows``)."""
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise ImportFormatError(f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}") from None
    if isinstance(data, dict) and "rows" in data:
        items = data["rows"]
    elif isinstance(data, dict) and data.get("type") == "AnnotationCollection":
        items = (data.get("first") or {}).get("items", [])
    elif isinstance(data, dict) and data.get("type") == "AnnotationPage":
        items = data.get("items", [])
    elif isinstance(data, dict) and data.get("type") == "Annotation":
        items = [data]
    elif isinstance(data, list):
        items = data
    else:
        raise ImportFormatError(
            "not W3C-shaped: expected an Annotation, a list of them, an AnnotationPage or AnnotationCollection, or a Hypothes.is result with 'rows'"
        )
    out = []
    for i, item in enumerate(items, 1):
        if not isinstance(item, dict):
            raise ImportFormatError(f"not W3C-shaped: item {i} is not an object")
        label = str(item.get("id") or f"item {i}")
        targets = item.get("target")
        target = targets[0] if isinstance(targets, list) and targets else targets
        selectors = target.get("selector", []) if isinstance(target, dict) else []
        if isinstance(selectors, dict):
            selectors = [selectors]
        quote = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextQuoteSelector"), None)
        pos = next((s for s in selectors if isinstance(s, dict) and s.get("type") == "TextPositionSelector"), None)
        if quote is None or not isinstance(quote.get("exact"), str):
            raise ImportFormatError(f"not W3C-shaped: {label} has no TextQuoteSelector with 'exact'")
        text, gloss, tags, links = "", "", list(item.get("tags") or []), []
        if "text" in item:  # Hypothes.is
            text = item.get("text") or ""
        bodies = item.get("body") or []
        if isinstance(bodies, dict):
            bodies = [bodies]
        for b in bodies:
            if not isinstance(b, dict):
                continue
            purpose = b.get("purpose")
            if purpose == "tagging" and isinstance(b.get("value"), str):
                tags.append(b["value"])
            elif purpose == "linking" and isinstance(b.get("source"), str):
                links.append(b["source"])
            elif purpose == "describing" and isinstance(b.get("value"), str) and not gloss:
                gloss = " ".join(b["value"].split())
            elif isinstance(b.get("value"), str):
                text = (text + "\n\n" + b["value"]).strip()
        out.append(
            Incoming(
                quote["exact"],
                quote.get("prefix"),
                quote.get("suffix"),
                (pos or {}).get("start"),
                text,
                tags,
                links,
                label,
                gloss,
            )
        )
    return out


def to_blocks(doc: Document, incoming: list[Incoming], kinds, url_to_key: dict[str, str]) -> tuple[list[str], list[str]]:
    """MyST ``{annotation}`` blocks for the annotations that anchor, and messages for those that do not."""
    blocks, problems = [], []
    for a in incoming:
        try:
            m = doc.anchor(a.exact, a.prefix, a.suffix, near=a.start)
        except AnchorError as err:
            problems.append(f"{a.label}: {err}")
            continue
        opts = disambiguate(doc, a.exact, m)
        kind = next((t for t in a.tags if t in kinds), "context")
        keys = [url_to_key[u] for u in a.links if u in url_to_key]
        lines = [f"% imported from {a.label}"]
        lines += [f"% source to add to the bibliography: {u}" for u in a.links if u not in url_to_key]
        lines.append(f":::{{annotation}} {' '.join(a.exact.split())}")
        lines.append(f":kind: {kind}")
        lines.append(f":gloss: {a.gloss}".rstrip())  # without one the build asks for it: never cut from the text
        lines.append(f":sources: {', '.join(keys)}" if keys else ":sources:")
        lines += [f":{k}: {v}" for k, v in opts.items()]
        lines.append(a.text.strip() or "(no text in the imported annotation)")
        lines.append(":::")
        blocks.append("\n".join(lines))
    return blocks, problems


def disambiguate(doc: Document, exact: str, m) -> dict[str, str]:
    """The fewest options that make ``exact`` anchor at ``m``: none, a paragraph, or a prefix."""
    for opts in ({}, {"paragraph": m.block.removeprefix("p") if m.block[1:].isdigit() else m.block}):
        try:
            if doc.anchor(exact, block=opts.get("paragraph")) == m:
                return opts
        except AnchorError:
            pass
    words = doc.text[: m.doc_start].split()
    for n in range(1, min(len(words), 12) + 1):
        prefix = " ".join(words[-n:])
        try:
            if doc.anchor(exact, prefix=prefix) == m:
                return {"prefix": prefix}
        except AnchorError:
            pass
    return {"prefix": " ".join(words[-12:])}


def setup_export(app) -> None:
    app.connect("build-finished", write_exports)
