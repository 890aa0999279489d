"""The benchmark: the extension's build cost against plain Sphinx, growth, parallel and
incremental builds, and the real reader's page weight, Lighthouse scores and PDF time.

    python tools/bench.py                      # what `make bench` runs: sizes 1, 10, 100; 3 runs
    python tools/bench.py --sizes 0.5 --runs 1  # a quick look (the test suite runs this)
    python tools/bench.py --publish            # also write docs/benchmark/ for the docs page

Every figure compares builds made in the same run on the same machine. Results go to
``_build/bench/results.json`` (and a Markdown table beside it); the table is printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import http.server
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

import page_weight  # noqa: E402
import synthcorpus  # noqa: E402

PY = sys.executable
ARTICLES = ["docs/articles/we-want-them-out.html", "docs/articles/iraqs-vote-to-kick-out-us-troops.html"]
TARGETS = {  # the build figures are taken at the largest size
    "overhead_ratio": ("<=", 0.5),
    "scaling_2x_ratio": ("<=", 2.2),
    "incremental_seconds": ("<=", 5),
    "incremental_docs_reread": ("<=", 3),
    "parallel_speedup": (">=", 1.4),
    "memory_ratio": ("<=", 1.0),
    "article_page_bytes": ("<=", 250_000),
    "lighthouse.performance": (">=", 98),
    "lighthouse.accessibility": (">=", 100),
    "lighthouse.best-practices": (">=", 100),
    "lighthouse.seo": (">=", 90),
    "pdf_seconds": ("<=", 60),
}
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "
    "--disable-component-update --disable-sync --disable-dev-shm-usage"
)


# -- running things ---------------------------------------------------------------------------------
def run(cmd: list[str], cwd: Path, env: dict | None = None) -> tuple[float, int, str]:
    """Run ``cmd``; return wall seconds, the child's peak resident memory in bytes, and its output."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as log:
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})})
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        log.seek(0)
        output = log.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        raise SystemExit(f"bench: {' '.join(cmd)} failed with exit {code} in {cwd}:\n{output[-3000:]}")
    return seconds, usage.ru_maxrss * 1024, output


def sphinx(src: Path, out: Path, *, jobs: int = 1, probe: Path | None = None, clean: bool = True, builder: str = "html"):
    """One Sphinx build of ``src`` into ``out`` (doctrees inside it); (seconds, peak bytes, output)."""
    if clean and out.exists():
        shutil.rmtree(out)
    # every build loads the probe, so that adding it never counts as a configuration change
    env = {"BENCH_PROBE": str(probe or out.parent / "probe-unused.txt")}
    cmd = [PY, "-m", "sphinx", "-b", builder, "-q", "-j", str(jobs), "-d", str(out / ".doctrees"), str(src), str(out / builder)]
    return run(cmd, src, env)


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and ".doctrees" not in p.parts
    }


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


# -- the synthetic corpora --------------------------------------------------------------------------
def measure_size(work: Path, scale: float, runs: int, log, parallel: bool = False) -> dict:
    """Clean builds with and without the extension, peak memory, the same at half the size, with
    ``parallel`` also with ``-j 2``; then an incremental rebuild."""
    ext_src, plain_src, half_src = work / f"ext-{scale}", work / f"plain-{scale}", work / f"half-{scale}"
    counts = synthcorpus.generate(ext_src, scale)
    synthcorpus.generate(plain_src, scale, plain=True)
    synthcorpus.generate(half_src, scale / 2)
    ext, plain, half, two, ext_mem, plain_mem = [], [], [], [], [], []
    for i in range(runs):  # interleaved, so a slow moment of the machine hits every side alike
        s, m, _ = sphinx(plain_src, work / "out-plain")
        plain.append(s)
        plain_mem.append(m)
        s, m, _ = sphinx(ext_src, work / "out-ext")
        ext.append(s)
        ext_mem.append(m)
        s, _m, _ = sphinx(half_src, work / "out-half")
        half.append(s)
        msg = f"plain {plain[-1]:.1f} s, extension {ext[-1]:.1f} s, half {half[-1]:.1f} s"
        if parallel:
            two.append(sphinx(ext_src, work / "out-j2", jobs=2)[0])
            msg += f", extension -j 2 {two[-1]:.1f} s"
        log(f"  scale {scale:g}: run {i + 1}/{runs}: {msg}")
    result = {
        "corpus": counts,
        "plain_seconds": median(plain),
        "extension_seconds": median(ext),
        "overhead_ratio": round(statistics.median(ext) / statistics.median(plain), 3),
        "half_size_seconds": median(half),
        "scaling_2x_ratio": round(statistics.median(ext) / statistics.median(half), 3),
        "peak_memory_mb": round(max(ext_mem) / 2**20, 1),
        "plain_peak_memory_mb": round(max(plain_mem) / 2**20, 1),
    }
    if parallel:
        a, b = tree_digest(work / "out-ext/html"), tree_digest(work / "out-j2/html")
        differing = sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))
        result["parallel"] = {
            "scale": scale,
            "j1_seconds": median(ext),
            "j2_seconds": median(two),
            "parallel_speedup": round(statistics.median(ext) / statistics.median(two), 3),
            "identical_output": not differing,
            "differing_files": differing[:20],
            "cores": os.cpu_count(),
        }
    result["incremental"] = measure_incremental(ext_src, work / "out-ext", runs)
    shutil.rmtree(half_src)
    return result


