"""Bytes an HTML page and everything it references load (stylesheets, scripts, images, and the fonts
and images its stylesheets load).

python tools/page_weight.py _build/html docs/articles/we-want-them-out.html …
"""

from __future__ import annotations

import re
import sys
from pathlib import Path


def weight(site: Path, page: str) -> tuple[int, int]:
    html = (site / page).read_bytes()
    refs = set(re.findall(rb'(?:href|src)="([^"#?]+\.(?:css|js|woff2?|png|svg|ico|jpe?g))["?#]', html))
    files = set()
    for ref in refs:
        path = ((site / page).parent / ref.decode()).resolve()
        if path.is_file():
            files.add(path)
            if path.suffix == ".css":  # fonts and images a stylesheet loads count too
                for url in re.findall(rb"url\(\s*[\"']?([^\"')?#]+)", path.read_bytes()):
                    target = (path.parent / url.decode()).resolve()
                    if target.is_file() and not url.startswith(b"data:"):
                        files.add(target)
    return len(html), len(html) + sum(f.stat().st_size for f in files)


if __name__ == "__main__":
    site = Path(sys.argv[1])
    for page in sys.argv[2:]:
        html, total = weight(site, page)
        print(f"{page}: {html:,} bytes of HTML, {total:,} bytes with everything it loads")
