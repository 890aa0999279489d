"""The extension's structure: no import cycle between its modules, no private Sphinx API, small modules."""

from __future__ import annotations

import ast

from conftest import ROOT

PACKAGE = ROOT / "annotated_reader"
MODULES = {p.stem: ast.parse(p.read_text(encoding="utf-8")) for p in PACKAGE.glob("*.py") if p.stem != "__init__"}


def imports(tree: ast.Module) -> set[str]:
    """The package's modules a module imports, at its top or inside a function (a lazy import is still one)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            if node.module:
                found.add(node.module.split(".")[0])
            else:
                found |= {a.name for a in node.names}
    return found & set(MODULES)


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    out, state = [], {}

    def visit(node, path):
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                out.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return out


def test_cycles_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_no_module_imports_one_that_imports_it_back():
    graph = {name: imports(tree) for name, tree in MODULES.items()}
    assert cycles(graph) == []


def test_no_private_sphinx_application_or_builder_attribute():
    used = sorted(
        f"{name}.py:{node.lineno}: .{node.attr}"
        for name, tree in MODULES.items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and node.attr in {"_app", "_builder_cls", "_registry"}
    )
    assert used == []


def test_no_module_is_over_350_lines():
    long = {p.name: n for p in PACKAGE.glob("*.py") if (n := len(p.read_text(encoding="utf-8").splitlines())) > 350}
    assert long == {}
