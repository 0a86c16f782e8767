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

import pandas as pd
import plotly.graph_objects as go
import pytest

import viz
from timeline.model import Timeline
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
# The trigger word is drawn as the event's label (shortened to 25 characters).
HOSTILE_TRIGGER = "<img src=x onerror=\"document.title='pwned'\">"
HOSTILE_LABEL = "<img src=x onerror=\"docu…"
# "sidste uge" when only the publication month is known: one of five weeks (a wide event).
WIDE = {"value": "XXXX-WXX", "earliest": "2019-12-23T00:00", "latest": "2020-01-27T00:00"}
BARS, POINTS = 3, 2  # the sample's dated events: 3 intervals, 2 precise times
BANDS = 1  # the light band over the whole interval of the wide event
LABELS = BARS + POINTS  # every event has a label
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


# Reports the boxes of the chart's parts once it is drawn.
BOXES = """
(function () {
  function box(node) {
    var r = node.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  }
  function boxes(selector, measure) {
    return Array.prototype.map.call(document.querySelectorAll(selector), measure || box);
  }
  // A label's box without the no-break spaces that keep it clear of its mark.
  function ink(node) {
    var r = node.getBoundingClientRect(), b = node.getBBox(), text = node.textContent;
    var first = text.search(/[^\u00a0 ]/), last = text.replace(/[\u00a0 ]+$/, "").length - 1;
    var start = node.getExtentOfChar(first), end = node.getExtentOfChar(last);
    return [r.left + start.x - b.x, r.top, r.left + end.x + end.width - b.x, r.bottom];
  }
  window.setTimeout(function () {
    var out = document.createElement("pre");
    out.id = "boxes";
    out.textContent = JSON.stringify({
      title: boxes(".g-gtitle .gtitle"), buttons: boxes(".rangeselector"),
      legend: boxes(".legend .bg"), notes: boxes(".annotation"),
      plot: boxes(".draglayer .xy .nsewdrag"), ticks: boxes(".xaxislayer-above .xtick text"),
      labels: boxes(".cartesianlayer .scatterlayer .textpoint text", ink),
      marks: boxes(".cartesianlayer .bars .point path")
        .concat(boxes(".cartesianlayer .scatterlayer path.point"))
    });
    document.body.appendChild(out);
  }, 300);
})();
"""


def attacked_timeline() -> Timeline:
    timeline = sample_timeline()
    events = timeline.events
    events.loc[events["event_id"] == "pentagon#0", "sentence_text"] = ATTACK
    events.loc[events["event_id"] == "pentagon#0", "trigger"] = HOSTILE_TRIGGER
    for column, value in WIDE.items():
        if column in ("earliest", "latest"):
            events[column] = events[column].astype(object)
            value = pd.Timestamp(value, tz="Europe/Copenhagen")
        events.loc[events["event_id"] == "ain#1", column] = value
    return timeline


@pytest.fixture(scope="module")
def figure() -> go.Figure:
    return viz.plot_timeline(attacked_timeline())


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
        self.labels: list[str] = []
        self._in_label = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = set((dict(attrs).get("class") or "").split())
        in_plot = self._inside("cartesianlayer") and not self._inside("rangeslider-container")
        if tag == "path" and in_plot:
            if self._inside("bars") and self._inside("point"):
                self.count["bars"] += 1
            elif self._inside("scatter") and "point" in classes:
                self.count["points"] += 1
        if tag == "text" and in_plot and self._inside("textpoint"):
            self.count["labels"] += 1
            self.labels.append("")
            self._in_label = True
        if tag not in self.VOID:
            self.stack.append(classes)

    def handle_endtag(self, tag: str) -> None:
        if tag == "text":
            self._in_label = False
        if tag not in self.VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if self._in_label:
            self.labels[-1] += data

    def _inside(self, name: str) -> bool:
        return any(name in classes for classes in self.stack)


def test_every_dated_event_is_drawn(hovered_dom: str) -> None:
    counter = PlotElements()
    counter.feed(hovered_dom)
    assert counter.count == {"bars": BARS + BANDS, "points": POINTS, "labels": LABELS}


def test_labels_show_the_article_text_literally(hovered_dom: str) -> None:
    counter = PlotElements()  # the main plot's labels, not the range slider's copies
    counter.feed(hovered_dom)
    texts = counter.labels
    assert len(texts) == LABELS
    shown = [text.strip("\u00a0") for text in texts]
    assert HOSTILE_LABEL in shown and "missilangreb" in shown


def test_title_buttons_legend_note_and_labels_do_not_overlap(figure: go.Figure,
                                                              browser: str,
                                                              tmp_path: Path) -> None:
    events = attacked_timeline().events
    undated = events[events["event_id"] == "ain#4"]
    many = pd.concat([undated] * 30, ignore_index=True)
    many["event_id"] = [f"forhandlinger-om-finansloven#{n}" for n in range(30)]

    class Tables:
        def __init__(self, events: pd.DataFrame) -> None:
            self.events = events

    chart = viz.plot_timeline(Tables(pd.concat([events, many], ignore_index=True)))
    chart.update_layout(width=1200)
    page = viz.write_html(chart, tmp_path / "layout.html")
    page.write_text(add_script(page.read_text(encoding="utf-8"), BOXES), encoding="utf-8")
    found = re.search(r'<pre id="boxes">(.*?)</pre>', dump_dom(page), re.DOTALL)
    assert found, "the layout script did not run"
    boxes = json.loads(html.unescape(found.group(1)))
    parts = {name: boxes[name] for name in ("title", "buttons", "legend", "notes", "plot")}
    assert all(len(found) == 1 for found in parts.values()), {k: len(v) for k, v in parts.items()}
    parts["ticks"] = [_union(boxes["ticks"])]
    names = list(parts)
    for i, first in enumerate(names):
        for second in names[i + 1:]:
            assert not _overlap(parts[first][0], parts[second][0]), (first, second)
    plot = parts["plot"][0]
    assert parts["buttons"][0][3] <= plot[1] and parts["legend"][0][3] <= plot[1]  # above
    assert parts["title"][0][3] <= parts["buttons"][0][1]  # the buttons' own line
    assert parts["notes"][0][1] >= parts["ticks"][0][3]  # the note is under the axis
    assert parts["title"][0][1] >= 0  # not cut off at the top
    labels = boxes["labels"]
    assert len(labels) == LABELS
    for i, label in enumerate(labels):
        assert plot[0] - 1 <= label[0] and label[2] <= plot[2] + 1, label  # not clipped
        assert not any(_overlap(label, other) for other in labels[i + 1:])
        assert not any(_overlap(label, mark) for mark in boxes["marks"]), label


def _overlap(first: list[float], second: list[float], tolerance: float = 1.0) -> bool:
    """Whether two [left, top, right, bottom] boxes share more than a hairline."""
    return (min(first[2], second[2]) - max(first[0], second[0]) > tolerance
            and min(first[3], second[3]) - max(first[1], second[1]) > tolerance)


def _union(boxes: list[list[float]]) -> list[float]:
    return [min(b[0] for b in boxes), min(b[1] for b in boxes),
            max(b[2] for b in boxes), max(b[3] for b in boxes)]


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
    counter = PlotElements()
    counter.feed(svg)
    assert svg.startswith("<svg") and counter.count["bars"] + counter.count["points"] == BARS + BANDS + POINTS
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