def measure_incremental(src: Path, out: Path, runs: int) -> dict:
    """Edit one note of the first article, rebuild: which documents were read again, how long it
    took, and whether the article page shows the edit (no stale page)."""
    notes = src / "docs/articles/article-0000.notes.md"
    probe = out / "probe.txt"
    seconds, reread = [], []
    current = True
    for i in range(runs):
        marker = f"Edited{i}x{time.time_ns() % 10**6}"
        text = notes.read_text(encoding="utf-8")
        at = text.index("\n:::\n")  # the end of the first note's body
        notes.write_text(text[:at] + f" {marker}." + text[at:], encoding="utf-8")
        probe.unlink(missing_ok=True)
        s, _m, _ = sphinx(src, out, probe=probe, clean=False)
        seconds.append(s)
        reread.append(len(set(probe.read_text().split())) if probe.exists() else 0)
        page = (out / "html/docs/articles/article-0000.html").read_text(encoding="utf-8")
        current &= marker in page
    return {"docs_reread": max(reread), "seconds": median(seconds), "article_page_current": current}


# -- the real reader --------------------------------------------------------------------------------
def serve(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    handler = partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site as a static host does: text files gzip-compressed when the browser asks."""

    COMPRESS = (".html", ".css", ".js", ".svg", ".json", ".txt")

    def do_GET(self):
        path = Path(self.translate_path(self.path))
        if not (path.is_file() and path.suffix in self.COMPRESS and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().do_GET()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def lighthouse(site: Path, page: str, work: Path) -> dict:
    cli = ROOT / "node_modules/lighthouse/cli/index.js"
    if not cli.exists():
        raise SystemExit("bench: Lighthouse is missing; run `npm ci` (make bench does)")
    chrome = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chrome:
        raise SystemExit("bench: Debian's chromium is missing; run `make system-deps` as root")
    server, base = serve(site)
    report = work / "lighthouse.json"
    try:
        cmd = ["node", str(cli), base + page, "--output=json", f"--output-path={report}", "--quiet"]
        cmd += ["--only-categories=performance,accessibility,best-practices,seo", f"--chrome-flags={CHROME_FLAGS}"]
        run(cmd, work, {"CHROME_PATH": chrome})
    finally:
        server.shutdown()
    data = json.loads(report.read_text(encoding="utf-8"))
    scores = {k: round(v["score"] * 100) for k, v in data["categories"].items()}
    missed = sorted(
        f"{a['id']}: {a['title']}"
        for a in data["audits"].values()
        if a.get("score") is not None and a["score"] < 0.9 and a.get("scoreDisplayMode") in ("binary", "numeric")
    )
    metrics = {
        k: round(data["audits"][k]["numericValue"])
        for k in ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift")
        if k in data["audits"]
    }
    metrics["cumulative-layout-shift"] = data["audits"]["cumulative-layout-shift"]["numericValue"]
    return {"page": page, "form_factor": "mobile", "scores": scores, "metrics_ms": metrics, "below_90": missed}


def measure_reader(work: Path, skip_pdf: bool, log, report_dir: Path) -> dict:
    out = work / "reader"
    seconds, mem, _ = sphinx(ROOT, out)
    log(f"  reader: HTML in {seconds:.1f} s")
    weights = {p: page_weight.weight(out / "html", p)[1] for p in ARTICLES}
    result = {
        "html_seconds": round(seconds, 3),
        "html_peak_memory_mb": round(mem / 2**20, 1),
        "article_page_bytes": weights,
        "lighthouse": lighthouse(out / "html", ARTICLES[1], report_dir),
    }
    log(f"  reader: Lighthouse {result['lighthouse']['scores']}")
    if not skip_pdf:
        start = time.perf_counter()
        sphinx(ROOT, out, builder="latex")
        tex = out / "latex"
        run(["latexmk", "-lualatex", "-interaction=nonstopmode", "-halt-on-error", "-silent", "annotated-reader.tex"], tex)
        result["pdf_seconds"] = round(time.perf_counter() - start, 1)
        log(f"  reader: PDF in {result['pdf_seconds']} s")
    else:
        result["pdf_seconds"] = None
    return result


# -- the report -------------------------------------------------------------------------------------
def machine() -> dict:
    cpu = ""
    try:
        cpu = next(ln.split(":", 1)[1].strip() for ln in open("/proc/cpuinfo") if ln.startswith("model name"))
    except (OSError, StopIteration):
        cpu = platform.processor()
    mem = 0
    try:
        mem = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) * 1024
    except (OSError, AttributeError):
        pass
    import sphinx as sphinx_pkg

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem / 2**30, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "sphinx": sphinx_pkg.__version__,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
    }


def summarise(results: dict) -> dict:
    sizes = results["sizes"]
    largest = sizes[max(sizes, key=float)]
    reader = results["reader"]
    summary = {
        "overhead_ratio": largest["overhead_ratio"],
        "scaling_2x_ratio": largest["scaling_2x_ratio"],
        "incremental_seconds": largest["incremental"]["seconds"],
        "incremental_docs_reread": largest["incremental"]["docs_reread"],
        "parallel_speedup": results["parallel"]["parallel_speedup"],
        "parallel_identical_output": results["parallel"]["identical_output"],
        "memory_ratio": round(largest["peak_memory_mb"] / largest["plain_peak_memory_mb"], 3),
        "peak_memory_mb": {k: s["peak_memory_mb"] for k, s in sizes.items()},
        "article_page_bytes": max(reader["article_page_bytes"].values()),
        "lighthouse": reader["lighthouse"]["scores"],
        "pdf_seconds": reader["pdf_seconds"],
    }
    met = {}
    for name, (op, target) in TARGETS.items():
        value = summary["lighthouse"].get(name.split(".")[1]) if name.startswith("lighthouse.") else summary[name]
        met[name] = None if value is None else (value <= target if op == "<=" else value >= target)
    return {"figures": summary, "targets": {k: {"target": f"{op} {t}", "met": met[k]} for k, (op, t) in TARGETS.items()}}


def table(results: dict) -> str:
    """The results as Markdown: the headline figures against their targets, then each size."""
    fig, tg = results["summary"]["figures"], results["summary"]["targets"]

    def row(name: str, value, note: str = "") -> str:
        t = tg.get(name)
        verdict = "" if t is None else ("met" if t["met"] else "not met" if t["met"] is False else "not run")
        return f"| `{name}` | {value} | {t['target'] if t else ''} | {verdict} | {note} |"

    m = results["machine"]
    par = results["parallel"]
    lh = fig["lighthouse"]
    largest = max(results["sizes"], key=float)
    lines = [
        f"Run of {m['date']} on {m['cpu']} ({m['cores']} cores, {m['memory_gb']} GB), Python {m['python']}, "
        f"Sphinx {m['sphinx']}; medians of {results['runs']} runs per figure, "
        f"{results['runs_largest']} at the largest size (its builds take minutes each); "
        f"the whole run took {results['total_seconds'] / 60:.0f} min.",
        "",
        "| Figure | Value | Target | | How it is measured |",
        "|---|---|---|---|---|",
        row(
            "overhead_ratio",
            fig["overhead_ratio"],
            f"clean build with the extension ÷ plain Sphinx + MyST + furo, same pages, at {largest}×",
        ),
        row("scaling_2x_ratio", fig["scaling_2x_ratio"], f"clean build at {largest}× ÷ the same at half that size"),
        row("incremental_seconds", fig["incremental_seconds"], f"rebuild after editing one note, at {largest}×"),
        row(
            "incremental_docs_reread",
            fig["incremental_docs_reread"],
            "documents read again by that rebuild (the article and its notes file)",
        ),
        row(
            "parallel_speedup",
            fig["parallel_speedup"],
            f"`-j 1` ÷ `-j 2` at {par['scale']}× on {par['cores']} cores; identical output: {'yes' if par['identical_output'] else 'no'}",
        ),
        row("memory_ratio", fig["memory_ratio"], f"peak memory with the extension ÷ plain Sphinx's, at {largest}×"),
        row("article_page_bytes", f"{fig['article_page_bytes']:,}", "heavier article page with everything it loads"),
    ]
    for cat in ("performance", "accessibility", "best-practices", "seo"):
        lines.append(row(f"lighthouse.{cat}", lh.get(cat), "Lighthouse, mobile, Debian Chromium"))
    lines.append(
        row(
            "pdf_seconds",
            fig["pdf_seconds"] if fig["pdf_seconds"] is not None else "not run",
            "`make pdf` of the reader: Sphinx LaTeX builder + latexmk (LuaLaTeX)",
        )
    )
    lines += [
        "",
        "| Size | Articles, notes, entries (documents) | Plain s | Extension s | Ratio | 2× ratio | Peak MB (plain) | Incremental |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for k, s in results["sizes"].items():
        c = s["corpus"]
        inc = s["incremental"]
        lines.append(
            f"| {k}× | {c['articles']}, {c['notes']:,}, {c['entries']} ({c['documents']:,}) | {s['plain_seconds']} | "
            f"{s['extension_seconds']} | {s['overhead_ratio']} | {s['scaling_2x_ratio']} | "
            f"{s['peak_memory_mb']} ({s['plain_peak_memory_mb']}) | {inc['docs_reread']} read, {inc['seconds']} s |"
        )
    return "\n".join(lines) + "\n"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1,10,100", help="multiples of the reader's size, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="runs per figure at the smaller sizes (the median is reported)")
    ap.add_argument("--runs-largest", type=int, default=1, help="runs at the largest size (each of its builds takes minutes)")
    ap.add_argument("--out", type=Path, default=ROOT / "_build/bench")
    ap.add_argument("--skip-pdf", action="store_true", help="leave out the PDF build")
    ap.add_argument("--publish", action="store_true", help="write the results into docs/benchmark/ too")
    args = ap.parse_args(argv)
    sizes = [float(s) for s in args.sizes.split(",")]
    args.out.mkdir(parents=True, exist_ok=True)

    def log(msg: str) -> None:
        print(msg, flush=True)

    started = time.perf_counter()
    results: dict = {"machine": machine(), "runs": args.runs, "runs_largest": args.runs_largest, "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        work = Path(tmp)
        for scale in sizes:
            log(f"scale {scale:g}×")
            largest = scale == max(sizes)  # the parallel build is measured there
            runs = args.runs_largest if largest and len(sizes) > 1 else args.runs
            results["sizes"][f"{scale:g}"] = measure_size(work, scale, runs, log, parallel=largest)
            results["sizes"][f"{scale:g}"]["runs"] = runs
            if largest:
                results["parallel"] = results["sizes"][f"{scale:g}"].pop("parallel")
        log("the reader")
        results["reader"] = measure_reader(work, args.skip_pdf, log, args.out)
    results["total_seconds"] = round(time.perf_counter() - started)
    results["summary"] = summarise(results)
    md = table(results)
    (args.out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    (args.out / "results.md").write_text(md, encoding="utf-8")
    if args.publish:
        docs = ROOT / "docs/benchmark"
        docs.mkdir(exist_ok=True)
        shutil.copy(args.out / "results.json", docs / "results.json")
        shutil.copy(args.out / "results.md", docs / "results.md")
    print()
    print(md)
    print(f"written: {args.out / 'results.json'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
