"""Charts of event timelines, drawn from a Timeline's tables only.

>>> import viz
>>> fig = viz.plot_timeline(timeline)                 # doctest: +SKIP
>>> viz.write_html(fig, "out/timeline.html")         # doctest: +SKIP
>>> viz.write_image(fig, "docs/timeline.png")        # doctest: +SKIP

``plot_timeline`` returns a Plotly figure and writes nothing; ``write_html`` writes a
standalone offline page; ``write_image`` writes PNG or SVG through headless Chromium.
A table too large to hold is charted from its chunks: ``ChartSample`` keeps what the chart needs.
"""

from viz.browser import find_browser
from viz.errors import BrowserNotFoundError, ExportError, VizError
from viz.html import plotly_config, write_html
from viz.labels import danish_date, danish_datetime, danish_time, format_interval
from viz.plot import plot_timeline
from viz.sample import ChartSample, SampledTimeline
from viz.static import write_image

__all__ = [
    "BrowserNotFoundError",
    "ChartSample",
    "ExportError",
    "SampledTimeline",
    "VizError",
    "danish_date",
    "danish_datetime",
    "danish_time",
    "find_browser",
    "format_interval",
    "plot_timeline",
    "plotly_config",
    "write_html",
    "write_image",
]
