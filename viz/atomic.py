"""Atomic file writing: a temporary sibling moved into place only when complete.

Every file the toolkit writes (charts, images, tables, exports) goes through
``atomic_output``, so an interrupted or failed run never leaves a half-written
file, and an existing file stays as it was until the new one is whole.
"""

from __future__ import annotations

import errno
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
    handle, temporary = _temporary_beside(target)
    try:
        with os.fdopen(handle, mode, **options) as stream:
            yield stream
        os.chmod(temporary, _file_mode())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(path: str | os.PathLike[str], *, folder: bool = False) -> None:
    """Raise OSError (naming ``path``) when ``atomic_output`` could not write ``path``, or with
    ``folder`` a file in the folder ``path``: for a long run to find out before it starts, not
    after. Creates missing folders."""
    target = Path(path)
    handle, temporary = _temporary_beside(target / "file" if folder else target, shown=target)
    os.close(handle)
    os.unlink(temporary)


def _temporary_beside(target: Path, shown: Path | None = None) -> tuple[int, str]:
    """A new temporary file in ``target``'s folder (made if missing); an OSError names the target
    (or ``shown``), not the temporary file."""
    not_a_folder(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        return tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise OSError(err.errno, f"cannot write there: {err.strerror or err}", str(shown or target)) from None


def not_a_folder(target: Path) -> None:
    """Raise OSError when ``target``, a file to write, is an existing folder (found before a run,
    not when its output is moved into place at the end)."""
    if target.is_dir():
        raise IsADirectoryError(errno.EISDIR, "is a folder; name a file to write", str(target))


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
