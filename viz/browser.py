"""Headless Chromium for static export and browser tests.

The browser is ``$BROWSER_PATH`` if set, else the first of :data:`BROWSER_NAMES` on
``PATH`` (Debian: ``apt-get install chromium``). Every run gets a fresh profile folder
and flags that keep it off the network and quiet.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Final

from viz.errors import BrowserNotFoundError, ExportError

BROWSER_NAMES: Final = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable",
                        "chrome")
HEADLESS_FLAGS: Final = ("--headless", "--no-sandbox", "--disable-gpu",
                         "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                         "--hide-scrollbars", "--mute-audio")
VIRTUAL_TIME_MS: Final = 5000
TIMEOUT_S: Final = 60.0


def find_browser() -> str:
    """The path of a Chromium-type browser; :class:`BrowserNotFoundError` names what was tried."""
    configured = os.environ.get("BROWSER_PATH")
    if configured:
        if shutil.which(configured):
            return configured
        raise BrowserNotFoundError(f"BROWSER_PATH={configured!r} is not an executable browser")
    for name in BROWSER_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise BrowserNotFoundError(
        f"static export needs a Chromium-type browser, and none of {', '.join(BROWSER_NAMES)} "
        "is on PATH: install one (Debian: apt-get install chromium) or set BROWSER_PATH")


def run_browser(page: Path, *flags: str,
                timeout: float = TIMEOUT_S) -> subprocess.CompletedProcess[str]:
    """Open ``page`` in headless Chromium with ``flags``; its stdout and stderr as text."""
    command = [find_browser(), *HEADLESS_FLAGS, *flags]
    with tempfile.TemporaryDirectory(prefix="viz-chromium-") as profile:
        try:
            return subprocess.run([*command, f"--user-data-dir={profile}", page.resolve().as_uri()],
                                  capture_output=True, text=True, encoding="utf-8",
                                  errors="replace", timeout=timeout, check=False)
        except subprocess.TimeoutExpired as error:
            raise ExportError(f"{command[0]} did not finish {page} within {timeout:g} s") from error


def dump_dom(page: Path, *, virtual_time_ms: int = VIRTUAL_TIME_MS,
             timeout: float = TIMEOUT_S) -> str:
    """The DOM of ``page`` once its scripts have run (``--dump-dom``), as HTML."""
    result = run_browser(page, f"--virtual-time-budget={virtual_time_ms}", "--dump-dom",
                         timeout=timeout)
    if "<html" not in result.stdout.lower():
        raise ExportError(f"the browser gave no DOM for {page} (exit {result.returncode}): "
                          f"{_tail(result.stderr)}")
    return result.stdout


def screenshot(page: Path, png: Path, *, size: tuple[int, int] = (1200, 800),
               virtual_time_ms: int = VIRTUAL_TIME_MS, timeout: float = TIMEOUT_S) -> Path:
    """A PNG screenshot of ``page`` as a browser window of ``size`` shows it; return ``png``."""
    png = png.resolve()
    result = run_browser(page, f"--virtual-time-budget={virtual_time_ms}",
                         f"--window-size={size[0]},{size[1]}", f"--screenshot={png}",
                         timeout=timeout)
    if not png.is_file() or png.stat().st_size == 0:
        raise ExportError(f"the browser wrote no screenshot of {page} (exit {result.returncode}): "
                          f"{_tail(result.stderr)}")
    return png


def _tail(text: str, lines: int = 5) -> str:
    return " | ".join(text.strip().splitlines()[-lines:]) or "no message"
