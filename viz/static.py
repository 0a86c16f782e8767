"""PNG and SVG files of a chart, made by headless Chromium from the chart's HTML page.

The page is the one :func:`viz.write_html` writes (same Danish locale, same fonts), with a
script that asks plotly.js for the image (``Plotly.toImage``) and puts it into the DOM,
which ``chromium --dump-dom`` hands back. No kaleido and no download are needed, only a
Chromium-type browser (:func:`viz.browser.find_browser`).
"""

from __future__ import annotations

import base64
import html as html_lib
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Final

import plotly.graph_objects as go

from viz.atomic import write_atomically
from viz.browser import dump_dom, find_browser
from viz.errors import ExportError
from viz.html import add_script, figure_html

FORMATS: Final = {".png": "png", ".svg": "svg"}
DEFAULT_WIDTH: Final = 1200
_RESULT: Final = re.compile(r'<pre id="viz-export-(ok|error)">(.*?)</pre>', re.DOTALL)
# Asks plotly.js for the image and reports it (or the error) in a <pre> for --dump-dom.
_EXPORT_JS: Final = """
(function () {
  function report(kind, text) {
    var out = document.createElement("pre");
    out.id = "viz-export-" + kind;
    out.textContent = text;
    document.body.appendChild(out);
  }
  var plot = document.querySelector(".plotly-graph-div");
  if (!plot) { report("error", "no .plotly-graph-div in the page"); return; }
  Promise.resolve()
    .then(function () { return Plotly.toImage(plot, OPTIONS); })
    .then(function (data) { report("ok", data); },
          function (error) { report("error", String(error && error.message || error)); });
})();
"""


def write_image(source: go.Figure | str | os.PathLike[str], path: str | os.PathLike[str], *,
                width: int = DEFAULT_WIDTH, height: int | None = None,
                scale: float = 2.0) -> Path:
    """Write a chart as ``.png`` or ``.svg`` (by the suffix of ``path``), atomically.

    Args:
        source: a figure (e.g. from :func:`viz.plot_timeline`) or the path of an HTML file
            written by :func:`viz.write_html`.
        path: the image file to write; its suffix chooses the format.
        width: image width in CSS pixels.
        height: image height; default the figure's layout height.
        scale: pixel density of PNG images (2 = sharp on high-resolution screens); SVG
            images are vector graphics and ignore it.

    Raises:
        ValueError: the suffix is neither ``.png`` nor ``.svg``.
        viz.BrowserNotFoundError: no Chromium-type browser is installed.
        viz.ExportError: the browser ran but produced no image.
    """
    image_format = _format(path)
    find_browser()  # fail early, before building the page
    options: dict[str, object] = {"format": image_format, "width": width, "imageDataOnly": True,
                                  "scale": scale if image_format == "png" else 1}
    if height is not None:
        options["height"] = height
    page = add_script(_page(source), _EXPORT_JS.replace("OPTIONS", json.dumps(options)))
    data = _render(page, image_format)
    return write_atomically(path, data)


def _format(path: str | os.PathLike[str]) -> str:
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"cannot write {os.fspath(path)!r}: the suffix must be one of "
                         f"{', '.join(FORMATS)}, got {suffix or 'none'!r}")
    return FORMATS[suffix]


def _page(source: go.Figure | str | os.PathLike[str]) -> str:
    if isinstance(source, go.Figure):
        return figure_html(source)
    return Path(source).read_text(encoding="utf-8")


def _render(page: str, image_format: str) -> bytes:
    """Run the page in the browser and decode the image its export script reported."""
    with tempfile.TemporaryDirectory(prefix="viz-export-") as folder:
        page_path = Path(folder) / "chart.html"
        page_path.write_text(page, encoding="utf-8")
        dom = dump_dom(page_path)
    found = _RESULT.findall(dom)
    if not found:
        raise ExportError("the chart page did not report an image: plotly.js did not run "
                          "or did not finish within the browser's time budget")
    kind, text = found[-1]
    if kind == "error":
        raise ExportError(f"plotly.js could not export the chart: {html_lib.unescape(text)}")
    return _decode(html_lib.unescape(text), image_format)


def _decode(data: str, image_format: str) -> bytes:
    if image_format == "svg":
        if "<svg" not in data[:500]:
            raise ExportError(f"the browser returned no SVG (it starts {data[:60]!r})")
        return data.encode("utf-8")
    image = base64.b64decode(data)
    if not image.startswith(b"\x89PNG\r\n\x1a\n"):
        raise ExportError("the browser returned no PNG image")
    return image
