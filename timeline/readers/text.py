"""Plain-text documents: one ``.txt`` file (or stdin) is one document.

A file may open with a header naming its publication time::

     date 2020-01-08 Teksten begynder her ...

The header is ``date`` and an ISO date of any precision (``2020``,
``2020-01``, ``2020-01-08``, ``2020-01-08T01:15``), optionally preceded by
whitespace. The header and the whitespace after it are removed; character
offsets count from the first character after them, in the text as written
(a ``\\r\\n`` line end is two characters). Anything else at the start that
looks like a header (``Date: 2020-01-08``, ``dato 8. januar``) is not one: it
stays in the text, and without ``--published`` the document is an error
that quotes it.
"""

from __future__ import annotations

import re
from pathlib import Path

from timeline.readers.decoding import decode, looks_binary, warn_encoding
from timeline.readers.results import DocumentError, ReadResult, make_document, os_reason

_HEADER = re.compile(r"\A\s*date[ \t]+(\d{4}\S*)(?:\s+|\Z)")
_NEAR_HEADER = re.compile(r"\A\s*(?:date|dato)\b[^\n]{0,40}", re.IGNORECASE)
NO_DATE = "no publication date: start the file with 'date YYYY-MM-DD' or pass --published"


def read_text_file(path: Path, published: str | None = None) -> ReadResult:
    """Read one plain-text document; its id is the file name without suffix."""
    try:
        data = path.read_bytes()
    except OSError as err:
        return DocumentError(str(path), None, os_reason(err))
    return text_document(data, path.stem, str(path), published)


def text_document(data: bytes, doc_id: str, source: str, published: str | None) -> ReadResult:
    """Build a document from the bytes of a plain-text file with an optional date header."""
    decoded = decode(data)
    if looks_binary(data, decoded):
        return DocumentError(source, doc_id, "not text: it has NUL bytes (binary, or UTF-16 without a byte-order mark)")
    if not decoded.is_utf8:
        warn_encoding(source, decoded.encoding)
    if not decoded.text.strip():
        return DocumentError(source, doc_id, "empty file")
    header_date, body = split_header(decoded.text)
    date = published or header_date
    if date is None:
        return DocumentError(source, doc_id, _missing_date_reason(decoded.text))
    return make_document(doc_id, body, date, source)


def split_header(text: str) -> tuple[str | None, str]:
    """Split ``text`` into its ``date`` header value (or None) and the text after it."""
    match = _HEADER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end():]


def _missing_date_reason(text: str) -> str:
    near = _NEAR_HEADER.match(text)
    if near is None:
        return NO_DATE
    found = near.group().strip()
    return f"garbled date header {found!r}: write it as 'date' and an ISO date (date 2020-01-08) or pass --published"
