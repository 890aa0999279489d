"""Launching Debian's Chromium through Playwright (never a downloaded browser)."""

import shutil

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def launch(playwright):
    path = chromium_path()
    if path is None:
        raise RuntimeError("Debian's chromium is not installed (make test installs it when run as root)")
    return playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
