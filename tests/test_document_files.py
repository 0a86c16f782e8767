"""Documents' ids and publication times on disk (``timeline.document_files``), and how a streamed
build codes documents whose ids repeat."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from timeline import document_files
from timeline.document_files import DocumentFiles

# (doc_id, published) in the order documents come in; ids repeat, and one is not valid UTF-8
# (a file name read with surrogate escapes)
DOCUMENTS = [
    ("a.txt", "2020-01-08T07:00"),
    ("b.txt", "2020-01"),
    ("a.txt", "2020-01-09"),
    ("nyheder/ø-æ-å.txt", "2020"),
    ("b.txt", "2020-01"),
    ("bad-\udcff.txt", "2020-01-08"),
    ("a.txt", "2020-02-01T10:15+01:00"),
]
# the documents whose id an earlier one had, and the number of the first of that id
REPEATED = {2: 0, 4: 1, 6: 0}


def stored(folder: Path) -> DocumentFiles:
    documents = DocumentFiles(folder)
    assert [documents.add(*document) for document in DOCUMENTS] == list(range(len(DOCUMENTS)))
    return documents


@pytest.mark.parametrize("buffered", [1, 2, 3, 1024])
def test_ids_and_publications_read_back_as_given(buffered: int, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """Written a few documents at a time, read back in any order."""
    monkeypatch.setattr(document_files, "_BUFFERED", buffered)
    documents = stored(tmp_path)
    assert len(documents.ids) == len(documents.published) == len(DOCUMENTS)
    assert list(documents.ids) == [doc_id for doc_id, _ in DOCUMENTS]
    assert list(reversed(documents.published)) == [published for _, published in reversed(DOCUMENTS)]
    assert documents.ids[-1 + len(DOCUMENTS)] == "a.txt" and documents.ids[1:3] == ["b.txt", "a.txt"]
    for number in [5, 0, 6, 3, 3, 1]:
        assert (documents.ids[number], documents.published[number]) == DOCUMENTS[number]
    with pytest.raises(IndexError):
        documents.ids[len(DOCUMENTS)]


def test_repeated_ids_are_coded_by_the_first_document_of_the_id(tmp_path: Path) -> None:
    repeats = stored(tmp_path).repeats()
    assert dict(zip(repeats.later.tolist(), repeats.first.tolist())) == REPEATED
    assert repeats.shared == {0, 1}
    numbers = np.arange(len(DOCUMENTS), dtype=np.int32)
    canonical = repeats.canonical(numbers)
    assert canonical.dtype == np.int32
    assert canonical.tolist() == [REPEATED.get(n, n) for n in range(len(DOCUMENTS))]


def test_equal_hashes_of_different_ids_are_no_repeat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(document_files, "_digest", lambda doc_id: 7)  # every id collides
    repeats = stored(tmp_path).repeats()
    assert dict(zip(repeats.later.tolist(), repeats.first.tolist())) == REPEATED


def test_no_repeats_change_nothing(tmp_path: Path) -> None:
    documents = DocumentFiles(tmp_path)
    for k in range(5):
        documents.add(f"doc-{k}", "2020-01-08")
    repeats = documents.repeats()
    assert not repeats and repeats.shared == set()
    numbers = np.array([4, 0, 2])
    assert repeats.canonical(numbers) is numbers
