"""Notes in plain text, man pages and Info files."""

from __future__ import annotations

from docutils import nodes

from .note_nodes import KINDS


# -- text --------------------------------------------------------------------------------------------------------
def visit_note_text(self, node):
    self.new_state(4)
    self.add_text(f"[{node['number']}] {KINDS[node['kind']]}: {node.get('gloss', '')} ")


def depart_note_text(self, node):
    self.end_state()


def visit_noteref_text(self, node):
    self.add_text(f"[{node['number']}]")
    raise nodes.SkipNode


# -- man, texinfo: the note in brackets after its phrase ------------------------------------------------------------
def visit_note_plain(self, node):
    self.body.append(f" [{node['number']}. ")


def depart_note_plain(self, node):
    self.body.append("]")


def visit_item_text(self, node):
    self.new_state(0)


def depart_item_text(self, node):
    self.end_state()
