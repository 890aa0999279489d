"""Notes in LaTeX: highlights, margin glosses with the page of the full note, the commentary's items."""

from __future__ import annotations

from docutils import nodes

from .note_nodes import KINDS


# -- LaTeX -------------------------------------------------------------------------------------------------------
def visit_mark_latex(self, node):
    self.body.append(r"\ARmark{")


def depart_mark_latex(self, node):
    self.body.append("}")


def visit_note_latex(self, node):
    """The margin holds the gloss and the page of the full note, which the commentary chapter prints."""
    from .pdfcheck import latex_label

    label = latex_label(node["key"])
    full = f"{node['commentary']}:c-{node['key'].split('/', 1)[1]}"
    more = r"\ARfull{" + self.hyperlink(full) + self.hyperpageref(full) + "}}}"  # {\hyperref[…]{page n}}
    self.body.append(rf"\ARnote{{{label}}}{{{node['number']}}}{{{KINDS[node['kind']]}}}{{{self.encode(node['gloss'])}{more}}}")
    raise nodes.SkipNode


def visit_item_latex(self, node):
    self.body.append("\n" + r"\begin{ARitem}" + "\n")


def depart_item_latex(self, node):
    self.body.append("\n" + r"\end{ARitem}" + "\n")


def visit_margin_need_latex(self, node):
    glosses = "".join(rf"\ARneedgloss{{{n}}}{{{KINDS[k]}}}{{{self.encode(g)}}}" for n, k, g in node["glosses"])
    self.body.append(rf"\ARneed{{{glosses}}}")
    raise nodes.SkipNode
