"""Write extracted expressions as JSON lines, CSV or a JSON list, atomically to files."""

from __future__ import annotations

import csv
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from normalise import TimeExpression

COLUMNS = ("doc_id", "start", "end", "text", "type", "value", "mod", "earliest", "latest")
DEFAULT_FORMAT = "jsonl"

Row = dict[str, Any]


def expression_row(doc_id: str, timex: TimeExpression) -> Row:
    """One output row: the document id and the expression's JSON-ready fields."""
    fields = timex.to_dict()
    return {"doc_id": doc_id, **{name: fields[name] for name in COLUMNS[1:]}}


def write_jsonl(rows: Iterable[Row], stream: TextIO) -> None:
    """One JSON object a line, UTF-8 kept readable."""
    for row in rows:
        stream.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[Row], stream: TextIO) -> None:
    """CSV with a header row; missing values are empty cells."""
    writer = csv.DictWriter(stream, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)


def write_json(rows: Iterable[Row], stream: TextIO) -> None:
    """One JSON list of objects."""
    json.dump(list(rows), stream, ensure_ascii=False, indent=1)
    stream.write("\n")


WRITERS: dict[str, Callable[[Iterable[Row], TextIO], None]] = {
    "jsonl": write_jsonl,
    "csv": write_csv,
    "json": write_json,
}


def format_for(path: Path | None, requested: str | None = None) -> str:
    """The requested format, else the one named by the file suffix, else JSON lines."""
    if requested:
        return requested
    suffix = path.suffix.lstrip(".").lower() if path else ""
    return suffix if suffix in WRITERS else DEFAULT_FORMAT


@contextmanager
def open_output(path: Path | None) -> Iterator[TextIO]:
    """Stdout when ``path`` is None, else a file written atomically.

    The file is written to a temporary sibling and moved into place only when
    the block succeeds, so a failed run never leaves a half-written output.
    Missing parent folders are created.
    """
    if path is None:
        yield sys.stdout
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
        os.chmod(temporary, _file_mode())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _file_mode() -> int:
    """The mode a newly created file gets under the current umask (mkstemp uses 0600)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask
