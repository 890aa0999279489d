"""`make preview` (sphinx-autobuild on 127.0.0.1) stays correct across edits: a new note appears on
its article, its commentary and the sources page without a clean build."""

from __future__ import annotations

import http.client
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from conftest import copy_project

from annotated_reader.annotations import make_id

NEW_NOTE = """
:::{annotation} hundreds of thousands rallied in Iraq
:kind: context
:gloss: A note written during the preview test.
:sources: wikipedia-fatah-alliance
A note written during the preview test, to prove the preview picks it up without a clean build.
:::
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:  # loopback only
            return r.read().decode("utf-8")
    except (OSError, http.client.HTTPException):  # not up yet, or a page the rebuild is still writing
        return None


def wait_for(url: str, text: str, seconds: float = 180) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = fetch(url)
        if page is not None and text in page:
            return page
        time.sleep(1)
    pytest.fail(f"{url} never showed {text!r} within {seconds:.0f} s")


def test_preview_picks_up_a_new_note_everywhere(tmp_path):
    src = copy_project(tmp_path / "src")
    port = free_port()
    autobuild = Path(sys.executable).parent / "sphinx-autobuild"
    proc = subprocess.Popen(
        [str(autobuild), "--host", "127.0.0.1", "--port", str(port), "-b", "html", "-q", str(src), str(tmp_path / "out")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(f"{base}/docs/articles/we-want-them-out.html", "m-the-mainstream-fatah-bloc")
        notes = src / "docs/articles/we-want-them-out.notes.md"
        notes.write_text(notes.read_text(encoding="utf-8") + NEW_NOTE, encoding="utf-8")
        wait_for(f"{base}/docs/articles/we-want-them-out.html", "A note written during the preview test")
        wait_for(f"{base}/docs/articles/we-want-them-out.notes.html", "A note written during the preview test")
        anchor = "c-" + make_id("hundreds of thousands rallied in Iraq")
        wait_for(f"{base}/docs/sources.html", f"we-want-them-out.notes.html#{anchor}")  # backlinks not stale
    finally:
        proc.terminate()
        proc.wait(timeout=20)
