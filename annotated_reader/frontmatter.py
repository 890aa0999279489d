"""Reading and checking YAML front matter with line numbers (no Sphinx)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

import yaml

FENCE = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(\n|\Z)", re.S)


class FrontMatterError(ValueError):
    def __init__(self, line: int, message: str, suggestion: str = ""):
        super().__init__(message)
        self.line, self.message, self.suggestion = line, message, suggestion


@dataclass
class FrontMatter:
    data: dict
    lines: dict  #: dotted key -> 1-based line in the file

    def line(self, key: str, default: int = 1) -> int:
        while key:
            if key in self.lines:
                return self.lines[key]
            key = key.rpartition(".")[0]
        return default


def _lines(node: yaml.Node, prefix: str, out: dict) -> None:
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            key = f"{prefix}.{k.value}" if prefix else str(k.value)
            out[key] = k.start_mark.line + 2  # +1 for 1-based, +1 for the opening fence
            _lines(v, key, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, v in enumerate(node.value):
            key = f"{prefix}.{i}"
            out[key] = v.start_mark.line + 2
            _lines(v, key, out)


def read(text: str) -> FrontMatter | None:
    """The front matter of a MyST file, or None if it has none. Raises FrontMatterError."""
    m = FENCE.match(text)
    if not m:
        return None
    body = m.group(1)
    try:
        node = yaml.compose(body, Loader=yaml.SafeLoader)
        data = yaml.safe_load(body)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise FrontMatterError(line, f"malformed front matter: {problem}", "check the YAML indentation and quoting") from None
    if data is None:
        return FrontMatter({}, {})
    if not isinstance(data, dict):
        raise FrontMatterError(2, "malformed front matter: expected key: value lines")
    lines: dict = {}
    _lines(node, "", lines)
    return FrontMatter(data, lines)


# -- a tiny schema ---------------------------------------------------------------------------------
class Field:
    def __init__(self, types: tuple, expected: str, required: bool = True, check=None):
        self.types, self.expected, self.required, self.check = types, expected, required, check


def is_url(v: Any) -> bool:
    return isinstance(v, str) and re.match(r"https?://[^\s/]+\.[^\s]+\Z", v) is not None


def validate(fm: FrontMatter, section: str, schema: dict[str, Field]) -> dict:
    """Check ``fm.data[section]`` (or the top level if section is "") against ``schema``."""
    data = fm.data.get(section) if section else fm.data
    where = f"{section}." if section else ""
    if data is None or not isinstance(data, dict):
        raise FrontMatterError(fm.line(section), f"front matter needs a '{section}:' mapping", "see CONTRIBUTING.md")
    for name, f in schema.items():
        if name not in data:
            if f.required:
                raise FrontMatterError(
                    fm.line(section), f"front matter field '{where}{name}' is missing", f"expected {f.expected}"
                )
            continue
        value = data[name]
        if not isinstance(value, f.types) or (f.check and not f.check(value)):
            got = type(value).__name__ if value is not None else "nothing"
            shown = repr(value) if isinstance(value, (str, int, float, dt.date)) else got
            raise FrontMatterError(
                fm.line(f"{section}.{name}" if section else name),
                f"front matter field '{where}{name}' must be {f.expected}, not {shown}",
            )
    unknown = sorted(set(data) - set(schema))
    if unknown:
        raise FrontMatterError(
            fm.line(f"{section}.{unknown[0]}" if section else unknown[0]),
            f"unknown front matter field '{where}{unknown[0]}'",
            "known fields: " + ", ".join(schema),
        )
    return data
