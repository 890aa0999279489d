"""The overlay: a pure tree operation that splits a block's text at the boundaries of anchored
phrases and links, wraps the pieces in marks and links, and adds each note after its phrase."""

from __future__ import annotations

from docutils import nodes

from .note_nodes import ar_mark, ar_note


# -- writing: highlight phrases and place notes -------------------------------------------------------------
def _text_nodes(node: nodes.Element):
    for t in node.findall(nodes.Text):
        if not any(isinstance(a, (ar_note,)) for a in _ancestors(t, node)):
            yield t


def _ancestors(n, stop):
    p = n.parent
    while p is not None and p is not stop:
        yield p
        p = p.parent


def inline_paragraphs(node: nodes.Node) -> nodes.Node:
    """Paragraphs of a note become block-styled inlines so the note can sit inside a paragraph."""
    if isinstance(node, nodes.paragraph):
        new = nodes.inline(classes=["ar-p"])
        new += node.children
        return new
    for p in list(node.findall(nodes.paragraph)):
        new = nodes.inline(classes=["ar-p"])
        new += p.children
        p.replace_self(new)
    return node


def overlay(block: nodes.Element, placed: list[dict], make_note, links=(), make_link=None) -> None:
    """Split the block's text at every boundary; wrap covered pieces in marks and links; add notes.

    ``placed``: anchored notes ({start, end, id, key, kind, number}); ``links``: (start, end, target)
    spans that become links made by ``make_link(target, child)``. Offsets count the block's text.
    """
    bounds = sorted({a["start"] for a in placed} | {a["end"] for a in placed} | {x for s, e, _ in links for x in (s, e)})
    ends: dict[int, list[dict]] = {}
    for a in sorted(placed, key=lambda a: a["number"]):
        ends.setdefault(a["end"], []).append(a)
    first_piece: set[str] = set()
    done: set[str] = set()
    pos = 0
    for t in list(_text_nodes(block)):
        text = str(t)
        t_start, t_end = pos, pos + len(text)
        pos = t_end
        edges = [t_start, *[b for b in bounds if t_start < b < t_end], t_end]
        pieces: list[nodes.Node] = []
        for s, e in zip(edges, edges[1:], strict=False):
            piece_text = text[s - t_start : e - t_start]
            if piece_text:
                node: nodes.Node = nodes.Text(piece_text)
                link = next((lk for lk in links if lk[0] <= s and e <= lk[1]), None)
                if link is not None and make_link is not None:
                    node = make_link(link[2], node)
                covering = [a for a in placed if a["start"] <= s and e <= a["end"]]
                if covering:
                    mark = ar_mark(
                        "",
                        "",
                        notes=[a["key"] for a in covering],
                        numbers=[a["number"] for a in covering],
                        classes=["ar-mark"] + [f"ar-kind-{a['kind']}" for a in covering],
                    )
                    mark += node
                    for a in covering:
                        if a["id"] not in first_piece:
                            first_piece.add(a["id"])
                            mark["ids"].append(f"m-{a['id']}")
                    node = mark
                pieces.append(node)
            for a in ends.get(e, []) if e != t_start else []:
                if a["id"] in first_piece and a["id"] not in done:
                    done.add(a["id"])
                    pieces.append(make_note(a))
        parent = t.parent
        idx = parent.index(t)
        parent.remove(t)
        for j, p in enumerate(pieces):
            parent.insert(idx + j, p)
