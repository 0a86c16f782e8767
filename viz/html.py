"""Standalone HTML for a figure: works offline, runs only its own scripts.

The page embeds plotly.js (no CDN, no MathJax) and carries a Content-Security-Policy
that allows exactly its inline scripts (by SHA-256 hash) and no network access, so even
markup that slipped into a label could neither run script nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import os
import re
from pathlib import Path
from typing import Any, Final

import plotly.graph_objects as go

from viz.atomic import write_atomically
from viz.labels import plotly_locale

_SCRIPT: Final = re.compile(r"<script\b[^>]*>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_CSP_META: Final = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\s*', re.IGNORECASE)
_POLICY: Final = ("default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
                  "img-src data: blob:; font-src data:; base-uri 'none'; form-action 'none'")


def plotly_config(danish: bool = True) -> dict[str, Any]:
    """Plotly's ``config`` for timeline charts, e.g. ``fig.show(config=plotly_config())``.

    Danish: axis dates with Danish month and weekday names (``viz.labels``), decimal comma.
    """
    config: dict[str, Any] = {"displaylogo": False, "responsive": True, "scrollZoom": True,
                              "toImageButtonOptions": {"format": "png", "scale": 2}}
    if danish:
        config.update(locale="da", locales={"da": plotly_locale()})
    return config


def is_danish(figure: go.Figure) -> bool:
    """Whether ``figure`` was drawn with Danish labels (``layout.meta["locale"] == "da"``)."""
    meta = figure.layout.meta
    return isinstance(meta, dict) and meta.get("locale") == "da"


def figure_html(figure: go.Figure, *, danish: bool | None = None, script: str = "") -> str:
    """The standalone page of ``figure``, with ``script`` (JavaScript) run after plotting.

    ``danish=None`` follows the figure (:func:`is_danish`).
    """
    danish = is_danish(figure) if danish is None else danish
    page = figure.to_html(include_plotlyjs=True, include_mathjax=False, full_html=True,
                          config=plotly_config(danish))
    title = _plain_title(figure) or ("Tidslinje" if danish else "Timeline")
    page = page.replace("<head>", f"<head><title>{html_lib.escape(title)}</title>", 1)
    return add_script(page, script) if script else secure(page)


def write_html(figure: go.Figure, path: str | os.PathLike[str], *,
               danish: bool | None = None) -> Path:
    """Write ``figure`` as a standalone, offline HTML file, atomically; return its path.

    ``danish=None`` follows the figure (:func:`is_danish`).
    """
    return write_atomically(path, figure_html(figure, danish=danish).encode("utf-8"))


def add_script(page: str, script: str) -> str:
    """``page`` with an inline ``script`` before ``</body>``, its policy updated to allow it."""
    end = page.lower().rfind("</body>")
    if end < 0:
        raise ValueError("the HTML page has no </body> to add a script before")
    return secure(f"{page[:end]}<script>{script}</script>\n{page[end:]}")


def secure(page: str) -> str:
    """``page`` with a Content-Security-Policy allowing exactly its inline scripts."""
    page = _CSP_META.sub("", page)
    hashes = " ".join(f"'sha256-{_digest(body)}'" for body in _SCRIPT.findall(page))
    policy = _POLICY.format(hashes=hashes or "'none'")
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    start = page.lower().find("<head>")
    if start < 0:
        raise ValueError("the HTML page has no <head> to put its security policy in")
    start += len("<head>")
    return page[:start] + meta + page[start:]


def _digest(script: str) -> str:
    return base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")


def _plain_title(figure: go.Figure) -> str:
    """The figure title's first line, without markup (for the page's <title>)."""
    text = figure.layout.title.text or ""
    first = re.split(r"<br\s*/?>", text, maxsplit=1)[0]
    return html_lib.unescape(re.sub(r"<[^>]*>", "", first)).strip()
