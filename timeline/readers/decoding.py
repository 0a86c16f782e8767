"""Turn the bytes of files nobody cleaned into text, saying when they were not UTF-8.

The order is fixed, not guessed statistically (detectors such as
charset-normalizer read short Danish Windows-1252 text as Central European
cp1250, turning *Ærø* into *Ćrř*):

1. a byte-order mark names the encoding (UTF-8, UTF-16 or UTF-32); the mark
   itself is not text and is dropped;
2. valid UTF-8 is UTF-8;
3. text that is mostly UTF-8 with a few stray bytes (files pasted together)
   keeps its UTF-8 and reads each stray byte as Windows-1252;
4. anything else is Windows-1252, the superset of Latin-1 (ISO-8859-1) that
   Danish Windows software writes: ``æøå`` and ``ÆØÅ`` come out right either
   way, and the bytes 0x80-0x9F give ``€ „ “ ” – —``.

Nothing else is changed: line ends (``\\r\\n``) stay, so offsets count in the
text as written. Every encoding other than UTF-8 is reported through the
``timeline.readers`` logger as a warning naming the file.
"""

from __future__ import annotations

import codecs
import io
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import BinaryIO, cast

LOG = logging.getLogger("timeline.readers")

UTF8 = "UTF-8"
WINDOWS_1252 = "Windows-1252"
MIXED = "UTF-8 with stray Windows-1252 bytes"

# Longest first: the UTF-32 LE mark starts with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", UTF8),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)
_ESCAPED = re.compile("[\udc80-\udcff]")  # bytes that were not UTF-8, after surrogateescape
_NON_ASCII = re.compile("[^\x00-\x7f\udc80-\udcff]")
# Windows-1252 for 0x80-0x9F; the five bytes it leaves undefined stay C1 controls, as Windows reads them.
_C1 = {byte: bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in range(0x80, 0xA0)}
_C1_TABLE = str.maketrans({chr(byte): text for byte, text in _C1.items()})


@dataclass(frozen=True, slots=True)
class Decoded:
    """Text and the name of the encoding it was read in (``UTF-8``, ``Windows-1252``, ...)."""

    text: str
    encoding: str

    @property
    def is_utf8(self) -> bool:
        return self.encoding == UTF8


def decode(data: bytes) -> Decoded:
    """Decode bytes in the order described above; never fails."""
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            return Decoded(data.decode(codec, "replace"), name)
    try:
        return Decoded(data.decode("utf-8"), UTF8)
    except UnicodeDecodeError:
        pass
    escaped = data.decode("utf-8", "surrogateescape")
    if len(_NON_ASCII.findall(escaped)) > len(_ESCAPED.findall(escaped)):
        return Decoded(_ESCAPED.sub(lambda m: _cp1252(ord(m.group()) - 0xDC00), escaped), MIXED)
    return Decoded(data.decode("latin-1").translate(_C1_TABLE), WINDOWS_1252)


def looks_binary(data: bytes, decoded: Decoded) -> bool:
    """NUL bytes in text that is not UTF-8: an image or a PDF, or UTF-16 without a mark."""
    return not decoded.is_utf8 and decoded.encoding not in ("UTF-16", "UTF-32") and b"\x00" in data


def warn_encoding(source: str, encoding: str, later: bool = False) -> None:
    """Say on the ``timeline.readers`` logger that ``source`` was not UTF-8."""
    tail = " (and any later line of this file that is not UTF-8)" if later else ""
    LOG.warning("%s: not UTF-8; decoded as %s%s", source, encoding, tail)


def decoded_lines(stream: BinaryIO, path: str) -> Iterator[str]:
    """The lines of a file, ends kept, each decoded on its own; one warning per file.

    A file that opens with a UTF-16 or UTF-32 byte-order mark is decoded as a
    whole, as line ends cannot be found in its bytes.
    """
    buffered = stream if isinstance(stream, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, stream))
    wide = _wide_codec(buffered.peek(4)[:4])
    if wide is None:
        yield from decode_lines(buffered, path)
        return
    warn_encoding(path, wide.upper())
    yield from io.TextIOWrapper(buffered, encoding=wide, errors="replace", newline="")


def decode_lines(lines: Iterable[bytes], path: str) -> Iterator[str]:
    """Each line decoded on its own (see ``decode``); one warning for the first that is not UTF-8."""
    warned = False
    for number, line in enumerate(lines, start=1):
        decoded = decode(line)
        if not decoded.is_utf8 and not warned:
            warn_encoding(f"{path}:{number}", decoded.encoding, later=True)
            warned = True
        yield decoded.text


def _wide_codec(head: bytes) -> str | None:
    """``utf-16`` or ``utf-32`` when ``head`` starts with their byte-order mark."""
    return next((codec for mark, codec, _ in _BOMS if head.startswith(mark) and codec != "utf-8-sig"), None)


def _cp1252(byte: int) -> str:
    return _C1.get(byte, chr(byte))
