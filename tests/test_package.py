"""The extension as a package: its wheel carries its static files and LaTeX package, and a reader
built with the installed wheel (not this checkout) works."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile

from conftest import ROOT

import annotated_reader


def run(*args, cwd=None, env=None):
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)


def test_the_wheel_installs_and_builds_a_new_reader(tmp_path):
    source = tmp_path / "source"  # a copy: building writes its own folders beside the sources
    shutil.copytree(ROOT / "annotated_reader", source / "annotated_reader", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(source))
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("annotated_reader-*.whl")
    assert f"-{annotated_reader.__version__}-" in wheel.name
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {
        "annotated_reader/static/annotated_reader.css",
        "annotated_reader/static/annotated_reader.js",
        "annotated_reader/latex/annotatedreader.sty",
        "annotated_reader/scaffold.py",
    } <= names
    assert not [n for n in names if n.startswith(("tests/", "docs/", "glossary/", "_ext/"))]  # the reader stays out
    target = tmp_path / "site"
    installed = run(sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel))
    assert installed.returncode == 0, installed.stderr
    env = {**os.environ, "PYTHONPATH": str(target)}
    where = run(sys.executable, "-c", "import annotated_reader; print(annotated_reader.__file__)", cwd=tmp_path, env=env)
    assert where.stdout.startswith(str(target)), where.stdout + where.stderr
    folder = tmp_path / "reader"
    assert run(sys.executable, "-m", "annotated_reader", "new", str(folder), cwd=tmp_path, env=env).returncode == 0
    done = run("make", "html", f"PYTHON={sys.executable}", cwd=folder, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert (folder / "_build/html/_static/annotated_reader.css").exists()


def test_the_search_index_is_stemmed_in_c_with_the_same_stems():
    """PyStemmer (a dependency) makes Sphinx's search indexing several times faster: snowballstemmer
    hands over to it when it is installed. Its English stems must be the pure-Python stemmer's, or
    the index would no longer match what the search page's script looks up."""
    import re

    import snowballstemmer
    import Stemmer
    from snowballstemmer.english_stemmer import EnglishStemmer

    assert isinstance(snowballstemmer.stemmer("english"), Stemmer.Stemmer)
    text = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "docs/articles").glob("*.md")))
    words = sorted({w.lower() for w in re.findall(r"[A-Za-z’']{2,}", text)})
    assert len(words) > 1500
    assert Stemmer.Stemmer("english").stemWords(words) == EnglishStemmer().stemWords(words)
