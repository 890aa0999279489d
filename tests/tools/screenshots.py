"""Screenshots of built pages in Debian's Chromium: python tests/tools/screenshots.py OUT PAGE…"""

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).parent.parent))
from browser import launch  # noqa: E402

out = Path(sys.argv[1])
out.mkdir(parents=True, exist_ok=True)
with sync_playwright() as p:
    browser = launch(p)
    for page_path in sys.argv[2:]:
        for width, height in ((1400, 900), (390, 844)):
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(Path(page_path).resolve().as_uri())
            name = Path(page_path).stem + f"-{width}.png"
            page.screenshot(path=str(out / name), full_page=True)
            page.close()
    browser.close()
