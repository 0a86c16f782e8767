"""Reading documents: date headers, JSON lines, folders, stdin and every kind of bad input."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from timeline.documents import Document, DocumentError, read_documents, split_header

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


def test_jsonl_non_utf8_line_fails_alone(tmp_path: Path) -> None:
    good = jsonl(GOOD_ROW).encode()
    path = write(tmp_path / "docs.jsonl", good + b'{"id": "x", "text": "\xe6"}\n' + good)
    first, failed, last = read(path)
    documents([first, last])
    assert "not valid UTF-8 (byte 0xe6" in error(failed).reason


TEXT_CASES = [
    # (name, file content, expected error reason fragment or None)
    ("header", "date 2020-01-08 I går.", None),
    ("no header", "I går.", "no publication date"),
    ("bad header date", "date 2020-13-45 I går.", "2020-13-45"),
    ("empty", "", "empty file"),
    ("header only", " date 2020-01-08 \n", "empty text"),
    ("latin-1", "date 2020 Ærø".encode("latin-1"), "not valid UTF-8 (byte 0xc6 at offset 10)"),
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
    assert "no .txt or .jsonl files" in error(result).reason


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
