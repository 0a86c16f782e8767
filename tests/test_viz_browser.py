"""The timeline chart in a real browser: Debian's headless Chromium draws it, exports it,
and never runs markup from an article.

Chromium is installed with apt-get when it is missing (as root); the tests are skipped,
with the reason, when that fails. The page is the one ``viz.write_html`` writes, for the
sample timeline with a hostile article: its sentence tries a ``<script>`` and an
``<img onerror>`` that would set ``document.title``.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

import plotly.graph_objects as go
import pytest

import viz
from viz.browser import dump_dom, screenshot
from viz.html import add_script

sys.path.insert(0, str(Path(__file__).parent))
from timeline_fixture import sample_timeline

# Plotly shows unknown tags as text but renders some (<a>, <b>, <span style>, <br>): those
# must come out as text too.
ATTACK = ("<script>document.title='pwned'</script>"
          "\"><img src=x onerror=\"document.title='pwned'\"> Pentagon bekræfter "
          "<a href='https://example.invalid/'>angrebet</a>.")
LEAK = "<img src=x onerror=\"document.title='pwned'\">"
BARS, POINTS = 3, 2  # the sample's dated events: 3 intervals, 2 precise times
LANE_COLOUR = (99, 110, 250)  # the first lane's outline and marker colour (Plotly blue)
# Hovers every drawn event in turn (Plotly throttles hovers, hence the pauses) and keeps
# each hover label's text and the names of the elements it is made of.
HOVER_ALL = """
(function () {
  var plot = document.querySelector(".plotly-graph-div"), targets = [], log = [];
  plot.data.forEach(function (trace, curve) {
    (trace.customdata || []).forEach(function (id, point) { targets.push([curve, point]); });
  });
  function step(index) {
    if (index > 0) {
      var layer = plot.querySelector(".hoverlayer"), names = {};
      layer.querySelectorAll("*").forEach(function (node) { names[node.localName] = 1; });
      log.push({text: layer.textContent, elements: Object.keys(names)});
    }
    if (index === targets.length) {
      var out = document.createElement("pre");
      out.id = "hover-log";
      out.textContent = JSON.stringify(log);
      document.body.appendChild(out);
      return;
    }
    Plotly.Fx.hover(plot, [{curveNumber: targets[index][0], pointNumber: targets[index][1]}]);
    window.setTimeout(function () { step(index + 1); }, 150);
  }
  window.setTimeout(function () { step(0); }, 200);
})();
"""


@pytest.fixture(scope="module")
def browser() -> str:
    """A Chromium-type browser, installed from Debian's packages if none is there."""
    if shutil.which("chromium") is None:
        _install_chromium()
    try:
        return viz.find_browser()
    except viz.BrowserNotFoundError as error:
        pytest.skip(f"no browser for the browser tests: {error}")


def _install_chromium() -> None:
    if os.geteuid() != 0:
        pytest.skip("chromium is not installed and installing it needs root (apt-get)")
    command = "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium"
    try:
        subprocess.run(["sh", "-c", command], check=True, capture_output=True, timeout=900)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as error:
        pytest.skip(f"chromium is missing and `{command}` failed: {error}")


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    timeline = sample_timeline()
    events = timeline.events
    events.loc[events["event_id"] == "pentagon#0", "sentence_text"] = ATTACK
    return viz.plot_timeline(timeline)


