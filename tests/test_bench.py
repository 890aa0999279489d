"""The benchmark at a tiny size, so that it cannot rot: it runs every measurement and writes a
results file of the documented shape. Timings are not asserted (they belong to `make bench`);
what does not depend on the machine is: the parallel build's output equals the serial one, an
edited note re-reads at most its article and notes file and shows on the article page, and
Lighthouse's accessibility and best-practice audits pass."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT

NUMBER = (int, float)


def test_bench_runs_at_a_tiny_size_and_writes_its_results(tmp_path):
    out = tmp_path / "bench"
    run = subprocess.run(
        [sys.executable, "tools/bench.py", "--sizes", "0.5", "--runs", "1", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert set(results) == {"machine", "runs", "runs_largest", "sizes", "parallel", "reader", "summary", "total_seconds"}
    size = results["sizes"]["0.5"]
    assert size["corpus"]["articles"] == 1 and size["corpus"]["notes"] == 40 and size["corpus"]["entries"] == 65
    for key in ("plain_seconds", "extension_seconds", "overhead_ratio", "half_size_seconds", "scaling_2x_ratio"):
        assert isinstance(size[key], NUMBER) and size[key] > 0, key
    assert size["peak_memory_mb"] > 10 and size["plain_peak_memory_mb"] > 10
    assert size["incremental"]["docs_reread"] in (1, 2) and size["incremental"]["article_page_current"] is True
    assert results["parallel"]["identical_output"] is True, results["parallel"]["differing_files"]
    reader = results["reader"]
    assert set(reader["article_page_bytes"]) == {
        "docs/articles/we-want-them-out.html",
        "docs/articles/iraqs-vote-to-kick-out-us-troops.html",
    }
    scores = reader["lighthouse"]["scores"]
    assert set(scores) == {"performance", "accessibility", "best-practices", "seo"}
    assert scores["accessibility"] == 100 and scores["best-practices"] == 100 and scores["seo"] >= 90, reader["lighthouse"]
    assert isinstance(reader["pdf_seconds"], NUMBER) and reader["pdf_seconds"] > 0
    summary = results["summary"]
    names = {
        "overhead_ratio",
        "scaling_2x_ratio",
        "incremental_seconds",
        "incremental_docs_reread",
        "parallel_speedup",
        "memory_ratio",
        "article_page_bytes",
        "lighthouse.performance",
        "lighthouse.accessibility",
        "lighthouse.best-practices",
        "lighthouse.seo",
        "pdf_seconds",
    }
    assert set(summary["targets"]) == names
    assert all(isinstance(t["met"], bool) for t in summary["targets"].values())
    table = (out / "results.md").read_text(encoding="utf-8")
    assert all(f"`{n}`" in table for n in names) and "| 0.5× |" in table
