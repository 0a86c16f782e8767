"""Reading documents: date headers, JSON lines, folders, stdin and every kind of bad input."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from timeline.documents import (
    Document,
    DocumentError,
    count_documents,
    read_documents,
    split_header,
)

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "ain-al-asad.txt"


@pytest.mark.parametrize(
    ("raw", "date", "text"),
    [
        (" date 2020-01 Ifølge Forsvaret", "2020-01", "Ifølge Forsvaret"),
        ("date 2020-01-08\n\nI går kom han.", "2020-01-08", "I går kom han."),
        ("\n  \tdate 2020\tTekst", "2020", "Tekst"),
        ("date 2020-01-08T01:15 Tekst", "2020-01-08T01:15", "Tekst"),
        ("date 2020-01-08T01:15+01:00\r\nTekst", "2020-01-08T01:15+01:00", "Tekst"),
        ("date 2020-01-08", "2020-01-08", ""),
        ("Ingen header her.", None, "Ingen header her."),
        ("datering 2020 Tekst", None, "datering 2020 Tekst"),
        ("date mandag Tekst", None, "date mandag Tekst"),
        ("Tekst\ndate 2020-01-08", None, "Tekst\ndate 2020-01-08"),
    ],
)
def test_split_header(raw: str, date: str | None, text: str) -> None:
    assert split_header(raw) == (date, text)


def test_sample_offsets_count_after_header() -> None:
    [doc] = read_documents([str(SAMPLE)])
    assert isinstance(doc, Document)
    assert (doc.id, doc.published, doc.source) == ("ain-al-asad", "2020-01", str(SAMPLE))
    assert doc.text.startswith("Ifølge Forsvaret")
    assert doc.text[161:178] == "natten til onsdag"


def write(path: Path, content: str | bytes) -> Path:
    """Write text (UTF-8) or bytes to ``path`` and return it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = content.encode("utf-8") if isinstance(content, str) else content
    path.write_bytes(data)
    return path


def read(*paths: Path | str, published: str | None = None) -> list[Document | DocumentError]:
    """Every result of reading ``paths``."""
    return list(read_documents([str(p) for p in paths], published=published))


def documents(results: list[Document | DocumentError]) -> list[Document]:
    """``results``, checking that every one is a Document."""
    assert all(isinstance(r, Document) for r in results), results
    return [r for r in results if isinstance(r, Document)]


def error(result: Document | DocumentError) -> DocumentError:
    """``result``, checking that it is a DocumentError."""
    assert isinstance(result, DocumentError), result
    return result


def jsonl(*rows: object) -> str:
    """JSON lines from rows; strings are written as they are (for broken lines)."""
    lines = (r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows)
    return "".join(line + "\n" for line in lines)


GOOD_ROW = {"id": "a", "published": "2020-01-08", "text": "I går."}

JSONL_CASES = [
    # (name, line, expected id of the result, error reason fragment or None)
    ("good", GOOD_ROW, "a", None),
    ("no id", {"published": "2020-01-08", "text": "I dag."}, "docs.jsonl:2", None),
    ("numeric id", {"id": 7, "published": "2020", "text": "I år."}, "7", None),
    ("invalid json", '{"id": "b", "text": ', None, "invalid JSON"),
    ("not an object", "[1, 2]", None, "expected a JSON object"),
    ("missing text", {"id": "c", "published": "2020-01-08"}, "c", "missing field 'text'"),
    ("text not a string", {"id": "d", "published": "2020", "text": 5}, "d", "must be a string"),
    ("missing published", {"id": "e", "text": "I går."}, "e", "missing field 'published'"),
    ("bad published", {"id": "f", "published": "nonsense", "text": "I går."}, "f", "nonsense"),
    ("empty text", {"id": "g", "published": "2020-01-08", "text": "  \n"}, "g", "empty text"),
]


