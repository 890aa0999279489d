"""The reference page names exactly the extension's directives, their options, roles and config values."""

from __future__ import annotations

import re

from conftest import ROOT, ROOTS
from docutils.parsers.rst import directives, roles
from sphinx.testing.util import SphinxTestApp

PAGE = (ROOT / "docs/reference.md").read_text(encoding="utf-8")


def section(title: str) -> str:
    start = PAGE.index(f"## {title}")
    end = PAGE.find("\n## ", start + 1)
    return PAGE[start : end if end != -1 else None]


def documented(title: str) -> set[str]:
    return set(re.findall(r"^### `\{?([\w-]+)\}?`", section(title), re.M))


def test_reference_matches_the_code(tmp_path):
    app = SphinxTestApp("html", srcdir=ROOTS / "test-mini", builddir=tmp_path)
    try:
        ours = {
            name: cls
            for name, cls in directives._directives.items()
            if getattr(cls, "__module__", "").startswith("annotated_reader")
        }
        assert documented("Directives") == set(ours)
        for name, cls in ours.items():
            opts = set(
                re.findall(r"^- `:([\w-]+):`", section("Directives").split(f"### `{{{name}}}`", 1)[1].split("\n### ", 1)[0], re.M)
            )
            assert opts == set(getattr(cls, "option_spec", None) or {}), name
        # every role is the Domain's: none is global, and none of another domain's (std:term) is replaced
        assert not {n for n, r in roles._roles.items() if type(r).__module__.startswith("annotated_reader")}
        for domain, table in app.registry.domain_roles.items():
            if domain != "ar":
                assert not {n for n, r in table.items() if type(r).__module__.startswith("annotated_reader")}, domain
        assert documented("Roles") == set(app.registry.domain_roles["ar"])
        config = {v.name for v in app.config if v.name.startswith("annotated_reader_")}
        assert documented("Configuration values") == config
    finally:
        app.cleanup()
