"""Atomic file writing: a temporary sibling moved into place only when complete.

Every file the toolkit writes (charts, images, tables, exports) goes through
``atomic_output``, so an interrupted or failed run never leaves a half-written
file, and an existing file stays as it was until the new one is whole.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any


@contextmanager
def atomic_output(path: str | os.PathLike[str], mode: str = "w", **options: Any) -> Iterator[IO[Any]]:
    """A stream whose contents replace ``path`` only when the block succeeds.

    ``mode`` is ``"w"`` or ``"wb"``; ``options`` go to ``open`` (``encoding``,
    ``newline``). Missing parent folders are created. On failure neither a
    partial file nor the temporary file is left behind.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
        os.chmod(temporary, _file_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomically(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` through ``atomic_output``."""
    with atomic_output(path, "wb") as stream:
        stream.write(data)
    return Path(path)


def _file_mode() -> int:
    """The mode a new file gets under the current umask (mkstemp would give 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
