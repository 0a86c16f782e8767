"""The exceptions of ``viz``.

- :class:`VizError`: base of everything ``viz`` raises on purpose
  (bad arguments are :class:`ValueError`, as usual in Python).

  - :class:`BrowserNotFoundError`: static export needs a Chromium-type browser and
    none was found.
  - :class:`ExportError`: the browser ran but gave no image (crash, time-out, script error).
"""

from __future__ import annotations


class VizError(Exception):
    """Base class of the errors raised by ``viz``."""


class BrowserNotFoundError(VizError):
    """No headless-capable Chromium-type browser was found for static export."""


class ExportError(VizError):
    """The browser ran but did not produce the requested image."""