@pytest.mark.parametrize(
    ("row", "doc_id", "reason"), [pytest.param(*case, id=name) for name, *case in JSONL_CASES]
)
def test_jsonl_row(tmp_path: Path, row: object, doc_id: str | None, reason: str | None) -> None:
    path = write(tmp_path / "docs.jsonl", jsonl(GOOD_ROW, row, GOOD_ROW))
    first, result, last = read(path)
    assert first == Document("a", "I går.", "2020-01-08", f"{path}:1")
    assert last == Document("a", "I går.", "2020-01-08", f"{path}:3")
    if reason is None:
        assert isinstance(result, Document) and result.id == doc_id
    else:
        assert isinstance(result, DocumentError) and reason in result.reason
        assert result.doc_id == doc_id and result.source == f"{path}:2"


def test_jsonl_skips_blank_lines_and_keeps_line_numbers(tmp_path: Path) -> None:
    path = write(tmp_path / "docs.jsonl", "\n" + jsonl({"published": "2020", "text": "x"}) + "  \n")
    assert [d.id for d in documents(read(path))] == ["docs.jsonl:2"]


def test_jsonl_non_utf8_line_is_decoded_alone_and_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    good = jsonl(GOOD_ROW).encode()
    path = write(tmp_path / "docs.jsonl", good + b'{"id": "x", "published": "2020", "text": "\xc6r\xf8"}\n' + good)
    first, latin, last = documents(read(path))
    assert (first.text, latin.text, last.text) == ("I går.", "Ærø", "I går.")
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:2: not UTF-8; decoded as Windows-1252 (and any later line of this file that is not UTF-8)"]


def test_jsonl_lone_surrogate_escape_reads_as_replacement_character(tmp_path: Path,
                                                                   caplog: pytest.LogCaptureFixture) -> None:
    """"\\ud800" pairs with no other escape: no character, and no UTF-8 output could hold it.
    A paired escape ("\\ud83d\\ude00") is the one character it spells."""
    line = '{"id": "x", "published": "2020", "text": "I g\\u00e5r \\ud800 \\ud83d\\ude00.", "outlet": ["\\udc80"]}\n'
    path = write(tmp_path / "docs.jsonl", jsonl(GOOD_ROW) + line)
    first, odd = documents(read(path))
    assert first.text == "I går."
    assert odd.text == "I går \ufffd \U0001f600." and odd.extra == {"outlet": ["\ufffd"]}
    assert [r.getMessage() for r in caplog.records] == [
        f"{path}:2: a \\ud800-\\udfff escape that pairs with none is no character; read as U+FFFD"]


TEXT_CASES = [
    # (name, file content, expected error reason fragment or None)
    ("header", "date 2020-01-08 I går.", None),
    ("no header", "I går.", "no publication date"),
    ("bad header date", "date 2020-13-45 I går.", "2020-13-45"),
    ("empty", "", "empty file"),
    ("header only", " date 2020-01-08 \n", "empty text"),
    ("binary", b"date 2020-01-08 \x89PNG\x00\x00\x01", "not text: it has NUL bytes"),
    ("garbled header", "Date: 2020-01-08 I går.", "garbled date header 'Date: 2020-01-08 I går.'"),
    ("Danish header", "dato 8. januar 2020\nI går.", "garbled date header 'dato 8. januar 2020'"),
]


@pytest.mark.parametrize(
    ("content", "reason"), [pytest.param(*case, id=name) for name, *case in TEXT_CASES]
)
def test_text_file(tmp_path: Path, content: str | bytes, reason: str | None) -> None:
    path = write(tmp_path / "story.txt", content)
    [result] = read(path)
    if reason is None:
        assert result == Document("story", "I går.", "2020-01-08", str(path))
    else:
        assert error(result) == DocumentError(str(path), "story", error(result).reason)
        assert reason in error(result).reason


def test_utf8_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "bom.txt", b"\xef\xbb\xbfI g\xc3\xa5r.")
    [doc] = documents(read(path, published="2020-01-08"))
    assert doc.text == "I går."


@pytest.mark.parametrize(
    ("content", "published"),
    [
        ("I går.", "2021-06-15"),  # no header: the override is enough
        ("date 2020-01-08 I går.", "2021-06-15"),  # header: the override wins
        ("date 2020-13-45 I går.", "2021-06-15"),  # a bad header does not matter then
    ],
)
def test_published_override(tmp_path: Path, content: str, published: str) -> None:
    txt = write(tmp_path / "a.txt", content)
    rows = write(tmp_path / "b.jsonl", jsonl({"id": "b", "text": "I går."}))
    results = read(txt, rows, published=published)
    assert [d.published for d in documents(results)] == [published] * 2


