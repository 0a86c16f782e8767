"""The one exception the exporters raise.

``ExportError`` (a ``ValueError``): the target names no supported format, the
timeline lacks columns an exporter needs, or a file would land outside the
export folder. Errors of the file system (``OSError``) pass through as they are.
"""


class ExportError(ValueError):
    """A timeline cannot be exported to the requested target."""
