extensions = ["myst_parser", "annotated_reader"]
myst_enable_extensions = ["colon_fence"]
primary_domain = "ar"
exclude_patterns = ["_build"]
annotated_reader_bibliography = "sources.bib"
project = "Mini reader"
version = release = "1"
copyright = "2026, tests"