def test_folder_is_read_recursively_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b.txt", "date 2020 B.")
    write(tmp_path / "a" / "z.txt", "date 2020 Z.")
    write(tmp_path / "a" / "rows.jsonl", jsonl({"id": "r", "published": "2020", "text": "R."}))
    write(tmp_path / "notes.md", "date 2020 ignored")
    write(tmp_path / ".venv" / "LICENSE.txt", "date 2020 hidden folder")
    write(tmp_path / "a" / ".draft.txt", "date 2020 hidden file")
    assert [d.id for d in documents(read(tmp_path))] == ["r", "z", "b"]


def test_empty_folder_is_an_error(tmp_path: Path) -> None:
    [result] = read(tmp_path)
    assert "no .txt, .jsonl, .csv or .parquet files" in error(result).reason


@pytest.mark.parametrize("name", ["missing.txt", "missing.jsonl", "missing-folder"])
def test_missing_path_is_an_error_and_reading_goes_on(tmp_path: Path, name: str) -> None:
    good = write(tmp_path / "good.txt", "date 2020 Tekst.")
    missing, doc = read(tmp_path / name, good)
    assert missing == DocumentError(str(tmp_path / name), None, "no such file or directory")
    assert documents([doc])[0].id == "good"


@pytest.mark.parametrize(
    ("data", "ids"),
    [
        (b"date 2020-01-08 I g\xc3\xa5r.", ["stdin"]),
        (jsonl(GOOD_ROW, {"published": "2020", "text": "x"}).encode(), ["a", "stdin:2"]),
        (b"  \n" + jsonl(GOOD_ROW).encode(), ["a"]),
    ],
)
def test_stdin(data: bytes, ids: list[str]) -> None:
    results = list(read_documents(["-"], stdin=io.BytesIO(data)))
    assert [d.id for d in documents(results)] == ids


@pytest.mark.parametrize(
    ("error", "line"),
    [
        (DocumentError("x.txt", "x", "empty text"), "x: empty text"),
        (DocumentError("x.jsonl:3", None, "bad\n  line"), "x.jsonl:3: bad line"),
    ],
)
def test_document_error_is_one_line(error: DocumentError, line: str) -> None:
    assert str(error) == line


ENCODING_CASES = [
    # (name, file bytes, expected text, expected warning or None)
    ("utf-8", "date 2020-01-08 Ærø “i går”".encode(), "Ærø “i går”", None),
    ("utf-8 bom", b"\xef\xbb\xbf" + "date 2020-01-08 Ærø".encode(), "Ærø", None),
    ("latin-1", "date 2020-01-08 Ærø og Søby".encode("latin-1"), "Ærø og Søby", "Windows-1252"),
    ("windows-1252", "date 2020-01-08 “Ærø” – 5 €".encode("cp1252"), "“Ærø” – 5 €", "Windows-1252"),
    ("undefined windows-1252 byte", b"date 2020-01-08 \xe6\x81", "æ\x81", "Windows-1252"),
    ("utf-16 with bom", "date 2020-01-08 Ærø".encode("utf-16"), "Ærø", "UTF-16"),
    ("utf-8 with a stray latin-1 byte", "date 2020-01-08 Ærø, Søby og ".encode() + b"\xc6r\xf8",
     "Ærø, Søby og Ærø", "UTF-8 with stray Windows-1252 bytes"),
]


@pytest.mark.parametrize(
    ("data", "text", "warning"), [pytest.param(*case, id=name) for name, *case in ENCODING_CASES]
)
def test_text_file_encoding_is_detected_and_reported(tmp_path: Path, caplog: pytest.LogCaptureFixture,
                                                     data: bytes, text: str, warning: str | None) -> None:
    path = write(tmp_path / "story.txt", data)
    [doc] = documents(read(path))
    assert doc.text == text
    messages = [r.getMessage() for r in caplog.records]
    assert messages == ([f"{path}: not UTF-8; decoded as {warning}"] if warning else [])