@pytest.fixture(scope="module")
def page(figure: go.Figure, browser: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return viz.write_html(figure, tmp_path_factory.mktemp("chart") / "timeline.html")


@pytest.fixture(scope="module")
def hovered_dom(page: Path) -> str:
    """The DOM after every event was hovered (one browser run)."""
    hovering = page.with_name("hovering.html")
    hovering.write_text(add_script(page.read_text(encoding="utf-8"), HOVER_ALL), encoding="utf-8")
    return dump_dom(hovering)


class PlotElements(HTMLParser):
    """Counts the drawn bars and markers of the main plot (not of the range slider)."""

    VOID: ClassVar = frozenset({"meta", "br", "img", "input", "link", "hr", "col", "source", "area",
                                "base", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[set[str]] = []
        self.count: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        in_plot = self._inside("cartesianlayer") and not self._inside("rangeslider-container")
        if tag == "path" and in_plot:
            if self._inside("bars") and self._inside("point"):
                self.count["bars"] += 1
            elif self._inside("scatter") and "point" in classes:
                self.count["points"] += 1
        if tag not in self.VOID:
            self.stack.append(classes)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def _inside(self, name: str) -> bool:
        return any(name in classes for classes in self.stack)


def test_every_dated_event_is_drawn(hovered_dom: str) -> None:
    counter = PlotElements()
    counter.feed(hovered_dom)
    assert counter.count == {"bars": BARS, "points": POINTS}


def test_article_markup_never_runs(hovered_dom: str) -> None:
    assert title(hovered_dom) == "Tidslinje"
    assert "pwned" not in hovered_dom.split("</head>")[0]
    assert not re.search(r"<img\b", hovered_dom)


def test_hover_labels_show_the_article_text_literally(hovered_dom: str) -> None:
    found = re.search(r'<pre id="hover-log">(.*?)</pre>', hovered_dom, re.DOTALL)
    assert found, "the hover script did not run"
    labels = json.loads(html.unescape(found.group(1)))
    assert len({label["text"] for label in labels}) == BARS + POINTS  # one label per event
    attacked = [label["text"] for label in labels if "Pentagon" in label["text"]]
    assert len(attacked) == 1
    assert "<script>document.title='pwned'</script>" in attacked[0]  # as text, not as a tag
    assert "<img src=x" in attacked[0] and "angrebet</a>" in attacked[0]
    elements = {name for label in labels for name in label["elements"]}
    assert elements <= {"g", "path", "rect", "text", "tspan"}, elements


def test_page_policy_blocks_markup_that_leaks_into_the_page(page: Path) -> None:
    """Defence in depth: even an <img onerror> inside the page would not run."""
    leaked = page.with_name("leaked.html")
    text = page.read_text(encoding="utf-8")
    leaked.write_text(text.replace("</body>", LEAK + "</body>"), encoding="utf-8")
    dom = dump_dom(leaked)
    assert title(dom) == "Tidslinje"
    assert 'class="point"' in dom  # the chart itself still runs under the policy


def test_screenshot_is_not_blank(page: Path, tmp_path: Path) -> None:
    png = screenshot(page, tmp_path / "screen.png", size=(1000, 600))
    width, height, pixels = read_png(png.read_bytes())
    assert (width, height) == (1000, 600)
    colours = Counter(pixels)
    assert len(colours) > 50
    assert colours.most_common(1)[0][1] < 0.95 * width * height
    assert any(near(colour, LANE_COLOUR) for colour in colours), "no event drawn in lane colour"


def test_write_image_png(figure: go.Figure, browser: str, tmp_path: Path) -> None:
    path = viz.write_image(figure, tmp_path / "timeline.png", width=900, scale=1)
    width, height, pixels = read_png(path.read_bytes())
    assert width == 900 and height == figure.layout.height
    assert any(near(colour, LANE_COLOUR) for colour in set(pixels))


def test_write_image_svg_from_html(page: Path, tmp_path: Path) -> None:
    svg = viz.write_image(page, tmp_path / "timeline.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and svg.count('class="point"') >= BARS + POINTS
    assert "dec." in svg and "jan." in svg  # Danish month names on the axis
    assert "<script" not in svg


def test_write_image_of_a_page_without_a_chart(browser: str, tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><head></head><body><p>Ingen graf</p></body></html>", encoding="utf-8")
    with pytest.raises(viz.ExportError, match="no .plotly-graph-div"):
        viz.write_image(page, tmp_path / "empty.png")
    assert not (tmp_path / "empty.png").exists()


def title(dom: str) -> str:
    """The page's <title> (a script that ran would have changed it)."""
    found = re.search(r"<title>(.*?)</title>", dom)
    return found.group(1) if found else ""


def near(colour: tuple[int, ...], target: tuple[int, int, int], tolerance: int = 12) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(colour[:3], target))


def read_png(data: bytes) -> tuple[int, int, list[tuple[int, ...]]]:
    """Width, height and pixels of an 8-bit, non-interlaced RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    chunks: dict[bytes, list[bytes]] = {}
    offset = 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset:offset + 8])
        chunks.setdefault(kind, []).append(data[offset + 8:offset + 8 + length])
        offset += length + 12
    header = struct.unpack(">IIBBBBB", chunks[b"IHDR"][0])
    width, height, depth, colour_type, _, _, interlace = header
    assert depth == 8 and colour_type in (2, 6) and interlace == 0, "unsupported PNG layout"
    channels = 3 if colour_type == 2 else 4
    raw = zlib.decompress(b"".join(chunks[b"IDAT"]))
    rows = _unfilter(raw, width * channels, height, channels)
    pixels = [tuple(row[x:x + channels]) for row in rows for x in range(0, len(row), channels)]
    return width, height, pixels


def _unfilter(raw: bytes, stride: int, height: int, step: int) -> list[bytes]:
    rows, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        for x in range(stride):
            left = line[x - step] if x >= step else 0
            up, corner = previous[x], previous[x - step] if x >= step else 0
            line[x] = (line[x] + _predict(kind, left, up, corner)) & 0xFF
        rows.append(bytes(line))
        previous = line
    return rows


def _predict(kind: int, left: int, up: int, corner: int) -> int:
    if kind == 0:
        return 0
    if kind == 1:
        return left
    if kind == 2:
        return up
    if kind == 3:
        return (left + up) // 2
    estimate = left + up - corner
    distances = (abs(estimate - left), abs(estimate - up), abs(estimate - corner))
    return (left, up, corner)[distances.index(min(distances))]
