"""One module per input format, all streaming ``Document | DocumentError``.

- ``results``: ``Document``, ``DocumentError`` and the checks every format shares;
- ``decoding``: bytes to text for files nobody cleaned (encodings, byte-order marks);
- ``text``: ``.txt`` files with an optional ``date`` header;
- ``jsonl``: JSON lines; ``csvfile``: CSV; ``parquet``: Parquet.

``timeline.documents`` picks the reader for each input and is the public entry point.
"""