@pytest.mark.parametrize(
    ("content", "text"),
    [
        ("date 2020-01-08\r\nI går.\r\nI dag.\r\n", "I går.\r\nI dag.\r\n"),  # CRLF kept: offsets count \r
        ("Date: 2020-01-08\nI går.", "Date: 2020-01-08\nI går."),  # no header: nothing is removed
    ],
)
def test_text_is_kept_as_written(tmp_path: Path, content: str, text: str) -> None:
    path = write(tmp_path / "a.txt", content)
    [doc] = documents(read(path, published="2020-01-08"))
    assert doc.text == text


def csv_text(*rows: list[str], delimiter: str = ",") -> str:
    """CSV text (CRLF line ends, as Excel writes) from rows of cells."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue()


HEADER = ["id", "published", "text", "outlet"]
ROW = ["a", "2020-01-08", "I går.", "DR"]

CSV_CASES = [
    # (name, csv text, expected [(id, text, extra) or error fragment] per row)
    ("comma", csv_text(HEADER, ROW), [("a", "I går.", {"outlet": "DR"})]),
    ("semicolon", csv_text(HEADER, ROW, delimiter=";"), [("a", "I går.", {"outlet": "DR"})]),
    ("tab", csv_text(HEADER, ROW, delimiter="\t"), [("a", "I går.", {"outlet": "DR"})]),
    ("multi-line text keeps CRLF", csv_text(HEADER, ["a", "2020", "I går.\r\nI dag.", "DR"]),
     [("a", "I går.\r\nI dag.", {"outlet": "DR"})]),
    ("no id column", csv_text(["text", "published"], ["I går.", "2020"], ["x", "2020"]),
     [("docs.csv:2", "I går.", {}), ("docs.csv:3", "x", {})]),
    ("empty id cell", csv_text(HEADER, ["", "2020", "I går.", ""]), [("docs.csv:2", "I går.", {"outlet": ""})]),
    ("blank lines skipped", csv_text(HEADER) + "\r\n" + csv_text(ROW), [("a", "I går.", {"outlet": "DR"})]),
    ("row numbers count lines", csv_text(["text", "published"], ["1\n2", "2020"], ["x", "2020"]),
     [("docs.csv:2", "1\n2", {}), ("docs.csv:4", "x", {})]),
    ("missing published", csv_text(HEADER, ["a", "", "I går.", "DR"]), ["missing field 'published'"]),
    ("bad published", csv_text(HEADER, ["a", "i morgen", "I går.", "DR"]), ["i morgen"]),
    ("empty text", csv_text(HEADER, ["a", "2020", " ", "DR"]), ["empty text"]),
    ("too many fields", csv_text(HEADER, ROW + ["x"], ROW), ["row has 5 fields; the header has 4",
                                                            ("a", "I går.", {"outlet": "DR"})]),
    ("no text column", csv_text(["id", "body"], ["a", "I går."]), ["no 'text' column"]),
    ("empty file", "", ["empty file"]),
]


@pytest.mark.parametrize(("content", "expected"), [pytest.param(*case, id=name) for name, *case in CSV_CASES])
def test_csv_rows(tmp_path: Path, content: str, expected: list) -> None:
    results = read(write(tmp_path / "docs.csv", content))
    assert len(results) == len(expected)
    for result, want in zip(results, expected):
        if isinstance(want, str):
            assert want in error(result).reason
        else:
            doc = documents([result])[0]
            assert (doc.id, doc.text, doc.extra) == want


def test_csv_in_windows_1252_with_bom_and_published_override(tmp_path: Path,
                                                             caplog: pytest.LogCaptureFixture) -> None:
    utf8_bom = write(tmp_path / "a.csv", b"\xef\xbb\xbf" + csv_text(["id", "text"], ["a", "Ærø"]).encode())
    latin = write(tmp_path / "b.csv", csv_text(["id", "text"], ["b", "Søby"]).encode("cp1252"))
    assert [(d.id, d.text, d.published) for d in documents(read(utf8_bom, latin, published="2021"))] == [
        ("a", "Ærø", "2021"), ("b", "Søby", "2021")]
    assert [r.getMessage() for r in caplog.records] == [
        f"{latin}:2: not UTF-8; decoded as Windows-1252 (and any later line of this file that is not UTF-8)"]


def write_parquet(path: Path, columns: dict[str, list]) -> Path:
    pq.write_table(pa.table(columns), path)
    return path


def test_parquet_rows_carry_extra_columns_and_typed_dates(tmp_path: Path) -> None:
    path = write_parquet(tmp_path / "docs.parquet", {
        "text": ["I går.", None, "I dag."],
        "published": [datetime(2020, 1, 8, 1, 15), datetime(2020, 1, 8), None],
        "outlet": ["DR", "TV 2", "Politiken"],
    })
    first, no_text, no_date = read(path)
    assert first == Document("docs.parquet:1", "I går.", "2020-01-08T01:15:00", f"{path}:1", {"outlet": "DR"})
    assert error(no_text).reason == "missing field 'text'"
    assert error(no_date).source == f"{path}:3" and "published" in error(no_date).reason


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"PAR1 not really", "not a Parquet file"), (None, "no 'text' column")],
)
def test_parquet_file_errors(tmp_path: Path, content: bytes | None, reason: str) -> None:
    path = tmp_path / "docs.parquet"
    if content is None:
        write_parquet(path, {"id": ["a"], "body": ["I går."]})
    else:
        write(path, content)
    [result] = read(path)
    assert reason in error(result).reason


def test_folder_reads_every_format_in_sorted_order(tmp_path: Path) -> None:
    write(tmp_path / "b" / "rows.csv", csv_text(["id", "published", "text"], ["csv", "2020", "C."]))
    write_parquet(tmp_path / "a.parquet", {"id": ["pq"], "published": ["2020"], "text": ["P."]})
    write(tmp_path / "c.jsonl", jsonl({"id": "js", "published": "2020", "text": "J."}))
    write(tmp_path / "b" / "a.TXT", "date 2020 T.")
    assert [d.id for d in documents(read(tmp_path))] == ["pq", "a", "csv", "js"]


@pytest.mark.parametrize(
    ("files", "expected"),
    [
        ({"a.txt": "date 2020 x", "b.jsonl": jsonl(GOOD_ROW, GOOD_ROW) + "\n"}, 3),
        ({"c.csv": csv_text(["id", "text"], ["a", "1\n2"], ["b", "x"])}, 2),
        ({}, 1),  # an empty folder is one error
    ],
)
def test_count_documents_matches_what_reading_gives(tmp_path: Path, files: dict[str, str], expected: int) -> None:
    for name, content in files.items():
        write(tmp_path / name, content)
    assert count_documents([str(tmp_path)]) == expected == len(read(tmp_path))
    assert count_documents(["-"]) is None


def make_corpus(folder: Path, kind: str, count: int) -> Path:
    """A corpus of ``count`` documents of about 2 kB in one format, for the memory test."""
    texts = [f"Dokument {n}. " + "Mødet blev holdt i går. " * 80 for n in range(count)]
    ids = [f"d{n}" for n in range(count)]
    if kind == "txt":
        for doc_id, text in zip(ids, texts):
            write(folder / f"{doc_id}.txt", "date 2020-01-08 " + text)
        return folder
    if kind == "parquet":
        return write_parquet(folder / "c.parquet", {"id": ids, "published": ["2020"] * count, "text": texts})
    if kind == "csv":
        return write(folder / "c.csv", csv_text(["id", "published", "text"],
                                                *([i, "2020", t] for i, t in zip(ids, texts))))
    return write(folder / "c.jsonl", jsonl(*({"id": i, "published": "2020", "text": t} for i, t in zip(ids, texts))))


@pytest.mark.parametrize("kind", ["jsonl", "csv", "parquet", "txt"])
def test_reading_streams_with_flat_memory(tmp_path: Path, kind: str) -> None:
    corpus = make_corpus(tmp_path, kind, 3000 if kind != "txt" else 600)  # about 7 MB held at once (1.5 MB of files)
    tracemalloc.start()
    try:
        count = sum(1 for _ in documents_only(read_documents([str(corpus)])))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert count == (3000 if kind != "txt" else 600)
    limit = 2_000_000 if kind == "parquet" else 500_000  # a record batch of 512 rows; one line or file
    assert peak < limit, f"reading {kind} held {peak} bytes at once"


def documents_only(results: Iterator[Document | DocumentError]) -> Iterator[Document]:
    for result in results:
        assert isinstance(result, Document), result
        yield result
