"""The glossary: entries (``entries``), links to them (``terms``), mentions and the pages that
list them (``mentions``). This module wires them together."""

from __future__ import annotations

from .domain import AS_REFERENCE, SHOW, add_node
from .entries import EntryTransform, ar_native, depart_native_html, glossary_index, mentioned_in, visit_native_html
from .mentions import FillGlossaryPages, GlossaryIndexDirective, check_aliases_and_find_mentions, on_get_updated
from .terms import (
    EntryRole,
    TermRole,
    ar_termref,
    depart_termref_html,
    depart_termref_latex,
    visit_termref_html,
    visit_termref_latex,
)


def setup_glossary(app) -> None:
    app.add_config_value("annotated_reader_glossary_dir", "glossary", "env", types=[str])
    add_node(app, ar_native, SHOW, html=(visit_native_html, depart_native_html))
    add_node(  # man pages and Info files do not link pages: the name stands as written
        app,
        ar_termref,
        SHOW,
        html=(visit_termref_html, depart_termref_html),
        latex=(visit_termref_latex, depart_termref_latex),
        text=AS_REFERENCE,
    )
    add_node(app, mentioned_in)
    add_node(app, glossary_index)
    app.add_transform(EntryTransform)
    app.add_role_to_domain("ar", "term", TermRole())
    app.add_role_to_domain("ar", "entry", EntryRole())
    app.add_directive("glossary-index", GlossaryIndexDirective)
    app.add_post_transform(FillGlossaryPages)
    app.connect("env-updated", check_aliases_and_find_mentions)
    app.connect("env-get-updated", on_get_updated)
