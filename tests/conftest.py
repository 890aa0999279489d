"""Shared fixtures: real Sphinx builds (sphinx.testing), the full reader built once per session."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytest_plugins = ["sphinx.testing.fixtures"]

ROOT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
PROJECT_FILES = ["conf.py", "index.md", "sources.bib", "docs", "annotated_reader", "_templates", "_static", "_ext", "_extra"]


@pytest.fixture(scope="session")
def rootdir():
    return ROOTS


def copy_root(tmp_path: Path, root: str, edits: dict[str, str] | None = None) -> Path:
    """A copy of a test root (``tests/roots/test-<root>``) with some files replaced or added."""
    src = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", src)
    for rel, text in (edits or {}).items():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_text(text, encoding="utf-8")
    return src


def build(src: Path, builder: str = "html", **kw):
    """A real Sphinx build (sphinx.testing) in this process; returns the app and its warnings as text."""
    from sphinx.testing.util import SphinxTestApp

    app = SphinxTestApp(builder, srcdir=src, **kw)
    try:
        app.build()
    finally:
        app.cleanup()
    return app, re.sub(r"\x1b\[[0-9;]*m", "", app.warning.getvalue())


def soup(app, docname: str):
    from bs4 import BeautifulSoup

    return BeautifulSoup((Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8"), "html.parser")


def copy_project(dest: Path) -> Path:
    """A copy of the reader's sources (not its build or venv) to build in isolation."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    for extra in ("glossary",):
        if (ROOT / extra).is_dir():
            shutil.copytree(ROOT / extra, dest / extra)
    return dest


def sphinx_build(
    src: Path, out: Path, builder: str = "html", *extra: str, env: dict | None = None
) -> subprocess.CompletedProcess:
    """Build like `make html` does (strict), in a fresh process."""
    cmd = [sys.executable, "-m", "sphinx", "-b", builder, "-n", "-W", "--keep-going", "-q", *extra, str(src), str(out)]
    return subprocess.run(cmd, capture_output=True, text=True, cwd=src, env={**os.environ, **(env or {})})


@pytest.fixture(scope="session")
def reader_src(tmp_path_factory) -> Path:
    return copy_project(tmp_path_factory.mktemp("reader") / "src")


@pytest.fixture(scope="session")
def reader_html(reader_src) -> Path:
    """The whole reader, built once per test session with the strict options of `make html`."""
    out = reader_src.parent / "html"
    result = sphinx_build(reader_src, out, "html")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def raw_articles() -> dict[str, Path]:
    return {p.stem: p for p in (ROOT / "docs" / "articles" / "raw").glob("*.txt")}


@pytest.fixture(scope="session")
def reader_pdf(reader_src) -> Path:
    """The PDF edition, built as `make pdf` does (Sphinx's LaTeX, then LuaLaTeX via latexmk); the
    build's report on moved notes is kept beside it as ``pdf-report.txt``."""
    out = reader_src.parent / "latex"
    revision = {"READER_REVISION": "test-revision-4f2a"}  # the colophon's, as a checkout's commit would be
    result = sphinx_build(reader_src, out, "latex", "-d", str(reader_src.parent / "doctrees-latex"), env=revision)
    assert result.returncode == 0, result.stderr
    # as `make pdf`: LuaLaTeX through latexmk, then the report of notes printed away from their line
    tex = subprocess.run([sys.executable, "-m", "annotated_reader", "pdf", str(out)], capture_output=True, text=True, cwd=ROOT)
    assert tex.returncode == 0, tex.stdout[-3000:] + tex.stderr[-3000:]
    (out / "pdf-report.txt").write_text(tex.stdout, encoding="utf-8")
    return out / "annotated-reader.pdf"


@pytest.fixture(scope="session")
def reader_epub(reader_src) -> Path:
    out = reader_src.parent / "epub"
    result = sphinx_build(reader_src, out, "epub", "-d", str(reader_src.parent / "doctrees-epub"))
    assert result.returncode == 0, result.stderr
    return out / "annotated-reader.epub"


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through Playwright, one per test module (tests/browser.py launches it)."""
    from browser import chromium_path, launch
    from playwright import sync_api as playwright_api

    if chromium_path() is None:
        pytest.fail("Debian's chromium is missing: `make test` installs it when run as root")
    with playwright_api.sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()
