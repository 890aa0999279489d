"""A Sphinx extension the benchmark loads into its builds: it appends the names of the documents
each build reads to the file named by the environment variable BENCH_PROBE."""

import os


def record(app, env, docnames):
    with open(os.environ["BENCH_PROBE"], "a", encoding="utf-8") as f:
        f.writelines(f"{d}\n" for d in docnames)


def setup(app):
    app.connect("env-before-read-docs", record)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
