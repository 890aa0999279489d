"""`python -m annotated_reader new <folder>` makes a reader that builds and passes its own check."""

from __future__ import annotations

import subprocess
import sys

from bs4 import BeautifulSoup


def run(*args, cwd=None):
    return subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_a_new_reader_builds_with_warnings_as_errors_and_passes_make_check(tmp_path):
    folder = tmp_path / "reader"
    made = run(sys.executable, "-m", "annotated_reader", "new", str(folder), "--title", "Test reader")
    assert made.returncode == 0, made.stderr
    assert "wrote 11 files" in made.stdout
    for target in ("html", "check"):
        done = run("make", target, f"PYTHON={sys.executable}", cwd=folder)
        assert done.returncode == 0, done.stdout + done.stderr
        assert "WARNING" not in done.stderr
    page = BeautifulSoup((folder / "_build/html/docs/articles/example.html").read_text(encoding="utf-8"), "html.parser")
    assert [m.get_text() for m in page.select("mark.ar-mark")] == ["approved the plan by 12 votes to 3", "teh critics"]
    assert page.select_one("a.ar-term").get_text() == "Example Council"
    assert "Test reader" in page.title.get_text()
    # a second run does not overwrite the project
    again = run(sys.executable, "-m", "annotated_reader", "new", str(folder))
    assert again.returncode == 2 and "a project is there already" in again.stderr
